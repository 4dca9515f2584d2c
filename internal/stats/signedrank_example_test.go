package stats_test

import (
	"fmt"

	"github.com/compare-tool/compare/internal/stats"
)

func ExampleSignedRank() {
	// Framing scores of two outlets' articles on the same eight events,
	// event by event.
	a := []float64{0.61, 0.72, 0.55, 0.80, 0.67, 0.74, 0.58, 0.70}
	b := []float64{0.42, 0.58, 0.49, 0.51, 0.63, 0.39, 0.60, 0.52}
	// R 4.2.2: wilcox.test(a, b, paired = TRUE) gives V = 35,
	// p-value = 0.01563; the rank-biserial correlation
	// (sum(r[d > 0]) - sum(r[d < 0])) / sum(r) is 0.9444444.
	r := stats.SignedRank(a, b)
	fmt.Printf("V = %v, p = %.4f, exact = %v, %d events\n", r.V, r.P, r.Exact, r.N)
	fmt.Printf("rank-biserial r = %.3f\n", r.RankBiserial)
	// Output:
	// V = 35, p = 0.0156, exact = true, 8 events
	// rank-biserial r = 0.944
}
