package report

import (
	"fmt"
	"html/template"
	"math"
	"sort"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/compare-tool/compare/internal/aggregate"
)

// maxNamingLabels is how many labels of a target the naming chart shows;
// the rest are summed as "other labels" (the table lists them all).
const maxNamingLabels = 8

// namingView is one target's naming choices: a chart of each chart unit's
// label shares and a table of counts.
type namingView struct {
	Target string
	Label  string
	Chart  chartRef
	Units  []string // table columns: chart units naming the target
	Rows   []namingRow
	Hidden int // units naming the target that are not in the table
}

type namingRow struct {
	Term     string
	Entry    string
	Valence  float64
	Category string
	Neutral  string
	Cells    []namingCell
	Total    int
}

type namingCell struct {
	Count int
	Share float64
}

func (b *builder) naming() []namingView {
	var out []namingView
	for ti, nm := range b.cmp.Naming {
		if len(nm.Labels) == 0 {
			continue
		}
		var units []string
		all := map[string]bool{}
		for _, l := range nm.Labels {
			for u, c := range l.Counts {
				if c > 0 {
					all[u] = true
				}
			}
		}
		for _, u := range b.chartUnits {
			if all[u.Name] {
				units = append(units, u.Name)
			}
		}
		if len(units) == 0 {
			continue
		}
		v := namingView{Target: nm.Target, Label: b.targetLabel(nm.Target), Units: units,
			Hidden: len(all) - len(units), Chart: chartRef{ID: fmt.Sprintf("chart-naming-%d", ti)}}
		for _, l := range nm.Labels {
			row := namingRow{Term: l.Term, Entry: l.Entry, Valence: l.Valence, Category: l.Category,
				Neutral: strings.Join(b.neutral(l.Entry), "; ")}
			for _, u := range units {
				row.Cells = append(row.Cells, namingCell{Count: l.Counts[u], Share: l.Shares[u]})
				row.Total += l.Counts[u]
			}
			if row.Total > 0 {
				v.Rows = append(v.Rows, row)
			}
		}
		v.Chart.Height = b.namingChart(v.Chart.ID, nm, units)
		out = append(out, v)
	}
	return out
}

func (b *builder) targetLabel(id string) string {
	if l := b.targetName[id]; l != "" {
		return l
	}
	return id
}

// neutral returns the neutral alternatives of a lexicon entry.
func (b *builder) neutral(entry string) []string {
	if e := b.entry(entry); e != nil {
		return e.Neutral
	}
	return nil
}

// namingChart draws, per unit, the share of each label among its
// references to the target: who says "terrorists", who says "rebels".
func (b *builder) namingChart(id string, nm aggregate.Naming, units []string) int {
	labels := nm.Labels
	var rest []aggregate.NamingLabel
	if len(labels) > maxNamingLabels {
		labels, rest = labels[:maxNamingLabels-1], labels[maxNamingLabels-1:]
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(initOpts(id), itemTooltip(),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Bottom: "0"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Max: 100, Name: "% of the unit's references to this target", NameLocation: "middle", NameGap: 26}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
		charts.WithGridOpts(opts.Grid{Left: "12", Right: "30", Top: "10", Bottom: "70", ContainLabel: opts.Bool(true)}),
	)
	type seriesMeta struct {
		Term     string  `json:"term"`
		Valence  float64 `json:"valence"`
		Category string  `json:"category"`
		Counts   []int   `json:"counts"`
	}
	var meta []seriesMeta
	shade := map[string]int{}
	add := func(name string, valence float64, category string, count func(u string) (int, float64)) {
		data := make([]opts.BarData, len(units))
		sm := seriesMeta{Term: name, Valence: valence, Category: category, Counts: make([]int, len(units))}
		for i, u := range units {
			c, s := count(u)
			sm.Counts[i] = c
			data[i] = opts.BarData{Value: round(100 * s)}
		}
		color := valenceColor(valence)
		if category == "" {
			color = "#e0e0e0"
		} else {
			// Labels of the same valence get lighter shades in turn.
			color = lighten(color, 0.22*float64(shade[color]%3))
			shade[valenceColor(valence)]++
		}
		bar.AddSeries(name, data, charts.WithBarChartOpts(opts.BarChart{Stack: "share"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: color, BorderColor: "#fff", BorderWidth: 1}))
		meta = append(meta, sm)
	}
	for _, l := range labels {
		l := l
		add(l.Term, l.Valence, l.Category, func(u string) (int, float64) { return l.Counts[u], l.Shares[u] })
	}
	if len(rest) > 0 {
		add("other labels", 0, "", func(u string) (int, float64) {
			c, s := 0, 0.0
			for _, l := range rest {
				c += l.Counts[u]
				s += l.Shares[u]
			}
			return c, s
		})
	}
	m := optionOf(bar)
	set(m, "yAxis.0.data", toAny(units))
	fitLabels(m, units)
	delete(m["xAxis"].([]any)[0].(map[string]any), "data")
	for i := range meta {
		set(m, fmt.Sprintf("series.%d.label", i), map[string]any{"show": true, "position": "inside", "fontSize": 11})
		set(m, fmt.Sprintf("series.%d.barMaxWidth", i), 28)
	}
	h := rowsHeight(len(units), 32, 110)
	b.addChart(id, "naming", h, m, struct {
		Units  []string     `json:"units"`
		Series []seriesMeta `json:"series"`
	}{units, meta})
	return h
}

