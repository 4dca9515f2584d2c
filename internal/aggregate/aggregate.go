package aggregate

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"maps"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/stats"
	"github.com/compare-tool/compare/internal/token"
)

// Defaults of Options, used when a field is zero.
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

// Alpha is the significance level of the plain-language sentences: a
// difference is called reliable when its Holm-adjusted p-value is below it.
const Alpha = 0.05

// QuantileDefinition names the quantiles of every median, quartile and
// IQR in a Comparison.
const QuantileDefinition = "R type 7 (Hyndman & Fan 1996; R's quantile() default): linear interpolation between order statistics at positions (k-1)/(n-1)"

// bootstrapMaxN is the largest sample whose interval is bootstrapped.
// Beyond it the percentile bootstrap interval of a mean agrees with the
// normal interval mean ± 1.96·sd/√n to well within the bootstrap's own
// Monte Carlo error, and resampling would cost Bootstrap·n draws.
const bootstrapMaxN = 5_000

// maxPairUnits is the most units whose pairs are tested: 780 pairs. The
// list would be unreadable beyond it, and each exact Mann–Whitney p costs
// up to n_a²·n_b² operations.
const maxPairUnits = 40

// smallCI is the sample size below which percentile bootstrap intervals
// are known to be too narrow, which the notes say.
const smallCI = 10

// Options configure an Aggregator. Zero fields take the defaults
// above.
type Options struct {
	// By is "outlet" (the default) or "group": what the units are.
	By string
	// Bootstrap is the number of bootstrap resamples for the 95%
	// intervals of means; a negative value leaves the intervals out.
	Bootstrap int
	// Seed seeds the bootstrap. Each unit and variable draws from its own
	// stream, derived from Seed and their names (see Result).
	Seed uint64
	// MinArticles is the fewest articles with a value a unit needs to
	// enter a test.
	MinArticles int
	// Top is how many distinctive terms to keep per unit.
	Top int
	// TextBudget bounds the bytes of article text kept for distinctive
	// terms; past it the texts are sampled (see Result).
	TextBudget int
	// NgramCap bounds the (unit, word or phrase) counts of the sampled
	// texts; past it the rarest are pruned.
	NgramCap int
	// Lexicon, when it is the lexicon the records were scored with (same
	// name and SHA-256), supplies labels, lexicon order and each entry's
	// first surface form. Without it ids stand in for labels.
	Lexicon *lexicon.Lexicon
	// Workers is the number of goroutines Result uses; 0 means GOMAXPROCS.
	// The result does not depend on it.
	Workers int
}

