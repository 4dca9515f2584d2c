package view

import (
	"testing"

	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

func TestPlainStance(t *testing.T) {
	ax := lexicon.Axis{ID: "tehran-damascus", Negative: "the vocabulary of their opponents (opposition, Western critics)",
		Positive: "the vocabulary of Iranian and Syrian state media"}
	tests := []struct {
		name string
		ax   lexicon.Axis
		s    record.AxisScore
		want string
	}{
		{"negative, its end in parentheses", ax, record.AxisScore{Score: -0.35, N: 23},
			"Leans toward the vocabulary of their opponents (opposition, Western critics; −0.35, from 23 naming choices)"},
		{"positive", ax, record.AxisScore{Score: 0.9, N: 1}, "Leans toward the vocabulary of Iranian and Syrian state media (+0.90, from 1 naming choice)"},
		{"balanced", ax, record.AxisScore{N: 4}, "Balanced between the two vocabularies (0.00, from 4 naming choices)"},
		{"no evidence", ax, record.AxisScore{}, "No naming choice on this axis in the outlet's own voice"},
		{"axis without its ends", lexicon.Axis{ID: "pro-gov"}, record.AxisScore{Score: -0.5, N: 2}, "Leans toward the negative end of pro-gov (−0.50, from 2 naming choices)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PlainStance(tt.ax, tt.s); got != tt.want {
				t.Errorf("PlainStance = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNotes(t *testing.T) {
	lex, err := lexicon.LoadFile("../lexicon/testdata/tiny.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := "The regime and the regime and the government."
	m := func(start, end int, entry, target string, c float64, loaded bool) record.MatchRecord {
		return record.MatchRecord{Start: start, End: end, Text: text[start:end], Entry: entry, Target: target, Voice: record.Author,
			Contrib: map[string]float64{"pro-gov": c}, Loaded: loaded}
	}
	r := &record.Record{Text: text, Matches: []record.MatchRecord{
		m(4, 10, "regime", "gov", -1, true), m(19, 25, "regime", "gov", -0.3, true), m(34, 44, "government", "gov", 0, false)}}
	marks := Marks(r)
	ns := MakeNotes(marks, lex, lex.Axes[0])
	if len(ns.Items) != 1 {
		t.Fatalf("%d notes, want 1", len(ns.Items))
	}
	n := ns.Items[0]
	if n.Number != 1 || n.Count != 2 || n.Target != "The government" || n.Level != -2 || n.Teaching != "Calls a government illegitimate." ||
		len(n.Neutral) != 1 || n.Lean != "leans strongly toward the opposition's words" {
		t.Errorf("note %+v", n)
	}
	if ns.Of(marks[1]) != &ns.Items[0] || ns.Of(marks[2]) != nil {
		t.Error("Of: the second regime should cite note 1 and the neutral term none")
	}
}
