package stats

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// Quantile7 returns the p-quantile of x by R's default definition, type 7
// of Hyndman and Fan (1996), as computed by R's quantile(x, p, type = 7).
// With x sorted as x_(1) ≤ … ≤ x_(n), h = (n−1)p + 1 and j = ⌊h⌋,
//
//	Q(p) = (1 − (h−j)) x_(j) + (h−j) x_(j+1),
//
// that is, linear interpolation between the order statistics whose
// plotting positions are (k−1)/(n−1). This is not gonum's
// stat.Quantile(p, stat.LinInterp, …), which uses positions k/n.
//
// x need not be sorted and is not modified; Quantile7 sorts a copy.
// Quantile7 returns NaN if x is empty or contains NaN. It panics if p is
// NaN or outside [0, 1].
func Quantile7(p float64, x []float64) float64 {
	checkProb(p)
	if len(x) == 0 || hasNaN(x) {
		return math.NaN()
	}
	s := slices.Clone(x)
	slices.Sort(s)
	return quantile7Sorted(p, s)
}

// quantile7Sorted is Quantile7 for sorted, non-empty, NaN-free s. It
// follows R's arithmetic step by step so that results agree to the last
// bit where possible: R interpolates as (1−h)·lo + h·hi, not lo + h·(hi−lo).
func quantile7Sorted(p float64, s []float64) float64 {
	index := float64(len(s)-1) * p
	lo := math.Floor(index)
	hi := math.Ceil(index)
	q := s[int(lo)]
	if index > lo && s[int(hi)] != q {
		h := index - lo
		q = (1-h)*q + h*s[int(hi)]
	}
	return q
}

// Median returns the median of x, Quantile7(0.5, x), like R's median(x).
// It returns NaN if x is empty or contains NaN.
func Median(x []float64) float64 {
	return Quantile7(0.5, x)
}

// IQR returns the interquartile range of x, Q(0.75) − Q(0.25) with type-7
// quantiles, like R's IQR(x). It returns NaN if x is empty or contains NaN.
func IQR(x []float64) float64 {
	if len(x) == 0 || hasNaN(x) {
		return math.NaN()
	}
	s := slices.Clone(x)
	slices.Sort(s)
	return quantile7Sorted(0.75, s) - quantile7Sorted(0.25, s)
}

// MeanStd returns the sample mean of x and its sample standard deviation
// with the n−1 denominator,
//
//	mean = Σ x_i / n,  sd = √(Σ (x_i − mean)² / (n − 1)),
//
// like R's mean(x) and sd(x). It uses gonum's stat.MeanStdDev. The
// standard deviation of a single value is NaN (0/0), as in R; both results
// are NaN for empty x or when x contains NaN.
func MeanStd(x []float64) (mean, sd float64) {
	if len(x) == 0 {
		return math.NaN(), math.NaN()
	}
	return stat.MeanStdDev(x, nil)
}

func checkProb(p float64) {
	if !(p >= 0 && p <= 1) {
		panic("stats: probability out of range [0, 1]")
	}
}

func hasNaN(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) {
			return true
		}
	}
	return false
}

// dropNaN returns the non-NaN values of x. It returns x itself, not a copy,
// when x has no NaN.
func dropNaN(x []float64) []float64 {
	if !hasNaN(x) {
		return x
	}
	out := make([]float64, 0, len(x))
	for _, v := range x {
		if !math.IsNaN(v) {
			out = append(out, v)
		}
	}
	return out
}
