package validate

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/stats"
)

// Article is one scored article as validation sees it.
type Article struct {
	ID, Outlet string
	// Label is the article's label; "" leaves the article out (it is
	// counted in Result.Unlabelled).
	Label string
	// Stance holds the article's score on each axis. An axis missing from
	// the map counts as no evidence: score 0, n 0.
	Stance map[string]Stance
	// Uses counts the article's author-voice matches of each lexicon entry
	// (entry id → count): the matches its stance averages. Quoted and
	// distanced uses do not belong here.
	Uses map[string]int
	// ReportedUses counts its matches in reported speech, which its
	// stance averages on an axis without author-voice matches (Stance
	// FromReported; see record.CountsAsFallback).
	ReportedUses map[string]int
}

// Stance is an article's score on one axis: the mean contribution of N
// matches, in [-1, 1]. N = 0 means no evidence, and Score is then 0.
// FromReported says that the matches are the article's ReportedUses, not
// its Uses.
type Stance struct {
	Score        float64
	N            int
	FromReported bool
}

// usesOn returns the uses a's stance on axis averages.
func (a *Article) usesOn(axis string) map[string]int {
	if a.Stance[axis].FromReported {
		return a.ReportedUses
	}
	return a.Uses
}

// Entry is a lexicon entry with its lean: its contribution to each axis
// it bears on (the entry's lean, or its target's weight times its
// valence). An entry with Lean[axis] = 0 is a neutral wording that counts
// toward the axis' mean; an entry without the axis in Lean does not bear
// on it.
type Entry struct {
	ID   string
	Lean map[string]float64
}

// Input is what Measure validates.
type Input struct {
	// Axes are the axes to measure, in output order; nil means every axis
	// found in the articles, sorted.
	Axes []string
	// Entries are the lexicon's entries, for the per-entry diagnostics.
	Entries []Entry
	// EntriesFromMatches says that Entries are only those the articles'
	// matches name, the lexicon not being at hand: entries that never
	// match are missing from the diagnostics, and the result says so.
	EntriesFromMatches bool
	Articles           []Article
}

// Options are the settings of Measure. Use DefaultOptions and change what
// you need: the zero value asks for no intervals and a level of 0, which
// Measure rejects.
type Options struct {
	// Order lists the labels from the negative pole of every axis to its
	// positive pole ("left", "center", "right" for a left-right axis whose
	// +1 is the right's vocabulary): labels are then ordinal, each higher
	// label is compared with each lower one, and outlet means are
	// correlated with the label's rank. Nil means categorical labels: each
	// pair of labels is compared, in sorted order, and there is no rank
	// correlation and no check of entries' leans.
	Order []string
	// Resamples is the number of bootstrap replicates of each AUC
	// interval; 0 leaves the intervals out (NaN).
	Resamples int
	// Level is the confidence level of every interval, in (0, 1).
	Level float64
	// Seed seeds the bootstraps: each interval draws from its own stream,
	// stats.DeriveSeed(Seed, key) with a key naming what it measures, so
	// that it depends only on the seed and its own data.
	Seed uint64
	// MinOutletArticles is the number of articles (with evidence, for the
	// "with evidence" figures) an outlet needs to enter the outlet-level
	// statistics: the mean of fewer is too noisy to rank outlets by.
	MinOutletArticles int
	// MinEntryArticles is the number of articles of the two labels
	// compared that must use an entry before its direction is judged.
	MinEntryArticles int
	// Alpha is the p-value below which an entry's use is said to differ
	// between two labels.
	Alpha float64
}

// DefaultOptions returns the options `compare validate` uses by default:
// 2000 resamples at the 95% level with seed 1, outlets of at least 3
// articles, entries used in at least 5 articles, p < 0.05; categorical
// labels.
func DefaultOptions() Options {
	return Options{
		Resamples:         2000,
		Level:             0.95,
		Seed:              1,
		MinOutletArticles: 3,
		MinEntryArticles:  5,
		Alpha:             0.05,
	}
}

