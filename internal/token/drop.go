package token

import "slices"

// Stretch is a stretch of text in byte offsets [start, end): an article's
// page debris (corpus.Span) is one.
type Stretch interface {
	Bounds() (start, end int)
}

// Drop removes from ts the tokens that start inside one of spans (an
// article's page debris, in any order), so that matching skips them, and
// marks the first token kept after each removed run as AfterDropped.
func Drop[S Stretch](ts *Tokens, spans []S) {
	if len(spans) == 0 {
		return
	}
	bounds := make([][2]int, len(spans))
	for i, s := range spans {
		bounds[i][0], bounds[i][1] = s.Bounds()
	}
	slices.SortFunc(bounds, func(a, b [2]int) int { return a[0] - b[0] })
	kept := ts.List[:0]
	k, dropped := 0, false
	for _, t := range ts.List {
		for k < len(bounds) && bounds[k][1] <= t.Start {
			k++
		}
		if k < len(bounds) && bounds[k][0] <= t.Start && t.Start < bounds[k][1] {
			dropped = true
			continue
		}
		t.AfterDropped = dropped
		dropped = false
		kept = append(kept, t)
	}
	ts.List = kept
}
