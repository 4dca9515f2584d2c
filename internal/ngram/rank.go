package ngram

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/compare-tool/compare/internal/stats"
)

// MinZ is the smallest z-score a ranked phrase needs: about the 2.5% upper
// tail of the normal distribution, for one phrase taken alone.
const MinZ = 1.96

// Counts are the counts of one or more tables, ready to rank: for each
// phrase length the phrases in sorted order with their counts per unit,
// and each unit's exact totals. They are read-only: Rank and Uses may be
// called from several goroutines at once.
type Counts struct {
	orders [MaxOrder]orderCounts
	totals map[int]*[MaxOrder]int64
	grand  [MaxOrder]int64
	// Prunes is how many times the tables were pruned, Floor the highest
	// count pruned.
	Prunes int
	Floor  int64
}

// orderCounts are the phrases of one length.
type orderCounts struct {
	phrases []string // sorted
	total   []int64  // per phrase, over all units
	prior   []float64
	// byUnit lists each unit's (phrase, count) pairs, by phrase.
	byUnit map[int][]cell
	// rest is the count of the phrases pruned from the tables: the last
	// slot of the vectors ranked, so that the totals and α₀ stay exact.
	rest int64
}

type cell struct {
	phrase int
	count  int64
}

// Merge gathers tables that count different units into Counts. The units
// are those the tables counted a text of; the prior of ranking divides by
// their number.
func Merge(tables ...*Table) *Counts {
	type entry struct {
		order, unit int
		phrase      string
		count       int64
	}
	c := &Counts{totals: map[int]*[MaxOrder]int64{}}
	var entries []entry
	for _, t := range tables {
		t.each(func(order, unit int, phrase string, count int64) {
			entries = append(entries, entry{order, unit, phrase, count})
		})
		for u, tot := range t.totals {
			c.totals[u] = tot
		}
		c.Prunes += t.prunes
		c.Floor = max(c.Floor, t.floor)
	}
	slices.SortFunc(entries, func(x, y entry) int {
		return cmp.Or(cmp.Compare(x.order, y.order), cmp.Compare(x.phrase, y.phrase), cmp.Compare(x.unit, y.unit))
	})
	for i := range c.orders {
		c.orders[i].byUnit = map[int][]cell{}
	}
	for i := 0; i < len(entries); {
		e := entries[i]
		oc := &c.orders[e.order-1]
		w := len(oc.phrases)
		oc.phrases = append(oc.phrases, e.phrase)
		var total int64
		for ; i < len(entries) && entries[i].order == e.order && entries[i].phrase == e.phrase; i++ {
			oc.byUnit[entries[i].unit] = append(oc.byUnit[entries[i].unit], cell{w, entries[i].count})
			total += entries[i].count
		}
		oc.total = append(oc.total, total)
	}
	for _, tot := range c.totals {
		for k := range c.grand {
			c.grand[k] += tot[k]
		}
	}
	k := float64(len(c.totals))
	for i := range c.orders {
		oc := &c.orders[i]
		var kept int64
		oc.prior = make([]float64, len(oc.phrases), len(oc.phrases)+1)
		for w, n := range oc.total {
			oc.prior[w] = float64(n) / k
			kept += n
		}
		if oc.rest = c.grand[i] - kept; oc.rest > 0 {
			oc.prior = append(oc.prior, float64(oc.rest)/k)
		}
	}
	return c
}

// Ranked is a word or phrase ranked for one unit.
type Ranked struct {
	// Phrase is the folded words joined by spaces; Order their number.
	Phrase string
	Order  int
	// Z is the log-odds z-score against all other units, Delta the
	// log-odds ratio.
	Z, Delta float64
	// Count is the uses in the unit, Others in all other units.
	Count, Others int
	index         int // in the phrases of its order
}

// RankOptions configure Rank.
type RankOptions struct {
	// Top is how many phrases to return.
	Top int
	// MinCount is the fewest uses a phrase needs in the unit; less than 1
	// means 1.
	MinCount int
}

