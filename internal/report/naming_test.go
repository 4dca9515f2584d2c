package report

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/corpus"
)

// namingLabels makes a target's entries: loaded ones with the given
// valences (0 for a side's word without a valence) and neutral ones.
func namingLabels(loaded []float64, neutral int) []aggregate.NamingLabel {
	var out []aggregate.NamingLabel
	add := func(id string, valence float64, isLoaded bool, uses int) {
		out = append(out, aggregate.NamingLabel{Entry: id, Label: id, Valence: valence, Loaded: isLoaded,
			Category: "neutral", Counts: map[string]int{"u": uses},
			Forms: map[string][]aggregate.FormCount{"u": {{Form: id, Count: uses}}}})
	}
	// Neutral entries are used most, as in real coverage: a rule that
	// merged the least used would merge the loaded ones.
	for i := 0; i < neutral; i++ {
		add(fmt.Sprintf("neutral-%d", i), 0, false, 20-i)
	}
	for i, v := range loaded {
		add(fmt.Sprintf("loaded-%d", i), v, true, 1)
	}
	return out
}

// TestNamingOther checks the rule of the naming chart's "other" bar: a
// loaded entry is never merged away, only neutral ones are, and the page
// says which.
func TestNamingOther(t *testing.T) {
	tests := []struct {
		name       string
		loaded     []float64
		neutral    int
		wantMerged int
	}{
		{"few entries", []float64{-1, 0.5}, 3, 0},
		{"many neutral", []float64{-1, 0.9, -0.3}, 10, 10 - (maxNamingLabels - 1 - 3)},
		{"more loaded than the chart's room", []float64{-1, -0.8, -0.6, -0.4, 0.2, 0.4, 0.6, 0.8, 1, 0}, 4, 4},
		{"one neutral too many is not merged alone", []float64{-1, 1}, maxNamingLabels - 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			labels := namingLabels(tt.loaded, tt.neutral)
			b := &builder{cmp: &aggregate.Comparison{}}
			_, other, _ := b.namingChart("c", aggregate.Naming{Target: "t", Labels: labels, References: map[string]int{"u": 100}}, []string{"u"})
			var meta struct {
				Series []struct {
					Label  string   `json:"label"`
					Loaded bool     `json:"loaded"`
					Merged []string `json:"merged"`
				} `json:"series"`
			}
			data, _ := json.Marshal(b.charts[0].Meta)
			if err := json.Unmarshal(data, &meta); err != nil {
				t.Fatal(err)
			}
			own := map[string]bool{}
			merged := 0
			for _, s := range meta.Series {
				own[s.Label] = true
				for _, m := range s.Merged {
					merged++
					if strings.HasPrefix(m, "loaded-") {
						t.Errorf("loaded entry %s is merged into %q", m, s.Label)
					}
				}
			}
			for _, l := range labels {
				if l.Loaded && !own[l.Label] {
					t.Errorf("loaded entry %s has no bar of its own", l.Label)
				}
			}
			if merged != tt.wantMerged {
				t.Errorf("%d entries merged, want %d", merged, tt.wantMerged)
			}
			if (merged > 0) != (other != "") || (merged > 0 && !strings.Contains(other, "No loaded entry is merged")) {
				t.Errorf("merged %d entries; the note says %q", merged, other)
			}
		})
	}
}

// TestNamingColours checks that a naming bar's colour follows its entry's
// valence: reds hostile, blues favourable, amber loaded without a valence,
// greys neutral.
func TestNamingColours(t *testing.T) {
	for _, labels := range [][]aggregate.NamingLabel{
		namingLabels([]float64{-1, -0.5, -0.1, 0.1, 0.5, 1, 0}, 2), // the neutral ones merged
		namingLabels([]float64{-0.2, 0}, 3),                        // the neutral ones shown
	} {
		checkNamingColours(t, labels)
	}
}

