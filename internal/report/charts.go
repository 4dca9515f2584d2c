package report

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/stats"
)

// Colours. The diverging scale is ColorBrewer's RdBu, which stays
// readable for the common forms of colour blindness: red for the negative
// end of an axis (hostile naming), blue for the positive end.
const (
	colorNegStrong = "#b2182b"
	colorNeg       = "#d6604d"
	colorNegLight  = "#f4a582"
	colorNeutral   = "#a6a6a6"
	colorPosLight  = "#92c5de"
	colorPos       = "#4393c3"
	colorPosStrong = "#2166ac"
	colorUntested  = "#d9d9d9"
	colorInk       = "#333333"
	// colorLeanOnly marks loaded words without a valence: a side's
	// vocabulary that judges no one ("civil war", "martyrs").
	colorLeanOnly = "#d8a31a"
	// colorOther is the bar of the neutral entries a naming chart merges.
	colorOther = "#e4e4e4"
)

var divergingScale = []string{colorNegStrong, colorNeg, colorNegLight, "#f7f7f7", colorPosLight, colorPos, colorPosStrong}

// valenceColor maps a value in [-1, 1] to the diverging scale, with grey
// for zero.
func valenceColor(v float64) string {
	switch {
	case v <= -0.75:
		return colorNegStrong
	case v <= -0.25:
		return colorNeg
	case v < 0:
		return colorNegLight
	case v == 0:
		return colorNeutral
	case v < 0.25:
		return colorPosLight
	case v < 0.75:
		return colorPos
	}
	return colorPosStrong
}

// optionOf validates a go-echarts chart and returns its option as plain
// JSON values, so that the sections can add what go-echarts has no field
// for (axis jitter, series encode) before the page serialises it.
func optionOf(c interface {
	Validate()
	JSON() map[string]interface{}
}) map[string]any {
	c.Validate()
	data, err := json.Marshal(c.JSON())
	if err != nil {
		panic("report: chart option: " + err.Error())
	}
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		panic("report: chart option: " + err.Error())
	}
	// go-echarts always emits these; an empty legend or toolbox would
	// still draw.
	delete(m, "toolbox")
	delete(m, "color")
	return m
}

// set stores v at a dotted path of object keys and array indexes in m.
func set(m map[string]any, path string, v any) {
	parts := strings.Split(path, ".")
	var cur any = m
	for i, p := range parts {
		last := i == len(parts)-1
		switch node := cur.(type) {
		case map[string]any:
			if last {
				node[p] = v
				return
			}
			next, ok := node[p]
			if !ok || next == nil {
				next = map[string]any{}
				node[p] = next
			}
			cur = next
		case []any:
			k, err := strconv.Atoi(p)
			if err != nil || k >= len(node) {
				panic("report: bad option path " + path)
			}
			if last {
				node[k] = v
				return
			}
			cur = node[k]
		default:
			panic("report: bad option path " + path)
		}
	}
}

func initOpts(id string) charts.GlobalOpts {
	return charts.WithInitializationOpts(opts.Initialization{ChartID: id})
}

func noLegend() charts.GlobalOpts {
	return charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)})
}

func itemTooltip() charts.GlobalOpts {
	return charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"})
}

// rowsHeight is a chart height that gives each category row room.
func rowsHeight(rows, perRow, extra int) int {
	h := rows*perRow + extra
	if h < 180 {
		h = 180
	}
	return h
}

// stanceRow is one unit's bar in a stance chart.
type stanceRow struct {
	Unit     string   `json:"unit"`
	N        int      `json:"n"`
	Mean     float64  `json:"mean"`
	Low      *float64 `json:"low"`
	High     *float64 `json:"high"`
	Tested   bool     `json:"tested"`
	Excluded string   `json:"excluded,omitempty"`
}

// stanceRows returns the chart units with evidence on axis, by mean
// score, most negative first.
func (b *builder) stanceRows(axis string) []stanceRow {
	var rows []stanceRow
	for _, u := range b.chartUnits {
		s := u.Axes.Get(axis)
		if s.Mean == nil || s.N == 0 {
			continue
		}
		rows = append(rows, stanceRow{Unit: u.Name, N: s.N, Mean: *s.Mean, Low: s.CILow, High: s.CIHigh,
			Tested: u.Tested, Excluded: u.Excluded})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Mean != rows[j].Mean {
			return rows[i].Mean < rows[j].Mean
		}
		return rows[i].Unit < rows[j].Unit
	})
	return rows
}

