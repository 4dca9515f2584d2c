package stats

import (
	"math"
	"testing"
)

func TestKruskalWallis(t *testing.T) {
	tests := []struct {
		name   string
		groups [][]float64
		// R 4.2.2, printed %.17g:
		//   r <- kruskal.test(list(...)); c(r$statistic, r$parameter, r$p.value)
		h, df, p float64
	}{
		{
			// The example in R's ?kruskal.test (Hollander & Wolfe 1973, p. 116):
			// kruskal.test(list(c(2.9, 3.0, 2.5, 2.6, 3.2), c(3.8, 2.7, 4.0, 2.4),
			//                   c(2.8, 3.4, 3.7, 2.2, 2.0)))
			name: "Hollander-Wolfe",
			groups: [][]float64{
				{2.9, 3.0, 2.5, 2.6, 3.2},
				{3.8, 2.7, 4.0, 2.4},
				{2.8, 3.4, 3.7, 2.2, 2.0},
			},
			h: 0.77142857142857224, df: 2, p: 0.67996477357889362,
		},
		{
			// kruskal.test(list(c(1, 2, 2, 3, 5), c(2, 3, 3, 4, 6, 6),
			//                   c(5, 6, 7, 7, 8), c(1, 1, 2)))
			name: "ties",
			groups: [][]float64{
				{1, 2, 2, 3, 5},
				{2, 3, 3, 4, 6, 6},
				{5, 6, 7, 7, 8},
				{1, 1, 2},
			},
			h: 12.579301075268816, df: 3, p: 0.005640628805149454,
		},
		{
			// kruskal.test(list((1:200 * 7919) %% 997, (1:150 * 104729) %% 997 + 30,
			//                   (1:120 * 15485863) %% 997 - 20))
			name: "large with ties",
			groups: [][]float64{
				seq(200, 7919, 997, 0),
				seq(150, 104729, 997, 30),
				seq(120, 15485863, 997, -20),
			},
			h: 1.1789984700653626, df: 2, p: 0.55460494193382792,
		},
		{
			// kruskal.test(list(c(1, 2), c(3, 4)))
			name:   "two groups",
			groups: [][]float64{{1, 2}, {3, 4}},
			h:      2.3999999999999986, df: 1, p: 0.12133525035848212,
		},
		{
			// Empty and all-NaN groups are dropped, as R drops unused levels.
			name:   "empty groups dropped",
			groups: [][]float64{{1, 2}, nil, {3, math.NaN(), 4}, {math.NaN()}},
			h:      2.3999999999999986, df: 1, p: 0.12133525035848212,
		},
		{
			name:   "one group",
			groups: [][]float64{{1, 2, 3}, {math.NaN()}},
			h:      math.NaN(), df: 0, p: math.NaN(),
		},
		{name: "no groups", h: math.NaN(), df: 0, p: math.NaN()},
		{
			// R 4.2.2: kruskal.test(list(c(2, 2), c(2, 2, 2))) gives NaN: all tied.
			name:   "all tied",
			groups: [][]float64{{2, 2}, {2, 2, 2}},
			h:      math.NaN(), df: 1, p: math.NaN(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := KruskalWallis(tt.groups...)
			if !nearRel(got.H, tt.h, relTol) || got.DF != tt.df || !nearRel(got.P, tt.p, relTol) {
				t.Errorf("KruskalWallis = %+v, want {H:%.17g DF:%v P:%.17g}", got, tt.h, tt.df, tt.p)
			}
		})
	}
}

func TestKruskalMatchesMannWhitney(t *testing.T) {
	// With two groups and no continuity correction H = Z², so H computed
	// from the Mann-Whitney Z without its ±1/2 must agree.
	x, y := seq(300, 7919, 1009, 0), seq(250, 104729, 1009, 40)
	mw := MannWhitney(x, y)
	kw := KruskalWallis(x, y)
	nx, ny := float64(len(x)), float64(len(y))
	d := mw.U - nx*ny/2
	sigma := (d - 0.5*math.Copysign(1, d)) / mw.Z
	z := d / sigma
	if !nearRel(kw.H, z*z, relTol) {
		t.Errorf("H = %.17g, Z² without correction = %.17g", kw.H, z*z)
	}
}
