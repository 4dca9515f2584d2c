package record_test

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/stance"
)

var appendRecord = record.AppendRecord

// TestAppendRecord holds the hand-written encoder to the bytes of
// encoding/json, on scored articles and on edge cases.
func TestAppendRecord(t *testing.T) {
	lex, err := lexicon.Load(lexicon.Default)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := credibility.Load(credibility.Default)
	if err != nil {
		t.Fatal(err)
	}
	s := stance.NewScorer(lexicon.Compile(lex))
	s.SetCredibility(credibility.Compile(rules))
	texts := []string{
		"The mullahs’ regime sent mercenaries, said “Takfiri terrorists” <b>&</b> fled.\nShare\n",
		"Bad \xff UTF-8 \u2028 line \u2029 sep \x01 ctrl \\ back \"quote\"",
		"",
		"Leader of the Islamic Revolution Ayatollah Seyyed Ali Khamenei said the Syrian government would prevail.",
	}
	recs := []*record.Record{}
	for i, text := range texts {
		a := &corpus.Article{ID: "a", Outlet: "o<&>", Text: text, Meta: map[string]string{"k": "v"}, Group: "g", Title: "t", Date: "2016", URL: "u", Source: "s:1"}
		if i == 0 {
			a.Dropped = []corpus.Span{{Start: len(text) - 6, End: len(text) - 1, Reason: "debris: share"}}
		}
		recs = append(recs, s.Score(a))
	}
	f := 1e-7
	big := 3e21
	recs = append(recs, &record.Record{Schema: record.Schema, LoadedPer1k: 1.5e-9, Targets: map[string]record.TargetScore{"x": {Framing: &f, QuoteFraming: &big}}},
		&record.Record{Schema: record.Schema, LoadedPer1k: math.Copysign(0, -1)})
	for i, r := range recs {
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendRecord(nil, r)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("record %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

// FuzzAppendRecord scores arbitrary text and checks that the hand-written
// encoder writes what encoding/json writes.
func FuzzAppendRecord(f *testing.F) {
	lex, err := lexicon.Load(lexicon.Default)
	if err != nil {
		f.Fatal(err)
	}
	s := stance.NewScorer(lexicon.Compile(lex))
	for _, seed := range []string{"the mullahs’ regime <&>", "\xff\u2028“martyrs”", "so-called \"rebels\"\n\n“x"} {
		f.Add(seed, "outlet")
	}
	f.Fuzz(func(t *testing.T, text, outlet string) {
		r := s.Score(&corpus.Article{ID: text, Outlet: outlet, Text: text})
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendRecord(nil, r)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("\n got %s\nwant %s", got, want)
		}
	})
}
