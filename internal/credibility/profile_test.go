package credibility

import (
	"math"
	"reflect"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
)

// TestProfile pools two hand-checked articles.
func TestProfile(t *testing.T) {
	an := defaultAnalyzer(t)
	sc := an.NewScanner()
	// Article 1: 2 attributions (Reuters: identified; officials: unnamed,
	// loaded), 1 vague phrase, 1 hedge, 1 intensifier, 1 debris line.
	text1 := "Share\nReuters said the town fell. Officials claimed it was a massacre. It may be over, reportedly."
	a1 := &corpus.Article{Text: text1, Dropped: []corpus.Span{{Start: 0, End: 5, Reason: "debris: share button"}}}
	s1 := sc.Analyze(a1, nil)
	// Article 2: 1 attribution (IRNA) and a 4-word quotation with a comma.
	text2 := "IRNA said: “We will respond, firmly.”"
	s2 := sc.Analyze(&corpus.Article{Text: text2}, curlyQuotes(text2))

	var p Profile
	p.Add(s1, 16)
	p.Add(nil, 1000) // not analysed: ignored
	p.Add(s2, 6)
	r := p.Result()

	eq := func(name string, got *float64, want float64) {
		t.Helper()
		if got == nil || math.Abs(*got-want) > 1e-12 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	if r.Articles != 2 || r.Tokens != 22 || r.Attributions != 3 || r.Claims != 4 || r.Unsourced != 2 || r.VaguePhrases != 1 {
		t.Fatalf("counts %+v", r)
	}
	eq("attributions_per_1k", r.AttributionsPer1k, 1000*3.0/22)
	eq("unsourced_share", r.UnsourcedShare, 2.0/4)
	eq("loaded_share", r.LoadedShare, 1.0/3)
	eq("quote_share", r.QuoteShare, 4.0/22)
	eq("hedges_per_1k", r.HedgesPer1k, 1000*1.0/22)
	eq("intensifiers_per_1k", r.IntensifiersPer1k, 1000*1.0/22)
	eq("certainty_per_1k", r.CertaintyPer1k, 0)
	eq("debris_per_article", r.DebrisPerArticle, 0.5)
	if r.Citations != 2 || r.Sides["wire"] != 1 || r.Sides["iranian-state"] != 1 {
		t.Errorf("citations %d sides %v", r.Citations, r.Sides)
	}
	if math.Abs(r.SideShare["wire"]-0.5) > 1e-12 || len(r.Cited) != 2 || r.Cited[0] != (NameCount{"IRNA", 1}) {
		t.Errorf("side_share %v cited %v", r.SideShare, r.Cited)
	}

	var empty Profile
	e := empty.Result()
	if e.Articles != 0 || e.UnsourcedShare != nil || e.AttributionsPer1k != nil || e.Sides == nil || e.Cited == nil {
		t.Errorf("empty profile %+v", e)
	}
}

// TestProfileSides checks the sides a profile lists: every side the
// signals named, those never cited with 0, in as many profiles as share
// one interned set of them.
func TestProfileSides(t *testing.T) {
	sig := func(sides map[string]int) *Signals { return &Signals{Sides: sides} }
	var p, q Profile
	p.Add(sig(map[string]int{"wire": 0, "monitor": 2}), 10)
	p.Add(sig(map[string]int{"wire": 1, "monitor": 0, "un-ngo": 0}), 10)
	q.Add(sig(map[string]int{"un-ngo": 0, "monitor": 0}), 10)
	q.Add(sig(map[string]int{"wire": 0}), 10)
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"sides", p.Result().Sides, map[string]int{"wire": 1, "monitor": 2, "un-ngo": 0}},
		{"side shares", p.Result().SideShare, map[string]float64{"wire": 1.0 / 3, "monitor": 2.0 / 3, "un-ngo": 0}},
		{"sides never cited", q.Result().Sides, map[string]int{"wire": 0, "monitor": 0, "un-ngo": 0}},
		{"no shares without citations", q.Result().SideShare, map[string]float64{}},
		{"one set of names", p.seen == q.seen, true},
		{"the empty set", (&Profile{}).Result().Sides, map[string]int{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !reflect.DeepEqual(tc.got, tc.want) {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
}
