package credibility

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/token"
)

// Quotations and their speakers. Part of the Scanner's one pass
// (analyze.go).

// quoteSignals describes the quotations and finds their speakers.
func (s *Scanner) quoteSignals(sig *Signals) {
	qs := &sig.Quotes
	qs.Quotations = []Quotation{}
	qs.Speakers = []Speaker{}
	n := s.ts.Len()
	words := make([]int, len(s.quotes))
	first := make([]int, len(s.quotes))
	last := make([]int, len(s.quotes))
	for i := range first {
		first[i], last[i] = -1, -1
	}
	for i := 0; i < n; i++ {
		if q := s.tok[i].quote; q >= 0 {
			words[q]++
			if first[q] < 0 {
				first[q] = i
			}
			last[q] = i
		}
	}
	speakers := map[string]int{}
	prev := -1 // previous direct quotation
	for qi, q := range s.quotes {
		quoted := s.text[q[0]:q[1]]
		qt := Quotation{Start: q[0], End: q[1], Words: words[qi]}
		if token.IsScareQuote(quoted, words[qi]) {
			qt.Scare = true
			qs.Scare++
			qs.Quotations = append(qs.Quotations, qt)
			continue
		}
		qs.Count++
		qs.Words += words[qi]
		if first[qi] >= 0 {
			if at, by := s.quoteAttribution(q, first[qi], last[qi]); at != nil {
				qt.Speaker, qt.By = at.out.Source, by
			} else if prev >= 0 && qs.Quotations[prev].Speaker != nil && !strings.Contains(s.text[qs.Quotations[prev].End:q[0]], "\n") {
				qt.Speaker, qt.By = qs.Quotations[prev].Speaker, "continuation"
			}
		}
		if sp := qt.Speaker; sp != nil {
			name, key := speakerKey(sp)
			k, ok := speakers[key]
			if !ok {
				k = len(qs.Speakers)
				speakers[key] = k
				qs.Speakers = append(qs.Speakers, Speaker{Name: name, Named: sp.Named, Spans: []Span{}})
			}
			spk := &qs.Speakers[k]
			if len(name) > len(spk.Name) {
				spk.Name = name // "Abed al-Fawal" rather than "al-Fawal"
			}
			spk.Quotations++
			if len(spk.Spans) == 0 || spk.Spans[len(spk.Spans)-1].Start != sp.Start {
				spk.Spans = append(spk.Spans, Span{Start: sp.Start, End: sp.End, Text: sp.Text})
			}
		}
		prev = len(qs.Quotations)
		qs.Quotations = append(qs.Quotations, qt)
	}
	if n > 0 {
		qs.ShareOfText = float64(qs.Words) / float64(n)
	}
}

// speakerKey returns a speaker's display name and the key that identifies
// it: the registry name, or for a person named by a capitalised name its
// last word folded, so that "Abed al-Fawal" and "al-Fawal" are one speaker.
func speakerKey(sp *Source) (name, key string) {
	if sp.Kind == KindRegistry && sp.Registry != "" {
		return sp.Registry, "registry:" + sp.Registry
	}
	if sp.Kind == KindNamed {
		f := strings.Fields(token.Fold(sp.Text))
		if len(f) > 0 {
			return sp.Text, "named:" + f[len(f)-1]
		}
	}
	return sp.Text, sp.Kind + ":" + token.Fold(sp.Text)
}

// quoteAttribution finds the attribution that introduces or closes the
// quotation q, whose first and last tokens are given: one right after it
// in the same sentence (“…,” she said) wins, then one before it in the
// sentence of its first word (She said: “…” or She said that “…”), then any
// later one in its last sentence.
func (s *Scanner) quoteAttribution(q [2]int, first, last int) (*attr, string) {
	var after, before *attr
	// Attributions are in text order and never inside a quotation: the
	// candidates are the last one before q and the first one after it.
	i := sort.Search(len(s.attrs), func(i int) bool { return s.attrs[i].out.Start >= q[1] })
	if i < len(s.attrs) && s.sameSent(s.attrs[i].v, last) {
		after = &s.attrs[i]
	}
	j := sort.Search(len(s.attrs), func(i int) bool { return s.attrs[i].out.End > q[0] }) - 1
	if j >= 0 {
		at := &s.attrs[j]
		if s.sameSent(at.v, first) || strings.TrimSpace(s.text[at.out.End:q[0]]) == ":" {
			before = at
		}
	}
	if after != nil && s.tokensBetween(q[1], after.out.Start) <= 3 {
		return after, "after"
	}
	if before != nil {
		return before, "before"
	}
	if after != nil {
		return after, "after"
	}
	return nil, ""
}

// tokensBetween counts the tokens that start in [start, end).
func (s *Scanner) tokensBetween(start, end int) int {
	i := sort.Search(len(s.ts.List), func(i int) bool { return s.ts.List[i].Start >= start })
	j := sort.Search(len(s.ts.List), func(i int) bool { return s.ts.List[i].Start >= end })
	return j - i
}

// validSpan reports whether [start, end) is a span of text that starts
// and ends on character boundaries.
func validSpan(text string, start, end int) bool {
	if start < 0 || end < start || end > len(text) {
		return false
	}
	return (start == len(text) || utf8.RuneStart(text[start])) && (end == len(text) || utf8.RuneStart(text[end]))
}
