package report

import (
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"math"
	"slices"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/compare-tool/compare/internal/aggregate"
)

// This file draws the sections about time: the trends of each unit over
// calendar periods (Comparison.Trends) and the comparison with a baseline
// (Comparison.Baseline). Their markup is timeline.html.tmpl.

//go:embed timeline.html.tmpl
var timelineTemplateText string

// trendsView is the trends section: per axis, small multiples of the
// chart units' period means with their intervals, and each unit's
// sentence.
type trendsView struct {
	Period  string
	Periods int
	First   string
	Last    string
	Undated int
	Axes    []trendAxisView
}

type trendAxisView struct {
	Label     string
	Chart     chartRef
	Sentences []template.HTML
	Hidden    int // units with a trend that the chart leaves out
}

// trendCell is one point of a unit's panel, for the tooltip.
type trendCell struct {
	Period   string   `json:"period"`
	Articles int      `json:"articles"`
	N        int      `json:"n"`
	Mean     *float64 `json:"mean"`
	Low      *float64 `json:"low"`
	High     *float64 `json:"high"`
	Few      bool     `json:"few"`
}

// trendPanel is one unit's panel, for the tooltip.
type trendPanel struct {
	Unit  string       `json:"unit"`
	Cells []*trendCell `json:"cells"` // one per period of the span, nil where none
}

// Small multiples: panels of the trend charts, columns per row at most.
const (
	trendColumns = 4
	trendPanelPx = 120 // plot height of a panel
	trendGapPx   = 56  // title above, period labels below
)

func (b *builder) trends() *trendsView {
	tr := b.cmp.Trends
	if tr == nil {
		return nil
	}
	v := &trendsView{Period: tr.Period, Periods: len(tr.Periods), Undated: tr.Undated}
	if len(tr.Periods) > 0 {
		v.First, v.Last = tr.Periods[0], tr.Periods[len(tr.Periods)-1]
	}
	inChart := map[string]bool{}
	for _, u := range b.chartUnits {
		inChart[u.Name] = true
	}
	for k, at := range tr.Axes {
		av := trendAxisView{Label: b.axis(aggregate.Label{ID: at.Axis, Label: labelOf(b.cmp.Axes, at.Axis)}).Label,
			Chart: chartRef{ID: fmt.Sprintf("chart-trend-%d", k)}}
		var units []aggregate.UnitTrend
		for _, ut := range at.Units {
			if !inChart[ut.Unit] {
				av.Hidden++
				continue
			}
			units = append(units, ut)
			av.Sentences = append(av.Sentences, isolateNames(ut.Sentence, ut.Unit, av.Label))
		}
		if len(units) > 0 {
			av.Chart.Height = b.trendChart(av.Chart.ID, tr.Periods, units)
		}
		v.Axes = append(v.Axes, av)
	}
	return v
}

func labelOf(ls []aggregate.Label, id string) string {
	for _, l := range ls {
		if l.ID == id && l.Label != "" {
			return l.Label
		}
	}
	return id
}

