package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

var (
	// Small samples without ties between or within them.
	mwX1 = []float64{1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30}
	mwY1 = []float64{0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.07, 3.14, 1.28}
	// Small samples with ties.
	mwX3 = []float64{1, 2, 2, 3, 4, 4, 4, 5}
	mwY3 = []float64{3, 3, 4, 5, 5, 6, 7}
)

func TestMannWhitney(t *testing.T) {
	// Reference values from R 4.2.2, printed with %.17g:
	//   r <- wilcox.test(x, y); c(r$statistic, r$p.value)
	// (defaults: exact = NULL, correct = TRUE). R does not report Z; where
	// the p-value is approximate the reference Z is recovered from it as
	//   sign(W - nx*ny/2) * qnorm(r$p.value/2, lower.tail = FALSE).
	tests := []struct {
		name  string
		x, y  []float64
		u, p  float64
		z     float64 // NaN when exact
		exact bool
		ties  bool
	}{
		{
			// x <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30)
			// y <- c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.07, 3.14, 1.28)
			name: "exact 9 vs 9", x: mwX1, y: mwY1,
			u: 58, p: 0.13591114767585355, z: math.NaN(), exact: true,
		},
		{
			// wilcox.test(c(12.1, 15.3, 9.8, 20.4, 17.7),
			//   c(8.2, 11.0, 7.5, 13.9, 10.1, 6.6, 9.1, 14.8, 5.2, 12.7, 3.3, 16.2))
			name: "exact unequal sizes",
			x:    []float64{12.1, 15.3, 9.8, 20.4, 17.7},
			y:    []float64{8.2, 11.0, 7.5, 13.9, 10.1, 6.6, 9.1, 14.8, 5.2, 12.7, 3.3, 16.2},
			u:    49, p: 0.048480930833872012, z: math.NaN(), exact: true,
		},
		{
			// wilcox.test(c(10:1) + 0.5, 1:10)
			name: "exact interleaved",
			x:    []float64{10.5, 9.5, 8.5, 7.5, 6.5, 5.5, 4.5, 3.5, 2.5, 1.5},
			y:    []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
			u:    55, p: 0.73936435081945928, z: math.NaN(), exact: true,
		},
		{
			// wilcox.test(11:20, 1:10): complete separation, p = 2/choose(20, 10).
			name: "exact separated",
			x:    []float64{11, 12, 13, 14, 15, 16, 17, 18, 19, 20},
			y:    []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
			u:    100, p: 1.082508822446903e-05, z: math.NaN(), exact: true,
		},
		{
			// wilcox.test(5.5, c(1, 2, 3, 4, 6, 7))
			name: "exact single x",
			x:    []float64{5.5},
			y:    []float64{1, 2, 3, 4, 6, 7},
			u:    4, p: 0.85714285714285721, z: math.NaN(), exact: true,
		},
		{
			// x <- (1:49 * 37) %% 101; y <- (1:49 * 53) %% 101 + 0.5
			name: "exact at limit 49 vs 49",
			x:    seq(49, 37, 101, 0), y: seq(49, 53, 101, 0.5),
			u: 1235, p: 0.80995555275293485, z: math.NaN(), exact: true,
		},
		{
			// x <- (1:49 * 37) %% 101; y <- (1:50 * 53) %% 101 + 0.5
			name: "normal past limit 49 vs 50",
			x:    seq(49, 37, 101, 0), y: seq(50, 53, 101, 0.5),
			u: 1272, p: 0.74485398200178432, z: 0.32543220868405093,
		},
		{
			// x <- c(1, 2, 2, 3, 4, 4, 4, 5); y <- c(3, 3, 4, 5, 5, 6, 7)
			name: "ties small", x: mwX3, y: mwY3,
			u: 12.5, p: 0.077373638631554331, z: -1.7661324015738717, ties: true,
		},
		{
			// x <- (1:300 * 7919) %% 1009; y <- (1:250 * 104729) %% 1009 + 40
			name: "ties large",
			x:    seq(300, 7919, 1009, 0), y: seq(250, 104729, 1009, 40),
			u: 33790.5, p: 0.045643835916532843, z: -1.9986721713193145, ties: true,
		},
		{
			// wilcox.test(c(1, 2, 3), c(1, 2, 3))
			name: "identical samples",
			x:    []float64{1, 2, 3}, y: []float64{1, 2, 3},
			u: 4.5, p: 1, z: 0, ties: true,
		},
		{
			// wilcox.test(c(1, 1, 1), c(1, 1)): all tied, the variance is
			// zero and R reports p = NaN.
			name: "all tied",
			x:    []float64{1, 1, 1}, y: []float64{1, 1},
			u: 3, p: math.NaN(), z: math.NaN(), ties: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MannWhitney(tt.x, tt.y)
			if !near(got.U, tt.u, exactTol) {
				t.Errorf("U = %.17g, want %.17g", got.U, tt.u)
			}
			if !nearRel(got.P, tt.p, relTol) {
				t.Errorf("P = %.17g, want %.17g", got.P, tt.p)
			}
			// The reference Z goes through qnorm, accurate to about 1e-15.
			if !near(got.Z, tt.z, relTol) {
				t.Errorf("Z = %.17g, want %.17g", got.Z, tt.z)
			}
			if got.Exact != tt.exact || got.Ties != tt.ties {
				t.Errorf("Exact, Ties = %v, %v, want %v, %v", got.Exact, got.Ties, tt.exact, tt.ties)
			}
		})
	}
}

