package ngram

import (
	"unicode"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/english"
)

// IsStopword reports whether a folded word is a stopword (english.Stopword,
// the one list) or has fewer than two letters.
func IsStopword(w []byte) bool {
	return utf8.RuneCount(w) < 2 || english.Stopword(w)
}

// IsNumber reports whether a folded word is a number: digits, possibly
// with the , and . of 2,000 and 2.5. Numbers name quantities and dates,
// not actors.
func IsNumber(w []byte) bool {
	digit := false
	for i := 0; i < len(w); {
		r, size := rune(w[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(w[i:])
		}
		switch {
		case unicode.IsDigit(r):
			digit = true
		case r == ',' || r == '.':
		default:
			return false
		}
		i += size
	}
	return digit
}
