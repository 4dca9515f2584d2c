package corpus

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"
)

// TestExtractHTML checks that page furniture around the article is gone;
// the golden file pins the rest.
func TestExtractHTML(t *testing.T) {
	data, err := os.ReadFile("testdata/formats/page.html")
	if err != nil {
		t.Fatal(err)
	}
	a, fallback, err := extractHTML(data)
	if err != nil || fallback != "" {
		t.Fatalf("no article found: %v %s", err, fallback)
	}
	for _, want := range []string{"The main desert highway", "Road crews worked", "check the road status before setting out."} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, a.Text)
		}
	}
	for _, furniture := range []string{"Home", "Contact us", "camel saddles", "Most read", "Tweet", "3 Comments",
		"Great news", "Leave a comment", "nine − 7", "All rights reserved", "do not read me", "By Layla Haddad"} {
		if strings.Contains(a.Text, furniture) {
			t.Errorf("text keeps page furniture %q:\n%s", furniture, a.Text)
		}
	}
	if strings.Count(a.Text, "\n\n") != 3 {
		t.Errorf("want four paragraphs separated by blank lines:\n%s", a.Text)
	}
	want := Article{Title: "Desert road reopens after sandstorm", Outlet: "Oasis Observer", Author: "Layla Haddad",
		Date: "2020-09-14T08:30:00+03:00", URL: "https://www.oasis-observer.example/news/desert-road"}
	if a.Title != want.Title || a.Outlet != want.Outlet || a.Author != want.Author || a.Date != want.Date || a.URL != want.URL {
		t.Errorf("got title %q outlet %q author %q date %q url %q\nwant %+v", a.Title, a.Outlet, a.Author, a.Date, a.URL, want)
	}
}

