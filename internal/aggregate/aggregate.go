package aggregate

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"maps"
	"runtime"
	"slices"
	"sync"

	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/dates"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

// Defaults of Options (DefaultOptions).
const (
	DefaultBootstrap   = 2000
	DefaultMinArticles = 3
	DefaultTop         = 20
	// DefaultNgramCap bounds the word and phrase counts kept in memory,
	// about 100 bytes each.
	DefaultNgramCap = 2_000_000
	// DefaultTextBudget bounds the article text kept for distinctive
	// terms, in bytes: about 10,000 articles of 3,000 characters, enough
	// for the words an outlet favours and counted in seconds.
	DefaultTextBudget = 32 << 20
)

// Options configure an Aggregator. Start from DefaultOptions: every
// number means what it says, so that a user's 0 is never taken for "the
// default".
type Options struct {
	// By is "outlet" (also when "") or "group": what the units are.
	By string
	// Bootstrap is the number of bootstrap resamples for the 95%
	// intervals of means; 0 (or less) leaves the intervals out.
	Bootstrap int
	// Seed seeds the bootstrap. Each unit and variable draws from its own
	// stream, derived from Seed and their names (see Result).
	Seed uint64
	// MinArticles is the fewest articles with a value a unit needs to
	// enter a test; less than 1 means 1.
	MinArticles int
	// Top is how many distinctive terms to keep per unit; 0 leaves them
	// out, and no text is kept for them.
	Top int
	// TextBudget bounds the bytes of article text kept for distinctive
	// terms, at least 1; past it the texts are sampled (see Result).
	TextBudget int
	// NgramCap bounds the (unit, word or phrase) counts of the sampled
	// texts, at least 1; past it the rarest are pruned.
	NgramCap int
	// Lexicon, when it is the lexicon the records were scored with (same
	// name and SHA-256), supplies labels of axes, targets and entries, and
	// lexicon order. Without it ids stand in for labels.
	Lexicon *lexicon.Lexicon
	// Period, when set, adds Comparison.Trends: each unit's stance per
	// period of that length, and a trend test (see trend.go).
	Period dates.Period
	// Workers is the number of goroutines Result uses; 0 means GOMAXPROCS.
	// The result does not depend on it.
	Workers int
	// ListUnits, when above 0, is how many units (the first of the
	// Comparison's order) an output lists with their summaries, as a
	// report does: the others' Units keep their name, group, counts,
	// Tested, Excluded and Axes (which within-event comparisons read),
	// but not LoadedPer1k, VoiceShare, Targets or Credibility, and the
	// Naming holds their uses only in the order of its labels and in
	// Users, not in Counts, Forms, Quoted, Distanced or References (nor
	// in Baseline.Naming, which reads those). Every test and note still
	// covers every unit. 0 lists all.
	ListUnits int
}

// DefaultOptions returns the options `compare stats` uses by default:
// outlets compared, 2000 bootstrap resamples with seed 1, tests of units
// with at least 3 articles, 20 distinctive terms a unit from at most 32 MiB
// of text in at most 2,000,000 counts.
func DefaultOptions() Options {
	return Options{
		By:          "outlet",
		Bootstrap:   DefaultBootstrap,
		Seed:        1,
		MinArticles: DefaultMinArticles,
		Top:         DefaultTop,
		TextBudget:  DefaultTextBudget,
		NgramCap:    DefaultNgramCap,
	}
}

