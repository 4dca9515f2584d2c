package sameevent

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/events"
	"github.com/compare-tool/compare/internal/record"
)

// Formats lists the formats of Write.
var Formats = []string{"table", "jsonl", "csv"}

// EventSchema names the version of the event records Write writes as JSON
// Lines.
const EventSchema = "compare.event/v1"

// Write writes the events of r in format, one of Formats: "table" for
// people (a block per event), "jsonl" for programs (one JSON object per
// event), "csv" for R and pandas (one row per article of an event, the
// event's columns repeated). The output is a function of r alone.
func Write(w io.Writer, r *Result, format string) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	switch format {
	case "table":
		err = writeTable(bw, r)
	case "jsonl":
		err = writeJSONL(bw, r)
	case "csv":
		err = writeCSV(bw, r)
	default:
		return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// eventJSON is one line of the JSON Lines output.
type eventJSON struct {
	Schema string `json:"schema"`
	ID     string `json:"id"`
	// First and Last are the first and last dates of the dated members
	// (YYYY-MM-DD); empty when none is dated.
	First    string        `json:"first,omitempty"`
	Last     string        `json:"last,omitempty"`
	Undated  int           `json:"undated"`
	Outlets  []string      `json:"outlets"`
	Articles []articleJSON `json:"articles"`
	// Similarity is over the pairs of members from different outlets.
	Similarity similarityJSON `json:"similarity"`
	KeyTerms   []termJSON     `json:"key_terms"`
	// Stance is per axis, when the articles were scored.
	Stance map[string]stanceJSON `json:"stance,omitempty"`
}

type articleJSON struct {
	ID         string  `json:"id"`
	Outlet     string  `json:"outlet"`
	Date       string  `json:"date,omitempty"`
	Undated    bool    `json:"undated"`
	Title      string  `json:"title,omitempty"`
	Source     string  `json:"source,omitempty"`
	Similarity float64 `json:"similarity"`
}

type similarityJSON struct {
	Min   float64 `json:"min"`
	Mean  float64 `json:"mean"`
	Pairs int     `json:"pairs"`
}

type termJSON struct {
	Term     string  `json:"term"`
	Articles int     `json:"articles"`
	Outlets  int     `json:"outlets"`
	Share    float64 `json:"share"`
}

type stanceJSON struct {
	// Spread is the highest pooled stance minus the lowest; nil when
	// fewer than two units have evidence.
	Spread *float64   `json:"spread"`
	Units  []unitJSON `json:"units"`
}

type unitJSON struct {
	Unit  string  `json:"unit"`
	Score float64 `json:"score"`
	N     int     `json:"n"`
}

// day writes a member's or an event's date as YYYY-MM-DD, "" when zero.
func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

func (r *Result) eventJSON(ev *Event) eventJSON {
	titles := map[int]Ref{}
	for _, u := range ev.Side.Units {
		for _, a := range u.Articles {
			titles[a.Index] = a
		}
	}
	e := eventJSON{Schema: EventSchema, ID: ev.ID, First: day(ev.First), Last: day(ev.Last), Undated: ev.Undated,
		Outlets: ev.Outlets, Similarity: similarityJSON{round(ev.MinSimilarity), round(ev.MeanSimilarity), ev.Pairs}}
	for _, m := range ev.Articles {
		ref := titles[m.Index]
		e.Articles = append(e.Articles, articleJSON{ID: m.ID, Outlet: m.Outlet, Date: day(m.Date), Undated: m.Undated(),
			Title: ref.Title, Source: ref.Source, Similarity: round(m.Similarity)})
	}
	e.KeyTerms = []termJSON{}
	for _, t := range ev.Terms {
		e.KeyTerms = append(e.KeyTerms, termJSON{t.Text, t.Articles, t.Outlets, round(t.Share)})
	}
	if r.Scored {
		e.Stance = map[string]stanceJSON{}
		for _, ax := range ev.Side.Axes {
			var st stanceJSON
			if s, _, _, ok := ev.Side.Spread(ax.ID); ok {
				st.Spread = new(round(s))
			}
			for _, u := range ev.Side.Units {
				s := u.Stance[ax.ID]
				st.Units = append(st.Units, unitJSON{u.Unit, round(s.Score), s.N})
			}
			e.Stance[ax.ID] = st
		}
	}
	return e
}

// round keeps four decimals: similarities and shares are estimates, and
// more digits would only make outputs differ across platforms' last bits.
func round(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 4, 64), 64)
	return v
}

