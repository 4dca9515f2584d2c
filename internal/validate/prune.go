package validate

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/compare-tool/compare/internal/corpus"
)

// HeldOut says what a held-out measurement measured and left out.
type HeldOut struct {
	// TrainOutlets counts the outlets the lexicon was fitted on.
	TrainOutlets int `json:"train_outlets"`
	// Tested are the outlets measured: test outlets with articles in the
	// input, sorted.
	Tested []string `json:"tested"`
	// Shared are the outlets left out because they are training outlets
	// too, as the input spells them, sorted; SharedArticles counts their
	// articles.
	Shared         []string `json:"shared"`
	SharedArticles int      `json:"shared_articles"`
	// OtherArticles counts the articles of outlets in neither list (only
	// when test outlets were given).
	OtherArticles int `json:"other_articles"`
}

// HoldOut keeps the articles a lexicon fitted on the train outlets may be
// judged on: those of the test outlets, or, when test is nil, of every
// outlet of the input, in both cases without the training outlets
// (outlets compare by corpus.OutletKey). With no training outlets it
// keeps the test outlets' articles. The articles go through
// CrossValidate, whose guarantee is that nothing is measured on an outlet
// of its training side. It returns an error when no article is left.
func HoldOut(in Input, train, test []string) (Input, *HeldOut, error) {
	outletOf := func(a Article) string { return a.Outlet }
	inInput := map[string]string{} // OutletKey → the input's spelling
	perOutlet := map[string]int{}
	for _, a := range in.Articles {
		k := corpus.OutletKey(a.Outlet)
		if _, ok := inInput[k]; !ok {
			inInput[k] = a.Outlet
		}
		perOutlet[k]++
	}
	if test == nil {
		test = slices.Collect(maps.Values(inInput))
	}
	var split Split
	var shared []string
	if len(uniqueOutlets(train)) == 0 {
		// Only test outlets: nothing was fitted, the measurement is
		// restricted to them.
		split = Split{Name: "test outlets", Test: uniqueOutlets(test)}
	} else {
		var err error
		split, shared, err = ExplicitSplit(train, test, true)
		if err != nil && len(shared) > 0 && len(shared) == len(uniqueOutlets(test)) {
			return Input{}, nil, fmt.Errorf("every test outlet is a training outlet (%d outlets): nothing is left to measure", len(shared))
		}
		if err != nil {
			return Input{}, nil, err
		}
	}
	h := &HeldOut{TrainOutlets: len(split.Train)}
	for _, o := range shared {
		k := corpus.OutletKey(o)
		if sp, ok := inInput[k]; ok {
			h.Shared = append(h.Shared, sp)
			h.SharedArticles += perOutlet[k]
		}
	}
	slices.Sort(h.Shared)
	var held []Article
	_, err := CrossValidate(in.Articles, outletOf, []Split{split},
		func(Split, []Article) (struct{}, error) { return struct{}{}, nil }, // the lexicon was fitted elsewhere
		func(_ Split, _ struct{}, test []Article) (struct{}, error) {
			held = test
			return struct{}{}, nil
		})
	if err != nil {
		return Input{}, nil, err
	}
	tested := map[string]bool{}
	for _, a := range held {
		tested[a.Outlet] = true
	}
	h.Tested = slices.Sorted(maps.Keys(tested))
	h.OtherArticles = len(in.Articles) - len(held) - h.SharedArticles
	if len(held) == 0 {
		return Input{}, nil, errors.New("no article of a test outlet that is not a training outlet: nothing to measure")
	}
	out := in
	out.Articles = held
	return out, h, nil
}

// CrossCheck is a k-fold check by outlet of one way to fit a lexicon to
// labelled data: dropping the entries that work against their lean. For
// each fold, the entries are diagnosed (Measure) on the other folds'
// outlets only, those found working AGAINST their lean on some axis are
// dropped, and the fold's articles are scored again without them. Fitted
// measures every article with the entries fitted without its own fold, so
// no article is scored by a lexicon fitted on its outlet; comparing it
// with the measurement of the lexicon as written says whether pruning by
// data helps on outlets it has not seen.
type CrossCheck struct {
	Folds int    `json:"folds"`
	Seed  uint64 `json:"seed"`
	// Splits list each fold with the entries it dropped.
	Splits []FoldFit `json:"splits"`
	// Fitted is the measurement of the articles scored by their folds'
	// fitted lexicons.
	Fitted *Result `json:"fitted"`
	// Entries say, for each entry with a non-zero lean on an axis, which
	// way each fold's own articles use it (EntryFolds), in the order of
	// the input's entries and axes.
	Entries []EntryFolds `json:"entries"`
}

