package dictionary

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/lexicon"
)

// ExportFormats lists the formats Export and WriteCSV write.
var ExportFormats = []string{"liwc", "quanteda", "csv"}

// Loss says what an export leaves out of a lexicon.
type Loss struct {
	// Format is the target format, as in ExportFormats.
	Format string
	// Entries counts the lexicon's entries; Fields, for each entry field
	// the format cannot hold, how many entries had something in it.
	Entries int
	Fields  []FieldLoss
	// Lexicon lists what is lost above the entries ("1 axis", "3 distance
	// cues"), in words.
	Lexicon []string
	// Terms are the surface forms left out, each with the reason.
	Terms []string
	// Problems are things in the lexicon the export could not interpret,
	// such as a "dictionary categories:" line naming an unknown target.
	Problems []string
}

// FieldLoss is one entry field an export drops.
type FieldLoss struct {
	Field   string
	Entries int
}

// Empty reports whether nothing is lost.
func (l *Loss) Empty() bool {
	return len(l.Fields) == 0 && len(l.Lexicon) == 0 && len(l.Terms) == 0 && len(l.Problems) == 0
}

// Messages returns the loss as sentences for standard error, such as
// "export to liwc drops from 172 of 180 entries: valence (120), notes (170)".
func (l *Loss) Messages() []string {
	var out []string
	if len(l.Fields) > 0 {
		parts := make([]string, len(l.Fields))
		for i, f := range l.Fields {
			parts[i] = fmt.Sprintf("%s (%d)", f.Field, f.Entries)
		}
		out = append(out, fmt.Sprintf("export to %s drops from the entries (%d in all): %s", l.Format, l.Entries, strings.Join(parts, ", ")))
	}
	if len(l.Lexicon) > 0 {
		out = append(out, fmt.Sprintf("export to %s drops %s", l.Format, english.List(l.Lexicon)))
	}
	if n := len(l.Terms); n > 0 {
		shown := l.Terms
		more := ""
		if n > 5 {
			shown = shown[:5]
			more = fmt.Sprintf("; and %d more", n-5)
		}
		out = append(out, fmt.Sprintf("export to %s leaves out %d %s it cannot express: %s%s", l.Format, n, english.Plural(n, "surface form", "surface forms"), strings.Join(shown, "; "), more))
	}
	for _, p := range l.Problems {
		out = append(out, fmt.Sprintf("export to %s: %s", l.Format, p))
	}
	return out
}

var liwcDescRE = regexp.MustCompile(`^LIWC category (\d+)(?:: (.*))?$`)

// categoryName is the name a target is exported under: its label when the
// label is the name its id was made from (as Import does), else its id.
func categoryName(t lexicon.Target) string {
	if t.Label != "" && safePath(strings.Split(t.Label, ".")) == t.ID {
		return t.Label
	}
	return t.ID
}

// noteCategories splits an entry's note into the target ids of its
// "dictionary categories:" line and the rest of the note.
func noteCategories(note string) (ids []string, rest string) {
	var keep []string
	for _, line := range strings.Split(note, "\n") {
		t := strings.TrimSpace(line)
		if len(t) >= len(markerPrefix) && strings.EqualFold(t[:len(markerPrefix)], markerPrefix) {
			for _, id := range strings.Split(t[len(markerPrefix):], ",") {
				if id = strings.TrimSpace(id); id != "" {
					ids = append(ids, id)
				}
			}
			continue
		}
		keep = append(keep, line)
	}
	return ids, strings.TrimSpace(strings.Join(keep, "\n"))
}

