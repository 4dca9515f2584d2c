package aggregate

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/compare-tool/compare/internal/dates"
	"github.com/compare-tool/compare/internal/record"
)

// namedRecord is a record of outlet with a stance score on axis x, a text,
// and author-voice matches of the given entries of target "opp".
func namedRecord(outlet, id string, score float64, text string, entries ...string) *record.Record {
	r := datedRecord(outlet, id, "", score)
	r.Text = text
	r.Targets = map[string]record.TargetScore{"opp": {References: len(entries), Author: len(entries)}}
	for _, e := range entries {
		r.Matches = append(r.Matches, record.MatchRecord{Text: e, Entry: e, Target: "opp", Valence: -1, Category: "pejorative", Voice: record.Author})
	}
	return r
}

// baselineAggregators feeds a batch and a baseline:
//
//	x  <- c(0.45, 0.52, 0.38, 0.61, 0.49, 0.55)                # moved, batch
//	y  <- c(-0.2, 0.05, -0.31, 0.12, -0.08, 0.0, -0.15, 0.2)   # moved, baseline
//	x2 <- c(0.1, -0.05, 0.2, 0.0, 0.15)                        # same, batch
//	y2 <- c(0.12, -0.1, 0.05, 0.18, -0.02, 0.08)               # same, baseline
//
// tiny has two batch articles, newcomer no baseline. moved calls the
// opposition "terrorists" in the batch and mostly "rebels" before, and
// its batch texts say "takfiri gangs" where the baseline's said "armed
// groups".
func baselineAggregators(opt Options) (batch, base *Aggregator) {
	batch, base = New(opt), New(opt)
	add := func(a *Aggregator, r *record.Record) {
		if err := a.Add(r); err != nil {
			panic(err)
		}
	}
	const now = "The takfiri gangs attacked the town again. The takfiri gangs fled at night. Officials said the town was calm."
	const before = "The armed groups attacked the town again. The armed groups fled at night. Officials said the town was calm."
	for i, v := range []float64{0.45, 0.52, 0.38, 0.61, 0.49, 0.55} {
		add(batch, namedRecord("moved", fmt.Sprint("m", i), v, now, "terrorists"))
	}
	for i, v := range []float64{-0.2, 0.05, -0.31, 0.12, -0.08, 0.0, -0.15, 0.2} {
		entries := []string{"rebels"}
		if i == 0 {
			entries = []string{"terrorists"}
		}
		add(base, namedRecord("moved", fmt.Sprint("bm", i), v, before, entries...))
	}
	for i, v := range []float64{0.1, -0.05, 0.2, 0.0, 0.15} {
		add(batch, namedRecord("same", fmt.Sprint("s", i), v, "The council met on Monday about the budget."))
	}
	for i, v := range []float64{0.12, -0.1, 0.05, 0.18, -0.02, 0.08} {
		add(base, namedRecord("same", fmt.Sprint("bs", i), v, "The council met on Tuesday about the budget."))
	}
	add(batch, namedRecord("tiny", "t1", 0.9, "Tiny."))
	add(batch, namedRecord("tiny", "t2", 0.8, "Tiny."))
	for i := range 3 {
		add(base, namedRecord("tiny", fmt.Sprint("bt", i), -0.5, "Tiny before."))
	}
	for i := range 4 {
		add(batch, namedRecord("newcomer", fmt.Sprint("n", i), 0.3, "A newcomer."))
	}
	return batch, base
}