// trendChart draws one panel per unit (small multiples, trendColumns to a
// row): the period means as a line with points, hollow where the period
// has too few articles, over the band of their 95% intervals, every
// panel on the same axes so that they compare at a glance. Periods
// without articles are gaps. It returns the chart's height.
func (b *builder) trendChart(id string, periods []string, units []aggregate.UnitTrend) int {
	cols := min(trendColumns, len(units))
	rows := (len(units) + cols - 1) / cols
	lo, hi := 0.0, 0.0
	panels := make([]trendPanel, len(units))
	for i, ut := range units {
		panels[i] = trendPanel{Unit: ut.Unit, Cells: make([]*trendCell, len(periods))}
		k := 0
		for _, c := range ut.Cells {
			for periods[k] != c.Period {
				k++
			}
			panels[i].Cells[k] = &trendCell{Period: c.Period, Articles: c.Articles, N: c.N, Mean: c.Mean, Low: c.CILow, High: c.CIHigh, Few: c.Few}
			for _, v := range []*float64{c.Mean, c.CILow, c.CIHigh} {
				if v != nil {
					lo, hi = math.Min(lo, *v), math.Max(hi, *v)
				}
			}
		}
	}
	// One scale for every panel, in steps of 0.25 within [-1, 1].
	lo = math.Max(-1, math.Floor(lo*4)/4)
	hi = math.Min(1, math.Ceil(hi*4)/4)
	if hi-lo < 0.5 {
		lo, hi = math.Max(-1, lo-0.25), math.Min(1, hi+0.25)
	}

	line := charts.NewLine()
	var grids []opts.Grid
	var titles []any
	series := []int{} // series index → panel, -1 for bands
	for i, p := range panels {
		r, c := i/cols, i%cols
		top := r*(trendPanelPx+trendGapPx) + 28
		grids = append(grids, opts.Grid{
			Left: fmt.Sprintf("%.1f%%", float64(c)*100/float64(cols)+3), Width: fmt.Sprintf("%.1f%%", 100/float64(cols)-5),
			Top: fmt.Sprint(top), Height: fmt.Sprint(trendPanelPx)})
		title := p.Unit
		if t := units[i].Test; t != nil && t.Direction != "" {
			// A reliable trend is named where the eye is.
			title += map[string]string{"rising": "  ↑ rising", "falling": "  ↓ falling"}[t.Direction]
		}
		titles = append(titles, map[string]any{"text": title, "left": fmt.Sprintf("%.1f%%", float64(c)*100/float64(cols)+3),
			"top": top - 24, "textStyle": map[string]any{"fontSize": 12, "fontWeight": "normal", "width": 220, "overflow": "truncate"}})
		axisX := opts.XAxis{Type: "category", GridIndex: i, Data: periods,
			AxisLabel: &opts.AxisLabel{FontSize: 10, HideOverlap: opts.Bool(true)}}
		axisY := opts.YAxis{Type: "value", GridIndex: i, Min: lo, Max: hi, SplitNumber: 4,
			AxisLabel: &opts.AxisLabel{FontSize: 10}}
		if i == 0 {
			line.SetGlobalOptions(charts.WithXAxisOpts(axisX), charts.WithYAxisOpts(axisY))
		} else {
			line.ExtendXAxis(axisX)
			line.ExtendYAxis(axisY)
		}
		low := make([]opts.LineData, len(periods))
		width := make([]opts.LineData, len(periods))
		mean := make([]opts.LineData, len(periods))
		for k, cell := range p.Cells {
			low[k], width[k], mean[k] = opts.LineData{Value: "-"}, opts.LineData{Value: "-"}, opts.LineData{Value: "-"}
			if cell == nil || cell.Mean == nil {
				continue
			}
			if cell.Low != nil && cell.High != nil {
				low[k] = opts.LineData{Value: round(*cell.Low)}
				width[k] = opts.LineData{Value: round(*cell.High - *cell.Low)}
			}
			mean[k] = opts.LineData{Value: round(*cell.Mean)}
			if cell.Few {
				mean[k].Symbol = "emptyCircle"
			}
		}
		axes := opts.LineChart{XAxisIndex: i, YAxisIndex: i, Stack: fmt.Sprint("band-", i), Symbol: "none"}
		line.AddSeries("95% interval low", low, charts.WithLineChartOpts(axes))
		line.AddSeries("95% interval", width, charts.WithLineChartOpts(axes),
			charts.WithAreaStyleOpts(opts.AreaStyle{Color: "#c6dbef", Opacity: opts.Float(0.8)}))
		line.AddSeries(p.Unit, mean, charts.WithLineChartOpts(opts.LineChart{XAxisIndex: i, YAxisIndex: i, Symbol: "circle", SymbolSize: 6}))
		series = append(series, -1, -1, i)
	}
	line.SetGlobalOptions(initOpts(id), noLegend(), itemTooltip(), charts.WithGridOpts(grids...))
	m := optionOf(line)
	m["title"] = titles
	set(m, "xAxis.0.data", toAny(periods)) // the first axis's data goes to the chart's own category list
	for s, panel := range series {
		path := fmt.Sprintf("series.%d.", s)
		if panel < 0 {
			// The band: the low line carries nothing visible, the width
			// is stacked on it whatever the signs (ECharts stacks only
			// values of one sign unless told).
			set(m, path+"stackStrategy", "all")
			set(m, path+"lineStyle", map[string]any{"opacity": 0})
			set(m, path+"silent", true)
			set(m, path+"tooltip", map[string]any{"show": false})
			continue
		}
		set(m, path+"connectNulls", false)
		set(m, path+"lineStyle", map[string]any{"color": colorInk, "width": 1.5})
		set(m, path+"itemStyle", map[string]any{"color": colorInk})
		set(m, path+"z", 3)
	}
	h := rows*(trendPanelPx+trendGapPx) + 20
	// The page script lays the panels out again for the width it has
	// (fewer columns on a phone), from the columns and sizes here.
	b.addChart(id, "trend", h, m, struct {
		Panels  []trendPanel `json:"panels"`
		Series  []int        `json:"series"`
		Columns int          `json:"columns"`
		PanelPx int          `json:"panel_px"`
		GapPx   int          `json:"gap_px"`
	}{panels, series, cols, trendPanelPx, trendGapPx})
	return h
}

