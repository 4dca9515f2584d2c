package report

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/sameevent"
	"github.com/compare-tool/compare/internal/validate"
)

// NoLexiconNote is the note of a report made without the lexicon the
// records were scored with.
const NoLexiconNote = "The lexicon the articles were scored with was not available, so terms show no neutral alternatives or notes; name it with --lexicon FILE."

// CheckLexicon returns lex when the records of cmp were scored with it (by
// SHA-256), and otherwise nil, adding NoLexiconNote to cmp's notes unless
// they have it. Write makes the same check; call CheckLexicon first when
// something else the report shows (the same-event views) needs the
// lexicon, so that its note comes before theirs.
func CheckLexicon(cmp *aggregate.Comparison, lex *lexicon.Lexicon) *lexicon.Lexicon {
	if scoredWith(cmp, lex) {
		return lex
	}
	if !slices.Contains(cmp.Notes, NoLexiconNote) {
		cmp.Notes = append(cmp.Notes, NoLexiconNote)
	}
	return nil
}

// scoredWith reports whether the records of cmp were scored with lex.
func scoredWith(cmp *aggregate.Comparison, lex *lexicon.Lexicon) bool {
	return lex != nil && lex.Hash == cmp.Lexicon.SHA256
}

// Input is what a report shows.
type Input struct {
	// Comparison is the outlet comparison; required.
	Comparison *aggregate.Comparison
	// Gathered is what the report keeps of the scored articles, gathered
	// while they streamed past (NewRecords): the distribution charts'
	// points and a sample of article views. When it is nil, Write gathers
	// Records with opt; when both are nil, points and views are left out.
	Gathered *Records
	// Records are the scored articles, in input order, for inputs small
	// enough to hold as a slice; Gathered takes precedence.
	Records []*record.Record
	// Lexicon is the lexicon the records were scored with. It gives terms
	// their neutral alternatives and notes; nil, or another lexicon than
	// the records' (by SHA-256), leaves those out, and the report says so.
	Lexicon *lexicon.Lexicon
	// Credibility holds a credibility profile per unit. The section is
	// left out when it is empty.
	Credibility []CredibilityProfile
	// SameEvent holds the events several units reported, laid side by
	// side; nil leaves the "Same event" section out. The comparison's
	// WithinEvents, when set, says whether differences come from naming
	// or from the choice of events.
	SameEvent *sameevent.Result
	// Validity, when not nil, is a validation of the scores against
	// labels (compare validate), shown in a Validity section.
	Validity *validate.Validation
}

// CredibilityProfile is how one unit sources its claims: a list of signals
// such as the share of claims with a named source.
type CredibilityProfile struct {
	Unit    string              `json:"unit"`
	Signals []CredibilitySignal `json:"signals"`
}

// CredibilitySignal is one credibility signal of a unit. Value is shown as
// given; Note explains what the signal measures and what it does not.
type CredibilitySignal struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Note  string `json:"note,omitempty"`
}

// Options shape a report. Start from DefaultOptions: every number means
// what it says.
type Options struct {
	// Title heads the report; "" means "Outlet comparison".
	Title string
	// ToolVersion is the version of compare that made the report.
	ToolVersion string
	// Date is printed as the report's date. It is "" by default so that
	// the same input always gives the same file.
	Date string
	// Command is the command line that made the report, for provenance.
	Command string
	// TopUnits is how many units, largest first, the charts show, at
	// least 1; the tables show all.
	TopUnits int
	// MaxArticles caps the article views, taken in turn from each unit's
	// sample; 0 (or less) leaves them out.
	MaxArticles int
	// ArticlesPerUnit is the size of each unit's sample of article views
	// (Records); 0 (or less) leaves the views out.
	ArticlesPerUnit int
	// Seed chooses the samples: the same seed and input give the same
	// articles.
	Seed uint64
	// MaxBodyBytes caps the text of one article view: a longer text is
	// cut at a character boundary, and the view says how much is shown.
	// 0 (or less) means no cap.
	MaxBodyBytes int
	// MaxUnits caps the units the tables, the map and the credibility
	// profiles list, largest first; the page says how many it leaves out
	// and that compare stats lists them. 0 (or less) means no cap.
	MaxUnits int
	// MaxPoints caps the article points of the distribution charts; 0
	// (or less) leaves the points out.
	MaxPoints int
}

// ListUnits returns how many units, largest first, a page made with o
// shows any summary of (charts and tables), 0 for all: the
// aggregate.Options.ListUnits of its comparison.
func (o Options) ListUnits() int {
	if o.MaxUnits <= 0 {
		return 0
	}
	return max(o.MaxUnits, o.TopUnits)
}