// EntryFolds counts the folds whose own articles use an entry in the
// direction of its lean on an axis: the folds where the widest contrast of
// the entry's diagnostic on the fold's articles alone (the last label of
// the order against the first, see EntryDiagnostic) has an AUC above 0.5
// for a positive lean or below it for a negative one are With, the
// opposite Against, and those where the AUC is 0.5 or undefined (no
// article of either end uses it, or the fold lacks one end) Unused. The
// direction needs no p-value: a fold's articles are few, and the question
// is whether the direction holds from one set of outlets to the next.
type EntryFolds struct {
	Entry string  `json:"entry"`
	Axis  string  `json:"axis"`
	Lean  float64 `json:"lean"`
	With  int     `json:"with"`
	// Against and Unused count the other folds.
	Against int `json:"against"`
	Unused  int `json:"unused"`
}

// FoldFit is one fold of a CrossCheck.
type FoldFit struct {
	Split string `json:"split"`
	// TrainOutlets and TestOutlets count the outlets of each side,
	// TestArticles the articles scored again.
	TrainOutlets int `json:"train_outlets"`
	TestOutlets  int `json:"test_outlets"`
	TestArticles int `json:"test_articles"`
	// Dropped are the entries the training outlets found working against
	// their lean, sorted.
	Dropped []string `json:"dropped"`
	// Ends measure, on each axis, the fold's own articles alone: the AUC
	// of the last label of the order against the first (right > left) as
	// written and as scored without Dropped. They are held-out numbers
	// for pruning; for the lexicon as written they are held out only if it
	// was not grown on these outlets.
	Ends []FoldAUC `json:"ends"`
}

// FoldAUC is an article-level AUC of one fold's articles (see FoldFit).
// Written and Pruned are NaN when the fold has no article of one end.
type FoldAUC struct {
	Axis            string
	Higher, Lower   string
	Written, Pruned float64
}

// CrossCheckPruning runs a CrossCheck with k folds by outlet (KFold with
// seed) on ordinal labels. Stances are scored again from each article's
// entry uses and the entries' leans (see Rescore), as scoring computes
// them. opt are the options of every Measure; the folds' diagnoses draw
// no bootstrap intervals.
func CrossCheckPruning(in Input, k int, seed uint64, opt Options) (*CrossCheck, error) {
	if opt.Order == nil {
		return nil, errors.New("a cross-check by folds needs ordinal labels (an order): entries are dropped when they work against their lean")
	}
	var labelled []Article
	var outlets []string
	for _, a := range in.Articles {
		if a.Label != "" {
			labelled = append(labelled, a)
			outlets = append(outlets, a.Outlet)
		}
	}
	splits, err := KFold(outlets, k, seed)
	if err != nil {
		return nil, err
	}
	leans := map[string]map[string]float64{}
	for _, e := range in.Entries {
		if _, ok := leans[e.ID]; !ok {
			leans[e.ID] = e.Lean
		}
	}
	fitOpt := opt
	fitOpt.Resamples = 0
	cc := &CrossCheck{Folds: k, Seed: seed}
	type fold struct {
		fit      FoldFit
		articles []Article
		written  *Result // the fold's articles as written
	}
	folds, err := CrossValidate(labelled, func(a Article) string { return a.Outlet }, splits,
		func(s Split, train []Article) (map[string]bool, error) {
			res, err := Measure(Input{Axes: in.Axes, Entries: in.Entries, Articles: train}, fitOpt)
			if err != nil {
				return nil, err
			}
			drop := map[string]bool{}
			for _, ar := range res.Axes {
				for _, d := range ar.Entries {
					if d.Verdict == AgainstLean {
						drop[d.Entry] = true
					}
				}
			}
			return drop, nil
		},
		func(s Split, drop map[string]bool, test []Article) (fold, error) {
			f := fold{fit: FoldFit{Split: s.Name, TrainOutlets: len(s.Train), TestOutlets: len(s.Test), TestArticles: len(test),
				Dropped: slices.Sorted(maps.Keys(drop))}}
			for _, a := range test {
				a.Stance = Rescore(a, leans, drop)
				f.articles = append(f.articles, a)
			}
			written, err := Measure(Input{Axes: in.Axes, Entries: in.Entries, Articles: test}, fitOpt)
			if err != nil {
				return fold{}, fmt.Errorf("%s: %w", s.Name, err)
			}
			pruned, err := Measure(Input{Axes: in.Axes, Entries: in.Entries, Articles: f.articles}, fitOpt)
			if err != nil {
				return fold{}, fmt.Errorf("%s: %w", s.Name, err)
			}
			f.written = written
			for i, ar := range written.Axes {
				w, p := endsAUC(ar.ArticleAUC, opt.Order), endsAUC(pruned.Axes[i].ArticleAUC, opt.Order)
				f.fit.Ends = append(f.fit.Ends, FoldAUC{Axis: ar.Axis, Higher: opt.Order[len(opt.Order)-1], Lower: opt.Order[0], Written: w, Pruned: p})
			}
			return f, nil
		})
	if err != nil {
		return nil, err
	}
	var fitted []Article
	var written []*Result
	for _, f := range folds {
		cc.Splits = append(cc.Splits, f.fit)
		fitted = append(fitted, f.articles...)
		written = append(written, f.written)
	}
	cc.Entries = entryFolds(written, opt.Order)
	cc.Fitted, err = Measure(Input{Axes: in.Axes, Entries: in.Entries, EntriesFromMatches: in.EntriesFromMatches, Articles: fitted}, opt)
	if err != nil {
		return nil, err
	}
	return cc, nil
}

