package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/events"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/sameevent"
)

// The "Same event" section: events several outlets reported, the widest
// spread of stance first, each laid side by side, and the comparison of
// outlets within the events both reported. Its template is
// sameevent.html.tmpl.

//go:embed sameevent.html.tmpl
var sameEventTemplateText string

// maxEventCards is how many events the section lays side by side; the
// rest are counted, and compare events lists them all.
const maxEventCards = 12

// sameEventView is the section.
type sameEventView struct {
	Events, Articles, Undated int
	Window                    string
	Threshold                 float64
	Scored                    bool
	Axis                      axisInfo // the first axis
	Cards                     []eventCard
	Within                    []withinView
	MinShared                 int
}

// eventCard is one event laid side by side.
type eventCard struct {
	ID, Anchor    string
	Dates         string
	Terms         []string
	Heading       []string // the first few terms
	Similarity    float64
	MinSimilarity float64
	Undated       int
	Units         []eventUnit
	Stance        []eventStanceRow
	Rows          []eventRow
	Spread        string // "" when fewer than two units have evidence
	SpreadLow     string
	SpreadHigh    string
}

type eventUnit struct {
	Name    string
	Reports []eventReport
}

type eventReport struct {
	Title, Date, RecID string
	// Anchor is the id of the article's view, "" when it has none.
	Anchor string
}

type eventStanceRow struct {
	Label string
	Cells []eventStance
}

type eventStance struct {
	Score float64
	N     int
}

type eventRow struct {
	Label string
	Cells []template.HTML
}

// withinView is the comparison within shared events on one axis.
type withinView struct {
	Label      string
	Sentences  []template.HTML
	Pairs      []aggregate.WithinPair
	Tested     int
	HolmShared int
	TooFew     int
	MostShared int // the most events with evidence any pair shares
}

func (b *builder) sameEvent() *sameEventView {
	res := b.in.SameEvent
	if res == nil {
		return nil
	}
	v := &sameEventView{Events: len(res.Events), Articles: res.Articles, Undated: res.Undated,
		Window: windowWords(res), Threshold: res.Threshold, Scored: res.Scored}
	axis := ""
	if len(b.cmp.Axes) > 0 {
		v.Axis = b.axis(b.cmp.Axes[0])
		axis = v.Axis.ID
	}
	// The article view of each record id (the first shown record of an
	// id: the grouping takes the first, and the sample, by a hash of
	// outlet and id, takes a unit's first record of an id before its
	// later ones).
	anchor := map[string]string{}
	for _, i := range slices.Sorted(maps.Keys(b.shown)) {
		if id := b.shown[i].ID; anchor[id] == "" {
			anchor[id] = articleID(i)
		}
	}
	for _, ev := range res.BySpread(axis) {
		if len(v.Cards) == maxEventCards {
			break
		}
		v.Cards = append(v.Cards, b.eventCard(ev, axis, anchor))
	}
	if w := b.cmp.WithinEvents; w != nil {
		v.MinShared = w.MinShared
		for _, ax := range w.Axes {
			v.Within = append(v.Within, b.withinView(ax))
		}
	}
	return v
}

// windowWords says the window as a reader would: "3 days".
func windowWords(res *sameevent.Result) string {
	s := events.FormatWindow(res.Window)
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if days == "1" {
			return "1 day"
		}
		return days + " days"
	}
	return s
}

