package aggregate

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/ngram"
	"github.com/compare-tool/compare/internal/record"
)

// TestDistinctive checks what aggregation adds to the ranking of package
// ngram (whose tests check the z-scores): the units, the lexicon marks,
// and the note on sampling.
func TestDistinctive(t *testing.T) {
	mk := func(outlet, id, text string) *record.Record {
		return &record.Record{Schema: record.Schema, ID: id, Outlet: outlet, Lexicon: record.LexiconRef{Name: "l"}, Text: text,
			Matches: []record.MatchRecord{{Text: "Regime", Entry: "regime", Target: "t", Voice: record.Author}}}
	}
	// Both say "city council members met": without a three-word phrase
	// besides "axis of resistance", the log-odds of three-word phrases
	// would have nothing to compare it with.
	var recs []*record.Record
	for i := 0; i < 20; i++ {
		recs = append(recs, mk("a", fmt.Sprint(i), "The regime and the axis of resistance spoke. Regime. City council members met."))
		recs = append(recs, mk("b", fmt.Sprint(i), "The regime and the rebels spoke. Rebels. City council members met."))
	}
	c := aggregate(t, recs, options(func(o *Options) { o.Bootstrap = 0 }))
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
	// Fragments of the text are not listed: "the axis" and "the axis of"
	// occur 20 times in a and never in b, as "axis of resistance" does,
	// but begin or end with a stopword (ngram.Candidates, lexicon
	// suggest's filter).
	for _, dt := range a.Terms {
		words := strings.Fields(dt.Term)
		if ngram.IsStopword([]byte(words[0])) || ngram.IsStopword([]byte(words[len(words)-1])) {
			t.Errorf("fragment %q listed", dt.Term)
		}
	}
	if reg, ok := terms["regime"]; ok && !reg.Lexicon {
		t.Errorf("regime is a matched lexicon form: %+v", reg)
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
	opt := options(func(o *Options) { o.Bootstrap = 0; o.TextBudget = 2000 })
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
	pruned := options(func(o *Options) { o.Bootstrap = 0; o.NgramCap = 1 }) // 1000 entries a table
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
	c := aggregate(t, recs, DefaultOptions())
	if len(c.Distinctive) != 0 || !slices.ContainsFunc(c.Notes, func(n string) bool { return strings.Contains(n, "--no-text") }) {
		t.Errorf("no texts: distinctive %v, notes %q", c.Distinctive, c.Notes)
	}
}
