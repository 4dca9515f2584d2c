package stats

import (
	"math"
	"math/rand/v2"
	"slices"
)

// AUC returns the area under the ROC curve of x (cases) against y
// (controls): the probability that a value drawn from x exceeds one drawn
// from y, ties counted one half,
//
//	AUC = (#{(i,j): x_i > y_j} + ½·#{(i,j): x_i = y_j}) / (nx·ny) = U / (nx·ny),
//
// where U is the Mann-Whitney statistic of MannWhitney (R's W). It is
// R's wilcox.test(x, y)$statistic / (nx * ny) and pROC's
// auc(roc(controls = y, cases = x, direction = "<")). 0.5 means no
// separation; 1 that every x exceeds every y.
//
// NaN values are dropped first; if x or y has no values left the result
// is NaN. The cost is O(N log N) for N = nx + ny.
func AUC(x, y []float64) float64 {
	u, nx, ny, _ := uStatistic(x, y)
	if nx == 0 || ny == 0 {
		return math.NaN()
	}
	return u / (float64(nx) * float64(ny))
}

// AUCBootstrapCI returns the stratified percentile bootstrap confidence
// interval at confidence level for AUC(x, y), as pROC's
// ci.auc(roc, method = "bootstrap", boot.stratified = TRUE): each of the
// resamples replicates draws len(x) values from x and len(y) values from
// y with replacement, each sample on its own (so every replicate has the
// original numbers of cases and controls), and evaluates the AUC; lo and
// hi are the type-7 quantiles (1−level)/2 and 1 − (1−level)/2 of the
// replicates, as pROC's quantile(aucs, …). The bounds lie in [0, 1]; a
// perfect separation gives the degenerate interval [1, 1].
//
// NaN values are dropped first. The draws come from the PCG stream of
// BootstrapCI seeded with (seed, a fixed constant), all of x's for one
// replicate, then all of y's, from x and y sorted; the interval is a
// deterministic function of the values (in any order), resamples, level
// and seed. A replicate costs O(nx + ny) and allocates nothing: the draws
// are counted per value and the AUC of the counts is found in one merge of
// the sorted samples.
//
// AUCBootstrapCI panics if x or y has no non-NaN value, resamples < 1, or
// level is not strictly between 0 and 1.
func AUCBootstrapCI(x, y []float64, resamples int, level float64, seed uint64) (lo, hi float64) {
	xs, ys := slices.Clone(dropNaN(x)), slices.Clone(dropNaN(y))
	checkBootstrap(len(xs), resamples, level)
	checkBootstrap(len(ys), resamples, level)
	slices.Sort(xs)
	slices.Sort(ys)
	rng := rand.New(rand.NewPCG(seed, bootstrapStream))
	cx, cy := make([]int, len(xs)), make([]int, len(ys))
	theta := make([]float64, resamples)
	for b := range theta {
		drawCounts(rng, cx)
		drawCounts(rng, cy)
		theta[b] = aucCounts(xs, ys, cx, cy)
	}
	return percentileInterval(theta, level)
}

// drawCounts draws len(c) indices uniformly from [0, len(c)) with
// replacement and sets c[i] to the number of times i was drawn.
func drawCounts(rng *rand.Rand, c []int) {
	clear(c)
	for range c {
		c[rng.IntN(len(c))]++
	}
}

// aucCounts returns the AUC of the sample holding cx[i] copies of xs[i]
// against the one holding cy[j] copies of ys[j]; xs and ys are sorted,
// and the counts of each sample sum to its length.
func aucCounts(xs, ys []float64, cx, cy []int) float64 {
	// below is the weight of the ys less than the current x value, equal
	// that of the ys equal to it; j walks ys once.
	var u, below, equal float64
	j := 0
	for i, v := range xs {
		if i == 0 || v != xs[i-1] {
			below += equal
			equal = 0
			for j < len(ys) && ys[j] < v {
				below += float64(cy[j])
				j++
			}
			for j < len(ys) && ys[j] == v {
				equal += float64(cy[j])
				j++
			}
		}
		u += float64(cx[i]) * (below + equal/2)
	}
	return u / (float64(len(xs)) * float64(len(ys)))
}
