package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

// AnnotateOptions shape Annotate's output.
type AnnotateOptions struct {
	// Color writes ANSI colours and styles; without it terms are marked
	// [[like this]], debris ~~like this~~, for pipes and NO_COLOR.
	Color bool
}

// ANSI styles. Red and blue follow the report's colours; quoted terms are
// italic and distanced ones underlined, as in the report.
const (
	ansiReset     = "\x1b[0m"
	ansiBold      = "\x1b[1m"
	ansiDim       = "\x1b[2m"
	ansiItalic    = "\x1b[3m"
	ansiUnderline = "\x1b[4m"
	ansiStrike    = "\x1b[9m"
	ansiRed       = "\x1b[31m"
	ansiBlue      = "\x1b[34m"
	ansiGrey      = "\x1b[90m"
	ansiRedBg     = "\x1b[97;41m"
	ansiBlueBg    = "\x1b[97;44m"
)

// ansiLean styles a loaded term by record.LeanLevel + 2: strong leans on
// a coloured background, weaker ones in colour.
var ansiLean = [...]string{ansiBold + ansiRedBg, ansiBold + ansiRed, ansiBold, ansiBold + ansiBlue, ansiBold + ansiBlueBg}

// Annotate writes one scored article for reading in a terminal: a header,
// the text with every matched term marked by its lean on the first axis of
// lex (or of the record, when lex is nil), and a legend of the terms with
// target, valence, category and neutral alternatives.
func Annotate(w io.Writer, r *record.Record, lex *lexicon.Lexicon, opt AnnotateOptions) error {
	axis := firstAxis(r, lex)
	entries := map[string]*lexicon.Entry{}
	targets := map[string]string{}
	if lex != nil {
		for i := range lex.Entries {
			entries[lex.Entries[i].ID] = &lex.Entries[i]
		}
		for _, t := range lex.Targets {
			targets[t.ID] = t.Label
		}
	}
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
	for _, ax := range sortedAxes(r) {
		s := r.Stance[ax]
		meta = append(meta, fmt.Sprintf("%s %+.2f (n = %d)", ax, s.Score, s.N))
	}
	b.WriteString(style(strings.Join(meta, " · "), ansiDim))
	b.WriteString("\n\n")

	text := r.Text
	matches := append([]record.MatchRecord(nil), r.Matches...)
	sort.SliceStable(matches, func(i, j int) bool { return matches[i].Start < matches[j].Start })
	dropped := append([]span(nil), spansOf(r.Dropped)...)
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
	type legendItem struct {
		m     record.MatchRecord
		count int
	}
	var legend []*legendItem
	seen := map[string]*legendItem{}
	for _, m := range matches {
		if m.Start < pos || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
			continue
		}
		writePlain(m.Start)
		c := m.Contrib[axis]
		loaded := m.Loaded
		if opt.Color {
			code := ansiUnderline
			if loaded {
				code = ansiLean[record.LeanLevel(c)+2]
			}
			switch m.Voice {
			case record.Quote:
				code += ansiItalic
			case record.Distanced:
				code += ansiUnderline
			}
			b.WriteString(style(clean(m.Text), code))
		} else {
			b.WriteString("[[" + clean(m.Text) + "]]")
			if m.Voice != record.Author {
				b.WriteString("(" + string(m.Voice) + ")")
			}
		}
		pos = m.End
		if loaded {
			key := m.Entry + "\x00" + string(m.Voice)
			if it := seen[key]; it != nil {
				it.count++
			} else {
				it := &legendItem{m: m, count: 1}
				seen[key] = it
				legend = append(legend, it)
			}
		}
	}
	writePlain(len(text))
	if !strings.HasSuffix(text, "\n") {
		b.WriteString("\n")
	}

	b.WriteString("\n")
	if len(legend) == 0 {
		b.WriteString("No loaded terms.\n")
	} else {
		b.WriteString(style("Loaded terms", ansiBold))
		if opt.Color {
			b.WriteString(" (" + style("red", ansiRed) + ": leans −, " + style("blue", ansiBlue) + ": leans +, " +
				style("italic", ansiItalic) + ": quoted, " + style("underlined", ansiUnderline) + ": distanced or neutral; only the outlet's own voice counts)\n")
		} else {
			b.WriteString(" (only the outlet's own voice counts toward its stance)\n")
		}
	}
	for _, it := range legend {
		m := it.m
		label := targets[m.Target]
		if label == "" {
			label = m.Target
		}
		lean := ""
		if c, ok := m.Contrib[axis]; ok && c != 0 {
			lean = fmt.Sprintf(", lean %+.2f", c)
		}
		term := clean(m.Text)
		if opt.Color {
			code := ansiBold
			if c := m.Contrib[axis]; c < 0 {
				code += ansiRed
			} else if c > 0 {
				code += ansiBlue
			}
			term = style(term, code)
		}
		fmt.Fprintf(&b, "  %s ×%d  %s, valence %+.2f%s, %s, %s voice", term, it.count, clean(label), m.Valence, lean, clean(m.Category), m.Voice)
		if m.Cue != "" {
			fmt.Fprintf(&b, " (after %q)", clean(m.Cue))
		}
		b.WriteString("\n")
		if e := entries[m.Entry]; e != nil {
			if len(e.Neutral) > 0 {
				b.WriteString("      neutral: " + clean(strings.Join(e.Neutral, "; ")) + "\n")
			}
			if e.Note != "" {
				b.WriteString(style("      "+clean(e.Note), ansiDim) + "\n")
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func firstAxis(r *record.Record, lex *lexicon.Lexicon) string {
	if lex != nil && len(lex.Axes) > 0 {
		return lex.Axes[0].ID
	}
	if axes := sortedAxes(r); len(axes) > 0 {
		return axes[0]
	}
	return ""
}

func sortedAxes(r *record.Record) []string {
	axes := make([]string, 0, len(r.Stance))
	for id := range r.Stance {
		axes = append(axes, id)
	}
	sort.Strings(axes)
	return axes
}

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
func clean(s string) string { return removeRunes(s, isControl) }

func isControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r < 0xa0) || r == 0x2028 || r == 0x2029 || isBidiControl(r)
}
