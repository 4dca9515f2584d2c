package aggregate

import (
	"fmt"
	"math"
	"time"

	"github.com/compare-tool/compare/internal/dates"
	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/stats"
)

// This file compares each unit with itself over time: stance summaries
// per calendar period (Options.Period), and a trend test per unit and
// axis with a sentence that says what changed, from what to what.

// TrendLevel says at which level the trend is tested, and why; the
// output repeats it.
const TrendLevel = "Each unit's trend is tested on its articles: Kendall's τ between every dated article's stance score and its date (the Mann–Kendall test; ties in time allowed), as R's cor.test(method = \"kendall\"). Every article counts once, a period with many articles weighs more than one with few, and the test does not depend on the period chosen. The \"from … to …\" are the means of the first and last periods with enough articles, and the rate the Theil–Sen slope of the means of all such periods, which a stray period does not move."

// Trends are the units' stance over calendar periods.
type Trends struct {
	// Period is the length of a period: day, week, month, quarter or year.
	Period string `json:"period"`
	// Periods labels every period from the first dated article's to the
	// last's in order, those without articles included: a trend shows its
	// gaps.
	Periods []string `json:"periods"`
	// Dated and Undated count the records with and without a date;
	// undated ones are left out of the trends.
	Dated   int `json:"dated"`
	Undated int `json:"undated"`
	// MinArticles is the fewest articles with evidence a period needs not
	// to be marked Few.
	MinArticles int `json:"min_articles"`
	// TestLevel says how the trend is tested (TrendLevel).
	TestLevel string `json:"test_level"`
	// Axes hold, per axis in lexicon order, each unit's periods and trend.
	Axes []AxisTrends `json:"axes"`
}

// AxisTrends are the units' trends on one axis.
type AxisTrends struct {
	Axis string `json:"axis"`
	// Units are the units with dated articles, in Comparison order.
	Units []UnitTrend `json:"units"`
}

// UnitTrend is one unit's stance on an axis over the periods.
type UnitTrend struct {
	Unit string `json:"unit"`
	// Cells are the periods in which the unit has dated articles, in
	// order; periods without any are left out here (Trends.Periods lists
	// them all).
	Cells []PeriodCell `json:"cells"`
	// Test is the trend test; nil when there were too few articles or
	// periods, and Skipped then says why.
	Test    *TrendTest `json:"test,omitempty"`
	Skipped string     `json:"skipped,omitempty"`
	// Sentence says the result in plain language.
	Sentence string `json:"sentence"`
}

// PeriodCell summarises a unit's articles of one period on one axis.
type PeriodCell struct {
	Period string `json:"period"`
	// Articles counts the unit's dated articles in the period; the
	// Summary's N those with evidence on the axis (stance n > 0).
	Articles int `json:"articles"`
	Summary
	// Few is true when fewer than MinArticles articles have evidence: the
	// cell is shown, with a rough interval, but left out of the line.
	Few bool `json:"few"`
}

// TrendTest is a trend test of one unit on one axis.
type TrendTest struct {
	// N is the number of dated articles with evidence on the axis.
	N int `json:"n"`
	// Tau, Z, P and Exact are Kendall's test of score against date
	// (stats.Kendall); Z is NaN, and left out, when P is exact.
	Tau   float64  `json:"tau"`
	Z     *float64 `json:"z,omitempty"`
	P     float64  `json:"p"`
	Exact bool     `json:"exact"`
	// PHolm is P adjusted with Holm's method over the units tested on the
	// axis.
	PHolm float64 `json:"p_holm"`
	// From and To are the means of FirstPeriod and LastPeriod, the first
	// and last periods with enough articles, and Slope the Theil–Sen
	// slope of the means of all periods with enough articles (change per
	// period, gaps counted); nil when fewer than two periods have enough.
	Slope       *float64 `json:"slope_per_period,omitempty"`
	From        *float64 `json:"from,omitempty"`
	To          *float64 `json:"to,omitempty"`
	FirstPeriod string   `json:"first_period,omitempty"`
	LastPeriod  string   `json:"last_period,omitempty"`
	// Direction is "rising" or "falling" when the trend is reliable (Holm
	// p below Alpha), else "".
	Direction string `json:"direction,omitempty"`
}

// trendAcc is what a unit keeps for its trends: the date of each dated
// article, and for each axis the dated articles with evidence.
type trendAcc struct {
	secs []int64 // Unix seconds of every dated article
	axes map[string][]timed
}

// timed is one article's score on an axis at its date.
type timed struct {
	sec   int64
	score float64
}

