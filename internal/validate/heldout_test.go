package validate

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/stats"
)

func outletNames(n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("Outlet %03d", i)
	}
	return names
}

func TestFold(t *testing.T) {
	names := outletNames(1000)
	sizes := make([]int, 5)
	for _, o := range names {
		f := Fold(o, 5, 7)
		if f < 0 || f >= 5 {
			t.Fatalf("Fold(%q) = %d, outside [0, 5)", o, f)
		}
		if Fold(o, 5, 7) != f {
			t.Fatalf("Fold(%q) is not deterministic", o)
		}
		// Outlets compare by corpus.OutletKey.
		if g := Fold(strings.ToUpper(o), 5, 7); g != f {
			t.Errorf("Fold(%q) = %d, but %d for its upper case", o, f, g)
		}
		sizes[f]++
	}
	// 1000 outlets in 5 folds: 200 expected, standard deviation 12.6; the
	// test accepts ±50 (4 standard deviations).
	for f, n := range sizes {
		if n < 150 || n > 250 {
			t.Errorf("fold %d has %d of 1000 outlets; sizes %v", f, n, sizes)
		}
	}
	moved := 0
	for _, o := range names {
		if Fold(o, 5, 7) != Fold(o, 5, 8) {
			moved++
		}
	}
	if moved < 700 {
		t.Errorf("seeds 7 and 8 put only %d of 1000 outlets in different folds; want about 800", moved)
	}
}

