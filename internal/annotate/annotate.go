// Package annotate renders one scored article for reading closely
// (`compare annotate`): the text with every matched term marked by its
// lean, quoted and distanced terms styled, page debris struck out, and a
// legend of the loaded terms with their neutral alternatives and notes.
// What it shares with the HTML report (which words are marked, the lean's
// strength, the legend, the characters never shown) comes from package
// view.
package annotate

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/view"
)

// Options shape Write's output.
type Options struct {
	// Color writes ANSI colours and styles; without it terms are marked
	// [[like this]], debris ~~like this~~, for pipes and NO_COLOR.
	Color bool
	// Width, when above 0, wraps lines at word boundaries to that many
	// columns (a terminal's width).
	Width int
}

// stanceVoices says which voices count toward stance (record.CountsInStance
// and CountsAsFallback).
const stanceVoices = "only the outlet's own voice counts toward its stance, or reported speech where it has none"

// ANSI styles. Red and blue follow the report's colours; quoted terms are
// italic, distanced ones underlined and reported ones dim.
const (
	ansiReset     = view.ANSIReset
	ansiBold      = "\x1b[1m"
	ansiDim       = "\x1b[2m"
	ansiItalic    = "\x1b[3m"
	ansiUnderline = "\x1b[4m"
	ansiStrike    = "\x1b[9m"
	ansiRed       = "\x1b[31m"
	ansiBlue      = "\x1b[34m"
	ansiGrey      = "\x1b[90m"
)

// Write writes one scored article for reading in a terminal: a header
// with the stance in plain words (view.PlainStance),
// the text with every marked term (view.Marks) styled by its lean on the
// first axis of lex (or of the record, when lex is nil), and a legend of
// the loaded terms (view.Legend) with target, valence, category and, from
// lex, neutral alternatives and note.
func Write(w io.Writer, r *record.Record, lex *lexicon.Lexicon, opt Options) error {
	axis := view.FirstAxis(r, lex).ID
	var b strings.Builder
	title := r.Title
	if title == "" {
		title = r.ID
	}
	style := func(s, code string) string {
		if !opt.Color || code == "" {
			return s
		}
		return code + s + ansiReset
	}
	b.WriteString(style(clean(title), ansiBold))
	b.WriteString("\n")
	meta := []string{clean(r.Outlet)}
	if r.Date != "" {
		meta = append(meta, clean(r.Date))
	}
	b.WriteString(style(strings.Join(meta, " · "), ansiDim))
	b.WriteString("\n")
	for _, s := range stanceWords(r, lex) {
		b.WriteString(s + ".\n")
	}
	b.WriteString("\n")

	text := r.Text
	marks := view.Marks(r)
	dropped := spansOf(r.Dropped)
	pos := 0
	// writePlain writes text[pos:end], striking out debris.
	writePlain := func(end int) {
		for pos < end {
			d := -1
			for i, s := range dropped {
				if s.end > pos && s.start < end {
					d = i
					break
				}
			}
			if d < 0 {
				b.WriteString(clean(text[pos:end]))
				pos = end
				return
			}
			s := max(dropped[d].start, pos)
			e := min(dropped[d].end, end)
			b.WriteString(clean(text[pos:s]))
			if opt.Color {
				b.WriteString(style(clean(text[s:e]), ansiStrike+ansiGrey))
			} else {
				b.WriteString("~~" + clean(text[s:e]) + "~~")
			}
			pos = e
		}
	}
	for _, m := range marks {
		writePlain(m.Start)
		if opt.Color {
			code := ansiUnderline
			if m.Loaded {
				code = view.ANSILean[record.LeanLevel(m.Contrib[axis])+2]
			}
			switch m.Voice {
			case record.Quote:
				code += ansiItalic
			case record.Distanced:
				code += ansiUnderline
			case record.Reported:
				code += ansiDim
			}
			b.WriteString(style(clean(m.Text), code))
		} else {
			b.WriteString("[[" + clean(m.Text) + "]]")
			if m.Loaded {
				// The lean shows without colour too.
				b.WriteString(view.LeanMark[record.LeanLevel(m.Contrib[axis])+2])
			}
			if m.Voice != record.Author {
				b.WriteString("(" + string(m.Voice) + ")")
			}
		}
		pos = m.End
	}
	writePlain(len(text))
	if !strings.HasSuffix(text, "\n") {
		b.WriteString("\n")
	}

	b.WriteString("\n")
	legend := view.Legend(marks)
	if len(legend) == 0 {
		b.WriteString("No loaded terms.\n")
	} else {
		b.WriteString(style("Loaded terms", ansiBold))
		if opt.Color {
			b.WriteString(" (" + style("red", ansiRed) + ": leans −, " + style("blue", ansiBlue) + ": leans +, " +
				style("italic", ansiItalic) + ": quoted, " + style("underlined", ansiUnderline) + ": distanced or neutral, " + style("dim", ansiDim) + ": reported speech; " + stanceVoices + ")\n")
		} else {
			b.WriteString(" (" + view.LeanMark[0] + " " + view.LeanMark[1] + " lean " + view.Toward(view.FirstAxis(r, lex), -1) + ", " +
				view.LeanMark[3] + " " + view.LeanMark[4] + " " + view.Toward(view.FirstAxis(r, lex), 1) + "; " + stanceVoices + ")\n")
		}
	}
	for _, it := range legend {
		m := it.Match
		label := m.Target
		if t := lexTarget(lex, m.Target); t != nil && t.Label != "" {
			label = t.Label
		}
		lean := ""
		if c, ok := m.Contrib[axis]; ok && c != 0 {
			lean = fmt.Sprintf(", lean %+.2f", c)
		}
		code := ansiBold
		if c := m.Contrib[axis]; c < 0 {
			code += ansiRed
		} else if c > 0 {
			code += ansiBlue
		}
		var written []string
		for _, f := range aggregate.Forms(it.Forms) {
			written = append(written, fmt.Sprintf("%s ×%d", style(clean(f.Form), code), f.Count))
		}
		// A labelled entry is named, beside the words written.
		if e := lexEntry(lex, m.Entry); e != nil && e.Label != "" {
			label = e.Label + ": " + label
		}
		fmt.Fprintf(&b, "  %s  %s, valence %+.2f%s, %s, %s voice", strings.Join(written, ", "), clean(label), m.Valence, lean, clean(m.Category), m.Voice)
		if m.Cue != "" {
			fmt.Fprintf(&b, " (after %q)", clean(m.Cue))
		}
		b.WriteString("\n")
		if e := lexEntry(lex, m.Entry); e != nil {
			if len(e.Neutral) > 0 {
				b.WriteString("      neutral: " + clean(strings.Join(e.Neutral, "; ")) + "\n")
			}
			if e.Note != "" {
				b.WriteString(style("      "+clean(e.Note), ansiDim) + "\n")
			}
		}
	}
	_, err := io.WriteString(w, wrap(b.String(), opt.Width))
	return err
}

