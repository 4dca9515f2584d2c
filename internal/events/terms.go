package events

import (
	"cmp"
	"slices"
	"strings"
)

// keyTermsOf returns the k terms that contribute most to the similarity
// of the cluster's articles. A term t adds w_a(t)·w_b(t) to the
// similarity of each pair (a, b) of different outlets; summed over those
// pairs that is (S² − Σ_o S_o²)/2, with S the sum of t's weights over the
// members and S_o the sum over outlet o's, so the contributions of all
// terms add up to total, the summed similarity of those pairs.
//
// A name phrase is listed in place of its own words when it ranks among
// the first 4k terms ("Khan Touman", not "Touman"), so that a name is
// shown as written. Terms are listed by share, largest first.
func keyTermsOf(c *cluster, sorted []Article, s *sweep, voc *vocabulary, total float64, k int, sc *termScratch) []Term {
	// Every (term, outlet, weight) of the members, sorted by term and
	// outlet, is summed in one pass.
	sc.entries = sc.entries[:0]
	for _, p := range c.members {
		v := s.vecs[p]
		for i, id := range v.ids {
			sc.entries = append(sc.entries, termEntry{id: id, outlet: s.outlet[p], w: float64(v.w[i])})
		}
	}
	slices.SortFunc(sc.entries, func(a, b termEntry) int {
		return cmp.Or(cmp.Compare(a.id, b.id), cmp.Compare(a.outlet, b.outlet))
	})
	type tally struct {
		id                uint32
		articles, outlets int
		contrib           float64
	}
	var ranked []tally
	for i := 0; i < len(sc.entries); {
		t := tally{id: sc.entries[i].id}
		var sum, own float64
		for i < len(sc.entries) && sc.entries[i].id == t.id {
			o, so := sc.entries[i].outlet, 0.0
			for i < len(sc.entries) && sc.entries[i].id == t.id && sc.entries[i].outlet == o {
				so += sc.entries[i].w
				t.articles++
				i++
			}
			sum += so
			own += so * so
			t.outlets++
		}
		if t.outlets < 2 {
			continue // adds nothing to the similarity of different outlets
		}
		t.contrib = (sum*sum - own) / 2
		ranked = append(ranked, t)
	}
	slices.SortFunc(ranked, func(a, b tally) int {
		return cmp.Or(cmp.Compare(b.contrib, a.contrib), cmp.Compare(voc.keys[a.id], voc.keys[b.id]))
	})
	// Enough candidates for phrases to replace their words.
	ranked = ranked[:min(len(ranked), 4*k)]
	want := make(map[uint64]*written, len(ranked))
	for _, t := range ranked {
		want[voc.keys[t.id]] = &written{forms: map[string]int{}}
	}
	sc.ex.surface = func(key uint64, folded, text string) {
		if w := want[key]; w != nil {
			w.folded = folded
			w.forms[text]++
		}
	}
	for _, p := range c.members {
		sc.ex.extract(sorted[p].Title, sorted[p].Text)
	}

	var out []Term
	var folded []string // of the terms in out
	for _, t := range ranked {
		if len(out) == k {
			break
		}
		w := want[voc.keys[t.id]]
		term := Term{Text: w.common(), Articles: t.articles, Outlets: t.outlets, Share: t.contrib / total}
		words := strings.Fields(w.folded)
		if len(words) == 1 {
			if slices.ContainsFunc(folded, func(f string) bool { return slices.Contains(strings.Fields(f), w.folded) }) {
				continue // already shown inside a name
			}
			out, folded = append(out, term), append(folded, w.folded)
			continue
		}
		// A name: it takes the place of the first of its words already
		// listed, and the others go.
		at := -1
		for i := 0; i < len(out); {
			if slices.Contains(words, folded[i]) {
				if at < 0 {
					at = i
					out[i], folded[i] = term, w.folded
					i++
					continue
				}
				out, folded = slices.Delete(out, i, i+1), slices.Delete(folded, i, i+1)
				continue
			}
			i++
		}
		if at < 0 {
			out, folded = append(out, term), append(folded, w.folded)
		}
	}
	// A name took its word's place; list by share again (stable: ties
	// keep the rank order).
	slices.SortStableFunc(out, func(a, b Term) int { return cmp.Compare(b.Share, a.Share) })
	return out
}

// termScratch holds the buffers keyTermsOf reuses; one per goroutine.
type termScratch struct {
	entries []termEntry
	ex      extractor
}

type termEntry struct {
	id     uint32
	outlet int32
	w      float64
}

// written collects the forms in which a term was written.
type written struct {
	folded string
	forms  map[string]int
}

// common returns the most frequent written form, ties to the first in
// byte order.
func (w *written) common() string {
	best, n := "", 0
	for f, c := range w.forms {
		if c > n || c == n && f < best {
			best, n = f, c
		}
	}
	return best
}
