package report

import (
	"cmp"
	"fmt"
	"html/template"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/compare-tool/compare/internal/aggregate"
)

// maxNamingLabels is how many entries of a target the naming chart shows
// by name when it may merge some: loaded entries are always shown, and
// neutral ones fill what is left; the other neutral entries are summed as
// one "other neutral labels" bar, which the table lists one by one.
const maxNamingLabels = 8

// namingView is one target's naming choices: a chart of each chart unit's
// entry shares, and a table of what each unit wrote.
type namingView struct {
	Target string
	Label  string
	Chart  chartRef
	Units  []string // chart units that name the target in their own voice
	Rows   []namingRow
	Hidden int // units naming the target that are not in the chart or table
	// Other says which neutral entries the chart merged; "" when none.
	Other string
	// Legend lists the chart's bars with their colours: an HTML list
	// that wraps on a phone and prints, where a canvas legend would
	// overlap the chart or page through "1/2".
	Legend []legendItem
}

// legendItem is one entry of a chart legend drawn as HTML.
type legendItem struct {
	Label string
	Color string
}

// namingRow is one unit's use of one entry: what it wrote in its own
// voice, and what it quoted or held at a distance.
type namingRow struct {
	Unit      string
	Label     string
	Entry     string
	Valence   float64
	Category  string
	Loaded    bool
	Neutral   string
	Count     int
	Share     float64
	Forms     []aggregate.FormCount
	Quoted    []aggregate.FormCount
	Distanced []aggregate.FormCount
}

