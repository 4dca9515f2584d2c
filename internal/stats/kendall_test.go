package stats

import (
	"fmt"
	"math"
	"testing"
)

// trendData is a weak trend over 30 days with 5 observations a day, ties
// within days in x and among values in y:
//
//	xt <- rep(1:30, each = 5)
//	yt <- ((1:150 * 7919) %% 101) %/% 10 + xt %/% 10
func trendData() (x, y []float64) {
	x = make([]float64, 150)
	y = make([]float64, 150)
	for i := range x {
		day := i/5 + 1
		x[i] = float64(day)
		y[i] = float64((i+1)*7919%101/10 + day/10)
	}
	return x, y
}

func TestKendall(t *testing.T) {
	tx, ty := trendData()
	ramp := func(n int) []float64 { return seq(n, 1, n+1, 0) } // 1, 2, …, n
	// Reference values from R 4.2.2, printed with %.17g:
	//   r <- cor.test(x, y, method = "kendall")
	//   c(r$estimate, r$statistic, r$p.value)
	// (defaults: exact = NULL, continuity = FALSE). Where the p-value is
	// exact R's statistic is T, the number of concordant pairs, and Z is
	// NaN here; where it is approximate the statistic is z.
	tests := []struct {
		name  string
		x, y  []float64
		tau   float64
		stat  float64 // T (exact) or z
		p     float64
		exact bool
		ties  bool
		pTol  float64
	}{
		{
			// cor.test(1:10, c(2, 1, 4, 3, 6, 5, 8, 7, 10, 9), method = "kendall")
			name: "exact swaps", x: ramp(10), y: []float64{2, 1, 4, 3, 6, 5, 8, 7, 10, 9},
			tau: 0.77777777777777779, stat: 40, p: 0.0009463183421516419, exact: true,
		},
		{
			// x1, y1 as in the Mann-Whitney tests.
			name: "exact 9 pairs", x: mwX1, y: mwY1,
			tau: 0.50000000000000011, stat: 27, p: 0.075176366843033415, exact: true,
		},
		{
			// cor.test(1:10, 10:1, method = "kendall"): p = 2/10!.
			name: "exact reversed", x: ramp(10), y: []float64{10, 9, 8, 7, 6, 5, 4, 3, 2, 1},
			tau: -1, stat: 0, p: 5.5114638447971777e-07, exact: true,
		},
		{
			// cor.test(1:12, c(5, 3, 11, 1, 8, 12, 2, 9, 4, 7, 10, 6), method = "kendall")
			name: "exact weak", x: ramp(12), y: []float64{5, 3, 11, 1, 8, 12, 2, 9, 4, 7, 10, 6},
			tau: 0.12121212121212122, stat: 37, p: 0.63836125390812892, exact: true,
		},
		{
			// cor.test(1:49, (1:49 * 37) %% 101, method = "kendall")
			name: "exact at limit 49", x: ramp(49), y: seq(49, 37, 101, 0),
			tau: 0.045918367346938778, stat: 615, p: 0.64946308251428864, exact: true,
		},
		{
			// cor.test(1:50, (1:50 * 37) %% 101, method = "kendall")
			name: "normal past limit 50", x: ramp(50), y: seq(50, 37, 101, 0),
			tau: 0.028571428571428571, stat: 0.29277002188455997, p: 0.76969794378128975,
		},
		{
			// cor.test(c(1, 2, 2, 3, 4, 4, 4, 5), c(2.5, 1, 3, 3, 7, 6, 5, 9), method = "kendall")
			// n < 50 but tied: R warns and uses the normal approximation.
			name: "ties small", x: []float64{1, 2, 2, 3, 4, 4, 4, 5}, y: []float64{2.5, 1, 3, 3, 7, 6, 5, 9},
			tau: 0.82495791138430541, stat: 2.7154019303432966, p: 0.0066195378478276761, ties: true,
		},
		{
			// cor.test(xt, yt, method = "kendall"), xt, yt as in trendData.
			name: "trend with ties in time", x: tx, y: ty,
			tau: 0.18386898699363563, stat: 3.1655683274748494, p: 0.0015478030480985123, ties: true,
		},
		{
			// cor.test(1:300, (1:300 * 7919) %% 1009, method = "kendall")
			name: "normal 300", x: ramp(300), y: seq(300, 7919, 1009, 0),
			tau: -0.015696767001114831, stat: -0.40544785098236841, p: 0.68514834369743527,
		},
		{
			// cor.test(c(1, 2), c(2, 1), method = "kendall"): R prints tau as
			// -0.99999999999999978 (it multiplies and divides); -1 here.
			name: "two pairs", x: []float64{1, 2}, y: []float64{2, 1},
			tau: -0.99999999999999978, stat: 0, p: 1, exact: true,
		},
		{
			// cor.test(1:5, c(3, 3, 3, 3, 3), method = "kendall"): all NA.
			name: "constant y", x: ramp(5), y: []float64{3, 3, 3, 3, 3},
			tau: math.NaN(), stat: math.NaN(), p: math.NaN(), ties: true,
		},
		{
			// R stops: "not enough finite observations".
			name: "one pair", x: []float64{1}, y: []float64{2},
			tau: math.NaN(), stat: math.NaN(), p: math.NaN(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Kendall(tt.x, tt.y)
			if !near(got.Tau, tt.tau, relTol) {
				t.Errorf("Tau = %.17g, want %.17g", got.Tau, tt.tau)
			}
			if !nearRel(got.P, tt.p, relTol) {
				t.Errorf("P = %.17g, want %.17g", got.P, tt.p)
			}
			stat := got.Z
			if tt.exact {
				// T = C = (n₀ + S)/2 without ties.
				n0 := float64(got.N*(got.N-1)) / 2
				stat = (n0 + got.S) / 2
				if !math.IsNaN(got.Z) {
					t.Errorf("Z = %v for an exact test", got.Z)
				}
			}
			if !near(stat, tt.stat, relTol) {
				t.Errorf("statistic = %.17g, want %.17g", stat, tt.stat)
			}
			if got.Exact != tt.exact || got.Ties != tt.ties || got.N != len(tt.x) {
				t.Errorf("Exact, Ties, N = %v, %v, %d; want %v, %v, %d", got.Exact, got.Ties, got.N, tt.exact, tt.ties, len(tt.x))
			}
		})
	}
}