// stanceWords says r's stance on each of its axes in plain words
// (view.PlainStance), with the meaning of the axis's ends from lex when
// it has the axis.
func stanceWords(r *record.Record, lex *lexicon.Lexicon) []string {
	var out []string
	for _, id := range sortedAxes(r) {
		a := lexicon.Axis{ID: id}
		if lex != nil {
			if i := slices.IndexFunc(lex.Axes, func(la lexicon.Axis) bool { return la.ID == id }); i >= 0 {
				a = lex.Axes[i]
			}
		}
		out = append(out, view.PlainStance(a, r.Stance[id]))
	}
	return out
}

func sortedAxes(r *record.Record) []string {
	return slices.Sorted(maps.Keys(r.Stance))
}

// lexEntry and lexTarget look an entry or a target up in lex, which may be
// nil.
func lexEntry(lex *lexicon.Lexicon, id string) *lexicon.Entry {
	if lex == nil {
		return nil
	}
	return lex.Entry(id)
}

func lexTarget(lex *lexicon.Lexicon, id string) *lexicon.Target {
	if lex == nil {
		return nil
	}
	return lex.Target(id)
}

type span struct{ start, end int }

func spansOf(s []corpus.Span) []span {
	out := make([]span, 0, len(s))
	for _, d := range s {
		out = append(out, span{d.Start, d.End})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// clean removes the control characters of untrusted text, except line
// breaks and tabs, so that an article cannot send escape sequences to the
// reader's terminal.
func clean(s string) string { return view.Remove(s, view.IsControl) }
