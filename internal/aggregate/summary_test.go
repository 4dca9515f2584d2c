package aggregate

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/stats"
)

// Tests of the per-unit summaries and their edge cases: bootstrap seeds
// and coverage, many units, large samples, ties, one article, empty input,
// the outlet map and date ranges.

// TestBootstrapPerUnitSeeds checks that a unit's intervals depend on the
// seed and its own values only: adding another outlet leaves them alone.
func TestBootstrapPerUnitSeeds(t *testing.T) {
	recs := readRecordsFile(t, handFile)
	var without []*record.Record
	for _, r := range recs {
		if r.Outlet != "beta.example" {
			without = append(without, r)
		}
	}
	full := aggregate(t, recs, options(func(o *Options) { o.Seed = 42 }))
	less := aggregate(t, without, options(func(o *Options) { o.Seed = 42 }))
	other := aggregate(t, recs, options(func(o *Options) { o.Seed = 43 }))
	ci := func(c *Comparison, unit string) [2]float64 {
		for _, u := range c.Units {
			if u.Name == unit {
				s := u.Axes.Get("tehran-damascus")
				return [2]float64{*s.CILow, *s.CIHigh}
			}
		}
		t.Fatalf("no unit %s", unit)
		return [2]float64{}
	}
	for _, unit := range []string{"alpha.example", "gamma.example"} {
		if a, b := ci(full, unit), ci(less, unit); a != b {
			t.Errorf("%s: interval %v with beta, %v without", unit, a, b)
		}
		if a, b := ci(full, unit), ci(other, unit); a == b {
			t.Errorf("%s: seeds 42 and 43 gave the same interval %v", unit, a)
		}
	}
}

// TestBootstrapCoverage simulates outlets whose articles' stance scores
// are normal with a known mean, and checks that the 95% intervals cover
// it about 95% of the time. The percentile interval of the mean of n = 40
// values covers about P(|t₃₉| < 1.96·√(39/40)) ≈ 0.94 (Efron and
// Tibshirani 1993, §13.3); 600 simulated outlets give a rate with a
// standard error of about 0.01, so the test accepts 0.90–0.98. Data and
// seeds are fixed: the test is deterministic.
func TestBootstrapCoverage(t *testing.T) {
	const (
		outlets = 600
		n       = 40
		mu      = 0.2
	)
	rng := rand.New(rand.NewPCG(11, 12))
	agg := New(options(func(o *Options) { o.Bootstrap = 500; o.Seed = 5 }))
	covered := 0
	for o := 0; o < outlets; o++ {
		x := make([]float64, n)
		for i := range x {
			x[i] = mu + 0.3*rng.NormFloat64()
		}
		// The key is what Result derives each interval's seed from.
		s := agg.summary(x, fmt.Sprintf("axis\x00a\x00o%03d", o))
		if s.CIMethod != "percentile bootstrap" {
			t.Fatalf("interval method %q", s.CIMethod)
		}
		if *s.CILow <= mu && mu <= *s.CIHigh {
			covered++
		}
	}
	rate := float64(covered) / outlets
	t.Logf("coverage %d/%d = %.3f", covered, outlets, rate)
	if rate < 0.90 || rate > 0.98 {
		t.Errorf("coverage %.3f outside [0.90, 0.98]", rate)
	}
}

// TestManyUnits checks that pairwise tests stop at maxPairUnits units,
// where Kruskal–Wallis still runs.
func TestManyUnits(t *testing.T) {
	agg := New(options(func(o *Options) { o.Bootstrap = 0 }))
	for o := 0; o < maxPairUnits+1; o++ {
		for i := 0; i < 3; i++ {
			agg.Add(&record.Record{Schema: record.Schema, ID: fmt.Sprint(i), Outlet: fmt.Sprintf("o%02d", o), Lexicon: record.LexiconRef{Name: "l"},
				Stance: map[string]record.AxisScore{"a": {Score: float64(o*3 + i), N: 1}}})
		}
	}
	tt := agg.Result().Tests[0]
	if tt.KruskalWallis == nil || len(tt.Pairs) != 0 || tt.PairsOmitted == "" {
		t.Errorf("%d units: KW %v, %d pairs, omitted %q", maxPairUnits+1, tt.KruskalWallis, len(tt.Pairs), tt.PairsOmitted)
	}
}

