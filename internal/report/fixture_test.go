package report

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/dates"
	"github.com/compare-tool/compare/internal/golden"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/sameevent"
	"github.com/compare-tool/compare/internal/stance"
)

func tinyLexicon(t testing.TB) *lexicon.Lexicon {
	t.Helper()
	lex, err := lexicon.Parse("tiny.yaml", golden.ReadFile(t, "../lexicon/testdata/tiny.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return lex
}

// scoreArticles scores articles with lex, in order.
func scoreArticles(t testing.TB, lex *lexicon.Lexicon, arts []corpus.Article) []*record.Record {
	t.Helper()
	sc := stance.NewScorer(lexicon.Compile(lex))
	recs := make([]*record.Record, len(arts))
	for i := range arts {
		// The date as corpus.Read would have read it.
		if d, err := dates.Parse(arts[i].Date); err == nil {
			arts[i].Published = d
		}
		recs[i] = sc.Score(&arts[i])
	}
	return recs
}

func f(x float64) *float64 { return &x }

// sum is a hand-made Summary with an interval.
func sum(n int, mean, lo, hi float64) aggregate.Summary {
	return aggregate.Summary{N: n, Mean: f(mean), SD: f(0.3), Median: f(mean), Q1: f(mean - 0.1), Q3: f(mean + 0.1),
		IQR: f(0.2), CILow: f(lo), CIHigh: f(hi), CIMethod: "percentile bootstrap"}
}

// tinyInput is a two-outlet comparison with hand-made numbers and real
// scored records. With hostile set, every string that comes from input
// carries markup and script that must stay inert.
func tinyInput(t testing.TB, hostile bool) Input {
	t.Helper()
	return tinyInputNamed(t, hostile, "Daily Example", "The Other Times")
}

// tinyInputNamed is tinyInput with the outlets named a and b.
func tinyInputNamed(t testing.TB, hostile bool, a, b string) Input {
	t.Helper()
	lex := tinyLexicon(t)
	title := "Regime forces clash with terrorists"
	text := "The regime said “the terrorists attacked first at dawn today”.\nShare\nThe so-called freedom fighters disagree; the government did not comment."
	url := "https://example.org/a?x=1&y=2"
	if hostile {
		a = `</script><img src=x onerror="window.__pwned=1">`
		b = `<script>window.__pwned=1</script>{a|b}`
		title = `<script>window.__pwned=1</script> regime "quoted" 'single' & amp`
		text = "<a href=\"javascript:window.__pwned=1\">click</a> the regime <script>window.__pwned=1</script>" +
			" said “</script><img src=x onerror=\"window.__pwned=1\"> terrorists”.\nShare\n" +
			"<svg onload=\"window.__pwned=1\"></svg> freedom fighters {{.}} ${window.__pwned=1} \u2028 javascript:window.__pwned=1"
		url = "javascript:window.__pwned=1"
	}
	share := strings.Index(text, "Share")
	arts := []corpus.Article{
		{ID: "a1", Outlet: a, Title: title, Date: "2024-01-02", URL: url, Text: text,
			Dropped: []corpus.Span{{Start: share, End: share + len("Share"), Reason: "share button"}}},
		{ID: "a2", Outlet: a, Title: "Government meets envoy", Date: "2024-01-03", Text: "The government met the envoy. The regime denied it."},
		{ID: "b1", Outlet: b, Title: "Freedom fighters advance", Date: "2024-02-01", Text: "Freedom fighters took the town; the government fled."},
		{ID: "b2", Outlet: b, Title: "Talks", Date: "2024-02-03", Text: "The freedom fighters and the government talked."},
	}
	recs := scoreArticles(t, lex, arts)
	ref := recs[0].Lexicon
	axes := []aggregate.Label{{ID: "pro-gov", Label: "Pro-government vocabulary"}}
	targets := []aggregate.Label{{ID: "gov", Label: "The government"}, {ID: "rebels", Label: "The armed opposition"}}
	note := "Intervals from fewer than 10 articles are too narrow."
	form := "regime"
	if hostile {
		form = `<img src=x onerror="window.__pwned=1">regime`
		axes[0].Label = `<img src=x onerror="window.__pwned=1">axis`
		targets[1].Label = `</script><script>window.__pwned=1</script>`
		note = `<img src=x onerror="window.__pwned=1"> note`
		ref.Name = `<b>tiny</b>`
	}
	cmp := &aggregate.Comparison{
		Schema: aggregate.StatsSchema, Lexicon: ref, By: "outlet", Articles: 4, Bootstrap: 2000, Seed: 1,
		MinArticles: 2, Quantiles: "R type 7", DateRange: [2]string{"2024-01-02", "2024-02-03"},
		Axes: axes, Targets: targets,
		Units: []aggregate.Unit{
			{Name: a, Articles: 2, Tokens: 30, LoadedPer1k: sum(2, 60, 40, 80),
				VoiceShare: map[record.Voice]float64{record.Author: 0.5, record.Quote: 0.25, record.Distanced: 0.25},
				Axes:       aggregate.NewSummaries(map[string]aggregate.Summary{"pro-gov": sum(2, -0.75, -1, -0.5)}),
				Targets:    aggregate.NewSummaries(map[string]aggregate.Summary{"gov": sum(2, -0.5, -1, 0), "rebels": {N: 0}}),
				Tested:     true},
			{Name: b, Articles: 2, Tokens: 20, LoadedPer1k: sum(2, 50, 40, 60),
				VoiceShare: map[record.Voice]float64{record.Author: 1},
				Axes:       aggregate.NewSummaries(map[string]aggregate.Summary{"pro-gov": sum(2, -0.5, -0.75, -0.25)}),
				Targets:    aggregate.NewSummaries(map[string]aggregate.Summary{"gov": sum(2, 0, 0, 0), "rebels": sum(2, 1, 1, 1)}),
				Tested:     true},
		},
		Tests: []aggregate.AxisTests{{Axis: "pro-gov", Units: []string{a, b},
			KruskalWallis: &aggregate.Kruskal{H: 4.5, DF: 1, P: 0.034},
			Pairs: []aggregate.Pair{{A: a, B: b, NA: 2, NB: 2, U: 0, P: 0.03, PHolm: 0.03, CliffsDelta: -1,
				Sentence: b + "'s articles score higher on the axis than " + a + "'s (Cliff's δ = 1.00, large; Holm p = 0.03)."}}}},
		Naming: []aggregate.Naming{
			{Target: "gov", Labels: []aggregate.NamingLabel{
				{Entry: "regime", Label: "regime", Valence: -1, Category: "pejorative", Loaded: true,
					Counts: map[string]int{a: 2},
					Forms:  map[string][]aggregate.FormCount{a: {{Form: form, Count: 2}}}},
				{Entry: "government", Label: "government", Valence: 0, Category: "neutral",
					Counts: map[string]int{a: 2, b: 2},
					Forms:  map[string][]aggregate.FormCount{a: {{Form: "government", Count: 2}}, b: {{Form: "government", Count: 2}}}}},
				References: map[string]int{a: 4, b: 2}, Users: 2},
			{Target: "rebels", Labels: []aggregate.NamingLabel{
				{Entry: "freedom-fighters", Label: "freedom fighters", Valence: 1, Category: "honorific", Loaded: true,
					Counts:    map[string]int{b: 2},
					Forms:     map[string][]aggregate.FormCount{b: {{Form: "Freedom fighters", Count: 2}}},
					Distanced: map[string][]aggregate.FormCount{a: {{Form: "freedom fighters", Count: 1}}}},
				{Entry: "terrorists", Label: "terrorists", Valence: -1, Category: "pejorative", Loaded: true,
					Counts: map[string]int{},
					Forms:  map[string][]aggregate.FormCount{},
					Quoted: map[string][]aggregate.FormCount{a: {{Form: "terrorists", Count: 1}}}}},
				References: map[string]int{b: 2}, Users: 2},
		},
		Distinctive: []aggregate.Distinctive{
			{Unit: a, Terms: []aggregate.DistinctiveTerm{{Term: "regime", Z: 2.5, Delta: 1.2, Count: 2, Others: 0, Lexicon: true},
				{Term: title, Z: 1.5, Delta: 0.8, Count: 1, Others: 0}}},
			{Unit: b, Terms: []aggregate.DistinctiveTerm{{Term: "freedom fighters", Z: 2.1, Delta: 1.1, Count: 2, Others: 1, Lexicon: true}}},
		},
		Map: &aggregate.OutletMap{
			Units:   []aggregate.MapPoint{{Name: a, X: -0.5, Y: 0.1, Mass: 0.6}, {Name: b, X: 0.7, Y: -0.1, Mass: 0.4}},
			Entries: []aggregate.MapPoint{{Name: "regime", X: -0.8, Y: 0.2, Mass: 0.3}, {Name: "freedom-fighters", X: 0.9, Y: 0, Mass: 0.3}},
			Inertia: [2]float64{0.9, 0.1},
		},
		Notes: []string{note},
	}
	signal := "named sources"
	if hostile {
		signal = `<img src=x onerror="window.__pwned=1">`
	}
	cred := []CredibilityProfile{
		{Unit: a, Signals: []CredibilitySignal{{Name: signal, Value: "40%", Note: "Share of claims attributed to a named person or body."},
			{Name: "anonymous sources", Value: "3"}}},
		{Unit: b, Signals: []CredibilitySignal{{Name: signal, Value: "75%"}}},
	}
	// The four articles as one event: a window of 40 days and a low
	// threshold join what the defaults would keep apart, so that the
	// "Same event" section has an event to lay out.
	same := make([]sameevent.Article, len(recs))
	for i, r := range recs {
		same[i] = sameevent.FromRecord(r, "outlet")
	}
	events, err := sameevent.Group(context.Background(), same, sameevent.Options{Window: 40 * 24 * time.Hour, Threshold: 0.01, Lexicon: lex})
	if err != nil || len(events.Events) != 1 {
		t.Fatalf("grouping the tiny articles: %v, %+v", err, events)
	}
	cmp.CompareWithinEvents(events.Scores(), "40d", 0.01)
	return Input{Comparison: cmp, Records: recs, Lexicon: lex, Credibility: cred, SameEvent: events}
}

// options returns DefaultOptions changed by set.
func options(set func(o *Options)) Options {
	o := DefaultOptions()
	set(&o)
	return o
}

// scoring scores articles with the built-in lexicon and compares them,
// for tests on real scoring output.
type scoring struct {
	lex  *lexicon.Lexicon
	sc   *stance.Scorer
	agg  *aggregate.Aggregator
	recs []*record.Record
}

// newScoring returns an empty scoring with bootstrap resamples.
func newScoring(t testing.TB, bootstrap int) *scoring {
	t.Helper()
	lex, err := lexicon.Load(lexicon.Default)
	if err != nil {
		t.Fatal(err)
	}
	opt := aggregate.DefaultOptions()
	opt.Lexicon = lex
	opt.Bootstrap = bootstrap
	return &scoring{lex: lex, sc: stance.NewScorer(lexicon.Compile(lex)), agg: aggregate.New(opt)}
}

// add scores a and adds its record.
func (s *scoring) add(a *corpus.Article) error {
	r := s.sc.Score(a)
	s.recs = append(s.recs, r)
	return s.agg.Add(r)
}

// input is the report input of the articles added.
func (s *scoring) input() Input {
	return Input{Comparison: s.agg.Result(), Records: s.recs, Lexicon: s.lex}
}
