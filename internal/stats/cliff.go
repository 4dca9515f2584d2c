package stats

import (
	"math"
	"slices"
)

// CliffsDelta returns Cliff's (1993) dominance statistic of x over y,
//
//	δ = (#{(i,j): x_i > y_j} − #{(i,j): x_i < y_j}) / (nx·ny),
//
// which ranges from −1 (every y exceeds every x) to 1 (every x exceeds
// every y); it equals 2U/(nx·ny) − 1 for the Mann-Whitney U of x. In R,
// mean(sign(outer(x, y, "-"))).
//
// NaN values are dropped first; if x or y has no values left the result
// is NaN. CliffsDelta sorts copies of x and y and counts pairs by merging
// them, in O((nx+ny) log(nx+ny)) time with exact integer counts.
func CliffsDelta(x, y []float64) float64 {
	xs := slices.Clone(dropNaN(x))
	ys := slices.Clone(dropNaN(y))
	if len(xs) == 0 || len(ys) == 0 {
		return math.NaN()
	}
	slices.Sort(xs)
	slices.Sort(ys)
	// For each x in increasing order, below counts the y's less than it
	// and notAbove those less than or equal to it; both only grow.
	var greater, less int64
	below, notAbove := 0, 0
	for _, v := range xs {
		for below < len(ys) && ys[below] < v {
			below++
		}
		if notAbove < below {
			notAbove = below
		}
		for notAbove < len(ys) && ys[notAbove] <= v {
			notAbove++
		}
		greater += int64(below)
		less += int64(len(ys) - notAbove)
	}
	return float64(greater-less) / (float64(len(xs)) * float64(len(ys)))
}