// stanceChart draws each unit's mean stance with its 95% bootstrap
// interval, and returns the chart's height, or 0 when no unit has data.
func (b *builder) stanceChart(id, axis string) int {
	rows := b.stanceRows(axis)
	if len(rows) == 0 {
		return 0
	}
	bars := make([]intervalBar, len(rows))
	for i, r := range rows {
		color := colorNeutral
		switch {
		case !r.Tested:
			color = colorUntested
		case r.Mean < 0:
			color = colorNeg
		case r.Mean > 0:
			color = colorPos
		}
		bars[i] = intervalBar{Name: r.Unit, Value: r.Mean, Low: r.Low, High: r.High, Color: color, Label: "n = " + strconv.Itoa(r.N)}
	}
	m, h := intervalBars(id, bars, "mean stance score")
	b.addChart(id, "stance", h, m, rows)
	return h
}

// intervalBar is one row of a horizontal bar chart with intervals.
type intervalBar struct {
	Name      string
	Value     float64
	Low, High *float64 // the interval, when there is one
	Color     string
	Label     string // in a column of its own on the right (n = 9); "" for none
}

// intervalBars draws one horizontal bar per row, in the order given, with
// its interval as an error bar, and returns the option and its height.
func intervalBars(id string, rows []intervalBar, xName string) (map[string]any, int) {
	names := make([]string, len(rows))
	bars := make([]opts.BarData, len(rows))
	bands := make([]opts.CustomData, 0, len(rows))
	for i, r := range rows {
		names[i] = r.Name
		bars[i] = opts.BarData{Value: round(r.Value), ItemStyle: &opts.ItemStyle{Color: r.Color}}
		if r.Low != nil && r.High != nil {
			bands = append(bands, opts.CustomData{Value: []any{i, round(*r.Low), round(*r.High)}})
		}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(initOpts(id), noLegend(), itemTooltip(),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: xName, NameLocation: "middle", NameGap: 28}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
		charts.WithGridOpts(opts.Grid{Left: "12", Right: "40", Top: "10", Bottom: "48", ContainLabel: opts.Bool(true)}),
	)
	bar.AddSeries("mean", bars)
	errBars := charts.NewCustom()
	errBars.AddSeries("95% interval", bands)
	bar.Overlap(errBars)
	m := optionOf(bar)
	set(m, "yAxis.0.data", toAny(names))
	fitLabels(m, names)
	delete(m["xAxis"].([]any)[0].(map[string]any), "data")
	// The page script supplies the error-bar renderer by name; encode lets
	// ECharts fit the axis to the intervals.
	set(m, "series.1.renderItem", "errorBarH")
	set(m, "series.1.encode", map[string]any{"y": 0, "x": []any{1, 2}})
	set(m, "series.1.z", 3)
	set(m, "series.0.barMaxWidth", 26)
	// Labels (n) in a column of their own on the right, where no bar or
	// interval can reach them.
	if slices.ContainsFunc(rows, func(r intervalBar) bool { return r.Label != "" }) {
		labels := make([]any, len(rows))
		for i, r := range rows {
			labels[i] = r.Label
		}
		m["yAxis"] = append(m["yAxis"].([]any), map[string]any{"type": "category", "position": "right", "inverse": true, "data": labels,
			"axisLine": map[string]any{"show": false}, "axisTick": map[string]any{"show": false}, "axisLabel": map[string]any{"color": "#555"}})
		set(m, "grid.0.right", 64)
	}
	return m, rowsHeight(len(rows), 30, 70)
}

// distRow is one unit's box in a distribution chart.
type distRow struct {
	Unit   string  `json:"unit"`
	N      int     `json:"n"`
	Min    float64 `json:"min"`
	Q1     float64 `json:"q1"`
	Median float64 `json:"median"`
	Q3     float64 `json:"q3"`
	Max    float64 `json:"max"`
}

