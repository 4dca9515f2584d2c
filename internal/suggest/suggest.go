// Package suggest finds words and phrases that distinguish outlets (or
// groups) and that the lexicons do not match yet, and writes the best as
// lexicon entries to fill in: `compare lexicon suggest`. It counts and
// ranks them with package ngram (ngram.Candidates: no phrase starting or
// ending with a stopword, none over a name boundary) and leaves out the
// text the lexicons already match.
//
// With Options.Lean it suggests entries with a lean instead (lean.go):
// phrases ranked between the label groups at the two ends of an ordinal
// order, learned on training outlets only (Training), with guards against
// one outlet's habit and the evidence for a person to judge each.
package suggest

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/ngram"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/rulefile"
	"github.com/compare-tool/compare/internal/token"
)

// Defaults of Options, used when a field is zero.
const (
	DefaultTop        = 10
	DefaultMinCount   = 3
	DefaultContexts   = 3
	DefaultTextBudget = 256 << 20
	DefaultCap        = 2_000_000
)

// Options configure a Suggester. Zero fields take the defaults.
type Options struct {
	// By is "outlet" (the default) or "group": what is compared.
	By string
	// Top is how many suggestions to make for each outlet or group.
	Top int
	// MinCount is the fewest uses a phrase needs in the outlet or group.
	MinCount int
	// Contexts is how many keyword-in-context lines to show a suggestion.
	Contexts int
	// TextBudget caps the bytes of article text kept for those lines;
	// articles past it are counted but give no lines.
	TextBudget int64
	// Cap caps the distinct (unit, phrase) counts kept in memory; past it
	// the rarest are dropped (and the result says so), so counts of rare
	// phrases become lower bounds.
	Cap int
	// Lean, when not nil, makes the suggestions entries with a lean,
	// learned between labelled groups of training outlets (see Lean); By
	// is then ignored.
	Lean *Lean
}

func (o Options) withDefaults() Options {
	if o.By == "" {
		o.By = "outlet"
	}
	if o.Top <= 0 {
		o.Top = DefaultTop
	}
	if o.MinCount <= 0 {
		o.MinCount = DefaultMinCount
	}
	if o.Contexts <= 0 {
		o.Contexts = DefaultContexts
	}
	if o.TextBudget <= 0 {
		o.TextBudget = DefaultTextBudget
	}
	if o.Cap <= 0 {
		o.Cap = DefaultCap
	}
	if o.Lean != nil {
		l := o.Lean.withDefaults()
		o.Lean = &l
	}
	return o
}

// Suggester finds words and phrases that distinguish outlets (or groups)
// and that the lexicons do not match yet. Add each article, then call
// Result. It is not safe for concurrent use.
type Suggester struct {
	opt   Options
	tz    token.Tokenizer
	cover *lexicon.Cover

	unitIndex map[string]int
	units     []string
	articles  []int
	// counts counts the phrases that could be entries (ngram.Candidates)
	// and that the lexicons do not match.
	counts *ngram.Table

	texts     []keptText
	textBytes int64
	unkept    int

	// lean holds the label groups' counts when Options.Lean is set.
	lean *leanCounts
}

type keptText struct {
	unit    int
	text    string
	dropped []corpus.Span
	// side is the label group of the text with Options.Lean (sideNeg,
	// sidePos, sideMiddle).
	side int
}

// New returns a Suggester that leaves out text the matchers match.
func New(matchers []*lexicon.Matcher, opt Options) *Suggester {
	opt = opt.withDefaults()
	s := &Suggester{
		opt:       opt,
		cover:     lexicon.NewCover(matchers),
		unitIndex: map[string]int{},
		counts:    ngram.NewTable(ngram.Candidates, opt.Cap).PruneBetweenTexts(),
	}
	if opt.Lean != nil {
		s.lean = newLeanCounts(opt.Cap)
	}
	return s
}

// Add counts the words and phrases of one article. With Options.Lean, an
// article of an outlet that is not a training outlet is counted as held
// out and its text is not read; an article whose label is not in the
// order is counted as unlabelled and not read either.
func (s *Suggester) Add(a *corpus.Article) {
	if s.lean != nil {
		s.addLabelled(a)
		return
	}
	u := s.unit(record.Unit(a.Outlet, a.Group, s.opt.By))
	s.keep(a, u, 0)
	s.counts.Count(u, s.scan(a.Text, a.Dropped), s.cover.Covered)
}