func TestMannWhitneySymmetry(t *testing.T) {
	// Swapping the samples turns U into nx·ny − U and keeps P.
	pairs := [][2][]float64{
		{mwX1, mwY1},
		{mwX3, mwY3},
		{seq(49, 37, 101, 0), seq(20, 53, 101, 0.5)},
		{seq(300, 7919, 1009, 0), seq(250, 104729, 1009, 40)},
	}
	for _, xy := range pairs {
		x, y := xy[0], xy[1]
		a, b := MannWhitney(x, y), MannWhitney(y, x)
		nxy := float64(len(x) * len(y))
		if b.U != nxy-a.U || !nearRel(b.P, a.P, exactTol) || a.Exact != b.Exact {
			t.Errorf("n = %d, %d: swapped %+v, original %+v", len(x), len(y), b, a)
		}
	}
}

func TestMannWhitneyNaN(t *testing.T) {
	// NaN is dropped like NA in R, so adding NaNs changes nothing.
	x := append([]float64{math.NaN()}, mwX1...)
	y := append(append([]float64{}, mwY1...), math.NaN(), math.NaN())
	if got, want := MannWhitney(x, y), MannWhitney(mwX1, mwY1); got.U != want.U || got.P != want.P {
		t.Errorf("with NaN: %+v, want %+v", got, want)
	}
	got := MannWhitney([]float64{math.NaN()}, mwY1)
	if !math.IsNaN(got.U) || !math.IsNaN(got.P) || !math.IsNaN(got.Z) {
		t.Errorf("empty x: %+v, want NaN fields", got)
	}
}

func TestWilcoxCounts(t *testing.T) {
	// The counts of each size pair must sum to choose(m+n, m) and be
	// symmetric about mn/2; R 4.2.2: dwilcox(0:6, 3, 2) * choose(5, 3) is
	// 1 1 2 2 2 1 1.
	got := wilcoxCounts(3, 2)
	want := []float64{1, 1, 2, 2, 2, 1, 1}
	checkSlice(t, "wilcoxCounts(3, 2)", got, want, 0)
	for _, mn := range [][2]int{{1, 1}, {5, 12}, {12, 5}, {20, 20}} {
		c := wilcoxCounts(mn[0], mn[1])
		var sum float64
		for k := range c {
			sum += c[k]
			if c[k] != c[len(c)-1-k] {
				t.Errorf("wilcoxCounts%v not symmetric at %d", mn, k)
			}
		}
		if want := binomial(mn[0]+mn[1], mn[0]); sum != want {
			t.Errorf("wilcoxCounts%v sums to %v, want %v", mn, sum, want)
		}
	}
}

