package report

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/browsertest"
	"github.com/compare-tool/compare/internal/corpus"
	cred "github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/sameevent"
	"github.com/compare-tool/compare/internal/stance"
)

// The browser tests open reports in headless Chromium from file:// and
// check what a reader would see: every chart drawn, no error, no network,
// no injected script. They skip when no Chromium is installed, except in
// CI (CI=true), where a missing browser fails: .ci/run installs it.

func browser(t *testing.T) context.Context { return browsertest.Start(t) }

// browserFor is browser for a test that may take d.
func browserFor(t *testing.T, d time.Duration) context.Context { return browsertest.StartFor(t, d) }

// open writes page to a file, opens it and waits until every chart is
// drawn.
func open(t *testing.T, ctx context.Context, page []byte) *browsertest.Log {
	t.Helper()
	file := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(file, page, 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + file
	pl := browsertest.Watch(t, ctx, func(u string) bool { return u == url || strings.HasPrefix(u, url+"#") })
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.documentElement.getAttribute('data-charts-ready') === 'true'`,
		chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		pl.Check(t)
		t.Fatalf("charts not drawn: %v", err)
	}
	return pl
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	return browsertest.Eval[T](t, ctx, js)
}

// checkChartsDrawn checks that every chart container holds a canvas with
// something painted on it.
func checkChartsDrawn(t *testing.T, ctx context.Context, min int) {
	t.Helper()
	type chart struct {
		ID    string `json:"id"`
		Drawn bool   `json:"drawn"`
	}
	charts := eval[[]chart](t, ctx, `Array.from(document.querySelectorAll('.chart')).map(el => {
		const c = el.querySelector('canvas');
		let drawn = false;
		if (c && c.width > 0 && c.height > 0) {
			const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
			for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) { drawn = true; break; }
		}
		return {id: el.id, drawn: drawn};
	})`)
	if len(charts) < min {
		t.Errorf("%d chart containers, want at least %d", len(charts), min)
	}
	for _, c := range charts {
		if !c.Drawn {
			t.Errorf("chart %s has nothing drawn", c.ID)
		}
	}
}

// exerciseTooltips shows the tooltip of the first item of every series of
// every chart, and of every highlighted term, so that their markup is
// built from the data.
const exerciseTooltips = `(() => {
	let shown = 0;
	for (const el of document.querySelectorAll('.chart')) {
		const chart = echarts.getInstanceByDom(el);
		const n = chart.getOption().series.length;
		for (let s = 0; s < n; s++) {
			chart.dispatchAction({type: 'showTip', seriesIndex: s, dataIndex: 0});
			shown++;
		}
		chart.dispatchAction({type: 'hideTip'});
	}
	for (const m of document.querySelectorAll('mark.t[data-e]')) {
		m.dispatchEvent(new FocusEvent('focusin', {bubbles: true}));
		shown++;
	}
	return shown;
})()`

func reportBytes(t *testing.T, in Input, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, in, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBrowserReport(t *testing.T) {
	ctx := browser(t)
	pl := open(t, ctx, reportBytes(t, tinyInput(t, false), DefaultOptions()))
	checkChartsDrawn(t, ctx, 6)

	// A term's tooltip names its target and neutral alternatives.
	tip := eval[string](t, ctx, `(() => {
		const m = Array.from(document.querySelectorAll('mark.t')).find(m => m.textContent === 'terrorists');
		m.dispatchEvent(new FocusEvent('focusin', {bubbles: true}));
		return document.getElementById('tip').textContent;
	})()`)
	for _, want := range []string{"The armed opposition", "Neutral alternative: armed groups; fighters", "quotation"} {
		if !strings.Contains(tip, want) {
			t.Errorf("tooltip %q lacks %q", tip, want)
		}
	}

	// Clicking an article's point in the distribution chart opens and
	// shows that article.
	opened := eval[string](t, ctx, `(() => {
		document.querySelectorAll('details.article').forEach(d => d.open = false);
		const el = document.getElementById('chart-dist-0');
		const chart = echarts.getInstanceByDom(el);
		const g = chart.getModel().getSeriesByIndex(1).getData().getItemGraphicEl(0);
		const r = el.getBoundingClientRect();
		const target = chart.getZr().handler.findHover(g.x, g.y).target;
		chart.getZr().trigger('click', {target: target, offsetX: g.x, offsetY: g.y, event: {}});
		const open = Array.from(document.querySelectorAll('details.article[open]')).map(d => d.id);
		return open.join(',');
	})()`)
	if opened == "" {
		t.Error("clicking a point opened no article")
	}

	// Clicking a headline in the "Same event" section opens that article.
	opened = eval[string](t, ctx, `(() => {
		document.querySelectorAll('details.article').forEach(d => d.open = false);
		const a = document.querySelector('#same-event a[href="#article-2"]');
		a.click();
		return Array.from(document.querySelectorAll('details.article[open]')).map(d => d.id).join(',');
	})()`)
	if opened != "article-2" {
		t.Errorf("clicking a headline of the same-event section opened %q, want article-2", opened)
	}

	if n := eval[int](t, ctx, exerciseTooltips); n == 0 {
		t.Error("no tooltip shown")
	}
	pl.Check(t)
}

func TestBrowserHostileInput(t *testing.T) {
	ctx := browser(t)
	pl := open(t, ctx, reportBytes(t, tinyInput(t, true), DefaultOptions()))
	checkChartsDrawn(t, ctx, 6)
	eval[int](t, ctx, exerciseTooltips)
	// Let ECharts render its tooltips and any injected handler run.
	if err := chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	type state struct {
		Pwned    bool     `json:"pwned"`
		Scripts  int      `json:"scripts"`
		Bad      []string `json:"bad"`
		Handlers []string `json:"handlers"`
		Links    []string `json:"links"`
	}
	s := eval[state](t, ctx, `({
		pwned: window.__pwned !== undefined,
		scripts: document.querySelectorAll('script').length,
		bad: Array.from(document.querySelectorAll('img, svg, iframe, object, embed, main script, form, input')).map(e => e.outerHTML.slice(0, 80)),
		handlers: Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes).filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
		links: Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href')).filter(h => !h.startsWith('#') && !h.startsWith('https://'))
	})`)
	if s.Pwned {
		t.Error("hostile input ran script: window.__pwned is set")
	}
	if s.Scripts != 3 {
		t.Errorf("%d script elements, want 3", s.Scripts)
	}
	for _, b := range s.Bad {
		t.Errorf("injected element %s", b)
	}
	for _, h := range s.Handlers {
		t.Errorf("injected event handler %s", h)
	}
	for _, l := range s.Links {
		t.Errorf("injected link %s", l)
	}
	// The hostile title is shown as text.
	title := eval[string](t, ctx, `document.querySelector('#article-0 .a-title').textContent`)
	if !strings.Contains(title, "<script>window.__pwned=1</script>") {
		t.Errorf("title shown as %q, want the markup as text", title)
	}
	pl.Check(t)
}

// seedsFile is the real seed corpus beside the project.
const seedsFile = "../../../shared/seeds/seeds.jsonl"

func TestBrowserSeeds(t *testing.T) {
	if _, err := os.Stat(seedsFile); err != nil {
		t.Skipf("seed articles not found at %s", seedsFile)
	}
	s := newScoring(t, aggregate.DefaultBootstrap)
	_, err := corpus.Read(context.Background(), []string{seedsFile}, corpus.Options{}, s.add,
		func(p corpus.Problem) { t.Logf("seeds: %v", p) })
	if err != nil {
		t.Fatal(err)
	}
	if len(s.recs) != 5 {
		t.Fatalf("read %d seed articles, want 5", len(s.recs))
	}
	ctx := browser(t)
	pl := open(t, ctx, reportBytes(t, s.input(), DefaultOptions()))
	checkChartsDrawn(t, ctx, 4)

	// Seed 000 uses "mullahs’ regime" (curly apostrophe); its view must
	// highlight it, and the tooltip must offer the neutral alternative.
	type term struct {
		Found bool   `json:"found"`
		Class string `json:"class"`
		Tip   string `json:"tip"`
	}
	got := eval[term](t, ctx, `(() => {
		const view = Array.from(document.querySelectorAll('details.article')).find(d => d.querySelector('.a-facts dd').textContent.startsWith('000_'));
		if (!view) return {found: false, class: '', tip: ''};
		const m = Array.from(view.querySelectorAll('mark.t')).find(m => m.textContent === 'mullahs’ regime');
		if (!m) return {found: false, class: '', tip: ''};
		m.dispatchEvent(new FocusEvent('focusin', {bubbles: true}));
		return {found: true, class: m.className, tip: document.getElementById('tip').textContent};
	})()`)
	if !got.Found {
		t.Fatal("seed 000's article view has no highlighted “mullahs’ regime”")
	}
	if !strings.Contains(got.Class, "neg") {
		t.Errorf("“mullahs’ regime” has class %q, want a negative lean", got.Class)
	}
	if !strings.Contains(got.Tip, "Iranian government") {
		t.Errorf("tooltip of “mullahs’ regime” is %q, want the neutral alternative “Iranian government”", got.Tip)
	}
	pl.Check(t)
}

// sampleInput scores the built-in sample (five outlets' articles)
// with the default lexicon: a report with every section.
func sampleInput(t testing.TB) Input {
	t.Helper()
	lex, err := lexicon.Load(lexicon.Default)
	if err != nil {
		t.Fatal(err)
	}
	outlets, err := corpus.LoadOutlets("../../testdata/sample-outlets.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rules, err := cred.Load("")
	if err != nil {
		t.Fatal(err)
	}
	sc := stance.NewScorer(lexicon.Compile(lex))
	sc.SetCredibility(cred.Compile(rules))
	aopt := aggregate.DefaultOptions()
	aopt.Lexicon, aopt.Seed = lex, 1
	agg := aggregate.New(aopt)
	var recs []*record.Record
	_, err = corpus.Read(context.Background(), []string{"../../testdata/sample"}, corpus.Options{Outlets: outlets}, func(a *corpus.Article) error {
		r := sc.Score(a)
		recs = append(recs, r)
		return agg.Add(r)
	}, func(p corpus.Problem) { t.Logf("sample: %v", p) })
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 25 {
		t.Fatalf("read %d sample articles, want at least 25", len(recs))
	}
	arts := make([]sameevent.Article, len(recs))
	for i, r := range recs {
		arts[i] = sameevent.FromRecord(r, "outlet")
	}
	same, err := sameevent.Group(context.Background(), arts, sameevent.Options{Lexicon: lex})
	if err != nil {
		t.Fatal(err)
	}
	return Input{Comparison: agg.Result(), Records: recs, Lexicon: lex, SameEvent: same}
}

// TestBrowserLayout opens reports as a phone (420 px wide) and as a
// desktop (1400 px) would, in both orders so that the charts are also seen
// to follow their box when the window changes: the sample's report (every
// section but the timeline's) and one of 20 outlets over a year against a
// baseline (the timeline's sections). Nothing may overflow the page
// sideways, and no chart label may overlap another or run off its chart.
// It saves a screenshot of each section at each width (opened at that
// width) in the temporary folder (COMPARE_SCREENSHOTS names another).
func TestBrowserLayout(t *testing.T) {
	ctx := browserFor(t, 6*time.Minute)
	shots := os.Getenv("COMPARE_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		in     func(testing.TB) Input
		charts int // at least
	}{
		{"sample", func(t testing.TB) Input { return sampleInput(t) }, 10},
		{"timeline", func(t testing.TB) Input { return timelineInput(t, false) }, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkLayout(t, ctx, reportBytes(t, tc.in(t), DefaultOptions()), tc.charts, filepath.Join(shots, "report-"+tc.name))
		})
	}
}

// checkLayout opens page at 420 and 1400 px, in both orders, and checks
// it as TestBrowserLayout says: at least charts charts drawn. It saves
// screenshots as shots-WIDTH-SECTION.png.
func checkLayout(t *testing.T, ctx context.Context, page []byte, charts int, shots string) {
	t.Helper()
	for _, widths := range [][]int64{{1400, 420}, {420, 1400}} {
		for i, w := range widths {
			name := fmt.Sprintf("%d", w)
			if i == 0 {
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 900)); err != nil {
					t.Fatal(err)
				}
				open(t, ctx, page).Check(t)
			} else {
				name += "-resized"
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 900), chromedp.Sleep(400*time.Millisecond)); err != nil {
					t.Fatal(err)
				}
			}
			t.Run(name, func(t *testing.T) {
				checkChartsDrawn(t, ctx, charts)
				sizes := eval[[]int](t, ctx, `[document.documentElement.scrollWidth, window.innerWidth]`)
				if sizes[0] > sizes[1] {
					t.Errorf("the page is %d px wide in a %d px window: it overflows sideways", sizes[0], sizes[1])
				}
				// Every chart is as wide as its box (the heat map may be
				// wider, inside a box that scrolls).
				for _, c := range eval[[]string](t, ctx, `Array.from(document.querySelectorAll('.chart')).filter(el =>
					!el.parentNode.classList.contains('chart-box') && Math.abs(echarts.getInstanceByDom(el).getWidth() - el.clientWidth) > 1).map(el => el.id)`) {
					t.Errorf("chart %s is not as wide as its box", c)
				}
				// No table hides columns in a box that scrolls sideways.
				for _, b := range eval[[]string](t, ctx, `Array.from(document.querySelectorAll('.scroll')).filter(b => b.scrollWidth > b.clientWidth + 1).map(b =>
					(b.closest('section') || {}).id + ': ' + b.scrollWidth + ' px of table in ' + b.clientWidth)`) {
					t.Errorf("a table is wider than its box: %s", b)
				}
				for _, o := range eval[[]string](t, ctx, labelOverlapsJS) {
					t.Error(o)
				}
				if i > 0 {
					return // the screenshots are of pages opened at their width
				}
				for _, sec := range eval[[]string](t, ctx, `Array.from(document.querySelectorAll('main > section')).map(s => s.id)`) {
					eval[bool](t, ctx, `(document.getElementById('`+sec+`').scrollIntoView({behavior: 'instant', block: 'start'}), true)`)
					shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
					if err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(fmt.Sprintf("%s-%s-%s.png", shots, name, sec), shot, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			})
		}
	}
}

// TestBrowserPrint prints the sample's report to PDF, as a reader's
// browser would, and reads the text back (pdftotext, of poppler-utils,
// which .ci/run installs): what the screen shows on hover must be on paper
// as text, the neutral alternatives and the lexicon's notes of the terms
// among them, and every table and article opened.
func TestBrowserPrint(t *testing.T) {
	pdftotext := browsertest.Tool(t, "pdftotext", "poppler-utils")
	// Printing every article opened takes a while on a busy machine.
	ctx := browserFor(t, 4*time.Minute)
	in := sampleInput(t)
	pl := open(t, ctx, reportBytes(t, in, DefaultOptions()))
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "report.pdf")
	if d := os.Getenv("COMPARE_SCREENSHOTS"); d != "" {
		file = filepath.Join(d, "report.pdf")
	}
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// pdftotext breaks lines where the page does: compare words only.
	text := strings.Join(strings.Fields(string(out)), " ")
	var want []string
	for _, id := range []string{"mullahs-regime", "axis-of-resistance", "defenders-of-the-shrine"} {
		for _, e := range in.Lexicon.Entries {
			if e.ID == id {
				want = append(want, "neutral alternative: "+strings.Join(e.Neutral, "; "), e.Note)
			}
		}
	}
	if len(want) != 6 {
		t.Fatalf("lexicon entries not found: %q", want)
	}
	// Closed on screen, open on paper: a naming table and the caveats.
	want = append(want, "What each outlet wrote", "quoted: ", "Lexicon scoring counts word choice only")
	for _, w := range want {
		if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
			t.Errorf("the printed report lacks %q", w)
		}
	}
	if strings.Contains(text, "Hover") {
		t.Error("the printed report asks the reader to hover")
	}
	pl.Check(t)
}

// labelOverlapsJS lists, for every chart, the pairs of visible text labels
// (axis labels, bar labels, legend items, names, point labels) whose boxes
// overlap by more than a pixel, and labels cut by the chart's edge. It
// reads ECharts' own layout: each label is a zrender text element drawn as
// one span a line, whose box and transform zrender computes. A span's box
// is as high as its font (zrender measures lines lower than the glyphs),
// around the line's middle.
const labelOverlapsJS = `(() => {
	const out = [];
	for (const el of document.querySelectorAll('.chart')) {
		const chart = echarts.getInstanceByDom(el);
		if (!chart) continue;
		const w = chart.getWidth(), h = chart.getHeight();
		const boxes = new Map();
		for (const d of chart.getZr().storage.getDisplayList(true)) {
			if (d.type !== 'tspan' || d.invisible || !d.style || !String(d.style.text || '').trim()) continue;
			const host = d.parent && d.parent.type === 'text' ? d.parent : d;
			if (host.ignore || host.invisible || (host.style && host.style.opacity === 0)) continue;
			const r = d.getBoundingRect().clone();
			const size = +((/([0-9.]+)px/.exec(d.style.font || '') || [0, 12])[1]);
			const cy = r.y + r.height / 2;
			r.height = Math.max(r.height, size);
			r.y = cy - r.height / 2;
			const m = d.getComputedTransform();
			if (m) r.applyTransform(m);
			if (r.width < 1) continue;
			const b = boxes.get(host);
			if (!b) {
				boxes.set(host, {text: String(d.style.text), x: r.x, y: r.y, x2: r.x + r.width, y2: r.y + r.height});
			} else {
				b.text += ' ' + d.style.text;
				b.x = Math.min(b.x, r.x); b.y = Math.min(b.y, r.y);
				b.x2 = Math.max(b.x2, r.x + r.width); b.y2 = Math.max(b.y2, r.y + r.height);
			}
		}
		const list = Array.from(boxes.values());
		const f = b => '"' + b.text + '" [' + [b.x, b.y, b.x2 - b.x, b.y2 - b.y].map(v => Math.round(v)).join(' ') + ']';
		for (let i = 0; i < list.length; i++) {
			const a = list[i];
			if (a.x < -1 || a.y < -1 || a.x2 > w + 1 || a.y2 > h + 1) out.push(el.id + ': ' + f(a) + ' is cut by the chart edge (' + w + 'x' + h + ')');
			for (let j = i + 1; j < list.length; j++) {
				const b = list[j];
				const ox = Math.min(a.x2, b.x2) - Math.max(a.x, b.x);
				const oy = Math.min(a.y2, b.y2) - Math.max(a.y, b.y);
				if (ox > 1 && oy > 1) out.push(el.id + ': ' + f(a) + ' overlaps ' + f(b));
			}
		}
	}
	return out;
})()`
