package stats

import (
	"cmp"
	"math"
	"slices"
)

// KendallResult is the outcome of a two-sided test of Kendall's rank
// correlation between x and y.
type KendallResult struct {
	// Tau is Kendall's tau-b, (C − D)/√((n₀ − n₁)(n₀ − n₂)), as R's
	// cor(x, y, method = "kendall") computes it, with C and D the numbers
	// of concordant and discordant pairs, n₀ = n(n−1)/2 and n₁, n₂ the
	// numbers of pairs tied in x and in y. Without ties it is (C − D)/n₀.
	Tau float64
	// S is C − D.
	S float64
	// Z is the standardized S of the normal approximation; NaN when the
	// p-value is exact.
	Z float64
	// P is the two-sided p-value.
	P float64
	// N is the number of (x, y) pairs used, those without NaN.
	N int
	// Exact reports whether P comes from the exact null distribution of
	// the number of concordant pairs rather than the normal approximation.
	Exact bool
	// Ties reports whether x or y has tied values.
	Ties bool
}

// Kendall tests the null hypothesis that x and y are independent against
// a monotone association in either direction, reproducing R's
// cor.test(x, y, method = "kendall") with its defaults (exact = NULL,
// continuity = FALSE). With x the time of each observation and y its
// value, this is the Mann–Kendall test for a monotone trend; ties in time
// (several articles on one day) are allowed.
//
// Pairs in which x or y is NaN are dropped first, like R's incomplete
// cases. When N < 50 and neither x nor y has ties, P is exact: with
// C the number of concordant pairs, p = P(C' ≥ C) if C > n(n−1)/4 and
// P(C' ≤ C) otherwise, P = min(2p, 1), under the distribution of the
// number of inversions of a random permutation (R's ckendall). Otherwise
// P comes from the normal approximation with the variance of S corrected
// for ties (Kendall 1970, as in R),
//
//	var S = (v₀ − v_x − v_y)/18 + v₁/(2n(n−1)) + v₂/(9n(n−1)(n−2)),
//
// where v₀ = n(n−1)(2n+5), v_x = Σ t(t−1)(2t+5) over groups of t tied x
// values (v_y likewise), v₁ = Σ_x t(t−1) · Σ_y u(u−1) and v₂ =
// Σ_x t(t−1)(t−2) · Σ_y u(u−1)(u−2); Z = S/√(var S) and P = 2Φ(−|Z|).
// There is no continuity correction, as R's default (continuity = FALSE):
// R subtracts 1 from |S| only when asked, and so does not here.
//
// With fewer than two pairs, or when x or y is constant, Tau, S, Z and P
// are NaN (R stops or reports NA). Kendall counts pairs by sorting
// (Knight 1966), so the cost is O(n log n) and a trend over a million
// articles is cheap; the exact distribution, used only for n < 50, costs
// O(n⁴) additions, a few milliseconds at most. Kendall panics if x and y have different lengths.
func Kendall(x, y []float64) KendallResult {
	pairs := completePairs(x, y)
	n := len(pairs)
	res := KendallResult{N: n, Tau: math.NaN(), S: math.NaN(), Z: math.NaN(), P: math.NaN()}
	if n < 2 {
		return res
	}
	c := countPairs(pairs)
	res.Ties = c.tx.pairs > 0 || c.ty.pairs > 0
	n0 := float64(n) * float64(n-1) / 2
	denom := math.Sqrt((n0 - c.tx.pairs) * (n0 - c.ty.pairs))
	if denom == 0 {
		return res
	}
	res.S = c.s
	res.Tau = c.s / denom
	if n < exactLimit && !res.Ties {
		res.Exact = true
		// Without ties C + D = n₀, so C = (n₀ + S)/2.
		res.P = kendallExactP(int(math.Round((n0+c.s)/2)), n)
		return res
	}
	fn := float64(n)
	v := (fn*(fn-1)*(2*fn+5)-c.tx.v-c.ty.v)/18 +
		c.tx.t1*c.ty.t1/(2*fn*(fn-1)) +
		c.tx.t2*c.ty.t2/(9*fn*(fn-1)*(fn-2))
	res.Z = c.s / math.Sqrt(v)
	res.P = math.Erfc(math.Abs(res.Z) / math.Sqrt2)
	return res
}

// xy is one observation of a pair of variables.
type xy struct{ x, y float64 }

// completePairs returns the pairs (x[i], y[i]) in which neither value is
// NaN, like R's complete.cases. It panics if x and y have different
// lengths.
func completePairs(x, y []float64) []xy {
	if len(x) != len(y) {
		panic("stats: slice length mismatch")
	}
	pairs := make([]xy, 0, len(x))
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			pairs = append(pairs, xy{x[i], y[i]})
		}
	}
	return pairs
}

// tieSums are the sums over groups of t tied values that Kendall needs:
// pairs = Σ t(t−1)/2, t1 = Σ t(t−1), t2 = Σ t(t−1)(t−2) and
// v = Σ t(t−1)(2t+5).
type tieSums struct{ pairs, t1, t2, v float64 }