// TestWilcoxTableCache checks that the cached tables are the computed
// ones, for sizes asked in either order and from several goroutines at
// once, and that a cached table is not changed by the tests that read it.
func TestWilcoxTableCache(t *testing.T) {
	sizes := [][2]int{{3, 2}, {2, 3}, {7, 11}, {11, 7}, {49, 49}, {1, 49}}
	var wg sync.WaitGroup
	for range 4 {
		for _, mn := range sizes {
			wg.Go(func() { wilcoxExactP(mn[0]*mn[1]/3, mn[0], mn[1]) })
		}
	}
	wg.Wait()
	for _, mn := range sizes {
		checkSlice(t, fmt.Sprintf("wilcoxTable%v", mn), wilcoxTable(mn[0], mn[1]), wilcoxCounts(mn[0], mn[1]), 0)
	}
}

func binomial(n, k int) float64 {
	b := 1.0
	for i := 1; i <= k; i++ {
		b = b * float64(n-k+i) / float64(i)
	}
	return math.Round(b)
}

func TestCliffsDelta(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		// R 4.2.2: mean(sign(outer(x, y, "-"))), printed %.17g.
		want float64
	}{
		{name: "no ties", x: mwX1, y: mwY1, want: 0.43209876543209874},
		{name: "ties", x: mwX3, y: mwY3, want: -0.5535714285714286},
		{
			// x <- (1:300 * 7919) %% 1009; y <- (1:250 * 104729) %% 1009 + 40
			name: "large", x: seq(300, 7919, 1009, 0), y: seq(250, 104729, 1009, 40),
			want: -0.098919999999999994,
		},
		{name: "identical", x: []float64{1, 2, 3}, y: []float64{1, 2, 3}, want: 0},
		{name: "dominant", x: []float64{4, 5}, y: []float64{1, 2, 3}, want: 1},
		{name: "dominated", x: []float64{1, 2, 3}, y: []float64{4, 5}, want: -1},
		{name: "empty", x: nil, y: []float64{1}, want: math.NaN()},
		{name: "only NaN", x: []float64{1}, y: []float64{math.NaN()}, want: math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CliffsDelta(tt.x, tt.y); !near(got, tt.want, exactTol) {
				t.Errorf("CliffsDelta = %.17g, want %.17g", got, tt.want)
			}
		})
	}
}

// naiveDominance counts pairs directly, in O(nx·ny).
func naiveDominance(x, y []float64) (greater, less, equal int) {
	for _, a := range x {
		for _, b := range y {
			switch {
			case a > b:
				greater++
			case a < b:
				less++
			case a == b:
				equal++
			}
		}
	}
	return
}

// FuzzDominance checks CliffsDelta and MannWhitney's U, both computed by
// sorting, against direct pair counts.
func FuzzDominance(f *testing.F) {
	f.Add([]byte{1, 2, 3, 3, 200, 7}, 3)
	f.Add([]byte{5, 5, 5, 5}, 1)
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 6)
	f.Fuzz(func(t *testing.T, data []byte, split int) {
		if len(data) < 2 || len(data) > 400 {
			return
		}
		split = 1 + (split%(len(data)-1)+len(data)-1)%(len(data)-1)
		x := make([]float64, split)
		y := make([]float64, len(data)-split)
		for i, b := range data {
			// Small value range so that ties are common.
			v := float64(b%16) - 4
			if i < split {
				x[i] = v
			} else {
				y[i-split] = v
			}
		}
		gt, lt, eq := naiveDominance(x, y)
		nxy := float64(len(x) * len(y))
		if got, want := CliffsDelta(x, y), float64(gt-lt)/nxy; got != want {
			t.Errorf("CliffsDelta(%v, %v) = %v, want %v", x, y, got, want)
		}
		if got, want := MannWhitney(x, y).U, float64(gt)+float64(eq)/2; got != want {
			t.Errorf("MannWhitney(%v, %v).U = %v, want %v", x, y, got, want)
		}
	})
}

