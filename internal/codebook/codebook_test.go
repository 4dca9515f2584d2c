package codebook_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/codebook"
	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/kwic"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/pipeline"
	"github.com/compare-tool/compare/internal/record"
)

var update = flag.Bool("update", false, "rewrite docs/codebook.md")

// markdownPath is the generated Markdown of the codebook.
var markdownPath = filepath.Join("..", "..", "docs", "codebook.md")

func lookup(t *testing.T, name string) *codebook.Schema {
	t.Helper()
	s, err := codebook.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestWellFormed checks each schema and field has what the codebook
// promises (a title, a writer, a type and a meaning), that no field is
// listed twice, and that every "see" names a schema.
func TestWellFormed(t *testing.T) {
	all, err := codebook.All()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, s := range all {
		if s.Name == "" || s.Title == "" || s.WrittenBy == "" || len(s.Fields) == 0 || names[s.Name] {
			t.Errorf("schema %q: needs a unique name, a title, written_by and fields", s.Name)
		}
		names[s.Name] = true
	}
	for _, s := range all {
		seen := map[string]bool{}
		for _, f := range s.Fields {
			if f.Type == "" || f.Meaning == "" {
				t.Errorf("%s: field %q has no type or meaning", s.Name, f.Name)
			}
			if seen[codebook.Normalize(f.Name)] {
				t.Errorf("%s: field %q listed twice", s.Name, f.Name)
			}
			seen[codebook.Normalize(f.Name)] = true
			if f.See != "" && !names[f.See] {
				t.Errorf("%s: field %q: see %q names no schema", s.Name, f.Name, f.See)
			}
		}
	}
}

// TestStructs checks every schema written from a Go struct against it, in
// both directions: each field the struct writes has an entry, and each
// entry names a field the struct writes. A field whose entry has "see" is
// checked through the schema it names.
func TestStructs(t *testing.T) {
	for _, tt := range []struct {
		schema string
		typ    reflect.Type
		tag    string
	}{
		{"score", reflect.TypeFor[record.Record](), "json"},
		{"credibility", reflect.TypeFor[credibility.Signals](), "json"},
		{"credibility-source", reflect.TypeFor[credibility.Source](), "json"},
		{"credibility-markers", reflect.TypeFor[credibility.Markers](), "json"},
		{"stats", reflect.TypeFor[aggregate.Comparison](), "json"},
		{"stats-summary", reflect.TypeFor[aggregate.Summary](), "json"},
		{"stats-tests", reflect.TypeFor[aggregate.AxisTests](), "json"},
		{"stats-credibility", reflect.TypeFor[credibility.ProfileResult](), "json"},
		{"credibility-counts", reflect.TypeFor[record.CredibilityCounts](), "parquet"},
		{"kwic", reflect.TypeFor[kwic.Line](), "json"},
		{"parquet-articles", reflect.TypeFor[record.ParquetArticle](), "parquet"},
		{"parquet-matches", reflect.TypeFor[record.ParquetMatch](), "parquet"},
	} {
		t.Run(tt.schema, func(t *testing.T) {
			s := lookup(t, tt.schema)
			stop := func(path string) bool {
				f := s.Field(path)
				return f != nil && f.See != ""
			}
			checkBothWays(t, s, codebook.FieldPaths(tt.typ, tt.tag, stop), func(string) bool { return true })
		})
	}
}

// checkBothWays fails for each of got (field paths or column names, with
// placeholders as "{}") that s does not document, and for each field of s
// that documents (says documents reports) none of got.
func checkBothWays(t *testing.T, s *codebook.Schema, got []string, documents func(name string) bool) {
	t.Helper()
	have := map[string]bool{}
	for _, g := range got {
		have[g] = true
		if s.Field(g) == nil {
			t.Errorf("%s: %q is written but has no codebook entry (internal/codebook/codebook.yaml)", s.Name, g)
		}
	}
	for _, f := range s.Fields {
		if documents(f.Name) && !have[codebook.Normalize(f.Name)] {
			t.Errorf("%s: the codebook documents %q, which is not written", s.Name, f.Name)
		}
	}
}

// sampleRecords scores the built-in sample with credibility signals.
func sampleRecords(t *testing.T) ([]*record.Record, *lexicon.Lexicon) {
	t.Helper()
	lex, err := lexicon.Load(lexicon.Default)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := credibility.Load(credibility.Default)
	if err != nil {
		t.Fatal(err)
	}
	var recs []*record.Record
	src := func(emit func(*corpus.Article) error) error {
		_, err := corpus.Read(context.Background(), []string{"../../testdata/sample"}, corpus.Options{}, emit, func(corpus.Problem) {})
		return err
	}
	err = pipeline.Score(context.Background(), []*lexicon.Matcher{lexicon.Compile(lex)}, pipeline.Options{Credibility: credibility.Compile(rules)}, src,
		func(_ *corpus.Article, rs []*record.Record) error { recs = append(recs, rs...); return nil })
	if err != nil || len(recs) == 0 {
		t.Fatalf("scoring the sample: %v (%d records)", err, len(recs))
	}
	return recs, lex
}

// csvHeader writes recs in format with opt and returns the header.
func csvHeader(t *testing.T, recs []*record.Record, format string, opt record.WriterOptions) []string {
	t.Helper()
	var b bytes.Buffer
	w, err := record.NewWriter(&b, format, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	head, err := csv.NewReader(&b).Read()
	if err != nil {
		t.Fatal(err)
	}
	return head
}

// placeholders writes the ids in column names as "{}": each rule is a
// prefix, the ids that may follow it, and what may follow the id.
type placeholder struct {
	prefix string
	ids    []string
}

func normalizeColumns(cols []string, rules []placeholder) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c
		for _, r := range rules {
			for _, id := range r.ids {
				if rest, ok := strings.CutPrefix(c, r.prefix+id); ok && (rest == "" || rest[0] == '.') {
					out[i] = r.prefix + "{}" + rest
				}
			}
		}
	}
	return out
}

