package credibility_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/stance"
)

// seedDir holds the shared seed articles: third-party text, read from
// there and never copied into the repository.
const seedDir = "../../../shared/seeds"

// seedSignals analyses each seed the way `compare score` will: debris
// marked by the corpus reader, quotations as stance finds them.
func seedSignals(t *testing.T) (map[string]*corpus.Article, map[string]*credibility.Signals, map[string]*record.Record) {
	t.Helper()
	f, err := os.Open(filepath.Join(seedDir, "seeds.jsonl"))
	if os.IsNotExist(err) {
		t.Skip("seeds not present:", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lex, err := lexicon.Load(lexicon.Default)
	if err != nil {
		t.Fatal(err)
	}
	scorer := stance.NewScorer(lexicon.Compile(lex))
	rules, err := credibility.Load(credibility.Default)
	if err != nil {
		t.Fatal(err)
	}
	sc := credibility.Compile(rules).NewScanner()
	arts := map[string]*corpus.Article{}
	sigs := map[string]*credibility.Signals{}
	recs := map[string]*record.Record{}
	lines := bufio.NewScanner(f)
	lines.Buffer(nil, 1<<20)
	for lines.Scan() {
		a := new(corpus.Article)
		if err := json.Unmarshal(lines.Bytes(), a); err != nil {
			t.Fatal(err)
		}
		corpus.MarkDebris(a)
		rec := scorer.Score(a)
		key := a.ID[:3]
		arts[key], recs[key] = a, rec
		sigs[key] = sc.Analyze(a, rec.Quotes)
	}
	if err := lines.Err(); err != nil {
		t.Fatal(err)
	}
	if len(sigs) != 5 {
		t.Fatalf("read %d seeds, want 5", len(sigs))
	}
	return arts, sigs, recs
}

// TestSeeds is the acceptance test of issue #6.
func TestSeeds(t *testing.T) {
	arts, sigs, _ := seedSignals(t)

	t.Run("001 secret intelligence is an unnamed source", func(t *testing.T) {
		sig := sigs["001"]
		found := false
		for _, r := range sig.Sourcing.UnsourcedSpans {
			if strings.HasPrefix(r.Text, "Secret intelligence from inside the Iranian regime indicate") && r.Reason == "vague phrase" {
				found = true
			}
		}
		if !found {
			t.Errorf("unsourced spans %+v lack the secret intelligence", sig.Sourcing.UnsourcedSpans)
		}
		if sig.Sourcing.UnsourcedShare == nil || *sig.Sourcing.UnsourcedShare <= 0 {
			t.Errorf("unsourced share %v", sig.Sourcing.UnsourcedShare)
		}
	})

	t.Run("000 cites Mehr and Fars as Iranian state media", func(t *testing.T) {
		sig := sigs["000"]
		for _, name := range []string{"Mehr News Agency", "Fars News Agency"} {
			c := cited(sig, name)
			if c == nil || c.Side != "iranian-state" || c.Kind != "media" || c.Citations < 1 || !hasRole(c, credibility.RoleSource) {
				t.Errorf("%s: %+v", name, c)
			}
		}
		if sig.Sides["iranian-state"] < 2 {
			t.Errorf("iranian-state citations %d, want at least 2", sig.Sides["iranian-state"])
		}
	})

	t.Run("004 cites SANA as Syrian state media", func(t *testing.T) {
		sig := sigs["004"]
		c := cited(sig, "SANA")
		if c == nil || c.Side != "syrian-state" || !hasRole(c, credibility.RoleSource) {
			t.Fatalf("SANA: %+v", c)
		}
		if sig.Sides["syrian-state"] < 1 {
			t.Errorf("syrian-state citations %d", sig.Sides["syrian-state"])
		}
		// ARA News is the outlet itself: cited, but not in the balance.
		if ara := cited(sig, "ARA News"); ara == nil || !ara.Self || sig.Sides["kurdish"] != 0 {
			t.Errorf("ARA News %+v, kurdish %d", ara, sig.Sides["kurdish"])
		}
	})

	t.Run("002 Advertisement and Share lines are page debris", func(t *testing.T) {
		d := sigs["002"].Debris
		var texts []string
		for _, sp := range d.Spans {
			texts = append(texts, sp.Text)
		}
		got := strings.Join(texts, "|")
		if strings.Count(got, "Advertisement") != 2 || !strings.Contains(got, "Share") || d.Count != len(d.Spans) {
			t.Errorf("debris %q", texts)
		}
	})

	for key, sig := range sigs {
		t.Run(key+" every number has its spans", func(t *testing.T) {
			credibility.CheckSpans(t, arts[key].Text, sig)
			credibility.CheckCounts(t, sig)
			checkJSONSpans(t, arts[key].Text, sig)
		})
	}
}

// TestSeedSpeakers pins the quoted speakers a careful reader finds.
func TestSeedSpeakers(t *testing.T) {
	_, sigs, _ := seedSignals(t)
	for key, want := range map[string]string{
		"000": "Alawi",
		"004": "SANA|Abed al-Fawal",
	} {
		var got []string
		for _, sp := range sigs[key].Quotes.Speakers {
			got = append(got, sp.Name)
		}
		if strings.Join(got, "|") != want {
			t.Errorf("%s speakers %q, want %q", key, got, want)
		}
	}
}

// TestSeedProfile pools the seeds as one unit, as the stats aggregator
// will per outlet.
func TestSeedProfile(t *testing.T) {
	_, sigs, recs := seedSignals(t)
	var p credibility.Profile
	for key, sig := range sigs {
		p.Add(sig, recs[key].Tokens)
	}
	r := p.Result()
	if r.Articles != 5 || r.Claims == 0 || r.UnsourcedShare == nil || r.Citations == 0 || r.SideShare["iranian-state"] <= 0 {
		t.Errorf("profile %+v", r)
	}
}

func cited(sig *credibility.Signals, name string) *credibility.Citation {
	for i := range sig.Cited {
		if sig.Cited[i].Name == name {
			return &sig.Cited[i]
		}
	}
	return nil
}

func hasRole(c *credibility.Citation, role string) bool {
	for _, sp := range c.Spans {
		if sp.Role == role {
			return true
		}
	}
	return false
}

// checkJSONSpans walks the JSON form of the signals: every object with a
// start and an end is a span of the text, and its text, when present, is
// that span.
func checkJSONSpans(t *testing.T, text string, sig *credibility.Signals) {
	t.Helper()
	b, err := json.Marshal(sig)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	n := 0
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			s, okS := x["start"].(float64)
			e, okE := x["end"].(float64)
			if okS && okE {
				n++
				if s < 0 || e < s || int(e) > len(text) {
					t.Fatalf("%s: span [%v, %v) outside the text", path, s, e)
				}
				if tx, ok := x["text"].(string); ok && tx != text[int(s):int(e)] {
					t.Fatalf("%s: text %q, want %q", path, tx, text[int(s):int(e)])
				}
			}
			for k, c := range x {
				walk(path+"."+k, c)
			}
		case []any:
			for _, c := range x {
				walk(path+"[]", c)
			}
		}
	}
	walk("credibility", v)
	if n == 0 {
		t.Error("no spans in the JSON")
	}
}