// lighten mixes a #rrggbb colour with white.
func lighten(hex string, f float64) string {
	if f <= 0 {
		return hex
	}
	var r, g, bl int
	fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &bl)
	mix := func(c int) int { return int(math.Round(float64(c) + (255-float64(c))*f)) }
	return fmt.Sprintf("#%02x%02x%02x", mix(r), mix(g), mix(bl))
}

// distinctiveView holds a chart of the most distinctive terms of each
// chart unit, and a table with every unit's top terms.
type distinctiveView struct {
	Charts []distinctiveChart
	Table  []distinctiveRow
}

type distinctiveChart struct {
	Unit  string
	Chart chartRef
}

type distinctiveRow struct {
	Unit  string
	Terms []aggregate.DistinctiveTerm
}

// maxDistinctiveTerms is how many terms a unit's chart and row show.
const maxDistinctiveTerms = 10

func (b *builder) distinctive() distinctiveView {
	var v distinctiveView
	inChart := map[string]bool{}
	for _, u := range b.chartUnits {
		inChart[u.Name] = true
	}
	k := 0
	for _, d := range b.cmp.Distinctive {
		terms := d.Terms
		if len(terms) > maxDistinctiveTerms {
			terms = terms[:maxDistinctiveTerms]
		}
		if len(terms) == 0 || !b.tableUnits[d.Unit] {
			continue
		}
		v.Table = append(v.Table, distinctiveRow{Unit: d.Unit, Terms: terms})
		if !inChart[d.Unit] {
			continue
		}
		id := fmt.Sprintf("chart-distinct-%d", k)
		k++
		v.Charts = append(v.Charts, distinctiveChart{Unit: d.Unit, Chart: chartRef{ID: id, Height: b.distinctiveChart(id, terms)}})
	}
	return v
}

func (b *builder) distinctiveChart(id string, terms []aggregate.DistinctiveTerm) int {
	names := make([]string, len(terms))
	data := make([]opts.BarData, len(terms))
	for i, t := range terms {
		names[i] = t.Term
		color := "#9e9ac8" // a candidate for the lexicon
		if t.Lexicon {
			color = "#54278f"
		}
		data[i] = opts.BarData{Value: round(t.Z), ItemStyle: &opts.ItemStyle{Color: color}}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(initOpts(id), noLegend(), itemTooltip(),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "z", NameLocation: "end"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "8", Bottom: "8", ContainLabel: opts.Bool(true)}),
	)
	bar.AddSeries("z", data)
	m := optionOf(bar)
	set(m, "yAxis.0.data", toAny(names))
	fitLabels(m, names)
	delete(m["xAxis"].([]any)[0].(map[string]any), "data")
	set(m, "series.0.barMaxWidth", 16)
	h := rowsHeight(len(terms), 22, 40)
	b.addChart(id, "distinct", h, m, terms)
	return h
}

// mapView is the correspondence-analysis map.
type mapView struct {
	Chart   chartRef
	Inertia [2]float64
}

// maxMapEntries is how many lexicon entries, by mass, the map shows.
const maxMapEntries = 60

