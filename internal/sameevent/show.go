package sameevent

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/view"
)

// ShowOptions shape WriteShow's output.
type ShowOptions struct {
	// Color writes loaded terms in ANSI colours by lean (red toward the
	// negative end of the first axis, blue toward the positive end, on a
	// coloured background when strong), besides their marks.
	Color bool
}

// LeanMark is the mark a loaded form carries in plain text, by
// record.LeanLevel of its contribution to the first axis plus 2: the
// lean survives without colour (on paper, in a pipe, for a reader who
// does not see red and blue apart). A loaded form without lean on the
// axis is marked [0]; a neutral name has no mark.
var LeanMark = view.LeanMark

// WriteShow writes one event for reading in a terminal: its reports,
// each unit's stance on each axis with n, and per target the forms each
// unit wrote, in aligned rows.
func WriteShow(w io.Writer, ev *Event, opt ShowOptions) error {
	var b strings.Builder
	s := &ev.Side
	fmt.Fprintf(&b, "Event %s: %s by %s, %s\n", ev.ID, english.Count(len(ev.Articles), "report", "reports"),
		english.Count(len(ev.Outlets), "outlet", "outlets"), dateSpan(day(ev.First), day(ev.Last), ev.Undated))
	terms := make([]string, len(ev.Terms))
	for i, t := range ev.Terms {
		terms[i] = fmt.Sprintf("%s (%.0f%%)", record.OneLine(t.Text), 100*t.Share)
	}
	fmt.Fprintf(&b, "Grouped because the reports share rare words, names and numbers: %s. Similarity %.2f on average, least %.2f (0: nothing in common, 1: the same words).\n",
		strings.Join(terms, ", "), ev.MeanSimilarity, ev.MinSimilarity)
	if ev.Undated > 0 {
		fmt.Fprintf(&b, "%s no date and joined by text alone.\n", english.Count(ev.Undated, "report has", "reports have"))
	}

	b.WriteString("\nReports\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, m := range ev.Articles {
		date := day(m.Date)
		if m.Undated() {
			date = "undated"
		}
		title := ""
		for _, u := range s.Units {
			for _, a := range u.Articles {
				if a.Index == m.Index {
					title = a.Title
				}
			}
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", date, record.OneLine(m.Outlet), record.OneLine(m.ID), record.OneLine(title))
	}
	tw.Flush()

	scored := false
	for _, u := range s.Units {
		scored = scored || len(u.Stance) > 0
	}
	if !scored {
		b.WriteString("\nThe reports were not scored: score them (compare events PATH... --show ID scores them) to compare their naming.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	first := ""
	for k, ax := range s.Axes {
		if k == 0 {
			first = ax.ID
		}
		fmt.Fprintf(&b, "\nStance on %s", ax.ID)
		if ax.Label != ax.ID {
			fmt.Fprintf(&b, " (%s)", record.OneLine(ax.Label))
		}
		if ax.Negative != "" || ax.Positive != "" {
			fmt.Fprintf(&b, ": −1 %s … +1 %s", record.OneLine(ax.Negative), record.OneLine(ax.Positive))
		}
		b.WriteString("\nThe mean lean of the terms each outlet uses in its own voice in these reports; n = how many terms.\n")
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for _, u := range s.Units {
			st := u.Stance[ax.ID]
			if st.N == 0 {
				fmt.Fprintf(tw, "  %s\tno term bearing on the axis\n", record.OneLine(u.Unit))
				continue
			}
			fmt.Fprintf(tw, "  %s\t%s\tn = %d\n", record.OneLine(u.Unit), signedScore(st.Score), st.N)
		}
		tw.Flush()
		if spread, hi, lo, ok := s.Spread(ax.ID); ok {
			fmt.Fprintf(&b, "  spread %.2f, from %s to %s\n", spread, record.OneLine(lo), record.OneLine(hi))
		}
	}

	b.WriteString("\nHow each outlet names the actors\n")
	fmt.Fprintf(&b, "Own words first, then (quoted) speakers' words, (distanced) ones, kept at arm's length by \"so-called\" or scare quotes, and (reported) speech, \"X said that …\"; only own words count toward the stance, or reported speech in a report that has none. "+
		"Loaded terms end with their lean on %s: %s strongly toward −1, %s toward −1, %s loaded without lean on it, %s toward +1, %s strongly toward +1; unmarked terms are neutral names. ×N: written N times.\n",
		first, LeanMark[0], LeanMark[1], LeanMark[2], LeanMark[3], LeanMark[4])
	for _, t := range s.Targets {
		fmt.Fprintf(&b, "\n%s\n", record.OneLine(t.Label))
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for u, cell := range t.Cells {
			forms := make([]string, len(cell))
			for i, f := range cell {
				forms[i] = formText(f, first, opt.Color)
			}
			text := strings.Join(forms, " · ")
			if len(cell) == 0 {
				text = "–"
			}
			fmt.Fprintf(tw, "  %s\t%s\n", record.OneLine(s.Units[u].Unit), text)
		}
		tw.Flush()
	}
	b.WriteString("\nOnly the lexicon's terms are shown: what a report says in other words, which facts it selects and what it leaves out are not.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// formText writes a form for the terminal: the text as written, its lean
// mark when loaded, its voice when not the outlet's own, its count.
func formText(f Form, axis string, color bool) string {
	text := record.OneLine(f.Text)
	level := record.LeanLevel(f.Contrib[axis]) + 2
	if color && f.Loaded {
		text = view.ANSILean[level] + text + view.ANSIReset
	}
	if f.Loaded {
		text += " " + LeanMark[level]
	}
	if mark := f.Voice.Mark(); mark != "" {
		text += " " + mark
	}
	if f.Count > 1 {
		text += fmt.Sprintf(" ×%d", f.Count)
	}
	return text
}

// signedScore writes a stance with its sign, a true minus and two
// decimals; zero has a space for a sign, so that the numbers align.
func signedScore(x float64) string {
	s := fmt.Sprintf("%+.2f", x)
	if s == "-0.00" || s == "+0.00" {
		return " 0.00"
	}
	return strings.Replace(s, "-", "−", 1)
}
