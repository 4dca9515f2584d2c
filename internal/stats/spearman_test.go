package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestSpearmanTest(t *testing.T) {
	// Reference values from R 4.2.2, printed with %.17g:
	//   r <- cor.test(x, y, method = "spearman", exact = FALSE)
	//   rho <- r$estimate; se <- sqrt((1 + rho^2 / 2) / (length(x) - 3))
	//   c(rho, r$statistic, r$p.value,
	//     tanh(atanh(rho) + c(-1, 1) * qnorm(1 - (1 - level) / 2) * se))
	// (the interval is Bonett and Wright's; R has no function for it).
	rank3 := []float64{1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3}
	m3 := []float64{-0.21, -0.05, -0.12, 0.02, -0.03, 0.04, 0.01, 0.11, 0.07, -0.02, 0.19, 0.08}
	neg := make([]float64, len(m3))
	for i, v := range m3 {
		neg[i] = -v
	}
	tests := []struct {
		name              string
		x, y              []float64
		level             float64
		rho, s, p, lo, hi float64
	}{
		{
			// Twelve outlet means against a three-level label rank.
			name: "outlets by label rank", x: rank3, y: m3, level: 0.95,
			rho: 0.77105801956173792, s: 65.477406405342961, p: 0.0033232070493004772,
			lo: 0.27180788379538756, hi: 0.94328507676270534,
		},
		{
			name: "negative", x: rank3, y: neg, level: 0.95,
			rho: -0.77105801956173792, s: 506.52259359465711, p: 0.0033232070493004525,
			lo: -0.94328507676270534, hi: -0.27180788379538756,
		},
		{
			// x1, y1 of TestMannWhitney: no ties, exact = FALSE.
			name: "no ties", x: mwX1, y: mwY1, level: 0.95,
			rho: 0.66666666666666663, s: 40.000000000000007, p: 0.049867230568885139,
			lo: -0.079712821965635214, hi: 0.93406057204168602,
		},
		{
			name: "ties in both", level: 0.95,
			x:   []float64{1, 2, 2, 3, 4, 4, 4, 5},
			y:   []float64{2.5, 1, 3, 3, 7, 6, 5, 9},
			rho: 0.92003358447031791, s: 6.717178904493295, p: 0.0012029437281361468,
			lo: 0.49567867597237775, hi: 0.98976400304242007,
		},
		{
			name: "90% interval", level: 0.9,
			x:   []float64{1, 1, 2, 2, 3, 3, 3, 1, 2, 3},
			y:   []float64{5, 3, 4, 8, 9, 7, 6, 2, 1, 10},
			rho: 0.69988366674755609, s: 49.519194986653247, p: 0.024240116815214308,
			lo: 0.17169164712438803, hi: 0.91553957111773876,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SpearmanTest(tt.x, tt.y, tt.level)
			if got.N != len(tt.x) {
				t.Errorf("N = %d, want %d", got.N, len(tt.x))
			}
			for _, c := range []struct {
				name      string
				got, want float64
			}{{"rho", got.Rho, tt.rho}, {"S", got.S, tt.s}, {"lo", got.Lo, tt.lo}, {"hi", got.Hi, tt.hi}} {
				if !near(c.got, c.want, relTol) {
					t.Errorf("%s = %.17g, want %.17g", c.name, c.got, c.want)
				}
			}
			// R's pt and gonum's Student's t agree to about 1e-12 here.
			if !nearRel(got.P, tt.p, 1e-9) {
				t.Errorf("P = %.17g, want %.17g", got.P, tt.p)
			}
		})
	}
}

func TestSpearmanTestEdgeCases(t *testing.T) {
	perfect := SpearmanTest([]float64{1, 2, 3, 4, 5}, []float64{2, 4, 6, 8, 10}, 0.95)
	if perfect.Rho != 1 || perfect.P != 0 || perfect.Lo != 1 || perfect.Hi != 1 {
		t.Errorf("perfect correlation: %+v, want rho 1, P 0, interval [1, 1]", perfect)
	}
	three := SpearmanTest([]float64{1, 2, 3}, []float64{1, 3, 2}, 0.95)
	if math.IsNaN(three.P) || !math.IsNaN(three.Lo) || !math.IsNaN(three.Hi) {
		t.Errorf("three pairs: %+v, want a p-value and no interval", three)
	}
	constant := SpearmanTest([]float64{1, 1, 1, 1}, []float64{1, 2, 3, 4}, 0.95)
	if !math.IsNaN(constant.Rho) || !math.IsNaN(constant.S) || !math.IsNaN(constant.P) || !math.IsNaN(constant.Lo) {
		t.Errorf("constant x: %+v, want NaN", constant)
	}
	mustPanic(t, "length mismatch", func() { SpearmanTest([]float64{1, 2}, []float64{1}, 0.95) })
	mustPanic(t, "level 1", func() { SpearmanTest([]float64{1, 2}, []float64{1, 2}, 1) })
}

// ordinalSample draws n pairs (label rank, value) from a bivariate normal
// with correlation r whose first variable is cut at its tertiles into
// ranks 1, 2, 3: outlets of three labels and their mean scores.
func ordinalSample(rng *rand.Rand, n int, r float64) (rank, value []float64) {
	const tertile = 0.43072729929545733 // R: qnorm(2/3)
	rank, value = make([]float64, n), make([]float64, n)
	for i := range rank {
		z1 := rng.NormFloat64()
		switch {
		case z1 < -tertile:
			rank[i] = 1
		case z1 < tertile:
			rank[i] = 2
		default:
			rank[i] = 3
		}
		value[i] = r*z1 + math.Sqrt(1-r*r)*rng.NormFloat64()
	}
	return rank, value
}

// TestSpearmanTestCoverage checks the Bonett–Wright interval where
// validation uses it: few outlets, one variable a three-level label. The
// population ρ is estimated from 400,000 pairs (its sampling error, about
// 0.002, is small beside intervals 0.8 wide). A development run of 4000
// datasets per cell gave coverages of 0.954–0.966 for n = 8, 12, 20 and
// 40 at r = 0 and 0.5, and 0.963–0.987 at r = 0.8 (Fisher's 1/(n − 3)
// variance gave 0.939–0.957 and 0.941–0.987): the interval errs on the
// wide side. With 1000 datasets the standard error of the rate is about
// 0.007; the test accepts 0.93–0.99 at n = 12.
func TestSpearmanTestCoverage(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 12))
	rank, value := ordinalSample(rng, 400_000, 0.5)
	truth := Spearman(rank, value)
	const datasets = 1000
	covered := 0
	for range datasets {
		rank, value := ordinalSample(rng, 12, 0.5)
		if r := SpearmanTest(rank, value, 0.95); r.Lo <= truth && truth <= r.Hi {
			covered++
		}
	}
	rate := float64(covered) / datasets
	t.Logf("population rho %.4f; coverage %d/%d = %.3f", truth, covered, datasets, rate)
	if rate < 0.93 || rate > 0.99 {
		t.Errorf("coverage %.3f outside [0.93, 0.99]", rate)
	}
}
