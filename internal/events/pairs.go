package events

import (
	"context"
	"math"
	"sort"
	"sync/atomic"
)

// edge is a pair of articles of different outlets, within the date window
// of each other, whose similarity reaches the threshold. a and b are
// positions in the sweep order, a < b.
type edge struct {
	a, b int32
	sim  float64
}

// posting is one article's weight for a term in the inverted index.
type posting struct {
	pos    int32 // position in the sweep order
	w      float32
	outlet int32 // the article's outlet, kept here to spare a lookup
}

// sweep holds the articles in the order the search visits them: dated
// articles by date (then outlet and id, so that the order does not depend
// on the input's), then the undated ones.
type sweep struct {
	vecs   []vector // by position
	outlet []int32  // outlet number by position
	// from[p] is the first position that article p is compared with: the
	// first article dated no earlier than p's date minus the window, or 0
	// for an undated article, which is compared with every other.
	from []int32
	// date[p] is the article's date in Unix seconds when dated[p].
	date  []int64
	dated []bool
	// window is the window in seconds.
	window int64
}

// similarPairs returns every pair of articles of different outlets whose
// dates are at most the window apart (or one of which is undated) and
// whose similarity is at least t, ordered by (b, a). compared counts the
// pairs whose similarity was computed in full.
//
// It is the all-pairs similarity search of Bayardo, Ma and Srikant (2007,
// "Scaling up all pairs similarity search") with the L2 bounds of
// Anastasiu and Karypis (2014, "L2AP"). Each article's vector is split
// into a prefix of its commonest terms and the rest, and only the rest
// goes into an inverted index. The prefix is as long as it can be while
// its dot product with any article is sure to stay below t: while both
// Σ w(f)·maxw(f) (maxw the largest weight of f in any article) and the
// prefix's norm are below t. Two articles that share no indexed term
// therefore have a similarity below t, so probing the index with each
// article in turn proposes every pair at or above t, and the common words
// that make most of an index's length are never walked. A candidate x
// found with partial score a (from the indexed terms) is dropped when
// a + min(bound of x's prefix, ‖prefix of x‖·‖the part of y's vector
// within the prefix's terms‖) < t, then when a plus the prefix's exact
// dot product is; dot decides the rest. The result is exact.
func similarPairs(ctx context.Context, s *sweep, t float64, workers int) (pairs []edge, compared int64, err error) {
	n := len(s.vecs)
	var nterms uint32
	for _, v := range s.vecs {
		if len(v.ids) > 0 {
			nterms = max(nterms, v.ids[len(v.ids)-1]+1)
		}
	}
	maxw := make([]float64, nterms)
	for _, v := range s.vecs {
		for k, id := range v.ids {
			maxw[id] = max(maxw[id], float64(v.w[k]))
		}
	}
	// Split each vector: the prefix [0, cut[p]) stays out of the index;
	// its dot product with any vector is at most pbound[p], and its norm
	// is pnorm[p].
	cut := make([]int, n)
	pbound := make([]float64, n)
	pnorm := make([]float64, n)
	for p, v := range s.vecs {
		var byMax, mass float64
		k := 0
		for ; k < len(v.ids); k++ {
			w := float64(v.w[k])
			nb, nm := byMax+w*maxw[v.ids[k]], mass+w*w
			if min(nb, math.Sqrt(nm)) >= t {
				break
			}
			byMax, mass = nb, nm
		}
		cut[p], pnorm[p] = k, math.Sqrt(mass)
		pbound[p] = min(byMax, pnorm[p])
	}
	// The inverted index in one array: postings of term id at
	// index[start[id]:start[id+1]], in sweep order.
	start := make([]int, nterms+1)
	for p, v := range s.vecs {
		for _, id := range v.ids[cut[p]:] {
			start[id+1]++
		}
	}
	for id := range nterms {
		start[id+1] += start[id]
	}
	index := make([]posting, start[nterms])
	fill := append([]int(nil), start[:nterms]...)
	for p, v := range s.vecs {
		for k := cut[p]; k < len(v.ids); k++ {
			id := v.ids[k]
			index[fill[id]] = posting{int32(p), v.w[k], s.outlet[p]}
			fill[id]++
		}
	}

	found := make([][]edge, n)
	var total atomic.Int64
	// The bounds only prune; a tolerance keeps float32 weights and the
	// order of summation from pruning a pair dot would accept.
	const slack = 1e-6
	err = parallel(ctx, n, workers, func() func(int) {
		acc := make([]float64, n)
		var touched []int32
		// cursor[id] is where term id's postings reach the window. A
		// worker takes positions in increasing order, and the window's
		// start only moves forward with them (undated articles, last,
		// start at 0 and skip the cursors).
		cursor := make([]int32, nterms)
		var ycum []float64 // ycum[k]: squared norm of y's first k entries
		return func(q int) {
			y := s.vecs[q]
			lo := s.from[q]
			own := s.outlet[q]
			touched = touched[:0]
			for k, id := range y.ids {
				list := index[start[id]:start[id+1]]
				i := 0
				if lo > 0 {
					c := cursor[id]
					for int(c) < len(list) && list[c].pos < lo {
						c++
					}
					cursor[id] = c
					i = int(c)
				}
				wy := float64(y.w[k])
				for _, post := range list[i:] {
					x := post.pos
					if int(x) >= q {
						break
					}
					if post.outlet == own {
						continue
					}
					if acc[x] == 0 {
						touched = append(touched, x)
					}
					acc[x] += float64(post.w) * wy
				}
			}
			ycum = append(ycum[:0], 0)
			for _, w := range y.w {
				ycum = append(ycum, ycum[len(ycum)-1]+float64(w)*float64(w))
			}
			var mine []edge
			checked := 0
			for _, x := range touched {
				a := acc[x]
				acc[x] = 0
				xv := s.vecs[x]
				bound := pbound[x]
				if c := cut[x]; c > 0 {
					// y's entries among the terms of x's prefix.
					last := xv.ids[c-1]
					m := sort.Search(len(y.ids), func(i int) bool { return y.ids[i] > last })
					bound = min(bound, pnorm[x]*math.Sqrt(ycum[m]))
					if a+bound < t-slack {
						continue
					}
					if a+dot(vector{xv.ids[:c], xv.w[:c]}, vector{y.ids[:m], y.w[:m]}) < t-slack {
						continue
					}
				} else if a < t-slack {
					continue
				}
				checked++
				if sim := dot(xv, y); sim >= t {
					mine = append(mine, edge{a: x, b: int32(q), sim: sim})
				}
			}
			total.Add(int64(checked))
			// touched is in the order terms were probed; sort by a.
			sortEdges(mine)
			found[q] = mine
		}
	})
	if err != nil {
		return nil, 0, err
	}
	for _, f := range found {
		pairs = append(pairs, f...)
	}
	return pairs, total.Load(), nil
}

func sortEdges(es []edge) {
	sort.Slice(es, func(i, j int) bool { return es[i].a < es[j].a })
}
