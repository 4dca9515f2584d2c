package stats

import "math"

// LogOddsDirichlet compares the use of words by two groups of texts with
// the log-odds ratio under an informative Dirichlet prior of Monroe,
// Colaresi and Quinn (2008), "Fightin' Words: Lexical Feature Selection
// and Evaluation for Identifying the Content of Political Conflict",
// Political Analysis 16(4):372–403.
//
// a[w] and b[w] are the counts of word w in the two groups and prior[w]
// is the Dirichlet pseudo-count α_w (commonly the word's count in a
// background corpus, scaled). With n_a = Σ a, n_b = Σ b and α₀ = Σ α,
//
//	δ_w = log((a_w+α_w) / (n_a+α₀−a_w−α_w)) − log((b_w+α_w) / (n_b+α₀−b_w−α_w)),
//	σ²_w ≈ 1/(a_w+α_w) + 1/(b_w+α_w),
//	z_w = δ_w / σ_w.
//
// Positive δ_w and z_w mean group a uses w more than group b. The
// z-scores, not the raw δ, are the paper's recommended ranking: they
// shrink differences in rare words towards zero.
//
// The results are new slices indexed like a. With fewer than two words
// the odds' denominators vanish and the results are NaN. LogOddsDirichlet
// panics if the three slices differ in length, if a count is negative or
// NaN, or if a prior pseudo-count is not positive.
func LogOddsDirichlet(a, b, prior []float64) (delta, zscore []float64) {
	if len(a) != len(b) || len(a) != len(prior) {
		panic("stats: slice length mismatch")
	}
	var na, nb, alpha0 float64
	for w := range a {
		if !(a[w] >= 0) || !(b[w] >= 0) {
			panic("stats: word counts must be non-negative")
		}
		if !(prior[w] > 0) {
			panic("stats: Dirichlet prior must be positive")
		}
		na += a[w]
		nb += b[w]
		alpha0 += prior[w]
	}
	delta = make([]float64, len(a))
	zscore = make([]float64, len(a))
	for w := range a {
		ya, yb := a[w]+prior[w], b[w]+prior[w]
		d := math.Log(ya/(na+alpha0-ya)) - math.Log(yb/(nb+alpha0-yb))
		if len(a) < 2 {
			d = math.NaN()
		}
		delta[w] = d
		zscore[w] = d / math.Sqrt(1/ya+1/yb)
	}
	return delta, zscore
}
