package stats

import (
	"fmt"
	"math"
	"testing"
)

// srShift returns x − d element-wise: paired samples whose differences
// are d, built the way the R script builds them (y <- x - d).
func srShift(x, d []float64) []float64 {
	y := make([]float64, len(x))
	for i := range x {
		y[i] = x[i] - d[i]
	}
	return y
}

// srOffsets returns (i*mul) mod m − off for i = 1..n: in R,
// (1:n * mul) %% m - off.
func srOffsets(n, mul, m int, off float64) []float64 {
	return seq(n, mul, m, -off)
}

func TestSignedRank(t *testing.T) {
	// Reference values from R 4.2.2, printed with %.17g:
	//   r <- wilcox.test(x, y, paired = TRUE); c(r$statistic, r$p.value)
	// (defaults: exact = NULL, correct = TRUE). R does not report Z; where
	// the p-value is approximate the reference Z is recovered from it as
	//   sign(V - n*(n+1)/4) * qnorm(r$p.value/2, lower.tail = FALSE).
	// n is the number of complete pairs with x != y. The calls are in
	// testdata/reference.R under "signed rank (paired)"; "R warns" marks
	// the cases where R warns "cannot compute exact p-value with ties" or
	// "with zeroes".
	x7 := seq(49, 37, 101, 0)
	x8 := seq(50, 37, 101, 0)
	tests := []struct {
		name  string
		x, y  []float64
		v, p  float64
		z     float64 // NaN when exact
		n     int
		zeros int
		exact bool
		ties  bool
	}{
		{
			// x1, y1 of the Mann-Whitney tests, paired; R's own example in
			// ?wilcox.test gives V = 40, p-value = 0.03906.
			name: "exact 9 pairs", x: mwX1, y: mwY1,
			v: 40, p: 0.0390625, z: math.NaN(), n: 9, exact: true,
		},
		{
			name: "exact 9 pairs swapped", x: mwY1, y: mwX1,
			v: 5, p: 0.0390625, z: math.NaN(), n: 9, exact: true,
		},
		{
			// wilcox.test(c(2:11), rep(1.5, 10), paired = TRUE): every
			// difference positive, p = 2/2^10.
			name: "exact all positive",
			x:    []float64{2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
			y:    []float64{1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5},
			v:    55, p: 0.001953125, z: math.NaN(), n: 10, exact: true,
		},
		{
			// wilcox.test(c(0.2, 0.5, 0.9, 1.4, 2.0, 2.7),
			//   c(-0.1, 0.3, 0.4, 1.0, 1.1, 1.3), paired = TRUE);
			// R prints p = 0.031250000000000014 from psignrank.
			name: "exact 6 pairs",
			x:    []float64{0.2, 0.5, 0.9, 1.4, 2.0, 2.7},
			y:    []float64{-0.1, 0.3, 0.4, 1.0, 1.1, 1.3},
			v:    21, p: 0.031250000000000014, z: math.NaN(), n: 6, exact: true,
		},
		{
			// wilcox.test(5, 3, paired = TRUE): one pair, p = 1.
			name: "exact single pair", x: []float64{5}, y: []float64{3},
			v: 1, p: 1, z: math.NaN(), n: 1, exact: true,
		},
		{
			// x7 <- (1:49 * 37) %% 101; d7 <- (1:49 * 13) %% 101 - 50.5
			// wilcox.test(x7, x7 - d7, paired = TRUE): 49 distinct |d|.
			name: "exact at limit 49 pairs",
			x:    x7, y: srShift(x7, srOffsets(49, 13, 101, 50.5)),
			v: 572, p: 0.69325260452247772, z: math.NaN(), n: 49, exact: true,
		},
		{
			// x8 <- (1:50 * 37) %% 101; d8 <- (1:50 * 13) %% 101 - 50.5
			name: "normal past limit 50 pairs",
			x:    x8, y: srShift(x8, srOffsets(50, 13, 101, 50.5)),
			v: 592, p: 0.66399978357165712, z: -0.43439754035155731, n: 50,
		},
		{
			// x4 <- (1:49 * 37) %% 101; y4 <- (1:49 * 53) %% 101 + 0.5
			// R warns: ties.
			name: "ties 49 pairs",
			x:    seq(49, 37, 101, 0), y: seq(49, 53, 101, 0.5),
			v: 634, p: 0.83452355406698853, z: 0.20890352276542495, n: 49, ties: true,
		},
		{
			// x5 <- (1:50 * 37) %% 101; y5 <- (1:50 * 53) %% 101 + 0.5
			name: "ties 50 pairs",
			x:    seq(50, 37, 101, 0), y: seq(50, 53, 101, 0.5),
			v: 663.5, p: 0.80554946868057975, z: 0.24617151011103935, n: 50, ties: true,
		},
		{
			// wilcox.test(c(1, 2, 2, 3, 4, 4, 4, 5),
			//   c(3, 3, 4, 5, 5, 6, 7, 2), paired = TRUE); R warns: ties.
			name: "ties small",
			x:    []float64{1, 2, 2, 3, 4, 4, 4, 5},
			y:    []float64{3, 3, 4, 5, 5, 6, 7, 2},
			v:    7.5, p: 0.15521848968468405, z: -1.4213381090374031, n: 8, ties: true,
		},
		{
			// wilcox.test(c(1.5, 2, 3.5, 4, 6, 7.5),
			//   c(1.5, 1, 2.5, 4, 2, 8), paired = TRUE): two zeros dropped;
			// R warns: ties, zeroes.
			name: "zeros and ties",
			x:    []float64{1.5, 2, 3.5, 4, 6, 7.5},
			y:    []float64{1.5, 1, 2.5, 4, 2, 8},
			v:    9, p: 0.19746607335801866, z: 1.2888044650576522, n: 4, zeros: 2, ties: true,
		},
		{
			// x6 <- (1:300 * 7919) %% 1009; y6 <- (1:300 * 104729) %% 1009
			// 300 distinct |d|: no ties, but past the exact limit.
			name: "large",
			x:    seq(300, 7919, 1009, 0), y: seq(300, 104729, 1009, 0),
			v: 21930, p: 0.66821774700102432, z: -0.42859532679640622, n: 300,
		},
		{
			// wilcox.test(c(1, 2, 3), c(1, 2, 4), paired = TRUE): one
			// non-zero pair, Z = 0 after the continuity correction.
			// R warns: zeroes.
			name: "one non-zero pair",
			x:    []float64{1, 2, 3}, y: []float64{1, 2, 4},
			v: 0, p: 1, z: 0, n: 1, zeros: 2,
		},
		{
			// wilcox.test(c(1, 2, 3), c(1, 2, 3), paired = TRUE): no
			// non-zero pair; R reports V = 0, p = NA.
			name: "all zeros",
			x:    []float64{1, 2, 3}, y: []float64{1, 2, 3},
			v: 0, p: math.NaN(), z: math.NaN(), n: 0, zeros: 3,
		},
		{
			// wilcox.test(c(1.2, NA, 3.4, 2.2, 5.1, 0.3),
			//   c(0.4, 1, NaN, 2.9, 3.3, 1.0), paired = TRUE): the two
			// incomplete pairs are dropped.
			name: "incomplete pairs",
			x:    []float64{1.2, math.NaN(), 3.4, 2.2, 5.1, 0.3},
			y:    []float64{0.4, 1, math.NaN(), 2.9, 3.3, 1.0},
			v:    7, p: 0.625, z: math.NaN(), n: 4, exact: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SignedRank(tt.x, tt.y)
			if !near(got.V, tt.v, exactTol) {
				t.Errorf("V = %.17g, want %.17g", got.V, tt.v)
			}
			// The exact p-values are sums of integer counts on both sides;
			// R's psignrank accumulates them in another order, hence relTol.
			if !nearRel(got.P, tt.p, relTol) {
				t.Errorf("P = %.17g, want %.17g", got.P, tt.p)
			}
			// The reference Z goes through qnorm, accurate to about 1e-15.
			if !near(got.Z, tt.z, relTol) {
				t.Errorf("Z = %.17g, want %.17g", got.Z, tt.z)
			}
			if got.N != tt.n || got.Zeros != tt.zeros || got.Exact != tt.exact || got.Ties != tt.ties {
				t.Errorf("N, Zeros, Exact, Ties = %d, %d, %v, %v, want %d, %d, %v, %v",
					got.N, got.Zeros, got.Exact, got.Ties, tt.n, tt.zeros, tt.exact, tt.ties)
			}
		})
	}
}

