package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// KruskalResult is the outcome of a Kruskal-Wallis rank-sum test.
type KruskalResult struct {
	H  float64 // tie-corrected Kruskal-Wallis statistic
	DF float64 // degrees of freedom, k − 1 for k non-empty groups
	P  float64 // upper-tail χ² probability of H on DF degrees of freedom
}

// KruskalWallis performs the Kruskal-Wallis rank-sum test of the null
// hypothesis that the groups come from the same distribution,
// reproducing R's kruskal.test(groups). With N observations in k
// non-empty groups, group i holding n_i of them with mean rank R̄_i in
// the pooled sample (average ranks for ties),
//
//	H = 12/(N(N+1)) · Σ n_i (R̄_i − (N+1)/2)²  /  (1 − Σ(t³−t)/(N³−N)),
//
// where the last sum runs over groups of t tied values, and P is the
// probability that a χ² variable on k − 1 degrees of freedom exceeds H.
// (The numerator equals R's 12/(N(N+1))·Σ R_i²/n_i − 3(N+1), in a form
// that does not cancel catastrophically for large N.)
//
// NaN values are dropped first and groups left empty do not count
// towards k, as R does with NA. With fewer than two non-empty groups, or
// when every value is tied, H and P are NaN (and DF is 0 for no groups). The cost is O(N log N).
func KruskalWallis(groups ...[]float64) KruskalResult {
	obs, sizes := pool(groups...)
	k := 0
	for _, n := range sizes {
		if n > 0 {
			k++
		}
	}
	res := KruskalResult{DF: float64(max(k-1, 0)), H: math.NaN(), P: math.NaN()}
	if k < 2 {
		return res
	}
	sums, tieTerm := rankSums(obs, len(groups))
	n := float64(len(obs))
	mid := (n + 1) / 2
	var ss float64
	for i, s := range sums {
		if sizes[i] == 0 {
			continue
		}
		ni := float64(sizes[i])
		d := s/ni - mid
		ss += ni * d * d
	}
	res.H = 12 / (n * (n + 1)) * ss / (1 - tieTerm/(n*n*n-n))
	res.P = distuv.ChiSquared{K: res.DF}.Survival(res.H)
	return res
}