// addTrend keeps what the trends need of a dated record: its date, and
// its scores on the axes it has evidence on.
func (u *unitAcc) addTrend(d dates.Date, stance map[string]record.AxisScore) {
	if u.trend == nil {
		u.trend = &trendAcc{axes: map[string][]timed{}}
	}
	sec := d.Time.Unix()
	u.trend.secs = append(u.trend.secs, sec)
	for id, s := range stance {
		if s.N > 0 {
			u.trend.axes[id] = append(u.trend.axes[id], timed{sec, s.Score})
		}
	}
}

// periodAdjective names the means of a period: "monthly means".
var periodAdjective = map[dates.Period]string{
	dates.Day: "daily", dates.Week: "weekly", dates.Month: "monthly", dates.Quarter: "quarterly", dates.Year: "yearly",
}

// trends computes c.Trends when Options.Period is set: the cells' summaries
// on the workers (each with its own seed, as the units' summaries), then
// each unit's test, Holm-adjusted over the units of an axis.
func (a *Aggregator) trends(c *Comparison, units []*unitAcc) *Trends {
	p := a.opt.Period
	tr := &Trends{Period: p.String(), Periods: []string{}, Dated: a.n - a.undated, Undated: a.undated,
		MinArticles: a.opt.MinArticles, TestLevel: TrendLevel, Axes: []AxisTrends{}}
	if tr.Dated == 0 {
		return tr
	}
	span := dates.Span(p.Of(a.first), p.Of(a.last))
	index := make(map[int64]int, len(span))
	for i, b := range span {
		tr.Periods = append(tr.Periods, b.Label())
		index[b.Start.Unix()] = i
	}
	periodOf := func(sec int64) int { return index[p.OfTime(time.Unix(sec, 0)).Start.Unix()] }

	// at[i].Units[j] is the trend of dated[j] on axis i; pos[i][j][k] is
	// the index in span of its k-th cell.
	var dated []*unitAcc
	for _, u := range units {
		if u.trend != nil {
			dated = append(dated, u)
		}
	}
	pos := make([][][]int, len(c.Axes))
	type job struct {
		x   []float64
		key string
		dst *Summary
	}
	var jobs []job
	for i, ax := range c.Axes {
		at := AxisTrends{Axis: ax.ID, Units: make([]UnitTrend, len(dated))}
		pos[i] = make([][]int, len(dated))
		for j, u := range dated {
			articles := make([]int, len(span))
			for _, s := range u.trend.secs {
				articles[periodOf(s)]++
			}
			values := make([][]float64, len(span))
			for _, v := range u.trend.axes[ax.ID] {
				k := periodOf(v.sec)
				values[k] = append(values[k], v.score)
			}
			ut := &at.Units[j]
			ut.Unit, ut.Cells = u.name, []PeriodCell{}
			for k, n := range articles {
				if n > 0 {
					ut.Cells = append(ut.Cells, PeriodCell{Period: tr.Periods[k], Articles: n,
						Summary: Summary{N: len(values[k])}, Few: len(values[k]) < a.opt.MinArticles})
					pos[i][j] = append(pos[i][j], k)
				}
			}
			for k, cell := range ut.Cells {
				if x := values[pos[i][j][k]]; len(x) > 0 {
					jobs = append(jobs, job{x, "period\x00" + ax.ID + "\x00" + u.name + "\x00" + cell.Period, &ut.Cells[k].Summary})
				}
			}
		}
		tr.Axes = append(tr.Axes, at)
	}
	a.parallel(len(jobs), func(i int) { *jobs[i].dst = a.summary(jobs[i].x, jobs[i].key) })

	for i := range tr.Axes {
		at := &tr.Axes[i]
		var ps []float64
		var tested []*TrendTest
		for j := range at.Units {
			ut := &at.Units[j]
			ut.Test, ut.Skipped = a.trendTest(dated[j].trend.axes[at.Axis], ut.Cells, pos[i][j], p)
			if ut.Test != nil {
				ps = append(ps, ut.Test.P)
				tested = append(tested, ut.Test)
			}
		}
		for k, adj := range stats.Holm(ps) {
			t := tested[k]
			t.PHolm = adj
			if math.IsNaN(t.P) {
				t.P, t.PHolm = 1, 1 // every score the same: there is no order to find
			}
			if t.PHolm < Alpha {
				t.Direction = "rising"
				if t.Tau < 0 {
					t.Direction = "falling"
				}
			}
		}
		label := axisLabel(c.Axes, at.Axis)
		for j := range at.Units {
			at.Units[j].Sentence = trendSentence(&at.Units[j], label, p)
		}
	}
	return tr
}

