package stats

import (
	"math"
	"slices"
	"testing"
)

func TestHolm(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		p    []float64
		// R 4.2.2: p.adjust(p, "holm"), printed %.17g.
		want []float64
	}{
		{
			// p.adjust(c(0.01, 0.04, 0.03, 0.005, NA, 0.5, 0.04), "holm"):
			// NA stays NA and is not counted, so m = 6; tied p-values
			// get equal adjusted values.
			name: "NaN and ties",
			p:    []float64{0.01, 0.04, 0.03, 0.005, nan, 0.5, 0.04},
			want: []float64{0.050000000000000003, 0.12, 0.12, 0.029999999999999999, nan, 0.5, 0.12},
		},
		{
			// p.adjust(c(0.2, 0.001, 0.015, 0.9), "holm")
			name: "capped by monotonicity",
			p:    []float64{0.2, 0.001, 0.015, 0.9},
			want: []float64{0.40000000000000002, 0.0040000000000000001, 0.044999999999999998, 0.90000000000000002},
		},
		{
			// p.adjust(c(0.6, 0.7), "holm") is 1 1: 2·0.6 is capped at 1.
			name: "capped at one",
			p:    []float64{0.6, 0.7},
			want: []float64{1, 1},
		},
		{name: "empty", p: []float64{}, want: []float64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := slices.Clone(tt.p)
			got := Holm(tt.p)
			checkSlice(t, "Holm", got, tt.want, exactTol)
			if !slices.EqualFunc(tt.p, orig, func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }) {
				t.Errorf("Holm modified its input")
			}
		})
	}
}
