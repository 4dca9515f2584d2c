package events

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestEvaluationSet measures pairwise precision and recall on the labelled
// evaluation set (see testdata/README.md) with the default options. The
// default threshold was chosen on the constructed articles alone (every
// threshold from 0.16 to 0.24 gives precision and recall 1 there; 0.2 is
// the middle); the sample articles were held back and measured after.
// Measured when the threshold was set, on the first 25 articles of the
// sample:
//
//	constructed (35 articles, 30 same-event pairs): precision 1.000, recall 1.000
//	sample, held back (25 articles, 23 pairs):      precision 1.000, recall 0.957
//	both (60 articles, 53 pairs):                   precision 1.000, recall 0.981
//
// Measured again when the sample grew to 43 articles (four more events,
// each told by four or five of its outlets), with the same threshold:
//
//	sample (43 articles, 55 pairs):                 precision 1.000, recall 0.982
//	both (78 articles, 85 pairs):                   precision 1.000, recall 0.988
//	sample grouped alone (43 articles, 55 pairs):   precision 1.000, recall 0.909
//
// The pair missed in the whole set is the sample's Aleppo truce: the
// Syrian state outlet and the opposition outlet blame each other and
// share little beyond "Aleppo" and "truce" (similarity 0.12). Grouped
// alone, as compare report groups the sample, the sample also loses the
// Syrian state outlet's report of Khan Touman, which names neither the
// Iranians nor their dead: the names it shares with the others ("Khan
// Touman", "Aleppo") are in 5 of 43 articles instead of 5 of 78, so their
// idf, and with it the report's similarity to the others, is lower.
func TestEvaluationSet(t *testing.T) {
	set := loadEval(t)
	g, err := Group(context.Background(), articlesOf(set), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []struct {
		name string
		keep func(labelled) bool
	}{
		{"constructed", constructed},
		{"sample", fromSample},
		{"both", all},
	} {
		t.Run(part.name, func(t *testing.T) {
			s := scoreEval(set, g, part.keep)
			t.Logf("precision %.3f (%d of %d predicted pairs), recall %.3f (%d of %d same-event pairs)",
				s.precision(), s.correct, s.predicted, s.recall(), s.correct, s.truePairs)
			if s.precision() < 0.9 || s.recall() < 0.9 {
				t.Errorf("precision %.3f, recall %.3f: want both ≥ 0.9", s.precision(), s.recall())
			}
		})
	}
	t.Run("sample alone", func(t *testing.T) {
		var sample []labelled
		for _, l := range set {
			if fromSample(l) {
				sample = append(sample, l)
			}
		}
		g, err := Group(context.Background(), articlesOf(sample), Options{})
		if err != nil {
			t.Fatal(err)
		}
		s := scoreEval(sample, g, all)
		t.Logf("precision %.3f (%d of %d predicted pairs), recall %.3f (%d of %d same-event pairs)",
			s.precision(), s.correct, s.predicted, s.recall(), s.correct, s.truePairs)
		if s.precision() < 0.9 || s.recall() < 0.9 {
			t.Errorf("precision %.3f, recall %.3f: want both ≥ 0.9", s.precision(), s.recall())
		}
	})
}

// TestPlantedEventsRecovered checks that every constructed event covered
// by several outlets comes out as one event with exactly its articles.
func TestPlantedEventsRecovered(t *testing.T) {
	set := loadEval(t)
	g, err := Group(context.Background(), articlesOf(set), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{}
	for _, l := range set {
		if constructed(l) {
			want[l.event] = append(want[l.event], l.ID)
		}
	}
	got := map[string][]string{} // event label → ids of the found event holding its first article
	for _, ev := range g.Events {
		var ids []string
		for _, m := range ev.Articles {
			ids = append(ids, m.ID)
		}
		got[set[ev.Articles[0].Index].event] = ids
	}
	for _, label := range slices.Sorted(maps.Keys(want)) {
		ids := want[label]
		t.Run(label, func(t *testing.T) {
			outlets := map[string]bool{}
			for _, l := range set {
				if l.event == label {
					outlets[l.Outlet] = true
				}
			}
			if len(outlets) < 2 {
				for _, ev := range g.Events {
					for _, m := range ev.Articles {
						if set[m.Index].event == label {
							t.Errorf("single-outlet report %s is in event %s", m.ID, ev.ID)
						}
					}
				}
				return
			}
			slices.Sort(ids)
			found := slices.Clone(got[label])
			slices.Sort(found)
			if !slices.Equal(found, ids) {
				t.Errorf("found %v, want %v", found, ids)
			}
		})
	}
}

// TestSameTopicNotMerged names the pairs of different events on one topic
// within the date window of each other, the hard cases of the set, and
// checks that no event holds articles of both.
func TestSameTopicNotMerged(t *testing.T) {
	set := loadEval(t)
	g, err := Group(context.Background(), articlesOf(set), Options{})
	if err != nil {
		t.Fatal(err)
	}
	eventOf := map[string]string{} // label → found event id
	together := map[[2]string]string{}
	for _, ev := range g.Events {
		var labels []string
		for _, m := range ev.Articles {
			labels = append(labels, set[m.Index].event)
			eventOf[set[m.Index].event] = ev.ID
		}
		for _, a := range labels {
			for _, b := range labels {
				together[[2]string{a, b}] = ev.ID
			}
		}
	}
	for _, pair := range [][2]string{
		{"e01-market-strike", "e02-hospital-strike"},      // air strikes a day apart
		{"e01-market-strike", "s01-school-strike"},        // air strikes in Idlib, two days apart
		{"e02-hospital-strike", "s01-school-strike"},      //
		{"e03-general-funeral", "e04-fatemiyoun-funeral"}, // Guards funerals a day apart
		{"e05-envoy-damascus", "e06-deals-tehran"},        // Iran-Syria visits two days apart
		{"e07-tell-mahrous", "e08-tell-al-khadra"},        // battles a day apart; one report mentions the other
		{"e09-airport-strike", "e10-convoy-strike"},       // Israeli strikes two days apart; one mentions the other
		{"aleppo-truce-broken-2016-05-05", "khan-touman-2016-05"},
	} {
		t.Run(pair[0]+"/"+pair[1], func(t *testing.T) {
			if id, ok := together[pair]; ok {
				t.Errorf("event %s merges %s and %s", id, pair[0], pair[1])
			}
			// The hard case must exist: both events found (or single).
			for _, label := range pair {
				if _, ok := eventOf[label]; !ok && !slices.Contains([]string{"s01-school-strike", "aleppo-truce-broken-2016-05-05"}, label) {
					t.Errorf("event %s not found, so the test proves nothing", label)
				}
			}
		})
	}
}

// TestSimilarPairsExact checks the indexed search against every pair
// computed directly, on the evaluation set and on generated news with
// undated articles, over several thresholds and windows.
func TestSimilarPairsExact(t *testing.T) {
	news, _ := newsLike(400, 3)
	for i := range news {
		if i%9 == 0 {
			news[i].Date = time.Time{}
		}
	}
	inputs := map[string][]Article{"evaluation": articlesOf(loadEval(t)), "generated": news}
	for _, name := range []string{"evaluation", "generated"} {
		sorted, _ := sweepOrder(inputs[name])
		vecs, _, err := vectorize(context.Background(), sorted, 2)
		if err != nil {
			t.Fatal(err)
		}
		for _, th := range []float64{0.05, 0.2, 0.35} {
			for _, window := range []time.Duration{DefaultWindow, 30 * 24 * time.Hour} {
				t.Run(fmt.Sprintf("%s/t=%v/window=%v", name, th, window), func(t *testing.T) {
					s := newSweep(sorted, vecs, window)
					got, _, err := similarPairs(context.Background(), s, th, 2)
					if err != nil {
						t.Fatal(err)
					}
					var want []edge
					for q := range sorted {
						for p := 0; p < q; p++ {
							if s.outlet[p] == s.outlet[q] || s.dated[p] && s.dated[q] && s.date[q]-s.date[p] > s.window {
								continue
							}
							if sim := dot(vecs[p], vecs[q]); sim >= th {
								want = append(want, edge{int32(p), int32(q), sim})
							}
						}
					}
					if len(want) == 0 {
						t.Fatal("no pair at this threshold: the case tests nothing")
					}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("search found %d pairs, direct computation %d", len(got), len(want))
					}
				})
			}
		}
	}
}

// TestAverageLinkageExact checks the clustering over the graph against
// average linkage over the full similarity matrix.
func TestAverageLinkageExact(t *testing.T) {
	news, _ := newsLike(350, 5)
	for i := range news {
		if i%15 == 0 {
			news[i].Date = time.Time{}
		}
	}
	for name, arts := range map[string][]Article{"evaluation": articlesOf(loadEval(t)), "generated": news} {
		for _, th := range []float64{0.12, 0.2, 0.3} {
			t.Run(fmt.Sprintf("%s/t=%v", name, th), func(t *testing.T) {
				sorted, _ := sweepOrder(arts)
				vecs, _, err := vectorize(context.Background(), sorted, 2)
				if err != nil {
					t.Fatal(err)
				}
				s := newSweep(sorted, vecs, DefaultWindow)
				edges, _, err := similarPairs(context.Background(), s, th, 2)
				if err != nil {
					t.Fatal(err)
				}
				clusters, _, err := averageLinkage(context.Background(), s, th, edges)
				if err != nil {
					t.Fatal(err)
				}
				var got [][]int32
				for _, c := range clusters {
					got = append(got, c.members)
				}
				want := naiveAverageLinkage(s, th)
				if len(want) == 0 {
					t.Fatal("no cluster: the case tests nothing")
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("got %d clusters %v\nwant %d %v", len(got), got, len(want), want)
				}
			})
		}
	}
}

// naiveAverageLinkage is average linkage over the full matrix: merge the
// two clusters with the highest mean similarity over their pairs of
// different outlets, ties to the lowest first members, while that mean
// is at least t and the dated members stay within the window. It returns
// the clusters of several articles, by first member.
func naiveAverageLinkage(s *sweep, t float64) [][]int32 {
	n := len(s.vecs)
	// sum[i][j] and cnt[i][j]: similarities summed over the pairs of
	// different outlets between clusters i and j, each cluster named by
	// its first member.
	sum := make([][]float64, n)
	cnt := make([][]int, n)
	for i := range n {
		sum[i], cnt[i] = make([]float64, n), make([]int, n)
		for j := range n {
			if s.outlet[i] != s.outlet[j] {
				sum[i][j], cnt[i][j] = dot(s.vecs[i], s.vecs[j]), 1
			}
		}
	}
	members := make([][]int32, n)
	for i := range members {
		members[i] = []int32{int32(i)}
	}
	fits := func(a, b []int32) bool {
		first, last, any := int64(math.MaxInt64), int64(math.MinInt64), false
		for _, p := range append(slices.Clone(a), b...) {
			if s.dated[p] {
				first, last, any = min(first, s.date[p]), max(last, s.date[p]), true
			}
		}
		return !any || last-first <= s.window
	}
	for {
		bi, bj, best := -1, -1, math.Inf(-1)
		for i := range n {
			if members[i] == nil {
				continue
			}
			for j := i + 1; j < n; j++ {
				if members[j] == nil || cnt[i][j] == 0 {
					continue
				}
				if avg := sum[i][j] / float64(cnt[i][j]); avg > best && fits(members[i], members[j]) {
					bi, bj, best = i, j, avg
				}
			}
		}
		if bi < 0 || best < t {
			break
		}
		members[bi] = append(members[bi], members[bj]...)
		slices.Sort(members[bi])
		members[bj] = nil
		for k := range n {
			sum[bi][k] += sum[bj][k]
			cnt[bi][k] += cnt[bj][k]
			sum[k][bi], cnt[k][bi] = sum[bi][k], cnt[bi][k]
		}
	}
	var out [][]int32
	for _, c := range members {
		if len(c) > 1 {
			out = append(out, c)
		}
	}
	return out
}

// TestDeterministic checks that the grouping depends only on the
// articles: not on their order, nor on the number of workers.
func TestDeterministic(t *testing.T) {
	arts := articlesOf(loadEval(t))
	news, _ := newsLike(500, 9)
	for name, in := range map[string][]Article{"evaluation": arts, "generated": news} {
		t.Run(name, func(t *testing.T) {
			base, err := Group(context.Background(), in, Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			if len(base.Events) == 0 {
				t.Fatal("no event: the case tests nothing")
			}
			shuffled := slices.Clone(in)
			rng := rand.New(rand.NewPCG(1, 2))
			rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			for _, workers := range []int{1, 2, 5} {
				got, err := Group(context.Background(), shuffled, Options{Workers: workers})
				if err != nil {
					t.Fatal(err)
				}
				if a, b := withoutIndex(base), withoutIndex(got); !reflect.DeepEqual(a, b) {
					t.Errorf("shuffled, %d workers: the grouping differs", workers)
				}
			}
		})
	}
}

// withoutIndex returns g's events with the members' input positions
// cleared, for comparing groupings of one set in different orders.
func withoutIndex(g *Grouping) []Event {
	out := slices.Clone(g.Events)
	for i := range out {
		out[i].Articles = slices.Clone(out[i].Articles)
		for k := range out[i].Articles {
			out[i].Articles[k].Index = 0
		}
	}
	return out
}

func TestUndatedAndWindow(t *testing.T) {
	set := loadEval(t)
	byID := map[string]int{}
	for i, l := range set {
		byID[l.ID] = i
	}
	// e07: Tell Mahrous, three outlets on 2017-03-21.
	members := []string{"eval-levant-observer-03", "eval-damascus-courier-04", "eval-wire-desk-06"}
	tests := []struct {
		name string
		edit func(arts []Article)
		// want is the members expected in the event of the levant report,
		// undated how many of them lack a date.
		want    []string
		undated int
		opt     Options
	}{
		{
			name: "as dated",
			edit: func([]Article) {},
			want: members,
		},
		{
			name: "undated member joins by text and is flagged",
			edit: func(arts []Article) { arts[byID["eval-wire-desk-06"]].Date = time.Time{} },
			want: members, undated: 1,
		},
		{
			name: "member dated out of the window leaves",
			edit: func(arts []Article) {
				arts[byID["eval-wire-desk-06"]].Date = arts[byID["eval-wire-desk-06"]].Date.AddDate(0, 0, 10)
			},
			want: members[:2],
		},
		{
			name: "a wider window takes it back",
			edit: func(arts []Article) {
				arts[byID["eval-wire-desk-06"]].Date = arts[byID["eval-wire-desk-06"]].Date.AddDate(0, 0, 10)
			},
			want: members, opt: Options{Window: 11 * 24 * time.Hour},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts := articlesOf(set)
			tt.edit(arts)
			g, err := Group(context.Background(), arts, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			var ev *Event
			for i := range g.Events {
				for _, m := range g.Events[i].Articles {
					if m.ID == members[0] {
						ev = &g.Events[i]
					}
				}
			}
			if ev == nil {
				t.Fatalf("no event holds %s", members[0])
			}
			var ids []string
			undated := 0
			for _, m := range ev.Articles {
				ids = append(ids, m.ID)
				if m.Undated() {
					undated++
				}
			}
			if !equalSets(ids, tt.want) {
				t.Errorf("members %v, want %v", ids, tt.want)
			}
			if ev.Undated != tt.undated || undated != tt.undated {
				t.Errorf("Undated = %d (%d members flagged), want %d", ev.Undated, undated, tt.undated)
			}
			if want := time.Date(2017, 3, 21, 0, 0, 0, 0, time.UTC); !ev.First.Equal(want) {
				t.Errorf("First = %v, want %v", ev.First, want)
			}
		})
	}
}

func equalSets(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestOneOutletIsNoEvent(t *testing.T) {
	text := "Thirteen members of the Revolutionary Guards were killed near Khan Touman south of Aleppo on Friday, Guard officials in Mazandaran said."
	day := time.Date(2016, 5, 7, 0, 0, 0, 0, time.UTC)
	arts := []Article{
		{ID: "a", Outlet: "wire", Date: day, Text: text},
		{ID: "b", Outlet: "wire", Date: day, Text: text},
		{ID: "c", Outlet: "wire", Date: day.AddDate(0, 0, 1), Text: text + " More follows."},
	}
	g, err := Group(context.Background(), arts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Events) != 0 {
		t.Errorf("one outlet's copies make %d events, want none", len(g.Events))
	}
	// The same copies from two outlets are one event; the identical pair
	// has similarity 1.
	arts[1].Outlet = "herald"
	if g, err = Group(context.Background(), arts, Options{}); err != nil {
		t.Fatal(err)
	}
	if len(g.Events) != 1 || len(g.Events[0].Articles) != 3 || g.Events[0].Pairs != 2 {
		t.Fatalf("got %+v, want one event of 3 articles and 2 pairs of different outlets", g.Events)
	}
	ev := g.Events[0]
	if !slices.Equal(ev.Outlets, []string{"herald", "wire"}) {
		t.Errorf("outlets %v, want herald, wire", ev.Outlets)
	}
	for _, m := range ev.Articles {
		// a's only member of another outlet is its copy b.
		if m.ID == "a" && math.Abs(m.Similarity-1) > 1e-6 {
			t.Errorf("a's similarity to its copy is %v, want 1", m.Similarity)
		}
	}
}

func TestKeyTerms(t *testing.T) {
	set := loadEval(t)
	g, err := Group(context.Background(), articlesOf(set), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var kt *Event
	for i, ev := range g.Events {
		if set[ev.Articles[0].Index].event == "khan-touman-2016-05" {
			kt = &g.Events[i]
		}
	}
	if kt == nil {
		t.Fatal("Khan Touman event not found")
	}
	var texts []string
	for i, term := range kt.Terms {
		texts = append(texts, term.Text)
		if term.Share <= 0 || term.Share > 1 || term.Outlets < 2 || term.Articles < term.Outlets {
			t.Errorf("term %+v: want a share in (0, 1] and at least two outlets", term)
		}
		if i > 0 && term.Share > kt.Terms[i-1].Share {
			t.Errorf("terms not by share: %v", kt.Terms)
		}
	}
	if len(texts) != DefaultKeyTerms {
		t.Errorf("%d terms, want %d", len(texts), DefaultKeyTerms)
	}
	// The place as written, not its folded form or one of its words alone;
	// the casualty count from "Thirteen" and "13".
	for _, want := range []string{"Khan Touman", "Thirteen"} {
		if !slices.Contains(texts, want) {
			t.Errorf("terms %q lack %q", texts, want)
		}
	}
	for _, word := range []string{"Touman", "khan touman"} {
		if slices.Contains(texts, word) {
			t.Errorf("terms %q list %q", texts, word)
		}
	}
}

func TestGroupErrors(t *testing.T) {
	ok := Article{ID: "a", Outlet: "wire", Text: "x"}
	tests := []struct {
		name  string
		arts  []Article
		opt   Options
		want  string
		index int // for an *ArticleError, else -1
	}{
		{name: "empty id", arts: []Article{ok, {Outlet: "wire"}}, want: `events: article 1 (id ""): id: empty`, index: 1},
		{name: "empty outlet", arts: []Article{{ID: "b"}}, want: `article 0 (id "b"): outlet: empty`, index: 0},
		{name: "duplicate id", arts: []Article{ok, {ID: "c", Outlet: "x"}, ok}, want: `article 2 (id "a"): id: also the id of article 0`, index: 2},
		{name: "negative window", arts: []Article{ok}, opt: Options{Window: -time.Hour}, want: "events: window -1h0m0s is negative", index: -1},
		{name: "threshold above 1", arts: []Article{ok}, opt: Options{Threshold: 1.5}, want: "events: threshold 1.5 is not between 0 and 1", index: -1},
		{name: "threshold NaN", arts: []Article{ok}, opt: Options{Threshold: math.NaN()}, want: "is not between 0 and 1", index: -1},
		{name: "negative key terms", arts: []Article{ok}, opt: Options{KeyTerms: -1}, want: "events: key terms -1 is negative", index: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Group(context.Background(), tt.arts, tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			var ae *ArticleError
			if errors.As(err, &ae) != (tt.index >= 0) || ae != nil && ae.Index != tt.index {
				t.Errorf("error %#v: want an *ArticleError at %d: %v", err, tt.index, errors.As(err, &ae))
			}
		})
	}
}

func TestGroupEmptyAndCancelled(t *testing.T) {
	g, err := Group(context.Background(), nil, Options{})
	if err != nil || len(g.Events) != 0 || g.Articles != 0 {
		t.Errorf("no articles: %+v, %v; want an empty grouping", g, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Group(ctx, articlesOf(loadEval(t)), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error %v, want context.Canceled", err)
	}
}