func (b *builder) eventCard(ev *sameevent.Event, axis string, anchor map[string]string) eventCard {
	c := eventCard{ID: ev.ID, Anchor: "event-" + ev.ID, Similarity: ev.MeanSimilarity, MinSimilarity: ev.MinSimilarity, Undated: ev.Undated}
	switch first, last := dayOf(ev.First), dayOf(ev.Last); {
	case first == "":
		c.Dates = "undated"
	case first == last:
		c.Dates = first
	default:
		c.Dates = first + " to " + last
	}
	for _, t := range ev.Terms {
		c.Terms = append(c.Terms, t.Text)
	}
	c.Heading = c.Terms[:min(len(c.Terms), 4)]
	s := &ev.Side
	for _, u := range s.Units {
		eu := eventUnit{Name: u.Unit}
		for _, a := range u.Articles {
			title := a.Title
			if title == "" {
				title = a.ID
			}
			eu.Reports = append(eu.Reports, eventReport{Title: title, Date: a.Date, RecID: a.ID, Anchor: anchor[a.ID]})
		}
		c.Units = append(c.Units, eu)
	}
	for _, ax := range s.Axes {
		row := eventStanceRow{Label: ax.Label}
		for _, l := range b.cmp.Axes {
			if l.ID == ax.ID && l.Label != "" {
				row.Label = l.Label
			}
		}
		for _, u := range s.Units {
			st := u.Stance[ax.ID]
			row.Cells = append(row.Cells, eventStance{Score: st.Score, N: st.N})
		}
		c.Stance = append(c.Stance, row)
	}
	if spread, hi, lo, ok := s.Spread(axis); ok {
		c.Spread, c.SpreadHigh, c.SpreadLow = formatNum(spread), hi, lo
	}
	for _, t := range s.Targets {
		row := eventRow{Label: b.targetLabel(t.Target)}
		for _, cell := range t.Cells {
			row.Cells = append(row.Cells, b.formsHTML(cell, axis))
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}

// dayOf writes a date as YYYY-MM-DD, "" for the zero time.
func dayOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

// leanWords says a lean mark in words, for screen readers.
var leanWords = [...]string{"leans strongly toward −1", "leans toward −1", "loaded, no lean on this axis", "leans toward +1", "leans strongly toward +1"}

// formsHTML renders the forms one unit wrote for one target: each as the
// article views mark terms (colour by lean, tooltip with the lexicon's
// note), followed by its lean mark so that the lean survives without
// colour, its voice when not the outlet's own and its count.
func (b *builder) formsHTML(forms []sameevent.Form, axis string) template.HTML {
	if len(forms) == 0 {
		return `<span class="muted">–</span>`
	}
	var out strings.Builder
	for i, f := range forms {
		if i > 0 {
			out.WriteString(`<span class="sep"> · </span>`)
		}
		m := record.MatchRecord{Text: f.Text, Entry: f.Entry, Target: f.Target, Valence: f.Valence, Category: f.Category,
			Voice: f.Voice, Contrib: f.Contrib, Loaded: f.Loaded}
		b.noteEntry(&m)
		out.WriteString(`<span class="form">`)
		out.WriteString(markOpen(&m, axis))
		out.WriteString(template.HTMLEscapeString(stripBidi(f.Text)))
		out.WriteString("</mark>")
		if f.Loaded {
			level := record.LeanLevel(f.Contrib[axis]) + 2
			fmt.Fprintf(&out, `<span class="lean" title="%s">%s</span>`, leanWords[level], template.HTMLEscapeString(sameevent.LeanMark[level]))
		}
		if mark := f.Voice.Mark(); mark != "" {
			out.WriteString(` <span class="muted">` + mark + `</span>`)
		}
		if f.Count > 1 {
			fmt.Fprintf(&out, ` <span class="muted">×%d</span>`, f.Count)
		}
		out.WriteString(`</span>`)
	}
	return template.HTML(out.String())
}

func (b *builder) withinView(ax aggregate.WithinAxis) withinView {
	v := withinView{Label: ax.Axis, Pairs: ax.Pairs, Tested: ax.Tested, HolmShared: ax.HolmShared}
	for _, l := range b.cmp.Axes {
		if l.ID == ax.Axis && l.Label != "" {
			v.Label = l.Label
		}
	}
	for _, p := range ax.Pairs {
		v.MostShared = max(v.MostShared, p.Paired)
		if p.Verdict == aggregate.VerdictTooFew {
			v.TooFew++
			continue
		}
		v.Sentences = append(v.Sentences, isolateNames(p.Sentence, p.A, p.B, v.Label))
	}
	return v
}