func TestKendallNaN(t *testing.T) {
	// Pairs with NaN on either side are dropped, like R's incomplete cases.
	x := []float64{1, 2, math.NaN(), 3, 4, 5, 6, 7, 8, 9, 10}
	y := []float64{2, 1, 5, 4, 3, math.NaN(), 6, 5, 8, 7, 10}
	got := Kendall(x, y)
	want := Kendall([]float64{1, 2, 3, 4, 6, 7, 8, 9, 10}, []float64{2, 1, 4, 3, 6, 5, 8, 7, 10})
	if got.Tau != want.Tau || got.P != want.P || got.N != 9 {
		t.Errorf("with NaN %+v, without %+v", got, want)
	}
	mustPanic(t, "length mismatch", func() { Kendall([]float64{1}, []float64{1, 2}) })
}

func TestKendallCounts(t *testing.T) {
	// Mahonian numbers: permutations of 4 by inversions (OEIS A008302),
	// R 4.2.2: dkendall is internal; choose via ckendall's recursion
	// gives 1 3 5 6 5 3 1.
	checkSlice(t, "kendallCounts(4)", kendallCounts(4), []float64{1, 3, 5, 6, 5, 3, 1}, 0)
	for _, n := range []int{1, 2, 7, 20, 49} {
		c := kendallCounts(n)
		sum := 0.0
		for k := range c {
			sum += c[k]
			// Sums of more than 53 bits round, in different orders for k
			// and its mirror.
			if !nearRel(c[k], c[len(c)-1-k], 1e-14) {
				t.Errorf("kendallCounts(%d) not symmetric at %d", n, k)
			}
		}
		if want := math.Gamma(float64(n) + 1); !nearRel(sum, want, 1e-12) {
			t.Errorf("kendallCounts(%d) sums to %v, want %d! = %v", n, sum, n, want)
		}
	}
}

