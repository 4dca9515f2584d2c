package view

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

// LeanMark is the mark a loaded term carries where colour cannot show
// its lean (plain text, Markdown, a black-and-white print), by
// record.LeanLevel + 2: two signs for a strong lean, one for a weaker one.
var LeanMark = [...]string{"[−−]", "[−]", "[0]", "[+]", "[++]"}

// ANSILean is the terminal style of a loaded term, by record.LeanLevel + 2:
// strong leans bold on a red or blue background, weaker ones bold in red
// or blue, as the report colours them. End it with ANSIReset.
var ANSILean = [...]string{"\x1b[1;97;41m", "\x1b[1;31m", "\x1b[1m", "\x1b[1;34m", "\x1b[1;97;44m"}

// ANSIReset ends an ANSI style.
const ANSIReset = "\x1b[0m"

// FirstAxis is the axis a view shows a term's lean on: the first axis of
// lex, or, when lex is nil or has none, the record's first axis by id
// with only its id known. It is the zero Axis when neither has one.
func FirstAxis(r *record.Record, lex *lexicon.Lexicon) lexicon.Axis {
	if lex != nil && len(lex.Axes) > 0 {
		return lex.Axes[0]
	}
	if axes := slices.Sorted(maps.Keys(r.Stance)); len(axes) > 0 {
		return lexicon.Axis{ID: axes[0]}
	}
	return lexicon.Axis{}
}

// Toward says in plain words, from the axis definition, which way a
// lean of sign sign (< 0 or > 0) goes: "toward the vocabulary of Iranian
// and Syrian state media". An axis without the meaning of its ends
// (a record read without its lexicon) falls back on its label or id.
func Toward(ax lexicon.Axis, sign float64) string {
	end, side := ax.Positive, "positive"
	if sign < 0 {
		end, side = ax.Negative, "negative"
	}
	if end != "" {
		return "toward " + end
	}
	name := ax.Label
	if name == "" {
		name = ax.ID
	}
	return "toward the " + side + " end of " + name
}

// TermLean says in plain words how a term's contribution c leans on ax:
// "leans strongly toward the vocabulary of …", or "takes no side on …"
// for none.
func TermLean(ax lexicon.Axis, c float64) string {
	switch record.LeanLevel(c) {
	case -2, 2:
		return "leans strongly " + Toward(ax, c)
	case -1, 1:
		return "leans " + Toward(ax, c)
	}
	return "takes no side on this axis"
}

// Number writes x with two decimals and a true minus sign (−0.35, +0.90,
// 0.00), as read aloud in class.
func Number(x float64) string {
	s := fmt.Sprintf("%+.2f", x)
	if s == "+0.00" || s == "-0.00" {
		return "0.00"
	}
	return strings.Replace(s, "-", "−", 1)
}

// PlainStance says an article's stance on ax in plain words with its
// number kept: "Leans toward the vocabulary of their opponents (−0.35,
// from 23 naming choices)". It is what teacher-facing views write in
// place of "tehran-damascus -0.35 (n = 23)".
func PlainStance(ax lexicon.Axis, s record.AxisScore) string {
	if s.N == 0 {
		return "No naming choice on this axis in the outlet's own voice"
	}
	choices := fmt.Sprintf("from %d naming %s", s.N, english.Plural(s.N, "choice", "choices"))
	if s.Score == 0 {
		return "Balanced between the two vocabularies (0.00, " + choices + ")"
	}
	toward := Toward(ax, s.Score)
	if strings.HasSuffix(toward, ")") {
		// "… opponents (opposition, Western critics; −0.35, from …)"
		return "Leans " + strings.TrimSuffix(toward, ")") + "; " + Number(s.Score) + ", " + choices + ")"
	}
	return "Leans " + toward + " (" + Number(s.Score) + ", " + choices + ")"
}

// CanTell and CannotTell are what every teacher-facing view says about
// the reach of lexicon scoring, in one place.
var (
	CanTell = []string{
		"which words the article uses to name the actors it writes about, and where;",
		"whose vocabulary each loaded word belongs to, according to the lexicon;",
		"whether a word is the outlet's own, in a quote, or held at a distance (\"so-called\"): only the outlet's own words count toward its lean.",
	}
	CannotTell = []string{
		"whether the article is true, fair or complete;",
		"what the outlet chose to report or leave out, whom it quoted, or what its pictures show;",
		"irony, tone or context the lexicon does not list: a word it does not know is not marked.",
	}
)