// Export turns a lexicon into a Dictionary for format "liwc" or
// "quanteda" (see the package comment), and says what is lost.
func Export(lex *lexicon.Lexicon, format string) (*Dictionary, *Loss) {
	d := &Dictionary{Format: format}
	loss := &Loss{Format: format, Entries: len(lex.Entries)}
	index := map[string]int{}
	labels, descs := 0, 0
	for i, t := range lex.Targets {
		name := categoryName(t)
		c := Category{Path: []string{name}}
		if format == "quanteda" {
			c.Path = strings.Split(name, ".")
		}
		if t.Label != "" && t.Label != name {
			labels++
		}
		if m := liwcDescRE.FindStringSubmatch(t.Description); m != nil && format == "liwc" {
			c.Number, _ = strconv.Atoi(m[1])
			c.Header = m[2]
		} else if t.Description != "" {
			descs++
		}
		index[t.ID] = i
		d.Categories = append(d.Categories, c)
	}
	if format == "liwc" {
		// Two targets whose numbers clash keep the first; the second, and
		// every target without a number, gets the next free one.
		seen := map[int]bool{}
		for i := range d.Categories {
			if n := d.Categories[i].Number; n > 0 {
				if seen[n] {
					d.Categories[i].Number = 0
				}
				seen[n] = true
			}
		}
		for i, n := range liwcNumbers(d.Categories) {
			d.Categories[i].Number = n
		}
	}

	fields := map[string]int{}
	for _, e := range lex.Entries {
		cats := []int{index[e.Target]}
		ids, rest := noteCategories(e.Note)
		for _, id := range ids {
			ci, ok := index[id]
			if !ok {
				loss.Problems = append(loss.Problems, fmt.Sprintf("entry %q (line %d): its note names category %q, which is not a target; ignored", e.ID, e.Line, id))
				continue
			}
			cats = append(cats, ci)
		}
		cats = sortedSet(cats)
		if e.Valence != 0 {
			fields["valence"]++
		}
		if len(e.Lean) > 0 {
			fields["lean"]++
		}
		if e.Category != "neutral" {
			fields["category"]++
		}
		if len(e.Neutral) > 0 {
			fields["neutral alternatives"]++
		}
		if rest != "" {
			fields["notes"]++
		}
		if len(e.Except) > 0 {
			fields["except phrases"]++
		}
		if e.ID != strings.Join(pick(targetIDs(lex), cats), "+") {
			fields["entry ids"]++
		}
		done := map[string]bool{}
		for _, t := range e.Terms {
			if done[t] {
				continue
			}
			done[t] = true
			if why := unexpressible(t, format); why != "" {
				loss.Terms = append(loss.Terms, fmt.Sprintf("%q of entry %q (%s)", t, e.ID, why))
				continue
			}
			d.Patterns = append(d.Patterns, Pattern{Text: t, Categories: cats, Line: e.Line})
		}
	}
	for _, f := range []string{"valence", "lean", "category", "neutral alternatives", "notes", "except phrases", "entry ids"} {
		if n := fields[f]; n > 0 {
			loss.Fields = append(loss.Fields, FieldLoss{Field: f, Entries: n})
		}
	}
	if labels > 0 {
		loss.Lexicon = append(loss.Lexicon, english.Count(labels, "target label", "target labels"))
	}
	if descs > 0 {
		loss.Lexicon = append(loss.Lexicon, english.Count(descs, "target description", "target descriptions"))
	}
	loss.Lexicon = append(loss.Lexicon, lexiconLevelLoss(lex, true)...)
	return d, loss
}

func targetIDs(lex *lexicon.Lexicon) []string {
	ids := make([]string, len(lex.Targets))
	for i, t := range lex.Targets {
		ids[i] = t.ID
	}
	return ids
}

// lexiconLevelLoss lists the axes and distance cues (and, for dictionary
// formats, the lexicon's own name and description) that an export drops.
func lexiconLevelLoss(lex *lexicon.Lexicon, metadata bool) []string {
	var out []string
	if n := len(lex.Axes); n > 0 {
		out = append(out, english.Count(n, "axis with its weights", "axes with their weights"))
	}
	if n := len(lex.DistanceCues); n > 0 {
		out = append(out, english.Count(n, "distance cue", "distance cues"))
	}
	if metadata {
		out = append(out, "the lexicon's name, version, description and sources")
	}
	return out
}

// unexpressible returns why a surface form cannot be written in format
// without changing what it matches, or "".
func unexpressible(term, format string) string {
	switch format {
	case "liwc":
		if i := strings.IndexByte(term, '*'); i >= 0 && i != len(term)-1 {
			return "LIWC globs only at the end of an entry"
		}
		if strings.ContainsAny(term, "()/<>") {
			return "LIWC reads ( ) / < > as conditional codes"
		}
	case "quanteda":
		if strings.ContainsRune(term, '?') {
			return "quanteda reads ? as a one-character glob"
		}
	}
	return ""
}

// Write writes lex in an export format (ExportFormats) and returns what
// the format could not hold.
func Write(w io.Writer, lex *lexicon.Lexicon, format string) (*Loss, error) {
	switch format {
	case "csv":
		return WriteCSV(w, lex)
	case "liwc":
		d, loss := Export(lex, format)
		return loss, WriteLIWC(w, d)
	case "quanteda":
		d, loss := Export(lex, format)
		return loss, WriteQuanteda(w, d)
	}
	return nil, fmt.Errorf("dictionary: unknown export format %q (want %s)", format, strings.Join(ExportFormats, ", "))
}