func TestKFold(t *testing.T) {
	names := outletNames(40)
	splits, err := KFold(append(names, "outlet 000", names[3]), 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(splits) != 5 {
		t.Fatalf("%d splits, want 5", len(splits))
	}
	tested := map[string]int{}
	for i, s := range splits {
		if s.Name != fmt.Sprintf("fold %d of 5", i+1) {
			t.Errorf("split %d named %q", i, s.Name)
		}
		if err := checkSplit(s); err != nil {
			t.Error(err)
		}
		if len(s.Train)+len(s.Test) != 40 || !slices.IsSorted(s.Train) || !slices.IsSorted(s.Test) {
			t.Errorf("%s: %d train and %d test outlets, want 40 in all, sorted", s.Name, len(s.Train), len(s.Test))
		}
		for _, o := range s.Test {
			tested[o]++
			if f := Fold(o, 5, 1); f != i {
				t.Errorf("%s tests %q of fold %d", s.Name, o, f+1)
			}
		}
	}
	// Each outlet is tested exactly once; repeats in the input count once.
	if len(tested) != 40 {
		t.Errorf("%d outlets tested, want 40", len(tested))
	}
	for o, n := range tested {
		if n != 1 {
			t.Errorf("%q tested %d times", o, n)
		}
	}
	// Adding outlets leaves the others in their folds.
	more, err := KFold(outletNames(60), 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i := range splits {
		for _, o := range splits[i].Test {
			if !slices.Contains(more[i].Test, o) {
				t.Errorf("%q moved out of fold %d when 20 outlets were added", o, i+1)
			}
		}
	}
	if _, err := KFold(names, 1, 1); err == nil || err.Error() != "k-fold needs at least 2 folds, not 1" {
		t.Errorf("k = 1: %v", err)
	}
	if _, err := KFold(names[:3], 5, 1); err == nil || !strings.Contains(err.Error(), "has no outlet (3 outlets, seed 1): use fewer folds or another seed") {
		t.Errorf("3 outlets in 5 folds: %v", err)
	}
}

func TestExplicitSplit(t *testing.T) {
	train := []string{"Fox News", "Reuters", "HuffPost", "Guest Writer"}
	test := []string{"reuters", "Axios", "huffpost", "Bloomberg"}
	if _, _, err := ExplicitSplit(train, test, false); err == nil ||
		err.Error() != `2 outlets are both training and test outlets: "huffpost", "reuters" (exclude them from the test outlets, or remove them from one list)` {
		t.Errorf("shared outlets: %v", err)
	}
	s, shared, err := ExplicitSplit(train, test, true)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(shared, []string{"huffpost", "reuters"}) || !slices.Equal(s.Test, []string{"Axios", "Bloomberg"}) ||
		!slices.Equal(s.Train, []string{"Fox News", "Guest Writer", "HuffPost", "Reuters"}) {
		t.Errorf("split %+v, shared %v", s, shared)
	}
	if _, _, err := ExplicitSplit(train, []string{"Reuters"}, true); err == nil {
		t.Error("a split without test outlets gave no error")
	}
}

// doc is an article for the held-out tests: its words are only its
// outlet's signature, so that the label can be learnt only by memorising
// outlets.
type doc struct {
	outlet, label string
	words         []string
}

// toyLexicon is a lexicon grown from training articles: each word used by
// outlets of one label only gets a lean toward that label. seen records
// the outlets it was grown on.
type toyLexicon struct {
	lean map[string]float64
	seen map[string]bool
}

func growLexicon(train []doc) toyLexicon {
	lex := toyLexicon{lean: map[string]float64{}, seen: map[string]bool{}}
	labels := map[string]map[string]bool{}
	for _, d := range train {
		lex.seen[corpus.OutletKey(d.outlet)] = true
		for _, w := range d.words {
			if labels[w] == nil {
				labels[w] = map[string]bool{}
			}
			labels[w][d.label] = true
		}
	}
	for w, ls := range labels {
		switch {
		case len(ls) == 1 && ls["right"]:
			lex.lean[w] = 1
		case len(ls) == 1 && ls["left"]:
			lex.lean[w] = -1
		}
	}
	return lex
}

// aucOf scores docs with lex (mean lean of known words, 0 without any)
// and returns the AUC of right against left.
func aucOf(lex toyLexicon, docs []doc) float64 {
	var right, left []float64
	for _, d := range docs {
		sum, n := 0.0, 0
		for _, w := range d.words {
			if l, ok := lex.lean[w]; ok {
				sum += l
				n++
			}
		}
		s := 0.0
		if n > 0 {
			s = sum / float64(n)
		}
		if d.label == "right" {
			right = append(right, s)
		} else {
			left = append(left, s)
		}
	}
	return stats.AUC(right, left)
}

// TestCrossValidateHoldsOut grows a lexicon that can only memorise
// outlets, then measures it. Measured on the outlets it was grown on it
// separates the labels perfectly; held out by CrossValidate it cannot,
// because no test outlet was seen in fitting.
func TestCrossValidateHoldsOut(t *testing.T) {
	var docs []doc
	names := outletNames(30)
	for i, o := range names {
		label := "left"
		if i%2 == 1 {
			label = "right"
		}
		for range 3 {
			docs = append(docs, doc{outlet: o, label: label, words: []string{"sig-" + o, "the", "news"}})
		}
	}
	if in := aucOf(growLexicon(docs), docs); in != 1 {
		t.Fatalf("in-sample AUC %v, want 1: the toy lexicon should memorise outlets", in)
	}
	splits, err := KFold(names, 5, 3)
	if err != nil {
		t.Fatal(err)
	}
	outletOf := func(d doc) string { return d.outlet }
	fits := 0
	results, err := CrossValidate(docs, outletOf, splits,
		func(s Split, train []doc) (toyLexicon, error) {
			fits++
			for _, d := range train {
				if !slices.Contains(s.Train, d.outlet) {
					t.Errorf("%s: fit got an article of %q, not a training outlet", s.Name, d.outlet)
				}
			}
			return growLexicon(train), nil
		},
		func(s Split, lex toyLexicon, test []doc) (float64, error) {
			if len(test) != 3*len(s.Test) {
				t.Errorf("%s: %d test articles, want %d", s.Name, len(test), 3*len(s.Test))
			}
			for _, d := range test {
				if lex.seen[corpus.OutletKey(d.outlet)] {
					t.Errorf("%s: %q is measured with a lexicon grown on it", s.Name, d.outlet)
				}
			}
			return aucOf(lex, test), nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if fits != 5 || len(results) != 5 {
		t.Fatalf("%d fits and %d results, want 5", fits, len(results))
	}
	half := 0
	for i, auc := range results {
		// Every test article scores 0 (its signature is unknown, the shared
		// words have no lean), or the fold lacks one label (NaN).
		switch {
		case auc == 0.5:
			half++
		case !math.IsNaN(auc):
			t.Errorf("%s: held-out AUC %v, want 0.5", splits[i].Name, auc)
		}
	}
	if half < 3 {
		t.Errorf("only %d of 5 folds have both labels: %v", half, results)
	}
}

func TestCrossValidateErrors(t *testing.T) {
	docs := []doc{{outlet: "A", label: "left"}, {outlet: "B", label: "right"}}
	outletOf := func(d doc) string { return d.outlet }
	called := false
	fit := func(Split, []doc) (int, error) { called = true; return 0, nil }
	measure := func(Split, int, []doc) (int, error) { return 0, nil }
	leaky := []Split{{Name: "leaky", Train: []string{"A", "B"}, Test: []string{"b"}}}
	if _, err := CrossValidate(docs, outletOf, leaky, fit, measure); err == nil || err.Error() != `leaky: outlets both trained and tested on: "b"` {
		t.Errorf("leaky split: %v", err)
	}
	if called {
		t.Error("fit ran on a leaky split")
	}
	ok := []Split{{Name: "s", Train: []string{"A"}, Test: []string{"B"}}}
	boom := errors.New("boom")
	if _, err := CrossValidate(docs, outletOf, ok, func(Split, []doc) (int, error) { return 0, boom }, measure); !errors.Is(err, boom) || err.Error() != "s: fit: boom" {
		t.Errorf("fit error: %v", err)
	}
	if _, err := CrossValidate(docs, outletOf, ok, fit, func(Split, int, []doc) (int, error) { return 0, boom }); !errors.Is(err, boom) || err.Error() != "s: measure: boom" {
		t.Errorf("measure error: %v", err)
	}
}
