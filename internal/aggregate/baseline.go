package aggregate

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/stats"
)

// This file compares a batch of new articles with a baseline of earlier
// ones, unit by unit: did an outlet's stance move, which of its names for
// an actor gained or lost ground, and which words are new.

// ShiftRule says when a unit is called shifted; the output repeats it.
var ShiftRule = fmt.Sprintf("A unit is called shifted on an axis when both hold: its batch and baseline scores differ by Mann–Whitney with a Holm-adjusted p below %g (adjusted over the units of the axis), and the 95%% interval of the difference in mean stance excludes 0. Each alone is not enough: many articles make tiny differences significant, and an interval alone is not adjusted for the number of units compared.", Alpha)

// maxLabelChanges is how many labels per unit Baseline.Naming keeps: those
// whose share changed most.
const maxLabelChanges = 5

// Baseline compares the batch (the Comparison's records) with a
// baseline, per unit.
type Baseline struct {
	// Articles and DateRange describe the baseline's records.
	Articles  int       `json:"articles"`
	DateRange [2]string `json:"date_range,omitempty"`
	// Alpha and Rule say when a unit is called shifted (ShiftRule).
	Alpha float64 `json:"alpha"`
	Rule  string  `json:"shift_rule"`
	// Axes hold, per axis in lexicon order, each batch unit's comparison.
	Axes []BaselineAxis `json:"axes"`
	// Shifted lists the shifts found, "unit (axis)", in the order of Axes.
	Shifted []string `json:"shifted"`
	// Naming lists, per unit, the labels whose share of the unit's
	// references to their target changed most.
	Naming []NamingShifts `json:"naming"`
	// NewTerms lists, per unit, the words and phrases its batch uses more
	// than its baseline: log-odds with the unit's own baseline as the
	// reference (Others counts them in the baseline).
	NewTerms []Distinctive `json:"new_terms"`
	// Notes say what the comparison could not do.
	Notes []string `json:"notes"`
}

// BaselineAxis compares batch and baseline on one axis.
type BaselineAxis struct {
	Axis  string      `json:"axis"`
	Units []UnitShift `json:"units"`
}

// UnitShift compares one unit's batch and baseline articles with evidence
// on an axis.
type UnitShift struct {
	Unit string `json:"unit"`
	// N and BaselineN count articles with evidence on the axis; Mean and
	// BaselineMean are their mean scores.
	N            int      `json:"n"`
	BaselineN    int      `json:"baseline_n"`
	Mean         *float64 `json:"mean"`
	BaselineMean *float64 `json:"baseline_mean"`
	// Diff is Mean − BaselineMean, with its 95% interval: percentile
	// bootstrap of the difference of means (stats.BootstrapDiffCI), or the
	// normal interval with Welch's standard error (stats.NormalDiffCI)
	// when a sample has more than 5,000 values or the bootstrap is off.
	Diff     *float64 `json:"diff"`
	CILow    *float64 `json:"ci_low"`
	CIHigh   *float64 `json:"ci_high"`
	CIMethod string   `json:"ci_method,omitempty"`
	// U, P and Exact are Mann–Whitney's test of batch against baseline,
	// PHolm P adjusted over the units tested on the axis.
	U     float64 `json:"u"`
	P     float64 `json:"p"`
	Exact bool    `json:"exact"`
	PHolm float64 `json:"p_holm"`
	// CliffsDelta is positive when the batch's articles tend to score
	// higher than the baseline's.
	CliffsDelta float64 `json:"cliffs_delta"`
	// Shifted is true when the evidence supports a shift (ShiftRule).
	Shifted bool `json:"shifted"`
	// Skipped says why the unit was not tested, when it was not.
	Skipped string `json:"skipped,omitempty"`
	// Sentence says the result in plain language.
	Sentence string `json:"sentence"`
}

// NamingShifts are one unit's labels whose share changed most.
type NamingShifts struct {
	Unit   string        `json:"unit"`
	Labels []LabelChange `json:"labels"`
}