func TestSignedRankBiserial(t *testing.T) {
	// R 4.2.2, the definition written out (testdata/reference.R,
	// "rank-biserial"):
	//   d <- x - y; d <- d[!is.na(d) & d != 0]; r <- rank(abs(d))
	//   (sum(r[d > 0]) - sum(r[d < 0])) / sum(r)
	tests := []struct {
		name string
		x, y []float64
		want float64
	}{
		{name: "no ties", x: mwX1, y: mwY1, want: 0.77777777777777779},
		{
			name: "ties",
			x:    []float64{1, 2, 2, 3, 4, 4, 4, 5},
			y:    []float64{3, 3, 4, 5, 5, 6, 7, 2},
			want: -0.58333333333333337,
		},
		{
			// x6 <- (1:300 * 7919) %% 1009; y6 <- (1:300 * 104729) %% 1009
			name: "large", x: seq(300, 7919, 1009, 0), y: seq(300, 104729, 1009, 0),
			want: -0.028571428571428571,
		},
		{name: "all above", x: []float64{2, 3, 4}, y: []float64{1, 1, 1}, want: 1},
		{name: "all below", x: []float64{1, 1, 1}, y: []float64{2, 3, 4}, want: -1},
		{name: "all zeros", x: []float64{1, 2}, y: []float64{1, 2}, want: math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SignedRank(tt.x, tt.y).RankBiserial; !near(got, tt.want, exactTol) {
				t.Errorf("RankBiserial = %.17g, want %.17g", got, tt.want)
			}
		})
	}
}

