package stats

import (
	"cmp"
	"math"
	"slices"
)

// Ranks returns the ranks of the values of x, 1 for the smallest, with
// tied values given the average of the ranks they span, like R's
// rank(x, ties.method = "average"). NaN values are left out of the
// ranking and get rank NaN, like R's rank(x, na.last = "keep").
// x is not modified.
func Ranks(x []float64) []float64 {
	r := make([]float64, len(x))
	idx := make([]int, 0, len(x))
	for i, v := range x {
		if math.IsNaN(v) {
			r[i] = math.NaN()
			continue
		}
		idx = append(idx, i)
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(x[a], x[b]) })
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			j++
		}
		// Positions i..j-1 hold ranks i+1..j; their average is (i+1+j)/2.
		avg := float64(i+1+j) / 2
		for _, k := range idx[i:j] {
			r[k] = avg
		}
		i = j
	}
	return r
}

// labelled is one observation of a k-sample rank test: its value and the
// index of the sample it came from.
type labelled struct {
	v     float64
	group int
}

// pool returns the non-NaN observations of samples, labelled with the
// index of their sample, and the number of them in each sample.
func pool(samples ...[]float64) (obs []labelled, sizes []int) {
	total := 0
	for _, s := range samples {
		total += len(s)
	}
	obs = make([]labelled, 0, total)
	sizes = make([]int, len(samples))
	for g, s := range samples {
		for _, v := range s {
			if math.IsNaN(v) {
				continue
			}
			obs = append(obs, labelled{v, g})
			sizes[g]++
		}
	}
	return obs, sizes
}

// rankSums sorts obs by value and returns, for each of the groups, the
// sum of the average ranks of its observations in the pooled sample, and
// the tie term Σ (t³ − t) over the groups of t tied values. The sort is
// the only super-linear step, so the cost is O(N log N).
func rankSums(obs []labelled, groups int) (sums []float64, tieTerm float64) {
	slices.SortFunc(obs, func(a, b labelled) int { return cmp.Compare(a.v, b.v) })
	sums = make([]float64, groups)
	for i := 0; i < len(obs); {
		j := i + 1
		for j < len(obs) && obs[j].v == obs[i].v {
			j++
		}
		avg := float64(i+1+j) / 2
		for _, o := range obs[i:j] {
			sums[o.group] += avg
		}
		if t := float64(j - i); t > 1 {
			tieTerm += t*t*t - t
		}
		i = j
	}
	return sums, tieTerm
}