// LabelChange is one naming entry's use in batch and baseline: counts of
// author-voice uses and shares of the unit's references to the target.
// Label names the entry (NamingLabel.Label, never evidence of what the
// unit wrote); Forms and BaselineForms are the forms it wrote, now and
// before.
type LabelChange struct {
	Target        string      `json:"target"`
	Entry         string      `json:"entry"`
	Label         string      `json:"label"`
	Forms         []FormCount `json:"forms,omitempty"`
	BaselineForms []FormCount `json:"baseline_forms,omitempty"`
	Count         int         `json:"count"`
	BaselineCount int         `json:"baseline_count"`
	Share         float64     `json:"share"`
	BaselineShare float64     `json:"baseline_share"`
	// Change is Share − BaselineShare.
	Change float64 `json:"change"`
}

// ResultAgainst computes the comparison of the records added, as Result,
// with Comparison.Baseline comparing them with the records of base (an
// Aggregator of the same Options fed the baseline). It returns a
// *LexiconMismatchError when the baseline was scored with another
// lexicon than the batch. A nil base gives Result().
func (a *Aggregator) ResultAgainst(base *Aggregator) (*Comparison, error) {
	if base != nil && a.n > 0 && base.n > 0 && (base.lex.Name != a.lex.Name || base.lex.SHA256 != a.lex.SHA256) {
		return nil, &LexiconMismatchError{Want: a.lex, Got: base.lex}
	}
	c := a.Result()
	if base != nil {
		c.Baseline = a.baseline(c, base)
	}
	return c, nil
}

// baseline compares the batch's units with their baseline.
func (a *Aggregator) baseline(c *Comparison, base *Aggregator) *Baseline {
	b := &Baseline{Articles: base.n, Alpha: Alpha, Rule: ShiftRule, Axes: []BaselineAxis{}, Shifted: []string{},
		Naming: []NamingShifts{}, NewTerms: []Distinctive{}, Notes: []string{}}
	if !base.first.IsZero() {
		b.DateRange = [2]string{base.first.String(), base.last.String()}
	}
	if base.n == 0 {
		b.Notes = append(b.Notes, "The baseline has no records: nothing to compare with.")
		return b
	}
	units := make([]*unitAcc, len(c.Units))
	for i, u := range c.Units {
		units[i] = a.units[u.Name]
	}
	// Each unit and axis is one job; Holm needs the whole axis after.
	b.Axes = make([]BaselineAxis, len(c.Axes))
	for i, ax := range c.Axes {
		b.Axes[i] = BaselineAxis{Axis: ax.ID, Units: make([]UnitShift, len(units))}
	}
	a.parallel(len(c.Axes)*len(units), func(k int) {
		i, j := k/len(units), k%len(units)
		u, id := units[j], c.Axes[i].ID
		var y []float64
		if bu := base.units[u.name]; bu != nil {
			y = base.axes.at(bu.axes, id)
		}
		b.Axes[i].Units[j] = a.shift(u.name, id, a.axes.at(u.axes, id), y)
	})
	for i := range b.Axes {
		bx := &b.Axes[i]
		var ps []float64
		var tested []*UnitShift
		for j := range bx.Units {
			if us := &bx.Units[j]; us.Skipped == "" {
				ps = append(ps, us.P)
				tested = append(tested, us)
			}
		}
		for k, adj := range stats.Holm(ps) {
			us := tested[k]
			us.PHolm = adj
			if math.IsNaN(us.P) {
				us.P, us.PHolm = 1, 1 // every value of both the same
			}
			us.Shifted = us.PHolm < Alpha && us.CILow != nil && us.CIHigh != nil && (*us.CILow > 0 || *us.CIHigh < 0)
		}
		label := axisLabel(c.Axes, bx.Axis)
		for j := range bx.Units {
			us := &bx.Units[j]
			us.Sentence = shiftSentence(us, label)
			if us.Shifted {
				b.Shifted = append(b.Shifted, fmt.Sprintf("%s (%s)", us.Unit, bx.Axis))
			}
		}
	}
	lex := a.lexicon()
	b.Naming = namingShifts(c.Naming, base.naming(c.Targets, base.order, lex, 0), c.Units)
	b.NewTerms, b.Notes = a.newTerms(base, units, a.lexiconForms(lex))
	return b
}

