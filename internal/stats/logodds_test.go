package stats

import (
	"math"
	"testing"
)

func TestLogOddsDirichlet(t *testing.T) {
	// Reference from R 4.2.2, evaluating Monroe, Colaresi & Quinn (2008)
	// formulas for the log-odds with an informative Dirichlet prior
	// directly (as quoted in LogOddsDirichlet's doc), printed %.17g:
	//   a <- c(10, 0, 5, 3); b <- c(2, 8, 5, 1); al <- c(0.5, 0.5, 1, 2)
	//   na <- sum(a); nb <- sum(b); a0 <- sum(al)
	//   delta <- log((a+al)/(na+a0-a-al)) - log((b+al)/(nb+a0-b-al))
	//   z <- delta / sqrt(1/(a+al) + 1/(b+al))
	a := []float64{10, 0, 5, 3}
	b := []float64{2, 8, 5, 1}
	prior := []float64{0.5, 0.5, 1, 2}
	wantDelta := []float64{1.8549383708495868, -3.4589192438206289, -0.13353139262452252, 0.51082562376599072}
	wantZ := []float64{2.6358607474718272, -2.3769148987923367, -0.23128315643110106, 0.69947679272070051}
	delta, z := LogOddsDirichlet(a, b, prior)
	checkSlice(t, "delta", delta, wantDelta, exactTol)
	checkSlice(t, "z", z, wantZ, exactTol)

	// Swapping the groups negates both.
	delta2, z2 := LogOddsDirichlet(b, a, prior)
	for w := range a {
		if delta2[w] != -delta[w] || z2[w] != -z[w] {
			t.Errorf("word %d: swapped groups give %v, %v; want %v, %v", w, delta2[w], z2[w], -delta[w], -z[w])
		}
	}
}

func TestLogOddsDirichletEdgeCases(t *testing.T) {
	delta, z := LogOddsDirichlet([]float64{3}, []float64{4}, []float64{1})
	if !math.IsNaN(delta[0]) || !math.IsNaN(z[0]) {
		t.Errorf("single word: %v, %v, want NaN", delta, z)
	}
	delta, z = LogOddsDirichlet(nil, nil, nil)
	if len(delta) != 0 || len(z) != 0 {
		t.Errorf("no words: %v, %v, want empty", delta, z)
	}
	mustPanic(t, "length mismatch", func() { LogOddsDirichlet([]float64{1, 2}, []float64{1}, []float64{1, 1}) })
	mustPanic(t, "negative count", func() { LogOddsDirichlet([]float64{-1, 2}, []float64{1, 1}, []float64{1, 1}) })
	mustPanic(t, "zero prior", func() { LogOddsDirichlet([]float64{1, 2}, []float64{1, 1}, []float64{0, 1}) })
	mustPanic(t, "NaN prior", func() { LogOddsDirichlet([]float64{1, 2}, []float64{1, 1}, []float64{math.NaN(), 1}) })
}
