package corpus

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// TestExtractHTML checks that page furniture around the article is gone;
// the golden file pins the rest.
func TestExtractHTML(t *testing.T) {
	data, err := os.ReadFile("testdata/formats/page.html")
	if err != nil {
		t.Fatal(err)
	}
	a, found := extractHTML(data)
	if !found {
		t.Fatal("no article found")
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
			a, found := extractHTML([]byte(tt.page))
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