func TestExtractHTMLFallbacks(t *testing.T) {
	tests := []struct {
		name, page         string
		outlet, date, text string
		found              bool
	}{
		{
			name:   "outlet from the canonical URL's host, date from <time>",
			page:   `<html><head><link rel="canonical" href="https://www.example-news.test/a"></head><body><article><p>` + strings.Repeat("A sentence of reporting. ", 40) + `</p><time datetime="2019-05-06">May 6</time></article></body></html>`,
			outlet: "example-news.test", date: "2019-05-06", found: true,
		},
		{
			name:   "date from a name=date meta tag",
			page:   `<html><head><meta name="date" content="2018-01-02"><meta property="og:site_name" content="Site"></head><body><p>` + strings.Repeat("Reporting. ", 80) + `</p></body></html>`,
			outlet: "Site", date: "2018-01-02", found: true,
		},
		{
			name:  "a short page is kept whole",
			page:  `<html><body><p>Short.</p></body></html>`,
			text:  "Short.",
			found: true,
		},
		{
			name: "a page without text",
			page: `<html><head><title>T</title></head><body><script>x()</script></body></html>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, fallback, err := extractHTML([]byte(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			found := fallback == ""
			if a.Outlet != tt.outlet || a.Date != tt.date || found != tt.found {
				t.Errorf("got outlet %q date %q found %v; want %q %q %v", a.Outlet, a.Date, found, tt.outlet, tt.date, tt.found)
			}
			if tt.text != "" && a.Text != tt.text {
				t.Errorf("text %q, want %q", a.Text, tt.text)
			}
		})
	}
}

func TestDecodeHTML(t *testing.T) {
	cyrillic, err := charmap.Windows1251.NewEncoder().String("Москва")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, page, want string
		repaired         int
	}{
		{"UTF-8 as is", `<p>Café</p>`, `<p>Café</p>`, 0},
		{"declared charset", `<meta charset="windows-1251"><p>` + cyrillic + `</p>`, `<meta charset="windows-1251"><p>Москва</p>`, 0},
		{"undeclared Latin-1 repaired", "<p>Caf\xe9</p>", "<p>Café</p>", 1},
		{"declared UTF-8 but invalid", "<meta charset=\"utf-8\"><p>Caf\xe9</p>", "<meta charset=\"utf-8\"><p>Café</p>", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, n := decodeHTML([]byte(tt.page))
			if string(got) != tt.want || n != tt.repaired {
				t.Errorf("got %q (%d repaired), want %q (%d)", got, n, tt.want, tt.repaired)
			}
		})
	}
}

// hostilePages are pages built to make HTML parsing or article extraction
// slow: quadratic in golang.org/x/net/html before v0.45.0 (CVE-2025-47911)
// or in go-readability's per-element text measurement.
func hostilePages() map[string]string {
	para := "<p>" + strings.Repeat("The council approved the bridge after a long debate, officials said. ", 30) + "</p>"
	var inline strings.Builder
	for i := 0; i < 200_000; i++ {
		inline.WriteString([]string{"<b>", "<i>", "<em>", "<span>", "<font>", "<u>"}[i%6])
	}
	return map[string]string{
		"divs.html":     "<html><body>" + strings.Repeat("<div>", 100_000) + "text</body></html>",
		"table.html":    "<html><body>" + strings.Repeat("<table><tr><td>", 50_000) + "text</body></html>",
		"inline.html":   "<html><body><p>" + inline.String() + "text</p></body></html>",
		"deep.html":     "<html><body>" + strings.Repeat("<div>", 500) + strings.Repeat(para, 100) + "</body></html>",
		"elements.html": "<html><body>" + strings.Repeat("<div><p>Word word, word.</p></div>", 60_000) + "</body></html>",
	}
}

// TestReadHostileHTML checks that pathological pages are refused or read
// as plain visible text, with a reason, instead of stalling the run: the
// nesting limit and the extraction budget are asserted, not timed.
func TestReadHostileHTML(t *testing.T) {
	pages := hostilePages()
	files := map[string][]byte{}
	for name, page := range pages {
		files["site/"+name] = []byte(page)
	}
	dir := writeFiles(t, files)
	var problems []string
	emitted := map[string]*Article{}
	sum, err := Read(context.Background(), []string{dir}, Options{}, func(a *Article) error {
		emitted[filepath.Base(a.Source)] = a
		return nil
	}, func(p Problem) {
		problems = append(problems, strings.ReplaceAll(p.String(), filepath.ToSlash(dir)+"/site/", ""))
	})
	if err != nil {
		t.Fatal(err)
	}
	checkSummary(t, sum)
	want := []string{
		"deep.html: page text is nested too deeply for article extraction; read all its visible text",
		"divs.html: elements nested more than 512 deep; page not read",
		"elements.html: page has 120003 elements, too many for article extraction (limit 100000); read all its visible text",
		"inline.html: elements nested more than 512 deep; page not read",
		"table.html: elements nested more than 512 deep; page not read",
	}
	if !slices.Equal(problems, want) {
		t.Errorf("problems\n got %q\nwant %q", problems, want)
	}
	if want := map[string]int{ReasonTooDeep: 3}; !maps.Equal(sum.Skipped, want) {
		t.Errorf("skipped %v, want %v", sum.Skipped, want)
	}
	for name, word := range map[string]string{"deep.html": "council", "elements.html": "Word"} {
		if a := emitted[name]; a == nil || !strings.Contains(a.Text, word) {
			t.Errorf("%s: visible text not read", name)
		}
	}
	// The pages read as visible text are past the extraction budget, so
	// go-readability never ran on them.
	for name, over := range map[string]func(elements int, work int64) bool{
		"deep.html":     func(_ int, work int64) bool { return work > maxExtractWork },
		"elements.html": func(elements int, _ int64) bool { return elements > maxExtractElements },
	} {
		doc, err := html.Parse(strings.NewReader(pages[name]))
		if err != nil {
			t.Fatal(err)
		}
		if elements, work := measureHTML(doc); !over(elements, work) {
			t.Errorf("%s: %d elements, work %d: within the extraction budget", name, elements, work)
		}
	}
}

// BenchmarkExtractHTMLHostile measures the pages of TestReadHostileHTML;
// each takes a fraction of a second (before the fixes, minutes).
func BenchmarkExtractHTMLHostile(b *testing.B) {
	pages := hostilePages()
	for _, name := range slices.Sorted(maps.Keys(pages)) {
		data := []byte(pages[name])
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				extractHTML(data)
			}
		})
	}
}