// TestBaseline checks the comparison with the baseline against R 4.2.2,
// printed with %.17g:
//
//	wilcox.test(x, y)     # W = 48, p = 0.000666000666000666 (exact)
//	wilcox.test(x2, y2)   # W = 18, p = 0.66233766233766234 (exact)
//	p.adjust(c(0.000666000666000666, 0.66233766233766234), "holm")
//	  # 0.001332001332001332, 0.66233766233766234
//	mean(sign(outer(x, y, "-"))); mean(sign(outer(x2, y2, "-")))   # 1, 0.2
//	mean(x) - mean(y); mean(x2) - mean(y2)   # 0.54625000000000001, 0.028333333333333335
//
// The exact p-values are sums of the same integer counts on both sides:
// 1e-12 relative.
func TestBaseline(t *testing.T) {
	batch, base := baselineAggregators(options(func(o *Options) { o.Seed = 5; o.Bootstrap = 2000 }))
	c, err := batch.ResultAgainst(base)
	if err != nil {
		t.Fatal(err)
	}
	b := c.Baseline
	if b == nil || b.Articles != 17 || len(b.Axes) != 1 {
		t.Fatalf("baseline %+v", b)
	}
	byUnit := map[string]UnitShift{}
	for _, us := range b.Axes[0].Units {
		byUnit[us.Unit] = us
	}
	check := func(name string, u, p, holm, delta, diff float64, shifted bool) {
		t.Helper()
		us := byUnit[name]
		if us.Skipped != "" || us.U != u || !relNear(us.P, p) || !relNear(us.PHolm, holm) || !us.Exact ||
			math.Abs(us.CliffsDelta-delta) > 1e-12 || math.Abs(*us.Diff-diff) > 1e-12 || us.Shifted != shifted {
			t.Errorf("%s: %+v; want U %v, p %v, Holm %v, δ %v, diff %v, shifted %v", name, us, u, p, holm, delta, diff, shifted)
		}
		if us.CIMethod != "percentile bootstrap" || !(*us.CILow < diff && diff < *us.CIHigh) {
			t.Errorf("%s: interval [%v, %v] (%s) does not hold the difference %v", name, *us.CILow, *us.CIHigh, us.CIMethod, diff)
		}
	}
	check("moved", 48, 0.000666000666000666, 0.001332001332001332, 1, 0.54625000000000001, true)
	check("same", 18, 0.66233766233766234, 0.66233766233766234, 0.2, 0.028333333333333335, false)
	if us := byUnit["tiny"]; us.Skipped != "2 new and 3 baseline articles with evidence; the comparison needs at least 3 of each" || us.Shifted {
		t.Errorf("tiny: %+v", us)
	}
	if us := byUnit["newcomer"]; us.Skipped != "no baseline article with evidence on the axis" || us.Shifted {
		t.Errorf("newcomer: %+v", us)
	}
	if !slices.Equal(b.Shifted, []string{"moved (x)"}) {
		t.Errorf("shifted %q", b.Shifted)
	}
	if s := byUnit["moved"].Sentence; !strings.HasPrefix(s, "moved shifted up on x score: its 6 new articles average +0.50 against -0.05 in the baseline's 8 (difference +0.55 [95% CI ") ||
		!strings.HasSuffix(s, "]; Cliff's δ = 1.00, large; Holm p = 0.001).") {
		t.Errorf("sentence %q", s)
	}
	if s := byUnit["same"].Sentence; !strings.HasPrefix(s, "No shift in same on x score: its 5 new articles average") {
		t.Errorf("sentence %q", s)
	}

	// moved's naming: "terrorists" went from 1 of 8 references to 6 of 6.
	if len(b.Naming) != 1 || b.Naming[0].Unit != "moved" {
		t.Fatalf("naming %+v", b.Naming)
	}
	want := []LabelChange{
		{Target: "opp", Entry: "rebels", Label: "rebels", BaselineForms: []FormCount{{"rebels", 7}}, Count: 0, BaselineCount: 7, Share: 0, BaselineShare: 0.875, Change: -0.875},
		{Target: "opp", Entry: "terrorists", Label: "terrorists", Forms: []FormCount{{"terrorists", 6}}, BaselineForms: []FormCount{{"terrorists", 1}}, Count: 6, BaselineCount: 1, Share: 1, BaselineShare: 0.125, Change: 0.875},
	}
	if !reflect.DeepEqual(b.Naming[0].Labels, want) {
		t.Errorf("naming changes\n got %+v\nwant %+v", b.Naming[0].Labels, want)
	}

	// moved's new words are the takfiri gangs, never in its baseline.
	var terms []DistinctiveTerm
	for _, d := range b.NewTerms {
		if d.Unit == "moved" {
			terms = d.Terms
		}
	}
	if !slices.ContainsFunc(terms, func(d DistinctiveTerm) bool {
		return strings.Contains(d.Term, "takfiri") && d.Count == 12 && d.Others == 0
	}) || slices.ContainsFunc(terms, func(d DistinctiveTerm) bool { return strings.Contains(d.Term, "armed") }) {
		t.Errorf("moved's new terms %+v", terms)
	}
}

