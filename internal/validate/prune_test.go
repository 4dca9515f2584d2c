package validate

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/stats"
)

func TestHoldOut(t *testing.T) {
	var as []Article
	for _, o := range []string{"A", "B", "C", "D"} {
		for i := range 3 {
			as = append(as, art(fmt.Sprint(o, i), o, "left", 0, 0))
		}
	}
	in := Input{Articles: as}
	tests := []struct {
		name        string
		train, test []string
		tested      []string
		shared      []string
		sharedN     int
		otherN      int
		err         string
	}{
		{"train only: the others are measured", []string{"a", "X"}, nil, []string{"B", "C", "D"}, []string{"A"}, 3, 0, ""},
		{"train and test", []string{"A", "B"}, []string{"b", "C"}, []string{"C"}, []string{"B"}, 3, 6, ""},
		{"test only", nil, []string{"D"}, []string{"D"}, nil, 0, 9, ""},
		{"every test outlet trained on", []string{"A", "B"}, []string{"A", "b"}, nil, nil, 0, 0, "every test outlet is a training outlet (2 outlets): nothing is left to measure"},
		{"test outlets without articles", nil, []string{"Z"}, nil, nil, 0, 0, "no article of a test outlet that is not a training outlet: nothing to measure"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, h, err := HoldOut(in, tt.train, tt.test)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(h.Tested, tt.tested) || !slices.Equal(h.Shared, tt.shared) || h.SharedArticles != tt.sharedN || h.OtherArticles != tt.otherN {
				t.Errorf("held out %+v; want tested %q, shared %q (%d articles), %d others", h, tt.tested, tt.shared, tt.sharedN, tt.otherN)
			}
			if len(out.Articles) != 3*len(tt.tested) {
				t.Errorf("%d articles kept, want %d", len(out.Articles), 3*len(tt.tested))
			}
			for _, a := range out.Articles {
				if !slices.Contains(tt.tested, a.Outlet) {
					t.Errorf("article %s of %s kept", a.ID, a.Outlet)
				}
			}
		})
	}
}

