package stats

import (
	"cmp"
	"math"
	"slices"
)

// Holm returns the p-values p adjusted for multiple comparisons by Holm's
// (1979) step-down method, like R's p.adjust(p, "holm"). With the m
// non-NaN p-values sorted as p_(1) ≤ … ≤ p_(m),
//
//	p̃_(i) = min(1, max_{j ≤ i} (m − j + 1) p_(j)).
//
// The result is a new slice in the order of p. NaN entries stay NaN and
// do not count towards m, as R treats NA. Holm does not check that the
// values lie in [0, 1].
func Holm(p []float64) []float64 {
	adj := make([]float64, len(p))
	idx := make([]int, 0, len(p))
	for i, v := range p {
		if math.IsNaN(v) {
			adj[i] = math.NaN()
			continue
		}
		idx = append(idx, i)
	}
	// A stable sort keeps R's order(p) for equal p-values.
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(p[a], p[b]) })
	m := len(idx)
	running := math.Inf(-1)
	for j, i := range idx {
		running = math.Max(running, float64(m-j)*p[i])
		adj[i] = math.Min(1, running)
	}
	return adj
}
