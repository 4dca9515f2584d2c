package stats

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Mean returns the arithmetic mean Σ x_i / n of x, like R's mean(x); NaN
// for empty x.
func Mean(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	return stat.Mean(x, nil)
}

// NormalCI returns the normal-approximation confidence interval of a mean
// at level (0.95 for 95%), from the sample mean, the sample standard
// deviation sd and the sample size n:
//
//	mean ± z · sd / √n,  z = Φ⁻¹((1 + level) / 2)
//
// as R computes mean(x) + c(-1, 1) * qnorm(0.975) * sd(x) / sqrt(length(x)).
// For large samples it agrees with the percentile bootstrap interval of
// the mean to within the bootstrap's own Monte Carlo error. NormalCI
// panics if level is not in (0, 1) or n < 1.
func NormalCI(mean, sd float64, n int, level float64) (lo, hi float64) {
	if !(level > 0 && level < 1) || n < 1 {
		panic("stats: NormalCI needs a level in (0, 1) and n ≥ 1")
	}
	half := distuv.UnitNormal.Quantile((1+level)/2) * sd / math.Sqrt(float64(n))
	return mean - half, mean + half
}