func TestSignedRankSymmetry(t *testing.T) {
	// Swapping x and y turns V into n(n+1)/2 − V and the effect's sign,
	// and keeps P.
	pairs := [][2][]float64{
		{mwX1, mwY1},
		{[]float64{1, 2, 2, 3, 4, 4, 4, 5}, []float64{3, 3, 4, 5, 5, 6, 7, 2}},
		{seq(49, 37, 101, 0), seq(49, 53, 101, 0.5)},
		{seq(300, 7919, 1009, 0), seq(300, 104729, 1009, 0)},
	}
	for _, xy := range pairs {
		a, b := SignedRank(xy[0], xy[1]), SignedRank(xy[1], xy[0])
		total := float64(a.N*(a.N+1)) / 2
		if b.V != total-a.V || !nearRel(b.P, a.P, exactTol) || b.Exact != a.Exact || !near(b.RankBiserial, -a.RankBiserial, exactTol) {
			t.Errorf("n = %d: swapped %+v, original %+v", a.N, b, a)
		}
	}
}

func TestSignedRankEmpty(t *testing.T) {
	for name, xy := range map[string][2][]float64{
		"nil":      {nil, nil},
		"only NaN": {{math.NaN(), 1}, {2, math.NaN()}},
	} {
		got := SignedRank(xy[0], xy[1])
		if got.N != 0 || got.V != 0 || !math.IsNaN(got.P) || !math.IsNaN(got.Z) || !math.IsNaN(got.RankBiserial) || got.Exact {
			t.Errorf("%s: %+v, want N = 0, V = 0, NaN P, Z and effect", name, got)
		}
	}
	mustPanic(t, "lengths", func() { SignedRank([]float64{1, 2}, []float64{1}) })
}

