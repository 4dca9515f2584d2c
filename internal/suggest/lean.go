package suggest

import (
	"bufio"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/ngram"
	"github.com/compare-tool/compare/internal/rulefile"
	"github.com/compare-tool/compare/internal/stats"
	"github.com/compare-tool/compare/internal/validate"
)

// Defaults of Lean, used when a field is zero.
const (
	DefaultMinOutlets        = 3
	DefaultMinOutletArticles = 10
)

// Lean configures suggestions with a lean (`lexicon suggest --labels
// … --order …`): phrases are ranked between the label groups at the two
// ends of Order by the log-odds ratio with an informative Dirichlet prior
// (ngram.Counts.Rank, the ranking of suggestions by outlet), and a
// phrase's lean on Axis is the sign of its z: +1 for the last label of
// Order, -1 for the first. Labels between the ends (center) are a check:
// their rate is reported, never ranked. Only training outlets are read.
type Lean struct {
	// Labeller gives each article its label; Order lists the labels
	// from the negative pole of Axis to the positive one (at least two).
	// Labels compare as validate.SameLabel does.
	Labeller validate.Labeller
	Order    []string
	// Axis is the axis id written into lean: {AXIS: ±1}.
	Axis string
	// Training says which outlets may be read.
	Training Training
	// MinOutlets is the fewest outlets of its group that must use a
	// phrase; a phrase used by fewer is refused: one outlet's habit (a
	// byline, a column's name, boilerplate) is not a side's vocabulary.
	// A phrase is refused too when fewer than half of its group's outlets
	// (of at least MinOutletArticles articles, when there are MinOutlets
	// of them) use it at a higher rate than the median outlet of the
	// other end, and flagged when one outlet makes most of its uses.
	MinOutlets int
	// MinOutletArticles is the fewest articles an outlet needs to count
	// in the consistency share (LeanEvidence.Consistent).
	MinOutletArticles int
}

func (l Lean) withDefaults() Lean {
	if l.MinOutlets <= 0 {
		l.MinOutlets = DefaultMinOutlets
	}
	if l.MinOutletArticles <= 0 {
		l.MinOutletArticles = DefaultMinOutletArticles
	}
	return l
}

// Training selects the outlets suggestions may learn from; the others
// are held out for judging the lexicon and their articles are never read.
// Outlets compare by corpus.OutletKey. The zero Training admits every
// outlet.
type Training struct {
	// Outlets, when not empty, are the only training outlets
	// (--train-outlets).
	Outlets []string
	// Exclude are outlets never trained on (--test-outlets).
	Exclude []string
	// Folds > 1 holds out fold Fold (0-based) of validate.Fold(outlet,
	// Folds, Seed): the test fold of `validate --split outlet --folds
	// Folds --seed Seed`, which trains on the other folds.
	Folds, Fold int
	Seed        uint64
}

// Admits reports whether outlet is a training outlet.
func (t Training) Admits(outlet string) bool {
	key := corpus.OutletKey(outlet)
	if len(t.Outlets) > 0 && !slices.ContainsFunc(t.Outlets, func(o string) bool { return corpus.OutletKey(o) == key }) {
		return false
	}
	if slices.ContainsFunc(t.Exclude, func(o string) bool { return corpus.OutletKey(o) == key }) {
		return false
	}
	return t.Folds < 2 || validate.Fold(outlet, t.Folds, t.Seed) != t.Fold
}

// Describe says in words which outlets t admits.
func (t Training) Describe() string {
	var parts []string
	if len(t.Outlets) > 0 {
		parts = append(parts, fmt.Sprintf("the %s listed as training outlets", english.Count(len(t.Outlets), "outlet", "outlets")))
	}
	if len(t.Exclude) > 0 {
		parts = append(parts, fmt.Sprintf("not the %s listed as test outlets", english.Count(len(t.Exclude), "outlet", "outlets")))
	}
	if t.Folds > 1 {
		parts = append(parts, fmt.Sprintf("the outlets outside fold %d of %d (seed %d; validate --split outlet --folds %d --seed %d tests that fold)",
			t.Fold+1, t.Folds, t.Seed, t.Folds, t.Seed))
	}
	if len(parts) == 0 {
		return "every outlet of the input"
	}
	return strings.Join(parts, ", ")
}

// The label groups of a text with Options.Lean.
const (
	sideNeg    = 0 // the first label of the order
	sidePos    = 1 // the last
	sideMiddle = 2 // any other label of the order
)