// TestLargeSampleInterval checks the normal interval used past
// bootstrapMaxN values against its formula.
func TestLargeSampleInterval(t *testing.T) {
	agg := New(DefaultOptions())
	x := make([]float64, bootstrapMaxN+1)
	for i := range x {
		x[i] = float64(i%7) / 7
	}
	s := agg.summary(slices.Clone(x), "k")
	mean, sd := stats.MeanStd(x)
	half := 1.959963984540054 * sd / math.Sqrt(float64(len(x)))
	if s.CIMethod != "normal" || math.Abs(*s.CILow-(mean-half)) > 1e-12 || math.Abs(*s.CIHigh-(mean+half)) > 1e-12 {
		t.Errorf("interval [%v, %v] by %s, want [%v, %v] by normal", *s.CILow, *s.CIHigh, s.CIMethod, mean-half, mean+half)
	}
}

func TestSummaryEdgeCases(t *testing.T) {
	agg := New(DefaultOptions())
	empty := agg.summary(nil, "k")
	if empty.N != 0 || empty.Mean != nil || empty.CILow != nil {
		t.Errorf("empty sample: %+v", empty)
	}
	one := agg.summary([]float64{0.3}, "k")
	if one.N != 1 || *one.Mean != 0.3 || one.SD != nil || one.CILow != nil || *one.IQR != 0 {
		t.Errorf("one value: %+v", one)
	}
	off := New(options(func(o *Options) { o.Bootstrap = 0 })).summary([]float64{1, 2, 3}, "k")
	if off.CILow != nil || off.CIMethod != "" {
		t.Errorf("bootstrap off: %+v", off)
	}
}

func TestAggregateLexiconMismatch(t *testing.T) {
	agg := New(DefaultOptions())
	a := &record.Record{Schema: record.Schema, Outlet: "x", Lexicon: record.LexiconRef{Name: "iran-syria", Version: "1", SHA256: "aaaa"}}
	b := &record.Record{Schema: record.Schema, Outlet: "x", Lexicon: record.LexiconRef{Name: "iran-syria", Version: "2", SHA256: "bbbb"}}
	if err := agg.Add(a); err != nil {
		t.Fatal(err)
	}
	err := agg.Add(b)
	var mm *LexiconMismatchError
	if !errors.As(err, &mm) || mm.Got.SHA256 != "bbbb" || mm.Want.SHA256 != "aaaa" {
		t.Fatalf("got %v, want a LexiconMismatchError", err)
	}
	if !strings.Contains(err.Error(), "iran-syria 2 (sha256 bbbb)") {
		t.Errorf("message %q does not name the lexicon", err)
	}
	if agg.Articles() != 1 {
		t.Errorf("the rejected record was counted")
	}
}

func TestEffectSize(t *testing.T) {
	// Romano et al. (2006) thresholds.
	for _, tt := range []struct {
		d    float64
		want string
	}{{0, "negligible"}, {0.146, "negligible"}, {-0.147, "small"}, {0.329, "small"}, {0.33, "medium"}, {-0.473, "medium"}, {0.474, "large"}, {-1, "large"}} {
		if got := EffectSize(tt.d); got != tt.want {
			t.Errorf("EffectSize(%v) = %s, want %s", tt.d, got, tt.want)
		}
	}
}

