package kwic

import (
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/record"
)

// TestLines checks the context window at the edges of a text, across line
// breaks, and each filter.
func TestLines(t *testing.T) {
	text := "One two three\nfour the Mullahs’ regime five,\n\tsix seven"
	at := strings.Index(text, "Mullahs")
	end := at + len("Mullahs’ regime")
	rec := &record.Record{ID: "a", Outlet: "o", Text: text, TextLine: 3, Matches: []record.MatchRecord{
		{Start: 0, End: 3, Line: 1, Col: 1, Text: "One", Entry: "one", Target: "t", Voice: record.Author},
		{Start: at, End: end, Line: 2, Col: 10, Text: text[at:end], Entry: "mullahs-regime", Target: "gov", Voice: record.Quote, Loaded: true},
		{Start: len(text) - 5, End: len(text), Line: 3, Col: 6, Text: "seven", Entry: "seven", Target: "t", Voice: record.Author},
	}}
	tests := []struct {
		name   string
		filter Filter
		window int
		want   []string // pre|keyword|post, line
	}{
		{"all, two words", Filter{}, 2, []string{"|One|two three 3", "four the|Mullahs’ regime|five, six 4", "five, six|seven| 5"}},
		{"window 0", Filter{Entry: "seven"}, 0, []string{"|seven| 5"}},
		{"default window", Filter{Target: "gov"}, -1, []string{"One two three four the|Mullahs’ regime|five, six seven 4"}},
		{"term folds", Filter{Term: "mullahs' REGIME"}, 1, []string{"the|Mullahs’ regime|five 4"}},
		{"term is whole", Filter{Term: "mullahs"}, 1, nil},
		{"voice", Filter{Voice: record.Author}, 1, []string{"|One|two 3", "six|seven| 5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, err := NewFinder(tt.filter, tt.window).Lines(rec)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range lines {
				got = append(got, l.Pre+"|"+l.Keyword+"|"+l.Post+" "+itoa(l.Line))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
	rec.Text = ""
	if _, err := NewFinder(Filter{}, 1).Lines(rec); err == nil {
		t.Error("a record without text gave lines")
	}
}
