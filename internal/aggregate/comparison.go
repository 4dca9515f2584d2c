package aggregate

import (
	"fmt"

	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/record"
)

// This file declares the result of comparing outlets: what `compare stats`
// prints and what `compare report` draws. Aggregate (aggregate.go) fills it.

// StatsSchema names the version of the Comparison format. v2 names a
// naming entry by its label and lists the forms each unit wrote; v1 named
// it by its first surface form ("term"), which could be a word the unit
// never wrote.
const StatsSchema = "compare.stats/v2"

// Comparison compares outlets (or outlet groups) on the scores of their
// articles.
type Comparison struct {
	Schema  string            `json:"schema"`
	Lexicon record.LexiconRef `json:"lexicon"`
	// By is "outlet" or "group": what the Units are.
	By          string `json:"by"`
	Articles    int    `json:"articles"`
	Bootstrap   int    `json:"bootstrap"`
	Seed        uint64 `json:"seed"`
	MinArticles int    `json:"min_articles"`
	// Duplicates counts the records left out because an earlier record
	// had the same outlet, id and lexicon (see record.Duplicates); they
	// are not in Articles.
	Duplicates int `json:"duplicates,omitempty"`
	// Quantiles names the quantile definition used for medians and IQRs.
	Quantiles string `json:"quantiles"`
	// DateRange is the first and last article date, when dates are known.
	DateRange [2]string `json:"date_range,omitempty"`
	// Axes and Targets list the lexicon's ids in lexicon order, with labels.
	Axes    []Label `json:"axes"`
	Targets []Label `json:"targets"`
	// Units are the outlets or groups, largest first, then by name.
	Units []Unit `json:"units"`
	// Tests holds, per axis, the tests of differences between units.
	Tests []AxisTests `json:"tests"`
	// TargetTests holds, per target, the same tests on the units'
	// framing of the target (Target set, Axis empty).
	TargetTests []AxisTests `json:"target_tests"`
	// Naming is, per target, which entries each unit uses, and in which
	// forms.
	Naming []Naming `json:"naming"`
	// Distinctive holds each unit's most distinctive words and phrases
	// against the rest. Empty when the article texts were not available.
	Distinctive []Distinctive `json:"distinctive"`
	// Map is the correspondence analysis of units × lexicon entries; nil
	// when the table is too small.
	Map *OutletMap `json:"map,omitempty"`
	// WithinEvents compares units on the events they both reported; nil
	// unless CompareWithinEvents was called (compare stats --events).
	WithinEvents *WithinEvents `json:"within_events,omitempty"`
	// Trends are the units' stance per calendar period with a trend test;
	// nil unless Options.Period is set.
	Trends *Trends `json:"trends,omitempty"`
	// Baseline compares the records with a baseline of earlier ones; nil
	// unless the comparison was made by ResultAgainst.
	Baseline *Baseline `json:"baseline,omitempty"`
	// Notes are plain-language caveats about what these numbers can and
	// cannot tell, including why a test was not run.
	Notes []string `json:"notes"`
}

// Label is an id with its human label.
type Label struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Unit is one outlet or outlet group.
type Unit struct {
	Name string `json:"name"`
	// Group is the outlet's group when By is "outlet".
	Group    string `json:"group,omitempty"`
	Articles int    `json:"articles"`
	Tokens   int    `json:"tokens"`
	// LoadedPer1k summarises articles' loaded terms per 1,000 tokens;
	// VoiceShare is the share of the unit's loaded terms in each voice.
	LoadedPer1k Summary                  `json:"loaded_per_1k"`
	VoiceShare  map[record.Voice]float64 `json:"voice_share"`
	// Axes summarise article stance scores (articles with n > 0 only);
	// Targets summarise article framing of each target (articles that
	// name the target in their own voice only).
	Axes    Summaries `json:"axes"`
	Targets Summaries `json:"targets"`
	// Credibility pools the credibility signals of the unit's articles;
	// nil when the records carry none (scored with --credibility none).
	Credibility *credibility.ProfileResult `json:"credibility,omitempty"`
	// Tested is false when the unit has fewer than MinArticles articles;
	// Excluded then says why.
	Tested   bool   `json:"tested"`
	Excluded string `json:"excluded,omitempty"`
}