// trendTest tests one unit's trend on an axis from its dated articles,
// and takes the Theil–Sen slope of the means of its cells that have
// enough articles, with x the cell's place in the span of periods (pos),
// so that gaps count. It returns why not when there are fewer than
// MinArticles articles with evidence, or they all fall in one period.
func (a *Aggregator) trendTest(vals []timed, cells []PeriodCell, pos []int, p dates.Period) (*TrendTest, string) {
	withData := 0
	for _, c := range cells {
		if c.N > 0 {
			withData++
		}
	}
	switch {
	case len(vals) < a.opt.MinArticles:
		return nil, fmt.Sprintf("%s with evidence; a trend test needs at least %d", english.Count(len(vals), "dated article", "dated articles"), a.opt.MinArticles)
	case withData < 2:
		return nil, "all its dated articles with evidence fall in one " + p.String()
	}
	x := make([]float64, len(vals))
	y := make([]float64, len(vals))
	for i, v := range vals {
		x[i], y[i] = float64(v.sec), v.score
	}
	k := stats.Kendall(x, y)
	t := &TrendTest{N: k.N, Tau: k.Tau, P: k.P, Exact: k.Exact, Z: finite(k.Z)}
	if math.IsNaN(k.Tau) {
		t.Tau = 0 // every score the same
	}
	var px, py []float64
	for i, c := range cells {
		if c.Few || c.Mean == nil {
			continue
		}
		px = append(px, float64(pos[i]))
		py = append(py, *c.Mean)
		if t.FirstPeriod == "" {
			t.FirstPeriod = c.Period
		}
		t.LastPeriod = c.Period
	}
	if len(px) < 2 {
		t.FirstPeriod, t.LastPeriod = "", ""
		return t, ""
	}
	t.Slope = finite(stats.SenSlope(px, py))
	t.From, t.To = finite(py[0]), finite(py[len(py)-1])
	return t, ""
}

// axisLabel names an axis in a sentence: its label, or "ID score".
func axisLabel(axes []Label, id string) string {
	for _, l := range axes {
		if l.ID == id && l.Label != "" && l.Label != id {
			return l.Label
		}
	}
	return id + " score"
}

// trendSentence says a unit's trend in plain language: a reliable trend
// (Holm p below Alpha) with the Theil–Sen line's "from … to …" when the
// line agrees with it, else that there is none the data can show.
func trendSentence(ut *UnitTrend, label string, p dates.Period) string {
	t := ut.Test
	if t == nil {
		return fmt.Sprintf("No trend test for %s: %s.", ut.Unit, ut.Skipped)
	}
	stat := fmt.Sprintf("Kendall's τ = %s over %s, Holm p %s", signed(&t.Tau), english.Count(t.N, "article", "articles"), formatP(t.PHolm))
	between := ut.Cells[0].Period + " and " + ut.Cells[len(ut.Cells)-1].Period
	means := periodAdjective[p] + " means"
	// The means must move the way the test says, and so must their slope.
	agrees := t.From != nil && t.To != nil && t.Slope != nil && *t.To != *t.From && *t.Slope != 0 &&
		math.Signbit(*t.To-*t.From) == math.Signbit(t.Tau) && math.Signbit(*t.Slope) == math.Signbit(t.Tau)
	switch {
	case t.Direction != "" && agrees:
		verb := "rose"
		if t.Direction == "falling" {
			verb = "fell"
		}
		return fmt.Sprintf("%s's %s %s from a mean of %s in %s to %s in %s (%s; Theil–Sen slope of the %s %s a %s).",
			ut.Unit, label, verb, signed(t.From), t.FirstPeriod, signed(t.To), t.LastPeriod, stat, means, signed(t.Slope), p)
	case t.Direction != "":
		dir := "higher"
		if t.Direction == "falling" {
			dir = "lower"
		}
		why := "too few periods have enough articles to say from what to what"
		if t.From != nil {
			why = fmt.Sprintf("the %s show no steady change (from %s in %s to %s in %s)", means, signed(t.From), t.FirstPeriod, signed(t.To), t.LastPeriod)
		}
		return fmt.Sprintf("%s's later articles score %s on %s than its earlier ones between %s (%s), but %s.", ut.Unit, dir, label, between, stat, why)
	}
	return fmt.Sprintf("No reliable trend in %s's %s between %s (%s).", ut.Unit, label, between, stat)
}
