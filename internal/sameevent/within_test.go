package sameevent

import (
	"context"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/record"
)

// TestWithin checks what Within keeps, when it groups and what it notes
// when it cannot: without texts, past Max, and with some texts missing.
func TestWithin(t *testing.T) {
	withText := func(r *record.Record, text string) *record.Record { r.Text = text; return r }
	event := " The attack on Khan Touman, south of Aleppo, killed thirteen members of the Revolutionary Guard from Mazandaran, and 21 were wounded."
	three := []*record.Record{
		withText(rec("h1", "tehran-herald", "2016-05-07", 0.8, 5), "Takfiri terrorists stormed the village."+event),
		withText(rec("w1", "wire-desk", "2016-05-07", 0, 3), "Rebels seized the town."+event),
		withText(rec("o1", "levant-observer", "2016-05-06", -0.6, 4), "Opposition forces took the town."+event),
	}
	tests := []struct {
		name      string
		max       int
		records   []*record.Record
		grouped   bool
		wantNotes []string
	}{
		{"no text", 0, []*record.Record{rec("a", "x", "2016-05-07", 0, 1), rec("b", "y", "2016-05-07", 0, 1)}, false,
			[]string{"No record has its text"}},
		{"past max", 2, three, false,
			[]string{"3 records have text, more than the 2 that --max-event-articles"}},
		{"at max", 3, three, true, nil},
		{"some without text", 0, append(three[:3:3], rec("n1", "wire-desk", "2016-05-08", 0, 1)), true,
			[]string{"1 record has no text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &Within{By: "outlet", Max: tt.max}
			for _, r := range tt.records {
				if err := w.Add(r); err != nil {
					t.Fatal(err)
				}
			}
			cmp := &aggregate.Comparison{Units: []aggregate.Unit{{Name: "tehran-herald"}, {Name: "wire-desk"}, {Name: "levant-observer"}}}
			res, err := w.Compare(context.Background(), cmp, Options{Lexicon: testLexicon(t)})
			if err != nil {
				t.Fatal(err)
			}
			if got := res != nil; got != tt.grouped {
				t.Fatalf("grouped %v, want %v; notes %q", got, tt.grouped, cmp.Notes)
			}
			if tt.grouped && (cmp.WithinEvents == nil || len(res.Events) != 1 || len(res.Events[0].Articles) != 3) {
				t.Errorf("within events %v, result %+v: want one event of the three reports", cmp.WithinEvents, res)
			}
			if !tt.grouped && cmp.WithinEvents != nil {
				t.Errorf("compared within events although nothing was grouped")
			}
			if len(cmp.Notes) != len(tt.wantNotes) {
				t.Fatalf("notes %q, want %d", cmp.Notes, len(tt.wantNotes))
			}
			for i, want := range tt.wantNotes {
				if !strings.HasPrefix(cmp.Notes[i], want) {
					t.Errorf("note %q, want it to begin %q", cmp.Notes[i], want)
				}
			}
			if w.arts != nil {
				t.Errorf("%d articles still held after Compare", len(w.arts))
			}
		})
	}
}