// DefaultOptions returns the options `compare report` uses by default:
// DefaultTopUnits units in the charts, DefaultMaxArticles article views,
// at most DefaultArticlesPerUnit of a unit, each of at most
// DefaultMaxBodyBytes of text, DefaultMaxPoints points, seed 1.
func DefaultOptions() Options {
	return Options{TopUnits: DefaultTopUnits, MaxArticles: DefaultMaxArticles, MaxPoints: DefaultMaxPoints,
		ArticlesPerUnit: DefaultArticlesPerUnit, MaxBodyBytes: DefaultMaxBodyBytes, MaxUnits: DefaultMaxUnits, Seed: 1}
}

// Defaults of Options (DefaultOptions).
const (
	DefaultTopUnits        = 20
	DefaultMaxArticles     = 500
	DefaultArticlesPerUnit = 50
	DefaultMaxBodyBytes    = 50000
	DefaultMaxUnits        = 1000
	DefaultMaxPoints       = 20000
)

//go:embed page.html.tmpl
var pageTemplateText string

//go:embed page.css
var pageCSS string

//go:embed page.js
var pageJS string

// pageTemplate is page.html.tmpl with the sections defined in their own
// files (sameevent.html.tmpl; timeline.html.tmpl: trends and baseline;
// validity.html.tmpl).
var pageTemplate = withValidity(template.Must(template.Must(template.Must(template.New("page").Funcs(template.FuncMap{
	"num":       formatNum,
	"numPtr":    formatNumPtr,
	"pct":       formatPct,
	"pval":      formatP,
	"pvalPtr":   formatPPtr,
	"int":       formatInt,
	"ci":        formatCI,
	"leanCls":   leanClass,
	"sortKey":   sortKey,
	"magnitude": aggregate.EffectSize,
	"sub":       func(a, b int) int { return a - b },
	"bdi":       bdi,
	"count":     func(n int, one, many string) string { return formatInt(n) + " " + english.Plural(n, one, many) },
	"points":    formatPoints,
}).Parse(pageTemplateText)).Parse(sameEventTemplateText)).Parse(timelineTemplateText)))

// Write renders the report of in as one HTML document to w.
func Write(w io.Writer, in Input, opt Options) error {
	if in.Comparison == nil {
		return errors.New("report: no comparison")
	}
	if err := checkScriptSafe("ECharts", echartsJS); err != nil {
		return err
	}
	if err := checkScriptSafe("page script", pageJS); err != nil {
		return err
	}
	v, err := EChartsVersion()
	if err != nil {
		return err
	}
	if !versionAtLeast(v, MinEChartsVersion) {
		return fmt.Errorf("report: embedded ECharts %d.%d.%d is older than %d.%d.%d; run make assets",
			v[0], v[1], v[2], MinEChartsVersion[0], MinEChartsVersion[1], MinEChartsVersion[2])
	}
	p, err := build(in, opt)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, p); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	_, err = w.Write(stripBidiControls(buf.Bytes()))
	return err
}

// checkScriptSafe makes sure an inlined script cannot end its own script
// element or open an HTML comment that would change how it is parsed.
func checkScriptSafe(name, src string) error {
	low := strings.ToLower(src)
	if strings.Contains(low, "</script") || strings.Contains(low, "<!--") || strings.Contains(low, "<script") {
		return fmt.Errorf("report: %s contains script or comment markup and cannot be inlined", name)
	}
	return nil
}

// page is what the template renders.
type page struct {
	Title       string
	CSP         string
	CSS         template.CSS
	ECharts     template.JS
	Script      template.JS
	Data        template.JS // JSON; encoding/json escaped <, > and &
	Summary     summary
	Axes        []axisView
	Framing     *chartRef
	Naming      []namingView
	Distinctive distinctiveView
	Map         *mapView
	Tests       []testsView
	SameEvent   *sameEventView
	Trends      *trendsView
	Baseline    *baselineView
	Credibility *credibilityView
	Validity    *validityView
	Units       []unitRow
	AxisLabels  []aggregate.Label
	Articles    articlesView
	Notes       []string
	Caveats     []string
}

type chartRef struct {
	ID     string
	Height int
}

type summary struct {
	Articles, Units, Tokens int
	By                      string
	DateRange               string
	Lexicon                 record.LexiconRef
	LexiconFile             string
	Tool                    string
	EChartsVersion          string
	Bootstrap               int
	Seed                    uint64
	MinArticles             int
	Quantiles               string
	Date                    string
	Command                 string
	TopUnits, ChartUnits    int
	Untested                int
	// TableUnits are listed in the tables; HiddenUnits are not
	// (Options.MaxUnits).
	TableUnits, HiddenUnits int
	Duplicates              int
}

