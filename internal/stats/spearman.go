package stats

import (
	"math"

	"gonum.org/v1/gonum/stat"
)

// Spearman returns Spearman's rank correlation of x and y: the Pearson
// correlation of their ranks, with tied values given average ranks, like
// R's cor(x, y, method = "spearman").
//
// It returns NaN if x or y contains NaN, if there are fewer than two
// pairs, or if either variable is constant. It panics if x and y have
// different lengths.
func Spearman(x, y []float64) float64 {
	if len(x) != len(y) {
		panic("stats: slice length mismatch")
	}
	if len(x) < 2 || hasNaN(x) || hasNaN(y) {
		return math.NaN()
	}
	return stat.Correlation(Ranks(x), Ranks(y), nil)
}
