package report

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/dates"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

// hostileOutlet is an outlet name that must stay text everywhere.
const hostileOutlet = `</script><img src=x onerror="window.__pwned=1">`

// timelineInput is a comparison of 20 outlets over a year by month, with a
// baseline of the year before: outlet-07 moves to the positive end in
// July. With hostile set, outlet-03 is named hostileOutlet.
func timelineInput(t testing.TB, hostile bool) Input {
	t.Helper()
	lex, err := lexicon.Load(lexicon.Default)
	if err != nil {
		t.Fatal(err)
	}
	ref := record.LexiconRef{Name: lex.Name, Version: lex.Version, SHA256: lex.Hash}
	axis := lex.Axes[0].ID
	rng := rand.New(rand.NewPCG(7, 8))
	opt := aggregate.DefaultOptions()
	opt.Lexicon, opt.Seed, opt.Bootstrap, opt.Period = lex, 1, 300, dates.Month
	batch, base := aggregate.New(opt), aggregate.New(opt)
	for o := range 20 {
		name := fmt.Sprintf("outlet-%02d", o)
		if hostile && o == 3 {
			name = hostileOutlet
		}
		lean := float64(o%7-3) / 6
		for i := range 24 * (1 + o%3) {
			day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(366))
			v := lean + rng.NormFloat64()*0.2
			if o == 7 && day.Month() >= time.July {
				v += 0.8
			}
			r := &record.Record{Schema: record.Schema, ID: fmt.Sprint(o, "-", i), Outlet: name, Date: day.Format(time.DateOnly),
				Lexicon: ref, Tokens: 300, Stance: map[string]record.AxisScore{axis: {Score: max(-1, min(1, v)), N: 3}}}
			if err := batch.Add(r); err != nil {
				t.Fatal(err)
			}
			old := *r
			old.Date = day.AddDate(-1, 0, 0).Format(time.DateOnly)
			old.Stance = map[string]record.AxisScore{axis: {Score: max(-1, min(1, lean+rng.NormFloat64()*0.2)), N: 3}}
			if err := base.Add(&old); err != nil {
				t.Fatal(err)
			}
		}
	}
	cmp, err := batch.ResultAgainst(base)
	if err != nil {
		t.Fatal(err)
	}
	return Input{Comparison: cmp, Lexicon: lex}
}

// TestTimelineCharts checks the options of the trend and shift charts:
// one panel per chart unit, each with its band stacked whatever the signs,
// fixed ids, and the shifted outlet in the findings.
func TestTimelineCharts(t *testing.T) {
	in := timelineInput(t, false)
	p, err := build(in, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if p.Trends == nil || len(p.Trends.Axes) != 1 || p.Baseline == nil || len(p.Baseline.Axes) != 1 {
		t.Fatalf("trends %+v, baseline %+v", p.Trends, p.Baseline)
	}
	byID := map[string]chartSpec{}
	b := &builder{in: in, opt: Options{TopUnits: DefaultTopUnits}, cmp: in.Comparison}
	b.index()
	b.trends()
	b.baseline()
	for _, c := range b.charts {
		byID[c.ID] = c
	}
	trend, ok := byID["chart-trend-0"]
	if !ok {
		t.Fatalf("no chart-trend-0 among %v", keys(byID))
	}
	if grids := trend.Option["grid"].([]any); len(grids) != 20 {
		t.Errorf("%d panels, want 20", len(grids))
	}
	series := trend.Option["series"].([]any)
	if len(series) != 60 {
		t.Fatalf("%d series, want 60 (band low, band width, mean per panel)", len(series))
	}
	for i, s := range series {
		sm := s.(map[string]any)
		if i%3 < 2 && (sm["stackStrategy"] != "all" || sm["stack"] != fmt.Sprint("band-", i/3)) {
			t.Errorf("series %d: stack %v, strategy %v", i, sm["stack"], sm["stackStrategy"])
		}
		if fmt.Sprint(sm["xAxisIndex"]) != fmt.Sprint(i/3) && i/3 > 0 {
			t.Errorf("series %d on x axis %v, want %d", i, sm["xAxisIndex"], i/3)
		}
	}
	if _, ok := byID["chart-shift-0"]; !ok {
		t.Errorf("no chart-shift-0 among %v", keys(byID))
	}
	found := false
	for _, s := range p.Baseline.Shifted {
		found = found || strings.Contains(string(s), "outlet-07")
	}
	if !found {
		t.Errorf("outlet-07 not among the shifts: %v", p.Baseline.Shifted)
	}
	html := string(reportBytes(t, in, DefaultOptions()))
	for _, want := range []string{`<section id="trends">`, `<section id="baseline">`, `href="#trends"`, `Over time, by month`, "rose from a mean of"} {
		if !strings.Contains(html, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

func keys(m map[string]chartSpec) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestBrowserTimeline opens a report with trends of 20 outlets and a
// baseline: every chart is painted, every tooltip builds, nothing errs,
// and a hostile outlet name stays text.
func TestBrowserTimeline(t *testing.T) {
	ctx := browser(t)
	pl := open(t, ctx, reportBytes(t, timelineInput(t, true), DefaultOptions()))
	checkChartsDrawn(t, ctx, 3) // stance, trend, shift
	if shot := os.Getenv("TIMELINE_SCREENSHOT"); shot != "" {
		for _, id := range []string{"chart-trend-0", "chart-shift-0"} {
			if png, err := chromedp.Run(ctx, chromedp.Screenshot("#"+id)); err == nil {
				os.WriteFile(shot+"-"+id+".png", png, 0o644)
			}
		}
	}
	for _, id := range []string{"chart-trend-0", "chart-shift-0"} {
		if !eval[bool](t, ctx, `document.getElementById('`+id+`').getAttribute('data-drawn') === 'true'`) {
			t.Errorf("%s not drawn", id)
		}
	}
	if n := eval[int](t, ctx, exerciseTooltips); n == 0 {
		t.Error("no tooltip shown")
	}
	// The tooltip of a mean names the outlet and the period.
	tip := eval[string](t, ctx, `(() => {
		const chart = echarts.getInstanceByDom(document.getElementById('chart-trend-0'));
		chart.dispatchAction({type: 'showTip', seriesIndex: 2, dataIndex: 0});
		const el = document.querySelector('#chart-trend-0 .ec-tip');
		return el ? el.textContent : '';
	})()`)
	if !strings.Contains(tip, "2024-01") || !strings.Contains(tip, "articles with evidence") {
		t.Errorf("trend tooltip %q", tip)
	}
	if err := chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if eval[bool](t, ctx, `window.__pwned !== undefined`) {
		t.Error("hostile outlet name ran script")
	}
	if !eval[bool](t, ctx, `document.querySelector('#baseline').textContent.includes('</script><img')`) {
		t.Error("hostile outlet name not shown as text in the baseline section")
	}
	pl.Check(t)
}
