package stats

import (
	"math"
	"testing"
)

func TestNormalCI(t *testing.T) {
	// Values from R 4.2.2, as in testdata/reference.R:
	// x <- c(0.2, -0.5, 1, 0.75, -0.25, 0.5, 0, 0.9)
	// mean(x) + c(-1, 1) * qnorm(0.975) * sd(x) / sqrt(length(x))
	// mean(x) + c(-1, 1) * qnorm(0.95) * sd(x) / sqrt(length(x))
	x := []float64{0.2, -0.5, 1, 0.75, -0.25, 0.5, 0, 0.9}
	tests := []struct {
		level, lo, hi float64
	}{
		{0.95, -0.057246818357273688, 0.70724681835727377},
		{0.90, 0.0042083576407303536, 0.64579164235926967},
	}
	mean, sd := MeanStd(x)
	if got := Mean(x); math.Abs(got-0.325) > 1e-15 || got != mean {
		t.Errorf("Mean = %v, MeanStd's mean %v, want 0.325", got, mean)
	}
	for _, tt := range tests {
		lo, hi := NormalCI(mean, sd, len(x), tt.level)
		if math.Abs(lo-tt.lo) > 1e-12 || math.Abs(hi-tt.hi) > 1e-12 {
			t.Errorf("level %v: [%.17g, %.17g], want [%.17g, %.17g]", tt.level, lo, hi, tt.lo, tt.hi)
		}
	}
	if !math.IsNaN(Mean(nil)) {
		t.Error("Mean of nothing is not NaN")
	}
}

// TestNormalDiffCI compares with R 4.2.2, printed with %.17g:
//
//	xb <- (1:400 * 7919) %% 1009 / 100; yb <- (1:300 * 104729) %% 1009 / 100 + 0.5
//	d <- mean(xb) - mean(yb)
//	d + c(-1, 1) * qnorm(0.975) * sqrt(var(xb) / length(xb) + var(yb) / length(yb))
//	d + c(-1, 1) * qnorm(0.9) * sqrt(var(xb) / length(xb) + var(yb) / length(yb))
//
// Both sides compute the same sums in a different order: relTol.
func TestNormalDiffCI(t *testing.T) {
	x := make([]float64, 400)
	for i := range x {
		x[i] = float64((i+1)*7919%1009) / 100
	}
	y := make([]float64, 300)
	for i := range y {
		y[i] = float64((i+1)*104729%1009)/100 + 0.5
	}
	for _, tt := range []struct {
		level  float64
		lo, hi float64
	}{
		{0.95, -1.0251931779358141, -0.15484015539752011},
		{0.8, -0.87456329288239787, -0.30547004045093634},
	} {
		lo, hi := NormalDiffCI(x, y, tt.level)
		if !near(lo, tt.lo, relTol) || !near(hi, tt.hi, relTol) {
			t.Errorf("level %v: [%.17g, %.17g], R [%.17g, %.17g]", tt.level, lo, hi, tt.lo, tt.hi)
		}
	}
	mustPanic(t, "two values", func() { NormalDiffCI([]float64{1}, y, 0.95) })
	mustPanic(t, "level", func() { NormalDiffCI(x, y, 1) })
}
