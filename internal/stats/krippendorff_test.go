package stats

import (
	"math"
	"testing"
)

// krippendorffExample is the reliability data of K. Krippendorff,
// "Computing Krippendorff's Alpha-Reliability" (2011): four observers
// (rows) coding twelve units (columns) on a 1–5 scale, with missing
// values. The paper computes alpha for all four metrics on these data.
func krippendorffExample() [][]float64 {
	na := math.NaN()
	return [][]float64{
		{1, 2, 3, 3, 2, 1, 4, 1, 2, na, na, na},
		{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, na, 3},
		{na, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, na},
		{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, na},
	}
}

func TestKrippendorffAlpha(t *testing.T) {
	tests := []struct {
		metric Metric
		// Published to three decimals in Krippendorff (2011).
		published float64
		// The same data through an independent R 4.2.2 implementation of
		// the paper's coincidence-matrix formula (o_ck accumulated unit by
		// unit with weight 1/(m_u − 1), then
		// 1 − (n−1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck), printed %.17g. The irr
		// package is not available here, so kripp.alpha was not run.
		r float64
	}{
		{Nominal, 0.743, 0.74342105263157898},
		{Ordinal, 0.815, 0.81538750375488134},
		{Interval, 0.849, 0.84910714285714284},
		{Ratio, 0.797, 0.79740277471161203},
	}
	data := krippendorffExample()
	for _, tt := range tests {
		t.Run(tt.metric.String(), func(t *testing.T) {
			got := KrippendorffAlpha(data, tt.metric)
			if math.Abs(got-tt.published) > 0.0005 {
				t.Errorf("alpha = %.6f, published %.3f", got, tt.published)
			}
			if !nearRel(got, tt.r, relTol) {
				t.Errorf("alpha = %.17g, R reference %.17g", got, tt.r)
			}
		})
	}
}

func TestKrippendorffAlphaEdgeCases(t *testing.T) {
	na := math.NaN()
	tests := []struct {
		name   string
		data   [][]float64
		metric Metric
		want   float64
	}{
		{
			// Krippendorff (2011), first example: two observers, ten
			// units, binary data, no missing values; published α = 0.095. R 4.2.2 (same
			// implementation as above): 0.095238095238095233.
			name: "binary two coders",
			data: [][]float64{
				{0, 1, 0, 0, 0, 0, 0, 0, 1, 0},
				{1, 1, 1, 0, 0, 1, 0, 0, 0, 0},
			},
			metric: Nominal, want: 0.095238095238095233,
		},
		{
			name:   "perfect agreement",
			data:   [][]float64{{1, 2, 3, na}, {1, 2, 3, 4}},
			metric: Interval, want: 1,
		},
		{
			name:   "no variation",
			data:   [][]float64{{2, 2, 2}, {2, 2, 2}},
			metric: Nominal, want: na,
		},
		{
			name:   "no pairable unit",
			data:   [][]float64{{1, na, 3}, {na, 2, na}},
			metric: Ordinal, want: na,
		},
		{name: "no data", data: nil, metric: Ratio, want: na},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := KrippendorffAlpha(tt.data, tt.metric); !near(got, tt.want, exactTol) {
				t.Errorf("alpha = %.17g, want %.17g", got, tt.want)
			}
		})
	}
	mustPanic(t, "ragged", func() { KrippendorffAlpha([][]float64{{1, 2}, {1}}, Nominal) })
	mustPanic(t, "bad metric", func() { KrippendorffAlpha([][]float64{{1, 2}, {1, 2}}, Metric(9)) })
}

func TestKrippendorffAlphaClosedForms(t *testing.T) {
	// The nominal and interval metrics use closed forms for the expected
	// disagreement; they must equal the pairwise sum the other metrics use.
	data := krippendorffExample()
	for _, m := range []Metric{Nominal, Interval} {
		got := KrippendorffAlpha(data, m)
		want := alphaPairwise(data, m)
		if !nearRel(got, want, exactTol) {
			t.Errorf("%v: closed form %.17g, pairwise %.17g", m, got, want)
		}
	}
}

// alphaPairwise computes alpha for the nominal or interval metric
// straight from the definition, summing δ² over all pairs of values.
func alphaPairwise(data [][]float64, m Metric) float64 {
	d2 := func(a, b float64) float64 {
		if m == Nominal {
			if a == b {
				return 0
			}
			return 1
		}
		return (a - b) * (a - b)
	}
	var all []float64
	var do float64
	for u := range data[0] {
		var vals []float64
		for _, row := range data {
			if !math.IsNaN(row[u]) {
				vals = append(vals, row[u])
			}
		}
		if len(vals) < 2 {
			continue
		}
		all = append(all, vals...)
		var s float64
		for i := range vals {
			for j := range vals {
				s += d2(vals[i], vals[j])
			}
		}
		do += s / float64(len(vals)-1)
	}
	var de float64
	for i := range all {
		for j := range all {
			de += d2(all[i], all[j])
		}
	}
	n := float64(len(all))
	return 1 - (do/n)/(de/(n*(n-1)))
}
