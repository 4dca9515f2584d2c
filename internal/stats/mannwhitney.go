package stats

import (
	"math"
	"slices"
	"sync"
)

// MannWhitneyResult is the outcome of a two-sided Mann-Whitney U test
// (Wilcoxon rank-sum test) of x against y.
type MannWhitneyResult struct {
	// U is the statistic R reports as W: the sum of the ranks of x in the
	// pooled sample minus nx(nx+1)/2, which equals #(x > y) + #(x = y)/2
	// over all pairs. U/(nx·ny) estimates P(X > Y) + P(X = Y)/2.
	U float64
	// Z is the standardized statistic of the normal approximation,
	// continuity-corrected; NaN when the p-value is exact.
	Z float64
	// P is the two-sided p-value.
	P float64
	// Exact reports whether P comes from the exact null distribution of
	// U rather than the normal approximation.
	Exact bool
	// Ties reports whether the pooled sample has tied values.
	Ties bool
}

// exactLimit is R's threshold: wilcox.test computes exact p-values only
// when both samples have fewer than 50 observations.
const exactLimit = 50

// MannWhitney performs the two-sided Mann-Whitney U test of the null
// hypothesis that x and y come from the same continuous distribution,
// reproducing R's wilcox.test(x, y) with its defaults (exact = NULL,
// correct = TRUE, mu = 0).
//
// With nx and ny the numbers of non-NaN values in x and y, N = nx + ny
// and R_x the rank sum of x in the pooled sample (average ranks for ties),
//
//	U = R_x − nx(nx+1)/2.
//
// When nx < 50, ny < 50 and there are no ties, P is exact: twice the
// smaller tail probability of U under its exact null distribution (the
// counting recursion of R's cwilcox), capped at 1. Otherwise
//
//	σ = √( nx·ny/12 · ((N+1) − Σ(t³−t)/(N(N−1))) ),
//	Z = (U − nx·ny/2 − sign(U − nx·ny/2)/2) / σ,
//	P = 2·Φ(−|Z|),
//
// where the sum runs over groups of t tied values. When every value is
// tied σ is zero and Z and P are NaN, as in R.
//
// NaN values are dropped first, like NA in R. (R also drops ±Inf;
// MannWhitney ranks them as ordinary values.) If x or y has no values
// left, U, Z and P are NaN. The cost is O(N log N) for the ranking; the
// exact distribution, computed only for small samples, costs O(nx²·ny²).
func MannWhitney(x, y []float64) MannWhitneyResult {
	u, nx, ny, tieTerm := uStatistic(x, y)
	if nx == 0 || ny == 0 {
		return MannWhitneyResult{U: math.NaN(), Z: math.NaN(), P: math.NaN()}
	}
	fx, fy := float64(nx), float64(ny)
	res := MannWhitneyResult{
		U:    u,
		Ties: tieTerm > 0,
	}
	if nx < exactLimit && ny < exactLimit && !res.Ties {
		res.Exact = true
		res.Z = math.NaN()
		res.P = wilcoxExactP(int(res.U), nx, ny)
		return res
	}
	n := fx + fy
	d := res.U - fx*fy/2
	sigma := math.Sqrt(fx * fy / 12 * ((n + 1) - tieTerm/(n*(n-1))))
	res.Z, res.P = twoSidedNormal(d, sigma)
	return res
}

// MannWhitneyMinP returns the smallest p-value MannWhitney can give for
// samples of nx and ny values without ties: the p of two samples that do
// not overlap at all. In the exact regime (both under 50) it is
//
//	2 / C(nx+ny, nx), capped at 1,
//
// as R's wilcox.test gives for wilcox.test(1:nx, nx + 1:ny); otherwise the
// normal approximation at U = 0. No data can give a smaller p, so a design
// whose MannWhitneyMinP is above the significance level cannot find a
// difference however large. NaN when nx or ny is 0.
func MannWhitneyMinP(nx, ny int) float64 {
	if nx <= 0 || ny <= 0 {
		return math.NaN()
	}
	fx, fy := float64(nx), float64(ny)
	if nx < exactLimit && ny < exactLimit {
		// log C(nx+ny, nx) by log-gamma: exact to about 1e-14 relative,
		// far below any use of this bound.
		lc, _ := math.Lgamma(fx + fy + 1)
		la, _ := math.Lgamma(fx + 1)
		lb, _ := math.Lgamma(fy + 1)
		return math.Min(1, 2*math.Exp(la+lb-lc))
	}
	_, p := twoSidedNormal(fx*fy/2, math.Sqrt(fx*fy/12*(fx+fy+1)))
	return p
}