func TestSignedRankCounts(t *testing.T) {
	// R 4.2.2: dsignrank(0:10, 4) * 2^4 is 1 1 1 2 2 2 2 2 1 1 1.
	checkSlice(t, "signedRankCounts(4)", signedRankCounts(4), []float64{1, 1, 1, 2, 2, 2, 2, 2, 1, 1, 1}, 0)
	// Every n: the counts sum to 2^n and are symmetric about n(n+1)/4.
	for _, n := range []int{0, 1, 7, 30, 49} {
		c := signedRankCounts(n)
		var sum float64
		for k := range c {
			sum += c[k]
			if c[k] != c[len(c)-1-k] {
				t.Errorf("signedRankCounts(%d) not symmetric at %d", n, k)
			}
		}
		if want := math.Ldexp(1, n); sum != want {
			t.Errorf("signedRankCounts(%d) sums to %v, want %v", n, sum, want)
		}
	}
}

// FuzzSignedRank checks V against a direct count: when the |d| are
// distinct, V is the number of Walsh averages (d_i + d_j)/2, i ≤ j, that
// are positive. With or without ties, V plus the V of the swapped samples
// is n(n+1)/2.
func FuzzSignedRank(f *testing.F) {
	f.Add([]byte{1, 2, 3, 3, 200, 7, 9, 9})
	f.Add([]byte{5, 5, 5, 5})
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 || len(data) > 400 {
			return
		}
		half := len(data) / 2
		x := make([]float64, half)
		y := make([]float64, half)
		for i := range half {
			x[i] = float64(data[i]%32) - 8
			y[i] = float64(data[half+i]%32) - 8
		}
		got := SignedRank(x, y)
		var d []float64
		for i := range x {
			if x[i] != y[i] {
				d = append(d, x[i]-y[i])
			}
		}
		if got.N != len(d) || got.Zeros != half-len(d) {
			t.Fatalf("N, Zeros = %d, %d, want %d, %d", got.N, got.Zeros, len(d), half-len(d))
		}
		// Tietjen's identity: with distinct |d|, V counts the pairs i ≤ j
		// with d_i + d_j > 0.
		if !got.Ties {
			walsh := 0
			for i := range d {
				for j := i; j < len(d); j++ {
					if d[i]+d[j] > 0 {
						walsh++
					}
				}
			}
			if got.V != float64(walsh) {
				t.Errorf("V = %v, want %d positive Walsh averages of %v", got.V, walsh, d)
			}
		}
		n := float64(len(d))
		neg := SignedRank(y, x).V
		if got.V+neg != n*(n+1)/2 {
			t.Errorf("V + V(swapped) = %v, want %v", got.V+neg, n*(n+1)/2)
		}
	})
}

func TestSignedRankMinP(t *testing.T) {
	// Reference values from R 4.2.2: every difference positive, so the
	// smallest p the exact test gives on n pairs (testdata/reference.R,
	// "signed rank minimum p"):
	//   wilcox.test(1:n, rep(0, n), paired = TRUE)$p.value
	// 4: 0.125, 5: 0.0625, 6: 0.03125, 7: 0.015625, 8: 0.0078125.
	for _, tt := range []struct {
		n int
		p float64
	}{{4, 0.125}, {5, 0.0625}, {6, 0.03125}, {7, 0.015625}, {8, 0.0078125}} {
		t.Run(fmt.Sprint(tt.n), func(t *testing.T) {
			if got := SignedRankMinP(tt.n); math.Abs(got-tt.p) > 1e-15 {
				t.Errorf("SignedRankMinP(%d) = %g, want %g", tt.n, got, tt.p)
			}
			x := make([]float64, tt.n)
			for i := range x {
				x[i] = float64(i + 1)
			}
			if got := SignedRank(x, make([]float64, tt.n)).P; math.Abs(got-tt.p) > 1e-15 {
				t.Errorf("SignedRank of %d positive differences: p = %g, want the bound %g", tt.n, got, tt.p)
			}
		})
	}
	if SignedRankMinP(1) != 1 || SignedRankMinP(0) != 1 {
		t.Error("SignedRankMinP of 0 or 1 pair should be 1")
	}
	for _, tt := range []struct {
		alpha float64
		n     int
	}{{0.05, 6}, {0.01, 8}, {0.125, 5}, {1, 2}} {
		if got := SignedRankMinPairs(tt.alpha); got != tt.n {
			t.Errorf("SignedRankMinPairs(%g) = %d, want %d", tt.alpha, got, tt.n)
		}
	}
}