// Rank ranks the words and phrases of unit against all other units by the
// log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and
// Quinn 2008), each phrase length on its own, with the prior α_w equal to
// the phrase's count over all units divided by the number of units
// (centred on the corpus rates, as strong as one average unit). It returns
// the Top phrases of highest z, with z ≥ MinZ and at least MinCount uses,
// after leaving out a phrase that only occurs inside a longer returned one:
// "order" and "in order" beside "in order to". Ties in z go by phrase.
func (c *Counts) Rank(unit int, opt RankOptions) []Ranked {
	minCount := float64(max(opt.MinCount, 1))
	var cands []Ranked
	for i := range c.orders {
		oc := &c.orders[i]
		v := len(oc.phrases)
		if v == 0 {
			continue
		}
		n := len(oc.prior)
		ca := make([]float64, n)
		cb := make([]float64, n)
		var keptA int64
		for _, x := range oc.byUnit[unit] {
			ca[x.phrase] = float64(x.count)
			keptA += x.count
		}
		for w := range v {
			cb[w] = float64(oc.total[w]) - ca[w]
		}
		if n > v {
			otherA := c.totals[unit][i] - keptA
			ca[v] = float64(otherA)
			cb[v] = float64(oc.rest - otherA)
		}
		delta, z := stats.LogOddsDirichlet(ca, cb, oc.prior)
		for _, x := range oc.byUnit[unit] {
			w := x.phrase
			if z[w] >= MinZ && ca[w] >= minCount && !math.IsNaN(z[w]) {
				cands = append(cands, Ranked{Phrase: oc.phrases[w], Order: i + 1, Z: z[w], Delta: delta[w],
					Count: int(ca[w]), Others: int(cb[w]), index: w})
			}
		}
	}
	slices.SortFunc(cands, func(x, y Ranked) int {
		return cmp.Or(cmp.Compare(y.Z, x.Z), cmp.Compare(x.Phrase, y.Phrase))
	})
	return dropNested(cands, opt.Top)
}

// dropNested returns the first Top candidates after leaving out every word
// or phrase that only occurs inside a longer candidate: one with the same
// count in the unit and in all others. (A phrase occurs at least as often
// as any phrase holding it, in every unit; so equal sums mean equal counts
// in every unit, unless pruning made some counts lower bounds.) It looks
// at the best 5·Top candidates, sorted by z.
func dropNested(cands []Ranked, top int) []Ranked {
	pool := cands[:min(len(cands), 5*top)]
	out := make([]Ranked, 0, top)
	for _, x := range pool {
		nested := false
		for _, d := range pool {
			if d.Order > x.Order && d.Count == x.Count && d.Others == x.Others &&
				strings.Contains(" "+d.Phrase+" ", " "+x.Phrase+" ") {
				nested = true
				break
			}
		}
		if !nested {
			out = append(out, x)
		}
		if len(out) == top {
			break
		}
	}
	return out
}

// count returns r's uses in unit u.
func (c *Counts) count(u int, r Ranked) int64 {
	cells := c.orders[r.Order-1].byUnit[u]
	i := sort.Search(len(cells), func(i int) bool { return cells[i].phrase >= r.index })
	if i < len(cells) && cells[i].phrase == r.index {
		return cells[i].count
	}
	return 0
}

// Uses returns r's uses in every unit counted, indexed by unit: the slice
// has one more element than the highest unit.
func (c *Counts) Uses(r Ranked) []int {
	top := -1
	for u := range c.totals {
		top = max(top, u)
	}
	uses := make([]int, top+1)
	for u := range c.totals {
		uses[u] = int(c.count(u, r))
	}
	return uses
}

// Lookup returns the uses of a phrase (folded words joined by single
// spaces, as Ranked.Phrase) in every unit counted, indexed by unit as
// Uses, or nil when no unit used it (or its counts were pruned). It lets
// counts of one grouping of the texts (outlets) explain a phrase ranked
// in another (labels).
func (c *Counts) Lookup(phrase string) []int {
	order := strings.Count(phrase, " ") + 1
	if order > MaxOrder {
		return nil
	}
	oc := &c.orders[order-1]
	i, ok := slices.BinarySearch(oc.phrases, phrase)
	if !ok {
		return nil
	}
	return c.Uses(Ranked{Phrase: phrase, Order: order, index: i})
}