// shift compares one unit's batch scores x with its baseline scores y on
// an axis; PHolm and Shifted are set by the caller.
func (a *Aggregator) shift(unit, axis string, x, y []float64) UnitShift {
	us := UnitShift{Unit: unit, N: len(x), BaselineN: len(y), Mean: finite(stats.Mean(x)), BaselineMean: finite(stats.Mean(y))}
	least := a.opt.MinArticles
	switch {
	case len(y) == 0:
		us.Skipped = "no baseline article with evidence on the axis"
		return us
	case len(x) < least || len(y) < least:
		us.Skipped = fmt.Sprintf("%d new and %d baseline articles with evidence; the comparison needs at least %d of each", len(x), len(y), least)
		return us
	}
	d := stats.Mean(x) - stats.Mean(y)
	us.Diff = finite(d)
	var lo, hi float64
	if a.opt.Bootstrap > 0 && len(x) <= bootstrapMaxN && len(y) <= bootstrapMaxN {
		// Sorted copies: the interval then depends on the values only.
		xs, ys := slices.Sorted(slices.Values(x)), slices.Sorted(slices.Values(y))
		lo, hi = stats.BootstrapDiffCI(xs, ys, stats.Mean, a.opt.Bootstrap, 0.95, a.seedFor("baseline\x00"+axis+"\x00"+unit))
		us.CIMethod = "percentile bootstrap"
	} else {
		lo, hi = stats.NormalDiffCI(x, y, 0.95)
		us.CIMethod = "normal"
	}
	us.CILow, us.CIHigh = finite(lo), finite(hi)
	mw := stats.MannWhitney(x, y)
	us.U, us.P, us.Exact = mw.U, mw.P, mw.Exact
	us.CliffsDelta = stats.CliffsDelta(x, y)
	if math.IsNaN(us.CliffsDelta) {
		us.CliffsDelta = 0
	}
	return us
}

// shiftSentence says a unit's comparison with its baseline in plain
// language.
func shiftSentence(us *UnitShift, label string) string {
	if us.Skipped != "" {
		return fmt.Sprintf("%s not compared on %s: %s.", us.Unit, label, us.Skipped)
	}
	nums := fmt.Sprintf("%s %s %s against %s in the baseline's %d (difference %s [95%% CI %s, %s]; Cliff's δ = %.2f, %s; Holm p %s)",
		english.Count(us.N, "new article", "new articles"), english.Plural(us.N, "averages", "average"), signed(us.Mean), signed(us.BaselineMean), us.BaselineN,
		signed(us.Diff), signed(us.CILow), signed(us.CIHigh), math.Abs(us.CliffsDelta), EffectSize(us.CliffsDelta), formatP(us.PHolm))
	switch {
	case us.Shifted:
		dir := "up"
		if *us.Diff < 0 {
			dir = "down"
		}
		return fmt.Sprintf("%s shifted %s on %s: its %s.", us.Unit, dir, label, nums)
	case us.PHolm < Alpha:
		return fmt.Sprintf("No shift called for %s on %s: the ranks differ, but the interval of the difference includes 0; its %s.", us.Unit, label, nums)
	}
	return fmt.Sprintf("No shift in %s on %s: its %s.", us.Unit, label, nums)
}

// namingShifts lists, for each unit in both namings, the labels whose
// share of the unit's references to their target changed most: at most
// maxLabelChanges a unit, by the size of the change, then by entry.
// Labels are matched on target and entry.
func namingShifts(batch, base []Naming, units []Unit) []NamingShifts {
	type key struct{ target, entry string }
	type use struct {
		count int
		share float64
		label string
		forms []FormCount
	}
	uses := func(ns []Naming) map[string]map[key]use {
		m := map[string]map[key]use{}
		for _, n := range ns {
			for i := range n.Labels {
				l := &n.Labels[i]
				for unit, k := range l.Counts {
					if m[unit] == nil {
						m[unit] = map[key]use{}
					}
					m[unit][key{n.Target, l.Entry}] = use{k, n.Share(l, unit), l.Label, l.Forms[unit]}
				}
			}
		}
		return m
	}
	now, before := uses(batch), uses(base)
	out := []NamingShifts{}
	for _, u := range units {
		n, b := now[u.Name], before[u.Name]
		if n == nil || b == nil {
			continue
		}
		// Only targets the unit names in both: a share of nothing is no share.
		named := func(m map[key]use, target string) bool {
			for k, v := range m {
				if k.target == target && v.count > 0 {
					return true
				}
			}
			return false
		}
		var changes []LabelChange
		for _, m := range []map[key]use{n, b} {
			for k := range m {
				if !named(n, k.target) || !named(b, k.target) || slices.ContainsFunc(changes, func(c LabelChange) bool {
					return c.Target == k.target && c.Entry == k.entry
				}) {
					continue
				}
				c := LabelChange{Target: k.target, Entry: k.entry, Label: cmp.Or(n[k].label, b[k].label), Forms: n[k].forms, BaselineForms: b[k].forms,
					Count: n[k].count, BaselineCount: b[k].count, Share: n[k].share, BaselineShare: b[k].share}
				c.Change = c.Share - c.BaselineShare
				if c.Change != 0 {
					changes = append(changes, c)
				}
			}
		}
		slices.SortFunc(changes, func(x, y LabelChange) int {
			return cmp.Or(cmp.Compare(math.Abs(y.Change), math.Abs(x.Change)), cmp.Compare(x.Target, y.Target),
				cmp.Compare(x.Entry, y.Entry))
		})
		if len(changes) > 0 {
			out = append(out, NamingShifts{Unit: u.Name, Labels: changes[:min(len(changes), maxLabelChanges)]})
		}
	}
	return out
}