// TestBaselineNothingShifted: the same scores in batch and baseline shift
// nothing, and the rule needs both the test and the interval.
func TestBaselineNothingShifted(t *testing.T) {
	batch, base := New(options(func(o *Options) { o.Seed = 1 })), New(options(func(o *Options) { o.Seed = 1 }))
	for i := range 40 {
		v := float64(i%7-3) / 10
		batch.Add(datedRecord("a", fmt.Sprint("n", i), "", v+0.01))
		base.Add(datedRecord("a", fmt.Sprint("b", i), "", v))
	}
	c, err := batch.ResultAgainst(base)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Baseline.Shifted) != 0 || c.Baseline.Axes[0].Units[0].Shifted {
		t.Errorf("shifted: %+v", c.Baseline.Axes[0].Units[0])
	}
}

func TestBaselineLexiconMismatch(t *testing.T) {
	batch, base := New(options(func(o *Options) { o.Seed = 0 })), New(options(func(o *Options) { o.Seed = 0 }))
	batch.Add(datedRecord("a", "1", "", 0.1))
	r := datedRecord("a", "2", "", 0.1)
	r.Lexicon.SHA256 = "cd"
	base.Add(r)
	var mm *LexiconMismatchError
	if _, err := batch.ResultAgainst(base); !errors.As(err, &mm) {
		t.Errorf("error %v, want a lexicon mismatch", err)
	}
}

// TestBaselineLargeSamples takes the normal interval past 5,000 values.
func TestBaselineLargeSamples(t *testing.T) {
	batch, base := New(options(func(o *Options) { o.Seed = 1 })), New(options(func(o *Options) { o.Seed = 1 }))
	for i := range 6000 {
		batch.Add(datedRecord("a", fmt.Sprint("n", i), "", float64(i%11)/10))
		base.Add(datedRecord("a", fmt.Sprint("b", i), "", float64(i%13)/10))
	}
	c, err := batch.ResultAgainst(base)
	if err != nil {
		t.Fatal(err)
	}
	if us := c.Baseline.Axes[0].Units[0]; us.CIMethod != "normal" || us.CILow == nil {
		t.Errorf("%+v", us)
	}
}

// TestFalseAlarms checks the documented α by simulation: with no shift
// and no trend (every score drawn from one normal distribution, ten
// units, dates uniform over a year), the share of runs in which any unit
// is called shifted, or any trend reliable, must be near or below 0.05:
// Holm keeps the chance of any false call per axis at most α, and the
// shift rule's interval makes it smaller still. 200 runs give a standard
// error of about 0.015 at 0.05; the test accepts up to 0.09. The data are
// seeded, so the test is deterministic: it gives 11 runs (0.055) with a
// false shift and 5 (0.025) with a false trend.
func TestFalseAlarms(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation")
	}
	const runs, units = 200, 10
	rng := rand.New(rand.NewPCG(15, 2024))
	var shiftRuns, trendRuns int
	for run := range runs {
		batch, base := New(options(func(o *Options) { o.Seed = uint64(run); o.Bootstrap = 200; o.Period = dates.Month })), New(options(func(o *Options) { o.Seed = uint64(run); o.Bootstrap = 200 }))
		for u := range units {
			name := fmt.Sprint("outlet-", u)
			for i := range 30 {
				day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(366)).Format(time.DateOnly)
				batch.Add(datedRecord(name, fmt.Sprint("n", i), day, math.Round(rng.NormFloat64()*30)/100))
			}
			for i := range 60 {
				base.Add(datedRecord(name, fmt.Sprint("b", i), "", math.Round(rng.NormFloat64()*30)/100))
			}
		}
		c, err := batch.ResultAgainst(base)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Baseline.Shifted) > 0 {
			shiftRuns++
		}
		for _, ut := range c.Trends.Axes[0].Units {
			if ut.Test != nil && ut.Test.Direction != "" {
				trendRuns++
				break
			}
		}
	}
	t.Logf("runs with a false shift: %d of %d; with a false trend: %d", shiftRuns, runs, trendRuns)
	if float64(shiftRuns)/runs > 0.09 || float64(trendRuns)/runs > 0.09 {
		t.Errorf("false alarms in %d (shift) and %d (trend) of %d runs, want at most 9%%", shiftRuns, trendRuns, runs)
	}
}