func (o Options) check() error {
	switch {
	case o.Resamples < 0:
		return fmt.Errorf("resamples must be 0 or more, not %d", o.Resamples)
	case !(o.Level > 0 && o.Level < 1):
		return fmt.Errorf("confidence level must be between 0 and 1, not %v", o.Level)
	case o.MinOutletArticles < 1:
		return fmt.Errorf("outlets need at least 1 article, not %d", o.MinOutletArticles)
	case o.MinEntryArticles < 1:
		return fmt.Errorf("entries need at least 1 article, not %d", o.MinEntryArticles)
	case !(o.Alpha > 0 && o.Alpha < 1):
		return fmt.Errorf("alpha must be between 0 and 1, not %v", o.Alpha)
	}
	return nil
}

// Result is the outcome of Measure.
type Result struct {
	// Labels are the labels compared: Options.Order when labels are
	// ordinal, else the labels found, sorted.
	Labels  []string `json:"labels"`
	Ordinal bool     `json:"ordinal"`
	// Articles counts the labelled articles measured, ByLabel per label
	// (in the order of Labels); Unlabelled the articles left out.
	Articles   int   `json:"articles"`
	ByLabel    []int `json:"by_label"`
	Unlabelled int   `json:"unlabelled"`
	// Outlets are the outlets of the labelled articles, sorted by name.
	Outlets []OutletLabel `json:"outlets"`
	// Axes holds the measurements of each axis.
	Axes []AxisResult `json:"axes"`
	// Resamples, Level and Seed are the options the intervals were drawn
	// with, for the record.
	Resamples int     `json:"resamples"`
	Level     float64 `json:"level"`
	Seed      uint64  `json:"seed"`
	// Warnings are problems of the data (an outlet whose articles carry
	// several labels, a label without articles); Notes say what limits the
	// reading of the numbers.
	Warnings []string `json:"warnings"`
	Notes    []string `json:"notes"`
}

// OutletLabel is an outlet with the label it has at outlet level.
type OutletLabel struct {
	Outlet string `json:"outlet"`
	// Label is the label of the outlet's articles, or the label most of
	// them carry when they differ; "" when two labels tie, and the outlet
	// is then left out of the outlet-level statistics.
	Label string `json:"label"`
	// Articles counts the outlet's labelled articles, ByLabel per label
	// (in the order of Result.Labels).
	Articles int   `json:"articles"`
	ByLabel  []int `json:"by_label"`
}

// Mixed reports whether the outlet's articles carry more than one label.
func (o OutletLabel) Mixed() bool {
	n := 0
	for _, c := range o.ByLabel {
		if c > 0 {
			n++
		}
	}
	return n > 1
}

// AxisResult holds the measurements of one axis.
type AxisResult struct {
	Axis     string   `json:"axis"`
	Coverage Coverage `json:"coverage"`
	// ArticleAUC compares articles, OutletAUC outlet means, for each pair
	// of labels (see PairAUC).
	ArticleAUC []PairAUC `json:"article_auc"`
	OutletAUC  []PairAUC `json:"outlet_auc"`
	// Spearman correlates outlet means with the rank of the outlet's
	// label (1 for the first label of the order); nil for categorical
	// labels.
	Spearman *OutletSpearman `json:"spearman"`
	// Entries are the diagnostics of the entries bearing on the axis,
	// those that do not work as their lean claims first.
	Entries []EntryDiagnostic `json:"entries"`
}

// Coverage is the share of articles with evidence (n > 0) on an axis.
type Coverage struct {
	Articles     int `json:"articles"`
	WithEvidence int `json:"with_evidence"`
	// Share is WithEvidence / Articles.
	Share float64 `json:"share"`
	// ByLabel gives the same per label, in the order of Result.Labels.
	ByLabel []LabelCoverage `json:"by_label"`
}

// LabelCoverage is the coverage of the articles of one label.
type LabelCoverage struct {
	Label                  string
	Articles, WithEvidence int
	Share                  float64
}

