package record

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/compare-tool/compare/internal/lexicon"
)

// lintWriter writes one line per loaded match, in the shape editors and CI
// annotate (Vale, alex, compilers):
//
//	draft.md:7:14: "mullahs’ regime" (loaded, the vocabulary of their opponents (opposition, Western critics)): neutral "Iranian government" or "Iran's leadership"
//
// The location is the record's source and the match's line and column in
// that file (TextLine counts front matter). For a file of many articles
// (JSON Lines, CSV), whose source is "file:record-line", line and column
// are within the article text. The words in parentheses are the lean,
// taken from the lexicon's axis definitions (its negative or positive
// side), or, for an entry that bears on no axis, whether it is hostile or
// favourable to its target. Quoted and distanced uses say so; neutral
// matches are not written.
type lintWriter struct {
	bw      *bufio.Writer
	lexicon map[string]*lintLexicon // by sha256
}

// lintLexicon holds what lint lines say of one lexicon's entries.
type lintLexicon struct {
	lex     *lexicon.Lexicon
	entries map[string]*lexicon.Entry
}

func newLintWriter(bw *bufio.Writer, lexicons []*lexicon.Lexicon) *lintWriter {
	w := &lintWriter{bw: bw, lexicon: map[string]*lintLexicon{}}
	for _, lex := range lexicons {
		ll := &lintLexicon{lex: lex, entries: map[string]*lexicon.Entry{}}
		for i := range lex.Entries {
			ll.entries[lex.Entries[i].ID] = &lex.Entries[i]
		}
		w.lexicon[lex.Hash] = ll
	}
	return w
}

func (w *lintWriter) Write(r *Record) error {
	ll := w.lexicon[r.Lexicon.SHA256]
	if ll == nil {
		return fmt.Errorf("record %s: lint lines need lexicon %s (sha256 %.12s…), which is not loaded", r.ID, r.Lexicon.Name, r.Lexicon.SHA256)
	}
	src := OneLine(r.Source)
	if src == "" {
		src = OneLine(r.ID)
	}
	for _, m := range r.Matches {
		if !m.Loaded {
			continue
		}
		fmt.Fprintf(w.bw, "%s:%d:%d: %s (loaded, %s)%s\n", src, r.FileLine(&m), m.Col, strconv.Quote(OneLine(m.Text)), ll.lean(&m), ll.neutral(m.Entry))
	}
	return nil
}

// lean says in words which way match m leans, and in whose voice it is
// when that is not the author's.
func (ll *lintLexicon) lean(m *MatchRecord) string {
	var sides []string
	for _, ax := range ll.lex.Axes {
		c := m.Contrib[ax.ID]
		side := ax.Positive
		if c < 0 {
			side = ax.Negative
		}
		switch {
		case c == 0:
			continue
		case strings.TrimSpace(side) == "":
			side = fmt.Sprintf("%s %+g", ax.ID, c)
		}
		sides = append(sides, side)
	}
	if len(sides) == 0 {
		label := m.Target
		if t := ll.lex.Target(m.Target); t != nil && t.Label != "" {
			label = t.Label
		}
		word := "favourable to "
		if m.Valence < 0 {
			word = "hostile to "
		}
		sides = append(sides, word+label)
	}
	s := strings.Join(sides, "; ")
	switch m.Voice {
	case Quote:
		s += "; in a quotation"
	case Distanced:
		if m.Cue != "" {
			s += "; distanced by " + strconv.Quote(OneLine(m.Cue))
		} else {
			s += "; in scare quotes"
		}
	case Reported:
		s += "; in reported speech"
	}
	return s
}

// neutral lists the entry's neutral alternatives, or says there are none.
func (ll *lintLexicon) neutral(entry string) string {
	e := ll.entries[entry]
	if e == nil || len(e.Neutral) == 0 {
		return ": the lexicon gives no neutral alternative"
	}
	q := make([]string, len(e.Neutral))
	for i, n := range e.Neutral {
		q[i] = strconv.Quote(n)
	}
	return ": neutral " + strings.Join(q, " or ")
}

func (w *lintWriter) Close() error { return w.bw.Flush() }
