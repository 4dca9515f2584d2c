package ngram

import (
	"cmp"
	"math"
	"slices"
	"testing"

	"github.com/compare-tool/compare/internal/stats"
	"github.com/compare-tool/compare/internal/token"
)

// countTexts counts texts[u] as unit u's, each text once.
func countTexts(filter Filter, texts ...[]string) *Counts {
	tab := NewTable(filter, 1_000_000)
	var tz token.Tokenizer
	for u, ts := range texts {
		for _, text := range ts {
			tab.Count(u, tz.Tokenize(text), nil)
		}
	}
	return Merge(tab)
}

func repeat(text string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = text
	}
	return out
}

// TestRankZ checks the z-scores against a direct call of the log-odds
// function over the words of two units.
func TestRankZ(t *testing.T) {
	c := countTexts(Phrases,
		repeat("The regime and the axis of resistance spoke. Regime.", 20),
		repeat("The regime and the rebels spoke. Rebels.", 20))
	vocab := []string{"and", "axis", "of", "rebels", "regime", "resistance", "spoke", "the"}
	ca := []float64{20, 20, 20, 0, 40, 20, 20, 40}
	cb := []float64{20, 0, 0, 40, 20, 0, 20, 40}
	prior := make([]float64, len(vocab))
	for i := range prior {
		prior[i] = (ca[i] + cb[i]) / 2 // corpus counts over k = 2 units
	}
	_, z := stats.LogOddsDirichlet(ca, cb, prior)
	got := c.Rank(0, RankOptions{Top: 50})
	if len(got) == 0 {
		t.Fatal("nothing ranked")
	}
	for _, r := range got {
		if r.Z < MinZ {
			t.Errorf("%q: z %v below MinZ", r.Phrase, r.Z)
		}
		if i := slices.Index(vocab, r.Phrase); i >= 0 && math.Abs(r.Z-z[i]) > 1e-12 {
			t.Errorf("z(%s) = %v, want %v", r.Phrase, r.Z, z[i])
		}
	}
	// "axis of resistance" and its parts occur 20 times in unit 0, never
	// in 1; "axis" and "of resistance" only inside it, so they are left out.
	i := slices.IndexFunc(got, func(r Ranked) bool { return r.Phrase == "axis of resistance" })
	if i < 0 || got[i].Count != 20 || got[i].Others != 0 {
		t.Fatalf("axis of resistance: %+v", got)
	}
	if slices.ContainsFunc(got, func(r Ranked) bool { return r.Phrase == "axis of" || r.Phrase == "axis" }) {
		t.Errorf("a phrase nested in a longer one with the same counts was ranked: %+v", got)
	}
	if !slices.IsSortedFunc(got, func(x, y Ranked) int { return cmp.Compare(y.Z, x.Z) }) {
		t.Errorf("not sorted by z: %+v", got)
	}
}

// TestRankUses checks the uses of a ranked phrase in every unit.
func TestRankUses(t *testing.T) {
	counts := countTexts(Phrases,
		repeat("northern pact talks", 30),
		append(repeat("filler words here", 30), repeat("northern pact talks", 2)...),
		append(repeat("filler words here", 30), "pact", "pact"))
	got := counts.Rank(0, RankOptions{Top: 10})
	i := slices.IndexFunc(got, func(r Ranked) bool { return r.Phrase == "northern pact talks" })
	if i < 0 {
		t.Fatalf("northern pact talks missing: %+v", got)
	}
	if uses := counts.Uses(got[i]); !slices.Equal(uses, []int{30, 2, 0}) {
		t.Errorf("uses of northern pact talks: %v, want [30 2 0]", uses)
	}
	// "pact": 30 here, 4 elsewhere: not nested in "northern pact talks".
	i = slices.IndexFunc(got, func(r Ranked) bool { return r.Phrase == "pact" })
	if i < 0 || got[i].Others != 4 {
		t.Errorf("pact has other uses and is not nested: %+v", got)
	}
	if slices.ContainsFunc(got, func(r Ranked) bool { return r.Phrase == "northern pact" }) {
		t.Errorf("northern pact is nested in northern pact talks: %+v", got)
	}
}

func TestRankMinCount(t *testing.T) {
	c := countTexts(Candidates,
		append(repeat("granite coalition", 2), repeat("harbour tribunal", 5)...),
		repeat("quiet weather report", 7))
	got := c.Rank(0, RankOptions{Top: 10, MinCount: 3})
	for _, r := range got {
		if r.Count < 3 {
			t.Errorf("%+v has fewer than 3 uses", r)
		}
	}
	if !slices.ContainsFunc(got, func(r Ranked) bool { return r.Phrase == "harbour tribunal" }) {
		t.Errorf("harbour tribunal missing: %+v", got)
	}
}

func TestLookup(t *testing.T) {
	c := countTexts(Candidates,
		repeat("The axis of resistance spoke.", 3),
		repeat("Rebels spoke. The axis of resistance.", 2),
		repeat("Nothing here.", 1))
	for _, tc := range []struct {
		phrase string
		want   []int
	}{
		{"axis of resistance", []int{3, 2, 0}},
		{"spoke", []int{3, 2, 0}},
		{"rebels", []int{0, 2, 0}},
		{"rebels spoke", []int{0, 2, 0}},
		{"spoke the axis", nil}, // over a full stop: never counted
		{"absent", nil},
		{"one two three four", nil}, // longer than MaxOrder
	} {
		t.Run(tc.phrase, func(t *testing.T) {
			if got := c.Lookup(tc.phrase); !slices.Equal(got, tc.want) {
				t.Errorf("Lookup(%q) = %v, want %v", tc.phrase, got, tc.want)
			}
		})
	}
}
