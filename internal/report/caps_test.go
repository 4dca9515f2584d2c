package report

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/record"
)

// overCapInput is the hostile input of issue 14 item 9 at a reduced size
// that still passes every default cap: units outlets of one article each
// (more than DefaultMaxUnits), the largest outlet with more articles than
// DefaultArticlesPerUnit, and an outlet of two articles of longBytes of
// text (more than DefaultMaxBodyBytes), all scored with the built-in
// lexicon. It returns the long articles' length.
func overCapInput(t testing.TB, units, longBytes int) (Input, int) {
	t.Helper()
	s := newScoring(t, 0)
	// "terrorists" is in the outlet's own voice (not reported speech after
	// "said"), so that the framing and naming charts have something to draw.
	para := "The terrorists attacked first. The regime said nothing. The so-called freedom fighters disagree; the government did not comment.\n"
	add := func(a *corpus.Article) {
		if err := s.add(a); err != nil {
			t.Fatal(err)
		}
	}
	for i := range DefaultArticlesPerUnit + 10 {
		add(&corpus.Article{ID: fmt.Sprintf("big-%d", i), Outlet: "Big Outlet", Title: fmt.Sprintf("Big %d", i), Text: para})
	}
	// Two articles make the second largest outlet, which gets a view in
	// the first round.
	long := strings.Repeat(para, longBytes/len(para)+1)
	for i := range 2 {
		add(&corpus.Article{ID: fmt.Sprintf("long-%d", i), Outlet: "Long Outlet", Title: "Long", Text: long})
	}
	for u := range units {
		add(&corpus.Article{ID: fmt.Sprintf("a-%d", u), Outlet: fmt.Sprintf("outlet %05d", u), Title: "Small", Text: para})
	}
	return s.input(), len(long)
}

// TestWriteOverCaps checks what the page says when the caps bite: the
// outlets it leaves out of its tables, each outlet's share of the article
// views, and the cut text of a long article.
func TestWriteOverCaps(t *testing.T) {
	in, long := overCapInput(t, 1200, 200000)
	opt := DefaultOptions()
	opt.MaxUnits = 1000
	var buf bytes.Buffer
	if err := Write(&buf, in, opt); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		"list the 1000 largest of 1202 outlets (--max-outlets); the other 202 count in every chart and test",
		"The 1000 largest outlets</h2>",
		"Showing 500 of 1262 articles: a sample of at most 50 of each outlet",
		"<bdi>Big Outlet</bdi> 1 of 60; <bdi>Long Outlet</bdi> 1 of 2",
		"outlets have no article view.",
		fmt.Sprintf("The text is cut here: 50,000 of its %s bytes are shown", formatInt(long)),
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not say %q", want)
		}
	}
	if n := strings.Count(page, `<tr class="untested"><td><bdi>outlet `); n != 1000-2 {
		t.Errorf("the outlet table lists %d small outlets, want 998", n)
	}
	if len(page) > 8<<20 {
		t.Errorf("page of %d bytes, want at most 8 MB", len(page))
	}
}

// TestBrowserOverCaps opens the page of an input past every cap, the
// hostile input of issue 14 item 9 at a reduced size (1,500 outlets and
// two 1 MB articles; 200,000 outlets and a 50 MB article once gave pages
// Chromium could not open): it must open with every chart drawn within the
// browser's time limit.
func TestBrowserOverCaps(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	// The input is built first: the browser's time limit is for the page.
	in, _ := overCapInput(t, 1500, 1<<20)
	page := reportBytes(t, in, DefaultOptions())
	t.Logf("page of %d bytes", len(page))
	ctx := browser(t)
	pl := open(t, ctx, page)
	checkChartsDrawn(t, ctx, 4)
	rows := eval[int](t, ctx, `document.querySelectorAll('#units-table tbody tr').length`)
	if rows != DefaultMaxUnits {
		t.Errorf("the outlet table shows %d rows, want %d", rows, DefaultMaxUnits)
	}
	cut := eval[bool](t, ctx, `Array.from(document.querySelectorAll('details.article p.note')).some(p => p.textContent.startsWith('The text is cut here'))`)
	if !cut {
		t.Error("the long article's view does not say that its text is cut")
	}
	pl.Check(t)
}

