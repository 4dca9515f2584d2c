package aggregate

import (
	"fmt"
	"math"
	"slices"

	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/stats"
)

// This file compares units within the events they both reported: it
// holds the event fixed, so that a difference between two outlets can be
// told to come from how they name things or from which events they cover.

// EventScore is one unit's stance on one axis in one event: the pooled
// evidence of the unit's reports of the event (package sameevent makes
// them). Every unit that reported the event has one per axis, with N = 0
// when its reports use no term bearing on the axis.
type EventScore struct {
	Event, Unit, Axis string
	// Score is the mean author-voice contribution over the N matches of
	// the unit's reports of the event, in [-1, 1]; 0 when N is 0.
	Score float64
	N     int
}

// Verdicts of a within-event comparison: where a difference between two
// units comes from. The README gives the rule; see WithinPair.Verdict.
const (
	// VerdictNaming: the paired test finds a difference within the events
	// both reported (Holm p < Alpha): it is in how they name the same
	// events.
	VerdictNaming = "naming"
	// VerdictSelection: the units differ overall (Mann–Whitney, Holm p <
	// Alpha) but not within the shared events, where the mean difference
	// is less than half the overall one or of the other sign: the overall
	// difference comes from which events they cover.
	VerdictSelection = "selection"
	// VerdictUnclear: the units differ overall; within the shared events
	// the difference is at least half as large but not significant.
	VerdictUnclear = "unclear"
	// VerdictTooFew: fewer shared events with evidence than any paired
	// test needs to reach Alpha (WithinEvents.MinShared): no test is run.
	VerdictTooFew = "too-few"
	// VerdictNone: no reliable difference, overall or within.
	VerdictNone = "none"
)

// WithinEvents compares units on the events they both reported.
type WithinEvents struct {
	// Window and Threshold are the grouping's settings (see package
	// events), as the caller describes them.
	Window    string  `json:"window"`
	Threshold float64 `json:"threshold"`
	// Events counts the events reported by at least two units.
	Events int `json:"events"`
	// MinShared is the fewest shared events, with evidence from both
	// units, on which the exact paired test can reach Alpha: pairs with
	// fewer are not tested (stats.SignedRankMinPairs).
	MinShared int          `json:"min_shared"`
	Axes      []WithinAxis `json:"axes"`
}

// WithinAxis holds the within-event comparisons on one axis.
type WithinAxis struct {
	Axis string `json:"axis"`
	// Pairs are the pairs of units that reported at least one event in
	// common, in unit order.
	Pairs []WithinPair `json:"pairs"`
	// Tested is the number of pairs tested: Holm's m. HolmShared is the
	// fewest shared events with which the most significant of them can
	// reach Alpha after Holm's adjustment (0 when none was tested).
	Tested     int `json:"tested"`
	HolmShared int `json:"holm_shared,omitempty"`
}

// WithinPair compares units A and B on the events both reported.
type WithinPair struct {
	A string `json:"a"`
	B string `json:"b"`
	// Shared counts the events both reported; Paired those of them in
	// which both have evidence on the axis (n > 0): the pairs of the test.
	Shared int `json:"shared"`
	Paired int `json:"paired"`
	// MeanDiff is the mean over the Paired events of A's stance minus
	// B's; OverallDiff is A's mean article stance minus B's over all
	// their articles (Unit.Axes). Nil when there is nothing to average.
	MeanDiff    *float64 `json:"mean_diff"`
	OverallDiff *float64 `json:"overall_diff"`
	// V, P, Exact and RankBiserial are the Wilcoxon signed-rank test of
	// A's against B's stance over the Paired events (stats.SignedRank),
	// and PHolm its p-value adjusted over the axis's tested pairs; all nil
	// when the pair was not tested (fewer than MinShared paired events).
	// P is 1 when every paired difference is 0.
	V            *float64 `json:"v"`
	P            *float64 `json:"p"`
	Exact        bool     `json:"exact"`
	PHolm        *float64 `json:"p_holm"`
	RankBiserial *float64 `json:"rank_biserial"`
	// OverallPHolm is the Holm p of the pair's Mann–Whitney test over all
	// articles (Comparison.Tests); nil when the pair was not tested there.
	OverallPHolm *float64 `json:"overall_p_holm"`
	// Verdict is one of the Verdict constants; Sentence says it plainly.
	Verdict  string `json:"verdict"`
	Sentence string `json:"sentence"`
}

