package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
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