func checkNamingColours(t *testing.T, labels []aggregate.NamingLabel) {
	t.Helper()
	b := &builder{cmp: &aggregate.Comparison{}}
	b.namingChart("c", aggregate.Naming{Target: "t", Labels: labels}, []string{"u"})
	series := b.charts[0].Option["series"].([]any)
	byLabel := map[string]aggregate.NamingLabel{}
	for _, l := range labels {
		byLabel[l.Label] = l
	}
	hex := regexp.MustCompile(`^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$`)
	for _, s := range series {
		l, ok := byLabel[s.(map[string]any)["name"].(string)]
		if !ok { // the merged neutral entries
			l = aggregate.NamingLabel{Label: s.(map[string]any)["name"].(string)}
		}
		color := s.(map[string]any)["itemStyle"].(map[string]any)["color"].(string)
		m := hex.FindStringSubmatch(color)
		if m == nil {
			t.Fatalf("%s: colour %q", l.Label, color)
		}
		var r, g, bl int
		fmt.Sscanf(m[1]+" "+m[2]+" "+m[3], "%x %x %x", &r, &g, &bl)
		switch {
		case l.Valence < 0:
			ok = r > bl+30 // red
		case l.Valence > 0:
			ok = bl > r+30 // blue
		case l.Loaded:
			ok = r > bl+60 && g > bl+30 // amber
		default:
			ok = max(r, g, bl)-min(r, g, bl) < 10 // grey
		}
		if !ok {
			t.Errorf("%s (valence %v, loaded %v) is drawn in %s", l.Label, l.Valence, l.Loaded, color)
		}
	}
}

// TestIntrosTrue checks sentences of the report against what its charts
// do, where a test can tell.
func TestIntrosTrue(t *testing.T) {
	t.Run("naming counts the own voice only", func(t *testing.T) {
		in := tinyInput(t, false)
		page := string(reportBytes(t, in, DefaultOptions()))
		intro := section(t, page, "naming")
		if !strings.Contains(intro, "in its own voice") || strings.Contains(intro, "quoted speakers included") {
			t.Errorf("naming intro does not say the bars count the own voice only:\n%s", intro)
		}
		// Daily Example names the rebels only in a quotation and at a
		// distance: it has no bar for them, and the table lists both uses.
		b := &builder{in: in, opt: Options{TopUnits: DefaultTopUnits}, cmp: in.Comparison}
		b.index()
		for _, v := range b.naming() {
			if v.Target != "rebels" {
				continue
			}
			for _, u := range v.Units {
				if u == "Daily Example" {
					t.Error("the rebels chart has a bar for Daily Example, which never names them in its own voice")
				}
			}
			if !strings.Contains(intro, "quoted: ") && !strings.Contains(page, `quoted: <bdi class="form">terrorists</bdi>&nbsp;×1`) {
				t.Error("the table does not list Daily Example's quoted “terrorists”")
			}
		}
	})
	t.Run("stance counts neutral terms", func(t *testing.T) {
		lex := tinyLexicon(t)
		// One article names the government plainly only: it scores 0 and
		// enters the mean with n.
		recs := scoreArticles(t, lex, []corpus.Article{
			{ID: "1", Outlet: "o", Text: "The government met."},
			{ID: "2", Outlet: "o", Text: "The regime met."},
			{ID: "3", Outlet: "o", Text: "Nothing about it."},
		})
		opt := aggregate.DefaultOptions()
		opt.Lexicon, opt.Seed = lex, 1
		agg := aggregate.New(opt)
		for _, r := range recs {
			if err := agg.Add(r); err != nil {
				t.Fatal(err)
			}
		}
		cmp := agg.Result()
		s := cmp.Units[0].Axes.Get("pro-gov")
		if s.N != 2 || *s.Mean != -0.5 {
			t.Errorf("stance n = %d, mean %v: want the neutral article in (n = 2, mean −0.5) and the one without terms out", s.N, *s.Mean)
		}
		intro := section(t, string(reportBytes(t, Input{Comparison: cmp, Records: recs, Lexicon: lex}, DefaultOptions())), "stance")
		for _, want := range []string{"Neutral names count, as 0", "no term bearing on the axis has no score and does not enter it"} {
			if !strings.Contains(intro, want) {
				t.Errorf("stance intro lacks %q:\n%s", want, intro)
			}
		}
		if strings.Contains(intro, "without loaded terms do not enter") {
			t.Errorf("stance intro says articles without loaded terms do not enter:\n%s", intro)
		}
	})
}

// section returns the intro paragraph of the page's section with the
// given id.
func section(t *testing.T, page, id string) string {
	t.Helper()
	i := strings.Index(page, `<section id="`+id+`">`)
	if i < 0 {
		t.Fatalf("no section %q", id)
	}
	rest := page[i:]
	j := strings.Index(rest, `<p class="intro">`)
	k := strings.Index(rest[j:], "</p>")
	if j < 0 || k < 0 {
		t.Fatalf("section %q has no intro", id)
	}
	return rest[j : j+k]
}
