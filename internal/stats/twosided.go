package stats

import "math"

// twoSidedNormal returns the standardized statistic and two-sided p-value
// of a rank statistic at distance d from its null mean, with null standard
// deviation sigma, continuity-corrected as R's wilcox.test does with
// correct = TRUE:
//
//	Z = (d − sign(d)/2) / σ,  P = 2·Φ(−|Z|).
//
// When σ is 0 (every value tied) Z and P are NaN, as in R.
func twoSidedNormal(d, sigma float64) (z, p float64) {
	correction := 0.0
	switch {
	case d > 0:
		correction = 0.5
	case d < 0:
		correction = -0.5
	}
	z = (d - correction) / sigma
	// 2·min(Φ(z), 1−Φ(z)) = 2·Φ(−|z|) = erfc(|z|/√2), computed without
	// the cancellation of 1 − Φ in the upper tail.
	return z, math.Erfc(math.Abs(z) / math.Sqrt2)
}
