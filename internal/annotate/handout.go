package annotate

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/view"
)

// Format is a handout's format.
type Format string

// The handout formats: one printable HTML page, Markdown for slides, and
// plain text.
const (
	HTML     Format = "html"
	Markdown Format = "md"
	Text     Format = "text"
)

// Formats lists the handout formats, for flags and messages.
var Formats = []Format{HTML, Markdown, Text}

// Handout is one article made ready for a class: its paragraphs with the
// loaded terms marked and numbered, the notes, and the stance in plain
// words. The handout formats and `compare serve` render it.
type Handout struct {
	Title, Outlet, Date string
	// Lexicon names the lexicon, with its version.
	Lexicon string
	// Axis is the axis the marks show lean on; Stance says the article's
	// stance on each axis in plain words (view.PlainStance).
	Axis   lexicon.Axis
	Stance []string
	// Paragraphs are the article's lines that are not blank, page debris
	// left out.
	Paragraphs [][]Piece
	Notes      *view.Notes
	// Toward says in plain words where each side's marks lean.
	TowardNegative, TowardPositive string
	// Anchor prefixes the ids of the notes in HTML ("note" by default),
	// so that two handouts can share a page.
	Anchor string
}

// Piece is a run of an article's text: plain, or a loaded term with its
// note.
type Piece struct {
	Text string
	Note *view.Note
	// Voice is the mark's voice when Note is set.
	Voice record.Voice
	// Cue is the distance cue before a distanced term.
	Cue string
}

// NewHandout prepares r for a class, with the lexicon lex when it is
// known (it gives labels, neutral alternatives, teaching notes and the
// meaning of the axis's ends; without it the record's own ids are shown).
// Untrusted text has its control characters removed.
func NewHandout(r *record.Record, lex *lexicon.Lexicon) *Handout {
	ax := view.FirstAxis(r, lex)
	marks := view.Marks(r)
	h := &Handout{Title: clean(r.Title), Outlet: clean(r.Outlet), Date: clean(r.Date), Axis: ax,
		Notes:          view.MakeNotes(marks, lex, ax),
		TowardNegative: view.Toward(ax, -1), TowardPositive: view.Toward(ax, 1), Anchor: "note"}
	if h.Title == "" {
		h.Title = clean(r.ID)
	}
	if lex != nil {
		h.Lexicon = strings.TrimSpace(lex.Name + " " + lex.Version)
	}
	h.Stance = stanceWords(r, lex)

	text := r.Text
	dropped := spansOf(r.Dropped)
	inDebris := func(s, e int) bool {
		i := sort.Search(len(dropped), func(i int) bool { return dropped[i].end > s })
		return i < len(dropped) && dropped[i].start < e
	}
	var para []Piece
	flush := func() {
		blank := true
		for _, p := range para {
			if p.Note != nil || strings.TrimSpace(p.Text) != "" {
				blank = false
			}
		}
		if !blank {
			para[0].Text = strings.TrimLeft(para[0].Text, " \t")
			h.Paragraphs = append(h.Paragraphs, para)
		}
		para = nil
	}
	// plain adds text[s:e] without its debris, a line break ending a
	// paragraph.
	plain := func(s, e int) {
		for s < e {
			i := sort.Search(len(dropped), func(i int) bool { return dropped[i].end > s })
			stop := e
			if i < len(dropped) && dropped[i].start < e {
				stop = max(dropped[i].start, s)
			}
			for _, line := range splitLines(text[s:stop]) {
				if line == "\n" {
					flush()
					continue
				}
				para = append(para, Piece{Text: clean(line)})
			}
			s = stop
			if i < len(dropped) && dropped[i].start < e {
				s = min(dropped[i].end, e)
			}
		}
	}
	pos := 0
	for _, m := range marks {
		n := h.Notes.Of(m)
		if n == nil || inDebris(m.Start, m.End) {
			continue
		}
		plain(pos, m.Start)
		para = append(para, Piece{Text: clean(m.Text), Note: n, Voice: m.Voice, Cue: clean(m.Cue)})
		pos = m.End
	}
	plain(pos, len(text))
	flush()
	return h
}

// splitLines splits s into its lines and the line breaks between them,
// each break its own "\n" element.
func splitLines(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			if s != "" {
				out = append(out, s)
			}
			return out
		}
		if i > 0 {
			out = append(out, s[:i])
		}
		out = append(out, "\n")
		s = s[i+1:]
	}
}

// Cite is how a term's note is cited after it: its number and its lean's
// signs ("1 −−", see view.LeanMark), so that the lean shows without
// colour.
func Cite(n *view.Note) string {
	return fmt.Sprintf("%d %s", n.Number, strings.Trim(view.LeanMark[n.Level+2], "[]"))
}

// VoiceWords says in plain words whose words a marked term is.
func VoiceWords(p Piece) string {
	switch p.Voice {
	case record.Quote:
		return "in a quote: someone else's words, not counted toward the lean"
	case record.Distanced:
		if p.Cue != "" {
			return "held at a distance (after “" + p.Cue + "”), not counted toward the lean"
		}
		return "held at a distance, not counted toward the lean"
	case record.Reported:
		return "in reported speech: someone's words as the outlet relays them, counted toward the lean only where the article has none of its own"
	}
	return "the outlet's own words"
}

