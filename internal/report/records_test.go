package report

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/record"
)

// TestRecordsSample checks that each unit keeps the articles with the
// smallest hashes as its sample, whatever their order, that the sample
// comes back whole from the temporary file, and that every article stays
// for the charts.
func TestRecordsSample(t *testing.T) {
	opt := DefaultOptions()
	opt.ArticlesPerUnit = 3
	var recs []*record.Record
	for i := range 40 {
		recs = append(recs, &record.Record{ID: fmt.Sprintf("id-%02d", i), Outlet: []string{"a", "b"}[i%3/2],
			Title: fmt.Sprintf("title %d", i), Text: fmt.Sprintf("text %d", i),
			Matches: []record.MatchRecord{{Entry: "e", Start: 0, End: 4, Text: "text"}},
			Stance:  map[string]record.AxisScore{"x": {Score: float64(i) / 40, N: 1}, "y": {}}})
	}
	sampleOf := func(t *testing.T, recs []*record.Record) map[string][]string {
		g, err := GatherRecords("outlet", recs, opt)
		if err != nil {
			t.Fatal(err)
		}
		spill := g.spill.Name()
		defer func() {
			if err := g.Close(); err != nil {
				t.Error(err)
			}
			if _, err := os.Stat(spill); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("Close left the temporary file %s (%v)", spill, err)
			}
		}()
		if g.Len() != len(recs) {
			t.Fatalf("kept %d rows of %d records", g.Len(), len(recs))
		}
		out := map[string][]string{}
		for _, u := range g.units {
			var ids []string
			for _, c := range u.cands {
				r, err := g.load(c)
				if err != nil {
					t.Fatal(err)
				}
				if r.Text == "" || len(r.Matches) != 1 || r.Stance["x"].N != 1 {
					t.Errorf("sample record %s came back as %+v", r.ID, r)
				}
				ids = append(ids, r.ID)
			}
			slices.Sort(ids)
			out[u.name] = ids
		}
		return out
	}
	forward := sampleOf(t, recs)
	want := map[string][]string{}
	for _, u := range []string{"a", "b"} {
		var unit []*record.Record
		for _, r := range recs {
			if r.Outlet == u {
				unit = append(unit, r)
			}
		}
		slices.SortFunc(unit, func(x, y *record.Record) int { return cmp.Compare(sampleHash(1, x), sampleHash(1, y)) })
		for _, r := range unit[:3] {
			want[u] = append(want[u], r.ID)
		}
		slices.Sort(want[u])
	}
	if !reflect.DeepEqual(forward, want) {
		t.Errorf("samples %v, want the smallest hashes %v", forward, want)
	}
	reversed := slices.Clone(recs)
	slices.Reverse(reversed)
	backward := sampleOf(t, reversed)
	if !reflect.DeepEqual(backward, forward) {
		t.Errorf("reversed input gave samples %v, want %v", backward, forward)
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