// unit returns the index of a unit, adding it the first time, and counts
// one article of it.
func (s *Suggester) unit(name string) int {
	u, ok := s.unitIndex[name]
	if !ok {
		u = len(s.units)
		s.unitIndex[name] = u
		s.units = append(s.units, name)
		s.articles = append(s.articles, 0)
	}
	s.articles[u]++
	return u
}

// keep keeps an article's text for the context lines, within the budget.
func (s *Suggester) keep(a *corpus.Article, unit, side int) {
	if s.textBytes+int64(len(a.Text)) <= s.opt.TextBudget {
		s.texts = append(s.texts, keptText{unit: unit, text: a.Text, dropped: a.Dropped, side: side})
		s.textBytes += int64(len(a.Text))
	} else {
		s.unkept++
	}
}

// scan tokenizes a text as the scorer does, drops its debris and marks
// what the lexicons match (s.cover).
func (s *Suggester) scan(text string, dropped []corpus.Span) *token.Tokens {
	ts := s.tz.Tokenize(text)
	token.Drop(ts, dropped)
	s.cover.Scan(ts)
	return ts
}

// Suggestions are the result of a Suggester.
type Suggestions struct {
	By       string
	Articles int
	// Top and MinCount are the options the suggestions were made with.
	Top, MinCount int
	Units         []UnitSuggestions
	// Notes say what limited the result (pruned counts, texts not kept).
	Notes []string
	// Held says what suggestions with a lean were learned from; nil
	// without Options.Lean.
	Held *HeldOut
}

// UnitSuggestions are the suggestions for one outlet or group.
type UnitSuggestions struct {
	Unit     string
	Articles int
	Terms    []Suggestion
	// With Options.Lean: the label group's lean (-1 or +1), its outlets,
	// and the suggestions refused by the guards against one outlet's
	// habit (Suggestion.Lean.Refused says why).
	Lean    int
	Outlets int
	Refused []Suggestion
}

// Suggestion is one word or phrase to consider as a lexicon entry.
type Suggestion struct {
	// Phrase is the folded words; Surface the form most often written.
	Phrase, Surface string
	// Z is the log-odds z-score against all other units, Delta the
	// log-odds ratio.
	Z, Delta float64
	// Count is the uses in this unit, Others in all other units.
	Count, Others int
	// ByUnit lists the uses in every unit, this one first, then by count.
	ByUnit []UnitCount
	// Contexts are keyword-in-context lines: "… left [term] right …".
	Contexts []string
	// Also names the earlier unit that has the same phrase among its
	// suggestions, "" if none.
	Also string
	// Lean is the evidence for a lean, with Options.Lean; nil otherwise.
	Lean *LeanEvidence
}

// UnitCount is a phrase's uses in one unit.
type UnitCount struct {
	Unit  string
	Count int
}

// ErrOneUnit is returned by Result when there is nothing to compare.
var ErrOneUnit = errors.New("suggestions compare each outlet or group with the others, and the input has only one")

// Result ranks each unit's words and phrases against all other units
// (ngram.Counts.Rank): a unit's suggestions are its Top phrases of highest
// z, with z ≥ ngram.MinZ and at least MinCount uses, after leaving out a
// phrase that only occurs inside a longer suggested one. Units are in
// order of first appearance.
func (s *Suggester) Result() (*Suggestions, error) {
	res := &Suggestions{By: s.opt.By, Top: s.opt.Top, MinCount: s.opt.MinCount}
	for _, n := range s.articles {
		res.Articles += n
	}
	if s.lean != nil {
		return s.leanResult(res)
	}
	if len(s.units) < 2 {
		return nil, ErrOneUnit
	}
	counts := ngram.Merge(s.counts)
	firstFor := map[string]string{}
	for u := range s.units {
		us := UnitSuggestions{Unit: s.units[u], Articles: s.articles[u]}
		for _, r := range counts.Rank(u, ngram.RankOptions{Top: s.opt.Top, MinCount: s.opt.MinCount}) {
			sg := Suggestion{Phrase: r.Phrase, Z: r.Z, Delta: r.Delta, Count: r.Count, Others: r.Others,
				ByUnit: s.byUnit(u, counts.Uses(r))}
			if prev, ok := firstFor[sg.Phrase]; ok {
				sg.Also = prev
			} else {
				firstFor[sg.Phrase] = s.units[u]
			}
			us.Terms = append(us.Terms, sg)
		}
		res.Units = append(res.Units, us)
	}
	s.contexts(res.Units, func(kt keptText) int { return kt.unit }, false)
	res.Notes = s.notes(res.Notes, counts, res.Articles)
	return res, nil
}

