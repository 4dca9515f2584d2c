package stance

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

// naivePosition is the definition lineIndex must agree with: count lines
// and runes from the top.
func naivePosition(text string, offset int) (line, col int) {
	before := text[:offset]
	start := strings.LastIndexByte(before, '\n') + 1
	return strings.Count(before, "\n") + 1, utf8.RuneCountInString(before[start:]) + 1
}

func TestLineIndex(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		offsets []int
	}{
		{"one line", "abc def ghi", []int{0, 4, 8, 11}},
		{"several lines", "ab\ncd\n\nef", []int{0, 1, 3, 4, 6, 7, 9}},
		{"multibyte", "é “x” ü\nñ€z", []int{0, 2, 3, 6, 7, 10, 11, 13, 14, 16, 19, 20}},
		{"same offset twice", "a\nbc", []int{2, 2, 3}},
		{"backwards restarts", "ab\ncd\nef", []int{7, 3, 0, 4, 8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			li := newLineIndex(tt.text)
			for _, off := range tt.offsets {
				line, col := li.position(off)
				wl, wc := naivePosition(tt.text, off)
				if line != wl || col != wc {
					t.Errorf("offset %d: %d:%d, want %d:%d", off, line, col, wl, wc)
				}
			}
		})
	}
}

// longLine is an article of about n bytes on one line, dense with terms of
// the default lexicon (a term every six words) and with citations.
func longLine(n int) *corpus.Article {
	const unit = "The mullahs' regime said the rebels and é officials met, Reuters reported (AFP). "
	return &corpus.Article{ID: "long", Outlet: "O", Text: strings.Repeat(unit, n/len(unit)+1)}
}

// defaultRules loads the default lexicon and the default credibility
// rules, compiled.
func defaultRules(t testing.TB) (*lexicon.Lexicon, *credibility.Analyzer) {
	t.Helper()
	lex, err := lexicon.Load(lexicon.Default)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := credibility.Load(credibility.Default)
	if err != nil {
		t.Fatal(err)
	}
	return lex, credibility.Compile(rules)
}

// longLineScorer scores with the default lexicon and credibility rules.
func longLineScorer(t testing.TB) *Scorer {
	t.Helper()
	lex, an := defaultRules(t)
	s := NewScorer(lexicon.Compile(lex))
	s.SetCredibility(an)
	return s
}

// TestScoreLongLine scores a single-line article with tens of thousands of
// matches and citations and checks the last match's column. Counting each
// column from the line's start, and looking for a credit line's prefix
// from the line's start, made this quadratic; BenchmarkScoreLongLine
// shows the time is now linear in the size.
func TestScoreLongLine(t *testing.T) {
	a := longLine(1 << 20)
	rec := longLineScorer(t).Score(a)
	if len(rec.Matches) < 10_000 || len(rec.Credibility.Attributions) < 10_000 {
		t.Fatalf("%d matches, %d attributions: want a dense article", len(rec.Matches), len(rec.Credibility.Attributions))
	}
	for _, m := range []record.MatchRecord{rec.Matches[0], rec.Matches[len(rec.Matches)-1]} {
		if line, col := naivePosition(a.Text, m.Start); m.Line != line || m.Col != col {
			t.Errorf("match at %d: %d:%d, want %d:%d", m.Start, m.Line, m.Col, line, col)
		}
	}
}

// BenchmarkScoreLongLine scores single-line articles of 1, 2 and 4 MB: the
// time per byte stays the same.
func BenchmarkScoreLongLine(b *testing.B) {
	s := longLineScorer(b)
	for _, mb := range []int{1, 2, 4} {
		a := longLine(mb << 20)
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			b.SetBytes(int64(len(a.Text)))
			for b.Loop() {
				s.Score(a)
			}
		})
	}
}
