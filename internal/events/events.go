package events

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"strings"
	"time"
)

// Article is one article to group.
type Article struct {
	// ID identifies the article; it must be non-empty and unique.
	ID string
	// Outlet names the outlet that published it; it must be non-empty.
	// Articles of one outlet are never compared with each other.
	Outlet string
	// Date is when it was published; the zero Time means unknown, and the
	// article is then compared with every other by text alone.
	Date  time.Time
	Title string
	Text  string
}

// Defaults for Options.
const (
	// DefaultWindow is the largest difference between the dates of two
	// articles of one event.
	DefaultWindow = 3 * 24 * time.Hour
	// DefaultThreshold is the average similarity at which two groups of
	// articles are joined: measured on the labelled evaluation set in
	// testdata (see the package documentation).
	DefaultThreshold = 0.2
	// DefaultKeyTerms is how many shared key terms an event lists.
	DefaultKeyTerms = 8
)

// Options configure Group. The zero value means the defaults.
type Options struct {
	// Window is the largest difference between the dates of two articles
	// of one event; 0 means DefaultWindow. Date-only dates are midnight,
	// so a 3-day window takes articles up to three calendar days apart.
	Window time.Duration
	// Threshold is the similarity (cosine, 0 to 1) that two articles, and
	// on average two groups of articles, must reach to be joined; 0 means
	// DefaultThreshold.
	Threshold float64
	// KeyTerms is how many shared terms each event lists; 0 means
	// DefaultKeyTerms.
	KeyTerms int
	// Workers is the number of goroutines; 0 means GOMAXPROCS. The result
	// does not depend on it.
	Workers int
}