// leanCounts are the counts a Suggester keeps with Options.Lean, beside
// its per-outlet table (Suggester.counts, whose units are outlets).
type leanCounts struct {
	// groups counts the texts of the two ends of the order, units sideNeg
	// and sidePos: what is ranked.
	groups *ngram.Table
	// outletSide is each outlet's group (that of its first article).
	outletSide []int
	// words counts the tokens of each outlet, and of each group.
	outletWords []int64
	sideWords   [3]int64
	sideArts    [3]int
	heldOut     int
	heldOutlets map[string]string
	unlabelled  map[string]int
}

func newLeanCounts(cap int) *leanCounts {
	return &leanCounts{
		groups:      ngram.NewTable(ngram.Candidates, cap).PruneBetweenTexts(),
		heldOutlets: map[string]string{},
		unlabelled:  map[string]int{},
	}
}

// side returns a label's group, -1 for a label not in the order.
func (l *Lean) side(label string) int {
	i := slices.IndexFunc(l.Order, func(o string) bool { return validate.SameLabel(o, label) })
	switch {
	case i < 0 || label == "":
		return -1
	case i == 0:
		return sideNeg
	case i == len(l.Order)-1:
		return sidePos
	}
	return sideMiddle
}

// addLabelled counts an article with Options.Lean. The held-out check
// comes first: a held-out article's text is never tokenized, counted or
// kept.
func (s *Suggester) addLabelled(a *corpus.Article) {
	lc, opt := s.lean, s.opt.Lean
	if !opt.Training.Admits(a.Outlet) {
		lc.heldOut++
		lc.heldOutlets[corpus.OutletKey(a.Outlet)] = a.Outlet
		return
	}
	label := opt.Labeller.Label(validate.Ref{ID: a.ID, Outlet: a.Outlet, Group: a.Group, Meta: a.Meta})
	side := opt.side(label)
	if side < 0 {
		lc.unlabelled[label]++
		return
	}
	u := s.unit(a.Outlet)
	if u == len(lc.outletSide) {
		lc.outletSide = append(lc.outletSide, side)
		lc.outletWords = append(lc.outletWords, 0)
	}
	s.keep(a, u, side)
	ts := s.scan(a.Text, a.Dropped)
	s.counts.Count(u, ts, s.cover.Covered)
	if side != sideMiddle {
		lc.groups.Count(side, ts, s.cover.Covered)
	}
	lc.outletWords[u] += int64(ts.Len())
	lc.sideWords[side] += int64(ts.Len())
	lc.sideArts[side]++
}

// HeldOut says what suggestions with a lean were learned from.
type HeldOut struct {
	// Training describes the training outlets (Training.Describe);
	// Outlets names those read, sorted.
	Training string
	Outlets  []string
	// HeldOutArticles of HeldOutOutlets were skipped unread.
	HeldOutArticles, HeldOutOutlets int
	// Unlabelled counts the training articles whose label is not in the
	// order, by label ("" for none).
	Unlabelled map[string]int
	// Axis and Order are Lean's; Labels the order's ends and middle
	// (middle "" when the order has two labels); Words and Articles
	// count each group's tokens and articles, indexed as Labels.
	Axis     string
	Order    []string
	Labels   [3]string
	Words    [3]int64
	Articles [3]int
	// MinOutlets and MinOutletArticles are the guards' settings.
	MinOutlets, MinOutletArticles int
}

// LeanEvidence is the evidence for a suggestion's lean.
type LeanEvidence struct {
	// Lean is -1 or +1 on the axis.
	Lean int
	// Uses and Outlets count the phrase's uses and the outlets using it
	// in each group (negative end, positive end, middle); OutletsOf
	// counts each group's outlets.
	Uses, Outlets, OutletsOf [3]int
	// Consistent of ConsistentOf outlets of the phrase's group (those
	// with at least MinOutletArticles articles) use it at a higher rate
	// per word than the median such outlet of the other end, OtherMedian
	// (per 10,000 words).
	Consistent, ConsistentOf int
	OtherMedian              float64
	// Refused says why the guards refused the phrase; "" if they did not.
	Refused string
	// Flag says why a person should look twice; "" if nothing.
	Flag string
}