// TestWriteManyOutlets checks that a page over many more outlets than it
// lists carries nothing of the others, in any section or chart data, and
// says how many it left out (issue 14 item 9: 77,944 outlets once gave a
// 57.7 MB page). Three outlets are large enough for the tests, so that
// the tests' list of outlets left out is bounded too.
func TestWriteManyOutlets(t *testing.T) {
	const small, listed = 5000, 100
	s := newScoring(t, 0)
	// Texts that differ in stance and naming, so that the tests and the
	// outlet map have something to tell apart.
	texts := []string{
		"The terrorists attacked first. The regime said nothing.\n",
		"The rebels attacked first. The government did not comment.\n",
		"The freedom fighters attacked first. The Assad regime said nothing.\n",
		"The opposition attacked first. The Syrian government did not comment.\n",
	}
	for k, o := range []string{"Big Outlet", "Mid Outlet", "Third Outlet"} {
		for i := range 4 {
			if err := s.add(&corpus.Article{ID: fmt.Sprintf("%s-%d", o, i), Outlet: o, Title: "Large", Text: texts[(i*k)%len(texts)]}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for u := range small {
		if err := s.add(&corpus.Article{ID: fmt.Sprintf("a-%d", u), Outlet: fmt.Sprintf("outlet %05d", u), Title: "Small", Text: texts[u%len(texts)]}); err != nil {
			t.Fatal(err)
		}
	}
	in := s.input()
	opt := DefaultOptions()
	opt.MaxUnits = listed
	var buf bytes.Buffer
	if err := Write(&buf, in, opt); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	// The listed outlets are the three large ones and the first small ones
	// by name (ties in size go by name).
	onPage := map[string]bool{}
	for _, name := range regexp.MustCompile(`outlet \d{5}`).FindAllString(page, -1) {
		onPage[name] = true
	}
	for u := range small {
		name := fmt.Sprintf("outlet %05d", u)
		if onPage[name] != (u < listed-3) {
			t.Fatalf("%s: on the page %v, want %v", name, onPage[name], u < listed-3)
		}
	}
	for _, want := range []string{
		fmt.Sprintf("list the %d largest of %d outlets (--max-outlets); the other %s count in every chart and test", listed, small+3, formatInt(small+3-listed)),
		fmt.Sprintf("%s left out: ", formatInt(small)),
		fmt.Sprintf("and %s more, not listed here (compare stats lists them)", formatInt(small-(listed-3))),
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not say %q", want)
		}
	}
	// The comparison bounds what it keeps per outlet beyond the pages's
	// lists too: the outlet map of the largest, with a note.
	if m := in.Comparison.Map; m == nil || len(m.Units) > aggregate.MaxListedUnits {
		t.Errorf("outlet map of %v units, want at most %d", m, aggregate.MaxListedUnits)
	}
	if note := fmt.Sprintf("The outlet map places the %d largest of %d outlets", aggregate.MaxListedUnits, small+3); !slices.ContainsFunc(in.Comparison.Notes, func(n string) bool {
		return strings.Contains(n, note)
	}) {
		t.Errorf("no note %q in %q", note, in.Comparison.Notes)
	}
	if len(page) > 2<<20 {
		t.Errorf("page of %s bytes, want at most 2 MiB", formatInt(len(page)))
	}
}

// TestBrowserOpenFile opens the report named by $COMPARE_OPEN_REPORT in
// headless Chromium and fails unless every chart is drawn within the
// browser test's time limit: scripts/bench-report.sh uses it to say
// whether a measured page opens. It is skipped without the variable.
func TestBrowserOpenFile(t *testing.T) {
	file := os.Getenv("COMPARE_OPEN_REPORT")
	if file == "" {
		t.Skip("COMPARE_OPEN_REPORT names no report")
	}
	page, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	start := time.Now()
	pl := open(t, ctx, page)
	checkChartsDrawn(t, ctx, 1)
	t.Logf("%s (%s bytes) opened with every chart drawn in %.1f s", file, formatInt(len(page)), time.Since(start).Seconds())
	pl.Check(t)
}

// TestWriteListUnits checks that a comparison that keeps no detail of the
// outlets a page does not list (aggregate.Options.ListUnits, as compare
// report makes it: no naming forms or counts, no summaries beyond the
// axes) gives the same page, byte for byte, as one that keeps every
// outlet's. Most outlets are past the list; some name the actors in
// their own voice, some only quote or distance the names, which the page
// still counts among the outlets its naming table does not show.
func TestWriteListUnits(t *testing.T) {
	s := newScoring(t, 0)
	paras := []string{
		"The terrorists attacked first. The regime said nothing.\n",
		"A spokesman said: \"The terrorists will pay.\" The government did not comment.\n",
		"The so-called freedom fighters disagree; the regime is silent.\n",
	}
	var recs []*record.Record
	add := func(id, outlet, text string) {
		r := s.sc.Score(&corpus.Article{ID: id, Outlet: outlet, Title: id, Text: text})
		recs = append(recs, r)
	}
	for u := range 4 {
		for i := range 3 + u {
			add(fmt.Sprintf("big-%d-%d", u, i), fmt.Sprintf("big %d", u), paras[(u+i)%3]+paras[i%3])
		}
	}
	for u := range 40 {
		add(fmt.Sprintf("small-%d", u), fmt.Sprintf("small %02d", u), paras[u%3])
	}
	opt := DefaultOptions()
	opt.MaxUnits, opt.TopUnits = 5, 3
	page := func(listUnits int) (string, *aggregate.Comparison) {
		aopt := aggregate.DefaultOptions()
		aopt.Lexicon, aopt.Bootstrap, aopt.ListUnits = s.lex, 50, listUnits
		agg := aggregate.New(aopt)
		for _, r := range recs {
			if err := agg.Add(r); err != nil {
				t.Fatal(err)
			}
		}
		c := agg.Result()
		var buf bytes.Buffer
		if err := Write(&buf, Input{Comparison: c, Records: recs, Lexicon: s.lex}, opt); err != nil {
			t.Fatal(err)
		}
		return buf.String(), c
	}
	all, _ := page(0)
	listed, c := page(opt.ListUnits())
	if all != listed {
		t.Errorf("the page differs when the comparison lists %d outlets (%d and %d bytes)", opt.ListUnits(), len(listed), len(all))
	}
	// The comparison did leave the others' detail out, and the page
	// counts them.
	for _, n := range c.Naming {
		if len(n.References) > opt.ListUnits() {
			t.Errorf("%s: naming references of %d outlets, want at most %d", n.Target, len(n.References), opt.ListUnits())
		}
	}
	if !strings.Contains(all, "smaller outlets not shown; see compare stats") {
		t.Error("the page does not say that its naming table leaves outlets out")
	}
}