// normal puts the options in the one form the Aggregator reads, and
// panics on options no user input can give (programmer misuse).
func (o Options) normal() Options {
	if o.TextBudget < 1 || o.NgramCap < 1 || o.Top < 0 {
		panic(fmt.Sprintf("aggregate: TextBudget %d, NgramCap %d and Top %d: start from DefaultOptions", o.TextBudget, o.NgramCap, o.Top))
	}
	if o.By == "" {
		o.By = "outlet"
	}
	o.Bootstrap = max(o.Bootstrap, 0)
	o.MinArticles = max(o.MinArticles, 1)
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

// LexiconMismatchError reports a record scored with another lexicon than
// the records before it.
type LexiconMismatchError struct {
	Want, Got record.LexiconRef
}

func (e *LexiconMismatchError) Error() string {
	return fmt.Sprintf("record scored with lexicon %s, but the records before it with %s; compare records of one lexicon at a time",
		refString(e.Got), refString(e.Want))
}

func refString(r record.LexiconRef) string {
	h := r.SHA256
	if len(h) > 12 {
		h = h[:12] + "…"
	}
	return fmt.Sprintf("%s %s (sha256 %s)", r.Name, r.Version, h)
}

// Aggregator compares outlets from a stream of score records. Add takes
// one record at a time and keeps only what the statistics need: per unit,
// the per-article values of each variable, counts of lexicon entries, and
// a bounded table of word and phrase counts. Result computes the
// comparison. An Aggregator is not safe for concurrent use.
//
// Names that recur (axes, targets, groups, voices, forms) are kept once
// and units refer to them by index, in slices rather than maps: tens of
// thousands of units of an article or two each then cost a few hundred
// bytes each, not kilobytes of mostly empty maps.
type Aggregator struct {
	opt   Options
	lex   record.LexiconRef
	n     int
	units map[string]*unitAcc
	order []*unitAcc // in order of first appearance
	// axes, targets, groups and voices list each name once; units index
	// their slices by position in these.
	axes, targets, groups names[string]
	voices                names[record.Voice]
	entries               map[string]*entryInfo
	// forms lists each form (entry, voice, text) once; a unit counts its
	// uses of them by index (unitAcc.forms), so that it costs 8 bytes a
	// form it used, not a map of its own.
	forms     []formUse
	formIndex map[formUse]uint32
	// sample holds the article texts kept for distinctive terms: those
	// whose hash has at least sampleLevel leading zero bits.
	sample      []sampledText
	sampleLevel int
	sampleBytes int
	noText      int
	// first and last are the earliest and latest dates, compared as
	// dates (never as text); undated counts records without one, and
	// unreadDates those of them whose date field could not be read.
	first, last          dates.Date
	undated, unreadDates int
	ids                  map[uint64]struct{}
	dupes                int
	dupeID               string
}

// names lists names in order of first appearance, each once, with their
// positions.
type names[K comparable] struct {
	list  []K
	index map[K]int
}

// of returns the position of name, adding it when new.
func (n *names[K]) of(name K) int {
	i, ok := n.index[name]
	if !ok {
		if n.index == nil {
			n.index = map[K]int{}
		}
		i = len(n.list)
		n.list = append(n.list, name)
		n.index[name] = i
	}
	return i
}

// at returns the values of name in vs; nil when name was never seen or
// vs has none for it.
func (n *names[K]) at(vs values, name K) []float64 {
	if i, ok := n.index[name]; ok {
		return vs.of(i)
	}
	return nil
}

// values are a unit's article values of several variables (its axes, or
// its targets), by the variables' positions in an Aggregator's names.
// Only the variables with a value take room: a unit of one article that
// has a value on two of a dozen targets holds two, not a dozen.
type values []variableValues

// variableValues are the values of the variable at a position.
type variableValues struct {
	at int
	x  []float64
}

// add appends x to the values of the variable at position i.
func (vs *values) add(i int, x float64) {
	for k := range *vs {
		if v := &(*vs)[k]; v.at == i {
			v.x = append(v.x, x)
			return
		}
	}
	*vs = append(*vs, variableValues{at: i, x: []float64{x}})
}

// of returns the values of the variable at position i; nil when none.
func (vs values) of(i int) []float64 {
	for _, v := range vs {
		if v.at == i {
			return v.x
		}
	}
	return nil
}

// unitAcc accumulates one unit's records.
type unitAcc struct {
	name        string
	index       int // position in Aggregator.order; keys its n-grams and forms
	articles    int
	tokens      int
	groups      []groupCount // articles by group, in order of first appearance
	loadedPer1k []float64
	voice       []int       // loaded terms by position in Aggregator.voices
	forms       []formCount // uses by form (Aggregator.forms), sorted by form index
	axes        values      // article scores by position in Aggregator.axes
	targets     values      // article framings by position in Aggregator.targets
	withText    int
	cred        *credibility.Profile // nil until an article has signals
	credN       int                  // articles with credibility signals
	trend       *trendAcc            // dated articles, when Options.Period is set
}

// groupCount counts a unit's articles in one group (by position in
// Aggregator.groups).
type groupCount struct {
	group, n int32
}

// entryInfo is what records say about a lexicon entry.
type entryInfo struct {
	target, category string
	valence          float64
	loaded           bool
	lean             map[string]float64 // contributions, when valence is 0
}

// formUse is a form of an entry as a unit wrote it, in one voice.
type formUse struct {
	entry string
	voice record.Voice
	text  string
}

// formCount is a unit's uses of a form, by index in Aggregator.forms.
type formCount struct {
	form uint32
	n    int32
}

// New returns an empty Aggregator (see Options).
func New(opt Options) *Aggregator {
	opt = opt.normal()
	return &Aggregator{
		opt:       opt,
		units:     make(map[string]*unitAcc),
		entries:   make(map[string]*entryInfo),
		ids:       make(map[uint64]struct{}),
		formIndex: make(map[formUse]uint32),
	}
}

// Add adds one article's record. It returns a *LexiconMismatchError if r
// was scored with another lexicon (name or SHA-256) than the first record
// added. Add does not keep r.
func (a *Aggregator) Add(r *record.Record) error {
	if a.n == 0 {
		a.lex = r.Lexicon
	} else if r.Lexicon.Name != a.lex.Name || r.Lexicon.SHA256 != a.lex.SHA256 {
		return &LexiconMismatchError{Want: a.lex, Got: r.Lexicon}
	}
	a.n++
	u := a.unit(record.UnitOf(r, a.opt.By))
	u.articles++
	u.tokens += r.Tokens
	if a.opt.By == "outlet" {
		u.addGroup(int32(a.groups.of(r.Group)))
	}
	u.loadedPer1k = append(u.loadedPer1k, r.LoadedPer1k)
	for v, n := range r.LoadedByVoice {
		i := a.voices.of(v)
		u.voice = grow(u.voice, i, len(a.voices.list))
		u.voice[i] += n
	}
	for id, s := range r.Stance {
		i := a.axes.of(id)
		// No evidence is not a neutral stance: an article without terms
		// bearing on the axis says nothing about it.
		if s.N > 0 {
			u.axes.add(i, s.Score)
		}
	}
	for id, t := range r.Targets {
		i := a.targets.of(id)
		if t.Framing != nil {
			u.targets.add(i, *t.Framing)
		}
	}
	for i := range r.Matches {
		m := &r.Matches[i]
		f, ok := a.formIndex[formUse{m.Entry, m.Voice, m.Text}]
		if !ok {
			f = a.newForm(m)
		}
		u.addForm(f)
	}
	if r.Credibility != nil {
		if u.cred == nil {
			u.cred = &credibility.Profile{}
		}
		u.cred.Add(r.Credibility, r.Tokens)
		u.credN++
	}
	if r.Text == "" {
		a.noText++
	} else {
		u.withText++
		if a.opt.Top > 0 {
			a.keepText(u.index, r)
		}
	}
	if d := r.Published(); !d.IsZero() {
		if a.opt.Period != 0 {
			u.addTrend(d, r.Stance)
		}
		if a.first.IsZero() || d.Compare(a.first) < 0 {
			a.first = d
		}
		if d.Compare(a.last) > 0 {
			a.last = d
		}
	} else {
		a.undated++
		if r.DateOriginal != "" {
			a.unreadDates++
		}
	}
	if r.ID != "" {
		h := fnv.New64a()
		h.Write([]byte(r.Outlet))
		h.Write([]byte{0})
		h.Write([]byte(r.ID))
		k := h.Sum64()
		if _, dup := a.ids[k]; dup {
			if a.dupes == 0 {
				a.dupeID = r.ID
			}
			a.dupes++
		} else {
			a.ids[k] = struct{}{}
		}
	}
	return nil
}

// grow returns s long enough to index i, its new elements zero. It grows
// to n (the names known so far) at once: a unit's first record usually
// has terms in most voices.
func grow[T any](s []T, i, n int) []T {
	if i < len(s) {
		return s
	}
	g := make([]T, max(i+1, n))
	copy(g, s)
	return g
}

func (a *Aggregator) unit(name string) *unitAcc {
	u := a.units[name]
	if u == nil {
		u = &unitAcc{name: name, index: len(a.order)}
		a.units[name] = u
		a.order = append(a.order, u)
	}
	return u
}

// addGroup counts an article of the unit in group g.
func (u *unitAcc) addGroup(g int32) {
	for i := range u.groups {
		if u.groups[i].group == g {
			u.groups[i].n++
			return
		}
	}
	u.groups = append(u.groups, groupCount{g, 1})
}

// newForm adds the form of m to a.forms and returns its index; the first
// match of an entry says what the entry is.
func (a *Aggregator) newForm(m *record.MatchRecord) uint32 {
	if a.entries[m.Entry] == nil {
		e := &entryInfo{target: m.Target, category: m.Category, valence: m.Valence, loaded: m.Loaded}
		if m.Valence == 0 && m.Loaded {
			e.lean = maps.Clone(m.Contrib)
		}
		a.entries[m.Entry] = e
	}
	f := formUse{m.Entry, m.Voice, m.Text}
	i := uint32(len(a.forms))
	a.forms = append(a.forms, f)
	a.formIndex[f] = i
	return i
}

// addForm counts a use of form f (by index in Aggregator.forms).
func (u *unitAcc) addForm(f uint32) {
	i, ok := slices.BinarySearchFunc(u.forms, f, func(c formCount, f uint32) int { return cmp.Compare(c.form, f) })
	if ok {
		u.forms[i].n++
		return
	}
	u.forms = slices.Insert(u.forms, i, formCount{f, 1})
}

// authorUses returns how often unit u used each entry in its own voice.
func (a *Aggregator) authorUses(u *unitAcc) map[string]int {
	out := map[string]int{}
	for _, fc := range u.forms {
		if f := &a.forms[fc.form]; f.voice == record.Author {
			out[f.entry] += int(fc.n)
		}
	}
	return out
}

// mainGroup returns the unit's most common non-empty group, the first by
// name on ties, so that the result does not depend on record order.
func (a *Aggregator) mainGroup(u *unitAcc) string {
	best, n := "", int32(0)
	for _, g := range u.groups {
		name := a.groups.list[g.group]
		if name != "" && (g.n > n || g.n == n && name < best) {
			best, n = name, g.n
		}
	}
	return best
}

// groupsOf returns the unit's non-empty groups, sorted.
func (a *Aggregator) groupsOf(u *unitAcc) []string {
	var gs []string
	for _, g := range u.groups {
		if name := a.groups.list[g.group]; name != "" {
			gs = append(gs, name)
		}
	}
	slices.Sort(gs)
	return gs
}

// Articles returns the number of records added.
func (a *Aggregator) Articles() int { return a.n }

// Result computes the comparison of the records added so far. Every
// number in it depends only on the set of records added, not on their
// order or on the number of workers: the texts sampled for distinctive
// terms are chosen by hash, and counted in hash order.
//
// The bootstrap interval of unit u's variable v (an axis id, a target id
// or "loaded_per_1k") is drawn with the seed FNV-1a(Seed ‖ kind ‖ v ‖ u)
// over its values sorted, so it does not change when other units or
// records of other units are added, nor with the order of records.
func (a *Aggregator) Result() *Comparison {
	opt := a.opt
	c := &Comparison{
		Schema:      StatsSchema,
		Lexicon:     a.lex,
		By:          opt.By,
		Articles:    a.n,
		Bootstrap:   opt.Bootstrap,
		Seed:        opt.Seed,
		MinArticles: opt.MinArticles,
		Quantiles:   QuantileDefinition,
		DateRange:   [2]string{a.first.String(), a.last.String()},
		Units:       []Unit{},
		Tests:       []AxisTests{},
		TargetTests: []AxisTests{},
		Naming:      []Naming{},
		Distinctive: []Distinctive{},
		Notes:       []string{},
	}
	lex := a.lexicon()
	c.Axes, c.Targets = a.labels(lex)
	if a.n == 0 {
		c.Notes = append(c.Notes, "No records: nothing to compare.")
		return c
	}
	units := slices.Clone(a.order)
	slices.SortFunc(units, func(x, y *unitAcc) int {
		if x.articles != y.articles {
			return cmp.Compare(y.articles, x.articles)
		}
		return cmp.Compare(x.name, y.name)
	})
	// Distinctive terms first: their word and phrase counts, hundreds of
	// megabytes at most, are dropped before the summaries and the naming
	// of tens of thousands of units take their place.
	inLexicon := a.lexiconForms(lex)
	var ngramNotes []string
	if opt.Top > 0 {
		ranked, rankNote := a.rankedUnits(units)
		c.Distinctive, ngramNotes = a.distinctive(units, inLexicon, func(u *unitAcc) bool { return ranked[u] })
		c.Distinctive, ngramNotes = a.distinctiveOfTested(c.Distinctive, ngramNotes)
		c.Distinctive = slices.DeleteFunc(c.Distinctive, func(d Distinctive) bool { return !ranked[a.units[d.Unit]] })
		if rankNote != "" {
			ngramNotes = append(ngramNotes, rankNote)
		}
	}
	a.summarise(c, units)
	// Each axis and target is one family of tests, run on the workers.
	c.Tests = make([]AxisTests, len(c.Axes))
	c.TargetTests = make([]AxisTests, len(c.Targets))
	var families []func()
	few := a.tooFew(units)
	for i, ax := range c.Axes {
		families = append(families, func() {
			c.Tests[i] = a.test(units, few, ax.ID, "", labelOf(c.Axes, ax.ID), func(u *unitAcc) []float64 { return a.axes.at(u.axes, ax.ID) })
		})
	}
	for i, t := range c.Targets {
		families = append(families, func() {
			c.TargetTests[i] = a.test(units, few, "", t.ID, labelOf(c.Targets, t.ID), func(u *unitAcc) []float64 { return a.targets.at(u.targets, t.ID) })
		})
	}
	a.parallel(len(families), func(i int) { families[i]() })
	c.Naming = a.naming(c.Targets, units, lex, opt.ListUnits)
	var mapNote string
	c.Map, mapNote = a.outletMap(units, entryNames(lex))
	if opt.Period != 0 {
		c.Trends = a.trends(c, units)
	}
	c.Notes = a.notes(c, units, lex)
	c.Notes = append(c.Notes, ngramNotes...)
	if mapNote != "" {
		c.Notes = append(c.Notes, mapNote)
	}
	return c
}

// lexicon returns Options.Lexicon when it is the lexicon the records were
// scored with (same name and SHA-256), else nil.
func (a *Aggregator) lexicon() *lexicon.Lexicon {
	lex := a.opt.Lexicon
	if lex != nil && (lex.Name != a.lex.Name || lex.Hash != a.lex.SHA256) {
		return nil
	}
	return lex
}

// labels lists the axes and targets in lexicon order when the lexicon is
// known, else sorted by id with the ids as labels.
func (a *Aggregator) labels(lex *lexicon.Lexicon) (axes, targets []Label) {
	axes, targets = []Label{}, []Label{}
	if lex != nil {
		for _, ax := range lex.Axes {
			axes = append(axes, Label{ID: ax.ID, Label: ax.Label})
		}
		for _, t := range lex.Targets {
			targets = append(targets, Label{ID: t.ID, Label: t.Label})
		}
		return axes, targets
	}
	for _, id := range slices.Sorted(slices.Values(a.axes.list)) {
		axes = append(axes, Label{ID: id, Label: id})
	}
	for _, id := range slices.Sorted(slices.Values(a.targets.list)) {
		targets = append(targets, Label{ID: id, Label: id})
	}
	return axes, targets
}

// parallel calls f(0), …, f(n−1) on the workers. The calls must write to
// separate places; the result then does not depend on the workers.
func (a *Aggregator) parallel(n int, f func(int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(a.opt.Workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
