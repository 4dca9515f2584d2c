package aggregate

import (
	"bytes"
	"cmp"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/token"
)

// naming builds the naming matrix: per target, each entry's author-voice
// uses by unit with the forms written, and beside them the quoted and
// distanced uses. It keeps only what units used: its work and memory grow
// with the (unit, entry, form) uses in the records, never with units ×
// entries, so that tens of thousands of outlets of one article each cost
// what their articles cost. When listed is above 0, only the first listed
// units get their counts and forms (Options.ListUnits); the others count
// only in what covers every unit: the order of the labels and Users.
func (a *Aggregator) naming(targets []Label, units []*unitAcc, lex *lexicon.Lexicon, listed int) []Naming {
	names := entryNames(lex)
	byTarget := map[string]*Naming{}
	labels := map[string]*NamingLabel{}                 // entry → its label, once used
	author, other := map[string]int{}, map[string]int{} // entry → uses in all units
	label := func(id string) *NamingLabel {
		if l := labels[id]; l != nil {
			return l
		}
		e := a.entries[id]
		l := &NamingLabel{Entry: id, Label: cmp.Or(names[id], id), Valence: e.valence, Category: e.category,
			Loaded: e.loaded, Lean: e.lean, Counts: map[string]int{}, Forms: map[string][]FormCount{}}
		labels[id] = l
		return l
	}
	target := func(id string) *Naming {
		if byTarget[id] == nil {
			byTarget[id] = &Naming{Target: id, References: map[string]int{}}
		}
		return byTarget[id]
	}
	var used map[*Naming]bool // the targets a unit names, reused
	for i, u := range units {
		used = a.countUses(u, target, label, author, other, used)
		if listed > 0 && i >= listed {
			continue
		}
		for id, byVoice := range a.formsByEntry(u) {
			e := a.entries[id]
			if e == nil {
				continue
			}
			n, l := byTarget[e.target], labels[id]
			if fs := byVoice[record.Author]; len(fs) > 0 {
				k := sumForms(fs)
				l.Counts[u.name] = k
				l.Forms[u.name] = fs
				n.References[u.name] += k
			}
			if fs := byVoice[record.Quote]; len(fs) > 0 {
				l.Quoted = addForms(l.Quoted, u.name, fs)
			}
			if fs := byVoice[record.Distanced]; len(fs) > 0 {
				l.Distanced = addForms(l.Distanced, u.name, fs)
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(labels)) {
		n := byTarget[a.entries[id].target]
		n.Labels = append(n.Labels, *labels[id])
	}
	out := []Naming{}
	for _, t := range targets {
		n := byTarget[t.ID]
		if n == nil {
			continue
		}
		slices.SortStableFunc(n.Labels, func(x, y NamingLabel) int {
			return cmp.Or(cmp.Compare(author[y.Entry], author[x.Entry]), cmp.Compare(other[y.Entry], other[x.Entry]))
		})
		out = append(out, *n)
	}
	return out
}

// countUses counts what every unit's uses count for, listed or not: its
// uses of each entry in the author's voice (author) and quoted or at a
// distance (other), and the unit among the Users of each target it names
// in any of these voices. It makes the targets and labels of the entries
// it uses. used is a map to reuse, returned.
func (a *Aggregator) countUses(u *unitAcc, target func(string) *Naming, label func(string) *NamingLabel,
	author, other map[string]int, used map[*Naming]bool) map[*Naming]bool {
	if used == nil {
		used = map[*Naming]bool{}
	}
	clear(used)
	for _, fc := range u.forms {
		f := &a.forms[fc.form]
		e := a.entries[f.entry]
		if e == nil {
			continue
		}
		n := target(e.target)
		switch f.voice {
		case record.Author:
			author[f.entry] += int(fc.n)
		case record.Quote, record.Distanced:
			other[f.entry] += int(fc.n)
		default:
			continue
		}
		label(f.entry)
		if !used[n] {
			used[n] = true
			n.Users++
		}
	}
	return used
}

// Share returns the share of unit's author-voice references to n's target
// that use l: l.Counts[unit] / n.References[unit], and 0 when the unit
// never names the target in its own voice.
func (n *Naming) Share(l *NamingLabel, unit string) float64 {
	refs := n.References[unit]
	if refs == 0 {
		return 0
	}
	return float64(l.Counts[unit]) / float64(refs)
}

// UsedBy returns, per unit, the labels it uses in any voice (its own,
// quoted or distanced), in the order of Labels: what a list of each
// unit's naming shows, found without visiting every unit × label.
func (n *Naming) UsedBy() map[string][]*NamingLabel {
	out := map[string][]*NamingLabel{}
	for i := range n.Labels {
		l := &n.Labels[i]
		seen := func(u string) bool { k := len(out[u]); return k > 0 && out[u][k-1] == l }
		for _, m := range []map[string][]FormCount{l.Forms, l.Quoted, l.Distanced} {
			for u := range m {
				if !seen(u) {
					out[u] = append(out[u], l)
				}
			}
		}
		for u := range l.Counts {
			if !seen(u) {
				out[u] = append(out[u], l)
			}
		}
	}
	return out
}

// namingLabelJSON is a NamingLabel as JSON has it: Counts and Shares hold
// every unit that names the target in its own voice, 0 for those that do
// not use the entry (the form of compare.stats/v2).
type namingLabelJSON struct {
	Entry     string                 `json:"entry"`
	Label     string                 `json:"label"`
	Valence   float64                `json:"valence"`
	Category  string                 `json:"category"`
	Loaded    bool                   `json:"loaded"`
	Lean      map[string]float64     `json:"lean,omitempty"`
	Counts    map[string]int         `json:"counts"`
	Shares    map[string]float64     `json:"shares"`
	Forms     map[string][]FormCount `json:"forms"`
	Quoted    map[string][]FormCount `json:"quoted,omitempty"`
	Distanced map[string][]FormCount `json:"distanced,omitempty"`
}

type namingJSON struct {
	Target string            `json:"target"`
	Labels []namingLabelJSON `json:"labels"`
}

// JSONShape returns the shape MarshalJSON writes n in, for tools that
// list the fields of the output (package codebook).
func (Naming) JSONShape() any { return namingJSON{} }

// MarshalJSON writes n with every label's counts and shares over all the
// units in References, zeros included.
func (n Naming) MarshalJSON() ([]byte, error) {
	out := namingJSON{Target: n.Target, Labels: make([]namingLabelJSON, len(n.Labels))}
	for i := range n.Labels {
		out.Labels[i] = n.labelJSON(&n.Labels[i])
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// labelJSON returns l as JSON has it: counts and shares over all the
// units in n.References, zeros included.
func (n *Naming) labelJSON(l *NamingLabel) namingLabelJSON {
	w := namingLabelJSON{Entry: l.Entry, Label: l.Label, Valence: l.Valence, Category: l.Category, Loaded: l.Loaded, Lean: l.Lean,
		Counts: make(map[string]int, len(n.References)), Shares: make(map[string]float64, len(n.References)),
		Forms: l.Forms, Quoted: l.Quoted, Distanced: l.Distanced}
	for u := range n.References {
		w.Counts[u] = l.Counts[u]
		w.Shares[u] = n.Share(l, u)
	}
	if w.Forms == nil {
		w.Forms = map[string][]FormCount{}
	}
	return w
}

// UnmarshalJSON reads what MarshalJSON writes: zero counts are dropped,
// and References are the sums of each unit's counts.
func (n *Naming) UnmarshalJSON(data []byte) error {
	var in namingJSON
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	*n = Naming{Target: in.Target, Labels: make([]NamingLabel, len(in.Labels)), References: map[string]int{}}
	for i, w := range in.Labels {
		l := NamingLabel{Entry: w.Entry, Label: w.Label, Valence: w.Valence, Category: w.Category, Loaded: w.Loaded, Lean: w.Lean,
			Counts: map[string]int{}, Forms: w.Forms, Quoted: w.Quoted, Distanced: w.Distanced}
		for u, k := range w.Counts {
			if k != 0 {
				l.Counts[u] = k
				n.References[u] += k
			}
		}
		n.Labels[i] = l
	}
	n.Users = len(n.UsedBy())
	return nil
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

// formsByEntry returns the forms a unit wrote, by entry and voice (see
// Forms).
func (a *Aggregator) formsByEntry(u *unitAcc) map[string]map[record.Voice][]FormCount {
	type group struct {
		entry string
		voice record.Voice
	}
	uses := map[group]map[string]int{}
	for _, fc := range u.forms {
		f, k := a.forms[fc.form], fc.n
		g := group{f.entry, f.voice}
		if uses[g] == nil {
			uses[g] = map[string]int{}
		}
		uses[g][f.text] += int(k)
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
	for _, f := range a.forms {
		set[token.Fold(f.text)] = true
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
