package view

import (
	"testing"

	"github.com/compare-tool/compare/internal/record"
)

func TestMarksAndLegend(t *testing.T) {
	text := "The régime and the regime met rebels."
	m := func(start, end int, entry string, voice record.Voice, loaded bool) record.MatchRecord {
		return record.MatchRecord{Start: start, End: end, Text: text[start:end], Entry: entry, Voice: voice, Loaded: loaded}
	}
	r := &record.Record{Text: text, Matches: []record.MatchRecord{
		m(20, 26, "regime", record.Author, true),               // the second "regime", given first
		m(4, 11, "regime", record.Author, true),                // "régime"
		m(4, 8, "short", record.Author, true),                  // same start: the first in the record wins
		m(8, 15, "overlap", record.Author, true),               // overlaps "régime"
		{Start: 31, End: 37, Text: "forged", Entry: "x"},       // not the text at its offsets
		{Start: 5, End: 7, Text: text[5:7], Entry: "cut"},      // cuts é in half
		{Start: 30, End: 99, Text: "out of range", Entry: "y"}, // past the end
		m(31, 37, "rebels", record.Quote, true),                // "rebels"
		m(0, 3, "the", record.Author, false),                   // neutral
	}}
	marks := Marks(r)
	var got []string
	for _, mk := range marks {
		got = append(got, mk.Entry)
	}
	want := []string{"the", "regime", "regime", "rebels"}
	if len(got) != len(want) {
		t.Fatalf("marks %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("marks %v, want %v", got, want)
		}
	}
	if r.Matches[0].Start != 20 {
		t.Error("Marks reordered the record's matches")
	}
	legend := Legend(marks)
	if len(legend) != 2 || legend[0].Match.Entry != "regime" || legend[0].Count != 2 || legend[1].Match.Entry != "rebels" || legend[1].Count != 1 {
		t.Errorf("legend %+v", legend)
	}
}

func TestRemove(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a\x1b[31mb\u202ec\rd\n\te", "a[31mbcd\n\te"},
	}
	for _, tt := range tests {
		if got := Remove(tt.in, IsControl); got != tt.want {
			t.Errorf("Remove(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
