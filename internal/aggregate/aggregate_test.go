package aggregate

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/record"
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
			values: func(u Unit) Summary { return u.Axes.Get("tehran-damascus") },
		},
		{
			name: "iran-gov framing", tests: c.TargetTests[0], h: 16.252505896226417, df: 2, p: 2.9567403365108214e-04,
			pairs: []pairWant{
				{"gamma.example", "alpha.example", 3.5, 0.0022684643001867942, 0.0068053929005603827, -0.890625, false},
				{"gamma.example", "beta.example", 43.5, 0.010217447764450233, 0.0102174477644502333, 0.8125, false},
				{"alpha.example", "beta.example", 47.5, 0.0023912018536901441, 0.0068053929005603827, 0.97916666666666663, false},
			},
			values: func(u Unit) Summary { return u.Targets.Get("iran-gov") },
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
		if u.Name != w.name || u.Articles != w.articles || u.Axes.Get("tehran-damascus").N != w.axisN || u.Tested != w.tested || u.Group != w.group {
			t.Errorf("unit %d = %s: %d articles, axis n %d, tested %v, group %q; want %+v", i, u.Name, u.Articles, u.Axes.Get("tehran-damascus").N, u.Tested, u.Group, w)
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
	if s := iran.Share(&iran.Labels[1], "beta.example"); s != 1 {
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
