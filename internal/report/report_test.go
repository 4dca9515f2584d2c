package report

import (
	"bytes"
	"cmp"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/golden"
	"github.com/compare-tool/compare/internal/record"
)

func TestEmbeddedEChartsVersion(t *testing.T) {
	v, err := EChartsVersion()
	if err != nil {
		t.Fatal(err)
	}
	if !versionAtLeast(v, MinEChartsVersion) {
		t.Fatalf("embedded ECharts is %v, want at least %v (CVE-2026-45249): update internal/report/package.json and run make assets", v, MinEChartsVersion)
	}
}

func TestParseEChartsVersion(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want [3]int
		ok   bool
	}{
		{`x;t.version="6.1.0",t.zrUtil=Tt`, [3]int{6, 1, 0}, true},
		{`r:wo,version:"6.0.0"}),To=1;,t.version="6.12.3",`, [3]int{6, 12, 3}, true},
		{`no banner here`, [3]int{}, false},
	} {
		got, err := parseEChartsVersion(tc.src)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseEChartsVersion(%q) = %v, %v; want %v, ok %v", tc.src, got, err, tc.want, tc.ok)
		}
	}
	if versionAtLeast([3]int{6, 0, 9}, MinEChartsVersion) || !versionAtLeast([3]int{7, 0, 0}, MinEChartsVersion) {
		t.Error("versionAtLeast compares wrongly")
	}
}

// stable replaces the inlined libraries and their hashes, so that the
// golden files show the report's own structure and data.
func stable(page string) string {
	page = strings.Replace(page, echartsJS, "/* echarts.min.js */", 1)
	page = strings.Replace(page, pageJS, "/* page.js */", 1)
	page = strings.Replace(page, pageCSS, "/* page.css */", 1)
	return regexp.MustCompile(`'sha256-[A-Za-z0-9+/=]+'`).ReplaceAllString(page, "'sha256-…'")
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  Options
	}{
		{"tiny", options(func(o *Options) { o.Title = "Tiny comparison"; o.ToolVersion = "test" })},
		{"tiny-no-articles", options(func(o *Options) { o.ToolVersion = "test"; o.MaxArticles = 0; o.TopUnits = 1; o.Date = "2025-01-01" })},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tinyInput(t, false), tc.opt); err != nil {
				t.Fatal(err)
			}
			got := stable(buf.String())
			golden.Check(t, filepath.Join("testdata", tc.name+".golden.html"), got)
		})
	}
}

func TestWriteDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := Write(&a, tinyInput(t, false), DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, tinyInput(t, false), DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Fatal("two reports of the same input differ")
	}
}