// leanResult ranks phrases between the two ends of the order, keeps the
// Top of each end that pass the guards, and lists those refused.
func (s *Suggester) leanResult(res *Suggestions) (*Suggestions, error) {
	lc, opt := s.lean, s.opt.Lean
	res.Held = &HeldOut{
		Training:          opt.Training.Describe(),
		Outlets:           slices.Sorted(slices.Values(s.units)),
		HeldOutArticles:   lc.heldOut,
		HeldOutOutlets:    len(lc.heldOutlets),
		Unlabelled:        lc.unlabelled,
		Axis:              opt.Axis,
		Order:             opt.Order,
		Labels:            [3]string{opt.Order[0], opt.Order[len(opt.Order)-1]},
		Words:             lc.sideWords,
		Articles:          lc.sideArts,
		MinOutlets:        opt.MinOutlets,
		MinOutletArticles: opt.MinOutletArticles,
	}
	if len(opt.Order) > 2 {
		res.Held.Labels[sideMiddle] = strings.Join(opt.Order[1:len(opt.Order)-1], ", ")
	}
	if lc.sideArts[sideNeg] == 0 || lc.sideArts[sidePos] == 0 {
		return nil, fmt.Errorf("suggestions with a lean compare the training articles labelled %q with those labelled %q, and %s", opt.Order[0], opt.Order[len(opt.Order)-1], missingEnds(lc.sideArts, opt.Order))
	}
	groups := ngram.Merge(lc.groups)
	outlets := ngram.Merge(s.counts)
	var outletsOf [3]int
	for _, side := range lc.outletSide {
		outletsOf[side]++
	}
	for _, side := range []int{sideNeg, sidePos} {
		us := UnitSuggestions{Unit: res.Held.Labels[side], Articles: lc.sideArts[side], Lean: 2*side - 1, Outlets: outletsOf[side]}
		// Rank more than Top: the guards refuse some.
		for _, r := range groups.Rank(side, ngram.RankOptions{Top: 20 * s.opt.Top, MinCount: s.opt.MinCount}) {
			sg := Suggestion{Phrase: r.Phrase, Z: r.Z, Delta: r.Delta, Count: r.Count, Others: r.Others}
			uses := outlets.Lookup(r.Phrase)
			sg.ByUnit = s.outletUses(uses)
			sg.Lean = s.leanEvidence(side, uses, outletsOf)
			switch {
			case sg.Lean.Refused == "" && len(us.Terms) < s.opt.Top:
				us.Terms = append(us.Terms, sg)
			case sg.Lean.Refused != "" && len(us.Refused) < s.opt.Top:
				us.Refused = append(us.Refused, sg)
			}
			if len(us.Terms) == s.opt.Top && len(us.Refused) == s.opt.Top {
				break
			}
		}
		res.Units = append(res.Units, us)
	}
	s.contexts(res.Units, func(kt keptText) int {
		if kt.side == sideMiddle {
			return -1
		}
		return kt.side
	}, true)
	res.Notes = s.notes(res.Notes, outlets, res.Articles)
	return res, nil
}

// missingEnds says which end of the order has no training article.
func missingEnds(arts [3]int, order []string) string {
	var none []string
	if arts[sideNeg] == 0 {
		none = append(none, fmt.Sprintf("%q", order[0]))
	}
	if arts[sidePos] == 0 {
		none = append(none, fmt.Sprintf("%q", order[len(order)-1]))
	}
	return "no training article is labelled " + strings.Join(none, " or ") + " (check --order against the labels, and which outlets are held out)"
}

// leanEvidence gathers, from the per-outlet uses of a phrase ranked for
// side, what the guards need, and applies them.
func (s *Suggester) leanEvidence(side int, uses []int, outletsOf [3]int) *LeanEvidence {
	lc, opt := s.lean, s.opt.Lean
	ev := &LeanEvidence{Lean: 2*side - 1, OutletsOf: outletsOf}
	other := sidePos - side
	// Rates per 10,000 words of the outlets with enough articles; top is
	// the most uses one outlet of the phrase's group makes.
	var own, others []float64
	top := 0
	for u, n := range uses {
		sd := lc.outletSide[u]
		ev.Uses[sd] += n
		if n > 0 {
			ev.Outlets[sd]++
		}
		if sd == side {
			top = max(top, n)
		}
		if s.articles[u] < opt.MinOutletArticles || lc.outletWords[u] == 0 {
			continue
		}
		switch sd {
		case side:
			own = append(own, rate(n, lc.outletWords[u]))
		case other:
			others = append(others, rate(n, lc.outletWords[u]))
		}
	}
	if len(others) > 0 {
		ev.OtherMedian = stats.Median(others)
	}
	ev.ConsistentOf = len(own)
	for _, r := range own {
		if r > ev.OtherMedian {
			ev.Consistent++
		}
	}
	switch {
	case ev.Outlets[side] < opt.MinOutlets:
		ev.Refused = fmt.Sprintf("used by %s of its group, fewer than %d", english.Count(ev.Outlets[side], "outlet", "outlets"), opt.MinOutlets)
	case ev.ConsistentOf >= opt.MinOutlets && 2*ev.Consistent < ev.ConsistentOf:
		ev.Refused = fmt.Sprintf("only %d of %d outlets of its group use it more than the median outlet of the other end: a few outlets' habit", ev.Consistent, ev.ConsistentOf)
	case 2*top > ev.Uses[side]:
		ev.Flag = "one outlet makes more than half of its group's uses"
	}
	return ev
}