// PairAUC compares the scores of two labels: in ordinal order, a higher
// label with a lower one ("right" > "left"); for categorical labels, the
// first of two labels in sorted order with the second. AUC is the
// probability that a random article (or outlet) of Higher scores above
// one of Lower, ties counted one half: 0.5 is no separation, 1 complete
// separation in the order's direction, below 0.5 separation against it.
//
// Articles without evidence on the axis (n = 0) score 0, a neutral value
// they did not earn, so each AUC is given twice: over all articles, those
// without evidence included as 0 (what a user of the scores gets), and
// over the articles with evidence only (how well the evidence, when there
// is some, points the right way). At outlet level, All ranks outlets by
// the mean over all their articles and WithEvidence by the mean over
// their articles with evidence.
type PairAUC struct {
	Higher       string      `json:"higher"`
	Lower        string      `json:"lower"`
	All          AUCEstimate `json:"all"`
	WithEvidence AUCEstimate `json:"with_evidence"`
}

// AUCEstimate is one AUC with its interval.
type AUCEstimate struct {
	// NHigher and NLower count the articles (or outlets) compared.
	NHigher, NLower int
	// AUC is NaN when either side is empty. Lo and Hi bound the stratified
	// percentile bootstrap interval (stats.AUCBootstrapCI); NaN without
	// resamples or without an AUC.
	AUC, Lo, Hi float64
}

// OutletSpearman is Spearman's ρ of outlet means against the rank of the
// outlets' labels, over the outlets with at least MinOutletArticles
// articles (with evidence, for WithEvidence). The interval is Fisher's z
// with the Bonett–Wright variance (stats.SpearmanTest): unlike a bootstrap
// over a dozen outlets it needs no resamples whose ranks are all tied.
type OutletSpearman struct {
	All, WithEvidence stats.SpearmanResult
}

// Measure validates scores against labels: per axis, evidence coverage,
// AUC of each pair of labels at article and outlet level with bootstrap
// intervals, Spearman's ρ of outlet means against ordinal labels, and a
// diagnosis of each lexicon entry (see EntryDiagnostic).
//
// Articles with an empty Label are left out. With Options.Order, every
// article's label must be in the order (the error names the first that
// is not); a label of the order without articles gives NaN for its pairs
// and a warning. At least two labels must have articles.
//
// The result is a deterministic function of the input and options: the
// order of the articles does not matter.
func Measure(in Input, opt Options) (*Result, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	res := &Result{Resamples: opt.Resamples, Level: opt.Level, Seed: opt.Seed, Ordinal: opt.Order != nil}
	if res.Ordinal {
		if err := checkOrder(opt.Order); err != nil {
			return nil, err
		}
	}
	spell := newSpellings(opt.Order)
	var labelled []Article
	present := map[string]bool{}
	for _, a := range in.Articles {
		if strings.TrimSpace(a.Label) == "" {
			res.Unlabelled++
			continue
		}
		if res.Ordinal && !spell.inOrder(a.Label) {
			return nil, fmt.Errorf("article %q of %q: label %q is not in the order (%s)", a.ID, a.Outlet, a.Label, strings.Join(opt.Order, ", "))
		}
		spell.see(a.Label)
		labelled = append(labelled, a)
	}
	for i := range labelled {
		labelled[i].Label = spell.canonical(labelled[i].Label)
		present[labelled[i].Label] = true
	}
	res.Warnings = append(res.Warnings, spell.warnings()...)
	if res.Ordinal {
		res.Labels = slices.Clone(opt.Order)
	} else {
		res.Labels = slices.Sorted(maps.Keys(present))
	}
	if len(present) < 2 {
		return nil, fmt.Errorf("validation needs articles of at least two labels; found %d labelled articles with %s and %d unlabelled", len(labelled), describeLabels(present), res.Unlabelled)
	}
	// Sort the articles so that every sum and every bootstrap sees them
	// in the same order whatever the input's.
	slices.SortFunc(labelled, func(a, b Article) int {
		return cmp.Or(cmp.Compare(a.Outlet, b.Outlet), cmp.Compare(a.ID, b.ID))
	})
	rank := map[string]int{}
	for i, l := range res.Labels {
		rank[l] = i
	}
	res.Articles = len(labelled)
	res.ByLabel = make([]int, len(res.Labels))
	for _, a := range labelled {
		res.ByLabel[rank[a.Label]]++
	}
	for i, n := range res.ByLabel {
		if n == 0 {
			res.Warnings = append(res.Warnings, fmt.Sprintf("no articles labelled %q: its comparisons are empty", res.Labels[i]))
		}
	}
	m := &measurer{opt: opt, res: res, articles: labelled, rank: rank, pairs: labelPairs(len(res.Labels), res.Ordinal)}
	m.outlets()
	axes := in.Axes
	if axes == nil {
		axes = axesOf(in.Articles)
	}
	for _, axis := range axes {
		res.Axes = append(res.Axes, m.axis(axis, in.Entries))
	}
	m.notes()
	if in.EntriesFromMatches {
		res.Notes = append(res.Notes, "The lexicon was not at hand: entries come from the matches, so entries that never match are not diagnosed.")
	}
	return res, nil
}

