// Package view holds what every view of a scored article shares, so that
// the HTML report (package report), the terminal view (package annotate)
// and any later renderer mark the same words the same way: which matches
// are marked (Marks), the legend of loaded terms (Legend), and which
// characters of untrusted text must never reach a reader (IsBidiControl,
// IsControl, Remove). How strongly a term leans is record.LeanLevel.
package view

import (
	"slices"
	"strings"

	"github.com/compare-tool/compare/internal/record"
)

// Marks returns the matches of r a view marks, in text order: those whose
// offsets lie in the text on character boundaries and enclose the match's
// own text, leaving out any that overlaps one before it (the first in the
// record wins among matches at the same offset). A broken or forged
// record thus cannot cut a character in half or mark the wrong words. The
// pointers point into r.Matches, which is left as it is.
func Marks(r *record.Record) []*record.MatchRecord {
	text := r.Text
	var ms []*record.MatchRecord
	for i := range r.Matches {
		m := &r.Matches[i]
		if 0 <= m.Start && m.Start < m.End && m.End <= len(text) && Boundary(text, m.Start) && Boundary(text, m.End) &&
			text[m.Start:m.End] == m.Text {
			ms = append(ms, m)
		}
	}
	slices.SortStableFunc(ms, func(a, b *record.MatchRecord) int { return a.Start - b.Start })
	out := ms[:0]
	for _, m := range ms {
		if len(out) > 0 && m.Start < out[len(out)-1].End {
			continue
		}
		out = append(out, m)
	}
	return out
}

// Boundary reports whether offset i of s starts a UTF-8 character (or is
// the end): where a mark may open or close.
func Boundary(s string, i int) bool {
	return i == len(s) || (i < len(s) && (s[i]&0xC0) != 0x80)
}

// LegendItem is one line of a legend: a loaded entry in one voice, with
// the first match of it, how many marks it has and the texts they matched
// (text → marks), so that a legend shows what the article wrote.
type LegendItem struct {
	Match *record.MatchRecord
	Count int
	Forms map[string]int
}

// Legend lists the loaded terms among marks by entry and voice, in the
// order of their first use.
func Legend(marks []*record.MatchRecord) []LegendItem {
	var items []LegendItem
	seen := map[string]int{}
	for _, m := range marks {
		if !m.Loaded {
			continue
		}
		key := m.Entry + "\x00" + string(m.Voice)
		if i, ok := seen[key]; ok {
			items[i].Count++
			items[i].Forms[m.Text]++
			continue
		}
		seen[key] = len(items)
		items = append(items, LegendItem{Match: m, Count: 1, Forms: map[string]int{m.Text: 1}})
	}
	return items
}

// IsBidiControl reports whether r is an explicit bidirectional formatting
// character: the marks LRM, RLM and ALM, the embeddings and overrides
// LRE, RLE, PDF, LRO, RLO, and the isolates LRI, RLI, FSI, PDI. In a
// name or a title they can make the text after them display backwards.
func IsBidiControl(r rune) bool {
	switch {
	case r == '\u200E', r == '\u200F', r == '\u061C':
		return true
	case '\u202A' <= r && r <= '\u202E':
		return true
	case '\u2066' <= r && r <= '\u2069':
		return true
	}
	return false
}

// IsControl reports whether r is a control character that untrusted text
// must not send to a terminal: C0 controls except line feed and tab (an
// escape sequence starts with ESC), DEL and C1 controls, the line and
// paragraph separators, and bidirectional controls.
func IsControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r < 0xa0) || r == 0x2028 || r == 0x2029 || IsBidiControl(r)
}

// Remove returns s without the runes drop reports; s itself when it has
// none.
func Remove(s string, drop func(rune) bool) string {
	if !strings.ContainsFunc(s, drop) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if drop(r) {
			return -1
		}
		return r
	}, s)
}