// TestCSVColumns checks the score CSV, the wide tables and the kwic CSV
// columns against their schemas, written from the scored sample.
func TestCSVColumns(t *testing.T) {
	recs, lex := sampleRecords(t)
	var axes, targets, entries []string
	for _, a := range lex.Axes {
		axes = append(axes, a.ID)
	}
	for _, tg := range lex.Targets {
		targets = append(targets, tg.ID)
	}
	for _, e := range lex.Entries {
		entries = append(entries, e.ID)
	}
	counts := lookup(t, "credibility-counts")
	var countNames []string
	for _, f := range counts.Fields {
		countNames = append(countNames, f.Name)
	}
	sides := slices.Sorted(maps.Keys(recs[0].Credibility.Sides))
	rules := []placeholder{
		{"stance.", axes}, {"target.", targets}, {"entry.", entries}, {"category.", lex.Categories},
		{"credibility.side.", sides}, {"credibility.", countNames}, {"lean.", axes},
	}
	t.Run("score-csv", func(t *testing.T) {
		head := normalizeColumns(csvHeader(t, recs, "csv", record.WriterOptions{}), rules)
		checkBothWays(t, lookup(t, "score-csv"), head, func(string) bool { return true })
	})
	t.Run("wide", func(t *testing.T) {
		var head []string
		for _, kind := range record.WideKinds {
			cols := normalizeColumns(csvHeader(t, recs, "csv", record.WriterOptions{Wide: kind, Lexicons: []*lexicon.Lexicon{lex}}), rules)
			for _, c := range cols {
				if !slices.Contains(head, c) {
					head = append(head, c)
				}
			}
		}
		checkBothWays(t, lookup(t, "wide"), head, func(string) bool { return true })
	})
	t.Run("kwic-csv", func(t *testing.T) {
		var b bytes.Buffer
		w, err := kwic.NewWriter(&b, "csv", axes)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		head := normalizeColumns(strings.Split(strings.TrimSpace(b.String()), ","), rules)
		// The JSON form is checked by TestStructs; every CSV column must be documented too.
		checkBothWays(t, lookup(t, "kwic"), head, func(string) bool { return false })
	})
}