// endsAUC is the AUC over all articles of the pair last > first of order
// among pairs, NaN when there is none.
func endsAUC(pairs []PairAUC, order []string) float64 {
	for _, p := range pairs {
		if p.Higher == order[len(order)-1] && p.Lower == order[0] {
			return p.All.AUC
		}
	}
	return math.NaN()
}

// entryFolds counts, for each entry with a lean, the folds whose own
// articles (written, one measurement of each fold's articles as written)
// use it with, against or without the direction of its lean (EntryFolds).
func entryFolds(written []*Result, order []string) []EntryFolds {
	var out []EntryFolds
	index := map[[2]string]int{}
	for _, r := range written {
		for _, ar := range r.Axes {
			for _, d := range ar.Entries {
				if d.Lean == 0 {
					continue
				}
				key := [2]string{d.Entry, ar.Axis}
				i, ok := index[key]
				if !ok {
					i = len(out)
					index[key] = i
					out = append(out, EntryFolds{Entry: d.Entry, Axis: ar.Axis, Lean: d.Lean})
				}
				auc := math.NaN()
				for _, c := range d.Contrasts {
					if c.Higher == order[len(order)-1] && c.Lower == order[0] {
						auc = c.AUC
					}
				}
				switch {
				case math.IsNaN(auc) || auc == 0.5:
					out[i].Unused++
				case (auc > 0.5) == (d.Lean > 0):
					out[i].With++
				default:
					out[i].Against++
				}
			}
		}
	}
	return out
}

// Rescore returns an article's stance on each axis of a.Stance computed
// again from its entry uses as scoring computes it: the mean contribution
// (leans[entry][axis]) of its Uses of the entries that bear on the axis,
// leaving out the entries in drop, or, when none is left, the same over
// its ReportedUses (FromReported). With nothing dropped it equals the
// stance scoring gave (the same sums, possibly added in another order). An
// entry without leans does not count.
func Rescore(a Article, leans map[string]map[string]float64, drop map[string]bool) map[string]Stance {
	out := make(map[string]Stance, len(a.Stance))
	for axis := range a.Stance {
		s := meanUse(a.Uses, axis, leans, drop)
		if s.N == 0 {
			s = meanUse(a.ReportedUses, axis, leans, drop)
			s.FromReported = s.N > 0
		}
		out[axis] = s
	}
	return out
}

// meanUse is the mean contribution to axis of uses, leaving out drop.
func meanUse(uses map[string]int, axis string, leans map[string]map[string]float64, drop map[string]bool) Stance {
	var sum float64
	var n int
	for _, id := range slices.Sorted(maps.Keys(uses)) {
		c, ok := leans[id][axis]
		if !ok || drop[id] {
			continue
		}
		u := uses[id]
		sum += float64(u) * c
		n += u
	}
	s := Stance{N: n}
	if n > 0 {
		s.Score = sum / float64(n)
	}
	return s
}
