package stats

// BootstrapDiffCI returns the percentile bootstrap confidence interval at
// confidence level for the difference statistic(x) − statistic(y) between
// two independent samples, such as a batch of new articles and a baseline
// (Efron and Tibshirani 1993, sec. 8.3 and ch. 13). Each of the resamples
// replicates draws len(x) values from x and len(y) values from y with
// replacement, each sample resampled on its own, and evaluates
//
//	θ*_b = statistic(x*_b) − statistic(y*_b);
//
// lo and hi are the type-7 quantiles (1−level)/2 and 1 − (1−level)/2 of
// the θ*_b, as for BootstrapCI. With statistic the mean, the interval is
// close to the normal one, d ± z·√(σ²_x/n_x + σ²_y/n_y) with plug-in
// (divide-by-n) variances, and needs no assumption of normality or equal
// variances.
//
// The resampling uses the same PCG stream as BootstrapCI, seeded with
// (seed, a fixed constant), drawing x*_b then y*_b for each b in turn, so
// the interval is a deterministic function of its arguments. One buffer
// per sample is reused for every resample: statistic may modify its
// argument but must not keep it. If statistic returns NaN for some
// resample (as the mean does when a sample holds NaN), lo and hi are NaN.
//
// BootstrapDiffCI panics if x or y is empty, resamples < 1, or level is
// not strictly between 0 and 1.
func BootstrapDiffCI(x, y []float64, statistic func([]float64) float64, resamples int, level float64, seed uint64) (lo, hi float64) {
	checkBootstrap(len(x), resamples, level)
	checkBootstrap(len(y), resamples, level)
	rng := newDraws(seed)
	bufX := make([]float64, len(x))
	bufY := make([]float64, len(y))
	theta := make([]float64, resamples)
	for b := range theta {
		rng.resample(x, bufX)
		rng.resample(y, bufY)
		theta[b] = statistic(bufX) - statistic(bufY)
	}
	return percentileInterval(theta, level)
}
