package record

import (
	"bufio"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
)

// tableWriter prints a readable summary: one line per article with its
// stance, then its loaded terms with their voice.
type tableWriter struct {
	bw   *bufio.Writer
	w    *tabwriter.Writer
	axes []string
}

func (t *tableWriter) Write(r *Record) error {
	if t.axes == nil {
		t.axes = slices.Sorted(maps.Keys(r.Stance))
		fmt.Fprint(t.w, "ID\tOUTLET\tTOKENS\tLOADED/1K")
		for _, a := range t.axes {
			fmt.Fprintf(t.w, "\t%s (n)", strings.ToUpper(a))
		}
		if r.Credibility != nil {
			fmt.Fprint(t.w, "\tSOURCING")
		}
		fmt.Fprint(t.w, "\tLOADED TERMS (author voice)\n")
	}
	fmt.Fprintf(t.w, "%s\t%s\t%d\t%.1f", OneLine(r.ID), OneLine(r.Outlet), r.Tokens, r.LoadedPer1k)
	for _, a := range t.axes {
		s := r.Stance[a]
		fmt.Fprintf(t.w, "\t%+.2f (%d)", s.Score, s.N)
	}
	if r.Credibility != nil {
		fmt.Fprintf(t.w, "\t%s", sourcingSummary(r))
	}
	fmt.Fprintf(t.w, "\t%s\n", termSummary(r, 4))
	return nil
}

func (t *tableWriter) Close() error {
	if t.axes != nil {
		fmt.Fprint(t.w, "\nStance: mean of the author's own loaded and neutral terms, -1..+1; n = terms counted.\n")
		fmt.Fprint(t.w, "Sourcing: claims without an identifiable source / attributed claims; sides of the media and bodies cited. It describes sourcing, not truth.\n")
		fmt.Fprint(t.w, "Lexicon scoring sees word choice only: not sarcasm, not which facts were selected, not stance outside the lexicon.\n")
	}
	if err := t.w.Flush(); err != nil {
		return err
	}
	return t.bw.Flush()
}

// termSummary lists the most frequent loaded terms in the author's voice.
func termSummary(r *Record, max int) string {
	counts := map[string]int{}
	var order []string
	for _, m := range r.Matches {
		if m.Voice != Author || !m.Loaded {
			continue
		}
		key := strings.ToLower(OneLine(m.Text))
		if counts[key] == 0 {
			order = append(order, key)
		}
		counts[key]++
	}
	sort.SliceStable(order, func(i, j int) bool { return counts[order[i]] > counts[order[j]] })
	var parts []string
	for i, k := range order {
		if i == max {
			parts = append(parts, fmt.Sprintf("+%d more", len(order)-max))
			break
		}
		if counts[k] > 1 {
			parts = append(parts, fmt.Sprintf("%s ×%d", k, counts[k]))
		} else {
			parts = append(parts, k)
		}
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}

// OneLine replaces tabs, line breaks and other control characters (C0,
// DEL, C1 and the Unicode line and paragraph separators) with spaces, so
// that untrusted text (ids, outlet names, matched terms) cannot break the
// layout of a table or send escape sequences to a terminal: the record
// table here, the comparison table of package aggregate and the event
// views of package sameevent.
func OneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r >= 0x7f && r < 0xa0 || r == 0x2028 || r == 0x2029 {
			return ' '
		}
		return r
	}, s)
}

// sourcingSummary says in a few words how the article sources its claims.
func sourcingSummary(r *Record) string {
	c := r.Credibility
	out := fmt.Sprintf("unsourced %d/%d", c.Sourcing.Unsourced, c.Sourcing.Claims)
	var sides []string
	for _, side := range slices.Sorted(maps.Keys(c.Sides)) {
		if n := c.Sides[side]; n > 0 {
			sides = append(sides, fmt.Sprintf("%s %d", side, n))
		}
	}
	if len(sides) > 0 {
		out += "; cites " + strings.Join(sides, ", ")
	}
	return out
}
