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

// NormalDiffCI returns the normal-approximation confidence interval at
// level of the difference of means mean(x) − mean(y) of two independent
// samples, with Welch's standard error:
//
//	d ± z · √(s²_x/n_x + s²_y/n_y),  z = Φ⁻¹((1 + level) / 2),
//
// s² the sample variances (n − 1 denominator), as R computes
// d + c(-1, 1) * qnorm(0.975) * sqrt(var(x)/length(x) + var(y)/length(y)).
// It is what BootstrapDiffCI's percentile interval of a difference of
// means approaches for large samples, at no cost: use it where resampling
// tens of thousands of values would be slow. NaN values are not dropped
// (the result is NaN). NormalDiffCI panics if level is not in (0, 1) or a
// sample has fewer than two values.
func NormalDiffCI(x, y []float64, level float64) (lo, hi float64) {
	if !(level > 0 && level < 1) || len(x) < 2 || len(y) < 2 {
		panic("stats: NormalDiffCI needs a level in (0, 1) and two values in each sample")
	}
	mx, sx := MeanStd(x)
	my, sy := MeanStd(y)
	d := mx - my
	half := distuv.UnitNormal.Quantile((1+level)/2) * math.Sqrt(sx*sx/float64(len(x))+sy*sy/float64(len(y)))
	return d - half, d + half
}