func (b *builder) naming() []namingView {
	var out []namingView
	inChart := map[string]bool{}
	for _, u := range b.chartUnits {
		inChart[u.Name] = true
	}
	for ti, nm := range b.cmp.Naming {
		if len(nm.Labels) == 0 {
			continue
		}
		// The units that use an entry of the target in any voice, and in
		// their own: the chart units are listed (Options.ListUnits), so
		// the labels hold their uses; nm.Users counts every unit.
		all := map[string]bool{}
		own := map[string]bool{}
		for _, l := range nm.Labels {
			for u, c := range l.Counts {
				if c > 0 {
					all[u], own[u] = true, true
				}
			}
			for u := range l.Quoted {
				all[u] = true
			}
			for u := range l.Distanced {
				all[u] = true
			}
		}
		var units, shown []string
		for _, u := range b.chartUnits {
			if own[u.Name] {
				units = append(units, u.Name)
			}
			if all[u.Name] {
				shown = append(shown, u.Name)
			}
		}
		if len(shown) == 0 {
			continue
		}
		v := namingView{Target: nm.Target, Label: b.targetLabel(nm.Target), Units: units,
			Hidden: nm.Users - len(shown), Chart: chartRef{ID: fmt.Sprintf("chart-naming-%d", ti)}}
		for _, u := range shown {
			// Each unit's entries, most used in its own voice first.
			labels := slices.Clone(nm.Labels)
			slices.SortStableFunc(labels, func(x, y aggregate.NamingLabel) int { return cmp.Compare(y.Counts[u], x.Counts[u]) })
			for _, l := range labels {
				row := namingRow{Unit: u, Label: l.Label, Entry: l.Entry, Valence: l.Valence, Category: l.Category, Loaded: l.Loaded,
					Neutral: strings.Join(b.neutral(l.Entry), "; "), Count: l.Counts[u], Share: nm.Share(&l, u),
					Forms: l.Forms[u], Quoted: l.Quoted[u], Distanced: l.Distanced[u]}
				if row.Count > 0 || len(row.Quoted) > 0 || len(row.Distanced) > 0 {
					v.Rows = append(v.Rows, row)
				}
			}
		}
		if len(units) > 0 {
			v.Chart.Height, v.Other, v.Legend = b.namingChart(v.Chart.ID, nm, units)
		}
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

// namingSeries splits a target's entries into those the naming chart
// shows by name and the neutral ones it merges: every loaded entry is
// shown, however many there are, and neutral entries, most used first,
// while fewer than maxNamingLabels are shown; the rest are merged, unless
// that would merge a single entry.
func namingSeries(labels []aggregate.NamingLabel) (shown, merged []aggregate.NamingLabel) {
	loaded := 0
	for _, l := range labels {
		if l.Loaded {
			loaded++
		}
	}
	room := max(maxNamingLabels-1-loaded, 0) // one place for the merged bar
	for _, l := range labels {
		switch {
		case l.Loaded:
			shown = append(shown, l)
		case room > 0:
			shown = append(shown, l)
			room--
		default:
			merged = append(merged, l)
		}
	}
	if len(merged) == 1 {
		shown, merged = labels, nil
	}
	return shown, merged
}

// namingColor is the colour of an entry in the naming chart, by valence:
// red hostile, blue favourable; loaded entries without a valence (a
// side's word, such as "civil war") amber; neutral ones grey. shade
// lightens entries that would otherwise share a colour.
func namingColor(l aggregate.NamingLabel, shade int) string {
	base := colorNeutral
	switch {
	case l.Valence != 0:
		base = valenceColor(l.Valence)
	case l.Loaded:
		base = colorLeanOnly
	}
	return lighten(base, 0.22*float64(shade%3))
}

// namingChart draws, per unit, the share of each entry among its own
// references to the target: who says "terrorists", who says "rebels". It
// returns the chart's height, and a sentence naming the neutral entries
// merged into one bar ("" when none were).
func (b *builder) namingChart(id string, nm aggregate.Naming, units []string) (int, string, []legendItem) {
	var used []aggregate.NamingLabel // entries the chart's units use in their own voice
	for _, l := range nm.Labels {
		for _, u := range units {
			if l.Counts[u] > 0 {
				used = append(used, l)
				break
			}
		}
	}
	labels, rest := namingSeries(used)
	bar := charts.NewBar()
	bar.SetGlobalOptions(initOpts(id), itemTooltip(), noLegend(),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Max: 100, Name: "% of its own references to this actor", NameLocation: "middle", NameGap: 26}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
		charts.WithGridOpts(opts.Grid{Left: "12", Right: "24", Top: "10", Bottom: "44", ContainLabel: opts.Bool(true)}),
	)
	var legend []legendItem
	type seriesMeta struct {
		Label    string                  `json:"label"`
		Valence  float64                 `json:"valence"`
		Category string                  `json:"category"`
		Loaded   bool                    `json:"loaded"`
		Merged   []string                `json:"merged,omitempty"` // the entries of the "other" bar
		Counts   []int                   `json:"counts"`
		Forms    [][]aggregate.FormCount `json:"forms"`  // per unit: what it wrote
		Quoted   [][]aggregate.FormCount `json:"quoted"` // per unit: quoted and distanced uses
	}
	var meta []seriesMeta
	shade := map[string]int{}
	add := func(sm seriesMeta, color string, share func(i int) float64) {
		data := make([]opts.BarData, len(units))
		for i := range units {
			data[i] = opts.BarData{Value: round(100 * share(i))}
		}
		bar.AddSeries(sm.Label, data, charts.WithBarChartOpts(opts.BarChart{Stack: "share"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: color, BorderColor: "#fff", BorderWidth: 1}))
		meta = append(meta, sm)
		legend = append(legend, legendItem{Label: sm.Label, Color: color})
	}
	for _, l := range labels {
		sm := seriesMeta{Label: l.Label, Valence: l.Valence, Category: l.Category, Loaded: l.Loaded,
			Counts: make([]int, len(units)), Forms: make([][]aggregate.FormCount, len(units)), Quoted: make([][]aggregate.FormCount, len(units))}
		for i, u := range units {
			sm.Counts[i] = l.Counts[u]
			sm.Forms[i] = l.Forms[u]
			sm.Quoted[i] = append(slices.Clone(l.Quoted[u]), l.Distanced[u]...)
		}
		base := namingColor(l, 0)
		color := namingColor(l, shade[base])
		shade[base]++
		add(sm, color, func(i int) float64 { return nm.Share(&l, units[i]) })
	}
	other := ""
	if len(rest) > 0 {
		sm := seriesMeta{Label: fmt.Sprintf("other neutral labels (%d)", len(rest)), Counts: make([]int, len(units)),
			Forms: make([][]aggregate.FormCount, len(units)), Quoted: make([][]aggregate.FormCount, len(units))}
		var names []string
		for _, l := range rest {
			sm.Merged = append(sm.Merged, l.Label)
			names = append(names, "“"+l.Label+"”")
			for i, u := range units {
				sm.Counts[i] += l.Counts[u]
				sm.Forms[i] = append(sm.Forms[i], l.Forms[u]...)
			}
		}
		add(sm, colorOther, func(i int) float64 {
			s := 0.0
			for _, l := range rest {
				s += nm.Share(&l, units[i])
			}
			return s
		})
		other = fmt.Sprintf("The chart sums %s neutral entries as “other neutral labels”: %s. No loaded entry is merged.", countWord(len(rest)), strings.Join(names, ", "))
	}
	m := optionOf(bar)
	set(m, "yAxis.0.data", toAny(units))
	fitLabels(m, units)
	delete(m["xAxis"].([]any)[0].(map[string]any), "data")
	for i := range meta {
		set(m, fmt.Sprintf("series.%d.label", i), map[string]any{"show": true, "position": "inside", "fontSize": 11})
		set(m, fmt.Sprintf("series.%d.barMaxWidth", i), 28)
	}
	h := rowsHeight(len(units), 32, 70)
	b.addChart(id, "naming", h, m, struct {
		Units  []string     `json:"units"`
		Series []seriesMeta `json:"series"`
	}{units, meta})
	return h, other, legend
}

// countWord writes small counts in words, as a sentence would.
func countWord(n int) string {
	if n >= 0 && n < 10 {
		return [...]string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}[n]
	}
	return fmt.Sprint(n)
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
	// One scale for every unit's chart, so that bars compare across them.
	maxZ := 0.0
	for _, d := range b.cmp.Distinctive {
		if inChart[d.Unit] {
			for _, t := range d.Terms[:min(len(d.Terms), maxDistinctiveTerms)] {
				maxZ = math.Max(maxZ, t.Z)
			}
		}
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
		v.Charts = append(v.Charts, distinctiveChart{Unit: d.Unit, Chart: chartRef{ID: id, Height: b.distinctiveChart(id, d.Unit, terms, math.Ceil(maxZ))}})
	}
	return v
}