// uStatistic returns the Mann-Whitney U of x against y (NaN dropped),
// the numbers nx and ny of values it compares, and the tie term
// Σ (t³ − t) of the pooled sample. U is 0 when nx or ny is 0.
func uStatistic(x, y []float64) (u float64, nx, ny int, tieTerm float64) {
	var sumX float64
	if sortedNoNaN(x) && sortedNoNaN(y) {
		nx, ny = len(x), len(y)
		if nx == 0 || ny == 0 {
			return 0, nx, ny, 0
		}
		sumX, tieTerm = mergedRankSum(x, y)
	} else {
		obs, sizes := pool(x, y)
		nx, ny = sizes[0], sizes[1]
		if nx == 0 || ny == 0 {
			return 0, nx, ny, 0
		}
		var sums []float64
		sums, tieTerm = rankSums(obs, 2)
		sumX = sums[0]
	}
	fx := float64(nx)
	return sumX - fx*(fx+1)/2, nx, ny, tieTerm
}

// sortedNoNaN reports whether x is in ascending order and holds no NaN.
func sortedNoNaN(x []float64) bool {
	for i, v := range x {
		if v != v || i > 0 && v < x[i-1] {
			return false
		}
	}
	return true
}

// mergedRankSum returns what rankSums(pool(x, y), 2) returns of x, the
// sum of the average ranks of x's values in the pooled sample, and the
// tie term, for x and y sorted and free of NaN: it merges them in linear
// time rather than sorting the pool. The sums are the same to the bit, as
// they add the same average ranks in the same order (ascending values).
// The samples of a comparison come sorted (their summaries sort them), and
// each outlet is tested against every other, so this saves a sort of the
// pool per pair.
func mergedRankSum(x, y []float64) (sumX, tieTerm float64) {
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		var v float64
		switch {
		case j == len(y) || i < len(x) && x[i] <= y[j]:
			v = x[i]
		default:
			v = y[j]
		}
		first := i + j // 0-based rank of the tie group's first value
		ti := i
		for i < len(x) && x[i] == v {
			i++
		}
		for j < len(y) && y[j] == v {
			j++
		}
		last := i + j
		avg := float64(first+1+last) / 2
		for range i - ti {
			sumX += avg
		}
		if t := float64(last - first); t > 1 {
			tieTerm += t*t*t - t
		}
	}
	return sumX, tieTerm
}

// wilcoxExactP returns the exact two-sided p-value of the statistic u for
// samples of sizes m and n without ties, as R's wilcox.test computes it:
// with p = P(U ≥ u) if u > mn/2 and p = P(U ≤ u) otherwise, min(2p, 1).
func wilcoxExactP(u, m, n int) float64 {
	return twoSidedExactP(wilcoxTable(m, n), u, 2*u > m*n)
}

// wilcoxTables caches the exact null distributions by sample sizes
// ([2]int{m, n} → wilcoxCounts(m, n)). A comparison tests every pair of
// outlets on every axis and target, so tables of the same sizes come back
// many times, and each costs about m²n²/4 additions (some 1.4 million at
// 49 against 49). Exact tests stop below exactLimit, so the cache holds
// at most 49 × 49 tables of at most 2,402 values: 24 MB at the very most.
var wilcoxTables sync.Map

// wilcoxTable returns wilcoxCounts(m, n), computed once per m and n. The
// slice is shared: it must not be modified.
func wilcoxTable(m, n int) []float64 {
	key := [2]int{m, n}
	if c, ok := wilcoxTables.Load(key); ok {
		return c.([]float64)
	}
	c, _ := wilcoxTables.LoadOrStore(key, slices.Clone(wilcoxCounts(m, n)))
	return c.([]float64)
}

// wilcoxCounts returns c with c[k] the number of the C(m+n, m)
// arrangements of m x's and n y's in which exactly k (x, y) pairs have
// x > y, for k = 0, …, mn. It uses the recursion behind R's cwilcox,
// conditioning on which sample holds the largest value:
//
//	f(k; a, b) = f(k−b; a−1, b) + f(k; a, b−1),  f(0; 0, b) = f(0; a, 0) = 1.
//
// Only additions are involved, so every count is exact while it fits in
// 53 bits and keeps full relative precision beyond that. The cost is
// about m²n²/4 additions.
func wilcoxCounts(m, n int) []float64 {
	// Row a holds f(·; a, b) for b = 0, …, n back to back, the one for b
	// of length ab+1 starting at off(a, b). Only rows a−1 and a are kept.
	off := func(a, b int) int { return a*b*(b-1)/2 + b }
	size := off(m, n+1)
	prev := make([]float64, size)
	cur := make([]float64, size)
	for b := 0; b <= n; b++ {
		prev[off(0, b)] = 1
	}
	for a := 1; a <= m; a++ {
		clear(cur[:off(a, n+1)])
		cur[0] = 1
		for b := 1; b <= n; b++ {
			c := cur[off(a, b) : off(a, b)+a*b+1]
			for k, v := range prev[off(a-1, b) : off(a-1, b)+(a-1)*b+1] {
				c[k+b] += v
			}
			for k, v := range cur[off(a, b-1) : off(a, b-1)+a*(b-1)+1] {
				c[k] += v
			}
		}
		prev, cur = cur, prev
	}
	return prev[off(m, n) : off(m, n)+m*n+1]
}
