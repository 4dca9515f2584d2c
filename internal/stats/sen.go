package stats

import (
	"math"
	"slices"
)

// SenSlope returns the Theil–Sen estimate of the slope of y against x:
// the median of the pairwise slopes (y_j − y_i)/(x_j − x_i) over all pairs
// i < j with x_i ≠ x_j (Sen 1968), with R's median (type 7). It is the
// robust rate of change that goes with Kendall's trend test: with x in
// days, the typical change of y per day, unmoved by a few outlying
// values.
//
// Pairs in which x or y is NaN are dropped first. SenSlope returns NaN
// when fewer than two pairs remain or all x are equal. It panics if x and
// y have different lengths.
//
// All n(n−1)/2 slopes are computed and sorted: O(n² log n) time and
// O(n²) memory, meant for per-period summaries (a few hundred points),
// not for every article of a large corpus.
func SenSlope(x, y []float64) float64 {
	pairs := completePairs(x, y)
	var slopes []float64
	for i, a := range pairs {
		for _, b := range pairs[i+1:] {
			if dx := b.x - a.x; dx != 0 {
				slopes = append(slopes, (b.y-a.y)/dx)
			}
		}
	}
	if len(slopes) == 0 {
		return math.NaN()
	}
	slices.Sort(slopes)
	return quantile7Sorted(0.5, slopes)
}