func TestSentence(t *testing.T) {
	tests := []struct {
		p       Pair
		framing bool
		minHolm float64 // the family's smallest possible Holm p
		pairs   int
		want    string
	}{
		{Pair{A: "bbc.com", B: "irna.ir", CliffsDelta: -0.62, PHolm: 0.003}, false, 0.001, 10,
			"irna.ir's articles score higher on Tehran–Damascus than bbc.com's (Cliff's δ = 0.62, large; Holm p = 0.003)."},
		{Pair{A: "a", B: "b", CliffsDelta: 0.1, PHolm: 0.41}, false, 0.001, 10,
			"No reliable difference between a and b on Tehran–Damascus (Cliff's δ = 0.10, negligible; Holm p = 0.41)."},
		{Pair{A: "a", B: "b", CliffsDelta: -0.55, PHolm: 0.081}, false, 0.001, 10,
			"No reliable difference between a and b on Tehran–Damascus: b's articles score higher in this sample (Cliff's δ = 0.55, large), but with Holm p = 0.081 that may be chance."},
		{Pair{A: "a", B: "b", CliffsDelta: 0.9, PHolm: 0.0001}, true, 0.001, 10,
			"a's articles name Tehran–Damascus more favourably than b's (Cliff's δ = 0.90, large; Holm p < 0.001)."},
		{Pair{A: "a", B: "b", CliffsDelta: 0, PHolm: 1}, false, 0.001, 10,
			"No reliable difference between a and b on Tehran–Damascus (Cliff's δ = 0.00, negligible; Holm p = 1)."},
		// 5 articles each, 10 pairs: no pair can reach 0.05 (issue 12).
		{Pair{A: "a", B: "b", NA: 5, NB: 5, MinP: 2.0 / 252, CliffsDelta: 1, PHolm: 0.079}, false, 10 * 2.0 / 252, 10,
			"The data cannot tell whether a and b differ on Tehran–Damascus: with 5 and 5 articles, one pair of 10, no test could reach p < 0.05 (the smallest possible Holm p is 0.079); in this sample a's articles score higher (Cliff's δ = 1.00, large)."},
		// The family could reach it, this pair's sizes cannot: 3 and 3 give
		// p ≥ 0.1 alone.
		{Pair{A: "a", B: "b", NA: 3, NB: 3, MinP: 0.1, CliffsDelta: -0.2, PHolm: 0.9}, true, 0.0001, 1,
			"The data cannot tell whether a and b differ on Tehran–Damascus: with 3 and 3 articles no test could reach p < 0.05 (the smallest possible Holm p is 0.1); in this sample b's articles name it more favourably (Cliff's δ = 0.20, small)."},
		{Pair{A: "a", B: "b", NA: 3, NB: 3, MinP: 0.1, PHolm: 1}, false, 0.1, 1,
			"The data cannot tell whether a and b differ on Tehran–Damascus: with 3 and 3 articles no test could reach p < 0.05 (the smallest possible Holm p is 0.1); in this sample they do not differ (Cliff's δ = 0)."},
	}
	for _, tt := range tests {
		if got := sentence(&tt.p, "Tehran–Damascus", tt.framing, tt.minHolm, tt.pairs); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}

// TestAggregateAllTied checks a pair whose values are all equal: R's
// wilcox.test gives NA; the pair gets p = 1 and does not count in Holm's m.
func TestAggregateAllTied(t *testing.T) {
	agg := New(options(func(o *Options) { o.Bootstrap = 0 }))
	add := func(outlet string, scores ...float64) {
		for i, s := range scores {
			agg.Add(&record.Record{Schema: record.Schema, ID: fmt.Sprint(i), Outlet: outlet, Lexicon: record.LexiconRef{Name: "l"},
				Stance: map[string]record.AxisScore{"a": {Score: s, N: 1}}})
		}
	}
	add("x", 0, 0, 0, 0)
	add("y", 0, 0, 0)
	add("z", 1, 2, 3)
	c := agg.Result()
	tt := c.Tests[0]
	if tt.KruskalWallis == nil || len(tt.Pairs) != 3 {
		t.Fatalf("tests: %+v", tt)
	}
	xy := tt.Pairs[0]
	if xy.A != "x" || xy.B != "y" || xy.P != 1 || xy.PHolm != 1 || xy.CliffsDelta != 0 {
		t.Errorf("tied pair: %+v", xy)
	}
	// The other two p-values are adjusted with m = 2, as p.adjust does
	// when the third is NA.
	ps := []float64{tt.Pairs[1].P, tt.Pairs[2].P}
	want := stats.Holm(ps)
	if tt.Pairs[1].PHolm != want[0] || tt.Pairs[2].PHolm != want[1] {
		t.Errorf("Holm with a tied pair: %v %v, want %v", tt.Pairs[1].PHolm, tt.Pairs[2].PHolm, want)
	}

	agg = New(options(func(o *Options) { o.Bootstrap = 0 }))
	add("x", 0, 0, 0)
	add("y", 0, 0, 0)
	if tt := agg.Result().Tests[0]; tt.KruskalWallis != nil || !strings.Contains(tt.Skipped, "same score") {
		t.Errorf("all tied: %+v", tt)
	}
}

func TestAggregateOneArticlePerOutlet(t *testing.T) {
	recs := readRecordsFile(t, handFile)
	seen := map[string]bool{}
	var one []*record.Record
	for _, r := range recs {
		if !seen[r.Outlet] {
			seen[r.Outlet] = true
			one = append(one, r)
		}
	}
	c := aggregate(t, one, DefaultOptions())
	for _, tt := range append(c.Tests, c.TargetTests...) {
		if tt.KruskalWallis != nil || len(tt.Pairs) > 0 || !strings.Contains(tt.Skipped, "per-outlet tests need at least 3 articles") {
			t.Errorf("%s%s: tested on one article per outlet: %+v", tt.Axis, tt.Target, tt)
		}
	}
	if !slices.ContainsFunc(c.Notes, func(n string) bool { return strings.HasPrefix(n, "One article per outlet") }) {
		t.Errorf("notes do not say there is one article per outlet: %q", c.Notes)
	}
}

func TestAggregateEmpty(t *testing.T) {
	c := New(DefaultOptions()).Result()
	if c.Articles != 0 || len(c.Units) != 0 || len(c.Notes) == 0 {
		t.Errorf("empty: %+v", c)
	}
	for _, f := range ComparisonFormats {
		if err := WriteComparison(&bytes.Buffer{}, c, f); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func TestOutletMap(t *testing.T) {
	c := aggregate(t, readRecordsFile(t, handFile), DefaultOptions())
	m := c.Map
	if m == nil || len(m.Units) != 4 || len(m.Entries) != 6 {
		t.Fatalf("map: %+v", m)
	}
	if s := m.Inertia[0] + m.Inertia[1]; s <= 0 || s > 1+1e-12 {
		t.Errorf("inertia shares %v", m.Inertia)
	}
	var mass float64
	for _, p := range m.Units {
		mass += p.Mass
	}
	if math.Abs(mass-1) > 1e-12 {
		t.Errorf("unit masses sum to %v", mass)
	}
	// gamma and delta use the same two neutral entries in the same
	// proportion, so their profiles, and points, coincide.
	pt := map[string]MapPoint{}
	for _, p := range m.Units {
		pt[p.Name] = p
	}
	if g, d := pt["gamma.example"], pt["delta.example"]; math.Abs(g.X-d.X) > 1e-9 || math.Abs(g.Y-d.Y) > 1e-9 {
		t.Errorf("gamma %v and delta %v differ", g, d)
	}
}

// TestDateRange takes the date range from parsed dates, never from text:
// "Tue, 04 Jun 2024" sorts before "2024-05-01" as text.
func TestDateRange(t *testing.T) {
	lines := []string{
		`{"schema":"compare.score/v1","id":"a","outlet":"x","date":"Tue, 04 Jun 2024 10:00:00 GMT","lexicon":{"name":"t","version":"1","sha256":"ab"},"tokens":1}`,
		`{"schema":"compare.score/v1","id":"b","outlet":"x","date":"2024-05-01","lexicon":{"name":"t","version":"1","sha256":"ab"},"tokens":1}`,
		`{"schema":"compare.score/v1","id":"c","outlet":"x","date":"1 March 2024","lexicon":{"name":"t","version":"1","sha256":"ab"},"tokens":1}`,
		`{"schema":"compare.score/v1","id":"d","outlet":"x","date":"03/04/2024","lexicon":{"name":"t","version":"1","sha256":"ab"},"tokens":1}`,
		`{"schema":"compare.score/v1","id":"e","outlet":"x","lexicon":{"name":"t","version":"1","sha256":"ab"},"tokens":1}`,
	}
	agg := New(options(func(o *Options) { o.Bootstrap = 0; o.Seed = 0 }))
	err := record.ReadRecords(strings.NewReader(strings.Join(lines, "\n")), "s.jsonl", agg.Add)
	if err != nil {
		t.Fatal(err)
	}
	c := agg.Result()
	if c.DateRange != [2]string{"2024-03-01", "2024-06-04T10:00:00Z"} {
		t.Errorf("date range %q", c.DateRange)
	}
	want := "2 records of 5 have no date (1 with a date that could not be read: ambiguous day and month, which --date-order settles, or an unknown format). The date range is that of the others."
	if !slices.Contains(c.Notes, want) {
		t.Errorf("notes %q lack %q", c.Notes, want)
	}
}

// options returns DefaultOptions changed by set.
func options(set func(o *Options)) Options {
	o := DefaultOptions()
	set(&o)
	return o
}

// TestReach checks the smallest Holm p a family of pairwise tests can
// reach, against R 4.2.2 (stats/testdata/reference.R, "wilcox min p"):
//
//	w <- function(m, n) wilcox.test(seq_len(m), m + seq_len(n))$p.value
//	p.adjust(c(w(5,5), rep(1, 9)), "holm")[1]   # 0.079365079365079361
//	p.adjust(c(w(6,6), rep(1, 9)), "holm")[1]   # 0.021645021645021644
//
// so five outlets of five articles cannot reach 0.05, and need six each.
func TestReach(t *testing.T) {
	five := func(n int) [][]float64 {
		s := make([][]float64, 5)
		for i := range s {
			s[i] = make([]float64, n)
		}
		return s
	}
	tests := []struct {
		name    string
		samples [][]float64
		minHolm float64
		needed  int
	}{
		{"5 outlets of 5", five(5), 0.079365079365079361, 6},
		{"5 outlets of 6", five(6), 0.021645021645021644, 0},
		// The largest pair sets the bound: 2/C(20, 10) × 3 pairs.
		{"3 outlets, one small", [][]float64{make([]float64, 3), make([]float64, 10), make([]float64, 10)}, 3 * 2 / 184756.0, 0},
		{"2 outlets of 3", [][]float64{make([]float64, 3), make([]float64, 3)}, 0.1, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			minHolm, needed := reach(tt.samples)
			if math.Abs(minHolm-tt.minHolm) > 1e-12*tt.minHolm || needed != tt.needed {
				t.Errorf("reach = %.17g, %d; want %.17g, %d", minHolm, needed, tt.minHolm, tt.needed)
			}
		})
	}
	ts := AxisTests{Units: []string{"a", "b", "c", "d", "e"}, MinPHolm: 0.079365079365079361, Needed: 6}
	want := "No pair can reach p < 0.05: over 10 pairs at these sample sizes the smallest possible Holm p is 0.079, whatever the articles say. These tests cannot tell whether the outlets differ, which is not evidence that they are alike; they would need at least 6 articles with a value per outlet."
	if got := ReachSentence(&ts, "outlet"); got != want {
		t.Errorf("ReachSentence:\n%s\nwant\n%s", got, want)
	}
}
