package stats_test

import (
	"fmt"
	"math"

	"github.com/compare-tool/compare/internal/stats"
)

func ExampleMannWhitney() {
	// Framing scores of articles from two outlets.
	a := []float64{0.61, 0.72, 0.55, 0.80, 0.67, 0.74}
	b := []float64{0.42, 0.58, 0.49, 0.51, 0.63, 0.39, 0.47}
	// R 4.2.2: wilcox.test(a, b) gives W = 39, p-value = 0.008158508;
	// mean(sign(outer(a, b, "-"))) gives 0.8571429.
	r := stats.MannWhitney(a, b)
	fmt.Printf("U = %v, p = %.4f, exact = %v\n", r.U, r.P, r.Exact)
	fmt.Printf("Cliff's delta = %.3f\n", stats.CliffsDelta(a, b))
	// Output:
	// U = 39, p = 0.0082, exact = true
	// Cliff's delta = 0.857
}

func ExampleHolm() {
	// p-values of three pairwise outlet comparisons; one could not be
	// computed.
	// R 4.2.2: p.adjust(c(0.01, 0.04, NA, 0.03), "holm") is 0.03 0.06 NA 0.06.
	p := []float64{0.01, 0.04, math.NaN(), 0.03}
	fmt.Printf("%.2f\n", stats.Holm(p))
	// Output:
	// [0.03 0.06 NaN 0.06]
}

func ExampleBootstrapCI() {
	x := []float64{2.1, 3.4, 1.9, 4.2, 2.8, 3.1, 2.2, 3.9, 2.5, 3.0}
	// The interval depends on the seed (here 1) and is reproducible for it.
	lo, hi := stats.BootstrapCI(x, stats.Median, 2000, 0.95, 1)
	fmt.Printf("median %.2f, 95%% CI [%.2f, %.2f]\n", stats.Median(x), lo, hi)
	// Output:
	// median 2.90, 95% CI [2.20, 3.50]
}

func ExampleKrippendorffAlpha() {
	// Two coders labelling five articles' stance (1 against, 2 neutral,
	// 3 for); coder 2 skipped the last. The one disagreement is between
	// adjacent categories, which the ordinal metric counts as less severe.
	// The coincidence-matrix formula of Krippendorff (2011) computed in
	// R 4.2.2 gives 0.66666666666666674 and 0.79000000000000004.
	data := [][]float64{
		{1, 2, 2, 3, 1},
		{1, 2, 3, 3, math.NaN()},
	}
	fmt.Printf("nominal %.3f, ordinal %.3f\n",
		stats.KrippendorffAlpha(data, stats.Nominal),
		stats.KrippendorffAlpha(data, stats.Ordinal))
	// Output:
	// nominal 0.667, ordinal 0.790
}

func ExampleKendall() {
	// An outlet's mean stance over twelve months: is there a trend, and
	// how fast? R 4.2.2: cor.test(1:12, m, method = "kendall") gives
	// tau = -0.8484848, T = 5, p-value = 1.634e-05; the median of the
	// pairwise slopes is -0.01630682.
	month := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	m := []float64{0.42, 0.40, 0.43, 0.37, 0.35, 0.36, 0.31, 0.33, 0.28, 0.30, 0.26, 0.24}
	r := stats.Kendall(month, m)
	fmt.Printf("tau = %.3f, p = %.2g, exact = %v\n", r.Tau, r.P, r.Exact)
	fmt.Printf("Sen's slope = %.4f a month\n", stats.SenSlope(month, m))
	// Output:
	// tau = -0.848, p = 1.6e-05, exact = true
	// Sen's slope = -0.0163 a month
}

func ExampleBootstrapDiffCI() {
	// Stance scores of an outlet's new batch and of its baseline.
	batch := []float64{0.31, 0.12, 0.45, 0.28, 0.50, 0.22, 0.38, 0.41}
	baseline := []float64{0.10, 0.05, 0.21, 0.18, 0.02, 0.15, 0.09, 0.25, 0.12, 0.11}
	mean := func(x []float64) float64 {
		var s float64
		for _, v := range x {
			s += v
		}
		return s / float64(len(x))
	}
	lo, hi := stats.BootstrapDiffCI(batch, baseline, mean, 2000, 0.95, 1)
	fmt.Printf("difference %.3f, 95%% CI [%.3f, %.3f]\n", mean(batch)-mean(baseline), lo, hi)
	// Output:
	// difference 0.206, 95% CI [0.110, 0.295]
}