// candidateMark marks a term the lexicon lacks in the distinctive-term
// charts: not *, which in a lexicon is a wildcard.
const candidateMark = "○ "

func (b *builder) distinctiveChart(id, unit string, terms []aggregate.DistinctiveTerm, maxZ float64) int {
	names := make([]string, len(terms))
	data := make([]opts.BarData, len(terms))
	for i, t := range terms {
		names[i] = t.Term
		color := "#9e9ac8" // a candidate for the lexicon
		if t.Lexicon {
			color = "#54278f"
		} else {
			names[i] = candidateMark + t.Term
		}
		data[i] = opts.BarData{Value: round(t.Z), ItemStyle: &opts.ItemStyle{Color: color}}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(initOpts(id), noLegend(), itemTooltip(),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "z", NameLocation: "end", Min: 0, Max: maxZ}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "8", Bottom: "26", ContainLabel: opts.Bool(true)}),
	)
	bar.AddSeries("z", data)
	m := optionOf(bar)
	set(m, "yAxis.0.data", toAny(names))
	fitLabels(m, names)
	delete(m["xAxis"].([]any)[0].(map[string]any), "data")
	set(m, "series.0.barMaxWidth", 16)
	h := rowsHeight(len(terms), 22, 40)
	b.addChart(id, "distinct", h, m, struct {
		Unit  string                      `json:"unit"`
		Terms []aggregate.DistinctiveTerm `json:"terms"`
	}{unit, terms})
	return h
}

// mapView is the correspondence-analysis map.
type mapView struct {
	Chart   chartRef
	Inertia [2]float64
}