// rate returns uses per 10,000 words.
func rate(uses int, words int64) float64 {
	if words == 0 {
		return math.NaN()
	}
	return 1e4 * float64(uses) / float64(words)
}

// writeLean writes suggestions with a lean as YAML entries: each with
// lean: {AXIS: ±1} and its evidence in comments, then those the guards
// refused, as comments only; the training outlets are listed at the end.
func writeLean(bw *bufio.Writer, res *Suggestions, lexicons []string) error {
	h := res.Held
	neg, pos, mid := h.Labels[sideNeg], h.Labels[sidePos], h.Labels[sideMiddle]
	fmt.Fprintf(bw, "# Suggested lexicon entries with a lean, written by compare lexicon suggest from %s\n", english.Count(res.Articles, "training article", "training articles"))
	fmt.Fprintf(bw, "# of %s: %s.\n", english.Count(len(h.Outlets), "outlet", "outlets"), h.Training)
	fmt.Fprintf(bw, "# HELD OUT: %s of %s were skipped unread. The entries below were learned\n",
		english.Count(h.HeldOutArticles, "article", "articles"), english.Count(h.HeldOutOutlets, "other outlet", "other outlets"))
	bw.WriteString("# on the training outlets listed at the end: judge the lexicon only on other outlets\n")
	bw.WriteString("# (compare validate --train-outlets, or --split outlet with the same folds and seed),\n")
	bw.WriteString("# never on these, or it is judged on its own training data.\n")
	fmt.Fprintf(bw, "# Ranked between the articles labelled %q (%s, %s) and %q (%s, %s)\n",
		neg, english.Count(h.Articles[sideNeg], "article", "articles"), english.Count(int(h.Words[sideNeg]), "word", "words"),
		pos, english.Count(h.Articles[sidePos], "article", "articles"), english.Count(int(h.Words[sidePos]), "word", "words"))
	bw.WriteString("# by the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn\n")
	fmt.Fprintf(bw, "# 2008): z >= %.2f, at least %d uses, not matched by %s, neither starting nor\n", ngram.MinZ, res.MinCount, english.List(lexicons))
	fmt.Fprintf(bw, "# ending with a stopword or a number. lean is the sign of z: %s -1, %s +1 on %s.\n", neg, pos, h.Axis)
	if mid != "" {
		fmt.Fprintf(bw, "# %s (%s) is not ranked: its rate is shown as a check.\n", mid, english.Count(h.Articles[sideMiddle], "article", "articles"))
	}
	fmt.Fprintf(bw, "# Refused: phrases used by fewer than %d outlets of their group, or that most of the\n", h.MinOutlets)
	fmt.Fprintf(bw, "# group's outlets (of >= %d articles) do not use more than the other end's median\n", h.MinOutletArticles)
	bw.WriteString("# outlet. Flagged: phrases that one outlet makes more than half of.\n")
	bw.WriteString("# A z says a group of outlets writes a phrase more often, not that the phrase takes a\n")
	bw.WriteString("# side: keep only names and framings a person would defend as a side's vocabulary (a\n")
	bw.WriteString("# topic is selection, not stance; no bylines, outlet names or boilerplate), fill in\n")
	bw.WriteString("# target, valence, category, neutral alternatives and a note, and run compare lexicon check.\n")
	for _, n := range res.Notes {
		bw.WriteString("# Note: " + n + "\n")
	}
	if len(h.Unlabelled) > 0 {
		var parts []string
		for _, l := range slices.Sorted(maps.Keys(h.Unlabelled)) {
			name := fmt.Sprintf("%q", l)
			if l == "" {
				name = "no label"
			}
			parts = append(parts, fmt.Sprintf("%s %d", name, h.Unlabelled[l]))
		}
		fmt.Fprintf(bw, "# Not in the order, and not read: %s.\n", strings.Join(parts, ", "))
	}
	bw.WriteString("entries:\n")
	n := 0
	for _, u := range res.Units {
		fmt.Fprintf(bw, "\n  # == %s (lean %+d on %s): %s of %s; %s\n", u.Unit, u.Lean, h.Axis,
			english.Count(u.Articles, "article", "articles"), english.Count(u.Outlets, "outlet", "outlets"), english.Count(len(u.Terms), "suggestion", "suggestions"))
		for _, sg := range u.Terms {
			writeLeanComments(bw, sg, h)
			fmt.Fprintf(bw, "  - terms: [%s]\n", rulefile.YAMLString(sg.Surface))
			bw.WriteString("    target: \"\"  # fill in\n")
			bw.WriteString("    valence: 0  # fill in: -1 delegitimises ... +1 honours\n")
			bw.WriteString("    category: partisan  # fill in\n")
			fmt.Fprintf(bw, "    lean: {%s: %d}  # learned on the training outlets\n", rulefile.YAMLString(h.Axis), u.Lean)
			bw.WriteString("    neutral: []  # fill in: what a neutral writer would say\n")
			bw.WriteString("    note: \"\"  # fill in: why the wording is loaded, and whose it is\n")
			n++
		}
		if len(u.Refused) > 0 {
			fmt.Fprintf(bw, "\n  # -- %s: refused by the guards (no entry)\n", u.Unit)
			for _, sg := range u.Refused {
				fmt.Fprintf(bw, "  # REFUSED %q: %s\n", sg.Surface, sg.Lean.Refused)
				writeLeanComments(bw, sg, h)
			}
		}
	}
	if n == 0 {
		bw.WriteString("  []\n")
	}
	bw.WriteString("\n# Training outlets (the entries were learned on these; judge elsewhere):\n")
	for _, line := range wrap(h.Outlets, 88) {
		bw.WriteString("#   " + line + "\n")
	}
	return bw.Flush()
}