// Summary describes a sample of per-article values. Fields that cannot be
// computed (SD of one value, CI of an empty sample) are nil.
type Summary struct {
	N      int      `json:"n"`
	Mean   *float64 `json:"mean"`
	SD     *float64 `json:"sd"`
	Median *float64 `json:"median"`
	Q1     *float64 `json:"q1"`
	Q3     *float64 `json:"q3"`
	IQR    *float64 `json:"iqr"`
	// CILow and CIHigh bound the 95% percentile bootstrap interval of the mean.
	CILow  *float64 `json:"ci_low"`
	CIHigh *float64 `json:"ci_high"`
	// CIMethod is "percentile bootstrap", or "normal" (mean ± 1.96·sd/√n)
	// for samples too large to resample cheaply, where the two agree;
	// empty when there is no interval.
	CIMethod string `json:"ci_method,omitempty"`
}

// AxisTests are the tests of differences between units on one axis, or
// on their framing of one target.
type AxisTests struct {
	// Axis is the axis tested; empty in Comparison.TargetTests, where
	// Target names the target instead.
	Axis   string `json:"axis"`
	Target string `json:"target,omitempty"`
	// Units are the units that entered the tests; Excluded says, for
	// each unit left out, why. The families of a Comparison may share one
	// Excluded map (the units with too few articles, the same in each):
	// read it, never change it.
	Units    []string          `json:"units"`
	Excluded map[string]string `json:"excluded,omitempty"`
	// KruskalWallis is nil when fewer than two units could be tested.
	KruskalWallis *Kruskal `json:"kruskal_wallis"`
	Pairs         []Pair   `json:"pairs"`
	// PairsOmitted says why Pairs is empty although Kruskal–Wallis ran:
	// too many units to list every pair.
	PairsOmitted string `json:"pairs_omitted,omitempty"`
	// Skipped says why no test was run, when none was.
	Skipped string `json:"skipped,omitempty"`
	// MinPHolm is the smallest Holm-adjusted pair p-value this design can
	// reach: the smallest p a Mann–Whitney test can give at the pairs'
	// sample sizes (stats.MannWhitneyMinP: two samples that do not
	// overlap), times the number of pairs, Holm's factor for the first.
	// When it is not below Alpha no pair can be called reliable, whatever
	// the articles say: the tests cannot tell, which is not evidence that
	// the units are alike. 0 when no pair was tested.
	MinPHolm float64 `json:"min_p_holm,omitempty"`
	// Needed is, when MinPHolm is not below Alpha, how many articles with
	// a value each tested unit would need for it to be.
	Needed int `json:"articles_needed,omitempty"`
}

// CannotTell reports whether the tests of t could not have found a
// reliable difference, however large: too few articles for any pair to
// reach Alpha after Holm's adjustment.
func (t *AxisTests) CannotTell() bool {
	return t.MinPHolm >= Alpha
}

// Kruskal is a Kruskal–Wallis rank-sum test with tie correction.
type Kruskal struct {
	H  float64 `json:"h"`
	DF int     `json:"df"`
	P  float64 `json:"p"`
}

// Pair is a Mann–Whitney comparison of two units.
type Pair struct {
	A     string  `json:"a"`
	B     string  `json:"b"`
	NA    int     `json:"n_a"`
	NB    int     `json:"n_b"`
	U     float64 `json:"u"`
	P     float64 `json:"p"`
	Exact bool    `json:"exact"`
	// MinP is the smallest p the test can give at these sample sizes
	// (stats.MannWhitneyMinP).
	MinP float64 `json:"min_p"`
	// PHolm is P adjusted with Holm's method over all pairs on the axis.
	PHolm float64 `json:"p_holm"`
	// CliffsDelta is the effect size in [-1, 1]: positive when A's
	// articles tend to score higher than B's.
	CliffsDelta float64 `json:"cliffs_delta"`
	// Sentence says the result in plain language.
	Sentence string `json:"sentence"`
}

