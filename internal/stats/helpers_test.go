package stats

import (
	"math"
	"testing"
)

// The R 4.2.2 calls quoted beside reference values throughout the tests
// are collected in testdata/reference.R; the tests never run R.

// Tolerances for comparisons with reference values: relTol for results of
// floating-point algorithms that differ from R's in the order of
// operations, exactTol where both sides do the same exact arithmetic.
const (
	relTol   = 1e-9
	exactTol = 1e-12
)

// near reports whether got is within tol of want, relative to |want| when
// |want| > 1 and absolute otherwise (so that zeros compare sensibly).
// Two NaNs are near; NaN and a number are not.
func near(got, want, tol float64) bool {
	if math.IsNaN(want) || math.IsNaN(got) {
		return math.IsNaN(want) && math.IsNaN(got)
	}
	if math.IsInf(want, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// nearRel is near with a purely relative tolerance, for small quantities
// such as tail p-values where an absolute tolerance would accept anything.
func nearRel(got, want, tol float64) bool {
	if math.IsNaN(want) || math.IsNaN(got) {
		return math.IsNaN(want) && math.IsNaN(got)
	}
	if want == 0 {
		return got == 0
	}
	return math.Abs(got-want) <= tol*math.Abs(want)
}

func checkSlice(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d values, want %d", name, len(got), len(want))
	}
	for i := range want {
		if !nearRel(got[i], want[i], tol) {
			t.Errorf("%s[%d] = %.17g, want %.17g (rel tol %g)", name, i, got[i], want[i], tol)
		}
	}
}

// mustPanic fails the test unless f panics with a message starting "stats: ".
func mustPanic(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Errorf("%s: did not panic", name)
			return
		}
		s, ok := r.(string)
		if !ok || len(s) < 7 || s[:7] != "stats: " {
			t.Errorf("%s: panic %v lacks the \"stats: \" prefix", name, r)
		}
	}()
	f()
}

// seq returns (i*mul) mod m + add for i = 1..n, the deterministic integer
// samples also built in the R scripts as (1:n * mul) %% m + add.
func seq(n, mul, m int, add float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = float64((i+1)*mul%m) + add
	}
	return x
}
