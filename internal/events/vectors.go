package events

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sync"
)

// vector is one article's TF-IDF vector, L2-normalised over all its terms
// and then stripped of the terms no other article has (they add to the
// norm but to no similarity). Entries are in increasing term id, which is
// decreasing document frequency: the commonest terms come first.
type vector struct {
	ids []uint32
	w   []float32
}

// dot returns the cosine similarity of two articles: the dot product of
// their normalised vectors. It is the one definition of similarity; every
// number the package reports comes from it.
func dot(a, b vector) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a.ids) && j < len(b.ids) {
		switch x, y := a.ids[i], b.ids[j]; {
		case x == y:
			s += float64(a.w[i]) * float64(b.w[j])
			i++
			j++
		case x < y:
			i++
		default:
			j++
		}
	}
	return s
}

// vocabulary is the terms shared by at least two articles.
type vocabulary struct {
	keys []uint64 // term id → key
	df   []int32  // term id → number of articles that have it
}

// vectorize extracts the terms of every article and weights them:
//
//	w(t, d) = (1 + ln tf(t, d)) · idf(t) · boost(t, d),
//	idf(t) = ln((1 + N)/(1 + df(t))) + 1,
//
// with N articles, df(t) of them having t, and boost the name or number
// factor. The idf is the smoothed one (scikit-learn's default), which stays
// positive, so that two articles alone still have a similarity.
func vectorize(ctx context.Context, arts []Article, workers int) ([]vector, *vocabulary, error) {
	raw := make([][]rawTerm, len(arts))
	err := parallel(ctx, len(arts), workers, func() func(int) {
		var e extractor
		return func(i int) {
			raw[i] = slices.Clone(e.extract(arts[i].Title, arts[i].Text))
		}
	})
	if err != nil {
		return nil, nil, err
	}
	// Each key's document frequency and, once the vocabulary is sorted,
	// its term id (−1 for a term of one article), found through one map.
	type termInfo struct{ df, id int32 }
	var infos []termInfo
	index := make(map[uint64]int32, 1<<16)
	for _, terms := range raw {
		for _, t := range terms {
			i, ok := index[t.key]
			if !ok {
				i = int32(len(infos))
				index[t.key] = i
				infos = append(infos, termInfo{id: -1})
			}
			infos[i].df++
		}
	}
	voc := &vocabulary{}
	for k, i := range index {
		if infos[i].df >= 2 {
			voc.keys = append(voc.keys, k)
		}
	}
	slices.SortFunc(voc.keys, func(a, b uint64) int {
		if c := cmp.Compare(infos[index[b]].df, infos[index[a]].df); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	voc.df = make([]int32, len(voc.keys))
	for id, k := range voc.keys {
		ti := &infos[index[k]]
		ti.id = int32(id)
		voc.df[id] = ti.df
	}
	n := float64(len(arts))
	vecs := make([]vector, len(arts))
	err = parallel(ctx, len(arts), workers, func() func(int) {
		type entry struct {
			id uint32
			w  float64
		}
		var kept []entry
		return func(i int) {
			kept = kept[:0]
			var norm float64
			for _, t := range raw[i] {
				ti := infos[index[t.key]]
				w := (1 + math.Log(float64(t.tf))) * (math.Log((1+n)/(1+float64(ti.df))) + 1) * float64(t.boost)
				norm += w * w
				if ti.id >= 0 {
					kept = append(kept, entry{uint32(ti.id), w})
				}
			}
			raw[i] = nil
			slices.SortFunc(kept, func(a, b entry) int { return cmp.Compare(a.id, b.id) })
			v := vector{ids: make([]uint32, len(kept)), w: make([]float32, len(kept))}
			norm = math.Sqrt(norm)
			for k, e := range kept {
				v.ids[k] = e.id
				v.w[k] = float32(e.w / norm)
			}
			vecs[i] = v
		}
	})
	if err != nil {
		return nil, nil, err
	}
	return vecs, voc, nil
}

// parallel calls the function made by newWorker for i = 0, …, n−1 on
// workers goroutines, each with its own function (and so its own
// buffers). Work is handed out in chunks in index order; what each call
// writes must go to its own index, so the result does not depend on the
// schedule. It stops early, returning ctx's error, when ctx is done.
func parallel(ctx context.Context, n, workers int, newWorker func() func(int)) error {
	const chunk = 64
	var (
		mu   sync.Mutex
		next int
		wg   sync.WaitGroup
	)
	take := func() (int, int) {
		mu.Lock()
		defer mu.Unlock()
		lo := next
		next = min(n, next+chunk)
		return lo, next
	}
	for range max(1, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work := newWorker()
			for {
				lo, hi := take()
				if lo >= hi || ctx.Err() != nil {
					return
				}
				for i := lo; i < hi; i++ {
					work(i)
				}
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}
