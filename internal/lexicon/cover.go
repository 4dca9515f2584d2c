package workbench

import (
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
