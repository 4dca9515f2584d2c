package aggregate

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/dates"
	"github.com/compare-tool/compare/internal/record"
)

// datedRecord is a record of outlet with one stance score on axis x at
// date (ISO 8601, "" for none).
func datedRecord(outlet, id, date string, score float64) *record.Record {
	r := &record.Record{Schema: record.Schema, ID: id, Outlet: outlet, Date: date,
		Lexicon: record.LexiconRef{Name: "t", Version: "1", SHA256: "ab"}, Tokens: 100,
		Stance: map[string]record.AxisScore{"x": {Score: score, N: 1}}}
	return r
}

// trendRecords are four outlets over 2024 by month:
//
//	A <- expand.grid(j = 0:3, m = c(1:6, 8:12))            # no July
//	A$date <- as.Date(sprintf("2024-%02d-%02d", A$m, 1 + 7 * A$j))
//	A$score <- (A$m * 0.06 - 0.4) + (((A$m * 7 + A$j * 13) %% 11) - 5) / 25
//	B <- expand.grid(j = 0:2, m = 1:12)
//	B$date <- as.Date(sprintf("2024-%02d-%02d", B$m, 3 + 9 * B$j))
//	B$score <- (((B$m * 5 + B$j * 17) %% 13) - 6) / 20
//
// rising (A) climbs, flat (B) does not; single has four articles all in
// January, few two in March, and undated one without a date.
func trendRecords() []*record.Record {
	var recs []*record.Record
	for _, m := range []int{1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12} {
		for j := range 4 {
			score := (float64(m)*0.06 - 0.4) + float64((m*7+j*13)%11-5)/25
			recs = append(recs, datedRecord("rising", fmt.Sprintf("a-%d-%d", m, j), fmt.Sprintf("2024-%02d-%02d", m, 1+7*j), score))
		}
	}
	for m := 1; m <= 12; m++ {
		for j := range 3 {
			recs = append(recs, datedRecord("flat", fmt.Sprintf("b-%d-%d", m, j), fmt.Sprintf("2024-%02d-%02dT10:00:00Z", m, 3+9*j), float64((m*5+j*17)%13-6)/20))
		}
	}
	for j := range 4 {
		recs = append(recs, datedRecord("single", fmt.Sprintf("c-%d", j), fmt.Sprintf("2024-01-%02d", 10+j), 0.1*float64(j)))
	}
	recs = append(recs, datedRecord("few", "d-1", "2024-03-01", 0.5), datedRecord("few", "d-2", "2024-03-02", 0.4))
	recs = append(recs, datedRecord("undated", "e-1", "", 0.3))
	return recs
}