// axisInfo is a stance axis with the meaning of its two ends.
type axisInfo struct {
	ID, Label, Negative, Positive string
}

type axisView struct {
	axisInfo
	Stance, Dist chartRef
	HasData      bool
	Points       int
	PointsCapped bool
}

type unitRow struct {
	Name, Group string
	Articles    int
	Tokens      int
	Loaded      *float64
	Author      float64
	Quote       float64
	Distanced   float64
	Reported    float64
	Axes        []aggregate.Summary
	Tested      bool
	Excluded    string
}

// build assembles the page model: the charts' options as JSON and the
// tables as values the template formats.
func build(in Input, opt Options) (*page, error) {
	cmp := in.Comparison
	if opt.TopUnits < 1 {
		return nil, fmt.Errorf("report: TopUnits %d: want at least 1", opt.TopUnits)
	}
	opt.MaxArticles = max(opt.MaxArticles, 0)
	opt.MaxPoints = max(opt.MaxPoints, 0)
	// The lexicon supplies notes and neutral alternatives only when it is
	// the one the records were scored with.
	notes := cmp.Notes
	if !scoredWith(cmp, in.Lexicon) {
		in.Lexicon = nil
		if !slices.Contains(notes, NoLexiconNote) {
			notes = append(slices.Clip(notes), NoLexiconNote)
		}
	}
	title := opt.Title
	if title == "" {
		title = "Outlet comparison"
	}
	v, _ := EChartsVersion()
	b := &builder{in: in, opt: opt, cmp: cmp, g: in.Gathered}
	if b.g == nil && in.Records != nil {
		g, err := GatherRecords(cmp.By, in.Records, opt)
		if err != nil {
			return nil, err
		}
		defer g.Close()
		b.g = g
	}
	if err := b.index(); err != nil {
		return nil, err
	}
	if hidden := len(cmp.Units) - len(b.tableUnits); hidden > 0 {
		notes = append(slices.Clip(notes), fmt.Sprintf("The tables, the map, the tests' lists of units left out, the credibility profiles and the baseline list the %s largest of %s %ss (--max-outlets); the other %s count in every chart and test, and compare stats lists them all (compare stats --format csv for a table).",
			formatInt(len(b.tableUnits)), formatInt(len(cmp.Units)), cmp.By, formatInt(hidden)))
	}

	p := &page{
		Title:      title,
		CSS:        template.CSS(pageCSS),
		ECharts:    template.JS(echartsJS),
		Script:     template.JS(pageJS),
		AxisLabels: cmp.Axes,
		Notes:      notesBeyondCaveats(notes),
		Caveats:    caveats,
	}
	p.Summary = summary{
		Articles: cmp.Articles, Units: len(cmp.Units), By: cmp.By,
		Lexicon: cmp.Lexicon, Tool: opt.ToolVersion,
		EChartsVersion: fmt.Sprintf("%d.%d.%d", v[0], v[1], v[2]),
		Bootstrap:      cmp.Bootstrap, Seed: cmp.Seed, MinArticles: cmp.MinArticles,
		Quantiles: cmp.Quantiles, Date: opt.Date, Command: opt.Command,
		TopUnits: opt.TopUnits, ChartUnits: len(b.chartUnits), Duplicates: cmp.Duplicates,
	}
	if in.Lexicon != nil {
		p.Summary.LexiconFile = in.Lexicon.File
	}
	if cmp.DateRange[0] != "" || cmp.DateRange[1] != "" {
		p.Summary.DateRange = cmp.DateRange[0] + " to " + cmp.DateRange[1]
	}
	p.Summary.TableUnits = len(b.tableUnits)
	p.Summary.HiddenUnits = len(cmp.Units) - len(b.tableUnits)
	for i, u := range cmp.Units {
		p.Summary.Tokens += u.Tokens
		if !u.Tested {
			p.Summary.Untested++
		}
		if i >= len(b.tableUnits) {
			continue
		}
		row := unitRow{Name: u.Name, Group: u.Group, Articles: u.Articles, Tokens: u.Tokens,
			Loaded: u.LoadedPer1k.Mean, Author: u.VoiceShare[record.Author],
			Quote: u.VoiceShare[record.Quote], Distanced: u.VoiceShare[record.Distanced], Reported: u.VoiceShare[record.Reported],
			Tested: u.Tested, Excluded: u.Excluded}
		for _, ax := range cmp.Axes {
			row.Axes = append(row.Axes, u.Axes.Get(ax.ID))
		}
		p.Units = append(p.Units, row)
	}

	for k, ax := range cmp.Axes {
		av := axisView{axisInfo: b.axis(ax), Stance: chartRef{ID: fmt.Sprintf("chart-stance-%d", k)},
			Dist: chartRef{ID: fmt.Sprintf("chart-dist-%d", k)}}
		if h := b.stanceChart(av.Stance.ID, ax.ID); h > 0 {
			av.HasData = true
			av.Stance.Height = h
			if b.g != nil && b.g.Len() > 0 {
				av.Dist.Height, av.Points, av.PointsCapped = b.distChart(av.Dist.ID, ax.ID)
			}
		}
		p.Axes = append(p.Axes, av)
	}
	if h := b.framingChart("chart-framing"); h > 0 {
		p.Framing = &chartRef{ID: "chart-framing", Height: h}
	}
	p.Naming = b.naming()
	p.Distinctive = b.distinctive()
	p.Map = b.outletMap()
	p.Tests = b.tests()
	p.SameEvent = b.sameEvent()
	p.Trends = b.trends()
	p.Baseline = b.baseline()
	profiles := in.Credibility
	if profiles == nil {
		// Only the listed units' profiles are shown (the tables' units
		// are the comparison's first).
		profiles = credibilityProfiles(cmp.Units[:len(b.tableUnits)])
	}
	p.Credibility = credibility(b.listed(profiles))
	p.Validity = validity(in.Validity)
	p.Articles = b.articles()

	data := struct {
		Charts  []chartSpec          `json:"charts"`
		Entries map[string]entryInfo `json:"entries"`
		Points  []pointInfo          `json:"points"`
	}{b.charts, b.entries, b.points}
	if data.Charts == nil {
		data.Charts = []chartSpec{}
	}
	js, err := json.Marshal(data)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	p.Data = template.JS(js)
	p.CSP = contentSecurityPolicy(echartsJS, pageJS)
	return p, nil
}

