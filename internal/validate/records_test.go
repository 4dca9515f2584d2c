package validate_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/stance"
	"github.com/compare-tool/compare/internal/validate"
)

// sampleRecords scores the built-in sample (../../testdata/sample) with
// the iran-syria lexicon, its groups from the sample's outlets file.
func sampleRecords(t *testing.T) ([]*record.Record, *lexicon.Lexicon) {
	t.Helper()
	lex, err := lexicon.Load("iran-syria")
	if err != nil {
		t.Fatal(err)
	}
	outlets, err := corpus.LoadOutlets("../../testdata/sample-outlets.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sc := stance.NewScorer(lexicon.Compile(lex))
	var recs []*record.Record
	_, err = corpus.Read(context.Background(), []string{"../../testdata/sample"}, corpus.Options{Outlets: outlets},
		func(a *corpus.Article) error {
			recs = append(recs, sc.Score(a))
			return nil
		}, func(p corpus.Problem) { t.Errorf("reading the sample: %v", p) })
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 43 {
		t.Fatalf("%d sample records, want 43", len(recs))
	}
	return recs, lex
}

func TestCollector(t *testing.T) {
	recs, lex := sampleRecords(t)
	col := validate.NewCollector(validate.FieldLabels("group"), lex)
	for _, r := range recs {
		if err := col.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	in := col.Input()
	if len(in.Entries) != len(lex.Entries) || len(in.Articles) != 43 || col.Records() != 43 || in.EntriesFromMatches {
		t.Fatalf("%d entries, %d articles; want every entry of the lexicon (%d) and 43 articles", len(in.Entries), len(in.Articles), len(lex.Entries))
	}
	leans := map[string]map[string]float64{}
	for _, e := range in.Entries {
		leans[e.ID] = e.Lean
	}
	for i, a := range in.Articles {
		r := recs[i]
		if a.ID != r.ID || a.Outlet != r.Outlet || a.Label != r.Group || a.Label == "" {
			t.Errorf("article %q of %q labelled %q; record %q of %q in group %q", a.ID, a.Outlet, a.Label, r.ID, r.Outlet, r.Group)
		}
		// Uses hold what the stance averages: rescoring them gives the
		// record's stance.
		for axis, s := range validate.Rescore(a, leans, nil) {
			want := r.Stance[axis]
			if s.N != want.N || math.Abs(s.Score-want.Score) > 1e-12 {
				t.Errorf("%s: rescored %s %+v, record %+v", a.ID, axis, s, want)
			}
		}
	}

	t.Run("without the lexicon", func(t *testing.T) {
		col := validate.NewCollector(validate.FieldLabels("group"), nil)
		for _, r := range recs {
			if err := col.Add(r); err != nil {
				t.Fatal(err)
			}
		}
		in := col.Input()
		if !in.EntriesFromMatches || len(in.Entries) == 0 || len(in.Entries) >= len(lex.Entries) {
			t.Errorf("%d entries from matches (lexicon %d), flagged %v", len(in.Entries), len(lex.Entries), in.EntriesFromMatches)
		}
		res, err := validate.Measure(in, validate.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(res.Notes, "\n"), "entries that never match are not diagnosed") {
			t.Errorf("no note about the missing entries: %q", res.Notes)
		}
	})

	t.Run("mixed lexicons", func(t *testing.T) {
		col := validate.NewCollector(validate.FieldLabels("group"), nil)
		other := *recs[1]
		other.Lexicon.SHA256 = "0000"
		if err := col.Add(recs[0]); err != nil {
			t.Fatal(err)
		}
		if err := col.Add(&other); err == nil || !strings.Contains(err.Error(), "validate one lexicon at a time") {
			t.Errorf("error %v, want one about two lexicons", err)
		}
		us, err := lexicon.Load("us-politics")
		if err != nil {
			t.Fatal(err)
		}
		if err := validate.NewCollector(validate.FieldLabels("group"), us).Add(recs[0]); err == nil || !strings.Contains(err.Error(), "not with us-politics") {
			t.Errorf("error %v, want one about the lexicon given", err)
		}
	})
}
