package aggregate

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/token"
)

// naming builds the naming matrix: per target, each entry's author-voice
// uses by unit with the forms written, and beside them the quoted and
// distanced uses.
func (a *Aggregator) naming(targets []Label, units []*unitAcc, lex *lexicon.Lexicon) []Naming {
	names := entryNames(lex)
	// Each unit's forms by entry and voice, merged by folding.
	forms := make([]map[string]map[record.Voice][]FormCount, len(units))
	for i, u := range units {
		forms[i] = unitForms(u)
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
		author, other := map[string]int{}, map[string]int{} // entry → uses in all units
		for _, id := range slices.Sorted(maps.Keys(a.entries)) {
			e := a.entries[id]
			if e.target != t.ID {
				continue
			}
			l := NamingLabel{Entry: id, Label: names[id], Valence: e.valence, Category: e.category,
				Loaded: e.loaded, Lean: e.lean, Counts: map[string]int{}, Shares: map[string]float64{},
				Forms: map[string][]FormCount{}}
			if l.Label == "" {
				l.Label = id
			}
			for i, u := range units {
				byVoice := forms[i][id]
				if fs := byVoice[record.Quote]; len(fs) > 0 {
					l.Quoted = addForms(l.Quoted, u.name, fs)
					other[id] += sumForms(fs)
				}
				if fs := byVoice[record.Distanced]; len(fs) > 0 {
					l.Distanced = addForms(l.Distanced, u.name, fs)
					other[id] += sumForms(fs)
				}
				if refs[u.name] == 0 {
					continue
				}
				k := u.entries[id]
				l.Counts[u.name] = k
				l.Shares[u.name] = float64(k) / float64(refs[u.name])
				if k > 0 {
					l.Forms[u.name] = byVoice[record.Author]
				}
				author[id] += k
			}
			if author[id] > 0 || other[id] > 0 {
				n.Labels = append(n.Labels, l)
			}
		}
		slices.SortStableFunc(n.Labels, func(x, y NamingLabel) int {
			return cmp.Or(cmp.Compare(author[y.Entry], author[x.Entry]), cmp.Compare(other[y.Entry], other[x.Entry]))
		})
		if len(n.Labels) > 0 {
			out = append(out, n)
		}
	}
	return out
}

// entryNames returns each entry's name (lexicon.Entry.Name) by id; nil
// without the lexicon.
func entryNames(lex *lexicon.Lexicon) map[string]string {
	if lex == nil {
		return nil
	}
	names := make(map[string]string, len(lex.Entries))
	for i := range lex.Entries {
		names[lex.Entries[i].ID] = lex.Entries[i].Name()
	}
	return names
}

// unitForms returns the forms a unit wrote, by entry and voice (see
// Forms).
func unitForms(u *unitAcc) map[string]map[record.Voice][]FormCount {
	type group struct {
		entry string
		voice record.Voice
	}
	uses := map[group]map[string]int{}
	for f, k := range u.forms {
		g := group{f.entry, f.voice}
		if uses[g] == nil {
			uses[g] = map[string]int{}
		}
		uses[g][f.text] += k
	}
	out := map[string]map[record.Voice][]FormCount{}
	for g, texts := range uses {
		if out[g.entry] == nil {
			out[g.entry] = map[record.Voice][]FormCount{}
		}
		out[g.entry][g.voice] = Forms(texts)
	}
	return out
}

// Forms counts the texts matched for an entry (text → uses) as forms,
// most used first: texts that fold alike ("Mullahs’ regime", "mullahs'
// regime") are one form, shown as written most often (the first in byte
// order on ties).
func Forms(uses map[string]int) []FormCount {
	total := map[string]int{}
	spellings := map[string]map[string]int{}
	for text, k := range uses {
		f := token.Fold(text)
		total[f] += k
		if spellings[f] == nil {
			spellings[f] = map[string]int{}
		}
		spellings[f][text] += k
	}
	out := make([]FormCount, 0, len(total))
	for f, k := range total {
		out = append(out, FormCount{Form: mostCommon(spellings[f]), Count: k})
	}
	slices.SortFunc(out, func(x, y FormCount) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), strings.Compare(x.Form, y.Form))
	})
	return out
}

func addForms(m map[string][]FormCount, unit string, fs []FormCount) map[string][]FormCount {
	if m == nil {
		m = map[string][]FormCount{}
	}
	m[unit] = fs
	return m
}

func sumForms(fs []FormCount) int {
	n := 0
	for _, f := range fs {
		n += f.Count
	}
	return n
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
