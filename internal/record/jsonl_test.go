package record_test

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/stance"
)

// scorer returns a scorer of the default lexicon with credibility signals.
func scorer(t testing.TB) *stance.Scorer {
	t.Helper()
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
	return s
}

// write writes recs in format and returns the output.
func write(t testing.TB, format string, recs ...*record.Record) []byte {
	t.Helper()
	return writeWith(t, format, record.WriterOptions{}, recs...)
}

// writeWith writes recs in format with opt and returns the output.
func writeWith(t testing.TB, format string, opt record.WriterOptions, recs ...*record.Record) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := record.NewWriter(&buf, format, opt)
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
	return buf.Bytes()
}

// TestWriteIsEncodingJSON holds the jsonl and json formats to the bytes
// encoding/json writes for a Record (Marshal, MarshalIndent), which every
// score file written so far has: on scored articles with credibility
// signals and on edge cases (HTML characters, line separators, invalid
// UTF-8, control characters, tiny and huge numbers, negative zero, nil
// and empty maps).
func TestWriteIsEncodingJSON(t *testing.T) {
	s := scorer(t)
	texts := []string{
		"The mullahs’ regime sent mercenaries, said “Takfiri terrorists” <b>&</b> fled, officials said.\nShare\n",
		"Bad \xff UTF-8 \u2028 line \u2029 sep \x01 ctrl \\ back \"quote\"",
		"",
		"Leader of the Islamic Revolution Ayatollah Seyyed Ali Khamenei said the Syrian government would prevail, according to SANA.",
	}
	var recs []*record.Record
	for i, text := range texts {
		a := &corpus.Article{ID: "a", Outlet: "o<&>", Text: text, Meta: map[string]string{"k": "v", "\U0001F600": "b", "\uffff": "c"},
			Group: "g", Title: "t", Date: "2016", URL: "u", Source: "s:1"}
		if i == 0 {
			a.Dropped = []corpus.Span{{Start: len(text) - 6, End: len(text) - 1, Reason: "debris: share"}}
		}
		if i == 1 {
			a.Source = "caf\xe9.txt:1" // a file name that is not UTF-8
		}
		recs = append(recs, s.Score(a))
	}
	f, big := 1e-7, 3e21
	recs = append(recs,
		&record.Record{Schema: record.Schema, LoadedPer1k: 1.5e-9, Targets: map[string]record.TargetScore{"x": {Framing: &f, QuoteFraming: &big}}},
		&record.Record{Schema: record.Schema, LoadedPer1k: math.Copysign(0, -1), Matches: []record.MatchRecord{{Contrib: map[string]float64{}}}},
	)
	var wantL, wantJ bytes.Buffer
	wantJ.WriteString("[\n  ")
	for i, r := range recs {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		wantL.Write(append(b, '\n'))
		if got := write(t, "jsonl", r); !bytes.Equal(got, append(b, '\n')) {
			t.Errorf("jsonl record %d:\n got %s\nwant %s", i, got, b)
		}
		ib, err := json.MarshalIndent(r, "  ", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			wantJ.WriteString(",\n  ")
		}
		wantJ.Write(ib)
	}
	wantJ.WriteString("\n]\n")
	if got := write(t, "jsonl", recs...); !bytes.Equal(got, wantL.Bytes()) {
		t.Error("jsonl stream differs from encoding/json")
	}
	if got := write(t, "json", recs...); !bytes.Equal(got, wantJ.Bytes()) {
		t.Errorf("json array differs from encoding/json:\n got %.400s\nwant %.400s", got, wantJ.Bytes())
	}
	if got := write(t, "json"); string(got) != "[\n]\n" {
		t.Errorf("empty json array: %q", got)
	}
}

// TestWriteReadRoundTrip writes scored records and reads them back: every
// field, Loaded included, comes through.
func TestWriteReadRoundTrip(t *testing.T) {
	s := scorer(t)
	var recs []*record.Record
	for _, text := range []string{
		"The mullahs’ regime sent “military advisers”, officials said. Share\n\nAdvertisement",
		"Tehran & Damascus: the so-called rebels <b>attacked</b>, according to SANA.",
	} {
		recs = append(recs, s.Score(&corpus.Article{ID: "x", Outlet: "o", Text: text, Meta: map[string]string{"k": "v"},
			Dropped: []corpus.Span{{Start: 0, End: 1, Reason: "test"}}}))
	}
	var got []*record.Record
	err := record.ReadRecords(bytes.NewReader(write(t, "jsonl", recs...)), "rt", func(r *record.Record) error {
		got = append(got, r)
		return nil
	})
	if err != nil || len(got) != len(recs) {
		t.Fatalf("read %d of %d: %v", len(got), len(recs), err)
	}
	for i := range recs {
		a, _ := json.Marshal(recs[i])
		b, _ := json.Marshal(got[i])
		if !bytes.Equal(a, b) {
			t.Errorf("record %d changed:\n%s\n%s", i, a, b)
		}
		loaded := 0
		for j, m := range got[i].Matches {
			if m.Loaded != recs[i].Matches[j].Loaded {
				t.Errorf("record %d match %d: Loaded %v after reading, %v when scored", i, j, m.Loaded, recs[i].Matches[j].Loaded)
			}
			if m.Loaded {
				loaded++
			}
		}
		if loaded != got[i].Loaded || got[i].Credibility == nil {
			t.Errorf("record %d: %d loaded matches, loaded %d, credibility %v", i, loaded, got[i].Loaded, got[i].Credibility)
		}
	}
}

// FuzzWriteJSONL scores arbitrary text and checks that the jsonl format
// writes what encoding/json writes.
func FuzzWriteJSONL(f *testing.F) {
	s := scorer(f)
	for _, seed := range []string{"the mullahs’ regime <&>", "\xff\u2028“martyrs”", "so-called \"rebels\"\n\n“x, officials said"} {
		f.Add(seed, "outlet")
	}
	f.Fuzz(func(t *testing.T, text, outlet string) {
		r := s.Score(&corpus.Article{ID: text, Outlet: outlet, Text: text})
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if got := write(t, "jsonl", r); !bytes.Equal(got, append(want, '\n')) {
			t.Fatalf("\n got %s\nwant %s", got, want)
		}
		if strings.Count(string(write(t, "jsonl", r, r)), "\n") != 2 {
			t.Fatal("not one record a line")
		}
	})
}