// fullComparison has every optional part of a Comparison, so that the
// tidy CSV writes every kind of row.
func fullComparison() *aggregate.Comparison {
	f := func(v float64) *float64 { return &v }
	sum := aggregate.Summary{N: 3, Mean: f(0.1), SD: f(0.2), Median: f(0.1), Q1: f(0), Q3: f(0.2), IQR: f(0.2), CILow: f(0), CIHigh: f(0.3), CIMethod: "percentile bootstrap"}
	tests := []aggregate.AxisTests{{Axis: "ax", Target: "tg", Units: []string{"a", "b"}, Excluded: map[string]string{"c": "1 article"},
		KruskalWallis: &aggregate.Kruskal{H: 1, DF: 1, P: 0.3},
		Pairs:         []aggregate.Pair{{A: "a", B: "b", NA: 3, NB: 3, U: 4, P: 0.7, Exact: true, MinP: 0.1, PHolm: 0.7, CliffsDelta: 0.1, Sentence: "No reliable difference."}},
		MinPHolm:      0.1, Needed: 4,
		PairsOmitted: "too many units", Skipped: "every value the same"}}
	return &aggregate.Comparison{
		Schema: aggregate.StatsSchema, Lexicon: record.LexiconRef{Name: "l", Version: "1", SHA256: "ab"}, By: "outlet",
		Articles: 9, Duplicates: 1, Bootstrap: 10, Seed: 1, MinArticles: 3, Quantiles: "type 7", DateRange: [2]string{"2020-01-01", "2020-02-01"},
		Axes: []aggregate.Label{{ID: "ax", Label: "Axis"}}, Targets: []aggregate.Label{{ID: "tg", Label: "Target"}},
		Units: []aggregate.Unit{{Name: "a", Group: "g", Articles: 3, Tokens: 30, LoadedPer1k: sum,
			VoiceShare: map[record.Voice]float64{record.Author: 1, record.Quote: 0, record.Distanced: 0},
			Axes:       aggregate.NewSummaries(map[string]aggregate.Summary{"ax": sum}), Targets: aggregate.NewSummaries(map[string]aggregate.Summary{"tg": sum}),
			Credibility: &credibility.ProfileResult{AttributionsPer1k: f(1), UnsourcedShare: f(0.5), LoadedShare: f(0), QuoteShare: f(0.1),
				HedgesPer1k: f(1), CertaintyPer1k: f(1), IntensifiersPer1k: f(1), DebrisPerArticle: f(0),
				Sides: map[string]int{"wire": 1}, Cited: []credibility.NameCount{{Name: "Reuters", Count: 1}}},
			Tested: false, Excluded: "2 articles"}},
		Tests: tests, TargetTests: tests,
		Naming: []aggregate.Naming{{Target: "tg", Labels: []aggregate.NamingLabel{{Entry: "e", Label: "t", Loaded: true, Lean: map[string]float64{"ax": 0.5},
			Counts: map[string]int{"a": 1},
			Forms:  map[string][]aggregate.FormCount{"a": {{Form: "t", Count: 1}}}, Quoted: map[string][]aggregate.FormCount{"a": {{Form: "T", Count: 1}}},
			Distanced: map[string][]aggregate.FormCount{"a": {{Form: "t", Count: 1}}}}}, References: map[string]int{"a": 1}}},
		Distinctive: []aggregate.Distinctive{{Unit: "a", Terms: []aggregate.DistinctiveTerm{{Term: "w", Z: 2, Delta: 1, Count: 3, Others: 1}}}},
		Map:         &aggregate.OutletMap{Units: []aggregate.MapPoint{{Name: "a"}}, Entries: []aggregate.MapPoint{{Name: "e"}}, Inertia: [2]float64{0.6, 0.4}},
		Notes:       []string{"A note."},
		WithinEvents: &aggregate.WithinEvents{Window: "3d", Threshold: 0.2, Events: 8, MinShared: 6, Axes: []aggregate.WithinAxis{{
			Axis: "ax", Tested: 1, HolmShared: 7,
			Pairs: []aggregate.WithinPair{{A: "a", B: "b", Shared: 8, Paired: 8, MeanDiff: f(0.1), OverallDiff: f(0.2), V: f(30), P: f(0.02),
				Exact: true, PHolm: f(0.02), RankBiserial: f(0.8), OverallPHolm: f(0.01), Verdict: aggregate.VerdictNaming, Sentence: "They name it differently."}},
		}}},
		Trends: &aggregate.Trends{Period: "quarter", Periods: []string{"2020-Q1", "2020-Q2"}, Dated: 9, Undated: 1, MinArticles: 3, TestLevel: aggregate.TrendLevel,
			Axes: []aggregate.AxisTrends{{Axis: "ax", Units: []aggregate.UnitTrend{
				{Unit: "a", Cells: []aggregate.PeriodCell{{Period: "2020-Q1", Articles: 3, Summary: sum}, {Period: "2020-Q2", Articles: 1, Summary: aggregate.Summary{N: 1, Mean: f(0.2)}, Few: true}},
					Test:     &aggregate.TrendTest{N: 4, Tau: 0.5, Z: f(1.2), P: 0.2, PHolm: 0.2, Slope: f(0.1), From: f(0.1), To: f(0.2), FirstPeriod: "2020-Q1", LastPeriod: "2020-Q2", Direction: "rising"},
					Sentence: "a rose."},
				{Unit: "b", Skipped: "too few dated articles", Sentence: "Too few to tell."},
			}}}},
		Baseline: &aggregate.Baseline{Articles: 6, DateRange: [2]string{"2019-01-01", "2019-12-31"}, Alpha: 0.05, Rule: aggregate.ShiftRule,
			Axes: []aggregate.BaselineAxis{{Axis: "ax", Units: []aggregate.UnitShift{
				{Unit: "a", N: 3, BaselineN: 4, Mean: f(0.3), BaselineMean: f(0), Diff: f(0.3), CILow: f(0.1), CIHigh: f(0.5), CIMethod: "percentile bootstrap",
					U: 12, P: 0.03, Exact: true, PHolm: 0.03, CliffsDelta: 1, Shifted: true, Sentence: "a moved."},
				{Unit: "b", N: 1, BaselineN: 2, Skipped: "too few", Sentence: "Too few to tell."},
			}}},
			Shifted:  []string{"a (ax)"},
			Naming:   []aggregate.NamingShifts{{Unit: "a", Labels: []aggregate.LabelChange{{Target: "tg", Entry: "e", Label: "t", Forms: []aggregate.FormCount{{Form: "t", Count: 2}}, BaselineForms: []aggregate.FormCount{{Form: "t", Count: 1}}, Count: 2, BaselineCount: 1, Share: 1, BaselineShare: 0.5, Change: 0.5}}}},
			NewTerms: []aggregate.Distinctive{{Unit: "a", Terms: []aggregate.DistinctiveTerm{{Term: "w", Z: 2, Delta: 1, Count: 3, Others: 0}}}},
			Notes:    []string{"A baseline note."}},
	}
}