// baselineView is the section comparing the batch with its baseline.
type baselineView struct {
	Articles  int
	DateRange string
	Rule      string
	Shifted   []template.HTML
	Axes      []baselineAxisView
	Naming    []aggregate.NamingShifts
	NewTerms  []aggregate.Distinctive
	Notes     []string
}

type baselineAxisView struct {
	Label string
	Chart chartRef
	Units []aggregate.UnitShift
}

func (b *builder) baseline() *baselineView {
	bl := b.cmp.Baseline
	if bl == nil {
		return nil
	}
	// The section lists the listed units only (Options.MaxUnits).
	listed := func(unit string) bool { return b.tableUnits[unit] }
	v := &baselineView{Articles: bl.Articles, Rule: bl.Rule, Notes: bl.Notes,
		Naming:   slices.DeleteFunc(slices.Clone(bl.Naming), func(n aggregate.NamingShifts) bool { return !listed(n.Unit) }),
		NewTerms: slices.DeleteFunc(slices.Clone(bl.NewTerms), func(d aggregate.Distinctive) bool { return !listed(d.Unit) })}
	if bl.DateRange[0] != "" {
		v.DateRange = bl.DateRange[0] + " to " + bl.DateRange[1]
	}
	for k, bx := range bl.Axes {
		label := b.axis(aggregate.Label{ID: bx.Axis, Label: labelOf(b.cmp.Axes, bx.Axis)}).Label
		units := slices.DeleteFunc(slices.Clone(bx.Units), func(u aggregate.UnitShift) bool { return !listed(u.Unit) })
		av := baselineAxisView{Label: label, Units: units, Chart: chartRef{ID: fmt.Sprintf("chart-shift-%d", k)}}
		for _, us := range units {
			if us.Shifted {
				v.Shifted = append(v.Shifted, isolateNames(us.Sentence, us.Unit, label))
			}
		}
		av.Chart.Height = b.shiftChart(av.Chart.ID, bx.Units)
		v.Axes = append(v.Axes, av)
	}
	return v
}

// shiftRow is one unit's bar in a shift chart.
type shiftRow struct {
	Unit     string   `json:"unit"`
	N        int      `json:"n"`
	BaseN    int      `json:"base_n"`
	Mean     *float64 `json:"mean"`
	BaseMean *float64 `json:"base_mean"`
	Diff     float64  `json:"diff"`
	Low      *float64 `json:"low"`
	High     *float64 `json:"high"`
	PHolm    float64  `json:"p_holm"`
	Shifted  bool     `json:"shifted"`
}

// shiftChart draws each compared chart unit's difference from its
// baseline with the 95% interval, shifted units in colour, the others
// grey. It returns the height, or 0 when no unit was compared.
func (b *builder) shiftChart(id string, units []aggregate.UnitShift) int {
	inChart := map[string]bool{}
	for _, u := range b.chartUnits {
		inChart[u.Name] = true
	}
	var rows []shiftRow
	for _, us := range units {
		if us.Skipped == "" && us.Diff != nil && inChart[us.Unit] {
			rows = append(rows, shiftRow{Unit: us.Unit, N: us.N, BaseN: us.BaselineN, Mean: us.Mean, BaseMean: us.BaselineMean,
				Diff: *us.Diff, Low: us.CILow, High: us.CIHigh, PHolm: us.PHolm, Shifted: us.Shifted})
		}
	}
	if len(rows) == 0 {
		return 0
	}
	// By difference, as the stance chart is by mean; n is in the tooltip,
	// where it cannot cross an interval.
	slices.SortStableFunc(rows, func(x, y shiftRow) int { return cmp.Compare(x.Diff, y.Diff) })
	bars := make([]intervalBar, len(rows))
	for i, r := range rows {
		color := colorUntested
		switch {
		case r.Shifted && r.Diff < 0:
			color = colorNeg
		case r.Shifted:
			color = colorPos
		}
		bars[i] = intervalBar{Name: r.Unit, Value: r.Diff, Low: r.Low, High: r.High, Color: color}
	}
	m, h := intervalBars(id, bars, "difference in mean stance from the baseline")
	b.addChart(id, "shift", h, m, rows)
	return h
}
