package credibility

import (
	"math"
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