// distChart draws box plots of the articles' stance scores per unit with
// the articles as points. It returns the height, the number of points
// drawn and whether points were left out to stay within MaxPoints.
func (b *builder) distChart(id, axis string) (int, int, bool) {
	rows := b.stanceRows(axis)
	pos := make(map[string]int, len(rows))
	for i, r := range rows {
		pos[r.Unit] = i
	}
	scores := make([][]float64, len(rows))
	recs := make([][]int, len(rows))
	if a, ok := b.g.axisIndex[axis]; ok {
		for i, row := range b.g.rows {
			k, ok := pos[b.g.units[row.unit].name]
			if !ok {
				continue
			}
			for _, p := range row.scores {
				if p.axis == a {
					scores[k] = append(scores[k], p.score)
					recs[k] = append(recs[k], i)
				}
			}
		}
	}
	perUnit := (b.opt.MaxPoints + len(rows) - 1) / max(len(rows), 1)
	capped := false
	names := make([]string, len(rows))
	boxes := make([]opts.BoxPlotData, len(rows))
	var points []opts.ScatterData
	meta := make([]distRow, len(rows))
	for k, r := range rows {
		names[k] = r.Unit
		meta[k] = distRow{Unit: r.Unit, N: len(scores[k])}
		if len(scores[k]) > 0 {
			box := tukeyBox(scores[k])
			boxes[k] = opts.BoxPlotData{Value: []float64{round(box[0]), round(box[1]), round(box[2]), round(box[3]), round(box[4])}}
			meta[k].Min, meta[k].Q1, meta[k].Median, meta[k].Q3, meta[k].Max = box[0], box[1], box[2], box[3], box[4]
		} else {
			boxes[k] = opts.BoxPlotData{Value: []float64{}}
		}
		// Thin evenly, in input order, so the same input draws the same
		// points.
		step := 1.0
		if len(recs[k]) > perUnit {
			step = float64(len(recs[k])) / float64(perUnit)
			capped = true
		}
		for f := 0.0; int(f) < len(recs[k]); f += step {
			j := int(f)
			ri := recs[k][j]
			points = append(points, opts.ScatterData{Value: []any{round(scores[k][j]), k, b.pointIndex(ri)}})
		}
	}
	box := charts.NewBoxPlot()
	box.SetGlobalOptions(initOpts(id), noLegend(), itemTooltip(),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "article stance score", NameLocation: "middle", NameGap: 28, Min: -1, Max: 1}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
		charts.WithGridOpts(opts.Grid{Left: "12", Right: "40", Top: "10", Bottom: "48", ContainLabel: opts.Bool(true)}),
	)
	box.AddSeries("distribution", boxes)
	sc := charts.NewScatter()
	sc.AddSeries("articles", points, charts.WithScatterChartOpts(opts.ScatterChart{SymbolSize: 7}))
	box.Overlap(sc)
	m := optionOf(box)
	set(m, "yAxis.0.data", toAny(names))
	fitLabels(m, names)
	delete(m["xAxis"].([]any)[0].(map[string]any), "data")
	// ECharts 6 spreads points on a category axis apart (jitter, pixels).
	set(m, "yAxis.0.jitter", 16)
	set(m, "yAxis.0.jitterOverlap", false)
	set(m, "series.0.itemStyle", map[string]any{"color": "#f2f2f2", "borderColor": "#666"})
	set(m, "series.0.boxWidth", []any{8, 24})
	set(m, "series.1.itemStyle", map[string]any{"color": colorInk, "opacity": 0.55})
	set(m, "series.1.cursor", "pointer")
	set(m, "series.1.z", 3)
	h := rowsHeight(len(rows), 44, 70)
	b.addChart(id, "dist", h, m, meta)
	return h, len(points), capped
}

// pointIndex returns the index of record i in the page's point list,
// adding it on first use.
func (b *builder) pointIndex(i int) int {
	if b.pointOf == nil {
		b.pointOf = map[int]int{}
	}
	if k, ok := b.pointOf[i]; ok {
		return k
	}
	anchor := ""
	if b.shown[i] != nil {
		anchor = articleID(i)
	}
	b.points = append(b.points, pointInfo{Title: b.g.rows[i].title, Unit: b.recUnit(i), Anchor: anchor})
	b.pointOf[i] = len(b.points) - 1
	return len(b.points) - 1
}

// tukeyBox returns whisker low, Q1, median, Q3 and whisker high: the
// whiskers reach the most extreme values within 1.5 IQR of the box.
// Quartiles are R's type 7, like the comparison's.
func tukeyBox(x []float64) [5]float64 {
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	q1 := stats.Quantile7(0.25, s)
	med := stats.Quantile7(0.5, s)
	q3 := stats.Quantile7(0.75, s)
	lo, hi := q1-1.5*(q3-q1), q3+1.5*(q3-q1)
	wl, wh := med, med
	for _, v := range s {
		if v >= lo {
			wl = v
			break
		}
	}
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] <= hi {
			wh = s[i]
			break
		}
	}
	return [5]float64{math.Min(wl, q1), q1, med, q3, math.Max(wh, q3)}
}

// framingCell is one cell of the framing heat map.
type framingCell struct {
	N    int      `json:"n"`
	Mean *float64 `json:"mean"`
	Low  *float64 `json:"low"`
	High *float64 `json:"high"`
}

