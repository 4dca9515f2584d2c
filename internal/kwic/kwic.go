// Package kwic lists every lexicon match of scored articles in its
// context (keyword in context, as quanteda's kwic): the words before it,
// the matched text, the words after it, with the outlet, voice, entry,
// target, valence, lean and offsets the score record gives it. The lines
// are read from the records' matches, so they show exactly what the score
// counted: same voice, same entry, same offsets.
package kwic

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/token"
)

// DefaultWindow is how many words of context each side of a match gets by
// default (quanteda's kwic uses 5 too).
const DefaultWindow = 5

// Filter selects matches. Empty fields select everything; set ones must
// all hold.
type Filter struct {
	// Entry and Target select matches of one lexicon entry or target id.
	Entry, Target string
	// Term selects matches whose text folds, as the tokenizer folds words
	// for matching (case, apostrophes, hyphens, a possessive 's), to the
	// same words as Term: "regime" finds "Regime" and "regime's", not
	// "regimes" (a glob entry's other words are other terms).
	Term string
	// Voice selects one voice: author, quote, distanced or reported.
	Voice record.Voice
}

// Line is one match in context.
type Line struct {
	ID      string `json:"id"`
	Outlet  string `json:"outlet"`
	Group   string `json:"group,omitempty"`
	Date    string `json:"date,omitempty"`
	Source  string `json:"source,omitempty"`
	Lexicon string `json:"lexicon"`
	// Line and Col locate the match in the source file (line counted past
	// front matter, see record.Record.FileLine); Start and End are byte
	// offsets into the article text.
	Line  int `json:"line"`
	Col   int `json:"col"`
	Start int `json:"start"`
	End   int `json:"end"`
	// Pre and Post are up to Window words of context, white space
	// collapsed to single spaces; Keyword is the matched text as written.
	Pre     string `json:"pre"`
	Keyword string `json:"keyword"`
	Post    string `json:"post"`
	// The match as the score record gives it.
	Voice    record.Voice       `json:"voice"`
	Entry    string             `json:"entry"`
	Target   string             `json:"target"`
	Valence  float64            `json:"valence"`
	Category string             `json:"category"`
	Loaded   bool               `json:"loaded"`
	Lean     map[string]float64 `json:"lean,omitempty"`
	Cue      string             `json:"cue,omitempty"`
}

// Finder turns records into lines. It reuses a tokenizer and is not safe
// for concurrent use.
type Finder struct {
	filter Filter
	term   string // Filter.Term folded
	window int
	tz     token.Tokenizer
}

// NewFinder returns a Finder for the matches f selects, with window words
// of context each side (0 gives none; a negative window means
// DefaultWindow).
func NewFinder(f Filter, window int) *Finder {
	if window < 0 {
		window = DefaultWindow
	}
	return &Finder{filter: f, term: token.Fold(f.Term), window: window}
}

// Lines returns the lines of r's selected matches in text order. The
// record must carry its text: records written with --no-text have none,
// and Lines returns an error naming the record.
func (fd *Finder) Lines(r *record.Record) ([]Line, error) {
	var out []Line
	var ts *token.Tokens
	for i := range r.Matches {
		m := &r.Matches[i]
		if !fd.selects(m) {
			continue
		}
		if ts == nil {
			if r.Text == "" {
				return nil, fmt.Errorf("record %s has no text (scored with --no-text?): key words in context need it", r.ID)
			}
			ts = fd.tz.Tokenize(r.Text)
		}
		pre, post := context(ts, m.Start, m.End, fd.window)
		out = append(out, Line{
			ID: r.ID, Outlet: r.Outlet, Group: r.Group, Date: r.Date, Source: r.Source, Lexicon: r.Lexicon.Name,
			Line: r.FileLine(m), Col: m.Col, Start: m.Start, End: m.End,
			Pre: pre, Keyword: m.Text, Post: post,
			Voice: m.Voice, Entry: m.Entry, Target: m.Target, Valence: m.Valence, Category: m.Category,
			Loaded: m.Loaded, Lean: m.Contrib, Cue: m.Cue,
		})
	}
	return out, nil
}

func (fd *Finder) selects(m *record.MatchRecord) bool {
	f := fd.filter
	return (f.Entry == "" || m.Entry == f.Entry) &&
		(f.Target == "" || m.Target == f.Target) &&
		(f.Voice == "" || m.Voice == f.Voice) &&
		(fd.term == "" || token.Fold(m.Text) == fd.term)
}

// context returns the window words before start and after end, from the
// first word's start to the last word's end.
func context(ts *token.Tokens, start, end, window int) (pre, post string) {
	text := ts.Text
	first := sort.Search(len(ts.List), func(i int) bool { return ts.List[i].Start >= start })
	if from := first - window; window > 0 && first > 0 {
		pre = text[ts.List[max(from, 0)].Start:start]
	}
	after := sort.Search(len(ts.List), func(i int) bool { return ts.List[i].Start >= end })
	if to := after + window - 1; window > 0 && after < len(ts.List) {
		post = text[end:ts.List[min(to, len(ts.List)-1)].End]
	}
	return oneSpace(pre), oneSpace(post)
}

// oneSpace collapses runs of white space and control characters to one
// space and trims the ends, so that a line of context is one line.
func oneSpace(s string) string {
	return strings.Join(strings.Fields(record.OneLine(s)), " ")
}

// Sorts lists the orders of SortLines.
var Sorts = []string{"input", "outlet", "entry"}

// SortLines orders lines by "outlet" or "entry" (then in input order);
// "input" leaves them as they are.
func SortLines(lines []Line, by string) {
	switch by {
	case "outlet":
		slices.SortStableFunc(lines, func(a, b Line) int { return cmp.Compare(a.Outlet, b.Outlet) })
	case "entry":
		slices.SortStableFunc(lines, func(a, b Line) int { return cmp.Compare(a.Entry, b.Entry) })
	}
}