// Naming is, for one target, which entries each unit uses.
type Naming struct {
	Target string `json:"target"`
	// Labels are the entries naming the target, most used in the
	// author's voice first; entries used only in quotations or at a
	// distance come last.
	Labels []NamingLabel `json:"labels"`
	// References counts each unit's author-voice references to the
	// target, the sum of its Counts over Labels: the denominator of its
	// shares (Share). Units that never name the target in their own voice
	// are absent. JSON does not carry it: there every label's counts and
	// shares list these units, zeros included (MarshalJSON).
	References map[string]int `json:"-"`
	// Users counts the units that use an entry of the target in any
	// voice (their own, quoted or distanced): every unit, also when the
	// Comparison lists only some (Options.ListUnits) and the labels'
	// Counts, Forms, Quoted and Distanced and References hold those
	// only. JSON does not carry it: reading JSON counts it anew.
	Users int `json:"-"`
}

// NamingLabel is one lexicon entry's use across units.
type NamingLabel struct {
	Entry string `json:"entry"`
	// Label names the entry where one name must stand for it: its lexicon
	// label, or its first form when every form is alike that one (see
	// lexicon.Entry.Name); the entry id when the lexicon is not available.
	// It is never evidence of what a unit wrote: Forms are.
	Label    string  `json:"label"`
	Valence  float64 `json:"valence"`
	Category string  `json:"category"`
	// Loaded is true when the entry carries a valence or a lean
	// (record.IsLoaded); Lean then holds its contribution to each axis
	// when its valence is 0 (a side's word without a judgement of the
	// target, such as "civil war").
	Loaded bool               `json:"loaded"`
	Lean   map[string]float64 `json:"lean,omitempty"`
	// Counts is keyed by unit name and counts author-voice uses only, of
	// the units that used the entry so (no zeros are stored: a corpus of
	// many units would hold units × entries of them). Naming.Share gives
	// the entry's share of a unit's author-voice references to the target.
	Counts map[string]int `json:"counts"`
	// Forms lists, per unit, the forms it wrote in its own voice, most
	// used first: the words Counts counts. Quoted and Distanced list its
	// uses inside quotations (a speaker's words) and held at a distance
	// ("so-called", scare quotes), which do not enter Counts or Shares.
	// Forms that fold alike are one, shown as written most often.
	Forms     map[string][]FormCount `json:"forms"`
	Quoted    map[string][]FormCount `json:"quoted,omitempty"`
	Distanced map[string][]FormCount `json:"distanced,omitempty"`
}

// FormCount is a form of an entry as a unit wrote it, and how often.
type FormCount struct {
	Form  string `json:"form"`
	Count int    `json:"count"`
}

// Distinctive lists one unit's most distinctive terms against all others.
type Distinctive struct {
	Unit  string            `json:"unit"`
	Terms []DistinctiveTerm `json:"terms"`
}

// DistinctiveTerm is a word or 2–3 word phrase with its log-odds ratio
// (informative Dirichlet prior, Monroe, Colaresi & Quinn 2008).
type DistinctiveTerm struct {
	Term   string  `json:"term"`
	Z      float64 `json:"z"`
	Delta  float64 `json:"delta"`
	Count  int     `json:"count"`  // in this unit
	Others int     `json:"others"` // in all other units
	// Lexicon is true when the term is, or contains, a surface form the
	// lexicon matched; false marks a candidate entry.
	Lexicon bool `json:"in_lexicon"`
}

// OutletMap places units and lexicon entries in two dimensions by
// correspondence analysis of their count table.
type OutletMap struct {
	Units   []MapPoint `json:"units"`
	Entries []MapPoint `json:"entries"`
	// Inertia is the share of total inertia on each of the two axes.
	Inertia [2]float64 `json:"inertia"`
}

// MapPoint is one row or column of the correspondence analysis.
type MapPoint struct {
	// Name is the unit's name, or the entry's id.
	Name string `json:"name"`
	// Label names an entry as NamingLabel.Label does.
	Label string  `json:"label,omitempty"`
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	Mass  float64 `json:"mass"`
}

// AddDuplicates records that n duplicate records were left out before
// aggregation, and says so in the notes with the first one's sources.
func (c *Comparison) AddDuplicates(n int, again, first string) {
	c.Duplicates += n
	c.Notes = append(c.Notes, fmt.Sprintf("%s left out: the same outlet, id and lexicon as an earlier record (the first, %s, repeats %s). Counting an article twice would narrow every interval.",
		english.Count(n, "duplicate record was", "duplicate records were"), again, first))
}