func (o Options) withDefaults() Options {
	if o.By == "" {
		o.By = "outlet"
	}
	if o.Bootstrap == 0 {
		o.Bootstrap = DefaultBootstrap
	}
	if o.MinArticles <= 0 {
		o.MinArticles = DefaultMinArticles
	}
	if o.Top <= 0 {
		o.Top = DefaultTop
	}
	if o.NgramCap <= 0 {
		o.NgramCap = DefaultNgramCap
	}
	if o.TextBudget <= 0 {
		o.TextBudget = DefaultTextBudget
	}
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
type Aggregator struct {
	opt     Options
	lex     record.LexiconRef
	n       int
	units   map[string]*unitAcc
	order   []*unitAcc // in order of first appearance
	axes    map[string]bool
	targets map[string]bool
	entries map[string]*entryInfo
	// sample holds the article texts kept for distinctive terms: those
	// whose hash has at least sampleLevel leading zero bits.
	sample      []sampledText
	sampleLevel int
	sampleBytes int
	noText      int
	dates       [2]string
	ids         map[uint64]struct{}
	dupes       int
	dupeID      string
}

// unitAcc accumulates one unit's records.
type unitAcc struct {
	name        string
	index       int // position in Aggregator.order; keys its n-grams
	articles    int
	tokens      int
	groups      map[string]int
	loadedPer1k []float64
	voice       map[record.Voice]int
	axes        map[string][]float64
	targets     map[string][]float64
	entries     map[string]int // author-voice uses of each entry
	withText    int
	cred        credibility.Profile
	credN       int // articles with credibility signals
}

// entryInfo is what records say about a lexicon entry.
type entryInfo struct {
	target, category string
	valence          float64
	forms            map[string]int // matched text → uses, in any voice
}

// NewAggregator returns an empty Aggregator.
func New(opt Options) *Aggregator {
	opt = opt.withDefaults()
	return &Aggregator{
		opt:     opt,
		units:   make(map[string]*unitAcc),
		axes:    make(map[string]bool),
		targets: make(map[string]bool),
		entries: make(map[string]*entryInfo),
		ids:     make(map[uint64]struct{}),
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
		u.groups[r.Group]++
	}
	u.loadedPer1k = append(u.loadedPer1k, r.LoadedPer1k)
	for v, n := range r.LoadedByVoice {
		u.voice[v] += n
	}
	for id, s := range r.Stance {
		a.axes[id] = true
		// No evidence is not a neutral stance: an article without terms
		// bearing on the axis says nothing about it.
		if s.N > 0 {
			u.axes[id] = append(u.axes[id], s.Score)
		}
	}
	for id, t := range r.Targets {
		a.targets[id] = true
		if t.Framing != nil {
			u.targets[id] = append(u.targets[id], *t.Framing)
		}
	}
	for i := range r.Matches {
		m := &r.Matches[i]
		e := a.entries[m.Entry]
		if e == nil {
			e = &entryInfo{target: m.Target, category: m.Category, valence: m.Valence, forms: map[string]int{}}
			a.entries[m.Entry] = e
		}
		e.forms[m.Text]++
		if m.Voice == record.Author {
			u.entries[m.Entry]++
		}
	}
	if r.Credibility != nil {
		u.cred.Add(r.Credibility, r.Tokens)
		u.credN++
	}
	if r.Text == "" {
		a.noText++
	} else {
		u.withText++
		a.keepText(u.index, r)
	}
	if d := r.Date; d != "" {
		if a.dates[0] == "" || d < a.dates[0] {
			a.dates[0] = d
		}
		if d > a.dates[1] {
			a.dates[1] = d
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

func (a *Aggregator) unit(name string) *unitAcc {
	u := a.units[name]
	if u == nil {
		u = &unitAcc{
			name:    name,
			index:   len(a.order),
			groups:  map[string]int{},
			voice:   map[record.Voice]int{},
			axes:    map[string][]float64{},
			targets: map[string][]float64{},
			entries: map[string]int{},
		}
		a.units[name] = u
		a.order = append(a.order, u)
	}
	return u
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
		Bootstrap:   max(opt.Bootstrap, 0),
		Seed:        opt.Seed,
		MinArticles: opt.MinArticles,
		Quantiles:   QuantileDefinition,
		DateRange:   a.dates,
		Units:       []Unit{},
		Tests:       []AxisTests{},
		TargetTests: []AxisTests{},
		Naming:      []Naming{},
		Distinctive: []Distinctive{},
		Notes:       []string{},
	}
	lex := opt.Lexicon
	if lex != nil && (lex.Name != a.lex.Name || lex.Hash != a.lex.SHA256) {
		lex = nil
	}
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
	a.summarise(c, units)
	labelOf := func(ls []Label, id string) string {
		for _, l := range ls {
			if l.ID == id && l.Label != "" {
				return l.Label
			}
		}
		return id
	}
	// Each axis and target is one family of tests, run on the workers.
	c.Tests = make([]AxisTests, len(c.Axes))
	c.TargetTests = make([]AxisTests, len(c.Targets))
	var families []func()
	for i, ax := range c.Axes {
		families = append(families, func() {
			c.Tests[i] = a.test(units, ax.ID, "", labelOf(c.Axes, ax.ID), func(u *unitAcc) []float64 { return u.axes[ax.ID] })
		})
	}
	for i, t := range c.Targets {
		families = append(families, func() {
			c.TargetTests[i] = a.test(units, "", t.ID, labelOf(c.Targets, t.ID), func(u *unitAcc) []float64 { return u.targets[t.ID] })
		})
	}
	a.parallel(len(families), func(i int) { families[i]() })
	c.Naming = a.naming(c.Targets, units, lex)
	inLexicon := a.lexiconForms(lex)
	var ngramNotes []string
	c.Distinctive, ngramNotes = a.distinctive(units, inLexicon)
	var mapNote string
	c.Map, mapNote = a.outletMap(units)
	c.Notes = a.notes(c, units, lex)
	c.Notes = append(c.Notes, ngramNotes...)
	if mapNote != "" {
		c.Notes = append(c.Notes, mapNote)
	}
	return c
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
	for _, id := range slices.Sorted(maps.Keys(a.axes)) {
		axes = append(axes, Label{ID: id, Label: id})
	}
	for _, id := range slices.Sorted(maps.Keys(a.targets)) {
		targets = append(targets, Label{ID: id, Label: id})
	}
	return axes, targets
}

// summarise fills c.Units, computing the summaries on opt.Workers
// goroutines; each summary has its own seed, so the result does not depend
// on which goroutine computes it.
func (a *Aggregator) summarise(c *Comparison, units []*unitAcc) {
	type job struct {
		x   []float64
		key string
		dst *Summary
	}
	var jobs []job
	c.Units = make([]Unit, len(units))
	// Summaries are filled in place after the maps are built, so collect
	// pointers into per-unit slices first.
	type slots struct {
		loaded  Summary
		axes    []Summary
		targets []Summary
	}
	all := make([]slots, len(units))
	for i, u := range units {
		s := &all[i]
		s.axes = make([]Summary, len(c.Axes))
		s.targets = make([]Summary, len(c.Targets))
		jobs = append(jobs, job{u.loadedPer1k, "loaded_per_1k\x00\x00" + u.name, &s.loaded})
		for j, ax := range c.Axes {
			jobs = append(jobs, job{u.axes[ax.ID], "axis\x00" + ax.ID + "\x00" + u.name, &s.axes[j]})
		}
		for j, t := range c.Targets {
			jobs = append(jobs, job{u.targets[t.ID], "target\x00" + t.ID + "\x00" + u.name, &s.targets[j]})
		}
	}
	a.parallel(len(jobs), func(i int) { *jobs[i].dst = a.summary(jobs[i].x, jobs[i].key) })

	for i, u := range units {
		unit := Unit{
			Name:        u.name,
			Group:       mostCommon(u.groups),
			Articles:    u.articles,
			Tokens:      u.tokens,
			LoadedPer1k: all[i].loaded,
			VoiceShare:  map[record.Voice]float64{},
			Axes:        make(map[string]Summary, len(c.Axes)),
			Targets:     make(map[string]Summary, len(c.Targets)),
			Tested:      u.articles >= a.opt.MinArticles,
		}
		if u.credN > 0 {
			p := u.cred.Result()
			unit.Credibility = &p
		}
		if !unit.Tested {
			unit.Excluded = fmt.Sprintf("%s; tests need at least %d", plural(u.articles, "article"), a.opt.MinArticles)
		}
		var loaded int
		for _, n := range u.voice {
			loaded += n
		}
		if loaded > 0 {
			for _, v := range []record.Voice{record.Author, record.Quote, record.Distanced} {
				unit.VoiceShare[v] = float64(u.voice[v]) / float64(loaded)
			}
		}
		for j, ax := range c.Axes {
			unit.Axes[ax.ID] = all[i].axes[j]
		}
		for j, t := range c.Targets {
			unit.Targets[t.ID] = all[i].targets[j]
		}
		c.Units[i] = unit
	}
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

// summary describes x, sorting it in place. key names the unit and
// variable for the bootstrap seed.
func (a *Aggregator) summary(x []float64, key string) Summary {
	s := Summary{N: len(x)}
	if len(x) == 0 {
		return s
	}
	// Sorting makes the bootstrap independent of the order records came in.
	slices.Sort(x)
	mean, sd := stats.MeanStd(x)
	s.Mean = finite(mean)
	if len(x) > 1 {
		s.SD = finite(sd)
	}
	s.Median = finite(stats.Quantile7(0.5, x))
	q1, q3 := stats.Quantile7(0.25, x), stats.Quantile7(0.75, x)
	s.Q1, s.Q3, s.IQR = finite(q1), finite(q3), finite(q3-q1)
	if a.opt.Bootstrap > 0 && len(x) > 1 {
		var lo, hi float64
		if len(x) <= bootstrapMaxN {
			lo, hi = stats.BootstrapCI(x, meanOf, a.opt.Bootstrap, 0.95, a.seedFor(key))
			s.CIMethod = "percentile bootstrap"
		} else {
			half := distuv.UnitNormal.Quantile(0.975) * sd / math.Sqrt(float64(len(x)))
			lo, hi = mean-half, mean+half
			s.CIMethod = "normal"
		}
		s.CILow, s.CIHigh = finite(lo), finite(hi)
	}
	return s
}

func meanOf(x []float64) float64 { return stat.Mean(x, nil) }

// seedFor derives the seed of one bootstrap from the user's seed and key.
func (a *Aggregator) seedFor(key string) uint64 {
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], a.opt.Seed)
	h.Write(b[:])
	h.Write([]byte(key))
	return h.Sum64()
}

func finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// mostCommon returns the most frequent non-empty key, the first by name
// on ties, so that the result does not depend on record order.
func mostCommon(m map[string]int) string {
	best, n := "", 0
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if k != "" && m[k] > n {
			best, n = k, m[k]
		}
	}
	return best
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// test runs the tests of differences between units on one axis (axis set)
// or one target's framing (target set).
func (a *Aggregator) test(units []*unitAcc, axis, target, label string, values func(*unitAcc) []float64) AxisTests {
	t := AxisTests{Axis: axis, Target: target, Units: []string{}, Pairs: []Pair{}}
	what := "score"
	if target != "" {
		what = "framing"
	}
	var tested []*unitAcc
	for _, u := range units {
		n := len(values(u))
		switch {
		case u.articles < a.opt.MinArticles:
			t.addExcluded(u.name, fmt.Sprintf("%s; tests need at least %d", plural(u.articles, "article"), a.opt.MinArticles))
		case n < a.opt.MinArticles:
			t.addExcluded(u.name, fmt.Sprintf("%d of %s have a %s %s; tests need at least %d", n, plural(u.articles, "article"), label, what, a.opt.MinArticles))
		default:
			tested = append(tested, u)
			t.Units = append(t.Units, u.name)
		}
	}
	if len(tested) < 2 {
		switch {
		case len(units) < 2:
			t.Skipped = "only one " + a.opt.By + ": nothing to compare"
		case len(tested) == 0 && maxArticles(units) < a.opt.MinArticles:
			t.Skipped = fmt.Sprintf("every %s has fewer than %d articles: per-%s tests need at least %d articles per %s",
				a.opt.By, a.opt.MinArticles, a.opt.By, a.opt.MinArticles, a.opt.By)
		default:
			t.Skipped = fmt.Sprintf("%s of %d %ss %s at least %d articles with a %s %s; tests need two",
				countWord(len(tested)), len(units), a.opt.By, hasHave(len(tested)), a.opt.MinArticles, label, what)
		}
		return t
	}
	samples := make([][]float64, len(tested))
	for i, u := range tested {
		samples[i] = values(u)
	}
	kw := stats.KruskalWallis(samples...)
	if math.IsNaN(kw.H) {
		t.Skipped = "every tested article has the same " + what + ": there is no difference to test"
		return t
	}
	t.KruskalWallis = &Kruskal{H: kw.H, DF: int(kw.DF), P: kw.P}
	if len(tested) > maxPairUnits {
		t.PairsOmitted = fmt.Sprintf("%d %ss were tested: pairwise tests are listed for at most %d (%d pairs); compare fewer %ss, or groups of them",
			len(tested), a.opt.By, maxPairUnits, maxPairUnits*(maxPairUnits-1)/2, a.opt.By)
		return t
	}
	var ps []float64
	for i := range tested {
		for j := i + 1; j < len(tested); j++ {
			mw := stats.MannWhitney(samples[i], samples[j])
			t.Pairs = append(t.Pairs, Pair{
				A: tested[i].name, B: tested[j].name,
				NA: len(samples[i]), NB: len(samples[j]),
				U: mw.U, P: mw.P, Exact: mw.Exact,
				CliffsDelta: stats.CliffsDelta(samples[i], samples[j]),
			})
			ps = append(ps, mw.P) // NaN when all values are tied: left out of Holm, as R leaves NA
		}
	}
	holm := stats.Holm(ps)
	for k := range t.Pairs {
		p := &t.Pairs[k]
		p.PHolm = holm[k]
		if math.IsNaN(p.P) {
			// Every value of both units is the same: every rearrangement
			// of the labels gives the same U, so the permutation p is 1.
			p.P, p.PHolm = 1, 1
		}
		p.Sentence = sentence(p, label, target != "")
	}
	return t
}

func (t *AxisTests) addExcluded(unit, reason string) {
	if t.Excluded == nil {
		t.Excluded = map[string]string{}
	}
	t.Excluded[unit] = reason
}

func maxArticles(units []*unitAcc) int {
	n := 0
	for _, u := range units {
		n = max(n, u.articles)
	}
	return n
}

func countWord(n int) string {
	switch n {
	case 0:
		return "none"
	case 1:
		return "only one"
	}
	return fmt.Sprint(n)
}

func hasHave(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}

// EffectSize names the size of Cliff's delta by the thresholds of Romano
// et al. (2006), "Appropriate statistics for ordinal level data", Florida
// Association of Institutional Research: |δ| < 0.147 negligible, < 0.33
// small, < 0.474 medium, otherwise large.
func EffectSize(delta float64) string {
	switch d := math.Abs(delta); {
	case d < 0.147:
		return "negligible"
	case d < 0.33:
		return "small"
	case d < 0.474:
		return "medium"
	}
	return "large"
}

// sentence says a pair's result in plain language. A difference is
// reliable when its Holm-adjusted p is below Alpha; a clear difference in
// the sample that is not reliable is said to be possibly chance.
func sentence(p *Pair, label string, framing bool) string {
	hi, lo := p.A, p.B
	if p.CliffsDelta < 0 {
		hi, lo = lo, hi
	}
	higher := fmt.Sprintf("%s's articles score higher on %s than %s's", hi, label, lo)
	if framing {
		higher = fmt.Sprintf("%s's articles name %s more favourably than %s's", hi, label, lo)
	}
	d, size := math.Abs(p.CliffsDelta), EffectSize(p.CliffsDelta)
	switch {
	case p.PHolm < Alpha && p.CliffsDelta != 0:
		return fmt.Sprintf("%s (Cliff's δ = %.2f, %s; Holm p %s).", higher, d, size, formatP(p.PHolm))
	case size == "negligible":
		return fmt.Sprintf("No reliable difference between %s and %s on %s (Cliff's δ = %.2f, %s; Holm p %s).", p.A, p.B, label, d, size, formatP(p.PHolm))
	}
	verb := "score higher"
	if framing {
		verb = "name it more favourably"
	}
	return fmt.Sprintf("No reliable difference between %s and %s on %s: %s's articles %s in this sample (Cliff's δ = %.2f, %s), but with Holm p %s that may be chance.",
		p.A, p.B, label, hi, verb, d, size, formatP(p.PHolm))
}

// formatP writes a p-value with its relation: "= 0.003", "< 0.001".
func formatP(p float64) string {
	if p < 0.001 {
		return "< 0.001"
	}
	return "= " + strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", p), "0"), ".")
}

// naming builds the naming matrix from author-voice uses of entries.
func (a *Aggregator) naming(targets []Label, units []*unitAcc, lex *lexicon.Lexicon) []Naming {
	first := map[string]string{}
	if lex != nil {
		for _, e := range lex.Entries {
			first[e.ID] = e.Terms[0]
		}
	}
	out := []Naming{}
	for _, t := range targets {
		n := Naming{Target: t.ID, Labels: []NamingLabel{}}
		refs := map[string]int{} // unit → author-voice references to t
		for _, u := range units {
			for id, k := range u.entries {
				if e := a.entries[id]; e != nil && e.target == t.ID {
					refs[u.name] += k
				}
			}
		}
		totals := map[string]int{}
		for _, id := range slices.Sorted(maps.Keys(a.entries)) {
			e := a.entries[id]
			if e.target != t.ID {
				continue
			}
			l := NamingLabel{Entry: id, Term: first[id], Valence: e.valence, Category: e.category,
				Counts: map[string]int{}, Shares: map[string]float64{}}
			if l.Term == "" {
				l.Term = commonForm(e.forms)
			}
			for _, u := range units {
				if refs[u.name] == 0 {
					continue
				}
				k := u.entries[id]
				l.Counts[u.name] = k
				l.Shares[u.name] = float64(k) / float64(refs[u.name])
				totals[id] += k
			}
			if totals[id] > 0 {
				n.Labels = append(n.Labels, l)
			}
		}
		sort.SliceStable(n.Labels, func(i, j int) bool {
			return totals[n.Labels[i].Entry] > totals[n.Labels[j].Entry]
		})
		if len(n.Labels) > 0 {
			out = append(out, n)
		}
	}
	return out
}

// commonForm returns the most used surface form, folded; the first in
// byte order on ties.
func commonForm(forms map[string]int) string {
	folded := map[string]int{}
	for f, n := range forms {
		folded[token.Fold(f)] += n
	}
	return mostCommon(folded)
}

// lexiconForms returns the folded surface forms of the lexicon's terms:
// every form a record matched and, when the lexicon is known, every term
// without a wildcard.
func (a *Aggregator) lexiconForms(lex *lexicon.Lexicon) map[string]bool {
	set := map[string]bool{}
	for _, e := range a.entries {
		for f := range e.forms {
			set[token.Fold(f)] = true
		}
	}
	if lex != nil {
		for _, e := range lex.Entries {
			for _, t := range e.Terms {
				if !strings.Contains(t, "*") {
					set[token.Fold(t)] = true
				}
			}
		}
	}
	return set
}

// outletMap runs the correspondence analysis of units × entries
// (author-voice uses).
func (a *Aggregator) outletMap(units []*unitAcc) (*OutletMap, string) {
	entries := slices.Sorted(maps.Keys(a.entries))
	table := mat.NewDense(max(len(units), 1), max(len(entries), 1), nil)
	for i, u := range units {
		for j, id := range entries {
			table.Set(i, j, float64(u.entries[id]))
		}
	}
	res, err := stats.CorrespondenceAnalysis(table)
	if err != nil {
		return nil, fmt.Sprintf("No outlet map: correspondence analysis needs at least two %ss and two lexicon entries used in the author's voice.", a.opt.By)
	}
	if math.IsNaN(res.Share[0]) {
		return nil, fmt.Sprintf("No outlet map: every %s uses the lexicon entries in the same proportions.", a.opt.By)
	}
	k := len(res.Inertia)
	m := &OutletMap{Units: []MapPoint{}, Entries: []MapPoint{}}
	m.Inertia[0] = res.Share[0]
	if k > 1 {
		m.Inertia[1] = res.Share[1]
	}
	var total float64
	rowSum := make([]float64, len(units))
	colSum := make([]float64, len(entries))
	for i := range units {
		for j := range entries {
			v := table.At(i, j)
			rowSum[i] += v
			colSum[j] += v
			total += v
		}
	}
	point := func(name string, coords *mat.Dense, i int, mass float64) (MapPoint, bool) {
		x := coords.At(i, 0)
		if math.IsNaN(x) {
			return MapPoint{}, false
		}
		y := 0.0
		if k > 1 {
			y = coords.At(i, 1)
		}
		return MapPoint{Name: name, X: x, Y: y, Mass: mass}, true
	}
	for i, u := range units {
		if p, ok := point(u.name, res.RowCoords, i, rowSum[i]/total); ok {
			m.Units = append(m.Units, p)
		}
	}
	for j, id := range entries {
		if p, ok := point(id, res.ColCoords, j, colSum[j]/total); ok {
			m.Entries = append(m.Entries, p)
		}
	}
	note := ""
	if k == 1 {
		note = "The outlet map has one dimension only (two units or two entries): y is 0."
	}
	return m, note
}

// LexiconCaveat is the first note of every Comparison: what lexicon
// scoring cannot see. Reports that say it at more length leave it out.
const LexiconCaveat = "Lexicon scoring sees word choice only: it cannot see sarcasm, the selection of facts, or stance carried by words outside the lexicon."

// notes says in plain language what the numbers can and cannot tell.
func (a *Aggregator) notes(c *Comparison, units []*unitAcc, lex *lexicon.Lexicon) []string {
	by, minN := a.opt.By, a.opt.MinArticles
	notes := []string{
		LexiconCaveat,
		"An article counts toward an axis only when it uses at least one term bearing on it (stance n > 0), and toward a target's framing only when it names the target in its own voice: no evidence is not a neutral stance.",
	}
	var excluded []string
	for _, u := range units {
		if u.articles < minN {
			excluded = append(excluded, fmt.Sprintf("%s (%d)", u.name, u.articles))
		}
	}
	switch {
	case maxArticles(units) == 1 && len(units) > 1:
		notes = append(notes, fmt.Sprintf("One article per %s: per-%s tests need at least %d articles per %s, so no p-values are given. The summaries describe single articles, not %ss.", by, by, minN, by, by))
	case len(excluded) == len(units) && len(units) > 1:
		notes = append(notes, fmt.Sprintf("No %s has %d articles: per-%s tests need at least %d articles per %s, so no p-values are given.", by, minN, by, minN, by))
	case len(excluded) > 0:
		notes = append(notes, fmt.Sprintf("%s fewer than %d articles and %s listed but left out of the tests: %s.",
			pluralHave(len(excluded), by), minN, isAre(len(excluded)), listSome(excluded, 10)))
	}
	if a.dupes > 0 {
		notes = append(notes, fmt.Sprintf("%s repeat the outlet and id of an earlier record (first: %q); if score files overlap, those articles are counted twice.", plural(a.dupes, "record"), a.dupeID))
	}
	if by == "group" {
		if _, ok := a.units["(no group)"]; ok {
			notes = append(notes, "Articles without an outlet group are counted together as \"(no group)\".")
		}
	} else {
		for _, u := range units {
			var gs []string
			for _, g := range slices.Sorted(maps.Keys(u.groups)) {
				if g != "" {
					gs = append(gs, g)
				}
			}
			if len(gs) > 1 {
				notes = append(notes, fmt.Sprintf("Outlet %s has articles in several groups (%s); its most common group is shown.", u.name, strings.Join(gs, ", ")))
			}
		}
	}
	if lex == nil {
		if a.opt.Lexicon != nil {
			notes = append(notes, fmt.Sprintf("The lexicon given (%s) is not the one the records were scored with (%s): ids stand in for labels.",
				refString(record.LexiconRef{Name: a.opt.Lexicon.Name, Version: a.opt.Lexicon.Version, SHA256: a.opt.Lexicon.Hash}), refString(a.lex)))
		} else {
			notes = append(notes, fmt.Sprintf("The lexicon the records were scored with (%s) was not available: ids stand in for labels.", refString(a.lex)))
		}
	}
	if a.opt.Bootstrap > 0 {
		notes = append(notes, fmt.Sprintf("Intervals are 95%% percentile bootstrap intervals of the mean (%d resamples, seed %d). Each unit and variable draws from its own stream derived from the seed, so adding another %s does not change the others' intervals.", a.opt.Bootstrap, a.opt.Seed, by))
		small, normal := false, false
		for _, u := range c.Units {
			for _, s := range allSummaries(u) {
				small = small || (s.N >= 2 && s.N < smallCI)
				normal = normal || s.CIMethod == "normal"
			}
		}
		if small {
			notes = append(notes, fmt.Sprintf("Intervals from fewer than %d articles are too narrow (the percentile bootstrap undercovers in small samples): read them as rough.", smallCI))
		}
		if normal {
			notes = append(notes, fmt.Sprintf("Samples of more than %d articles get the normal interval mean ± 1.96·sd/√n, which the bootstrap would reproduce to within its own noise.", bootstrapMaxN))
		}
	} else {
		notes = append(notes, "No confidence intervals: the bootstrap was turned off.")
	}
	tested := false
	for _, t := range append(slices.Clone(c.Tests), c.TargetTests...) {
		tested = tested || t.KruskalWallis != nil
	}
	if tested {
		notes = append(notes,
			"Tests: Kruskal–Wallis (tie-corrected) across the tested units, then Mann–Whitney for each pair: exact p when both have fewer than 50 articles and there are no ties, else the normal approximation with tie and continuity correction (as R's kruskal.test and wilcox.test). Cliff's δ sizes each difference (Romano et al. 2006: below 0.147 negligible, 0.33 small, 0.474 medium, else large).",
			fmt.Sprintf("Pair p-values are Holm-adjusted within each axis and within each target, not across them; a difference is called reliable when the adjusted p is below %g.", Alpha),
			"The tests treat articles as independent. Articles about the same event or by the same author are not, which makes p-values too small.")
	}
	return notes
}

func allSummaries(u Unit) []Summary {
	s := []Summary{u.LoadedPer1k}
	for _, id := range slices.Sorted(maps.Keys(u.Axes)) {
		s = append(s, u.Axes[id])
	}
	for _, id := range slices.Sorted(maps.Keys(u.Targets)) {
		s = append(s, u.Targets[id])
	}
	return s
}

func pluralHave(n int, word string) string {
	if n == 1 {
		return "1 " + word + " has"
	}
	return fmt.Sprintf("%d %ss have", n, word)
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// listSome joins up to max items and says how many more there are.
func listSome(items []string, max int) string {
	if len(items) <= max {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:max], ", ") + fmt.Sprintf(" and %d more", len(items)-max)
}