// CompareWithinEvents compares the units of c on the events they both
// reported, from one EventScore per (event, unit, axis), and sets
// c.WithinEvents. window and threshold describe the grouping, for the
// output. Scores of units or axes c does not know are ignored.
//
// For each axis and each pair of units (A, B) in c's unit order, the
// events both reported are matched, and those in which both have
// evidence on the axis are tested with the paired Wilcoxon signed-rank
// test of A's stance against B's, when there are at least MinShared of
// them; p-values are Holm-adjusted over the tested pairs of the axis. The
// verdict compares that result with the pair's test over all articles
// (c.Tests): see the Verdict constants.
func (c *Comparison) CompareWithinEvents(scores []EventScore, window string, threshold float64) {
	w := &WithinEvents{Window: window, Threshold: threshold, MinShared: stats.SignedRankMinPairs(Alpha), Axes: []WithinAxis{}}
	rank := make(map[string]int, len(c.Units))
	for i, u := range c.Units {
		rank[u.Name] = i
	}
	type cell struct {
		score float64
		n     int
	}
	// byAxis[axis][event][unit]
	byAxis := map[string]map[string]map[int]cell{}
	reporters := map[string]map[int]bool{}
	for _, s := range scores {
		u, ok := rank[s.Unit]
		if !ok {
			continue
		}
		evs := byAxis[s.Axis]
		if evs == nil {
			evs = map[string]map[int]cell{}
			byAxis[s.Axis] = evs
		}
		if evs[s.Event] == nil {
			evs[s.Event] = map[int]cell{}
		}
		evs[s.Event][u] = cell{s.Score, s.N}
		if reporters[s.Event] == nil {
			reporters[s.Event] = map[int]bool{}
		}
		reporters[s.Event][u] = true
	}
	for _, units := range reporters {
		if len(units) >= 2 {
			w.Events++
		}
	}

	for _, ax := range c.Axes {
		wa := WithinAxis{Axis: ax.ID, Pairs: []WithinPair{}}
		evs := byAxis[ax.ID]
		ids := make([]string, 0, len(evs))
		for id := range evs {
			ids = append(ids, id)
		}
		slices.Sort(ids) // the order of the paired samples fixes nothing, but keeps runs alike
		var ps []float64
		var tested []int
		for a := range c.Units {
			for b := a + 1; b < len(c.Units); b++ {
				p := WithinPair{A: c.Units[a].Name, B: c.Units[b].Name}
				var x, y []float64
				for _, id := range ids {
					ca, okA := evs[id][a]
					cb, okB := evs[id][b]
					if !okA || !okB {
						continue
					}
					p.Shared++
					if ca.n > 0 && cb.n > 0 {
						x, y = append(x, ca.score), append(y, cb.score)
					}
				}
				if p.Shared == 0 {
					continue
				}
				p.Paired = len(x)
				if p.Paired > 0 {
					p.MeanDiff = finite(stats.Mean(x) - stats.Mean(y))
				}
				ma, mb := c.Units[a].Axes.Get(ax.ID).Mean, c.Units[b].Axes.Get(ax.ID).Mean
				if ma != nil && mb != nil {
					p.OverallDiff = finite(*ma - *mb)
				}
				p.OverallPHolm = c.overallPHolm(ax.ID, p.A, p.B)
				if p.Paired >= w.MinShared {
					r := stats.SignedRank(x, y)
					p.V, p.Exact = finite(r.V), r.Exact
					if math.IsNaN(r.P) {
						// Every paired difference is 0: every sign pattern
						// gives the same V, so p is 1 (and R's NA is left out
						// of Holm, as in the tests over all articles).
						p.P = new(1.0)
					} else {
						p.P, p.RankBiserial = finite(r.P), finite(r.RankBiserial)
						tested = append(tested, len(wa.Pairs))
						ps = append(ps, r.P)
					}
				}
				wa.Pairs = append(wa.Pairs, p)
			}
		}
		holm := stats.Holm(ps)
		for k, i := range tested {
			wa.Pairs[i].PHolm = finite(holm[k])
		}
		for i := range wa.Pairs {
			p := &wa.Pairs[i]
			if p.P != nil && p.PHolm == nil {
				p.PHolm = new(1.0)
			}
			p.Verdict, p.Sentence = verdict(p, ax, w.MinShared)
		}
		wa.Tested = len(ps)
		if wa.Tested > 0 {
			// The smallest Holm-adjusted p is m times the smallest p.
			wa.HolmShared = w.MinShared
			for float64(wa.Tested)*stats.SignedRankMinP(wa.HolmShared) >= Alpha {
				wa.HolmShared++
			}
		}
		w.Axes = append(w.Axes, wa)
	}
	c.WithinEvents = w
}

