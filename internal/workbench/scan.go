package workbench

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/token"
)

// textScanner tokenizes articles the way stance.Scorer does (dropped page
// furniture left out) and marks the tokens the lexicons already match.
// It reuses its buffers and is not safe for concurrent use.
type textScanner struct {
	tz       token.Tokenizer
	scanners []*lexicon.Scanner
	// For the last text scanned, per token: covered by a lexicon match
	// (term, except phrase or distance cue), and whether a phrase may not
	// run on from the token before (sentence punctuation, a line break or
	// dropped text between them).
	covered, brk []bool
	// matches are the term matches of the last text, by matcher.
	matches [][]lexicon.Match
}

func newTextScanner(ms []*lexicon.Matcher) *textScanner {
	s := &textScanner{matches: make([][]lexicon.Match, len(ms))}
	for _, m := range ms {
		s.scanners = append(s.scanners, m.NewScanner())
	}
	return s
}

// scan tokenizes text and fills covered, brk and matches.
func (s *textScanner) scan(text string, dropped []corpus.Span) *token.Tokens {
	ts := s.tz.Tokenize(text)
	token.Drop(ts, dropped)
	s.brk = s.brk[:0]
	for i, t := range ts.List {
		s.brk = append(s.brk, i == 0 || t.AfterDropped || token.BreaksName(text[ts.List[i-1].End:t.Start]))
	}
	s.covered = s.covered[:0]
	for range ts.List {
		s.covered = append(s.covered, false)
	}
	for mi, sc := range s.scanners {
		s.matches[mi] = s.matches[mi][:0]
		for _, m := range sc.Scan(ts) {
			for t := m.FirstToken; t <= m.LastToken; t++ {
				s.covered[t] = true
			}
			if m.Kind == lexicon.KindTerm {
				s.matches[mi] = append(s.matches[mi], m)
			}
		}
	}
	return ts
}

// isNumber reports whether a folded token is a number (digits, with the ,
// and . of 2,000 and 2.5): numbers name quantities and dates, not actors.
func isNumber(w []byte) bool {
	digit := false
	for i := 0; i < len(w); {
		r, size := utf8.DecodeRune(w[i:])
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

// context returns up to width bytes of text on each side of [start, end),
// cut at word boundaries and with white space collapsed, as
// "… left [term] right …".
func context(text string, start, end, width int) string {
	ls := max(0, start-width)
	for ls > 0 && ls < start && !utf8.RuneStart(text[ls]) {
		ls++
	}
	left := text[ls:start]
	if ls > 0 && !strings.ContainsRune(" \t\n", rune(text[ls-1])) {
		// Cut the partial word at the left edge.
		if i := strings.IndexAny(left, " \t\n"); i >= 0 {
			left = left[i+1:]
		}
	}
	re := min(len(text), end+width)
	for re < len(text) && re > end && !utf8.RuneStart(text[re]) {
		re--
	}
	right := text[end:re]
	if re < len(text) && !strings.ContainsRune(" \t\n", rune(text[re])) {
		if i := strings.LastIndexAny(right, " \t\n"); i >= 0 {
			right = right[:i]
		}
	}
	var b strings.Builder
	if ls > 0 {
		b.WriteString("… ")
	}
	b.WriteString(strings.TrimLeft(collapse(left), " "))
	b.WriteByte('[')
	b.WriteString(collapse(text[start:end]))
	b.WriteByte(']')
	b.WriteString(strings.TrimRight(collapse(right), " "))
	if re < len(text) {
		b.WriteString(" …")
	}
	return b.String()
}

// collapse turns every run of white space into one space, keeping a
// leading or trailing one.
func collapse(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
