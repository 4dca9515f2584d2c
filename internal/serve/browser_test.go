package serve

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/compare-tool/compare/internal/browsertest"
)

// The browser tests run the server on a loopback port (httptest listens
// on 127.0.0.1) and use the page as a teacher would, in headless
// Chromium: paste, press Annotate, read.

// submit fills the fields (selector → value) and presses Annotate, then
// waits for the new page: the old one is marked so that it cannot pass
// for the answer.
func submit(t *testing.T, ctx context.Context, fields map[string]string) {
	t.Helper()
	values, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	// Values are set by script, as a paste would; the button is clicked.
	set := `(() => { const v = ` + string(values) + `; for (const sel in v) document.querySelector(sel).value = v[sel]; window.oldPage = true; return true; })()`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](set)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#annotate"))); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		// The page is replaced under the evaluation: errors mean "not yet".
		done, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.oldPage === undefined && document.readyState === 'complete' && !!document.querySelector('main')`))
		if err == nil && done {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no new page after Annotate (last error %v)", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestBrowserServe(t *testing.T) {
	s := newServer(t, 64<<10)
	srv := httptest.NewServer(s)
	defer srv.Close()
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("the test server is not on loopback: %s", srv.URL)
	}
	ctx := browsertest.Start(t)
	pl := browsertest.Watch(t, ctx, func(u string) bool { return u == srv.URL+"/" })
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}

	t.Run("paste", func(t *testing.T) {
		submit(t, ctx, map[string]string{
			"#text1":                "The mullahs' regime sent IRGC mercenaries to Syria, said the so-called resistance.",
			`input[name="outlet1"]`: "Exile Monitor",
		})
		type result struct {
			Marks, Notes      int
			Neutral, Teaching string
			Kept              string
		}
		r := browsertest.Eval[result](t, ctx, `({
			Marks: document.querySelectorAll('.result .article mark').length,
			Notes: document.querySelectorAll('.result ol.notes li').length,
			Neutral: document.querySelector('.result .neutral').textContent,
			Teaching: document.querySelector('.result .teaching').textContent,
			Kept: document.querySelector('#text1').value})`)
		if r.Marks < 2 || r.Notes < 2 {
			t.Errorf("%d marks and %d notes, want at least 2 of each", r.Marks, r.Notes)
		}
		if r.Neutral != "Neutral alternatives: Iranian government; Iran's leadership." || !strings.HasPrefix(r.Teaching, "Teaching note: Reduces a state to its clergy") {
			t.Errorf("first note: %q, %q", r.Neutral, r.Teaching)
		}
		if !strings.HasPrefix(r.Kept, "The mullahs' regime") {
			t.Errorf("the form lost the pasted text: %q", r.Kept)
		}
	})

	t.Run("second article aligns", func(t *testing.T) {
		submit(t, ctx, map[string]string{
			"#text2":                "Military advisers from Iran helped the Syrian Arab Army at the request of Damascus.",
			`input[name="outlet2"]`: "Tehran Herald",
		})
		type row struct {
			Target string
			Cells  []string
		}
		rows := browsertest.Eval[[]row](t, ctx, `Array.from(document.querySelectorAll('#side table tr')).slice(1).map(tr => ({
			Target: tr.querySelector('th').textContent,
			Cells: Array.from(tr.querySelectorAll('td')).map(td => td.textContent)}))`)
		heads := browsertest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#side table tr:first-child th')).map(th => th.textContent)`)
		if len(heads) != 3 || !strings.HasPrefix(heads[1], "Article 1 · Exile Monitor") || !strings.HasPrefix(heads[2], "Article 2 · Tehran Herald") {
			t.Errorf("columns %q", heads)
		}
		found := false
		for _, r := range rows {
			if len(r.Cells) != 2 {
				t.Errorf("row %q has %d cells", r.Target, len(r.Cells))
				continue
			}
			if strings.Contains(r.Cells[0], "IRGC mercenaries [−−]") && strings.Contains(r.Cells[1], "Military advisers [++]") {
				found = true
			}
		}
		if !found {
			t.Errorf("no row lines up IRGC mercenaries with military advisers: %+v", rows)
		}
		if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll('.results .result').length`); n != 2 {
			t.Errorf("%d annotated articles, want 2", n)
		}
	})

	t.Run("hostile text is inert", func(t *testing.T) {
		hostile := `<script>window.pwned = 1</script><img src="x" onerror="window.pwned = 1"> The regime "><svg onload="window.pwned = 1"></svg> ` +
			"\u202eeman\u202c javascript:alert(1) </textarea><b>bold</b>"
		submit(t, ctx, map[string]string{"#text1": hostile, `input[name="outlet1"]`: `"><script>window.pwned = 1</script>`, "#text2": ""})
		type state struct {
			Pwned    bool
			Elements int
			Text     string
			Outlet   string
		}
		st := browsertest.Eval[state](t, ctx, `({
			Pwned: window.pwned !== undefined,
			Elements: document.querySelectorAll('script, img, svg, main b:not(.notes b)').length,
			Text: document.querySelector('.result .article').textContent,
			Outlet: document.querySelector('.result .meta').textContent})`)
		if st.Pwned {
			t.Error("the pasted text ran a script")
		}
		if st.Elements != 0 {
			t.Errorf("%d elements made of pasted text", st.Elements)
		}
		if !strings.Contains(st.Text, `<script>window.pwned = 1</script><img src="x"`) || !strings.Contains(st.Text, "</textarea><b>bold</b>") {
			t.Errorf("the pasted text is not shown as text: %q", st.Text)
		}
		if strings.Contains(st.Text, "\u202e") {
			t.Error("a bidirectional override reached the page")
		}
		if st.Outlet != `"><script>window.pwned = 1</script>` {
			t.Errorf("outlet shown as %q", st.Outlet)
		}
	})

	// The refused request below is logged by the browser as a failed load,
	// rightly: what came before must have logged nothing.
	pl.Check(t)

	t.Run("oversized body", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
			t.Fatal(err)
		}
		big := strings.Repeat("The regime met. ", 5000) // 80 kB, over the 64 KiB limit
		submit(t, ctx, map[string]string{"#text1": big})
		msg := browsertest.Eval[string](t, ctx, `document.querySelector('#errors') ? document.querySelector('#errors').textContent : ''`)
		if !strings.Contains(msg, "The request is larger than the limit of 64 KiB") {
			t.Errorf("no clear error for an oversized body: %q", msg)
		}
	})
}