// notes adds the notes on what limited the result: pruned counts, texts
// not kept.
func (s *Suggester) notes(notes []string, counts *ngram.Counts, articles int) []string {
	if counts.Prunes > 0 {
		notes = append(notes, fmt.Sprintf("The word and phrase counts reached their cap of %d and the rarest were dropped %s (counts up to %d), so counts of rare phrases are lower bounds; raise the cap for exact counts.",
			s.opt.Cap, english.Times(counts.Prunes), counts.Floor))
	}
	if s.unkept > 0 {
		notes = append(notes, fmt.Sprintf("%d of %d articles were counted but not kept for the context lines (text budget %d MB).",
			s.unkept, articles, s.opt.TextBudget>>20))
	}
	return notes
}

// byUnit lists a phrase's uses: unit u first, then the others by count
// (ties by name).
func (s *Suggester) byUnit(u int, counts []int) []UnitCount {
	out := []UnitCount{{s.units[u], counts[u]}}
	var others []UnitCount
	for u2, c := range counts {
		if u2 != u {
			others = append(others, UnitCount{s.units[u2], c})
		}
	}
	slices.SortFunc(others, byCount)
	return append(out, others...)
}

// byCount orders unit counts most first, ties by unit name.
func byCount(x, y UnitCount) int {
	return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Unit, y.Unit))
}

// contexts finds, in the kept texts, keyword-in-context lines and the most
// common written form of every suggestion of units (Terms and Refused).
// textUnit gives the index in units whose suggestions a kept text may
// show, -1 for none. With byOutlet, each suggestion shows at most one line
// per outlet, each prefixed with the outlet's name, so that the lines show
// how widely it is used.
func (s *Suggester) contexts(units []UnitSuggestions, textUnit func(keptText) int, byOutlet bool) {
	type want struct {
		words    []string
		sg       *Suggestion
		surfaces map[string]int
		lastText int
		outlets  map[int]bool
	}
	// wants[unit][first word] → the suggestions starting with it.
	wants := make([]map[string][]*want, len(units))
	var all []*want
	for u := range units {
		wants[u] = map[string][]*want{}
		for _, list := range [][]Suggestion{units[u].Terms, units[u].Refused} {
			for i := range list {
				sg := &list[i]
				wd := &want{words: strings.Split(sg.Phrase, " "), sg: sg, surfaces: map[string]int{}, lastText: -1, outlets: map[int]bool{}}
				wants[u][wd.words[0]] = append(wants[u][wd.words[0]], wd)
				all = append(all, wd)
			}
		}
	}
	for ti, kt := range s.texts {
		u := textUnit(kt)
		if u < 0 || len(wants[u]) == 0 {
			continue
		}
		ws := wants[u]
		ts := s.scan(kt.text, kt.dropped)
		for i := range ts.List {
			for _, wd := range ws[string(ts.Norm(i))] {
				end := i + len(wd.words) - 1
				if end >= ts.Len() {
					continue
				}
				ok := true
				for j := 1; j < len(wd.words) && ok; j++ {
					ok = string(ts.Norm(i+j)) == wd.words[j] && !ts.NameBreak(i+j)
				}
				for j := 0; j < len(wd.words) && ok; j++ {
					ok = !s.cover.Covered[i+j]
				}
				if !ok {
					continue
				}
				start, stop := ts.List[i].Start, ts.List[end].End
				wd.surfaces[ngram.Collapse(kt.text[start:stop])]++
				// One line per article, so that the lines show different texts.
				if len(wd.sg.Contexts) < s.opt.Contexts && wd.lastText != ti && !(byOutlet && wd.outlets[kt.unit]) {
					line := ngram.Context(kt.text, start, stop, 50)
					if byOutlet {
						line = s.units[kt.unit] + ": " + line
					}
					wd.sg.Contexts = append(wd.sg.Contexts, line)
					wd.lastText = ti
					wd.outlets[kt.unit] = true
				}
			}
		}
	}
	for _, wd := range all {
		best, bestN := wd.sg.Phrase, 0
		for form, n := range wd.surfaces {
			if n > bestN || n == bestN && form < best {
				best, bestN = form, n
			}
		}
		wd.sg.Surface = best
	}
}

