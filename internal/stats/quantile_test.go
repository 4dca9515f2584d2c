package stats

import (
	"math"
	"slices"
	"testing"
)

func TestQuantile7(t *testing.T) {
	x := []float64{3.2, 1.5, 4.8, 2.2, 9.1, 0.4, 7.7}
	orig := slices.Clone(x)
	tests := []struct {
		name string
		x    []float64
		p    []float64
		// R 4.2.2: quantile(x, p, type = 7, names = FALSE), printed %.17g.
		want []float64
	}{
		{
			// x <- c(3.2, 1.5, 4.8, 2.2, 9.1, 0.4, 7.7)
			// quantile(x, c(0, 0.1, 0.25, 1/3, 0.5, 0.9, 1), type = 7)
			name: "unsorted",
			x:    x,
			p:    []float64{0, 0.1, 0.25, 1.0 / 3, 0.5, 0.9, 1},
			want: []float64{0.40000000000000002, 1.0600000000000001, 1.8500000000000001, 2.2000000000000002, 3.2000000000000002, 8.2600000000000016, 9.0999999999999996},
		},
		{
			// quantile(c(2, 2, 5, 5, 5, 8), c(0.1, 0.5, 0.7), type = 7)
			name: "ties",
			x:    []float64{2, 2, 5, 5, 5, 8},
			p:    []float64{0.1, 0.5, 0.7},
			want: []float64{2, 5, 5},
		},
		{
			// quantile(42, c(0, 0.3, 1))
			name: "single",
			x:    []float64{42},
			p:    []float64{0, 0.3, 1},
			want: []float64{42, 42, 42},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i, p := range tt.p {
				if got := Quantile7(p, tt.x); !near(got, tt.want[i], exactTol) {
					t.Errorf("Quantile7(%v) = %.17g, want %.17g", p, got, tt.want[i])
				}
			}
		})
	}
	if !slices.Equal(x, orig) {
		t.Errorf("Quantile7 modified its input: %v", x)
	}
}

func TestQuantile7Undefined(t *testing.T) {
	if got := Quantile7(0.5, nil); !math.IsNaN(got) {
		t.Errorf("Quantile7 of empty = %v, want NaN", got)
	}
	if got := Quantile7(0.5, []float64{1, math.NaN(), 3}); !math.IsNaN(got) {
		t.Errorf("Quantile7 with NaN = %v, want NaN", got)
	}
	for _, p := range []float64{-0.1, 1.1, math.NaN()} {
		mustPanic(t, "Quantile7 bad p", func() { Quantile7(p, []float64{1, 2}) })
	}
}

func TestDescriptive(t *testing.T) {
	tests := []struct {
		name                   string
		x                      []float64
		median, iqr, mean, std float64
	}{
		// R 4.2.2: c(median(x), IQR(x), mean(x), sd(x)), printed %.17g.
		{
			name:   "seven",
			x:      []float64{3.2, 1.5, 4.8, 2.2, 9.1, 0.4, 7.7},
			median: 3.2000000000000002, iqr: 4.4000000000000004,
			mean: 4.128571428571429, std: 3.2484428504101701,
		},
		{
			name:   "even",
			x:      []float64{4, 1, 3, 2},
			median: 2.5, iqr: 1.5, mean: 2.5, std: 1.2909944487358056,
		},
		{
			// sd(5) is NA in R: one value has no spread about its mean.
			name:   "single",
			x:      []float64{5},
			median: 5, iqr: 0, mean: 5, std: math.NaN(),
		},
		{
			name:   "empty",
			median: math.NaN(), iqr: math.NaN(), mean: math.NaN(), std: math.NaN(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Median(tt.x); !near(got, tt.median, exactTol) {
				t.Errorf("Median = %.17g, want %.17g", got, tt.median)
			}
			if got := IQR(tt.x); !near(got, tt.iqr, exactTol) {
				t.Errorf("IQR = %.17g, want %.17g", got, tt.iqr)
			}
			mean, std := MeanStd(tt.x)
			if !near(mean, tt.mean, exactTol) || !near(std, tt.std, exactTol) {
				t.Errorf("MeanStd = %.17g, %.17g, want %.17g, %.17g", mean, std, tt.mean, tt.std)
			}
		})
	}
}