// maxMapEntries is how many lexicon entries the map shows, and
// maxMapLabels how many of them it names: those that shape it most.
const (
	maxMapEntries = 30
	maxMapLabels  = 10
)

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
	// The entries that matter most to the map are those that contribute
	// most to its two dimensions' inertia (mass × squared distance from the
	// centre); they are drawn and the first few named, the others left out.
	entries := append([]aggregate.MapPoint(nil), cm.Entries...)
	contrib := func(e aggregate.MapPoint) float64 { return e.Mass * (e.X*e.X + e.Y*e.Y) }
	sort.SliceStable(entries, func(i, j int) bool { return contrib(entries[i]) > contrib(entries[j]) })
	if len(entries) > maxMapEntries {
		entries = entries[:maxMapEntries]
	}
	ents := make([]any, len(entries))
	for i, e := range entries {
		name := e.Label
		if name == "" {
			name = e.Name
		}
		d := map[string]any{"name": name, "value": []any{round(e.X), round(e.Y), round(e.Mass)}, "symbolSize": 6}
		if i < maxMapLabels {
			d["label"] = map[string]any{"show": true}
			d["symbolSize"] = 8
		}
		ents[i] = d
	}
	sc := charts.NewScatter()
	sc.SetGlobalOptions(initOpts(id), itemTooltip(),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: fmt.Sprintf("dimension 1 (%.0f%%)", 100*cm.Inertia[0]), NameLocation: "middle", NameGap: 26}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: fmt.Sprintf("dimension 2 (%.0f%%)", 100*cm.Inertia[1]), NameLocation: "middle", NameGap: 36}),
		charts.WithGridOpts(opts.Grid{Left: "40", Right: "40", Top: "40", Bottom: "40", ContainLabel: opts.Bool(true)}),
	)
	sc.AddSeries("outlets", units)
	sc.AddSeries("lexicon entries", nil, charts.WithScatterChartOpts(opts.ScatterChart{SymbolSize: 6}))
	m := optionOf(sc)
	set(m, "series.1.data", ents)
	delete(m["xAxis"].([]any)[0].(map[string]any), "data")
	set(m, "xAxis.0.splitLine", map[string]any{"lineStyle": map[string]any{"type": "dashed"}})
	set(m, "series.0.itemStyle", map[string]any{"color": colorPosStrong, "opacity": 0.8})
	set(m, "series.0.label", map[string]any{"show": true, "position": "right", "fontSize": 12, "color": colorInk, "formatter": "{b}"})
	set(m, "series.0.z", 3)
	set(m, "series.1.itemStyle", map[string]any{"color": "#999", "opacity": 0.7})
	set(m, "series.1.label", map[string]any{"show": false, "position": "bottom", "fontSize": 11, "color": "#555", "formatter": "{b}",
		"width": 150, "overflow": "truncate"})
	set(m, "series.1.emphasis", map[string]any{"label": map[string]any{"show": true, "position": "top", "color": "#555", "formatter": "{b}"}})
	// The page script lays the names out (kind "map"): outlet names move
	// apart rather than collide, an entry's name that would touch another
	// label gives way (larger points are kept first), and none runs off
	// the edge.
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
	// Excluded names the listed units (Options.MaxUnits) left out of the
	// tests, with why; ExcludedAll counts all units left out.
	Excluded    []string
	ExcludedAll int
	// Reach says what the sample sizes allow (aggregate.ReachSentence);
	// CannotTell is true when no pair could reach significance.
	Reach      string
	CannotTell bool
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
			Skipped: t.Skipped, Pairs: t.Pairs, Reach: aggregate.ReachSentence(&t, b.cmp.By), CannotTell: t.CannotTell()}
		v.ExcludedAll = len(t.Excluded)
		for _, u := range slices.Sorted(maps.Keys(t.Excluded)) {
			if b.tableUnits[u] {
				v.Excluded = append(v.Excluded, u+" ("+t.Excluded[u]+")")
			}
		}
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
			// A reliable difference, or the sample's difference when the
			// data cannot tell: never a large δ left unsaid beside "no pair
			// differs".
			show := p.PHolm < aggregate.Alpha || v.CannotTell && aggregate.EffectSize(p.CliffsDelta) != "negligible"
			if show && p.Sentence != "" {
				if p.PHolm < aggregate.Alpha {
					v.Significant++
				}
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
