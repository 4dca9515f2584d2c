package record

import (
	"slices"
	"testing"
)

func TestDuplicates(t *testing.T) {
	lexA := LexiconRef{Name: "a", SHA256: "aaa"}
	lexB := LexiconRef{Name: "a", SHA256: "bbb"}
	type read struct {
		file   string
		line   int
		rec    Record
		kept   bool
		repeat string // the duplicate's message, when left out
	}
	reads := []read{
		{"a.jsonl", 1, Record{ID: "1", Outlet: "x", Lexicon: lexA}, true, ""},
		{"a.jsonl", 2, Record{ID: "1", Outlet: "y", Lexicon: lexA}, true, ""}, // another outlet's article 1
		{"a.jsonl", 3, Record{ID: "1", Outlet: "x", Lexicon: lexB}, true, ""}, // another lexicon
		{"a.jsonl", 4, Record{ID: "", Outlet: "x", Lexicon: lexA}, true, ""},  // no id: never a duplicate
		{"a.jsonl", 5, Record{ID: "", Outlet: "x", Lexicon: lexA}, true, ""},
		{"b.jsonl", 1, Record{ID: "1", Outlet: "x", Lexicon: lexA}, false,
			`b.jsonl:1: record "1" of x repeats a.jsonl:1 (same outlet, id and lexicon): left out`},
		// a.jsonl given again: a second reading.
		{"a.jsonl", 2, Record{ID: "1", Outlet: "y", Lexicon: lexA}, false,
			`a.jsonl:2 (reading 2 of the file): record "1" of y repeats a.jsonl:2 (same outlet, id and lexicon): left out`},
		{"a.jsonl", 7, Record{ID: "2", Outlet: "y", Lexicon: lexA}, true, ""},
	}
	var d Duplicates
	var want []string
	for _, r := range reads {
		if got := d.Keep(&r.rec, r.file, r.line); got != r.kept {
			t.Errorf("%s:%d %+v: kept %v, want %v", r.file, r.line, r.rec, got, r.kept)
		}
		if r.repeat != "" {
			want = append(want, r.repeat)
		}
	}
	var got []string
	for _, f := range d.Found {
		got = append(got, f.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("found:\n%q\nwant\n%q", got, want)
	}
}
