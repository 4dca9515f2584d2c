package aggregate

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/stats"
	"github.com/compare-tool/compare/internal/token"
)

func TestNgramTable(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // order:term=count
	}{
		{"phrases", "Mullahs’ regime sent troops", []string{
			"1:mullahs=1", "1:regime=1", "1:sent=1", "1:troops=1",
			"2:mullahs regime=1", "2:regime sent=1", "2:sent troops=1",
			"3:mullahs regime sent=1", "3:regime sent troops=1"}},
		{"sentence break", "Rebels fled. Regime won", []string{
			"1:fled=1", "1:rebels=1", "1:regime=1", "1:won=1", "2:rebels fled=1", "2:regime won=1"}},
		{"numbers break and are not counted", "killed 2,000 people in 2016 there", []string{
			"1:in=1", "1:killed=1", "1:people=1", "1:there=1", "2:people in=1"}},
		{"repeats", "the regime the regime", []string{
			"1:regime=2", "1:the=2", "2:regime the=1", "2:the regime=2", "3:regime the regime=1", "3:the regime the=1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := newNgramTable(1000)
			var tz token.Tokenizer
			tab.addText(&tz, 0, tt.text, nil)
			var got []string
			tab.each(func(k string, n int64) {
				got = append(got, fmt.Sprintf("%d:%s=%d", k[0], k[2:], n))
			})
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestNgramPrune(t *testing.T) {
	tab := newNgramTable(10)
	var tz token.Tokenizer
	// "alpha" 50 times among 40 words used once each.
	var words []string
	for i := 0; i < 40; i++ {
		words = append(words, "alpha", fmt.Sprintf("w%c%c", 'a'+i%26, 'a'+i/26))
	}
	for i := 0; i < 10; i++ {
		words = append(words, "alpha")
	}
	tab.addText(&tz, 0, strings.Join(words, ". "), nil)
	if tab.prunes == 0 || len(tab.cells) > 10 {
		t.Fatalf("%d prunes, %d entries", tab.prunes, len(tab.cells))
	}
	found := false
	tab.each(func(k string, n int64) {
		if k[2:] == "alpha" {
			found = true
			if n != 50 {
				t.Errorf("alpha counted %d times, want 50: frequent terms are never pruned", n)
			}
		}
	})
	if !found {
		t.Error("alpha was pruned")
	}
	if tab.totals[0][0] != 90 {
		t.Errorf("unit total %d, want 90 whatever was pruned", tab.totals[0][0])
	}
}

// TestDistinctive checks the z-scores against a direct call of the
// log-odds function, the lexicon marks, and the note on sampling.
func TestDistinctive(t *testing.T) {
	mk := func(outlet, id, text string) *record.Record {
		return &record.Record{Schema: record.Schema, ID: id, Outlet: outlet, Lexicon: record.LexiconRef{Name: "l"}, Text: text,
			Matches: []record.MatchRecord{{Text: "Regime", Entry: "regime", Target: "t", Voice: record.Author}}}
	}
	var recs []*record.Record
	for i := 0; i < 20; i++ {
		recs = append(recs, mk("a", fmt.Sprint(i), "The regime and the axis of resistance spoke. Regime."))
		recs = append(recs, mk("b", fmt.Sprint(i), "The regime and the rebels spoke. Rebels."))
	}
	c := aggregate(t, recs, Options{Bootstrap: -1})
	if len(c.Distinctive) != 2 {
		t.Fatalf("distinctive: %+v", c.Distinctive)
	}
	var a Distinctive
	for _, d := range c.Distinctive {
		if d.Unit == "a" {
			a = d
		}
	}
	terms := map[string]DistinctiveTerm{}
	for _, dt := range a.Terms {
		terms[dt.Term] = dt
	}
	// "axis of resistance" and its parts occur 20 times in a, never in b;
	// "axis" and "of resistance" only inside it, so they are not listed.
	ax, ok := terms["axis of resistance"]
	if !ok || ax.Count != 20 || ax.Others != 0 || ax.Lexicon {
		t.Fatalf("axis of resistance: %+v (terms %v)", ax, a.Terms)
	}
	if _, ok := terms["axis of"]; ok {
		t.Errorf("a phrase nested in a longer one with the same counts was listed")
	}
	if reg, ok := terms["regime"]; ok && !reg.Lexicon {
		t.Errorf("regime is a matched lexicon form: %+v", reg)
	}
	// Unigrams of a: the, regime, and, axis, of, resistance, spoke
	// (20 each, regime 40); of b: the, regime, and, rebels (40), spoke.
	vocab := []string{"and", "axis", "of", "rebels", "regime", "resistance", "spoke", "the"}
	ca := []float64{20, 20, 20, 0, 40, 20, 20, 40}
	cb := []float64{20, 0, 0, 40, 20, 0, 20, 40}
	prior := make([]float64, len(vocab))
	for i := range prior {
		prior[i] = (ca[i] + cb[i]) / 2 // corpus counts over k = 2 units
	}
	_, z := stats.LogOddsDirichlet(ca, cb, prior)
	var all []DistinctiveTerm
	for _, d := range c.Distinctive {
		if d.Unit == "a" {
			all = d.Terms
		}
	}
	for _, dt := range all {
		if i := slices.Index(vocab, dt.Term); i >= 0 && math.Abs(dt.Z-z[i]) > 1e-12 {
			t.Errorf("z(%s) = %v, want %v", dt.Term, dt.Z, z[i])
		}
	}
	if slices.ContainsFunc(c.Notes, func(n string) bool { return strings.Contains(n, "sample") }) {
		t.Errorf("a note speaks of sampling when all texts were used: %q", c.Notes)
	}
}

// TestTextSampling checks that the texts kept for distinctive terms
// depend on the set of records, not their order, and that the output
// says when they were sampled.
func TestTextSampling(t *testing.T) {
	var recs []*record.Record
	for i := 0; i < 400; i++ {
		recs = append(recs, &record.Record{Schema: record.Schema, ID: fmt.Sprint(i), Outlet: fmt.Sprintf("o%d", i%3), Lexicon: record.LexiconRef{Name: "l"},
			Text: fmt.Sprintf("article %d of outlet %d says word%d and word%d", i, i%3, i%17, i%3)})
	}
	opt := Options{Bootstrap: -1, TextBudget: 2000}
	want := comparisonJSON(t, aggregate(t, recs, opt))
	rev := slices.Clone(recs)
	slices.Reverse(rev)
	if got := comparisonJSON(t, aggregate(t, rev, opt)); !bytes.Equal(got, want) {
		t.Errorf("reversed records changed the result:\n%s", firstDiff(got, want))
	}
	agg := New(opt)
	for _, r := range recs {
		agg.Add(r)
	}
	if agg.sampleLevel == 0 || agg.sampleBytes > 2000 || len(agg.sample) == 0 {
		t.Errorf("sample level %d, %d bytes in %d texts", agg.sampleLevel, agg.sampleBytes, len(agg.sample))
	}
	if c := agg.Result(); !slices.ContainsFunc(c.Notes, func(n string) bool { return strings.HasPrefix(n, "Distinctive terms come from a sample") }) {
		t.Errorf("no note on the sample: %q", c.Notes)
	}

	// Pruned counts do not depend on the order either: each table reads
	// its texts in hash order.
	recs = recs[:0]
	for i := 0; i < 400; i++ {
		recs = append(recs, &record.Record{Schema: record.Schema, ID: fmt.Sprint(i), Outlet: fmt.Sprintf("o%d", i%3), Lexicon: record.LexiconRef{Name: "l"},
			Text: fmt.Sprintf("alpha%d beta%d gamma%d delta%d and common words here", i, i, i, i)})
	}
	rev = slices.Clone(recs)
	slices.Reverse(rev)
	pruned := Options{Bootstrap: -1, NgramCap: 1} // 1000 entries a table
	c := aggregate(t, recs, pruned)
	if !slices.ContainsFunc(c.Notes, func(n string) bool { return strings.HasPrefix(n, "Distinctive terms are approximate") }) {
		t.Fatalf("no note on pruning: %q", c.Notes)
	}
	if got, want := comparisonJSON(t, aggregate(t, rev, pruned)), comparisonJSON(t, c); !bytes.Equal(got, want) {
		t.Errorf("reversed records changed the pruned result:\n%s", firstDiff(got, want))
	}
}

func TestAggregateNoText(t *testing.T) {
	recs := readRecordsFile(t, handFile)
	for _, r := range recs {
		r.Text = ""
	}
	c := aggregate(t, recs, Options{})
	if len(c.Distinctive) != 0 || !slices.ContainsFunc(c.Notes, func(n string) bool { return strings.Contains(n, "--no-text") }) {
		t.Errorf("no texts: distinctive %v, notes %q", c.Distinctive, c.Notes)
	}
}
