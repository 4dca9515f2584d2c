package aggregate

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/rulefile"
)

// ErrNoRecords is what Collector.Result returns (errors.Is) when no
// record was kept.
var ErrNoRecords = errors.New("no score records to compare")

type noRecordsError struct{ msg string }

func (e noRecordsError) Error() string        { return e.msg }
func (e noRecordsError) Is(target error) bool { return target == ErrNoRecords }

// Selection keeps the score records of the lexicon a command asks for
// (--lexicon) and counts the others as left out. It is not safe for
// concurrent use.
type Selection struct {
	ref        string           // the lexicon asked for, "" for any
	name, hash string           // keep records of this name, or of this content when hash is set
	lex        *lexicon.Lexicon // the lexicon asked for, when it could be loaded
	skipped    map[string]int   // records left out, by lexicon
}

// NewSelection returns a Selection of the records scored with the lexicon
// ref: a file keeps the records of the same content (SHA-256), a name
// those of that name, "" every record. A file or a built-in lexicon is
// loaded (Lexicon).
func NewSelection(ref string) (*Selection, error) {
	s := &Selection{ref: ref, skipped: map[string]int{}}
	switch {
	case ref == "":
	case rulefile.IsFileRef(ref):
		lex, err := lexicon.LoadFile(ref)
		if err != nil {
			return nil, err
		}
		s.lex, s.hash = lex, lex.Hash
	default:
		s.name = ref
		if slices.Contains(lexicon.Builtin(), ref) {
			lex, err := lexicon.Load(ref)
			if err != nil {
				return nil, err
			}
			s.lex = lex
		}
	}
	return s, nil
}

// Lexicon is the lexicon asked for, when it is a file or a built-in one,
// and otherwise nil.
func (s *Selection) Lexicon() *lexicon.Lexicon { return s.lex }

// Keep reports whether r was scored with the lexicon asked for, counting
// it as left out when not.
func (s *Selection) Keep(r *record.Record) bool {
	if s.hash != "" && r.Lexicon.SHA256 != s.hash || s.name != "" && r.Lexicon.Name != s.name {
		s.skipped[fmt.Sprintf("%s %s (sha256 %.12s…)", r.Lexicon.Name, r.Lexicon.Version, r.Lexicon.SHA256)]++
		return false
	}
	return true
}

// Skipped lists the records left out, counted by lexicon ("2 records of
// name version (sha256 …)"), or is "" when none was.
func (s *Selection) Skipped() string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(s.skipped)) {
		parts = append(parts, fmt.Sprintf("%d records of %s", s.skipped[k], k))
	}
	return strings.Join(parts, ", ")
}

// Collector compares the records of one lexicon, from score files and
// from articles scored on the way, as `compare stats` and `compare report`
// do: it keeps the records scored with the lexicon asked for (Selection),
// and makes the Aggregator at the first record kept, when the records'
// lexicon is known and can supply labels. It is not safe for concurrent
// use.
type Collector struct {
	opt       Options
	sel       *Selection
	agg, base *Aggregator
	// dups and baseDups keep the first of records read twice, in the
	// batch and in the baseline (the same article may be in both).
	dups, baseDups record.Duplicates
}

// NewCollector returns a Collector of the records scored with the lexicon
// ref, as NewSelection takes it; "" keeps every record, and the first
// record's lexicon then sets what the others must match (see
// Aggregator.Add). A file or a built-in lexicon supplies labels unless
// opt.Lexicon does.
func NewCollector(opt Options, ref string) (*Collector, error) {
	sel, err := NewSelection(ref)
	if err != nil {
		return nil, err
	}
	c := &Collector{opt: opt, sel: sel}
	c.lexiconIfNone(sel.lex)
	return c, nil
}

// lexiconIfNone makes lex the one that supplies labels, unless one does.
func (c *Collector) lexiconIfNone(lex *lexicon.Lexicon) {
	if c.opt.Lexicon == nil {
		c.opt.Lexicon = lex
	}
}

// ScoredWith says that the records to come are scored with lex (the
// articles of a command line): lex supplies labels when no lexicon does
// yet.
func (c *Collector) ScoredWith(lex *lexicon.Lexicon) { c.lexiconIfNone(lex) }

// Add adds r when it was scored with the lexicon asked for, and reports
// whether it did. Its error is the Aggregator's (a *LexiconMismatchError).
func (c *Collector) Add(r *record.Record) (bool, error) {
	if !c.sel.Keep(r) {
		return false, nil
	}
	return c.add(r)
}