// newTerms ranks each unit's words and phrases in the batch against the
// same unit's baseline, by the log-odds ratio with an informative
// Dirichlet prior that distinctive terms use, with two groups: the unit's
// sampled batch texts and its sampled baseline texts (the prior is their
// pooled counts, halved). The work is distinctive's, on a two-unit
// Aggregator built for the purpose.
func (a *Aggregator) newTerms(base *Aggregator, units []*unitAcc, inLexicon map[string]bool) ([]Distinctive, []string) {
	var notes []string
	if a.noText == a.n || base.noText == base.n {
		return []Distinctive{}, []string{"No new terms: the batch or the baseline records have no article text (scored with --no-text)."}
	}
	if a.sampleLevel > 0 || base.sampleLevel > 0 {
		notes = append(notes, "New terms come from samples of the batch and baseline texts (see --text-budget).")
	}
	byUnit := func(s []sampledText, index int) []sampledText {
		var out []sampledText
		for _, st := range s {
			if st.unit == index {
				out = append(out, st)
			}
		}
		return out
	}
	out := []Distinctive{}
	var without []string
	for _, u := range units {
		bu := base.units[u.name]
		var now, before []sampledText
		now = byUnit(a.sample, u.index)
		if bu != nil {
			before = byUnit(base.sample, bu.index)
		}
		if len(now) == 0 || len(before) == 0 {
			without = append(without, u.name)
			continue
		}
		// Two units fill two of the ngramShards tables, each with
		// NgramCap/ngramShards entries, allocated up front: no more than
		// their texts can fill (at most three phrases a word, about one
		// word in five bytes), lest forty units allocate forty full caps.
		bytes := 0
		for _, st := range slices.Concat(now, before) {
			bytes += len(st.text)
		}
		opt := a.opt
		opt.NgramCap = min(a.opt.NgramCap, ngramShards*(3*bytes/5+1000))
		pair := New(opt)
		pair.n = len(now) + len(before)
		batchU, baseU := pair.unit(u.name), pair.unit(u.name+"\x00baseline")
		batchU.withText, baseU.withText = len(now), len(before)
		for _, st := range now {
			st.unit = batchU.index
			pair.sample = append(pair.sample, st)
		}
		for _, st := range before {
			st.unit = baseU.index
			pair.sample = append(pair.sample, st)
		}
		terms, pairNotes := pair.distinctive([]*unitAcc{batchU, baseU}, inLexicon, nil)
		for _, n := range pairNotes {
			if n = strings.ReplaceAll(n, "Distinctive terms", "New terms"); !slices.Contains(notes, n) {
				notes = append(notes, n)
			}
		}
		if len(terms) > 0 && len(terms[0].Terms) > 0 {
			out = append(out, Distinctive{Unit: u.name, Terms: terms[0].Terms})
		}
	}
	if len(without) > 0 {
		notes = append(notes, fmt.Sprintf("No new terms for %s: no sampled text in the batch or in the baseline.", listSome(without, 10)))
	}
	return out, notes
}