// TestHostileMarkup checks the HTML as a parser sees it: the hostile
// strings of tinyInput add no element and no attribute, and no script
// element other than the report's three.
func TestHostileMarkup(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, tinyInput(t, true), DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	scripts := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				scripts++
			case "img", "svg", "iframe", "object", "embed":
				t.Errorf("injected <%s> element", n.Data)
			case "a":
				for _, a := range n.Attr {
					if a.Key == "href" && !strings.HasPrefix(a.Val, "#") && !strings.HasPrefix(a.Val, "https://") {
						t.Errorf("link to %q", a.Val)
					}
				}
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("<%s %s=%q>: event handler attribute", n.Data, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if scripts != 3 {
		t.Errorf("%d script elements, want 3 (data, ECharts, page script)", scripts)
	}
}

func TestRenderText(t *testing.T) {
	lex := tinyLexicon(t)
	text := "The regime said “the terrorists <b>attacked</b>”.\nShare\nThe so-called freedom fighters & co."
	share := strings.Index(text, "Share")
	rec := scoreArticles(t, lex, []corpus.Article{{ID: "x", Outlet: "o", Text: text,
		Dropped: []corpus.Span{{Start: share, End: share + 5}}}})[0]
	got := renderText(rec, "pro-gov")
	want := `The <mark tabindex="0" class="t neg2 v-author" data-e="regime" data-v="author" data-c="−1.00">regime</mark> said ` +
		`<span class="quote">“the <mark tabindex="0" class="t pos2 v-quote" data-e="terrorists" data-v="quote" data-c="1.00">terrorists</mark> &lt;b&gt;attacked&lt;/b&gt;”</span>.
<del title="dropped as page debris: not scored">Share</del>
The so-called <mark tabindex="0" class="t neg2 v-distanced" data-e="freedom-fighters" data-v="distanced" data-cue="so-called" data-c="−1.00">freedom fighters</mark> &amp; co.`
	if got != want {
		t.Errorf("renderText:\n got %s\nwant %s", got, want)
	}
}

// FuzzRenderText checks that whatever the text and spans, the article
// HTML parses back to exactly the text, inside mark, del and span
// elements only.
func FuzzRenderText(f *testing.F) {
	f.Add("The regime said “the terrorists attacked”.", 4, 10, 16, 40, 0, 3)
	f.Add("<script>alert(1)</script> regime", 26, 32, 0, 8, 9, 30)
	f.Add("ééé regime “x” y", 1, 3, 5, 9, 0, 20)
	f.Fuzz(func(t *testing.T, text string, ms, me, qs, qe, ds, de int) {
		if !utf8Valid(text) {
			t.Skip()
		}
		rec := &record.Record{Text: text,
			Quotes:  []corpus.Span{{Start: qs, End: qe}},
			Dropped: []corpus.Span{{Start: ds, End: de}}}
		if 0 <= ms && ms < me && me <= len(text) {
			rec.Matches = []record.MatchRecord{{Start: ms, End: me, Text: text[ms:me], Entry: "e<\"&", Voice: record.Author,
				Contrib: map[string]float64{"a": -1}, Loaded: true}}
		}
		out := renderText(rec, "a")
		z := html.NewTokenizer(strings.NewReader(out))
		var got strings.Builder
		depth := 0
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			tok := z.Token()
			switch tt {
			case html.TextToken:
				got.WriteString(tok.Data)
			case html.StartTagToken:
				if tok.Data != "mark" && tok.Data != "del" && tok.Data != "span" {
					t.Fatalf("unexpected <%s> in %q", tok.Data, out)
				}
				depth++
			case html.EndTagToken:
				depth--
			default:
				t.Fatalf("unexpected token %v in %q", tt, out)
			}
		}
		if depth != 0 {
			t.Fatalf("unbalanced elements in %q", out)
		}
		// The tokenizer turns \r\n and \r into \n, and NUL into U+FFFD, as
		// a browser does.
		want := strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
		want = strings.ReplaceAll(want, "\x00", "\uFFFD")
		if got.String() != want {
			t.Fatalf("text changed:\n got %q\nwant %q\nhtml %q", got.String(), want, out)
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func TestSafeLink(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.org/a?b=1":   "https://example.org/a?b=1",
		"http://example.org":          "http://example.org",
		"javascript:alert(1)":         "",
		" JavaScript:alert(1)":        "",
		"data:text/html,<script>":     "",
		"//example.org/no-scheme":     "",
		"https:///no-host":            "",
		"vbscript:msgbox":             "",
		"https://exa mple.org/space ": "",
	} {
		if got := safeLink(in); got != want {
			t.Errorf("safeLink(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSelectArticles checks the round robin over the outlets' samples,
// largest outlet first, each sample in the order of its hashes.
func TestSelectArticles(t *testing.T) {
	in := tinyInput(t, false)
	var buf bytes.Buffer
	if err := Write(&buf, in, options(func(o *Options) { o.MaxArticles = 3 })); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	// Each outlet's records, in the order of their sample hashes.
	byUnit := map[string][]int{}
	for i, r := range in.Records {
		byUnit[r.Outlet] = append(byUnit[r.Outlet], i)
	}
	var want []int
	for round := 0; len(want) < 3; round++ {
		for _, u := range in.Comparison.Units {
			idx := byUnit[u.Name]
			slices.SortStableFunc(idx, func(x, y int) int {
				return cmp.Compare(sampleHash(1, in.Records[x]), sampleHash(1, in.Records[y]))
			})
			if round < len(idx) && len(want) < 3 {
				want = append(want, idx[round])
			}
		}
	}
	for i := range in.Records {
		id := fmt.Sprintf(`id="article-%d"`, i)
		if slices.Contains(want, i) != strings.Contains(page, id) {
			t.Errorf("%s shown: %v, want %v (views %v)", id, !slices.Contains(want, i), slices.Contains(want, i), want)
		}
	}
	if !strings.Contains(page, "Showing 3 of 4 articles") {
		t.Error("the report does not say how many articles it shows")
	}
	if !strings.Contains(page, "Shown per outlet: ") {
		t.Error("the report does not say how many articles of each outlet it shows")
	}
}

func TestWriteSizeScales(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	// 20,000 articles from 300 outlets: the file must stay far below the
	// 15 MB that a browser opens in a few seconds.
	in := tinyInput(t, false)
	cmp := in.Comparison
	base := in.Records
	var recs []*record.Record
	units := make([]aggregate.Unit, 0, 300)
	for u := 0; u < 300; u++ {
		name := "outlet " + strings.Repeat("x", u%7) + string(rune('A'+u%26)) + strconv.Itoa(u)
		unit := cmp.Units[u%2]
		unit.Name = name
		unit.Articles = 20000 / 300
		units = append(units, unit)
		for k := 0; k < 20000/300; k++ {
			r := *base[k%len(base)]
			r.Outlet = name
			recs = append(recs, &r)
		}
	}
	big := *cmp
	big.Units = units
	big.Articles = len(recs)
	var buf bytes.Buffer
	if err := Write(&buf, Input{Comparison: &big, Records: recs, Lexicon: in.Lexicon}, DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	if n := buf.Len(); n > 15<<20 {
		t.Errorf("report of %d articles is %d bytes, want at most 15 MB", len(recs), n)
	}
	t.Logf("%d articles, %d outlets: %d bytes", len(recs), len(units), buf.Len())
}
