package sameevent

import (
	"cmp"
	"maps"
	"slices"

	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

// Side is a set of articles laid side by side: per unit, its articles
// and pooled stance; per target, the forms each unit wrote.
type Side struct {
	// Axes are the stance axes, in the lexicon's order (by id without
	// one).
	Axes []Axis `json:"axes"`
	// Units are ordered by pooled stance on the first axis, highest
	// first, then units without evidence on it, then by name.
	Units []UnitSide `json:"units"`
	// Targets are the targets some unit named, in the lexicon's order (by
	// id without one); each row has one cell per unit.
	Targets []TargetRow `json:"targets"`
}

// Axis is a stance axis with the meaning of its ends, from the lexicon
// (the id alone without one).
type Axis struct {
	ID       string `json:"id"`
	Label    string `json:"label"`
	Negative string `json:"negative,omitempty"`
	Positive string `json:"positive,omitempty"`
}

// UnitSide is one unit's part of a Side.
type UnitSide struct {
	Unit     string `json:"unit"`
	Articles []Ref  `json:"articles"`
	// Stance is the unit's pooled stance per axis: the mean contribution
	// of all author-voice terms of its articles (and likewise in quotes),
	// with N the number of those terms. N = 0: no evidence, Score 0.
	Stance map[string]record.AxisScore `json:"stance"`
}

// Ref identifies an article of a unit. Index is its position in the
// slice given to Compare or Group.
type Ref struct {
	Index  int    `json:"-"`
	ID     string `json:"id"`
	Outlet string `json:"outlet"`
	Title  string `json:"title,omitempty"`
	Date   string `json:"date,omitempty"`
	URL    string `json:"url,omitempty"`
	Source string `json:"source,omitempty"`
}

// TargetRow holds, for one target, the forms each unit wrote: Cells[i]
// belongs to Units[i] and is empty when that unit did not name it.
type TargetRow struct {
	Target string   `json:"target"`
	Label  string   `json:"label"`
	Cells  [][]Form `json:"cells"`
}

// Compare lays articles side by side, by unit. It is the comparison of
// one event's reports, and works on any set of articles: two articles of
// one event chosen by a teacher, or one outlet's two reports. lex, when
// not nil, gives the axes and targets their order and labels. Articles
// that were not scored contribute their references but no stance or
// forms.
func Compare(articles []Article, lex *lexicon.Lexicon) Side {
	var s Side
	byUnit := map[string]int{}
	sums := []map[string]*stanceSum{}
	axisSeen, targetSeen := map[string]bool{}, map[string]bool{}
	forms := []map[string][]Form{} // per unit, per target
	for i := range articles {
		a := &articles[i]
		u, ok := byUnit[a.Unit]
		if !ok {
			u = len(s.Units)
			byUnit[a.Unit] = u
			s.Units = append(s.Units, UnitSide{Unit: a.Unit, Stance: map[string]record.AxisScore{}})
			sums = append(sums, map[string]*stanceSum{})
			forms = append(forms, map[string][]Form{})
		}
		s.Units[u].Articles = append(s.Units[u].Articles, Ref{Index: i, ID: a.ID, Outlet: a.Outlet, Title: a.Title, Date: a.Date, URL: a.URL, Source: a.Source})
		for ax, sc := range a.Stance {
			axisSeen[ax] = true
			if sums[u][ax] == nil {
				sums[u][ax] = &stanceSum{}
			}
			sums[u][ax].add(sc)
		}
		for _, f := range a.Forms {
			targetSeen[f.Target] = true
			forms[u][f.Target] = mergeForm(forms[u][f.Target], f)
		}
	}
	s.Axes = axesOf(lex, axisSeen)
	for u := range s.Units {
		for ax, sum := range sums[u] {
			s.Units[u].Stance[ax] = sum.pooled()
		}
	}
	for _, t := range targetsOf(lex, targetSeen) {
		row := TargetRow{Target: t.ID, Label: t.Label, Cells: make([][]Form, len(s.Units))}
		for u := range s.Units {
			cell := forms[u][t.ID]
			sortForms(cell)
			row.Cells[u] = cell
		}
		s.Targets = append(s.Targets, row)
	}
	// Order the units, and the cells with them.
	order := make([]int, len(s.Units))
	for i := range order {
		order[i] = i
	}
	first := ""
	if len(s.Axes) > 0 {
		first = s.Axes[0].ID
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := s.Units[i].Stance[first], s.Units[j].Stance[first]
		if (a.N > 0) != (b.N > 0) {
			if a.N > 0 {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(s.Units[i].Unit, s.Units[j].Unit))
	})
	units := make([]UnitSide, len(order))
	for k, i := range order {
		units[k] = s.Units[i]
	}
	s.Units = units
	for t := range s.Targets {
		cells := make([][]Form, len(order))
		for k, i := range order {
			cells[k] = s.Targets[t].Cells[i]
		}
		s.Targets[t].Cells = cells
	}
	return s
}

// Spread returns the highest pooled stance on axis minus the lowest, over
// the units with evidence on it, and the units that hold them; ok is
// false when fewer than two units have evidence.
func (s Side) Spread(axis string) (spread float64, high, low string, ok bool) {
	n := 0
	var hi, lo float64
	for _, u := range s.Units {
		st := u.Stance[axis]
		if st.N == 0 {
			continue
		}
		if n == 0 || st.Score > hi {
			hi, high = st.Score, u.Unit
		}
		if n == 0 || st.Score < lo {
			lo, low = st.Score, u.Unit
		}
		n++
	}
	if n < 2 {
		return 0, "", "", false
	}
	return hi - lo, high, low, true
}

// stanceSum pools the stance of several articles on one axis: their
// scores weighted by their n, so that the pooled score is the mean over
// all their terms, as an article's score is over its own.
type stanceSum struct {
	sum, quoteSum       float64
	n, quoteN, distance int
}

func (p *stanceSum) add(s record.AxisScore) {
	p.sum += s.Score * float64(s.N)
	p.n += s.N
	p.quoteSum += s.QuoteScore * float64(s.QuoteN)
	p.quoteN += s.QuoteN
	p.distance += s.DistancedN
}

func (p *stanceSum) pooled() record.AxisScore {
	s := record.AxisScore{N: p.n, QuoteN: p.quoteN, DistancedN: p.distance}
	if p.n > 0 {
		s.Score = p.sum / float64(p.n)
	}
	if p.quoteN > 0 {
		s.QuoteScore = p.quoteSum / float64(p.quoteN)
	}
	return s
}

// mergeForm adds f to the forms of one unit and target, counting a form
// already there.
func mergeForm(forms []Form, f Form) []Form {
	for i := range forms {
		g := &forms[i]
		if g.Entry == f.Entry && g.Text == f.Text && g.Voice == f.Voice {
			g.Count += f.Count
			return forms
		}
	}
	f.Contrib = maps.Clone(f.Contrib)
	return append(forms, f)
}

// axesOf lists the lexicon's axes, or the ids seen, sorted, without one.
func axesOf(lex *lexicon.Lexicon, seen map[string]bool) []Axis {
	if lex != nil && len(lex.Axes) > 0 {
		out := make([]Axis, len(lex.Axes))
		for i, a := range lex.Axes {
			out[i] = Axis{ID: a.ID, Label: cmp.Or(a.Label, a.ID), Negative: a.Negative, Positive: a.Positive}
		}
		return out
	}
	var out []Axis
	for _, id := range slices.Sorted(maps.Keys(seen)) {
		out = append(out, Axis{ID: id, Label: id})
	}
	return out
}

// targetsOf lists the targets seen, in the lexicon's order with its
// labels; targets the lexicon does not know follow, by id.
func targetsOf(lex *lexicon.Lexicon, seen map[string]bool) []lexicon.Target {
	var out []lexicon.Target
	known := map[string]bool{}
	if lex != nil {
		for _, t := range lex.Targets {
			known[t.ID] = true
			if seen[t.ID] {
				out = append(out, lexicon.Target{ID: t.ID, Label: cmp.Or(t.Label, t.ID)})
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(seen)) {
		if !known[id] {
			out = append(out, lexicon.Target{ID: id, Label: id})
		}
	}
	return out
}
