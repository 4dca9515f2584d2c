package workbench

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/stats"
)

// Defaults of SuggestOptions, used when a field is zero.
const (
	DefaultSuggestTop = 10
	DefaultMinCount   = 3
	DefaultContexts   = 3
	DefaultTextBudget = 256 << 20
	DefaultSuggestCap = 2_000_000
)

// MinZ is the smallest z-score a suggestion needs: about the 2.5% upper
// tail of the normal distribution, for one phrase taken alone.
const MinZ = 1.96

// maxOrder is the longest phrase counted, in words.
const maxOrder = 3

// SuggestOptions configure a Suggester. Zero fields take the defaults.
type SuggestOptions struct {
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

func (o SuggestOptions) withDefaults() SuggestOptions {
	if o.By == "" {
		o.By = "outlet"
	}
	if o.Top <= 0 {
		o.Top = DefaultSuggestTop
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
		o.Cap = DefaultSuggestCap
	}
	return o
}

// Suggester finds words and phrases that distinguish outlets (or groups)
// and that the lexicons do not match yet. Add each article, then call
// Result. It is not safe for concurrent use.
type Suggester struct {
	opt      SuggestOptions
	matchers []*lexicon.Matcher
	sc       *textScanner

	unitIndex map[string]int
	units     []string
	articles  []int
	// counts[order-1][unit] maps a phrase (folded words joined by spaces)
	// to its uses; totals the same summed, exact even after pruning.
	counts  [maxOrder][]map[string]int32
	totals  [maxOrder][]int64
	entries int
	prunes  int
	floor   int32

	texts     []keptText
	textBytes int64
	unkept    int
	key       []byte
}

type keptText struct {
	unit    int
	text    string
	dropped []corpus.Span
}

// NewSuggester returns a Suggester that leaves out text the matchers match.
func NewSuggester(matchers []*lexicon.Matcher, opt SuggestOptions) *Suggester {
	return &Suggester{
		opt:       opt.withDefaults(),
		matchers:  matchers,
		sc:        newTextScanner(matchers),
		unitIndex: map[string]int{},
	}
}

// unitName is the outlet or group an article counts for.
func unitName(a *corpus.Article, by string) string {
	if by == "group" {
		if a.Group == "" {
			return "(no group)"
		}
		return a.Group
	}
	if a.Outlet == "" {
		return "(no outlet)"
	}
	return a.Outlet
}

// Add counts the words and phrases of one article.
func (s *Suggester) Add(a *corpus.Article) {
	name := unitName(a, s.opt.By)
	u, ok := s.unitIndex[name]
	if !ok {
		u = len(s.units)
		s.unitIndex[name] = u
		s.units = append(s.units, name)
		s.articles = append(s.articles, 0)
		for k := range s.counts {
			s.counts[k] = append(s.counts[k], map[string]int32{})
			s.totals[k] = append(s.totals[k], 0)
		}
	}
	s.articles[u]++
	if s.textBytes+int64(len(a.Text)) <= s.opt.TextBudget {
		s.texts = append(s.texts, keptText{unit: u, text: a.Text, dropped: a.Dropped})
		s.textBytes += int64(len(a.Text))
	} else {
		s.unkept++
	}

	ts := s.sc.scan(a.Text, a.Dropped)
	var win [maxOrder][]byte // the last words of the current run, oldest first
	run := 0
	for i := range ts.List {
		w := ts.Norm(i)
		if s.sc.brk[i] {
			run = 0
		}
		if s.sc.covered[i] || isNumber(w) {
			run = 0
			continue
		}
		copy(win[:], win[1:])
		win[maxOrder-1] = w
		run = min(run+1, maxOrder)
		if isStopword(w) {
			continue // no phrase ends with a stopword
		}
		for order := 1; order <= run; order++ {
			first := win[maxOrder-order]
			if isStopword(first) {
				continue
			}
			s.key = s.key[:0]
			for k, part := range win[maxOrder-order:] {
				if k > 0 {
					s.key = append(s.key, ' ')
				}
				s.key = append(s.key, part...)
			}
			m := s.counts[order-1][u]
			if c, ok := m[string(s.key)]; ok {
				m[string(s.key)] = c + 1
			} else {
				m[string(s.key)] = 1
				s.entries++
			}
			s.totals[order-1][u]++
		}
	}
	if s.entries > s.opt.Cap {
		s.prune()
	}
}

func isStopword(w []byte) bool {
	return utf8.RuneCount(w) < 2 || stopwords[string(w)]
}

// prune drops the phrases with counts up to the smallest threshold that
// leaves at most Cap/2 of them (lossy counting, Manku and Motwani 2002).
func (s *Suggester) prune() {
	hist := map[int32]int{}
	for k := range s.counts {
		for _, m := range s.counts[k] {
			for _, c := range m {
				hist[c]++
			}
		}
	}
	keep, threshold := s.entries, int32(0)
	for c := int32(1); keep > s.opt.Cap/2; c++ {
		keep -= hist[c]
		threshold = c
	}
	for k := range s.counts {
		for _, m := range s.counts[k] {
			for p, c := range m {
				if c <= threshold {
					delete(m, p)
				}
			}
		}
	}
	s.entries = keep
	s.prunes++
	s.floor = max(s.floor, threshold)
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

type candidate struct {
	order int
	Suggestion
	counts []int // per unit
}

// Result ranks each unit's words and phrases against all other units by
// the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
// and Quinn 2008), each phrase length on its own, with the prior α_w equal
// to the phrase's corpus count divided by the number of units (centred on
// the corpus rates, as strong as one average unit). A unit's suggestions
// are its Top phrases of highest z, with z ≥ MinZ and at least MinCount
// uses, after leaving out a phrase that only occurs inside a longer
// suggested one (same counts everywhere). Units are in order of first
// appearance.
func (s *Suggester) Result() (*Suggestions, error) {
	res := &Suggestions{By: s.opt.By, Top: s.opt.Top, MinCount: s.opt.MinCount}
	for _, n := range s.articles {
		res.Articles += n
	}
	if len(s.units) < 2 {
		return nil, ErrOneUnit
	}
	k := float64(len(s.units))
	perUnit := make([][]candidate, len(s.units))
	for order := 1; order <= maxOrder; order++ {
		// The phrases of this length, their counts per unit and in all.
		index := map[string]int{}
		var phrases []string
		type cell struct {
			w int
			c int32
		}
		byUnit := make([][]cell, len(s.units))
		for u, m := range s.counts[order-1] {
			for p, c := range m {
				w, ok := index[p]
				if !ok {
					w = len(phrases)
					index[p] = w
					phrases = append(phrases, p)
				}
				byUnit[u] = append(byUnit[u], cell{w, c})
			}
		}
		v := len(phrases)
		if v == 0 {
			continue
		}
		total := make([]float64, v)
		unitCounts := make([][]int32, v) // filled lazily for candidates
		for _, cells := range byUnit {
			for _, c := range cells {
				total[c.w] += float64(c.c)
			}
		}
		var grand, kept float64
		for u := range s.units {
			grand += float64(s.totals[order-1][u])
		}
		for _, t := range total {
			kept += t
		}
		// The last slot holds the uses of pruned phrases, so that the
		// totals and α₀ stay exact.
		rest := grand - kept
		n := v
		if rest > 0 {
			n = v + 1
		}
		ca := make([]float64, n)
		cb := make([]float64, n)
		prior := make([]float64, n)
		for w := 0; w < v; w++ {
			prior[w] = total[w] / k
		}
		if rest > 0 {
			prior[v] = rest / k
		}
		for u := range s.units {
			clear(ca)
			var keptU float64
			for _, c := range byUnit[u] {
				ca[c.w] = float64(c.c)
				keptU += float64(c.c)
			}
			for w := 0; w < v; w++ {
				cb[w] = total[w] - ca[w]
			}
			if rest > 0 {
				ca[v] = float64(s.totals[order-1][u]) - keptU
				cb[v] = rest - ca[v]
			}
			delta, z := stats.LogOddsDirichlet(ca, cb, prior)
			for _, c := range byUnit[u] {
				w := c.w
				if z[w] < MinZ || ca[w] < float64(s.opt.MinCount) || math.IsNaN(z[w]) {
					continue
				}
				if unitCounts[w] == nil {
					unitCounts[w] = make([]int32, len(s.units))
					for u2 := range s.units {
						unitCounts[w][u2] = s.counts[order-1][u2][phrases[w]]
					}
				}
				counts := make([]int, len(s.units))
				for u2, c2 := range unitCounts[w] {
					counts[u2] = int(c2)
				}
				perUnit[u] = append(perUnit[u], candidate{
					order: order,
					Suggestion: Suggestion{
						Phrase: phrases[w], Z: z[w], Delta: delta[w],
						Count: int(ca[w]), Others: int(cb[w]),
					},
					counts: counts,
				})
			}
		}
	}

	firstFor := map[string]string{}
	for u, cands := range perUnit {
		slices.SortFunc(cands, func(x, y candidate) int {
			return cmp.Or(cmp.Compare(y.Z, x.Z), cmp.Compare(x.Phrase, y.Phrase))
		})
		cands = dropNested(cands, s.opt.Top)
		us := UnitSuggestions{Unit: s.units[u], Articles: s.articles[u]}
		for _, c := range cands {
			sg := c.Suggestion
			sg.ByUnit = s.byUnit(u, c.counts)
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

	if s.prunes > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("The word and phrase counts reached their cap of %d and the rarest were dropped %s (counts up to %d), so counts of rare phrases are lower bounds; raise the cap for exact counts.",
			s.opt.Cap, english.Times(s.prunes), s.floor))
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

// dropNested returns the first top candidates after leaving out every word
// or phrase that only occurs inside a longer candidate: one with the same
// counts in every unit ("pact" and "northern pact" beside "northern pact
// talks"). It looks at the best 5·top candidates, sorted by z.
func dropNested(cands []candidate, top int) []candidate {
	pool := cands[:min(len(cands), 5*top)]
	var out []candidate
	for i, c := range pool {
		nested := false
		for j, d := range pool {
			if i != j && d.order > c.order && slices.Equal(d.counts, c.counts) &&
				strings.Contains(" "+d.Phrase+" ", " "+c.Phrase+" ") {
				nested = true
				break
			}
		}
		if !nested {
			out = append(out, c)
		}
		if len(out) == top {
			break
		}
	}
	return out
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
		ts := s.sc.scan(kt.text, kt.dropped)
		for i := range ts.List {
			for _, wd := range ws[string(ts.Norm(i))] {
				end := i + len(wd.words) - 1
				if end >= ts.Len() {
					continue
				}
				ok := true
				for j := 1; j < len(wd.words) && ok; j++ {
					ok = string(ts.Norm(i+j)) == wd.words[j] && !s.sc.brk[i+j]
				}
				for j := 0; j < len(wd.words) && ok; j++ {
					ok = !s.sc.covered[i+j]
				}
				if !ok {
					continue
				}
				start, stop := ts.List[i].Start, ts.List[end].End
				wd.surfaces[collapse(kt.text[start:stop])]++
				// One line per article, so that the lines show different texts.
				if len(wd.sg.Contexts) < s.opt.Contexts && wd.lastText != ti {
					wd.sg.Contexts = append(wd.sg.Contexts, context(kt.text, start, stop, 50))
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

// WriteSuggestions writes the suggestions as YAML entries ready to edit:
// each commented with its counts per unit, z-score and context lines, with
// target and valence left for the researcher. lexicons names the lexicons
// whose matches were left out, for the header.
func WriteSuggestions(w io.Writer, res *Suggestions, lexicons []string) error {
	bw := bufio.NewWriter(w)
	unitWord := res.By
	units := unitWord + "s"
	fmt.Fprintf(bw, "# Suggested lexicon entries, written by compare lexicon suggest from %d %s in %d %s.\n",
		res.Articles, english.Plural(res.Articles, "article", "articles"), len(res.Units), units)
	fmt.Fprintf(bw, "# Up to %d words and 2-3 word phrases per %s that it uses more than the others\n", res.Top, unitWord)
	bw.WriteString("# (log-odds ratio with an informative Dirichlet prior, Monroe, Colaresi and Quinn\n")
	fmt.Fprintf(bw, "# 2008), each with z >= %.2f and at least %d uses, not matched by %s,\n", MinZ, res.MinCount, joinAnd(lexicons))
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
			fmt.Fprintf(bw, "  - terms: [%s]\n", yamlString(sg.Surface))
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
