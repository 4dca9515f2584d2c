package sameevent

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/dates"
	"github.com/compare-tool/compare/internal/events"
	"github.com/compare-tool/compare/internal/lexicon"
)

// Options configure Group. The zero value means the defaults of package
// events.
type Options struct {
	// Window, Threshold and Workers are events.Options'.
	Window    time.Duration
	Threshold float64
	Workers   int
	// Lexicon orders and labels the axes and targets of the side-by-side
	// views; nil uses the ids.
	Lexicon *lexicon.Lexicon
	// Dates reads the articles' dates; the zero Parser refuses
	// ambiguous day/month orders and reads times without a zone as UTC.
	Dates dates.Parser
}

// Result is what Group found.
type Result struct {
	// Events are the events reported by two or more outlets, in order of
	// their first date (undated events last), then of id.
	Events []Event
	// Articles is the number of articles grouped; Undated of them had no
	// date that could be read and were compared by text alone.
	Articles, Undated int
	// Window and Threshold are the values used.
	Window    time.Duration
	Threshold float64
	// Scored is true when the articles carried scores (FromRecord), so
	// that the events have stances and forms.
	Scored bool
	// Problems lists the articles whose date could not be read (grouped as
	// undated) and those left out for repeating an earlier id.
	Problems []Problem
}

// Event is one event with its reports side by side.
type Event struct {
	// Event is the grouping's record of it; its members' Index is their
	// position in the articles given to Group.
	events.Event
	// Side lays its reports side by side.
	Side Side
}

// Problem is an article Group could not take as it was.
type Problem struct {
	// Index is the article's position in the slice given to Group; ID and
	// Source identify it.
	Index      int
	ID, Source string
	// Field is "date" or "id"; Message says what was wrong and what was
	// done.
	Field, Message string
}

func (p Problem) String() string {
	where := p.Source
	if where == "" {
		where = fmt.Sprintf("article %d", p.Index+1)
	}
	return fmt.Sprintf("%s: id %q: %s: %s", where, p.ID, p.Field, p.Message)
}

// Group finds the events that two or more outlets report among articles
// and lays the reports of each side by side. Dates are read with
// opt.Dates from each article's date, or its URL when the date is empty
// (dates.Parser.Resolve); an article whose date cannot be read is grouped
// by text alone and listed in Problems, as is an article that repeats an
// earlier id, which is left out. The result depends only on the articles
// and the options, not on their order or the number of workers.
func Group(ctx context.Context, articles []Article, opt Options) (*Result, error) {
	res := &Result{}
	in := make([]events.Article, 0, len(articles))
	back := make([]int, 0, len(articles)) // position in in → in articles
	seen := make(map[string]int, len(articles))
	for i := range articles {
		a := &articles[i]
		if a.Scored() {
			res.Scored = true
		}
		if j, dup := seen[a.ID]; dup {
			res.Problems = append(res.Problems, Problem{Index: i, ID: a.ID, Source: a.Source, Field: "id",
				Message: fmt.Sprintf("also the id of %s; left out of the events (read with --dedupe id to drop repeats)", articles[j].Source)})
			continue
		}
		seen[a.ID] = i
		// A date the reader resolved stands: it was read in the order the
		// user gave, and a date it could not read was reported there.
		d, err := a.Published, error(nil)
		if d.IsZero() {
			d, err = opt.Dates.Resolve(a.Date, a.URL)
		}
		if err != nil {
			msg := err.Error() + "; grouped by text alone"
			if !d.IsZero() {
				msg = fmt.Sprintf("%v; the URL's date %s is used", err, d)
			}
			res.Problems = append(res.Problems, Problem{Index: i, ID: a.ID, Source: a.Source, Field: "date", Message: msg})
		}
		in = append(in, events.Article{ID: a.ID, Outlet: a.Outlet, Date: d.Time, Title: a.Title, Text: a.Text})
		back = append(back, i)
	}
	g, err := events.Group(ctx, in, events.Options{Window: opt.Window, Threshold: opt.Threshold, Workers: opt.Workers})
	if err != nil {
		return nil, err
	}
	res.Articles, res.Undated, res.Window, res.Threshold = g.Articles, g.Undated, g.Window, g.Threshold
	res.Events = make([]Event, len(g.Events))
	for e, ev := range g.Events {
		members := make([]Article, len(ev.Articles))
		for k := range ev.Articles {
			m := &ev.Articles[k]
			m.Index = back[m.Index]
			members[k] = articles[m.Index]
		}
		side := Compare(members, opt.Lexicon)
		for u := range side.Units {
			for r := range side.Units[u].Articles {
				ref := &side.Units[u].Articles[r]
				ref.Index = ev.Articles[ref.Index].Index
			}
		}
		res.Events[e] = Event{Event: ev, Side: side}
	}
	return res, nil
}

// Find returns the event with the given id, or nil.
func (r *Result) Find(id string) *Event {
	for i := range r.Events {
		if r.Events[i].ID == id {
			return &r.Events[i]
		}
	}
	return nil
}

// BySpread returns the events, the widest spread of stance on axis
// first (see Side.Spread); events in which fewer than two units have
// evidence on it follow, in their order.
func (r *Result) BySpread(axis string) []*Event {
	out := make([]*Event, len(r.Events))
	for i := range r.Events {
		out[i] = &r.Events[i]
	}
	slices.SortStableFunc(out, func(a, b *Event) int {
		sa, _, _, oka := a.Side.Spread(axis)
		sb, _, _, okb := b.Side.Spread(axis)
		if oka != okb {
			if oka {
				return -1
			}
			return 1
		}
		return cmp.Compare(sb, sa)
	})
	return out
}

// Scores returns each unit's pooled stance per event and axis, for
// aggregate.Comparison.CompareWithinEvents: one per unit that reported
// the event and axis of the event's side-by-side view, with N = 0 when
// the unit's reports use no term bearing on the axis. Unscored articles
// give none.
func (r *Result) Scores() []aggregate.EventScore {
	var out []aggregate.EventScore
	for _, ev := range r.Events {
		for _, u := range ev.Side.Units {
			if len(u.Stance) == 0 {
				continue
			}
			for _, ax := range ev.Side.Axes {
				s := u.Stance[ax.ID]
				out = append(out, aggregate.EventScore{Event: ev.ID, Unit: u.Unit, Axis: ax.ID, Score: s.Score, N: s.N})
			}
		}
	}
	return out
}
