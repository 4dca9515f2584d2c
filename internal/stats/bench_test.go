package stats

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// benchSizes are the pooled sample sizes benchmarked: 10,000, and the
// 1,000,000 records `compare stats` must handle.
var benchSizes = []int{10_000, 1_000_000}

// scores returns n scores rounded to two decimals, like stance scores, so
// that the rank tests see realistic ties.
func scores(n int, shift float64, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 1))
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(int((rng.NormFloat64()+shift)*100)) / 100
	}
	return x
}

// BenchmarkMannWhitney tests samples in any order (pooled and sorted) and
// sorted, as a comparison's come (merged).
func BenchmarkMannWhitney(b *testing.B) {
	for _, n := range benchSizes {
		x, y := scores(n/2, 0, 1), scores(n/2, 0.05, 2)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				MannWhitney(x, y)
			}
		})
		sx, sy := slices.Sorted(slices.Values(x)), slices.Sorted(slices.Values(y))
		b.Run(fmt.Sprintf("%d/sorted", n), func(b *testing.B) {
			for b.Loop() {
				MannWhitney(sx, sy)
			}
		})
	}
}

// BenchmarkMannWhitneyExact measures the largest exact case, 49 against
// 49 without ties: the exact null distribution computed (table), and the
// test once the table of those sizes is cached (test), as for every pair
// of a comparison after the first of its sizes.
func BenchmarkMannWhitneyExact(b *testing.B) {
	b.Run("table", func(b *testing.B) {
		for b.Loop() {
			wilcoxCounts(49, 49)
		}
	})
	b.Run("test", func(b *testing.B) {
		x, y := seq(49, 37, 101, 0), seq(49, 53, 101, 0.5)
		if !MannWhitney(x, y).Exact {
			b.Fatal("not the exact test")
		}
		for b.Loop() {
			MannWhitney(x, y)
		}
	})
}

func BenchmarkKruskalWallis(b *testing.B) {
	for _, n := range benchSizes {
		groups := make([][]float64, 8)
		for g := range groups {
			groups[g] = scores(n/len(groups), float64(g)/100, uint64(g))
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				KruskalWallis(groups...)
			}
		})
	}
}

func BenchmarkCliffsDelta(b *testing.B) {
	for _, n := range benchSizes {
		x, y := scores(n/2, 0, 1), scores(n/2, 0.05, 2)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				CliffsDelta(x, y)
			}
		})
	}
}

func BenchmarkBootstrapCI(b *testing.B) {
	x := scores(10_000, 0, 3)
	for _, resamples := range []int{1000} {
		b.Run(fmt.Sprintf("n=10000/B=%d", resamples), func(b *testing.B) {
			for b.Loop() {
				BootstrapCI(x, mean, resamples, 0.95, 1)
			}
		})
	}
}
