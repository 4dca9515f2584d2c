package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/browsertest"
	"github.com/compare-tool/compare/internal/corpus"
)

// The browser tests open reports in headless Chromium from file:// and
// check what a reader would see: every chart drawn, no error, no network,
// no injected script. They skip when no Chromium is installed, except in
// CI (CI=true), where a missing browser fails: .ci/run installs it.

func browser(t *testing.T) context.Context { return browsertest.Start(t) }

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
