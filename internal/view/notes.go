package view

import (
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

// Note is one numbered note of a handout: a loaded term in one voice,
// with what a class needs to discuss it.
type Note struct {
	// Number counts from 1 in the order of the terms' first use.
	Number int
	// Match is the term's first mark; its Text is the words as written.
	Match *record.MatchRecord
	// Count is how many marks the term has in this voice.
	Count int
	// Target is the target's label (its id without the lexicon).
	Target string
	// Level is record.LeanLevel of the term's contribution to the axis
	// the notes were made for; Lean says it in plain words (TermLean).
	Level int
	Lean  string
	// Neutral are the lexicon's neutral alternatives and Teaching its
	// note; both empty without the lexicon.
	Neutral  []string
	Teaching string
}

// Notes are the numbered notes of one article's loaded terms.
type Notes struct {
	Items []Note
	index map[string]int
}

func noteKey(m *record.MatchRecord) string { return m.Entry + "\x00" + string(m.Voice) }

// MakeNotes numbers the loaded terms among marks (the Legend, in order
// of first use) and adds, from lex (which may be nil), the target's
// label, the neutral alternatives and the teaching note, and the lean on
// ax in plain words.
func MakeNotes(marks []*record.MatchRecord, lex *lexicon.Lexicon, ax lexicon.Axis) *Notes {
	ns := &Notes{index: map[string]int{}}
	for i, it := range Legend(marks) {
		m := it.Match
		n := Note{Number: i + 1, Match: m, Count: it.Count, Target: m.Target,
			Level: record.LeanLevel(m.Contrib[ax.ID]), Lean: TermLean(ax, m.Contrib[ax.ID])}
		if lex != nil {
			if t := lex.Target(m.Target); t != nil && t.Label != "" {
				n.Target = t.Label
			}
			if e := lex.Entry(m.Entry); e != nil {
				n.Neutral, n.Teaching = e.Neutral, e.Note
			}
		}
		ns.index[noteKey(m)] = len(ns.Items)
		ns.Items = append(ns.Items, n)
	}
	return ns
}

// Of returns the note of mark m, or nil when m is not a loaded term.
func (ns *Notes) Of(m *record.MatchRecord) *Note {
	if !m.Loaded {
		return nil
	}
	i, ok := ns.index[noteKey(m)]
	if !ok {
		return nil
	}
	return &ns.Items[i]
}
