package corpus

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/dates"
)

// dateFormats are the date forms real feeds and archives carry, each with
// the ISO 8601 date it normalises to.
var dateFormats = []struct {
	name, text, want string
}{
	{"rfc3339", "2024-06-04T10:00:00+02:00", "2024-06-04T08:00:00Z"},
	{"rfc3339 utc", "2024-06-04T10:00:00Z", "2024-06-04T10:00:00Z"},
	{"rfc1123 zone name", "Tue, 04 Jun 2024 10:00:00 GMT", "2024-06-04T10:00:00Z"},
	{"rfc1123 numeric zone", "Tue, 04 Jun 2024 10:00:00 -0400", "2024-06-04T14:00:00Z"},
	{"rfc822 zone name", "04 Jun 24 10:00 EDT", "2024-06-04T14:00:00Z"},
	{"month day year", "June 4, 2024", "2024-06-04"},
	{"day month year", "4 June 2024", "2024-06-04"},
	{"iso date", "2024-06-04", "2024-06-04"},
	{"unix seconds", "1717495200", "2024-06-04T10:00:00Z"},
	{"jekyll front matter", "2024-06-04 10:00:00 +0200", "2024-06-04T08:00:00Z"},
}

// dateReaders write one article whose date field holds text, in one of
// the formats Read knows, and return the file's name.
var dateReaders = []struct {
	name  string
	write func(dir, text string) string
}{
	{"front matter", func(dir, text string) string {
		return writeFile(dir, "a.md", "---\noutlet: Alpha\ndate: "+text+"\n---\nThe council met on Tuesday.\n")
	}},
	{"jsonl", func(dir, text string) string {
		return writeFile(dir, "a.jsonl", fmt.Sprintf(`{"outlet":"Alpha","date":%s,"text":"The council met."}`+"\n", jsonString(text)))
	}},
	{"jsonl publish_date", func(dir, text string) string {
		return writeFile(dir, "a.jsonl", fmt.Sprintf(`{"media_name":"Alpha","publish_date":%s,"text":"The council met."}`+"\n", jsonString(text)))
	}},
	{"json", func(dir, text string) string {
		return writeFile(dir, "a.json", fmt.Sprintf(`[{"outlet":"Alpha","published":%s,"text":"The council met."}]`, jsonString(text)))
	}},
	{"csv", func(dir, text string) string {
		return writeFile(dir, "a.csv", "outlet,date,text\nAlpha,\""+text+"\",The council met.\n")
	}},
	{"tsv", func(dir, text string) string {
		return writeFile(dir, "a.tsv", "outlet\tpublished_at\ttext\nAlpha\t"+text+"\tThe council met.\n")
	}},
	{"html meta", func(dir, text string) string {
		return writeFile(dir, "a.html", `<!DOCTYPE html><html><head><title>Council</title>
<meta property="og:site_name" content="Alpha">
<meta property="article:published_time" content="`+html.EscapeString(text)+`">
</head><body><article><h1>Council</h1><p>`+strings.Repeat("The council met on Tuesday to approve the budget for the coming year. ", 8)+`</p></article></body></html>`)
	}},
	{"html time", func(dir, text string) string {
		return writeFile(dir, "a.html", `<!DOCTYPE html><html><head><title>Council</title>
<meta property="og:site_name" content="Alpha">
</head><body><article><h1>Council</h1><time datetime="`+html.EscapeString(text)+`">today</time><p>`+strings.Repeat("The council met on Tuesday to approve the budget for the coming year. ", 8)+`</p></article></body></html>`)
	}},
	{"html json-ld", func(dir, text string) string {
		ld, _ := json.Marshal(map[string]string{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council", "datePublished": text})
		return writeFile(dir, "a.html", `<!DOCTYPE html><html><head><title>Council</title>
<meta property="og:site_name" content="Alpha">
<script type="application/ld+json">`+string(ld)+`</script>
</head><body><article><h1>Council</h1><p>`+strings.Repeat("The council met on Tuesday to approve the budget for the coming year. ", 8)+`</p></article></body></html>`)
	}},
	{"html json-ld graph", func(dir, text string) string {
		ld, _ := json.Marshal(map[string]any{"@context": "https://schema.org", "@graph": []any{
			map[string]string{"@type": "WebSite", "name": "Alpha"},
			map[string]string{"@type": "NewsArticle", "headline": "Council", "datePublished": text}}})
		return writeFile(dir, "a.html", `<!DOCTYPE html><html><head><title>Council</title>
<meta property="og:site_name" content="Alpha">
<meta name="date" content="1999-01-01">
<script type="application/ld+json">`+string(ld)+`</script>
</head><body><article><h1>Council</h1><p>`+strings.Repeat("The council met on Tuesday to approve the budget for the coming year. ", 8)+`</p></article></body></html>`)
	}},
}

func writeFile(dir, name, content string) string {
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		panic(err)
	}
	return p
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// readOne reads the one article of path and the problems reported.
func readOne(t *testing.T, path string, opts Options) (*Article, []Problem) {
	t.Helper()
	var got []*Article
	var problems []Problem
	_, err := Read(context.Background(), []string{path}, opts, func(a *Article) error {
		got = append(got, a)
		return nil
	}, func(p Problem) { problems = append(problems, p) })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("read %d articles from %s, want 1 (problems %v)", len(got), path, problems)
	}
	return got[0], problems
}

// TestReadDates reads every date format through every reader: the date
// is normalised to ISO 8601 and the text as written is kept.
func TestReadDates(t *testing.T) {
	for _, rd := range dateReaders {
		for _, f := range dateFormats {
			t.Run(rd.name+"/"+f.name, func(t *testing.T) {
				a, problems := readOne(t, rd.write(t.TempDir(), f.text), Options{})
				if len(problems) > 0 {
					t.Errorf("problems: %v", problems)
				}
				if got := a.Published.String(); got != f.want {
					t.Errorf("Published = %q, want %q (Date %q)", got, f.want, a.Date)
				}
				if a.Date != f.text || a.Published.Source != dates.SourceText {
					t.Errorf("Date %q from %v, want %q as written", a.Date, a.Published.Source, f.text)
				}
			})
		}
	}
}

// TestReadDateNumber reads Unix seconds written as a JSON number.
func TestReadDateNumber(t *testing.T) {
	path := writeFile(t.TempDir(), "a.jsonl", `{"outlet":"Alpha","date":1717495200,"text":"The council met."}`+"\n")
	a, _ := readOne(t, path, Options{})
	if got := a.Published.String(); got != "2024-06-04T10:00:00Z" {
		t.Errorf("Published = %q", got)
	}
}

// TestReadDateFallbacks covers the URL fallback, the day/month order and
// the dates that cannot be read, which are warnings: the article is still
// read.
func TestReadDateFallbacks(t *testing.T) {
	tests := []struct {
		name     string
		date     string
		url      string
		order    dates.Order
		want     string // Published
		source   dates.Source
		reason   string // of the one warning, "" for none
		field    string
		inReason string // part of the warning's message
	}{
		{name: "url when no date", url: "https://example.org/news/2024/06/04/council", want: "2024-06-04", source: dates.SourceURL},
		{name: "url compact", url: "https://example.org/20240604/council.html", want: "2024-06-04", source: dates.SourceURL},
		{name: "date wins over url", date: "2024-06-05", url: "https://example.org/2024/06/04/council", want: "2024-06-05"},
		{name: "no date no url"},
		{name: "ambiguous refused", date: "04/06/2024", reason: dates.ReasonAmbiguous, field: "date",
			inReason: "2024-06-04 if the day comes first, 2024-04-06 if the month comes first"},
		{name: "ambiguous day first", date: "04/06/2024", order: dates.DayFirst, want: "2024-06-04"},
		{name: "ambiguous month first", date: "04/06/2024", order: dates.MonthFirst, want: "2024-04-06"},
		{name: "one reading only", date: "13/06/2024", want: "2024-06-13"},
		{name: "ambiguous falls back to url", date: "04/06/2024", url: "https://example.org/2024/06/04/x", want: "2024-06-04",
			source: dates.SourceURL, reason: dates.ReasonAmbiguous, field: "date", inReason: "the date in the URL, 2024-06-04, is used"},
		{name: "unreadable", date: "last Tuesday", reason: dates.ReasonUnreadable, field: "date", inReason: "the article has no date"},
		{name: "unknown zone", date: "Tue, 04 Jun 2024 10:00:00 IST", reason: dates.ReasonUnknownZone, field: "date"},
		{name: "implausible number", date: "12345", reason: dates.ReasonImplausible, field: "date"},
		{name: "url with two dates", url: "https://example.org/2024/06/04/2024/06/05/x", reason: dates.ReasonURLConflict, field: "url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line := fmt.Sprintf(`{"id":"a","outlet":"Alpha","date":%s,"url":%s,"text":"The council met."}`+"\n", jsonString(tt.date), jsonString(tt.url))
			path := writeFile(t.TempDir(), "a.jsonl", line)
			a, problems := readOne(t, path, Options{DateOrder: tt.order})
			if got := a.Published.String(); got != tt.want {
				t.Errorf("Published = %q, want %q", got, tt.want)
			}
			if !a.Published.IsZero() && a.Published.Source != tt.source {
				t.Errorf("Source = %v, want %v", a.Published.Source, tt.source)
			}
			if a.Date != tt.date {
				t.Errorf("Date = %q, want %q as written", a.Date, tt.date)
			}
			if tt.reason == "" {
				if len(problems) > 0 {
					t.Errorf("problems: %v", problems)
				}
				return
			}
			if len(problems) != 1 {
				t.Fatalf("problems %v, want one %s", problems, tt.reason)
			}
			p := problems[0]
			if p.Reason != tt.reason || p.Skipped || p.Field != tt.field || p.Line != 1 || p.File != path ||
				!strings.Contains(p.Message, tt.inReason) {
				t.Errorf("problem %+v, want a %s warning on field %s at %s:1 mentioning %q", p, tt.reason, tt.field, path, tt.inReason)
			}
		})
	}
}
