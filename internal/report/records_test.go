package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/record"
)

// TestRecords checks that the records past a unit's article views lose
// their text and matches but stay for the charts.
func TestRecords(t *testing.T) {
	keep := NewRecords("outlet", 2)
	for _, o := range []string{"a", "a", "b", "a"} {
		keep.Add(&record.Record{Outlet: o, Text: "text", Matches: []record.MatchRecord{{Entry: "e"}}})
	}
	var got []string
	for _, r := range keep.List {
		got = append(got, r.Outlet+":"+r.Text)
	}
	if strings.Join(got, " ") != "a:text a:text b:text a:" || keep.List[3].Matches != nil {
		t.Errorf("kept %v", got)
	}
}

// TestWriteOtherLexicon checks that a lexicon other than the records'
// gives no notes, and that the report says it has none.
func TestWriteOtherLexicon(t *testing.T) {
	in := tinyInput(t, false)
	other := *in.Lexicon
	other.Hash = "0000"
	for _, lexIn := range []Input{{Comparison: in.Comparison, Records: in.Records}, {Comparison: in.Comparison, Records: in.Records, Lexicon: &other}} {
		var buf bytes.Buffer
		if err := Write(&buf, lexIn, DefaultOptions()); err != nil {
			t.Fatal(err)
		}
		page := buf.String()
		if !strings.Contains(page, "was not available, so terms show no neutral alternatives") || strings.Contains(page, "Calls a government illegitimate") {
			t.Errorf("without the records' lexicon (%v), the report shows its notes or does not say so", lexIn.Lexicon != nil)
		}
	}
}