// TestTrends checks the periods, cells and trend tests against R 4.2.2,
// printed with %.17g:
//
//	ra <- cor.test(as.numeric(A$date), A$score, method = "kendall")
//	  # tau 0.66101843269528882, z 6.3125913413262502, p 2.7440140306920593e-10
//	rb <- cor.test(as.numeric(B$date), B$score, method = "kendall")
//	  # tau 0.10924897283723692, z 0.9159766075606981, p 0.35967916425514751
//	p.adjust(c(ra$p.value, rb$p.value), "holm")
//	  # 5.4880280613841186e-10, 0.35967916425514751
//	ma <- tapply(A$score, A$m, mean); xa <- as.numeric(names(ma)) - 1
//	sen(xa, ma)   # 0.057142857142857148
//
// with sen() as in internal/stats/testdata/reference.R. R reads the dates
// as days and the records carry times: Kendall's τ only sees their order.
// Both sides compute the normal approximation from the same integer
// counts, so the tolerance is 1e-12 relative; the Theil–Sen values are
// medians of the same differences, 1e-12 absolute.
func TestTrends(t *testing.T) {
	c := aggregate(t, trendRecords(), options(func(o *Options) { o.Period = dates.Month; o.Seed = 1; o.Bootstrap = 200 }))
	tr := c.Trends
	if tr == nil {
		t.Fatal("no trends")
	}
	wantPeriods := []string{"2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"}
	if !slices.Equal(tr.Periods, wantPeriods) || tr.Period != "month" || tr.Dated != 44+36+4+2 || tr.Undated != 1 {
		t.Fatalf("trends: period %s, periods %v, %d dated, %d undated", tr.Period, tr.Periods, tr.Dated, tr.Undated)
	}
	if len(tr.Axes) != 1 || tr.Axes[0].Axis != "x" {
		t.Fatalf("axes %+v", tr.Axes)
	}
	byUnit := map[string]UnitTrend{}
	var order []string
	for _, u := range tr.Axes[0].Units {
		byUnit[u.Unit] = u
		order = append(order, u.Unit)
	}
	// Units in Comparison order (largest first); the undated one has no trend.
	if !slices.Equal(order, []string{"rising", "flat", "single", "few"}) {
		t.Errorf("units %v", order)
	}

	rising := byUnit["rising"]
	means := []float64{-0.36000000000000004, -0.24000000000000002, -0.23000000000000004, -0.11000000000000004, -0.10000000000000003,
		-0.090000000000000038, 0.039999999999999966, 0.16, 0.27999999999999997, 0.17999999999999988, 0.29999999999999993}
	if len(rising.Cells) != 11 || slices.ContainsFunc(rising.Cells, func(c PeriodCell) bool { return c.Period == "2024-07" }) {
		t.Fatalf("rising has %d cells: %+v", len(rising.Cells), rising.Cells)
	}
	for i, cell := range rising.Cells {
		if cell.Articles != 4 || cell.N != 4 || cell.Few || cell.Mean == nil || math.Abs(*cell.Mean-means[i]) > 1e-12 ||
			cell.CILow == nil || !(*cell.CILow <= *cell.Mean && *cell.Mean <= *cell.CIHigh) {
			t.Errorf("rising %s: %+v", cell.Period, cell)
		}
	}
	checkTest := func(name string, got *TrendTest, tau, z, p, holm float64) {
		t.Helper()
		if got == nil {
			t.Fatalf("%s: no test", name)
		}
		if !relNear(got.Tau, tau) || got.Z == nil || !relNear(*got.Z, z) || !relNear(got.P, p) || !relNear(got.PHolm, holm) || got.Exact {
			t.Errorf("%s: τ %.17g z %v p %.17g Holm %.17g; R τ %.17g z %.17g p %.17g Holm %.17g", name, got.Tau, got.Z, got.P, got.PHolm, tau, z, p, holm)
		}
	}
	checkTest("rising", rising.Test, 0.66101843269528882, 6.3125913413262502, 2.7440140306920593e-10, 5.4880280613841186e-10)
	rt := rising.Test
	if rt.N != 44 || rt.Direction != "rising" || rt.FirstPeriod != "2024-01" || rt.LastPeriod != "2024-12" ||
		math.Abs(*rt.Slope-0.057142857142857148) > 1e-12 || *rt.From != *rising.Cells[0].Mean || *rt.To != *rising.Cells[10].Mean {
		t.Errorf("rising: %+v", *rt)
	}
	want := "rising's x score rose from a mean of -0.36 in 2024-01 to +0.30 in 2024-12 (Kendall's τ = +0.66 over 44 articles, Holm p < 0.001; Theil–Sen slope of the monthly means +0.06 a month)."
	if rising.Sentence != want {
		t.Errorf("sentence\n got %s\nwant %s", rising.Sentence, want)
	}

	flat := byUnit["flat"]
	checkTest("flat", flat.Test, 0.10924897283723692, 0.9159766075606981, 0.35967916425514751, 0.35967916425514751)
	if flat.Test.Direction != "" || !strings.HasPrefix(flat.Sentence, "No reliable trend in flat's x score between 2024-01 and 2024-12 (Kendall's τ = +0.11 over 36 articles, Holm p = 0.36") {
		t.Errorf("flat: %s", flat.Sentence)
	}

	single := byUnit["single"]
	if single.Test != nil || single.Skipped != "all its dated articles with evidence fall in one month" || len(single.Cells) != 1 {
		t.Errorf("single: %+v", single)
	}
	few := byUnit["few"]
	if few.Test != nil || !strings.HasPrefix(few.Skipped, "2 dated articles with evidence; a trend test needs at least 3") ||
		len(few.Cells) != 1 || !few.Cells[0].Few || few.Cells[0].Articles != 2 {
		t.Errorf("few: %+v", few)
	}
	if !slices.ContainsFunc(c.Notes, func(n string) bool {
		return strings.HasPrefix(n, "1 record of 87 has no date. They are left out of the trends")
	}) {
		t.Errorf("notes lack the undated record: %q", c.Notes)
	}
}

func js(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func relNear(got, want float64) bool {
	return math.Abs(got-want) <= 1e-12*math.Abs(want)
}

// TestTrendsDeterministic: the trends do not depend on the order of the
// records or on the workers, and adding a unit does not move another
// unit's intervals.
func TestTrendsDeterministic(t *testing.T) {
	recs := trendRecords()
	want := aggregate(t, recs, options(func(o *Options) { o.Period = dates.Week; o.Seed = 3; o.Workers = 1 })).Trends
	rev := slices.Clone(recs)
	slices.Reverse(rev)
	got := aggregate(t, rev, options(func(o *Options) { o.Period = dates.Week; o.Seed = 3; o.Workers = 4 })).Trends
	if js(t, got) != js(t, want) {
		t.Error("reversed records on 4 workers gave other trends")
	}
	var flatOnly []*record.Record
	for _, r := range recs {
		if r.Outlet == "flat" {
			flatOnly = append(flatOnly, r)
		}
	}
	alone := aggregate(t, flatOnly, options(func(o *Options) { o.Period = dates.Week; o.Seed = 3 })).Trends
	if js(t, alone.Axes[0].Units[0].Cells) != js(t, want.Axes[0].Units[1].Cells) {
		t.Error("flat's weekly cells changed when the other outlets were left out")
	}
}

func TestTrendsUndated(t *testing.T) {
	c := aggregate(t, []*record.Record{datedRecord("a", "1", "", 0.1), datedRecord("a", "2", "", 0.2)}, options(func(o *Options) { o.Period = dates.Year; o.Seed = 0 }))
	if c.Trends == nil || c.Trends.Dated != 0 || len(c.Trends.Axes) != 0 {
		t.Errorf("trends %+v", c.Trends)
	}
	if !slices.Contains(c.Notes, "No trends: no record has a date (2 records of 2 have no date).") {
		t.Errorf("notes %q", c.Notes)
	}
}