// checkOrder checks the shape of an order: at least two labels, none
// empty or repeated (as SameLabel compares them).
func checkOrder(order []string) error {
	if len(order) < 2 {
		return errors.New("an order needs at least two labels")
	}
	seen := map[string]bool{}
	for _, l := range order {
		k := labelKey(l)
		if k == "" {
			return errors.New("order: empty label")
		}
		if seen[k] {
			return fmt.Errorf("order: label %q is given twice", l)
		}
		seen[k] = true
	}
	return nil
}

// spellings gathers the spellings of each label (as SameLabel compares
// them) and picks one to show: the order's, else the one most articles
// use (the first in sorted order on a tie).
type spellings struct {
	order map[string]string         // labelKey → the order's spelling
	seen  map[string]map[string]int // labelKey → spelling → articles
}

func newSpellings(order []string) *spellings {
	s := &spellings{order: map[string]string{}, seen: map[string]map[string]int{}}
	for _, l := range order {
		s.order[labelKey(l)] = l
	}
	return s
}

func (s *spellings) inOrder(label string) bool {
	_, ok := s.order[labelKey(label)]
	return ok
}

func (s *spellings) see(label string) {
	k := labelKey(label)
	if s.seen[k] == nil {
		s.seen[k] = map[string]int{}
	}
	s.seen[k][strings.TrimSpace(label)]++
}

func (s *spellings) canonical(label string) string {
	k := labelKey(label)
	if o, ok := s.order[k]; ok {
		return o
	}
	best, n := "", 0
	for _, sp := range slices.Sorted(maps.Keys(s.seen[k])) {
		if c := s.seen[k][sp]; c > n {
			best, n = sp, c
		}
	}
	return best
}

// warnings name the labels written in more than one way.
func (s *spellings) warnings() []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(s.seen)) {
		sp := s.seen[k]
		if len(sp) < 2 && (s.order[k] == "" || sp[s.order[k]] > 0) {
			continue
		}
		var parts []string
		for _, w := range slices.Sorted(maps.Keys(sp)) {
			parts = append(parts, fmt.Sprintf("%q (%d %s)", w, sp[w], english.Plural(sp[w], "article", "articles")))
		}
		out = append(out, fmt.Sprintf("the label is written %s: counted as one label, %q (labels compare ignoring case)", strings.Join(parts, ", "), s.canonical(k)))
	}
	return out
}

func describeLabels(present map[string]bool) string {
	if len(present) == 0 {
		return "no label"
	}
	return "only the label " + strings.Join(quoteAll(slices.Sorted(maps.Keys(present))), ", ")
}

func axesOf(articles []Article) []string {
	set := map[string]bool{}
	for _, a := range articles {
		for axis := range a.Stance {
			set[axis] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// labelPairs returns the pairs of label indices compared, higher first:
// for ordinal labels every (i, j) with i > j, the widest gap first
// (right > left, right > center, center > left); for categorical labels
// every (i, j) with i < j in sorted order.
func labelPairs(n int, ordinal bool) [][2]int {
	var pairs [][2]int
	if ordinal {
		for hi := n - 1; hi > 0; hi-- {
			for lo := 0; lo < hi; lo++ {
				pairs = append(pairs, [2]int{hi, lo})
			}
		}
		return pairs
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			pairs = append(pairs, [2]int{i, j})
		}
	}
	return pairs
}