// contentSecurityPolicy allows exactly the given inline scripts and no
// network: injected markup could neither run nor fetch anything.
func contentSecurityPolicy(scripts ...string) string {
	var b strings.Builder
	b.WriteString("default-src 'none'; script-src")
	for _, s := range scripts {
		sum := sha256.Sum256([]byte(s))
		b.WriteString(" 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'")
	}
	// ECharts styles its tooltips with inline styles; styles cannot run code.
	b.WriteString("; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'")
	return b.String()
}

// caveats are what lexicon scoring cannot see, said in every report.
var caveats = []string{
	"Lexicon scoring counts word choice only. It cannot see sarcasm or irony: “the heroic regime” scores as praise.",
	"It cannot see the selection of facts: which events an outlet reports or leaves out, whose deaths it counts, what it puts in the headline.",
	"It cannot see stance carried by words outside the lexicon: an article can take a side using only neutral names, and a new coinage scores nothing until it is added.",
	"It says nothing about truth. A loaded word is evidence about naming habits, not about whether a report is accurate.",
	"Quoted speakers' words are shown but do not count toward an outlet's stance; an outlet that quotes a side at length is not thereby taking it.",
}

// builder holds the state shared by the sections while the page is built.
type builder struct {
	in  Input
	opt Options
	cmp *aggregate.Comparison

	unitByName map[string]*aggregate.Unit
	chartUnits []*aggregate.Unit // the TopUnits largest, in Comparison order
	// tableUnits are the MaxUnits largest, which the tables list.
	tableUnits map[string]bool
	targetName map[string]string
	// g is what was gathered of the records, nil without records.
	g *Records
	// shown holds the records that have an article view, by index.
	shown   map[int]*record.Record
	charts  []chartSpec
	entries map[string]entryInfo
	points  []pointInfo
	pointOf map[int]int // record index → index in points
}

// chartSpec is one chart as the page script receives it.
type chartSpec struct {
	ID     string         `json:"id"`
	Kind   string         `json:"kind"`
	Height int            `json:"height"`
	Option map[string]any `json:"option"`
	// Meta is what the page's tooltip formatters need beyond the option.
	Meta any `json:"meta,omitempty"`
}

// pointInfo describes a record for the distribution charts' tooltips.
type pointInfo struct {
	Title string `json:"t"`
	Unit  string `json:"u"`
	// Anchor is the id of the article's view, "" when it has none.
	Anchor string `json:"a"`
}

