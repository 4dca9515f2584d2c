package validate

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

// Collector gathers score records into the Input of Measure, one record
// at a time: each record becomes an Article labelled by a Labeller, and
// the entries come from the lexicon the records were scored with, so that
// entries no article uses are diagnosed too. The zero value is not
// usable; call NewCollector.
type Collector struct {
	lab      Labeller
	lex      *lexicon.Lexicon
	ref      record.LexiconRef
	n        int
	articles []Article
	// leans holds what the matches say of each entry's contribution,
	// for records scored with a lexicon the collector does not have.
	leans map[string]map[string]float64
}

// NewCollector returns a Collector labelling records with lab. lex is the
// lexicon the records were scored with, or nil when it is not at hand:
// the entries are then those the records' matches name, with the
// contribution each match records, and entries that never match are
// missing from the diagnostics (Input says so in EntriesFromMatches).
func NewCollector(lab Labeller, lex *lexicon.Lexicon) *Collector {
	return &Collector{lab: lab, lex: lex, leans: map[string]map[string]float64{}}
}

// Add adds one score record. Records must share one lexicon (name and
// SHA-256), and match the collector's lexicon when it has one: scores of
// two lexicons do not mean the same thing.
func (c *Collector) Add(r *record.Record) error {
	if c.n == 0 {
		c.ref = r.Lexicon
		if c.lex != nil && (c.lex.Name != r.Lexicon.Name || c.lex.Hash != r.Lexicon.SHA256) {
			return fmt.Errorf("record %q was scored with lexicon %s %s (sha256 %.12s…), not with %s %s (sha256 %.12s…)",
				r.ID, r.Lexicon.Name, r.Lexicon.Version, r.Lexicon.SHA256, c.lex.Name, c.lex.Version, c.lex.Hash)
		}
	} else if r.Lexicon.Name != c.ref.Name || r.Lexicon.SHA256 != c.ref.SHA256 {
		return fmt.Errorf("record %q was scored with lexicon %s %s (sha256 %.12s…), the first with %s %s (sha256 %.12s…): validate one lexicon at a time",
			r.ID, r.Lexicon.Name, r.Lexicon.Version, r.Lexicon.SHA256, c.ref.Name, c.ref.Version, c.ref.SHA256)
	}
	c.n++
	a := ArticleOf(r, c.lab)
	if c.lex == nil {
		// Kept in case SetLexicon never comes: a few maps per entry.
		for _, m := range r.Matches {
			if _, ok := c.leans[m.Entry]; !ok {
				c.leans[m.Entry] = maps.Clone(m.Contrib)
			}
		}
	}
	c.articles = append(c.articles, a)
	return nil
}

// ArticleOf returns the validation Article of a score record: its id and
// outlet, its label by lab, its stance on each axis, and the uses of each
// entry in the voice its stance counts (record.CountsInStance) and in the
// one it falls back on (record.CountsAsFallback).
func ArticleOf(r *record.Record, lab Labeller) Article {
	a := Article{
		ID: r.ID, Outlet: r.Outlet,
		Label:  lab.Label(Ref{ID: r.ID, Outlet: r.Outlet, Group: r.Group, Meta: r.Meta}),
		Stance: make(map[string]Stance, len(r.Stance)),
	}
	for axis, s := range r.Stance {
		a.Stance[axis] = Stance{Score: s.Score, N: s.N, FromReported: s.FromReported}
	}
	for _, m := range r.Matches {
		var uses *map[string]int
		switch {
		case record.CountsInStance(m.Voice):
			uses = &a.Uses
		case record.CountsAsFallback(m.Voice):
			uses = &a.ReportedUses
		default:
			continue
		}
		if *uses == nil {
			*uses = map[string]int{}
		}
		(*uses)[m.Entry]++
	}
	return a
}

