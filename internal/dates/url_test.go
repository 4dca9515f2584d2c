package dates

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"testing"
)

func TestFromURL(t *testing.T) {
	tests := []struct {
		name, url string
		want      string // Date.String(), "" for none
		original  string
	}{
		{name: "slashes", url: "https://www.nytimes.com/2016/09/20/nyregion/bombing-suspect.html", want: "2016-09-20", original: "2016/09/20"},
		{name: "slashes single digit", url: "https://www.vox.com/policy/2019/12/2/title", want: "2019-12-02", original: "2019/12/2"},
		{name: "slashes at end", url: "https://example.org/archive/2024/06/04", want: "2024-06-04", original: "2024/06/04"},
		{name: "hyphens in slug", url: "https://example.org/news/2024-06-04-iran-syria", want: "2024-06-04", original: "2024-06-04"},
		{name: "hyphens after slug", url: "https://example.org/news/iran-syria-2024-06-04.html", want: "2024-06-04", original: "2024-06-04"},
		{name: "eight digits segment", url: "https://example.org/20240604/iran-syria.html", want: "2024-06-04", original: "20240604"},
		{name: "eight digits underscore", url: "https://example.org/story_20240604_1.html", want: "2024-06-04", original: "20240604"},
		{name: "eight digits hide behind slashes", url: "https://www.vox.com/policy/2019/12/2/20970521/title", want: "2019-12-02", original: "2019/12/2"},
		{name: "repeated same date", url: "https://example.org/2024/06/04/2024/06/04/", want: "2024-06-04", original: "2024/06/04"},
		{name: "no url, bare path", url: "/2024/06/04/title", want: "2024-06-04", original: "2024/06/04"},
		{name: "year and month only", url: "http://aranews.net/files/2015/04/syrian-regime-at-stake/", want: ""},
		{name: "no date", url: "https://www.tondar.ca/public_html/news/1254/", want: ""},
		{name: "long number", url: "https://example.org/news/202406041234567", want: ""},
		{name: "nine digits", url: "https://example.org/news/120240604/", want: ""},
		{name: "not in calendar", url: "https://example.org/2024/02/30/title", want: ""},
		{name: "before 1990", url: "https://example.org/1989/06/04/title", want: ""},
		{name: "host not searched", url: "https://20240604.example.org/title", want: ""},
		{name: "query not searched", url: "https://example.org/story?date=2024-06-04", want: ""},
		{name: "empty", url: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := FromURL(tt.url)
			if err != nil {
				t.Fatalf("FromURL(%q): %v", tt.url, err)
			}
			if d.String() != tt.want || d.Original != tt.original {
				t.Errorf("FromURL(%q) = %s from %q, want %s from %q", tt.url, d, d.Original, tt.want, tt.original)
			}
			if !d.IsZero() && (d.Source != SourceURL || d.Precision != PrecisionDay) {
				t.Errorf("FromURL(%q): source %v, precision %v", tt.url, d.Source, d.Precision)
			}
		})
	}
}

func TestFromURLConflict(t *testing.T) {
	for _, u := range []string{
		"https://example.org/2024/06/04/2024/06/05/title",
		"https://example.org/2024-06-04/2024-06-05",
	} {
		_, err := FromURL(u)
		if ReasonOf(err) != ReasonURLConflict {
			t.Errorf("FromURL(%q): %v, want a %s error", u, err, ReasonURLConflict)
		}
	}
}

func TestResolve(t *testing.T) {
	const dated = "https://example.org/2024/06/04/title"
	tests := []struct {
		name, text, url string
		want            string
		source          Source
		reason          string
	}{
		{name: "text wins", text: "2024-06-05", url: dated, want: "2024-06-05", source: SourceText},
		{name: "url when text empty", text: "", url: dated, want: "2024-06-04", source: SourceURL},
		{name: "url and error when text bad", text: "04/06/2024", url: dated, want: "2024-06-04", source: SourceURL, reason: ReasonAmbiguous},
		{name: "error only when text bad and no url date", text: "yesterday", url: "https://example.org/x", want: "", reason: ReasonUnreadable},
		{name: "text error wins over url error", text: "yesterday", url: "/2024/06/04/2024/06/05", want: "", reason: ReasonUnreadable},
		{name: "url error when text empty", text: " ", url: "/2024/06/04/2024/06/05", want: "", reason: ReasonURLConflict},
		{name: "nothing", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parser{}.Resolve(tt.text, tt.url)
			if d.String() != tt.want || ReasonOf(err) != tt.reason {
				t.Errorf("Resolve(%q, %q) = %s, %v; want %s and reason %q", tt.text, tt.url, d, err, tt.want, tt.reason)
			}
			if !d.IsZero() && d.Source != tt.source {
				t.Errorf("Resolve(%q, %q): source %v, want %v", tt.text, tt.url, d.Source, tt.source)
			}
		})
	}
}

// TestFromURLAgreesOnABP checks Parse and FromURL on real news: in the
// Article-Bias-Prediction validation split (2,356 US articles, dates in
// ISO form and a few as m/d/yy, read month first), every date must parse,
// every URL that holds a date must hold the article's own date, and most
// dated URLs (1,910 of them at the time of writing) must be found.
func TestFromURLAgreesOnABP(t *testing.T) {
	f, err := os.Open("../../../shared/abp/valid.jsonl.gz")
	if os.IsNotExist(err) {
		t.Skip("../shared/abp is absent")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 64<<20)
	var articles, dated, inURL int
	for sc.Scan() {
		var r struct{ Date, URL string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		articles++
		d, err := Parser{Order: MonthFirst}.Parse(r.Date)
		if err != nil {
			t.Errorf("date %q: %v", r.Date, err)
			continue
		}
		u, err := FromURL(r.URL)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if d.IsZero() || u.IsZero() {
			continue
		}
		dated++
		if d.String() != u.String() {
			t.Errorf("%s: URL date %s, article date %s", r.URL, u, d)
		}
		inURL++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d articles, %d with a date and a URL date, all agreeing", articles, inURL)
	if articles != 2356 || dated < 1800 {
		t.Errorf("%d articles, %d with dates in both: the data or FromURL changed", articles, dated)
	}
}
