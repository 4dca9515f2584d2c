package events

import (
	"container/heap"
	"context"
	"slices"
)

// cluster is a set of articles being grown into an event.
type cluster struct {
	members []int32 // positions in the sweep order, increasing
	dated   bool    // has a dated member
	first   int64   // earliest and latest date of the dated members
	last    int64   // (Unix seconds)
	links   map[int32]*link
	version int
	alive   bool
}

// link holds the similarities between the articles of two clusters: their
// sum and number over the pairs of different outlets (pairs of one outlet
// take no part: an outlet's house style and boilerplate make its articles
// alike whatever they report).
type link struct {
	sum float64
	n   int
}

func (l *link) average() float64 { return l.sum / float64(l.n) }

// linker runs average-linkage clustering over the similarity graph.
type linker struct {
	s       *sweep
	t       float64
	cl      []*cluster // by the position of the cluster's first article
	queue   candidates
	compute int64 // similarities computed while merging
}

// averageLinkage groups the articles joined by edges: starting from single
// articles it repeatedly merges the two clusters whose articles are most
// similar on average (over their pairs of different outlets, every such
// pair counted, not only the edges), as long as that average is at least
// t and the merged cluster's dated articles lie within the window of each
// other. This is UPGMA (Sokal and Michener 1958) restricted to the graph:
// two clusters can only reach an average of t if some pair of their
// articles does, that is if an edge joins them, so no other pair of
// clusters needs to be considered. Ties go to the pair whose first
// articles come first in the sweep order, so the result is deterministic.
//
// Average linkage is the safeguard against chaining: single linkage
// (connected components) would join two reports of different events
// through a third article that resembles both, and rolling coverage of a
// war day after day into one "event"; complete linkage would split an
// event whenever two of its reports share little beyond the core facts.
// The window on the cluster's dates bounds chaining in time.
func averageLinkage(ctx context.Context, s *sweep, t float64, edges []edge) ([]*cluster, int64, error) {
	lk := &linker{s: s, t: t, cl: make([]*cluster, len(s.vecs))}
	for _, e := range edges {
		a, b := lk.single(e.a), lk.single(e.b)
		l := &link{sum: e.sim, n: 1}
		a.links[e.b] = l
		b.links[e.a] = l
	}
	for id, c := range lk.cl {
		if c == nil {
			continue
		}
		for other, l := range c.links {
			if int32(id) < other {
				lk.push(int32(id), other, l)
			}
		}
	}
	for step := 0; lk.queue.Len() > 0; step++ {
		if step%256 == 0 && ctx.Err() != nil {
			return nil, 0, ctx.Err()
		}
		best := heap.Pop(&lk.queue).(candidate)
		a, b := lk.cl[best.a], lk.cl[best.b]
		if !a.alive || !b.alive || a.version != best.va || b.version != best.vb {
			continue // stale: one of them has merged since
		}
		lk.merge(best.a, best.b)
	}
	var out []*cluster
	for _, c := range lk.cl {
		if c != nil && c.alive && len(c.members) > 1 {
			out = append(out, c)
		}
	}
	return out, lk.compute, nil
}

// single returns the one-article cluster of position p, making it on
// first use.
func (lk *linker) single(p int32) *cluster {
	if c := lk.cl[p]; c != nil {
		return c
	}
	c := &cluster{
		members: []int32{p},
		links:   map[int32]*link{},
		alive:   true,
	}
	if lk.s.dated[p] {
		c.dated, c.first, c.last = true, lk.s.date[p], lk.s.date[p]
	}
	lk.cl[p] = c
	return c
}

// fits reports whether the dated articles of a and b together lie within
// the window.
func (lk *linker) fits(a, b *cluster) bool {
	if !a.dated || !b.dated {
		return true
	}
	return max(a.last, b.last)-min(a.first, b.first) <= lk.s.window
}

// push queues the merge of clusters a and b when it is allowed.
func (lk *linker) push(a, b int32, l *link) {
	ca, cb := lk.cl[a], lk.cl[b]
	if l.n == 0 || l.average() < lk.t || !lk.fits(ca, cb) {
		return
	}
	heap.Push(&lk.queue, candidate{avg: l.average(), a: a, b: b, va: ca.version, vb: cb.version})
}

// merge moves cluster b into cluster a and recomputes a's links.
func (lk *linker) merge(a, b int32) {
	ca, cb := lk.cl[a], lk.cl[b]
	// The neighbours of the merged cluster, in increasing id for a
	// deterministic order of the sums.
	var nbrs []int32
	for c := range ca.links {
		if c != b {
			nbrs = append(nbrs, c)
		}
	}
	for c := range cb.links {
		if _, ok := ca.links[c]; !ok && c != a {
			nbrs = append(nbrs, c)
		}
	}
	slices.Sort(nbrs)
	// The merged cluster's dates first: a neighbour it no longer fits
	// with in time never will again (dates only spread), so its link is
	// dropped rather than computed.
	if cb.dated {
		if !ca.dated {
			ca.dated, ca.first, ca.last = true, cb.first, cb.last
		} else {
			ca.first, ca.last = min(ca.first, cb.first), max(ca.last, cb.last)
		}
	}
	merged := make(map[int32]*link, len(nbrs))
	for _, c := range nbrs {
		cc := lk.cl[c]
		la, lb := ca.links[c], cb.links[c]
		delete(cc.links, a)
		delete(cc.links, b)
		if !lk.fits(ca, cc) {
			continue
		}
		if la == nil {
			la = lk.between(ca.members, cc)
		}
		if lb == nil {
			lb = lk.between(cb.members, cc)
		}
		l := &link{sum: la.sum + lb.sum, n: la.n + lb.n}
		merged[c] = l
		cc.links[a] = l
	}
	ca.members = mergeSorted(ca.members, cb.members)
	ca.links = merged
	ca.version++
	cb.alive, cb.links, cb.members = false, nil, nil
	for _, c := range nbrs {
		if merged[c] == nil {
			continue
		}
		if c < a {
			lk.push(c, a, merged[c])
		} else {
			lk.push(a, c, merged[c])
		}
	}
}

// between computes the link of the articles xs with cluster y when no edge
// joins them: the sum of dot over their pairs of different outlets.
func (lk *linker) between(xs []int32, y *cluster) *link {
	l := &link{}
	for _, p := range xs {
		for _, q := range y.members {
			if lk.s.outlet[p] == lk.s.outlet[q] {
				continue
			}
			l.sum += dot(lk.s.vecs[p], lk.s.vecs[q])
			l.n++
			lk.compute++
		}
	}
	return l
}

func mergeSorted(a, b []int32) []int32 {
	out := make([]int32, 0, len(a)+len(b))
	out = append(out, a...)
	out = append(out, b...)
	slices.Sort(out)
	return out
}

// candidate is a possible merge of clusters a < b with the versions they
// had when it was queued.
type candidate struct {
	avg    float64
	a, b   int32
	va, vb int
}

// candidates is a max-heap by average, ties by (a, b).
type candidates []candidate

func (h candidates) Len() int { return len(h) }
func (h candidates) Less(i, j int) bool {
	if h[i].avg != h[j].avg {
		return h[i].avg > h[j].avg
	}
	if h[i].a != h[j].a {
		return h[i].a < h[j].a
	}
	return h[i].b < h[j].b
}
func (h candidates) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *candidates) Push(x any)   { *h = append(*h, x.(candidate)) }
func (h *candidates) Pop() any {
	old := *h
	c := old[len(old)-1]
	*h = old[:len(old)-1]
	return c
}
