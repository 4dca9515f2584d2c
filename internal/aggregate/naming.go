package aggregate

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/token"
)

// naming builds the naming matrix from author-voice uses of entries.
func (a *Aggregator) naming(targets []Label, units []*unitAcc, lex *lexicon.Lexicon) []Naming {
	first := map[string]string{}
	if lex != nil {
		for _, e := range lex.Entries {
			first[e.ID] = e.Terms[0]
		}
	}
	out := []Naming{}
	for _, t := range targets {
		n := Naming{Target: t.ID, Labels: []NamingLabel{}}
		refs := map[string]int{} // unit → author-voice references to t
		for _, u := range units {
			for id, k := range u.entries {
				if e := a.entries[id]; e != nil && e.target == t.ID {
					refs[u.name] += k
				}
			}
		}
		totals := map[string]int{}
		for _, id := range slices.Sorted(maps.Keys(a.entries)) {
			e := a.entries[id]
			if e.target != t.ID {
				continue
			}
			l := NamingLabel{Entry: id, Term: first[id], Valence: e.valence, Category: e.category,
				Counts: map[string]int{}, Shares: map[string]float64{}}
			if l.Term == "" {
				l.Term = commonForm(e.forms)
			}
			for _, u := range units {
				if refs[u.name] == 0 {
					continue
				}
				k := u.entries[id]
				l.Counts[u.name] = k
				l.Shares[u.name] = float64(k) / float64(refs[u.name])
				totals[id] += k
			}
			if totals[id] > 0 {
				n.Labels = append(n.Labels, l)
			}
		}
		sort.SliceStable(n.Labels, func(i, j int) bool {
			return totals[n.Labels[i].Entry] > totals[n.Labels[j].Entry]
		})
		if len(n.Labels) > 0 {
			out = append(out, n)
		}
	}
	return out
}

// commonForm returns the most used surface form, folded; the first in
// byte order on ties.
func commonForm(forms map[string]int) string {
	folded := map[string]int{}
	for f, n := range forms {
		folded[token.Fold(f)] += n
	}
	return mostCommon(folded)
}

// lexiconForms returns the folded surface forms of the lexicon's terms:
// every form a record matched and, when the lexicon is known, every term
// without a wildcard.
func (a *Aggregator) lexiconForms(lex *lexicon.Lexicon) map[string]bool {
	set := map[string]bool{}
	for _, e := range a.entries {
		for f := range e.forms {
			set[token.Fold(f)] = true
		}
	}
	if lex != nil {
		for _, e := range lex.Entries {
			for _, t := range e.Terms {
				if !strings.Contains(t, "*") {
					set[token.Fold(t)] = true
				}
			}
		}
	}
	return set
}
