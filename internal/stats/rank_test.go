package stats

import (
	"math"
	"testing"
)

func TestRanks(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		x    []float64
		want []float64
	}{
		{
			// R 4.2.2: rank(c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5))
			name: "ties",
			x:    []float64{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5},
			want: []float64{4.5, 1.5, 6, 1.5, 8, 11, 3, 10, 8, 4.5, 8},
		},
		{
			// R 4.2.2: rank(c(2, NA, 1), na.last = "keep") is 2 NA 1.
			name: "NaN kept",
			x:    []float64{2, nan, 1},
			want: []float64{2, nan, 1},
		},
		{name: "empty", x: nil, want: []float64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkSlice(t, "Ranks", Ranks(tt.x), tt.want, 0)
		})
	}
}

func TestSpearman(t *testing.T) {
	x1 := []float64{1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30}
	y1 := []float64{0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.07, 3.14, 1.28}
	tests := []struct {
		name string
		x, y []float64
		// R 4.2.2: cor(x, y, method = "spearman"), printed %.17g.
		want float64
	}{
		{
			// cor(c(1, 2, 2, 3, 4, 4, 4, 5), c(2.5, 1, 3, 3, 7, 6, 5, 9), method = "spearman")
			name: "ties",
			x:    []float64{1, 2, 2, 3, 4, 4, 4, 5},
			y:    []float64{2.5, 1, 3, 3, 7, 6, 5, 9},
			want: 0.92003358447031791,
		},
		{name: "no ties", x: x1, y: y1, want: 0.66666666666666663},
		{
			// cor(1:5, c(5, 4, 3, 2, 1), method = "spearman")
			name: "reversed", x: []float64{1, 2, 3, 4, 5}, y: []float64{5, 4, 3, 2, 1},
			want: -0.99999999999999978,
		},
		{name: "constant", x: []float64{1, 2, 3}, y: []float64{4, 4, 4}, want: math.NaN()},
		{name: "NaN", x: []float64{1, math.NaN(), 3}, y: []float64{1, 2, 3}, want: math.NaN()},
		{name: "one pair", x: []float64{1}, y: []float64{2}, want: math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Spearman(tt.x, tt.y); !near(got, tt.want, exactTol) {
				t.Errorf("Spearman = %.17g, want %.17g", got, tt.want)
			}
		})
	}
	mustPanic(t, "Spearman length mismatch", func() { Spearman([]float64{1, 2}, []float64{1}) })
}
