package validate

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchCorpus is shaped like ABP's train split scored with us-politics:
// 26,590 articles of 157 outlets in three labels, 60% with evidence, and
// 130 entries of which each article uses a few.
func benchCorpus() Input {
	rng := rand.New(rand.NewPCG(1, 2))
	labels := []string{"left", "center", "right"}
	in := Input{Axes: []string{axis}}
	for e := range 130 {
		in.Entries = append(in.Entries, Entry{ID: fmt.Sprint("e", e), Lean: map[string]float64{axis: float64(e%5-2) / 2}})
	}
	for i := range 26_590 {
		o := i % 157
		a := Article{ID: fmt.Sprint(i), Outlet: fmt.Sprint("outlet ", o), Label: labels[o%3], Uses: map[string]int{}}
		n := 0
		if rng.Float64() < 0.6 {
			n = 1 + rng.IntN(5)
			for range n {
				a.Uses[fmt.Sprint("e", rng.IntN(130))]++
			}
		}
		score := 0.0
		if n > 0 {
			score = float64(int((rng.NormFloat64()*0.3+0.1*float64(o%3))*100)) / 100
		}
		a.Stance = map[string]Stance{axis: {Score: score, N: n}}
		in.Articles = append(in.Articles, a)
	}
	return in
}

func BenchmarkMeasure(b *testing.B) {
	in := benchCorpus()
	opt := DefaultOptions()
	opt.Order = []string{"left", "center", "right"}
	for b.Loop() {
		if _, err := Measure(in, opt); err != nil {
			b.Fatal(err)
		}
	}
}