// naiveS counts concordant minus discordant pairs directly, and the pairs
// tied in x and in y, in O(n²).
func naiveS(x, y []float64) (s, tiedX, tiedY float64) {
	sign := func(v float64) float64 {
		switch {
		case v > 0:
			return 1
		case v < 0:
			return -1
		}
		return 0
	}
	for i := range x {
		for j := i + 1; j < len(x); j++ {
			a, b := sign(x[i]-x[j]), sign(y[i]-y[j])
			s += a * b
			if a == 0 {
				tiedX++
			}
			if b == 0 {
				tiedY++
			}
		}
	}
	return s, tiedX, tiedY
}

// FuzzKendall checks the O(n log n) pair counting against the O(n²)
// definition, with few distinct values so that ties are common.
func FuzzKendall(f *testing.F) {
	f.Add([]byte{1, 2, 3, 3, 200, 7, 9, 1})
	f.Add([]byte{5, 5, 5, 5})
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 4 || len(data) > 600 {
			return
		}
		n := len(data) / 2
		x := make([]float64, n)
		y := make([]float64, n)
		for i := range n {
			x[i] = float64(data[2*i] % 7)
			y[i] = float64(data[2*i+1]%11) - 5
		}
		s, tx, ty := naiveS(x, y)
		got := Kendall(x, y)
		n0 := float64(n*(n-1)) / 2
		if tx == n0 || ty == n0 {
			if !math.IsNaN(got.Tau) {
				t.Errorf("constant input: Tau = %v", got.Tau)
			}
			return
		}
		if got.S != s {
			t.Errorf("S = %v, want %v (x %v, y %v)", got.S, s, x, y)
		}
		if want := s / math.Sqrt((n0-tx)*(n0-ty)); !near(got.Tau, want, exactTol) {
			t.Errorf("Tau = %v, want %v", got.Tau, want)
		}
		if !(got.P >= 0 && got.P <= 1) {
			t.Errorf("P = %v", got.P)
		}
	})
}

func TestSenSlope(t *testing.T) {
	tx, ty := trendData()
	tests := []struct {
		name string
		x, y []float64
		// R 4.2.2, printed with %.17g:
		//   sen <- function(x, y) { i <- combn(length(x), 2)
		//     dx <- x[i[2, ]] - x[i[1, ]]
		//     s <- (y[i[2, ]] - y[i[1, ]]) / dx; median(s[dx != 0]) }
		want float64
	}{
		{name: "swaps", x: seq(10, 1, 11, 0), y: []float64{2, 1, 4, 3, 6, 5, 8, 7, 10, 9}, want: 1},
		{name: "x1 y1", x: mwX1, y: mwY1, want: 0.88253906250000003},
		// Pairs on the same day (dx = 0) are left out.
		{name: "ties in time", x: tx, y: ty, want: 0.090909090909090912},
		{name: "uneven spacing", x: []float64{1, 2, 4, 7}, y: []float64{10, 8, 9, 2}, want: -1.2666666666666666},
		{name: "one time", x: []float64{3, 3, 3}, y: []float64{1, 2, 3}, want: math.NaN()},
		{name: "one point", x: []float64{3}, y: []float64{1}, want: math.NaN()},
		{name: "NaN dropped", x: []float64{1, 2, math.NaN(), 4, 7}, y: []float64{10, 8, 1, 9, 2}, want: -1.2666666666666666},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SenSlope(tt.x, tt.y); !near(got, tt.want, exactTol) {
				t.Errorf("SenSlope = %.17g, want %.17g", got, tt.want)
			}
		})
	}
	mustPanic(t, "length mismatch", func() { SenSlope([]float64{1}, nil) })
}

// BenchmarkKendall measures the trend test at the sizes of bench_test.go:
// scores (with two-decimal ties) against days, a year of them.
func BenchmarkKendall(b *testing.B) {
	for _, n := range benchSizes {
		y := scores(n, 0, 1)
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(i * 365 / n)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				Kendall(x, y)
			}
		})
	}
}

func BenchmarkKendallExact(b *testing.B) {
	// The largest exact case, n = 49 without ties.
	x, y := seq(49, 1, 50, 0), seq(49, 37, 101, 0)
	if !Kendall(x, y).Exact {
		b.Fatal("not the exact case")
	}
	for b.Loop() {
		Kendall(x, y)
	}
}