func (o Options) withDefaults() (Options, error) {
	switch {
	case o.Window < 0:
		return o, fmt.Errorf("events: window %v is negative", o.Window)
	case o.Window == 0:
		o.Window = DefaultWindow
	}
	switch {
	case math.IsNaN(o.Threshold) || o.Threshold < 0 || o.Threshold > 1:
		return o, fmt.Errorf("events: threshold %v is not between 0 and 1", o.Threshold)
	case o.Threshold == 0:
		o.Threshold = DefaultThreshold
	}
	switch {
	case o.KeyTerms < 0:
		return o, fmt.Errorf("events: key terms %d is negative", o.KeyTerms)
	case o.KeyTerms == 0:
		o.KeyTerms = DefaultKeyTerms
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o, nil
}

// Grouping is the result of Group.
type Grouping struct {
	// Events are the groups of articles from at least two outlets, in
	// order of their first date (events without any dated article last),
	// then of ID.
	Events []Event
	// Articles is the number of articles grouped; Undated of them had no
	// date and were compared by text alone.
	Articles, Undated int
	// Compared is the number of pairs whose similarity the search and the
	// clustering computed in full (pairs the index ruled out are not
	// counted); Linked is the number of pairs of different outlets within
	// the window whose similarity reached the threshold.
	Compared int64
	Linked   int
	// Window and Threshold are the values used.
	Window    time.Duration
	Threshold float64
}

// Event is a group of articles from at least two outlets that report the
// same event.
type Event struct {
	// ID is derived from the members: the first date (YYYY-MM-DD, or
	// "undated") and a hash of the member ids, so that the same articles
	// always make the same ID, whatever else the input holds.
	ID string
	// Articles are the members in order of date (undated last), outlet
	// and id.
	Articles []Member
	// Outlets are the distinct outlets of the members, sorted.
	Outlets []string
	// First and Last are the earliest and latest dates of the dated
	// members; both zero when none is dated.
	First, Last time.Time
	// Undated is the number of members without a date: they joined by
	// their text alone, and the event's dates do not include them.
	Undated int
	// MinSimilarity and MeanSimilarity are the least and the mean
	// similarity over the pairs of members from different outlets; Pairs
	// is the number of such pairs.
	MinSimilarity, MeanSimilarity float64
	Pairs                         int
	// Terms are the terms that made the members similar, the largest
	// share first.
	Terms []Term
}

// Member is one article of an event.
type Member struct {
	// Index is the article's position in the slice given to Group.
	Index  int
	ID     string
	Outlet string
	Date   time.Time // zero when undated
	// Similarity is the article's mean similarity to the members from
	// other outlets.
	Similarity float64
}

// Undated reports whether the member has no date and joined by text alone.
func (m Member) Undated() bool { return m.Date.IsZero() }

// Term is a term shared by articles of an event from different outlets.
type Term struct {
	// Text is the term as the members wrote it (its most frequent written
	// form, ties to the first in byte order): a word, a number or a name
	// of several words.
	Text string
	// Articles and Outlets are the numbers of members and of outlets that
	// use it.
	Articles, Outlets int
	// Share is the part of the event's summed similarity (over its pairs
	// of different outlets) that this term's weights account for, from 0
	// to 1. A name and its words are separate terms, so shares can overlap.
	Share float64
}

// ArticleError reports an article that cannot be grouped.
type ArticleError struct {
	// Index is the article's position in the slice given to Group.
	Index int
	// ID is the article's id, Field the field at fault ("id" or
	// "outlet").
	ID, Field, Message string
}

func (e *ArticleError) Error() string {
	return fmt.Sprintf("events: article %d (id %q): %s: %s", e.Index, e.ID, e.Field, e.Message)
}

// Group finds the events that several outlets report among articles. See
// the package documentation for the method. The result depends only on the
// articles and the options, not on the order of the articles or the number
// of workers. It returns an *ArticleError for an article without an id or
// an outlet, or with the id of an earlier one, and ctx's error when ctx is
// done first.
func Group(ctx context.Context, articles []Article, opt Options) (*Grouping, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	seen := make(map[string]int, len(articles))
	for i, a := range articles {
		switch {
		case a.ID == "":
			return nil, &ArticleError{Index: i, Field: "id", Message: "empty"}
		case a.Outlet == "":
			return nil, &ArticleError{Index: i, ID: a.ID, Field: "outlet", Message: "empty; events need outlets to tell reports by different outlets from one outlet's duplicates"}
		}
		if j, dup := seen[a.ID]; dup {
			return nil, &ArticleError{Index: i, ID: a.ID, Field: "id", Message: fmt.Sprintf("also the id of article %d", j)}
		}
		seen[a.ID] = i
	}

	sorted, order := sweepOrder(articles)
	vecs, voc, err := vectorize(ctx, sorted, opt.Workers)
	if err != nil {
		return nil, err
	}
	s := newSweep(sorted, vecs, opt.Window)
	g := &Grouping{Articles: len(articles), Window: opt.Window, Threshold: opt.Threshold}
	for _, d := range s.dated {
		if !d {
			g.Undated++
		}
	}
	edges, compared, err := similarPairs(ctx, s, opt.Threshold, opt.Workers)
	if err != nil {
		return nil, err
	}
	clusters, merging, err := averageLinkage(ctx, s, opt.Threshold, edges)
	if err != nil {
		return nil, err
	}
	g.Compared, g.Linked = compared+merging, len(edges)
	g.Events = make([]Event, len(clusters))
	err = parallel(ctx, len(clusters), opt.Workers, func() func(int) {
		var sc termScratch
		return func(i int) { g.Events[i] = describe(clusters[i], sorted, order, s, voc, opt.KeyTerms, &sc) }
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(g.Events, func(a, b Event) int {
		return cmp.Or(compareDates(a.First, b.First), cmp.Compare(a.ID, b.ID))
	})
	return g, nil
}

// compareDates orders dates with the zero Time (unknown) last.
func compareDates(a, b time.Time) int {
	if az, bz := a.IsZero(), b.IsZero(); az != bz {
		if az {
			return 1
		}
		return -1
	}
	return a.Compare(b)
}

// sweepOrder returns the articles in the order the search visits them,
// and for each position the article's index in the input: dated
// articles by date, outlet and id, then the undated ones by outlet and
// id. Ids are unique, so the order does not depend on the input's.
func sweepOrder(articles []Article) (sorted []Article, order []int) {
	order = make([]int, len(articles))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := &articles[i], &articles[j]
		return cmp.Or(compareDates(a.Date, b.Date), cmp.Compare(a.Outlet, b.Outlet), cmp.Compare(a.ID, b.ID))
	})
	sorted = make([]Article, len(articles))
	for p, i := range order {
		sorted[p] = articles[i]
	}
	return sorted, order
}

// newSweep numbers the outlets of the sorted articles and finds the start
// of each dated article's window.
func newSweep(sorted []Article, vecs []vector, window time.Duration) *sweep {
	n := len(sorted)
	s := &sweep{
		vecs: vecs, outlet: make([]int32, n), from: make([]int32, n),
		date: make([]int64, n), dated: make([]bool, n), window: int64(window / time.Second),
	}
	outletNo := map[string]int32{}
	lo := 0
	for p, a := range sorted {
		o, ok := outletNo[a.Outlet]
		if !ok {
			o = int32(len(outletNo))
			outletNo[a.Outlet] = o
		}
		s.outlet[p] = o
		if a.Date.IsZero() {
			continue // from[p] = 0: compared with every earlier article
		}
		s.dated[p], s.date[p] = true, a.Date.Unix()
		for s.date[lo] < s.date[p]-s.window {
			lo++
		}
		s.from[p] = int32(lo)
	}
	return s
}

// describe makes the Event of a cluster.
func describe(c *cluster, sorted []Article, order []int, s *sweep, voc *vocabulary, keyTerms int, sc *termScratch) Event {
	ev := Event{MinSimilarity: math.Inf(1)}
	// Similarities over the pairs of different outlets, in member order.
	memberSum := make([]float64, len(c.members))
	memberN := make([]int, len(c.members))
	var sum float64
	for i, p := range c.members {
		for j := i + 1; j < len(c.members); j++ {
			q := c.members[j]
			if s.outlet[p] == s.outlet[q] {
				continue
			}
			sim := dot(s.vecs[p], s.vecs[q])
			sum += sim
			ev.Pairs++
			ev.MinSimilarity = min(ev.MinSimilarity, sim)
			memberSum[i] += sim
			memberSum[j] += sim
			memberN[i]++
			memberN[j]++
		}
	}
	ev.MeanSimilarity = sum / float64(ev.Pairs)
	outlets := map[string]bool{}
	ids := make([]string, 0, len(c.members))
	for i, p := range c.members {
		a := sorted[p]
		ev.Articles = append(ev.Articles, Member{
			Index: order[p], ID: a.ID, Outlet: a.Outlet, Date: a.Date,
			Similarity: memberSum[i] / float64(memberN[i]),
		})
		ids = append(ids, a.ID)
		outlets[a.Outlet] = true
		switch {
		case a.Date.IsZero():
			ev.Undated++
		case ev.First.IsZero():
			ev.First, ev.Last = a.Date, a.Date // the earliest: members are by date
		default:
			ev.Last = a.Date
		}
	}
	ev.Outlets = slices.Sorted(maps.Keys(outlets))
	// Members come in sweep order: by date (undated last), outlet, id.
	slices.Sort(ids)
	h := sha256.Sum256([]byte(strings.Join(ids, "\n")))
	day := "undated"
	if !ev.First.IsZero() {
		day = ev.First.Format("2006-01-02")
	}
	ev.ID = day + "-" + hex.EncodeToString(h[:4])
	ev.Terms = keyTermsOf(c, sorted, s, voc, sum, keyTerms, sc)
	return ev
}