// AddRead is Add for a record read at line of the score file name: a
// record of an article already kept (the same outlet, id and lexicon,
// record.Duplicates) is left out instead, and counted (Duplicates, and
// the Comparison's Duplicates and notes).
func (c *Collector) AddRead(r *record.Record, name string, line int) (bool, error) {
	if !c.sel.Keep(r) || !c.dups.Keep(r, name, line) {
		return false, nil
	}
	return c.add(r)
}

func (c *Collector) add(r *record.Record) (bool, error) {
	if c.agg == nil {
		c.agg = c.newAggregator(r, c.opt)
	}
	if err := c.agg.Add(r); err != nil {
		return false, err
	}
	return true, nil
}

// AddBaseline adds r to the baseline the records are compared with
// (Aggregator.ResultAgainst; as a whole, without Options.Period) when it
// was scored with the lexicon asked for, and reports whether it did.
func (c *Collector) AddBaseline(r *record.Record) (bool, error) {
	if !c.sel.Keep(r) {
		return false, nil
	}
	return c.addBaseline(r)
}

// AddBaselineRead is AddBaseline for a record read at line of the score
// file name, leaving out the records of an article already in the
// baseline, as AddRead does.
func (c *Collector) AddBaselineRead(r *record.Record, name string, line int) (bool, error) {
	if !c.sel.Keep(r) || !c.baseDups.Keep(r, name, line) {
		return false, nil
	}
	return c.addBaseline(r)
}

func (c *Collector) addBaseline(r *record.Record) (bool, error) {
	if c.base == nil {
		o := c.opt
		o.Period = 0 // the baseline is compared as a whole
		c.base = c.newAggregator(r, o)
	}
	if err := c.base.Add(r); err != nil {
		return false, err
	}
	return true, nil
}

// Duplicates returns the records left out as copies of earlier ones
// (AddRead, AddBaselineRead), in the batch and in the baseline, in the
// order read: a command warns of them.
func (c *Collector) Duplicates() (batch, baseline []record.Duplicate) {
	return c.dups.Found, c.baseDups.Found
}

// HasBaseline reports whether a record was added to the baseline.
func (c *Collector) HasBaseline() bool { return c.base != nil }

// newAggregator makes an Aggregator at its first record r, when the
// records' lexicon is known and can supply labels.
func (c *Collector) newAggregator(r *record.Record, o Options) *Aggregator {
	if c.opt.Lexicon == nil {
		c.opt.Lexicon = BuiltinFor(r.Lexicon)
	}
	o.Lexicon = c.opt.Lexicon
	return New(o)
}

// Result returns the comparison of the records kept, against the baseline
// when one was added, noting the records left out (by lexicon, and as
// duplicates of the batch), and the lexicon they were scored with when it
// is known (loaded, given, or built in). With no record kept it returns an error that is ErrNoRecords and says what the
// input held; any other error is the baseline's (Aggregator.ResultAgainst).
func (c *Collector) Result() (*Comparison, *lexicon.Lexicon, error) {
	if c.agg == nil {
		if c.sel.Skipped() != "" {
			return nil, nil, noRecordsError{fmt.Sprintf("no record was scored with lexicon %s; the input holds %s", c.sel.ref, c.sel.Skipped())}
		}
		return nil, nil, noRecordsError{ErrNoRecords.Error()}
	}
	cmp, err := c.agg.ResultAgainst(c.base)
	if err != nil {
		return nil, nil, err
	}
	if c.sel.Skipped() != "" {
		cmp.Notes = append(cmp.Notes, fmt.Sprintf("Left out, as --lexicon %s asked: %s.", c.sel.ref, c.sel.Skipped()))
	}
	if found := c.dups.Found; len(found) > 0 {
		cmp.AddDuplicates(len(found), found[0].Again.String(), found[0].First.String())
	}
	return cmp, c.opt.Lexicon, nil
}

// BuiltinFor returns the built-in lexicon of ref, the lexicon of a
// record, or nil when there is none with that name and content.
func BuiltinFor(ref record.LexiconRef) *lexicon.Lexicon {
	if !slices.Contains(lexicon.Builtin(), ref.Name) {
		return nil
	}
	lex, err := lexicon.Load(ref.Name)
	if err != nil || lex.Hash != ref.SHA256 {
		return nil
	}
	return lex
}