func TestRescore(t *testing.T) {
	leans := map[string]map[string]float64{
		"r": {axis: 0.8, "other": 1}, "l": {axis: -0.6}, "n": {axis: 0}, "off": {"other": -1},
	}
	a := Article{Stance: map[string]Stance{axis: {}, "other": {}}, Uses: map[string]int{"r": 2, "l": 1, "n": 1, "off": 3, "unknown": 4}}
	tests := []struct {
		name string
		drop map[string]bool
		want map[string]Stance
	}{
		{"nothing dropped", nil, map[string]Stance{axis: {Score: (2*0.8 - 0.6 + 0) / 4, N: 4}, "other": {Score: (2*1 - 3) / 5.0, N: 5}}},
		{"r dropped", map[string]bool{"r": true}, map[string]Stance{axis: {Score: -0.6 / 2, N: 2}, "other": {Score: -1, N: 3}}},
		{"all dropped: no evidence", map[string]bool{"r": true, "l": true, "n": true, "off": true}, map[string]Stance{axis: {}, "other": {}}},
		{"r and l dropped: n stays", map[string]bool{"r": true, "l": true}, map[string]Stance{axis: {Score: 0, N: 1}, "other": {Score: -1, N: 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Rescore(a, leans, tt.drop)
			if !maps.EqualFunc(got, tt.want, sameStance) {
				t.Errorf("Rescore = %+v, want %+v", got, tt.want)
			}
		})
	}
	// Reported speech counts on an axis without author-voice uses.
	b := Article{Stance: map[string]Stance{axis: {}, "other": {}}, Uses: map[string]int{"off": 1}, ReportedUses: map[string]int{"r": 1, "l": 1}}
	want := map[string]Stance{axis: {Score: (0.8 - 0.6) / 2, N: 2, FromReported: true}, "other": {Score: -1, N: 1}}
	if got := Rescore(b, leans, nil); !maps.EqualFunc(got, want, sameStance) {
		t.Errorf("fallback: Rescore = %+v, want %+v", got, want)
	}
	want = map[string]Stance{axis: {Score: -0.6, N: 1, FromReported: true}, "other": {}}
	if got := Rescore(b, leans, map[string]bool{"r": true, "off": true}); !maps.EqualFunc(got, want, sameStance) {
		t.Errorf("fallback after dropping: Rescore = %+v, want %+v", got, want)
	}
}

func sameStance(x, y Stance) bool {
	return x.N == y.N && x.FromReported == y.FromReported && math.Abs(x.Score-y.Score) < 1e-15
}

// foldCorpus builds 30 outlets, 10 of each label, 6 articles each. Entry
// "right-word" (lean +1) is used by right outlets, "left-word" (lean -1)
// by left ones, so both work with their lean; "wrong-word" (lean +1) is
// used by left outlets only, so it works against its lean wherever left
// outlets are; "quirk" (lean -1) is used only by the right outlets of one
// fold (fold 0 of 3 under seed 1), so only a training side holding that
// fold's outlets can find it against its lean. Scores are computed from
// the uses as scoring does.
func foldCorpus(t *testing.T) (Input, map[string]int) {
	t.Helper()
	entries := []Entry{
		{ID: "right-word", Lean: map[string]float64{axis: 1}},
		{ID: "left-word", Lean: map[string]float64{axis: -1}},
		{ID: "wrong-word", Lean: map[string]float64{axis: 1}},
		{ID: "quirk", Lean: map[string]float64{axis: -1}},
		{ID: "plain", Lean: map[string]float64{axis: 0}},
	}
	leans := map[string]map[string]float64{}
	for _, e := range entries {
		leans[e.ID] = e.Lean
	}
	fold := map[string]int{}
	var as []Article
	for _, label := range []string{"left", "center", "right"} {
		for i := range 10 {
			o := fmt.Sprintf("%s %02d", label, i)
			fold[o] = Fold(o, 3, 1)
			for j := range 6 {
				uses := map[string]int{"plain": 1}
				switch label {
				case "right":
					uses["right-word"] = 1 + j%2
					if fold[o] == 0 {
						uses["quirk"] = 2
					}
				case "left":
					uses["left-word"] = 1 + j%3
					uses["wrong-word"] = 1
				}
				a := Article{ID: fmt.Sprint(o, "/", j), Outlet: o, Label: label, Uses: uses, Stance: map[string]Stance{axis: {}}}
				a.Stance = Rescore(a, leans, nil)
				as = append(as, a)
			}
		}
	}
	return Input{Axes: []string{axis}, Entries: entries, Articles: as}, fold
}

// crossCheck3 runs CrossCheckPruning on in with 3 folds, seed 1, ordinal
// labels left < center < right and no bootstrap.
func crossCheck3(t *testing.T, in Input) *CrossCheck {
	t.Helper()
	opt := DefaultOptions()
	opt.Order = []string{"left", "center", "right"}
	opt.Resamples = 0
	cc, err := CrossCheckPruning(in, 3, 1, opt)
	if err != nil {
		t.Fatal(err)
	}
	return cc
}

// TestCrossCheckPruning: each fold's lexicon is fitted without its own
// outlets and scores only them. The quirk's use lies in fold 0's outlets,
// so the folds that train on fold 0 drop it and fold 0 itself does not.
func TestCrossCheckPruning(t *testing.T) {
	in, fold := foldCorpus(t)
	for f := range 3 {
		n := 0
		for o, g := range fold {
			if g == f && strings.HasPrefix(o, "right") {
				n++
			}
		}
		if n == 0 {
			t.Fatalf("fold %d has no right outlet; the corpus needs another seed", f)
		}
	}
	cc := crossCheck3(t, in)
	if len(cc.Splits) != 3 {
		t.Fatalf("%d folds, want 3", len(cc.Splits))
	}
	for i, s := range cc.Splits {
		want := []string{"quirk", "wrong-word"}
		if i == 0 {
			want = []string{"wrong-word"}
		}
		if !slices.Equal(s.Dropped, want) {
			t.Errorf("%s dropped %q, want %q", s.Split, s.Dropped, want)
		}
		if s.TrainOutlets+s.TestOutlets != 30 {
			t.Errorf("%s: %d + %d outlets, want 30", s.Split, s.TrainOutlets, s.TestOutlets)
		}
	}
	// Every article is scored once, by the lexicon of its own fold: fold
	// 0's right articles keep the quirk (-1), the others' have none.
	if cc.Fitted.Articles != len(in.Articles) {
		t.Errorf("%d articles measured, want %d", cc.Fitted.Articles, len(in.Articles))
	}
	// Left articles lose wrong-word everywhere: their scores fall, and
	// right > left separates completely.
	if auc := cc.Fitted.Axes[0].ArticleAUC[0].All.AUC; auc != 1 {
		t.Errorf("pruned right > left AUC %v, want 1", auc)
	}
	if _, err := CrossCheckPruning(in, 3, 1, DefaultOptions()); err == nil {
		t.Error("categorical labels gave no error")
	}
}

// TestCrossCheckFolds checks what the cross-check says of each fold's own
// articles: the right > left AUC of a fold as written and pruned equals a
// direct count over the fold's articles (stats.AUC of their scores, which
// the corpus computes with Rescore), and each entry's folds follow the
// corpus's design (see foldCorpus): right-word and left-word with their
// lean on all three folds, wrong-word against it on all three, the quirk
// against it on fold 0 only and unused elsewhere, plain (lean 0) not
// counted.
func TestCrossCheckFolds(t *testing.T) {
	in, fold := foldCorpus(t)
	cc := crossCheck3(t, in)
	leans := map[string]map[string]float64{}
	for _, e := range in.Entries {
		leans[e.ID] = e.Lean
	}
	for i, s := range cc.Splits {
		drop := map[string]bool{}
		for _, e := range s.Dropped {
			drop[e] = true
		}
		var rw, lw, rp, lp []float64
		for _, a := range in.Articles {
			if fold[a.Outlet] != i {
				continue
			}
			p := Rescore(a, leans, drop)[axis].Score
			switch a.Label {
			case "right":
				rw, rp = append(rw, a.Stance[axis].Score), append(rp, p)
			case "left":
				lw, lp = append(lw, a.Stance[axis].Score), append(lp, p)
			}
		}
		want := FoldAUC{Axis: axis, Higher: "right", Lower: "left", Written: stats.AUC(rw, lw), Pruned: stats.AUC(rp, lp)}
		if len(s.Ends) != 1 || s.Ends[0] != want {
			t.Errorf("%s: ends %+v, want %+v", s.Split, s.Ends, want)
		}
	}
	// Fold 0 keeps the quirk, which its right articles use: pruned as
	// written there, while wrong-word's removal lifts every fold to 1.
	if e := cc.Splits[0].Ends[0]; e.Pruned != 1 {
		t.Errorf("fold 0 pruned AUC %v, want 1", e.Pruned)
	}
	got := map[string]EntryFolds{}
	for _, e := range cc.Entries {
		got[e.Entry] = e
	}
	tests := []EntryFolds{
		{Entry: "right-word", Axis: axis, Lean: 1, With: 3},
		{Entry: "left-word", Axis: axis, Lean: -1, With: 3},
		{Entry: "wrong-word", Axis: axis, Lean: 1, Against: 3},
		{Entry: "quirk", Axis: axis, Lean: -1, Against: 1, Unused: 2},
	}
	for _, tt := range tests {
		t.Run(tt.Entry, func(t *testing.T) {
			if got[tt.Entry] != tt {
				t.Errorf("%+v, want %+v", got[tt.Entry], tt)
			}
		})
	}
	if _, ok := got["plain"]; ok || len(cc.Entries) != len(tests) {
		t.Errorf("entries %+v: want the four with a lean", cc.Entries)
	}
}

// TestCrossCheckNeverScoresTrainingOutlets runs the fit and measure steps
// CrossCheckPruning uses through CrossValidate and checks, outlet by
// outlet, that the entries each fold's articles are scored without were
// judged only on the other folds' articles.
func TestCrossCheckNeverScoresTrainingOutlets(t *testing.T) {
	in, fold := foldCorpus(t)
	var outlets []string
	for o := range fold {
		outlets = append(outlets, o)
	}
	splits, err := KFold(outlets, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	_, err = CrossValidate(in.Articles, func(a Article) string { return a.Outlet }, splits,
		func(s Split, train []Article) (int, error) {
			for _, a := range train {
				if slices.Contains(s.Test, a.Outlet) {
					t.Errorf("%s: fitted on %s, a test outlet", s.Name, a.Outlet)
				}
			}
			return 0, nil
		},
		func(s Split, _ int, test []Article) (int, error) {
			for _, a := range test {
				if slices.Contains(s.Train, a.Outlet) || fold[a.Outlet] != slices.IndexFunc(splits, func(x Split) bool { return x.Name == s.Name }) {
					t.Errorf("%s: measured %s of fold %d", s.Name, a.Outlet, fold[a.Outlet])
				}
			}
			return 0, nil
		})
	if err != nil {
		t.Fatal(err)
	}
}