// TestStatsCSV checks the tidy CSV's columns and every kind of row it
// writes (section/statistic) against the stats-csv schema, both ways, and
// that each row puts a number or a text where the schema's type says.
func TestStatsCSV(t *testing.T) {
	var b bytes.Buffer
	if err := aggregate.WriteComparison(&b, fullComparison(), "csv"); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	s := lookup(t, "stats-csv")
	got := slices.Clone(rows[0])
	for _, r := range rows[1:] {
		section, stat := r[0], r[5]
		switch section {
		case "loaded_per_1k", "axis", "target":
			section = "{}"
		case "voice_share":
			stat = "{}"
		}
		if rest, ok := strings.CutPrefix(section, "axis_"); ok {
			section = "{}_" + rest
		} else if rest, ok := strings.CutPrefix(section, "target_"); ok {
			section = "{}_" + rest
		}
		name := section + "/" + stat
		if !slices.Contains(got, name) {
			got = append(got, name)
		}
		if f := s.Field(name); f != nil {
			text := f.Type == "text" || f.Type == "boolean" || strings.Contains(f.Type, "and text")
			number := f.Type != "text"
			if (r[6] != "") != number || (r[7] != "") != text {
				t.Errorf("row %v: value %q, text %q; the codebook says %s", r[:6], r[6], r[7], f.Type)
			}
		}
	}
	checkBothWays(t, s, got, func(string) bool { return true })
}

// TestMarkdown checks that docs/codebook.md is generated from the current
// codebook; go test -update rewrites it.
func TestMarkdown(t *testing.T) {
	var b bytes.Buffer
	if err := codebook.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(markdownPath, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(markdownPath)
	if err != nil {
		t.Fatalf("%v (go test ./internal/codebook -update writes it)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("%s is not what codebook.yaml generates: run go test ./internal/codebook -update", markdownPath)
	}
}
