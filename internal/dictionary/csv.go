package dictionary

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/rulefile"
)

// WriteCSV writes one row per surface form: entry, term, target, valence,
// category, a lean_AXIS column per axis (empty where the entry has no lean
// on it), neutral alternatives and except phrases joined by "; ", note, and
// the entry's line. It returns what the table leaves out: everything above
// the entries.
func WriteCSV(w io.Writer, lex *lexicon.Lexicon) (*Loss, error) {
	cw := csv.NewWriter(w)
	header := []string{"entry", "term", "target", "valence", "category"}
	for _, a := range lex.Axes {
		header = append(header, "lean_"+a.ID)
	}
	header = append(header, "neutral", "except", "note", "line")
	if err := cw.Write(header); err != nil {
		return nil, err
	}
	for _, e := range lex.Entries {
		for _, t := range e.Terms {
			row := []string{e.ID, t, e.Target, rulefile.YAMLNumber(e.Valence), e.Category}
			for _, a := range lex.Axes {
				v, ok := e.Lean[a.ID]
				if ok {
					row = append(row, rulefile.YAMLNumber(v))
				} else {
					row = append(row, "")
				}
			}
			row = append(row, strings.Join(e.Neutral, "; "), strings.Join(e.Except, "; "), strings.TrimSpace(e.Note), strconv.Itoa(e.Line))
			if err := cw.Write(row); err != nil {
				return nil, err
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return nil, err
	}
	loss := &Loss{Format: "csv", Entries: len(lex.Entries)}
	if n := len(lex.Targets); n > 0 {
		loss.Lexicon = append(loss.Lexicon, english.Count(n, "target's label and description", "targets' labels and descriptions"))
	}
	loss.Lexicon = append(loss.Lexicon, lexiconLevelLoss(lex, true)...)
	return loss, nil
}
