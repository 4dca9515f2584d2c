package stats

import (
	"math"
)

// SignedRankResult is the outcome of a two-sided Wilcoxon signed-rank test
// of paired samples x and y.
type SignedRankResult struct {
	// V is the statistic R reports as V: the sum of the ranks of |d| over
	// the pairs with d = x − y > 0, ranking the n non-zero differences
	// by absolute value (average ranks for ties).
	V float64
	// Z is the standardized statistic of the normal approximation,
	// continuity-corrected; NaN when the p-value is exact.
	Z float64
	// P is the two-sided p-value; NaN when no pair has a non-zero
	// difference.
	P float64
	// Exact reports whether P comes from the exact null distribution of V
	// rather than the normal approximation.
	Exact bool
	// N is the number of pairs the test uses: those with neither value NaN
	// and a non-zero difference.
	N int
	// Zeros is the number of pairs left out because x = y.
	Zeros int
	// Ties reports whether the non-zero |d| have tied values.
	Ties bool
	// RankBiserial is the matched-pairs rank-biserial correlation
	// (Kerby 2014): the rank sum of the positive differences minus that of
	// the negative ones, over their total n(n+1)/2, so 2V/(n(n+1)/2) − 1.
	// It runs from −1 (every x below its y) to 1 (every x above), is 0
	// when the two sides balance, and is NaN when N is 0. It is the
	// paired counterpart of CliffsDelta.
	RankBiserial float64
}

// SignedRank performs the two-sided Wilcoxon signed-rank test of the null
// hypothesis that the differences x[i] − y[i] of paired observations are
// symmetric about zero, reproducing R's wilcox.test(x, y, paired = TRUE)
// with its defaults (exact = NULL, correct = TRUE, mu = 0).
//
// Pairs in which x[i] or y[i] is NaN are dropped, as R drops incomplete
// cases. Of the rest, d = x − y; pairs with d = 0 are dropped too (R's
// default, the "Wilcoxon" treatment of zeros), leaving n pairs whose |d| are
// ranked, average ranks for ties, and
//
//	V = Σ rank(|d|) over d > 0.
//
// When n < 50 and there are neither ties nor zeros, P is exact: with
// p = P(V' ≥ V) if V > n(n+1)/4 and p = P(V' ≤ V) otherwise, under the
// exact null distribution of V' (each of the 2ⁿ sign patterns equally
// likely), P = min(2p, 1). Otherwise
//
//	σ = √( n(n+1)(2n+1)/24 − Σ(t³−t)/48 ),
//	Z = (V − n(n+1)/4 − sign(V − n(n+1)/4)/2) / σ,
//	P = 2·Φ(−|Z|),
//
// where the sum runs over groups of t tied |d|. R then warns "cannot
// compute exact p-value with ties" (or "with zeroes") when n < 50; SignedRank
// does not warn, and the caller can tell the same from Exact, Ties and Zeros.
// When no pair is left (every pair a zero or NaN), N is 0, V is 0 and Z,
// P and RankBiserial are NaN, where R reports p = NA (all zeros) or stops
// with an error (no complete pair). (R also drops pairs with ±Inf; SignedRank ranks them as
// ordinary values.)
//
// SignedRank panics if x and y have different lengths. The cost is
// O(n log n) for the ranking; the exact distribution, computed only for
// n < 50, costs O(n³).
func SignedRank(x, y []float64) SignedRankResult {
	if len(x) != len(y) {
		panic("stats: SignedRank of samples of different lengths")
	}
	// Group 0 holds the positive differences, group 1 the negative ones,
	// so that rankSums ranks |d| and sums the ranks of the positive side.
	obs := make([]labelled, 0, len(x))
	zeros := 0
	for i := range x {
		if math.IsNaN(x[i]) || math.IsNaN(y[i]) {
			continue
		}
		switch d := x[i] - y[i]; {
		case d > 0:
			obs = append(obs, labelled{d, 0})
		case d < 0:
			obs = append(obs, labelled{-d, 1})
		default:
			zeros++
		}
	}
	n := len(obs)
	sums, tieTerm := rankSums(obs, 2)
	fn := float64(n)
	res := SignedRankResult{
		V:     sums[0],
		N:     n,
		Zeros: zeros,
		Ties:  tieTerm > 0,
	}
	if n == 0 {
		// Nothing to rank: every pair was NaN or a zero.
		res.Z, res.P, res.RankBiserial = math.NaN(), math.NaN(), math.NaN()
		return res
	}
	total := fn * (fn + 1) / 2
	res.RankBiserial = 2*res.V/total - 1
	if n < exactLimit && !res.Ties && zeros == 0 {
		res.Exact = true
		res.Z = math.NaN()
		res.P = signedRankExactP(int(res.V), n)
		return res
	}
	d := res.V - total/2
	sigma := math.Sqrt(fn*(fn+1)*(2*fn+1)/24 - tieTerm/48)
	res.Z, res.P = twoSidedNormal(d, sigma)
	return res
}

// signedRankExactP returns the exact two-sided p-value of the statistic v
// for n non-zero differences without ties, as R's wilcox.test computes it:
// with p = P(V ≥ v) if v > n(n+1)/4 and p = P(V ≤ v) otherwise, min(2p, 1).
func signedRankExactP(v, n int) float64 {
	return twoSidedExactP(signedRankCounts(n), v, 4*v > n*(n+1))
}

// signedRankCounts returns c with c[k] the number of subsets of {1, …, n}
// whose elements sum to k, for k = 0, …, n(n+1)/2: the number of the 2ⁿ
// sign patterns that give V = k. Adding the rank i to every subset of
// {1, …, i−1} gives the recursion c_i[k] = c_{i−1}[k] + c_{i−1}[k−i],
// the one behind R's csignrank. The counts sum to 2ⁿ, exact in float64
// for the n < 50 it is used for.
func signedRankCounts(n int) []float64 {
	c := make([]float64, n*(n+1)/2+1)
	c[0] = 1
	top := 0
	for i := 1; i <= n; i++ {
		top += i
		for k := top; k >= i; k-- {
			c[k] += c[k-i]
		}
	}
	return c
}

// SignedRankMinP returns the smallest two-sided p-value the exact
// signed-rank test can give on n non-zero differences: every difference
// of one sign, p = 2/2ⁿ (1 for n ≤ 1). It tells before any data is seen
// whether a test on n pairs could reach a level at all: with 5 pairs the
// smallest p is 0.0625, so no paired test on 5 events reaches 0.05.
// (SignedRank's normal approximation, used with ties or zeros, can fall
// below this bound on tied data; the bound is the one of the exact test.)
func SignedRankMinP(n int) float64 {
	if n <= 1 {
		return 1
	}
	return math.Ldexp(1, 1-n)
}

// SignedRankMinPairs returns the fewest non-zero differences with which
// the exact signed-rank test can give a two-sided p-value below alpha:
// the smallest n with SignedRankMinP(n) < alpha (6 for alpha = 0.05).
// It panics unless 0 < alpha ≤ 1.
func SignedRankMinPairs(alpha float64) int {
	if !(alpha > 0 && alpha <= 1) {
		panic("stats: SignedRankMinPairs of alpha outside (0, 1]")
	}
	n := 2
	for SignedRankMinP(n) >= alpha {
		n++
	}
	return n
}
