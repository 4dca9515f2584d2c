package aggregate

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

// TestCollector checks which records a Collector keeps for each kind of
// --lexicon, what it says of the others, and which lexicon labels them.
func TestCollector(t *testing.T) {
	builtin, err := lexicon.Load(lexicon.Default)
	if err != nil {
		t.Fatal(err)
	}
	small, err := lexicon.LoadFile("../lexicon/testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rec := func(id string, lex *lexicon.Lexicon) *record.Record {
		return &record.Record{Schema: record.Schema, ID: id, Outlet: "o" + id,
			Lexicon: record.LexiconRef{Name: lex.Name, Version: lex.Version, SHA256: lex.Hash}}
	}
	recs := []*record.Record{rec("1", builtin), rec("2", small), rec("3", builtin)}
	tests := []struct {
		name, ref string
		kept      []string
		lexicon   string // name of the lexicon returned
		note      string // start of the note on records left out
		err       string
	}{
		{name: "any, first decides", ref: "", err: "record scored with lexicon small"},
		{name: "built-in name", ref: lexicon.Default, kept: []string{"1", "3"}, lexicon: lexicon.Default,
			note: "Left out, as --lexicon " + lexicon.Default + " asked: 1 records of small"},
		{name: "file, by content", ref: "../lexicon/testdata/small.yaml", kept: []string{"2"}, lexicon: "small",
			note: "Left out, as --lexicon ../lexicon/testdata/small.yaml asked: 2 records of " + lexicon.Default},
		{name: "name of no built-in", ref: "small", kept: []string{"2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			col, err := NewCollector(options(func(o *Options) { o.Bootstrap = 0 }), tt.ref)
			if err != nil {
				t.Fatal(err)
			}
			var kept []string
			for _, r := range recs {
				ok, err := col.Add(r)
				if err != nil {
					if tt.err == "" || !strings.Contains(err.Error(), tt.err) {
						t.Fatalf("Add(%s): %v", r.ID, err)
					}
					return
				}
				if ok {
					kept = append(kept, r.ID)
				}
			}
			if tt.err != "" {
				t.Fatalf("no error, want %q", tt.err)
			}
			cmp, lex, err := col.Result()
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(kept, tt.kept) || cmp.Articles != len(tt.kept) {
				t.Errorf("kept %v (%d articles), want %v", kept, cmp.Articles, tt.kept)
			}
			name := ""
			if lex != nil {
				name = lex.Name
			}
			if name != tt.lexicon {
				t.Errorf("lexicon %q, want %q", name, tt.lexicon)
			}
			if tt.note != "" && !slices.ContainsFunc(cmp.Notes, func(n string) bool { return strings.HasPrefix(n, tt.note) }) {
				t.Errorf("no note %q in %q", tt.note, cmp.Notes)
			}
		})
	}
}

func TestCollectorNoRecords(t *testing.T) {
	col, err := NewCollector(DefaultOptions(), lexicon.Default)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := col.Result(); !errors.Is(err, ErrNoRecords) || err.Error() != "no score records to compare" {
		t.Errorf("no records: %v", err)
	}
	col.Add(&record.Record{Schema: record.Schema, ID: "x", Lexicon: record.LexiconRef{Name: "other", Version: "2", SHA256: "abcdef0123456789"}})
	want := "no record was scored with lexicon " + lexicon.Default + "; the input holds 1 records of other 2 (sha256 abcdef012345…)"
	if _, _, err := col.Result(); !errors.Is(err, ErrNoRecords) || err.Error() != want {
		t.Errorf("all left out: %v, want %q", err, want)
	}
}
