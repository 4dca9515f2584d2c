// Package suggest finds words and phrases that distinguish outlets (or
// groups) and that the lexicons do not match yet, and writes the best as
// lexicon entries to fill in: `compare lexicon suggest`. It counts and
// ranks them with package ngram (ngram.Candidates: no phrase starting or
// ending with a stopword, none over a name boundary) and leaves out the
// text the lexicons already match.
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
}

type keptText struct {
	unit    int
	text    string
	dropped []corpus.Span
}

// New returns a Suggester that leaves out text the matchers match.
func New(matchers []*lexicon.Matcher, opt Options) *Suggester {
	opt = opt.withDefaults()
	return &Suggester{
		opt:       opt,
		cover:     lexicon.NewCover(matchers),
		unitIndex: map[string]int{},
		counts:    ngram.NewTable(ngram.Candidates, opt.Cap).PruneBetweenTexts(),
	}
}

// Add counts the words and phrases of one article.
func (s *Suggester) Add(a *corpus.Article) {
	name := record.Unit(a.Outlet, a.Group, s.opt.By)
	u, ok := s.unitIndex[name]
	if !ok {
		u = len(s.units)
		s.unitIndex[name] = u
		s.units = append(s.units, name)
		s.articles = append(s.articles, 0)
	}
	s.articles[u]++
	if s.textBytes+int64(len(a.Text)) <= s.opt.TextBudget {
		s.texts = append(s.texts, keptText{unit: u, text: a.Text, dropped: a.Dropped})
		s.textBytes += int64(len(a.Text))
	} else {
		s.unkept++
	}
	s.counts.Count(u, s.scan(a.Text, a.Dropped), s.cover.Covered)
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
}

// UnitSuggestions are the suggestions for one outlet or group.
type UnitSuggestions struct {
	Unit     string
	Articles int
	Terms    []Suggestion
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
	s.contexts(res)

	if counts.Prunes > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("The word and phrase counts reached their cap of %d and the rarest were dropped %s (counts up to %d), so counts of rare phrases are lower bounds; raise the cap for exact counts.",
			s.opt.Cap, english.Times(counts.Prunes), counts.Floor))
	}
	if s.unkept > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d of %d articles were counted but not kept for the context lines (text budget %d MB).",
			s.unkept, res.Articles, s.opt.TextBudget>>20))
	}
	return res, nil
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
	slices.SortFunc(others, func(x, y UnitCount) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Unit, y.Unit))
	})
	return append(out, others...)
}

// contexts finds, in the kept texts, keyword-in-context lines and the most
// common written form of every suggestion.
func (s *Suggester) contexts(res *Suggestions) {
	type want struct {
		words    []string
		sg       *Suggestion
		surfaces map[string]int
		lastText int
	}
	// wants[unit][first word] → the suggestions starting with it.
	wants := make([]map[string][]*want, len(s.units))
	var all []*want
	for u := range res.Units {
		ui := s.unitIndex[res.Units[u].Unit]
		wants[ui] = map[string][]*want{}
		for i := range res.Units[u].Terms {
			sg := &res.Units[u].Terms[i]
			wd := &want{words: strings.Split(sg.Phrase, " "), sg: sg, surfaces: map[string]int{}, lastText: -1}
			wants[ui][wd.words[0]] = append(wants[ui][wd.words[0]], wd)
			all = append(all, wd)
		}
	}
	for ti, kt := range s.texts {
		ws := wants[kt.unit]
		if len(ws) == 0 {
			continue
		}
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
				if len(wd.sg.Contexts) < s.opt.Contexts && wd.lastText != ti {
					wd.sg.Contexts = append(wd.sg.Contexts, ngram.Context(kt.text, start, stop, 50))
					wd.lastText = ti
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