func TestMannWhitneyMinP(t *testing.T) {
	// Reference values from R 4.2.2 (reference.R, "wilcox min p"):
	//   w <- function(m, n) wilcox.test(seq_len(m), m + seq_len(n))$p.value
	// printed with %.17g; exact below 50 per sample, normal beyond.
	tests := []struct {
		nx, ny int
		want   float64
	}{
		{5, 5, 0.0079365079365079361},
		{3, 3, 0.10000000000000001},
		{2, 8, 0.044444444444444446},
		{1, 10, 0.18181818181818182},
		{1, 1, 1},
		{12, 30, 1.8086262066648539e-10},
		{49, 49, 7.8500291929632906e-29},
		{50, 50, 7.0660719303889642e-18},
		{3, 60, 0.0038696086962130179},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d,%d", tt.nx, tt.ny), func(t *testing.T) {
			got := MannWhitneyMinP(tt.nx, tt.ny)
			if math.Abs(got-tt.want) > 1e-12*tt.want {
				t.Errorf("MannWhitneyMinP(%d, %d) = %.17g, want %.17g (relative tolerance 1e-12)", tt.nx, tt.ny, got, tt.want)
			}
			// It is the p of two samples that do not overlap.
			x, y := seq(tt.nx, 1, 1000, 0), seq(tt.ny, 1, 1000, float64(tt.nx)) // 1…nx and nx+1…nx+ny
			if p := MannWhitney(x, y).P; math.Abs(p-got) > 1e-12*got {
				t.Errorf("MannWhitney of separated samples gives p = %.17g, MannWhitneyMinP %.17g", p, got)
			}
		})
	}
	if !math.IsNaN(MannWhitneyMinP(0, 3)) {
		t.Error("MannWhitneyMinP(0, 3) is not NaN")
	}
}

// TestMergedRankSum holds the merge of sorted samples to rankSums over
// their pool, to the bit: the rank sum of x and the tie term, with ties
// within and across samples, signed zeros, infinities and one-value
// samples.
func TestMergedRankSum(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	ties := func(n, levels int) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(rng.IntN(levels)) / 4
		}
		return x
	}
	tests := []struct {
		name string
		x, y []float64
	}{
		{"no ties", []float64{1, 3, 5}, []float64{2, 4, 6, 8}},
		{"ties across", []float64{1, 2, 2, 3}, []float64{2, 3, 3}},
		{"one value each", []float64{7}, []float64{7}},
		{"signed zeros", []float64{-1, math.Copysign(0, -1), 0}, []float64{0, math.Copysign(0, -1), 1}},
		{"infinities", []float64{math.Inf(-1), 0, math.Inf(1)}, []float64{math.Inf(-1), math.Inf(1), math.Inf(1)}},
		{"x all below", []float64{1, 2}, []float64{3, 4, 5}},
		{"many ties", ties(5000, 9), ties(3000, 9)},
		{"few ties", ties(2000, 1<<20), ties(2500, 1<<20)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := slices.Clone(tt.x), slices.Clone(tt.y)
			slices.Sort(x)
			slices.Sort(y)
			obs, _ := pool(x, y)
			sums, wantTie := rankSums(obs, 2)
			gotSum, gotTie := mergedRankSum(x, y)
			if math.Float64bits(gotSum) != math.Float64bits(sums[0]) || math.Float64bits(gotTie) != math.Float64bits(wantTie) {
				t.Errorf("merged rank sum %v, tie term %v; rankSums %v, %v", gotSum, gotTie, sums[0], wantTie)
			}
			// MannWhitney gives the same on the samples unsorted.
			shuffled := slices.Clone(tt.x)
			rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			a, b := MannWhitney(x, y), MannWhitney(shuffled, tt.y)
			if math.Float64bits(a.U) != math.Float64bits(b.U) || math.Float64bits(a.P) != math.Float64bits(b.P) {
				t.Errorf("sorted: U %v p %v; unsorted: U %v p %v", a.U, a.P, b.U, b.P)
			}
		})
	}
}