func (b *builder) index() error {
	cmp := b.cmp
	b.unitByName = make(map[string]*aggregate.Unit, len(cmp.Units))
	for i := range cmp.Units {
		b.unitByName[cmp.Units[i].Name] = &cmp.Units[i]
	}
	for i := range cmp.Units {
		if len(b.chartUnits) == b.opt.TopUnits {
			break
		}
		b.chartUnits = append(b.chartUnits, &cmp.Units[i])
	}
	b.tableUnits = map[string]bool{}
	for _, u := range cmp.Units {
		if b.opt.MaxUnits > 0 && len(b.tableUnits) == b.opt.MaxUnits {
			break
		}
		b.tableUnits[u.Name] = true
	}
	b.targetName = make(map[string]string, len(cmp.Targets))
	for _, t := range cmp.Targets {
		b.targetName[t.ID] = t.Label
	}
	b.entries = map[string]entryInfo{}
	return b.selectArticles()
}

// recUnit is the unit of the i-th record.
func (b *builder) recUnit(i int) string { return b.g.units[b.g.rows[i].unit].name }

func (b *builder) axis(l aggregate.Label) axisInfo {
	ax := axisInfo{ID: l.ID, Label: l.Label}
	if b.in.Lexicon != nil {
		for _, a := range b.in.Lexicon.Axes {
			if a.ID == l.ID {
				ax.Negative, ax.Positive = a.Negative, a.Positive
			}
		}
	}
	return ax
}

func (b *builder) addChart(id, kind string, height int, option map[string]any, meta any) {
	b.charts = append(b.charts, chartSpec{ID: id, Kind: kind, Height: height, Option: option, Meta: meta})
}

// CredibilityProfiles turns the pooled credibility signals of the
// comparison's units into report rows, in unit order. Units without
// signals are left out.
func CredibilityProfiles(cmp *aggregate.Comparison) []CredibilityProfile {
	return credibilityProfiles(cmp.Units)
}

func credibilityProfiles(units []aggregate.Unit) []CredibilityProfile {
	var out []CredibilityProfile
	for _, u := range units {
		cr := u.Credibility
		if cr == nil {
			continue
		}
		out = append(out, CredibilityProfile{Unit: u.Name, Signals: []CredibilitySignal{
			{"Attributions per 1,000 words", fixed(cr.AttributionsPer1k, 1), "Statements attributed to someone (said, told, according to …) per 1,000 words."},
			{"Unsourced claims", percent(cr.UnsourcedShare), "Share of claims whose source cannot be identified: unnamed officials, \"it is believed\", \"reportedly\"."},
			{"Loaded attribution verbs", percent(cr.LoadedShare), "Share of attributions with a verb that colours the statement: claimed, alleged, admitted."},
			{"Words in quotations", percent(cr.QuoteShare), "Share of the text inside direct quotations."},
			{"Hedges per 1,000 words", fixed(cr.HedgesPer1k, 1), "Markers of uncertainty outside quotations: may, reportedly, it appears."},
			{"Intensifiers per 1,000 words", fixed(cr.IntensifiersPer1k, 1), "Emotive words outside quotations: massacre, brutal, innocent."},
			{"Most cited sides", topSides(cr.Sides, 3), "Which side the media and bodies it cites belong to (state media, opposition, monitors, wires); the outlet citing itself is not counted."},
			{"Page debris per article", fixed(cr.DebrisPerArticle, 1), "Lines of page furniture (share buttons, ads, comment forms) dropped before scoring."},
		}})
	}
	return out
}

// topSides names the most cited sides with their counts.
func topSides(sides map[string]int, max int) string {
	ids := make([]string, 0, len(sides))
	for id, n := range sides {
		if n > 0 {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool {
		if sides[ids[i]] != sides[ids[j]] {
			return sides[ids[i]] > sides[ids[j]]
		}
		return ids[i] < ids[j]
	})
	if len(ids) > max {
		ids = ids[:max]
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = id + " " + strconv.Itoa(sides[id])
	}
	if len(parts) == 0 {
		return "–"
	}
	return strings.Join(parts, ", ")
}

// listed returns the profiles of the units the tables list.
func (b *builder) listed(profiles []CredibilityProfile) []CredibilityProfile {
	var out []CredibilityProfile
	for _, p := range profiles {
		if b.tableUnits[p.Unit] {
			out = append(out, p)
		}
	}
	return out
}

// notesBeyondCaveats drops the comparison's short lexicon caveat, which the
// report's own caveats already say at more length.
func notesBeyondCaveats(notes []string) []string {
	var out []string
	for _, n := range notes {
		if n != aggregate.LexiconCaveat {
			out = append(out, n)
		}
	}
	return out
}