// framingChart draws the heat map of mean framing: a row per target, a
// column per chart unit, each cell with its mean and n. Rows, not
// columns, hold the long target labels, so that they need no rotation;
// the page script narrows the unit names to their columns and gives the
// chart a minimum width (minCellWidth per column) past which its box
// scrolls sideways rather than squeezing the cells.
func (b *builder) framingChart(id string) int {
	var targets []aggregate.Label
	for _, t := range b.cmp.Targets {
		for _, u := range b.chartUnits {
			if s := u.Targets.Get(t.ID); s.N > 0 && s.Mean != nil {
				targets = append(targets, t)
				break
			}
		}
	}
	if len(targets) == 0 || len(b.chartUnits) == 0 {
		return 0
	}
	ys := make([]string, len(targets))
	for i, t := range targets {
		ys[i] = t.Label
	}
	xs := make([]string, len(b.chartUnits))
	var cells []opts.HeatMapData
	meta := struct {
		Units   []string        `json:"units"`
		Targets []string        `json:"targets"`
		Cells   [][]framingCell `json:"cells"` // [unit][target]
	}{Targets: ys}
	for xi, u := range b.chartUnits {
		xs[xi] = u.Name
		row := make([]framingCell, len(targets))
		for yi, t := range targets {
			s := u.Targets.Get(t.ID)
			row[yi] = framingCell{N: s.N, Mean: s.Mean, Low: s.CILow, High: s.CIHigh}
			if s.N > 0 && s.Mean != nil {
				cells = append(cells, opts.HeatMapData{Value: []any{xi, yi, round(*s.Mean), s.N}})
			}
		}
		meta.Cells = append(meta.Cells, row)
	}
	meta.Units = xs
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(initOpts(id), noLegend(), itemTooltip(),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Position: "top"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
		charts.WithGridOpts(opts.Grid{Left: "12", Right: "12", Top: "34", Bottom: "64", ContainLabel: opts.Bool(true)}),
		charts.WithVisualMapOpts(opts.VisualMap{Type: "continuous", Min: -1, Max: 1, Calculable: opts.Bool(false),
			Orient: "horizontal", Left: "center", Bottom: "0", Text: []string{"favourable +1", "hostile −1"},
			InRange: &opts.VisualMapInRange{Color: divergingScale}}),
	)
	hm.SetXAxis(xs).AddSeries("framing", cells)
	m := optionOf(hm)
	set(m, "xAxis.0.data", toAny(xs)) // HeatMap.Validate leaves it out
	set(m, "yAxis.0.data", toAny(ys))
	fitLabels(m, ys)
	set(m, "xAxis.0.axisLabel", map[string]any{"interval": 0, "overflow": "truncate", "width": minCellWidth})
	set(m, "visualMap.0.itemHeight", 160)
	set(m, "series.0.label", map[string]any{"show": true, "fontSize": 11, "lineHeight": 13})
	set(m, "series.0.itemStyle", map[string]any{"borderColor": "#fff", "borderWidth": 1})
	// A cell resting on one article must not look as solid as one resting
	// on many: its colour fades with fewer than fullCell articles.
	data := m["series"].([]any)[0].(map[string]any)["data"].([]any)
	for i, c := range cells {
		n := c.Value.([]any)[3].(int)
		data[i] = map[string]any{"value": c.Value, "itemStyle": map[string]any{"opacity": cellOpacity(n)}}
	}
	set(m, "visualMap.0.dimension", 2)
	h := rowsHeight(len(ys), 36, 110)
	b.addChart(id, "framing", h, m, meta)
	return h
}

// minCellWidth is the narrowest a framing cell may be, in pixels: room for
// "−0.75" and "n = 12".
const minCellWidth = 48

// fullCell is the number of articles from which a framing cell is drawn
// at full strength.
const fullCell = 10

// cellOpacity fades a heat-map cell resting on few articles: 0.35 for one,
// rising to 1 at fullCell.
func cellOpacity(n int) float64 {
	return round(0.35 + 0.65*float64(min(max(n, 1), fullCell)-1)/float64(fullCell-1))
}

func round(x float64) float64 {
	return math.Round(x*1e4) / 1e4
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// fitLabels makes room on the left of the plot for the category labels
// of the y axis: as wide as the longest label, at most maxLabelPx, beyond
// which labels are cut with an ellipsis. (ECharts 6 clamps the space that
// containLabel may take, which cut long labels at the canvas edge.)
func fitLabels(m map[string]any, labels []string) {
	longest := 0
	for _, l := range labels {
		longest = max(longest, len([]rune(l)))
	}
	const charPx, minPx, maxLabelPx = 8, 40, 240
	w := min(max(longest*charPx, minPx), maxLabelPx)
	set(m, "grid.0.containLabel", false)
	set(m, "grid.0.left", w+14)
	set(m, "yAxis.0.axisLabel", map[string]any{"width": w, "overflow": "truncate"})
}