// writeLeanComments writes the evidence of one suggestion with a lean.
func writeLeanComments(bw *bufio.Writer, sg Suggestion, h *HeldOut) {
	ev := sg.Lean
	neg, pos, mid := h.Labels[sideNeg], h.Labels[sidePos], h.Labels[sideMiddle]
	vs := fmt.Sprintf("%s vs %s", pos, neg)
	if ev.Lean < 0 {
		vs = fmt.Sprintf("%s vs %s", neg, pos)
	}
	fmt.Fprintf(bw, "  # %q: z = %.2f (%s), log-odds ratio %.2f\n", sg.Surface, sg.Z, vs, sg.Delta)
	side := func(i int, label string) string {
		return fmt.Sprintf("%s %d (%.2f per 10k words, %d of %d outlets)", label, ev.Uses[i], rate(ev.Uses[i], h.Words[i]), ev.Outlets[i], ev.OutletsOf[i])
	}
	parts := []string{side(sideNeg, neg), side(sidePos, pos)}
	if mid != "" {
		m, lo, hi := rate(ev.Uses[sideMiddle], h.Words[sideMiddle]), rate(ev.Uses[sideNeg], h.Words[sideNeg]), rate(ev.Uses[sidePos], h.Words[sidePos])
		check := "between the ends"
		if m < min(lo, hi) || m > max(lo, hi) {
			check = "NOT between the ends"
		}
		parts = append(parts, side(sideMiddle, mid)+", "+check)
	}
	fmt.Fprintf(bw, "  #   uses: %s\n", strings.Join(parts, "; "))
	var by []string
	for i, c := range sg.ByUnit {
		if i == 8 {
			by = append(by, fmt.Sprintf("%d more", len(sg.ByUnit)-i))
			break
		}
		by = append(by, fmt.Sprintf("%s %d", c.Unit, c.Count))
	}
	fmt.Fprintf(bw, "  #   by outlet: %s\n", strings.Join(by, ", "))
	if ev.ConsistentOf > 0 {
		fmt.Fprintf(bw, "  #   consistency: %d of %d outlets of its group (>= %d articles) use it more than the median of the other end (%.2f per 10k words)\n",
			ev.Consistent, ev.ConsistentOf, h.MinOutletArticles, ev.OtherMedian)
	}
	if ev.Flag != "" {
		fmt.Fprintf(bw, "  #   FLAG: %s\n", ev.Flag)
	}
	for _, c := range sg.Contexts {
		fmt.Fprintf(bw, "  #   %s\n", c)
	}
}

// wrap joins names with ", " into lines of about width bytes.
func wrap(names []string, width int) []string {
	var lines []string
	line := ""
	for i, n := range names {
		if i < len(names)-1 {
			n += ","
		}
		if line != "" && len(line)+1+len(n) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += n
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// outletUses lists the outlets that use a phrase, by count (ties by
// name).
func (s *Suggester) outletUses(uses []int) []UnitCount {
	var out []UnitCount
	for u, n := range uses {
		if n > 0 {
			out = append(out, UnitCount{s.units[u], n})
		}
	}
	slices.SortFunc(out, byCount)
	return out
}
