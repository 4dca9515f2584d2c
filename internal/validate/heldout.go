package validate

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/stats"
)

// Split divides outlets into those a model (a lexicon, a threshold) may
// be fitted on and those it is then measured on. Outlets are compared by
// corpus.OutletKey; Train and Test never share one.
type Split struct {
	// Name says which split this is: "fold 2 of 5", "train/test".
	Name string
	// Train and Test are outlet names as given, sorted.
	Train, Test []string
}

// Fold returns the fold, in [0, k), of outlet under seed: a 64-bit hash of
// the seed and the outlet's key (corpus.OutletKey), reduced modulo k. An
// outlet's fold depends on nothing else, so adding outlets to a corpus
// never moves the others; the price is that folds are only about equal in
// size. Fold panics if k < 1.
func Fold(outlet string, k int, seed uint64) int {
	if k < 1 {
		panic("validate: fold count must be positive")
	}
	h := stats.DeriveSeed(seed, "fold\x00"+corpus.OutletKey(outlet))
	// splitmix64's finaliser: FNV-1a's low bits alone are poorly mixed.
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return int(h % uint64(k))
}

// KFold splits outlets into k folds by Fold: split i tests the outlets of
// fold i and trains on all the others. Every outlet is tested exactly
// once. It returns an error if k < 2 or a fold gets no outlet (with few
// outlets, choose fewer folds or another seed).
func KFold(outlets []string, k int, seed uint64) ([]Split, error) {
	if k < 2 {
		return nil, fmt.Errorf("k-fold needs at least 2 folds, not %d", k)
	}
	names := uniqueOutlets(outlets)
	folds := make([][]string, k)
	for _, o := range names {
		f := Fold(o, k, seed)
		folds[f] = append(folds[f], o)
	}
	splits := make([]Split, k)
	for i := range folds {
		if len(folds[i]) == 0 {
			return nil, fmt.Errorf("fold %d of %d has no outlet (%d outlets, seed %d): use fewer folds or another seed", i+1, k, len(names), seed)
		}
		s := Split{Name: fmt.Sprintf("fold %d of %d", i+1, k), Test: folds[i]}
		for j := range folds {
			if j != i {
				s.Train = append(s.Train, folds[j]...)
			}
		}
		slices.Sort(s.Train)
		splits[i] = s
	}
	return splits, nil
}

// ExplicitSplit builds the split "train/test" from lists of training and
// test outlets (--train-outlets, --test-outlets, or the outlets of two
// files). An outlet in both lists is an error naming them, unless
// excludeShared is set: the shared outlets are then taken out of the test
// outlets (a model fitted on them must not be judged on them) and
// returned. Article-Bias-Prediction's train and valid splits share 11
// outlets this way.
func ExplicitSplit(train, test []string, excludeShared bool) (Split, []string, error) {
	s := Split{Name: "train/test", Train: uniqueOutlets(train)}
	test = uniqueOutlets(test)
	shared := sharedOutlets(s.Train, test)
	for _, o := range test {
		if !slices.Contains(shared, o) {
			s.Test = append(s.Test, o)
		}
	}
	if len(shared) > 0 && !excludeShared {
		return Split{}, nil, fmt.Errorf("%d outlets are both training and test outlets: %s (exclude them from the test outlets, or remove them from one list)", len(shared), strings.Join(quoteAll(shared), ", "))
	}
	if len(s.Train) == 0 || len(s.Test) == 0 {
		return Split{}, shared, errors.New("a split needs at least one training and one test outlet")
	}
	return s, shared, nil
}

// uniqueOutlets returns the outlets without repeats (by OutletKey, the
// first spelling kept), sorted.
func uniqueOutlets(outlets []string) []string {
	byKey := map[string]string{}
	for _, o := range outlets {
		if k := corpus.OutletKey(o); k != "" {
			if _, ok := byKey[k]; !ok {
				byKey[k] = o
			}
		}
	}
	return slices.Sorted(maps.Values(byKey))
}

// CrossValidate runs a held-out evaluation: for each split it calls fit
// with the items of the split's training outlets only, then measure with
// the fitted model and the items of its test outlets only, and returns
// measure's results in the order of splits.
//
// It guarantees what a held-out number needs: nothing is measured on an
// outlet its model was fitted on. Each item goes to fit or to measure by
// outletOf(item) and the split's lists, compared by corpus.OutletKey; a
// split whose Train and Test share an outlet is an error before anything
// runs; items of outlets in neither list go to neither. fit and measure
// receive slices of their own. (The guarantee covers what they are given:
// a closure that reaches other data itself is outside it.)
//
// The first error of fit or measure stops the run and is returned with
// the split's name.
func CrossValidate[T, M, R any](items []T, outletOf func(T) string, splits []Split,
	fit func(s Split, train []T) (M, error),
	measure func(s Split, model M, test []T) (R, error)) ([]R, error) {
	for _, s := range splits {
		if err := checkSplit(s); err != nil {
			return nil, err
		}
	}
	results := make([]R, 0, len(splits))
	for _, s := range splits {
		train, test := partition(items, outletOf, s)
		model, err := fit(s, train)
		if err != nil {
			return nil, fmt.Errorf("%s: fit: %w", s.Name, err)
		}
		r, err := measure(s, model, test)
		if err != nil {
			return nil, fmt.Errorf("%s: measure: %w", s.Name, err)
		}
		results = append(results, r)
	}
	return results, nil
}

// sharedOutlets returns the outlets of test that are also in train (by
// corpus.OutletKey), as test spells them.
func sharedOutlets(train, test []string) []string {
	inTrain := map[string]bool{}
	for _, o := range train {
		inTrain[corpus.OutletKey(o)] = true
	}
	var shared []string
	for _, o := range test {
		if inTrain[corpus.OutletKey(o)] {
			shared = append(shared, o)
		}
	}
	return shared
}

// checkSplit returns an error if s's Train and Test share an outlet.
func checkSplit(s Split) error {
	if shared := sharedOutlets(s.Train, s.Test); len(shared) > 0 {
		return fmt.Errorf("%s: outlets both trained and tested on: %s", s.Name, strings.Join(quoteAll(shared), ", "))
	}
	return nil
}

// partition returns the items of s's training outlets and those of its
// test outlets, in input order, in new slices.
func partition[T any](items []T, outletOf func(T) string, s Split) (train, test []T) {
	side := map[string]int{}
	for _, o := range s.Train {
		side[corpus.OutletKey(o)] = 1
	}
	for _, o := range s.Test {
		side[corpus.OutletKey(o)] = 2
	}
	for _, it := range items {
		switch side[corpus.OutletKey(outletOf(it))] {
		case 1:
			train = append(train, it)
		case 2:
			test = append(test, it)
		}
	}
	return train, test
}