func writeJSONL(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range r.Events {
		if err := enc.Encode(r.eventJSON(&r.Events[i])); err != nil {
			return err
		}
	}
	return nil
}

// CSVHeader is the header of the CSV output: the event's columns, then
// the article's.
var CSVHeader = []string{"event", "first", "last", "outlets", "articles", "undated", "min_similarity", "mean_similarity", "key_terms",
	"article", "outlet", "date", "title", "article_similarity"}

func writeCSV(w io.Writer, r *Result) error {
	cw := csv.NewWriter(w)
	cw.Write(CSVHeader)
	for i := range r.Events {
		e := r.eventJSON(&r.Events[i])
		terms := make([]string, len(e.KeyTerms))
		for k, t := range e.KeyTerms {
			terms[k] = t.Term
		}
		for _, a := range e.Articles {
			cw.Write([]string{e.ID, e.First, e.Last, strings.Join(e.Outlets, "; "), strconv.Itoa(len(e.Articles)), strconv.Itoa(e.Undated),
				ftoa(e.Similarity.Min), ftoa(e.Similarity.Mean), strings.Join(terms, "; "),
				a.ID, a.Outlet, a.Date, a.Title, ftoa(a.Similarity)})
		}
	}
	cw.Flush()
	return cw.Error()
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// Summary says in one line what was grouped: "43 articles, 11 events
// reported by two or more outlets (window 3d, threshold 0.20); 2 undated".
func (r *Result) Summary() string {
	return fmt.Sprintf("%s, %s reported by two or more outlets (window %s, threshold %.2f); %d undated",
		english.Count(r.Articles, "article", "articles"), english.Count(len(r.Events), "event", "events"),
		events.FormatWindow(r.Window), r.Threshold, r.Undated)
}

func writeTable(w io.Writer, r *Result) error {
	fmt.Fprintf(w, "compare events: %s\n", r.Summary())
	if len(r.Events) > 0 {
		fmt.Fprintf(w, "An event is a group of articles by different outlets that share rare words, names and numbers within the window; key terms are what they share most, with their share of the similarity. compare events --show ID lays one event's reports side by side.\n")
	}
	for i := range r.Events {
		e := r.eventJSON(&r.Events[i])
		fmt.Fprintf(w, "\n%s  %s · %s · similarity %.2f (least %.2f)\n", e.ID, dateSpan(e.First, e.Last, e.Undated),
			english.Count(len(e.Outlets), "outlet", "outlets"), e.Similarity.Mean, e.Similarity.Min)
		terms := make([]string, len(e.KeyTerms))
		for k, t := range e.KeyTerms {
			terms[k] = fmt.Sprintf("%s (%.0f%%)", record.OneLine(t.Term), 100*t.Share)
		}
		fmt.Fprintf(w, "  key terms: %s\n", strings.Join(terms, ", "))
		if e.Stance != nil {
			for _, ax := range r.Events[i].Side.Axes {
				st := e.Stance[ax.ID]
				var parts []string
				for _, u := range st.Units {
					if u.N > 0 {
						parts = append(parts, fmt.Sprintf("%s %+.2f (n %d)", record.OneLine(u.Unit), u.Score, u.N))
					} else {
						parts = append(parts, fmt.Sprintf("%s no evidence", record.OneLine(u.Unit)))
					}
				}
				spread := "spread -"
				if st.Spread != nil {
					spread = fmt.Sprintf("spread %.2f", *st.Spread)
				}
				fmt.Fprintf(w, "  stance on %s: %s; %s\n", ax.ID, strings.Join(parts, ", "), spread)
			}
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, a := range e.Articles {
			date := a.Date
			if a.Undated {
				date = "undated"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", date, record.OneLine(a.Outlet), record.OneLine(a.ID), record.OneLine(a.Title))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// dateSpan writes an event's dates: "2016-05-06", "2016-05-06 to
// 2016-05-08", with the number of undated members.
func dateSpan(first, last string, undated int) string {
	s := first
	switch {
	case first == "":
		s = "undated"
	case last != first:
		s += " to " + last
	}
	if undated > 0 && first != "" {
		s += fmt.Sprintf(" (+%d undated)", undated)
	}
	return s
}