// overallPHolm returns the Holm p of the Mann–Whitney test of units a and
// b on axis, or nil when they were not tested against each other.
func (c *Comparison) overallPHolm(axis, a, b string) *float64 {
	for _, t := range c.Tests {
		if t.Axis != axis {
			continue
		}
		for _, p := range t.Pairs {
			if p.A == a && p.B == b || p.A == b && p.B == a {
				return finite(p.PHolm)
			}
		}
	}
	return nil
}

// verdict decides where the difference of a pair comes from (see the
// Verdict constants) and says it in a sentence.
func verdict(p *WithinPair, ax Label, minShared int) (string, string) {
	label := ax.Label
	if label == "" {
		label = ax.ID
	}
	within := p.PHolm != nil && *p.PHolm < Alpha
	overall := p.OverallPHolm != nil && *p.OverallPHolm < Alpha
	shared := english.Count(p.Shared, "event", "events")
	if p.Paired < p.Shared && p.Paired >= minShared {
		shared = fmt.Sprintf("%s (%d with terms bearing on %s in both)", shared, p.Paired, label)
	}
	switch {
	case within:
		hi, lo := p.A, p.B
		if *p.MeanDiff < 0 {
			hi, lo = lo, hi
		}
		return VerdictNaming, fmt.Sprintf("Within the %s both reported, %s's wording scores higher on %s than %s's (mean difference %.2f; paired Wilcoxon, Holm p %s): the difference is in how they name the same events, not only in which events they cover.",
			shared, hi, label, lo, math.Abs(*p.MeanDiff), formatP(*p.PHolm))
	case p.Paired < minShared:
		s := fmt.Sprintf("%s and %s both reported %s", p.A, p.B, shared)
		if p.Paired < p.Shared {
			s += fmt.Sprintf(", %d of them with terms bearing on %s in both", p.Paired, label)
		}
		s += fmt.Sprintf(": too few for a paired test, which needs at least %d to reach p < %g.", minShared, Alpha)
		if overall {
			s += fmt.Sprintf(" Whether their difference over all articles (Holm p %s) comes from naming or from the choice of events cannot be told.", formatP(*p.OverallPHolm))
		}
		return VerdictTooFew, s
	case overall && shrinks(p):
		return VerdictSelection, fmt.Sprintf("%s and %s differ on %s over all their articles (Holm p %s), but not within the %s both reported (mean difference %.2f there against %.2f overall; paired Holm p %s): the overall difference comes from which events they cover, not from how they name the same events.",
			p.A, p.B, label, formatP(*p.OverallPHolm), shared, *p.MeanDiff, *p.OverallDiff, formatP(*p.PHolm))
	case overall:
		return VerdictUnclear, fmt.Sprintf("%s and %s differ on %s over all their articles (Holm p %s); within the %s both reported the difference is about as large (%.2f against %.2f overall) but not significant (paired Holm p %s): it cannot be told whether it comes from naming or from the choice of events.",
			p.A, p.B, label, formatP(*p.OverallPHolm), shared, *p.MeanDiff, *p.OverallDiff, formatP(*p.PHolm))
	}
	return VerdictNone, fmt.Sprintf("No reliable difference between %s and %s on %s, over all their articles or within the %s both reported (paired Holm p %s).",
		p.A, p.B, label, shared, formatP(*p.PHolm))
}

// shrinks reports whether the within-event difference of a pair is less
// than half its overall difference, or of the other sign.
func shrinks(p *WithinPair) bool {
	if p.MeanDiff == nil || p.OverallDiff == nil {
		return false
	}
	d, o := *p.MeanDiff, *p.OverallDiff
	return d*o <= 0 || math.Abs(d) < math.Abs(o)/2
}
