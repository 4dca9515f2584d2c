package aggregate

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/stats"
)

// handFile holds hand-made score records: four outlets whose stance and
// iran-gov framing values were chosen, not computed from the texts.
// alpha (8 articles) and beta (6) share no value; gamma (11 articles, 10
// with stance evidence) ties with both and with itself; delta has only 2
// articles and must be left out of the tests.
const handFile = "testdata/records_hand.jsonl"

func readRecordsFile(t testing.TB, path string) []*record.Record {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var recs []*record.Record
	if err := record.ReadRecords(f, path, func(r *record.Record) error { recs = append(recs, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s: no records", path)
	}
	return recs
}

func aggregate(t testing.TB, recs []*record.Record, opt Options) *Comparison {
	t.Helper()
	agg := New(opt)
	for _, r := range recs {
		if err := agg.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	return agg.Result()
}

// Reference values, R 4.2.2 Patched (2022-11-10 r83330), options(digits = 17):
//
//	alpha <- c(0.62, 0.35, 0.81, 0.12, 0.55, 0.47, 0.90, 0.28)
//	beta  <- c(-0.41, 0.05, -0.73, -0.18, 0.33, -0.52)
//	gamma <- c(0.12, 0.35, 0.00, 0.00, -0.18, 0.35, 0.50, -0.25, 0.12, 0.00)
//	kruskal.test(list(gamma, alpha, beta))
//	  # chi-squared = 12.1339163387261290694, df = 2, p = 0.0023182141112661155
//	wilcox.test(gamma, alpha)   # W = 10,   p = 0.0083513200567820745 (ties: normal)
//	wilcox.test(gamma, beta)    # W = 46.5, p = 0.08108141010668643   (ties: normal)
//	wilcox.test(alpha, beta)    # W = 46,   p = 0.002664002664002664  (exact)
//	p.adjust(c(0.0083513200567820745, 0.08108141010668643, 0.002664002664002664), method = "holm")
//	  # 0.016702640113564149 0.081081410106686430 0.007992007992007992
//	cd <- function(x, y) mean(sign(outer(x, y, "-")))
//	c(cd(gamma, alpha), cd(gamma, beta), cd(alpha, beta))
//	  # -0.75 0.55000000000000004 0.91666666666666663
//	c(mean(x), sd(x), quantile(x, c(0.25, 0.5, 0.75), type = 7), IQR(x)) for gamma, alpha, beta:
//	  # gamma 0.101 0.239603839702121624 0 0.06 0.2925 0.2925
//	  # alpha 0.51249999999999996 0.26402110305265919 0.33249999999999996 0.51 0.66749999999999998 0.335
//	  # beta  -0.2433333333333333182 0.3898546737781485860 -0.4925 -0.295 -0.0074999999999999928 0.485
//
// and for the framing of iran-gov:
//
//	ia <- c(0.9, 0.5, 0.9, 0.0, 0.5, 0.9, 0.9, 0.5)
//	ib <- c(-0.8, -0.8, -1.0, -0.8, 0.0, -1.0)
//	ig <- c(0.0, 0.0, -0.2, 0.0, 0.1, 0.0, -0.4, 0.0)
//	kruskal.test(list(ig, ia, ib))  # chi-squared = 16.252505896226417, df = 2, p = 2.9567403365108214e-04
//	wilcox.test(ig, ia)  # W = 3.5,  p = 0.0022684643001867942
//	wilcox.test(ig, ib)  # W = 43.5, p = 0.010217447764450233
//	wilcox.test(ia, ib)  # W = 47.5, p = 0.0023912018536901441
//	p.adjust(..., "holm")  # 0.0068053929005603827 0.0102174477644502333 0.0068053929005603827
//	c(cd(ig, ia), cd(ig, ib), cd(ia, ib))  # -0.890625 0.8125 0.97916666666666663
//
// Tolerance: relative 1e-9 (absolute for values below 1). The exact
// p-value and the order statistics agree to the last bit; the
// normal-approximation p-values and H differ from R's in the last few
// bits because the sums are taken in another order.
const rTol = 1e-9

type pairWant struct {
	a, b           string
	u, p, pHolm, d float64
	exact          bool
}

func TestAggregateAgainstR(t *testing.T) {
	c := aggregate(t, readRecordsFile(t, handFile), options(func(o *Options) { o.Seed = 1 }))
	tests := []struct {
		name    string
		tests   AxisTests
		h, p    float64
		df      int
		pairs   []pairWant
		summary map[string][6]float64 // mean, sd, q1, median, q3, iqr
		values  func(Unit) Summary
	}{
		{
			name: "axis", tests: c.Tests[0], h: 12.1339163387261290694, df: 2, p: 0.0023182141112661155,
			pairs: []pairWant{
				{"gamma.example", "alpha.example", 10, 0.0083513200567820745, 0.016702640113564149, -0.75, false},
				{"gamma.example", "beta.example", 46.5, 0.08108141010668643, 0.081081410106686430, 0.55000000000000004, false},
				{"alpha.example", "beta.example", 46, 0.002664002664002664, 0.007992007992007992, 0.91666666666666663, true},
			},
			summary: map[string][6]float64{
				"gamma.example": {0.101, 0.239603839702121624, 0, 0.06, 0.2925, 0.2925},
				"alpha.example": {0.51249999999999996, 0.26402110305265919, 0.33249999999999996, 0.51, 0.66749999999999998, 0.335},
				"beta.example":  {-0.2433333333333333182, 0.3898546737781485860, -0.4925, -0.295, -0.0074999999999999928, 0.485},
			},
			values: func(u Unit) Summary { return u.Axes["tehran-damascus"] },
		},
		{
			name: "iran-gov framing", tests: c.TargetTests[0], h: 16.252505896226417, df: 2, p: 2.9567403365108214e-04,
			pairs: []pairWant{
				{"gamma.example", "alpha.example", 3.5, 0.0022684643001867942, 0.0068053929005603827, -0.890625, false},
				{"gamma.example", "beta.example", 43.5, 0.010217447764450233, 0.0102174477644502333, 0.8125, false},
				{"alpha.example", "beta.example", 47.5, 0.0023912018536901441, 0.0068053929005603827, 0.97916666666666663, false},
			},
			values: func(u Unit) Summary { return u.Targets["iran-gov"] },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kw := tt.tests.KruskalWallis
			if kw == nil {
				t.Fatalf("no Kruskal–Wallis test: %s", tt.tests.Skipped)
			}
			if !nearR(kw.H, tt.h) || kw.DF != tt.df || !nearR(kw.P, tt.p) {
				t.Errorf("Kruskal–Wallis H = %.17g, df = %d, p = %.17g; R: %.17g, %d, %.17g", kw.H, kw.DF, kw.P, tt.h, tt.df, tt.p)
			}
			if got := strings.Join(tt.tests.Units, ","); got != "gamma.example,alpha.example,beta.example" {
				t.Errorf("tested units %s", got)
			}
			if len(tt.tests.Pairs) != len(tt.pairs) {
				t.Fatalf("%d pairs, want %d", len(tt.tests.Pairs), len(tt.pairs))
			}
			for i, w := range tt.pairs {
				p := tt.tests.Pairs[i]
				if p.A != w.a || p.B != w.b || p.U != w.u || p.Exact != w.exact ||
					!nearR(p.P, w.p) || !nearR(p.PHolm, w.pHolm) || !nearR(p.CliffsDelta, w.d) {
					t.Errorf("pair %d: got %+v\nR: %+v", i, p, w)
				}
			}
			for _, u := range c.Units {
				want, ok := tt.summary[u.Name]
				if !ok {
					continue
				}
				s := tt.values(u)
				got := []*float64{s.Mean, s.SD, s.Q1, s.Median, s.Q3, s.IQR}
				for k, g := range got {
					if g == nil || !nearR(*g, want[k]) {
						t.Errorf("%s: summary field %d = %v, R: %.17g", u.Name, k, g, want[k])
					}
				}
			}
		})
	}
	if tt := c.TargetTests[1]; tt.Target != "syria-opposition" || tt.KruskalWallis != nil || tt.Skipped == "" {
		t.Errorf("syria-opposition framing was tested without data: %+v", tt)
	}
}

func nearR(got, want float64) bool {
	return math.Abs(got-want) <= rTol*math.Max(1, math.Abs(want))
}

func TestAggregateUnits(t *testing.T) {
	c := aggregate(t, readRecordsFile(t, handFile), DefaultOptions())
	type want struct {
		articles, axisN int
		tested          bool
		group           string
	}
	wants := []struct {
		name string
		want
	}{
		// Largest first; gamma's 11th article has no evidence on the axis.
		{"gamma.example", want{11, 10, true, "wire"}},
		{"alpha.example", want{8, 8, true, "state media"}},
		{"beta.example", want{6, 6, true, "opposition"}},
		{"delta.example", want{2, 2, false, "wire"}},
	}
	if len(c.Units) != len(wants) {
		t.Fatalf("%d units, want %d", len(c.Units), len(wants))
	}
	for i, w := range wants {
		u := c.Units[i]
		if u.Name != w.name || u.Articles != w.articles || u.Axes["tehran-damascus"].N != w.axisN || u.Tested != w.tested || u.Group != w.group {
			t.Errorf("unit %d = %s: %d articles, axis n %d, tested %v, group %q; want %+v", i, u.Name, u.Articles, u.Axes["tehran-damascus"].N, u.Tested, u.Group, w)
		}
	}
	if got := c.Tests[0].Excluded["delta.example"]; got != "2 articles; tests need at least 3" {
		t.Errorf("delta excluded because %q", got)
	}
	if c.Units[3].Excluded == "" {
		t.Error("untested unit without a reason")
	}
	if c.Articles != 27 || c.DateRange != [2]string{"2016-01-01", "2016-11-03"} || c.Seed != 1 || c.Bootstrap != DefaultBootstrap {
		t.Errorf("articles %d, dates %v, seed %d, bootstrap %d", c.Articles, c.DateRange, c.Seed, c.Bootstrap)
	}
	// Every alpha match is author voice and loaded.
	if got := c.Units[1].VoiceShare; got[record.Author] != 1 || got[record.Quote] != 0 {
		t.Errorf("alpha voice shares %v", got)
	}
}

func TestAggregateByGroup(t *testing.T) {
	c := aggregate(t, readRecordsFile(t, handFile), options(func(o *Options) { o.By = "group" }))
	var names []string
	for _, u := range c.Units {
		names = append(names, fmt.Sprintf("%s:%d", u.Name, u.Articles))
	}
	if got := strings.Join(names, " "); got != "wire:13 state media:8 opposition:6" {
		t.Errorf("groups %s", got)
	}
	if c.By != "group" || c.Tests[0].KruskalWallis == nil || len(c.Tests[0].Pairs) != 3 {
		t.Errorf("by group: %+v", c.Tests[0])
	}
}

func TestAggregateNaming(t *testing.T) {
	c := aggregate(t, readRecordsFile(t, handFile), DefaultOptions())
	var iran *Naming
	for i := range c.Naming {
		if c.Naming[i].Target == "iran-gov" {
			iran = &c.Naming[i]
		}
	}
	if iran == nil {
		t.Fatal("no naming for iran-gov")
	}
	var got []string
	for _, l := range iran.Labels {
		got = append(got, fmt.Sprintf("%s %q a%d b%d g%d %q", l.Entry, l.Label, l.Counts["alpha.example"], l.Counts["beta.example"], l.Counts["gamma.example"],
			FormList(l.Forms["alpha.example"])+FormList(l.Forms["beta.example"])+FormList(l.Forms["gamma.example"])))
	}
	// Without the lexicon ids name the entries; the forms are as written.
	want := []string{
		`islamic-republic "islamic-republic" a0 b0 g11 "Islamic Republic ×11"`,
		`mullahs-regime "mullahs-regime" a0 b10 g0 "mullahs' regime ×10"`,
		`leader-of-the-islamic-revolution "leader-of-the-islamic-revolution" a8 b0 g0 "Leader of the Islamic Revolution ×8"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("naming of iran-gov:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s := iran.Labels[1].Shares["beta.example"]; s != 1 {
		t.Errorf("beta's share of mullahs-regime = %v, want 1", s)
	}
}

// TestAggregateOrder checks that the result depends on the records, not
// on their order: shuffled, reversed, or read as two shards.
func TestAggregateOrder(t *testing.T) {
	recs := readRecordsFile(t, handFile)
	want := comparisonJSON(t, aggregate(t, recs, options(func(o *Options) { o.Seed = 7 })))
	again := comparisonJSON(t, aggregate(t, readRecordsFile(t, handFile), options(func(o *Options) { o.Seed = 7 })))
	if !bytes.Equal(want, again) {
		t.Fatal("two runs on the same records differ")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 3; i++ {
		shuffled := readRecordsFile(t, handFile)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := comparisonJSON(t, aggregate(t, shuffled, options(func(o *Options) { o.Seed = 7 }))); !bytes.Equal(got, want) {
			t.Errorf("shuffle %d changed the result:\n%s", i, firstDiff(got, want))
		}
	}
}

func comparisonJSON(t testing.TB, c *Comparison) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteComparison(&b, c, "json"); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < min(len(la), len(lb)); i++ {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(la), len(lb))
}

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
				s := u.Axes["tehran-damascus"]
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