// SetLexicon gives the collector the lexicon the records were scored
// with, when it was not known at NewCollector (it becomes known with the
// first record). It returns an error, and changes nothing, when lex is not
// that lexicon (by name and SHA-256).
func (c *Collector) SetLexicon(lex *lexicon.Lexicon) error {
	if c.n > 0 && (lex.Name != c.ref.Name || lex.Hash != c.ref.SHA256) {
		return fmt.Errorf("the records were scored with lexicon %s %s (sha256 %.12s…), not with %s %s (sha256 %.12s…)",
			c.ref.Name, c.ref.Version, c.ref.SHA256, lex.Name, lex.Version, lex.Hash)
	}
	c.lex = lex
	return nil
}

// Records returns the number of records added.
func (c *Collector) Records() int { return c.n }

// Lexicon returns the lexicon of the records added (that of the first).
func (c *Collector) Lexicon() record.LexiconRef { return c.ref }

// Input returns the articles added, in the order added, with the entries
// of the lexicon (every entry, in the lexicon's order) or, without one,
// the entries the matches name (sorted by id), and the lexicon's axes in
// its order (without one: nil, every axis found, sorted).
func (c *Collector) Input() Input {
	in := Input{Articles: c.articles}
	if c.lex != nil {
		for _, ax := range c.lex.Axes {
			in.Axes = append(in.Axes, ax.ID)
		}
		in.Entries = EntriesOf(c.lex)
		return in
	}
	in.EntriesFromMatches = true
	for _, id := range slices.Sorted(maps.Keys(c.leans)) {
		in.Entries = append(in.Entries, Entry{ID: id, Lean: c.leans[id]})
	}
	return in
}

// EntriesOf returns the entries of lex with their contribution to each
// axis (lexicon.Contrib), in the lexicon's order.
func EntriesOf(lex *lexicon.Lexicon) []Entry {
	entries := make([]Entry, len(lex.Entries))
	for i := range lex.Entries {
		entries[i] = Entry{ID: lex.Entries[i].ID, Lean: lex.Contrib(&lex.Entries[i])}
	}
	return entries
}

// Plan says what Validate measures.
type Plan struct {
	// Options are those of every Measure; Options.Order makes labels
	// ordinal, and is checked against the labels present (CheckOrder).
	Options
	// Labels says where the labels came from, for the output.
	Labels string
	// TrainOutlets are the outlets the lexicon was fitted on, TestOutlets
	// those to measure; when either is set, only the test outlets (all
	// outlets, without TestOutlets) that are not training outlets are
	// measured (HoldOut).
	TrainOutlets, TestOutlets []string
	// Folds, when 2 or more, adds a CrossCheck of pruning entries with that
	// many folds by outlet, drawn with Options.Seed.
	Folds int
}

// Validate measures the records added as plan says. It returns an error
// when there is nothing to measure, when the order does not fit the
// labels, or when Measure fails.
func (c *Collector) Validate(plan Plan) (*Validation, error) {
	if c.n == 0 {
		return nil, errors.New("no score records to validate")
	}
	in := c.Input()
	v := &Validation{Schema: ValidationSchema, Lexicon: c.ref, Labels: plan.Labels}
	if plan.TrainOutlets != nil || plan.TestOutlets != nil {
		var err error
		if in, v.HeldOut, err = HoldOut(in, plan.TrainOutlets, plan.TestOutlets); err != nil {
			return nil, err
		}
	}
	if plan.Order != nil {
		var present []string
		for _, a := range in.Articles {
			if a.Label != "" {
				present = append(present, a.Label)
			}
		}
		if len(present) > 0 {
			if err := CheckOrder(plan.Order, present); err != nil {
				return nil, err
			}
		}
	}
	var err error
	if v.Result, err = Measure(in, plan.Options); err != nil {
		return nil, err
	}
	if plan.Folds >= 2 {
		if v.CrossCheck, err = CrossCheckPruning(in, plan.Folds, plan.Seed, plan.Options); err != nil {
			return nil, fmt.Errorf("cross-check: %w", err)
		}
	}
	return v, nil
}

// ParseOutletList reads a list of outlet names, one a line; blank lines
// and lines starting with # are skipped, white space around a name is
// trimmed. file names the list in errors. An empty list is an error.
func ParseOutletList(file string, data []byte) ([]string, error) {
	var names []string
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		names = append(names, line)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no outlet names (one a line)", file)
	}
	return names, nil
}