// Write writes the suggestions as YAML entries ready to edit:
// each commented with its counts per unit, z-score and context lines, with
// target and valence left for the researcher. lexicons names the lexicons
// whose matches were left out, for the header.
func Write(w io.Writer, res *Suggestions, lexicons []string) error {
	bw := bufio.NewWriter(w)
	if res.Held != nil {
		return writeLean(bw, res, lexicons)
	}
	unitWord := res.By
	units := unitWord + "s"
	fmt.Fprintf(bw, "# Suggested lexicon entries, written by compare lexicon suggest from %d %s in %d %s.\n",
		res.Articles, english.Plural(res.Articles, "article", "articles"), len(res.Units), units)
	fmt.Fprintf(bw, "# Up to %d words and 2-3 word phrases per %s that it uses more than the others\n", res.Top, unitWord)
	bw.WriteString("# (log-odds ratio with an informative Dirichlet prior, Monroe, Colaresi and Quinn\n")
	fmt.Fprintf(bw, "# 2008), each with z >= %.2f and at least %d uses, not matched by %s,\n", ngram.MinZ, res.MinCount, english.List(lexicons))
	bw.WriteString("# and neither starting nor ending with a stopword or a number.\n")
	bw.WriteString("# Keep what names an actor or frames one; fill in target, valence and category,\n")
	bw.WriteString("# add neutral alternatives and a note, paste the entries under entries: in your\n")
	bw.WriteString("# lexicon, and run compare lexicon check.\n")
	for _, n := range res.Notes {
		bw.WriteString("# Note: " + n + "\n")
	}
	empty := true
	for _, u := range res.Units {
		if len(u.Terms) > 0 {
			empty = false
		}
	}
	if empty {
		bw.WriteString("entries: []\n")
		return bw.Flush()
	}
	bw.WriteString("entries:\n")
	for _, u := range res.Units {
		fmt.Fprintf(bw, "\n  # == %s: %d %s, %d %s\n", u.Unit, u.Articles, english.Plural(u.Articles, "article", "articles"),
			len(u.Terms), english.Plural(len(u.Terms), "suggestion", "suggestions"))
		for _, sg := range u.Terms {
			fmt.Fprintf(bw, "  # %q: z = %.2f, log-odds ratio %.2f; uses: %s\n", sg.Surface, sg.Z, sg.Delta, usesLine(sg.ByUnit))
			for _, c := range sg.Contexts {
				fmt.Fprintf(bw, "  #   %s\n", c)
			}
			if sg.Also != "" {
				fmt.Fprintf(bw, "  # (suggested above for %s too)\n", sg.Also)
				continue
			}
			fmt.Fprintf(bw, "  - terms: [%s]\n", rulefile.YAMLString(sg.Surface))
			bw.WriteString("    target: \"\"  # fill in\n")
			bw.WriteString("    valence: 0  # fill in: -1 delegitimises ... +1 honours\n")
			bw.WriteString("    category: neutral  # fill in\n")
			bw.WriteString("    note: \"\"  # fill in: why the wording is loaded, and whose it is\n")
		}
	}
	return bw.Flush()
}

// usesLine lists a phrase's uses: the unit's own, then up to seven other
// units that use it, then how many more use it and how many do not.
func usesLine(counts []UnitCount) string {
	parts := []string{fmt.Sprintf("%s %d", counts[0].Unit, counts[0].Count)}
	moreUnits, moreUses, zero := 0, 0, 0
	for _, c := range counts[1:] {
		switch {
		case c.Count == 0:
			zero++
		case len(parts) < 8:
			parts = append(parts, fmt.Sprintf("%s %d", c.Unit, c.Count))
		default:
			moreUnits++
			moreUses += c.Count
		}
	}
	if moreUnits > 0 {
		parts = append(parts, fmt.Sprintf("%d more with %d", moreUnits, moreUses))
	}
	if zero > 0 {
		parts = append(parts, fmt.Sprintf("none in %d %s", zero, english.Plural(zero, "other", "others")))
	}
	return strings.Join(parts, ", ")
}
