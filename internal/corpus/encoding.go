package corpus

import (
	"bytes"
	"slices"
	uni "unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// repairUTF8 returns b with every byte that is not part of a valid UTF-8
// sequence decoded as Windows-1252, and the number of such bytes. Text that
// is not UTF-8 is most often Latin-1 or Windows-1252 (old news sites, Excel
// exports), so this recovers "café" where U+FFFD would lose it; when the
// guess is wrong the result is no worse than replacement characters. b is
// returned unchanged, without copying, when it is valid.
func repairUTF8(b []byte) ([]byte, int) {
	if utf8.Valid(b) {
		return b, 0
	}
	out := make([]byte, 0, len(b)+len(b)/8)
	bad := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			out = utf8.AppendRune(out, charmap.Windows1252.DecodeByte(b[0]))
			bad++
			b = b[1:]
			continue
		}
		out = append(out, b[:size]...)
		b = b[size:]
	}
	return out, bad
}

func repairString(s string) (string, int) {
	if utf8.ValidString(s) {
		return s, 0
	}
	b, n := repairUTF8([]byte(s))
	return string(b), n
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// binaryMagic are the openings of file types researchers save next to
// articles (PDFs, images, office documents, archives) that are not text.
var binaryMagic = [][]byte{
	[]byte("%PDF-"),
	[]byte("PK\x03\x04"),        // zip, docx, xlsx, epub
	[]byte("\x89PNG\r\n\x1a\n"), // png
	[]byte("\xff\xd8\xff"),      // jpeg
	[]byte("GIF87a"), []byte("GIF89a"),
	[]byte("\xd0\xcf\x11\xe0"),    // old MS Office
	[]byte("7z\xbc\xaf\x27\x1c"),  // 7-zip
	[]byte("BZh"),                 // bzip2
	[]byte("\xfd7zXZ\x00"),        // xz
	[]byte("\x28\xb5\x2f\xfd"),    // zstd
	[]byte("SQLite format 3\x00"), // sqlite
	[]byte("\x7fELF"),             // executables
}

// looksBinary reports whether the opening bytes of a file are not text: a
// known binary signature, a NUL byte (unless nulOK), or many control
// characters. Invalid UTF-8 alone is not binary; it is repaired.
func looksBinary(head []byte, nulOK bool) bool {
	for _, m := range binaryMagic {
		if bytes.HasPrefix(head, m) {
			return true
		}
	}
	if len(head) == 0 {
		return false
	}
	if !nulOK && bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, c := range head {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b) || c == 0x7f {
			ctrl++
		}
	}
	return ctrl*10 > len(head)
}

// sniffUTF16 recognises UTF-16 text without a byte-order mark, which
// would otherwise look binary (Latin text has a NUL every other byte,
// Cyrillic or Arabic a control character). In one byte order the opening
// bytes must decode to text (letters, digits, marks, punctuation, symbols,
// spaces) without broken surrogates, and the high bytes must be those of a
// few scripts: three values make nine in ten of them.
func sniffUTF16(head []byte) (unicode.Endianness, bool) {
	if !slices.ContainsFunc(head, func(c byte) bool { return c < '\t' }) {
		return unicode.LittleEndian, false // no NUL or low control byte: not UTF-16
	}
	n := len(head) &^ 1
	if n == sniffSize {
		n -= 2 // the last unit may be half a surrogate pair
	}
	if n < 8 {
		return unicode.LittleEndian, false
	}
	for _, order := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
		units := make([]uint16, n/2)
		var highs [256]int
		for i := range units {
			lo, hi := head[2*i], head[2*i+1]
			if order == unicode.BigEndian {
				lo, hi = hi, lo
			}
			units[i] = uint16(lo) | uint16(hi)<<8
			highs[hi]++
		}
		slices.Sort(highs[:])
		if (highs[255]+highs[254]+highs[253])*10 < len(units)*9 {
			continue
		}
		text, runes := 0, 0
		for _, r := range utf16.Decode(units) {
			runes++
			if r != 0xFFFD && (uni.IsLetter(r) || uni.IsDigit(r) || uni.IsMark(r) || uni.IsPunct(r) || uni.IsSpace(r) || uni.IsSymbol(r)) {
				text++
			}
		}
		if text*100 >= runes*95 {
			return order, true
		}
	}
	return unicode.LittleEndian, false
}