func (s *tieSums) add(t int) {
	if t < 2 {
		return
	}
	ft := float64(t)
	s.pairs += ft * (ft - 1) / 2
	s.t1 += ft * (ft - 1)
	s.t2 += ft * (ft - 1) * (ft - 2)
	s.v += ft * (ft - 1) * (2*ft + 5)
}

// pairCounts is what Knight's algorithm counts: S = C − D and the tie
// sums of x and y.
type pairCounts struct {
	s      float64
	tx, ty tieSums
}

// countPairs counts concordant minus discordant pairs in O(n log n)
// (Knight 1966): sort by x, then y; the pairs discordant are then the
// inversions of the y sequence, counted by a merge sort, and
//
//	C − D = n₀ − n_x − n_y + n_xy − 2·swaps,
//
// where n_x, n_y and n_xy count pairs tied in x, in y and in both.
// pairs is reordered.
func countPairs(pairs []xy) pairCounts {
	slices.SortFunc(pairs, func(a, b xy) int {
		if c := cmp.Compare(a.x, b.x); c != 0 {
			return c
		}
		return cmp.Compare(a.y, b.y)
	})
	var c pairCounts
	var joint float64
	for i := 0; i < len(pairs); {
		j := i + 1
		for j < len(pairs) && pairs[j].x == pairs[i].x {
			j++
		}
		c.tx.add(j - i)
		for k := i; k < j; {
			l := k + 1
			for l < j && pairs[l].y == pairs[k].y {
				l++
			}
			joint += float64(l-k) * float64(l-k-1) / 2
			k = l
		}
		i = j
	}
	ys := make([]float64, len(pairs))
	for i, p := range pairs {
		ys[i] = p.y
	}
	swaps := mergeCountInversions(ys, make([]float64, len(ys)))
	for i := 0; i < len(ys); {
		j := i + 1
		for j < len(ys) && ys[j] == ys[i] {
			j++
		}
		c.ty.add(j - i)
		i = j
	}
	n := float64(len(pairs))
	c.s = n*(n-1)/2 - c.tx.pairs - c.ty.pairs + joint - 2*float64(swaps)
	return c
}

// mergeCountInversions sorts a in place, using buf (of the same length) as
// scratch space, and returns the number of pairs i < j with a[i] > a[j].
// Equal values are not inversions.
func mergeCountInversions(a, buf []float64) int64 {
	if len(a) < 2 {
		return 0
	}
	mid := len(a) / 2
	inv := mergeCountInversions(a[:mid], buf[:mid]) + mergeCountInversions(a[mid:], buf[mid:])
	i, j, k := 0, mid, 0
	for i < mid && j < len(a) {
		if a[j] < a[i] {
			// a[j] precedes every remaining element of the left half.
			inv += int64(mid - i)
			buf[k] = a[j]
			j++
		} else {
			buf[k] = a[i]
			i++
		}
		k++
	}
	k += copy(buf[k:], a[i:mid])
	copy(buf[k:], a[j:])
	copy(a, buf)
	return inv
}

// kendallExactP returns the exact two-sided p-value for c concordant pairs
// among n observations without ties, as R's cor.test computes it:
// p = P(C ≥ c) if c > n(n−1)/4 and P(C ≤ c) otherwise, min(2p, 1). The
// upper tail is summed directly rather than as 1 − P(C ≤ c−1), which R
// does, so that tiny p-values keep their relative precision.
func kendallExactP(c, n int) float64 {
	return twoSidedExactP(kendallCounts(n), c, 4*c > n*(n-1))
}

// twoSidedExactP returns the two-sided p-value of the statistic k whose
// null distribution is given by counts, c[j] the number of equally likely
// outcomes with statistic j: with p = P(K ≥ k) if upper and P(K ≤ k)
// otherwise, min(2p, 1). R's wilcox.test and cor.test pick the tail the
// same way, upper when k lies above the centre of the distribution.
func twoSidedExactP(counts []float64, k int, upper bool) float64 {
	var total, tail float64
	for _, v := range counts {
		total += v
	}
	if upper {
		for _, v := range counts[k:] {
			tail += v
		}
	} else {
		for _, v := range counts[:k+1] {
			tail += v
		}
	}
	return math.Min(2*tail/total, 1)
}

// kendallCounts returns c with c[k] the number of permutations of n items
// with exactly k inversions, k = 0, …, n(n−1)/2 (R's ckendall, the
// Mahonian numbers), by the recursion on where the largest item goes,
//
//	c_n(k) = Σ_{i=0}^{min(k, n−1)} c_{n−1}(k − i).
//
// Only additions are involved, so every count is exact while it fits in
// 53 bits and keeps full relative precision beyond that. The counts sum
// to n!; the cost is O(n⁴), some 3·10⁶ additions at n = 49.
func kendallCounts(n int) []float64 {
	size := n*(n-1)/2 + 1
	prev := make([]float64, size)
	cur := make([]float64, size)
	prev[0] = 1
	for m := 2; m <= n; m++ {
		top := m * (m - 1) / 2
		for k := 0; k <= top; k++ {
			var s float64
			for _, v := range prev[max(k-m+1, 0) : k+1] {
				s += v
			}
			cur[k] = s
		}
		prev, cur = cur, prev
	}
	return prev
}