// noteVoice is VoiceWords for a note, from its first mark.
func noteVoice(n *view.Note) string {
	return VoiceWords(Piece{Voice: n.Match.Voice, Cue: clean(n.Match.Cue)})
}

// WriteHandout writes r as a handout in format f: see Handout. lex may be
// nil.
func WriteHandout(w io.Writer, r *record.Record, lex *lexicon.Lexicon, f Format) error {
	h := NewHandout(r, lex)
	switch f {
	case HTML:
		return h.writeHTML(w)
	case Markdown:
		return h.writeText(w, true)
	case Text:
		return h.writeText(w, false)
	}
	return fmt.Errorf("unknown handout format %q (want html, md or text)", f)
}

// writeText writes the handout as plain text, or as Markdown when md is
// set: terms in bold, the article's own characters that Markdown reads
// escaped.
func (h *Handout) writeText(w io.Writer, md bool) error {
	var b strings.Builder
	esc := func(s string) string { return s }
	if md {
		esc = escapeMarkdown
	}
	b.WriteString(textTitle(h.Title, md))
	meta := []string{}
	for _, s := range []string{h.Outlet, h.Date} {
		if s != "" {
			meta = append(meta, esc(s))
		}
	}
	if len(meta) > 0 {
		b.WriteString(strings.Join(meta, " · ") + "\n\n")
	}
	for _, s := range h.Stance {
		b.WriteString(esc(s) + ".\n")
	}
	if len(h.Stance) > 0 {
		b.WriteString("\n")
	}
	for _, para := range h.Paragraphs {
		for _, p := range para {
			if p.Note == nil {
				b.WriteString(esc(p.Text))
				continue
			}
			if md {
				fmt.Fprintf(&b, "**%s** \\[%s\\]", esc(p.Text), Cite(p.Note))
			} else {
				fmt.Fprintf(&b, "[[%s]][%s]", p.Text, Cite(p.Note))
			}
		}
		b.WriteString("\n\n")
	}
	heading := func(s string) {
		if md {
			b.WriteString("## " + s + "\n\n")
		} else {
			b.WriteString(s + "\n" + strings.Repeat("-", len([]rune(s))) + "\n\n")
		}
	}
	heading("How to read the marks")
	fmt.Fprintf(&b, "- %s or %s: the word leans %s; two signs: strongly.\n", esc(view.LeanMark[1]), esc(view.LeanMark[0]), esc(h.TowardNegative))
	fmt.Fprintf(&b, "- %s or %s: the word leans %s; two signs: strongly.\n", esc(view.LeanMark[3]), esc(view.LeanMark[4]), esc(h.TowardPositive))
	fmt.Fprintf(&b, "- %s: a loaded word that takes no side on this axis.\n", esc(view.LeanMark[2]))
	b.WriteString("- The number leads to the note below. Only the outlet's own words count toward its lean; quoted and distanced words are marked but not counted, and reported speech (“X said that …”) counts only where it has none.\n\n")
	heading("Notes")
	if len(h.Notes.Items) == 0 {
		b.WriteString("No loaded terms: the lexicon found no word that takes a side.\n\n")
	}
	for _, n := range h.Notes.Items {
		fmt.Fprintf(&b, "%d. %s %s", n.Number, bold(esc(clean(n.Match.Text)), md), esc(view.LeanMark[n.Level+2]))
		if n.Count > 1 {
			fmt.Fprintf(&b, " ×%d", n.Count)
		}
		fmt.Fprintf(&b, " — names %s; %s; %s.\n", esc(clean(n.Target)), esc(n.Lean), esc(noteVoice(&n)))
		if len(n.Neutral) > 0 {
			fmt.Fprintf(&b, "   Neutral alternatives: %s.\n", esc(clean(strings.Join(n.Neutral, "; "))))
		}
		if n.Teaching != "" {
			fmt.Fprintf(&b, "   Teaching note: %s\n", esc(clean(n.Teaching)))
		}
	}
	b.WriteString("\n")
	heading("What this can and cannot tell")
	b.WriteString("It can show:\n")
	for _, s := range view.CanTell {
		b.WriteString("- " + esc(s) + "\n")
	}
	b.WriteString("\nIt cannot tell:\n")
	for _, s := range view.CannotTell {
		b.WriteString("- " + esc(s) + "\n")
	}
	if h.Lexicon != "" {
		b.WriteString("\nLexicon: " + esc(h.Lexicon) + ".\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// textTitle is a title in Markdown (# Title) or underlined in text.
func textTitle(title string, md bool) string {
	if md {
		return "# " + escapeMarkdown(title) + "\n\n"
	}
	return title + "\n" + strings.Repeat("=", min(72, max(3, len([]rune(title))))) + "\n\n"
}

func bold(s string, md bool) string {
	if md {
		return "**" + s + "**"
	}
	return s
}

// escapeMarkdown escapes the characters by which Markdown would read an
// article's text as markup (emphasis, links, HTML, headings, lists).
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