func (b *builder) outletMap() *mapView {
	cm := b.cmp.Map
	if cm == nil || len(cm.Units) == 0 {
		return nil
	}
	id := "chart-map"
	labelled := map[string]bool{}
	for _, u := range b.chartUnits {
		labelled[u.Name] = true
	}
	units := make([]opts.ScatterData, 0, len(cm.Units))
	for _, u := range cm.Units {
		if !b.tableUnits[u.Name] {
			continue
		}
		units = append(units, opts.ScatterData{Name: u.Name, Value: []any{round(u.X), round(u.Y), round(u.Mass)},
			SymbolSize: int(math.Round(8 + 40*math.Sqrt(u.Mass)))})
	}
	entries := append([]aggregate.MapPoint(nil), cm.Entries...)
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Mass > entries[j].Mass })
	if len(entries) > maxMapEntries {
		entries = entries[:maxMapEntries]
	}
	ents := make([]opts.ScatterData, len(entries))
	for i, e := range entries {
		ents[i] = opts.ScatterData{Name: e.Name, Value: []any{round(e.X), round(e.Y), round(e.Mass)}, SymbolSize: 6}
	}
	sc := charts.NewScatter()
	sc.SetGlobalOptions(initOpts(id), itemTooltip(),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: fmt.Sprintf("dimension 1 (%.0f%%)", 100*cm.Inertia[0]), NameLocation: "middle", NameGap: 26}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: fmt.Sprintf("dimension 2 (%.0f%%)", 100*cm.Inertia[1]), NameLocation: "middle", NameGap: 36}),
		charts.WithGridOpts(opts.Grid{Left: "40", Right: "40", Top: "40", Bottom: "40", ContainLabel: opts.Bool(true)}),
	)
	sc.AddSeries("outlets", units)
	sc.AddSeries("lexicon entries", ents, charts.WithScatterChartOpts(opts.ScatterChart{SymbolSize: 6}))
	m := optionOf(sc)
	delete(m["xAxis"].([]any)[0].(map[string]any), "data")
	set(m, "xAxis.0.splitLine", map[string]any{"lineStyle": map[string]any{"type": "dashed"}})
	set(m, "series.0.itemStyle", map[string]any{"color": colorPosStrong, "opacity": 0.8})
	set(m, "series.0.label", map[string]any{"show": true, "position": "right", "fontSize": 12, "color": colorInk, "formatter": "{b}"})
	set(m, "series.0.z", 3)
	set(m, "series.1.itemStyle", map[string]any{"color": "#999", "opacity": 0.7})
	set(m, "series.1.label", map[string]any{"show": false})
	set(m, "series.1.emphasis", map[string]any{"label": map[string]any{"show": true, "position": "top", "color": "#555", "formatter": "{b}"}})
	if len(cm.Units) > len(b.chartUnits) {
		// Label only the largest units; hovering names the others.
		set(m, "series.0.labelLayout", map[string]any{"hideOverlap": true})
	}
	b.addChart(id, "map", 520, m, nil)
	return &mapView{Chart: chartRef{ID: id, Height: 520}, Inertia: cm.Inertia}
}

// testsView is one axis's tests.
type testsView struct {
	Axis    string
	Label   string
	Units   int
	Kruskal *aggregate.Kruskal
	Skipped string
	// Pairs are the most significant pairs, at most maxPairRows of
	// AllPairs; Sentences say the significant ones, at most maxSentences
	// of Significant.
	Pairs       []aggregate.Pair
	AllPairs    int
	Sentences   []template.HTML // the names in them isolated
	Significant int
}

// With hundreds of units there are tens of thousands of pairs: the report
// shows the most significant and says where the rest are.
const (
	maxPairRows  = 60
	maxSentences = 15
)

func (b *builder) tests() []testsView {
	label := map[string]string{}
	for _, a := range b.cmp.Axes {
		label[a.ID] = a.Label
	}
	var out []testsView
	all := append(append([]aggregate.AxisTests(nil), b.cmp.Tests...), b.cmp.TargetTests...)
	for _, t := range all {
		v := testsView{Axis: t.Axis, Label: label[t.Axis], Units: len(t.Units), Kruskal: t.KruskalWallis,
			Skipped: t.Skipped, Pairs: t.Pairs}
		subject := v.Label // as the sentences name the axis or target
		if t.Axis == "" {
			subject = b.targetLabel(t.Target)
			v.Label = "Framing of " + subject
			if len(t.Pairs) == 0 && t.KruskalWallis == nil {
				continue // nothing was tested; the heat map shows the framing
			}
		}
		if v.Label == "" {
			v.Label = t.Axis
		}
		pairs := append([]aggregate.Pair(nil), t.Pairs...)
		sort.SliceStable(pairs, func(i, j int) bool {
			if pairs[i].PHolm != pairs[j].PHolm {
				return pairs[i].PHolm < pairs[j].PHolm
			}
			return math.Abs(pairs[i].CliffsDelta) > math.Abs(pairs[j].CliffsDelta)
		})
		v.AllPairs = len(pairs)
		for _, p := range pairs {
			if p.PHolm < aggregate.Alpha && p.Sentence != "" {
				v.Significant++
				if len(v.Sentences) < maxSentences {
					v.Sentences = append(v.Sentences, isolateNames(p.Sentence, p.A, p.B, subject))
				}
			}
		}
		v.Pairs = pairs[:min(len(pairs), maxPairRows)]
		out = append(out, v)
	}
	return out
}

// credibilityView is a units × signals table.
type credibilityView struct {
	Signals []string
	Notes   []string
	Rows    []credibilityRow
}

type credibilityRow struct {
	Unit   string
	Values []string
}

func credibility(profiles []CredibilityProfile) *credibilityView {
	if len(profiles) == 0 {
		return nil
	}
	v := &credibilityView{}
	col := map[string]int{}
	for _, p := range profiles {
		for _, s := range p.Signals {
			if _, ok := col[s.Name]; !ok {
				col[s.Name] = len(v.Signals)
				v.Signals = append(v.Signals, s.Name)
				v.Notes = append(v.Notes, s.Note)
			}
		}
	}
	for _, p := range profiles {
		row := credibilityRow{Unit: p.Unit, Values: make([]string, len(v.Signals))}
		for i := range row.Values {
			row.Values[i] = "–"
		}
		for _, s := range p.Signals {
			row.Values[col[s.Name]] = s.Value
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}
