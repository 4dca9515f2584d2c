package annotate

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/compare-tool/compare/internal/browsertest"
	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/record"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// handoutArticle has a term of each lean, one used twice, a quote, a
// distanced term, page debris, a blank line and text that is markup.
const handoutArticle = "The regime said “the terrorists attacked first at dawn today”.\nShare\n\nThe so-called freedom fighters <b>disagree</b> *loudly*. The regime was silent."

func handoutRecord(t *testing.T) (*record.Record, func(Format) []byte) {
	t.Helper()
	share := strings.Index(handoutArticle, "Share")
	rec, lex := score(t, corpus.Article{ID: "x", Outlet: "Daily Example", Title: "Clashes", Date: "2024-01-02",
		Text: handoutArticle, Dropped: []corpus.Span{{Start: share, End: share + 5}}})
	return rec, func(f Format) []byte {
		t.Helper()
		var buf bytes.Buffer
		if err := WriteHandout(&buf, rec, lex, f); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
}

// The golden files pin each format; the checks below say what matters in
// them.
func TestHandoutGolden(t *testing.T) {
	_, write := handoutRecord(t)
	tests := []struct {
		format Format
		golden string
		want   []string
	}{
		{HTML, "testdata/handout.golden.html", []string{
			`<mark class="lean-neg strong voice-author" title="leans strongly toward the opposition&#39;s words">regime</mark><sup class="cite"><a href="#note-1">1 −−</a></sup>`,
			`&lt;b&gt;disagree&lt;/b&gt;`,
			`Neutral alternatives: armed groups; fighters.`,
			`Teaching note: Calls a government illegitimate.`,
			`Leans toward the opposition&#39;s words (−1.00, from 2 naming choices).`,
			`What this can and cannot tell`,
		}},
		{Markdown, "testdata/handout.golden.md", []string{
			`The **regime** \[1 −−\] said`,
			`\<b\>disagree\</b\> \*loudly\*`,
			"1. **regime** \\[−−\\] ×2 — names The government; leans strongly toward the opposition's words; the outlet's own words.",
		}},
		{Text, "testdata/handout.golden.txt", []string{
			"The [[regime]][1 −−] said “the [[terrorists]][2 ++] attacked",
			"   Neutral alternatives: government.\n   Teaching note: Calls a government illegitimate.",
			"- [+] or [++]: the word leans toward the government's words",
		}},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			got := write(tt.format)
			if *update {
				if err := os.WriteFile(tt.golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(tt.golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (go test -update to accept):\n%s", tt.format, tt.golden, got)
			}
			for _, w := range tt.want {
				if !bytes.Contains(got, []byte(w)) {
					t.Errorf("%s lacks %q", tt.format, w)
				}
			}
			if bytes.Contains(got, []byte("Share")) {
				t.Errorf("%s shows page debris", tt.format)
			}
		})
	}
}

// The handout printed: the notes are text in the PDF, and the two leans
// differ in more than colour.
func TestBrowserHandout(t *testing.T) {
	_, write := handoutRecord(t)
	ctx := browsertest.Start(t)
	file := filepath.Join(t.TempDir(), "handout.html")
	if err := os.WriteFile(file, write(HTML), 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + file
	pl := browsertest.Watch(t, ctx, func(u string) bool { return u == url || strings.HasPrefix(u, url+"#") })
	err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	if n := browsertest.Eval[int](t, ctx, `document.scripts.length`); n != 0 {
		t.Errorf("the handout has %d scripts, want none", n)
	}

	t.Run("grayscale", func(t *testing.T) {
		// A mark's style as a black-and-white print shows it: the line
		// under it, its weight, and the signs after it; colours are left
		// out on purpose.
		type style struct {
			Line, Width, Weight, Cite string
		}
		js := func(sel string) string {
			return `(() => { const m = document.querySelector('.article ` + sel + `'); const s = getComputedStyle(m);
				return {Line: s.borderBottomStyle, Width: s.borderBottomWidth, Weight: s.fontWeight,
					Cite: m.nextElementSibling.textContent.replace(/^\d+ /, '')}; })()`
		}
		neg := browsertest.Eval[style](t, ctx, js(`mark.lean-neg.voice-author`))
		pos := browsertest.Eval[style](t, ctx, js(`mark.lean-pos`))
		if neg.Line == pos.Line {
			t.Errorf("both leans are underlined %s: a grayscale print cannot tell them apart", neg.Line)
		}
		if neg.Line == "none" || pos.Line == "none" {
			t.Errorf("a lean has no underline in print: %+v, %+v", neg, pos)
		}
		if neg.Cite == pos.Cite || !strings.Contains(neg.Cite, "−") || !strings.Contains(pos.Cite, "+") {
			t.Errorf("the signs after the marks do not tell the leans apart: %q, %q", neg.Cite, pos.Cite)
		}
		if neg.Weight != "700" {
			t.Errorf("a strong lean prints in weight %s, want bold", neg.Weight)
		}
	})

	t.Run("pdf", func(t *testing.T) {
		pdftotext := browsertest.Tool(t, "pdftotext", "poppler-utils")
		res, err := chromedp.Run(ctx, chromedp.Action[page.PrintToPDFResult](func(ctx context.Context, tg *chromedp.Target) (page.PrintToPDFResult, error) {
			return cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{})
		}))
		if err != nil {
			t.Fatal(err)
		}
		pdf := filepath.Join(t.TempDir(), "handout.pdf")
		if err := os.WriteFile(pdf, res.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(pdftotext, "-enc", "UTF-8", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		// pdftotext breaks lines where the page does: compare words.
		text := strings.Join(strings.Fields(string(out)), " ")
		for _, want := range []string{
			"Notes",
			"regime [−−] ×2 — names The government; leans strongly toward the opposition's words",
			"Neutral alternatives: armed groups; fighters.",
			"Teaching note: A label that states use for their armed opponents.",
			"What this can and cannot tell",
			"The regime 1 −− said",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("the printed handout lacks %q:\n%s", want, text)
			}
		}
	})
	pl.Check(t)
}

func TestExercise(t *testing.T) {
	rec, _ := handoutRecord(t)
	_, lex := score(t, corpus.Article{ID: "y", Outlet: "o", Text: "x"})
	tests := []struct {
		format       Format
		student, key []string
	}{
		{HTML, []string{
			`<p>The regime said “the terrorists attacked first at dawn today”.</p>`,
			`<li>Underline every word the article uses to name The government. Which of them take a side, and whose?<div class="lines"></div></li>`,
			`<li>The article writes “regime”. Which more neutral word could a reporter use`,
			`<table class="fill">`,
		}, []string{
			`<mark class="lean-neg strong voice-author"`,
			`<h2>Questions and answers</h2>`,
			`<b>Answer:</b> A neutral word: government. Calls a government illegitimate.`,
			`<b>Answer:</b> It is in a quote: someone else&#39;s words, not counted toward the lean.`,
		}},
		{Text, []string{
			"The regime said “the terrorists attacked first at dawn today”.\n\nThe so-called freedom fighters",
			"1. Underline every word the article uses to name The government.",
		}, []string{
			"The [[regime]][1 −−] said",
			"   Answer: Leans toward the opposition's words (−1.00, from 2 naming choices). The outlet's own words that take a side: “regime” [−−].",
		}},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			var student, key bytes.Buffer
			if err := WriteExercise(&student, &key, rec, lex, tt.format); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.student {
				if !strings.Contains(student.String(), w) {
					t.Errorf("the student's sheet lacks %q:\n%s", w, student.String())
				}
			}
			for _, w := range tt.key {
				if !strings.Contains(key.String(), w) {
					t.Errorf("the key lacks %q:\n%s", w, key.String())
				}
			}
			// The student's sheet gives nothing away.
			for _, leak := range []string{"<mark", "[[", "−−", "Neutral alternatives", "Teaching note", "Calls a government illegitimate"} {
				if strings.Contains(student.String(), leak) {
					t.Errorf("the student's sheet shows %q", leak)
				}
			}
		})
	}
}
