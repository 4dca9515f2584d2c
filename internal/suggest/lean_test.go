package suggest

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/ngram"
	"github.com/compare-tool/compare/internal/validate"
)

// filler is text every outlet writes, so that only planted phrases tell
// the label groups apart.
var filler = []string{
	"The committee met on Tuesday to discuss the budget.",
	"Officials said the vote would come later this month.",
	"Lawmakers from both parties spoke to reporters outside.",
	"The report was released after a long delay.",
	"Residents gathered at the town hall in the evening.",
	"The governor signed the measure into law.",
	"Critics and supporters debated the plan for hours.",
	"The court heard arguments in the case on Monday.",
}

// labelledCorpus builds articles for outlets named by label: "left-1"
// … "left-4", "right-1" … "right-4", "center-1", "center-2", 12 articles
// each of filler sentences. Every right outlet writes "Granite
// Coalition", every left outlet "Harbour Tribunal"; right-1 alone writes
// "Silent Majority", many times; every outlet writes a marker of its
// own, "marker" + its name without the hyphen ("markerleft1").
func labelledCorpus() []*corpus.Article {
	rng := rand.New(rand.NewPCG(3, 4))
	var arts []*corpus.Article
	for _, label := range []string{"left", "right", "center"} {
		n := 4
		if label == "center" {
			n = 2
		}
		for o := 1; o <= n; o++ {
			outlet := fmt.Sprintf("%s-%d", label, o)
			for i := range 12 {
				var b strings.Builder
				for range 12 {
					b.WriteString(filler[rng.IntN(len(filler))] + " ")
				}
				// In varied sentences (plantings), so that no longer
				// phrase always comes with the planted one.
				switch {
				case label == "right":
					b.WriteString(fmt.Sprintf(plantings[rng.IntN(len(plantings))], "Granite Coalition"))
				case label == "left":
					b.WriteString(fmt.Sprintf(plantings[rng.IntN(len(plantings))], "Harbour Tribunal"))
				}
				if outlet == "right-1" {
					b.WriteString(fmt.Sprintf(plantings[rng.IntN(len(plantings))], "Silent Majority"))
					b.WriteString(fmt.Sprintf(plantings[rng.IntN(len(plantings))], "Silent Majority"))
				}
				b.WriteString("Marker" + strings.ReplaceAll(outlet, "-", "") + " wrote this. ")
				arts = append(arts, &corpus.Article{ID: fmt.Sprintf("%s/%d", outlet, i), Outlet: outlet, Text: b.String(),
					Meta: map[string]string{"bias": strings.ToUpper(label[:1]) + label[1:]}})
			}
		}
	}
	return arts
}

// askedLabeller records the outlets whose labels were asked for.
type askedLabeller struct {
	validate.Labeller
	asked map[string]bool
}

func (a *askedLabeller) Label(ref validate.Ref) string {
	a.asked[ref.Outlet] = true
	return a.Labeller.Label(ref)
}

func leanSuggest(t *testing.T, tr Training) (*Suggester, *Suggestions, *askedLabeller) {
	t.Helper()
	lex, err := lexicon.Load("../lexicon/testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lab := &askedLabeller{Labeller: validate.FieldLabels("bias"), asked: map[string]bool{}}
	s := New([]*lexicon.Matcher{lexicon.Compile(lex)}, Options{Top: 30, Lean: &Lean{
		Labeller: lab, Order: []string{"left", "center", "right"}, Axis: "td", Training: tr, MinOutletArticles: 5}})
	for _, a := range labelledCorpus() {
		s.Add(a)
	}
	res, err := s.Result()
	if err != nil {
		t.Fatal(err)
	}
	return s, res, lab
}

// TestLeanPlanted checks that a phrase planted in every outlet of one side
// is suggested with that side's lean, and that one outlet's phrase is
// refused, whatever outlets are held out.
func TestLeanPlanted(t *testing.T) {
	for _, tc := range []struct {
		name string
		tr   Training
	}{
		{"all outlets", Training{}},
		{"test outlets excluded", Training{Exclude: []string{"left-4", "Right-4"}}},
		{"training outlets listed", Training{Outlets: []string{"left-1", "left-2", "left-3", "right-1", "right-2", "right-3", "center-1"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, res, _ := leanSuggest(t, tc.tr)
			find := func(phrase string) (*Suggestion, int, bool) {
				for _, u := range res.Units {
					for i := range u.Terms {
						if u.Terms[i].Phrase == phrase {
							return &u.Terms[i], u.Lean, false
						}
					}
					for i := range u.Refused {
						if u.Refused[i].Phrase == phrase {
							return &u.Refused[i], u.Lean, true
						}
					}
				}
				return nil, 0, false
			}
			for _, want := range []struct {
				phrase string
				lean   int
			}{{"granite coalition", +1}, {"harbour tribunal", -1}} {
				sg, lean, refused := find(want.phrase)
				switch {
				case sg == nil:
					t.Errorf("%q not suggested", want.phrase)
				case refused:
					t.Errorf("%q refused: %s", want.phrase, sg.Lean.Refused)
				case lean != want.lean || sg.Lean.Lean != want.lean:
					t.Errorf("%q: lean %d, want %d", want.phrase, lean, want.lean)
				case sg.Lean.Outlets[sideMiddle] != 0 || sg.Lean.Uses[1-(want.lean+1)/2] != 0:
					t.Errorf("%q: uses %v, outlets %v: used outside its side", want.phrase, sg.Lean.Uses, sg.Lean.Outlets)
				case sg.Lean.Consistent != sg.Lean.ConsistentOf || len(sg.Contexts) == 0:
					t.Errorf("%q: consistency %d of %d, contexts %q", want.phrase, sg.Lean.Consistent, sg.Lean.ConsistentOf, sg.Contexts)
				}
			}
			sg, lean, refused := find("silent majority")
			if sg == nil || !refused || lean != +1 || sg.Lean.Outlets[sidePos] != 1 || sg.ByUnit[0].Unit != "right-1" {
				t.Errorf("one outlet's phrase: %+v, refused %v, lean %d; want refused, right, right-1 only", sg, refused, lean)
			}
			// Filler is shared by all: no suggestion.
			if sg, _, refused := find("committee"); sg != nil && !refused {
				t.Errorf("filler word suggested: %+v", sg)
			}
			var out bytes.Buffer
			if err := Write(&out, res, []string{"small 1.0.0"}); err != nil {
				t.Fatal(err)
			}
			text := out.String()
			for _, want := range []string{"- terms: [Granite Coalition]", "lean: {td: 1}", "lean: {td: -1}", `# REFUSED "Silent Majority": used by 1 outlet of its group, fewer than 3`, "HELD OUT:", "# Training outlets"} {
				if !strings.Contains(text, want) {
					t.Errorf("output lacks %q:\n%s", want, text)
				}
			}
			// Once filled in, the entries are lexicon entries with their lean.
			filled := strings.NewReplacer(`target: ""`, "target: opposition").Replace(text)
			i := strings.Index(filled, "\nentries:")
			head := "name: t\nversion: 1\ntargets: [{id: opposition}]\naxes: [{id: td, weights: {opposition: 1}}]\n"
			if _, err := lexicon.Parse("suggested.yaml", []byte(head+filled[i:])); err != nil {
				t.Errorf("filled-in suggestions do not pass the lexicon check: %v", err)
			}
		})
	}
}

// TestLeanHeldOutNeverRead checks the held-out protocol: with a fold held
// out, no article of its outlets is labelled, counted or kept, so nothing
// of theirs can reach a suggestion; and the held-out fold is the one
// validate --split outlet tests with the same folds and seed.
func TestLeanHeldOutNeverRead(t *testing.T) {
	var outlets []string
	for _, a := range labelledCorpus() {
		if !slices.Contains(outlets, a.Outlet) {
			outlets = append(outlets, a.Outlet)
		}
	}
	splits, err := validate.KFold(outlets, 3, 11)
	if err != nil {
		t.Fatal(err)
	}
	for f, split := range splits {
		t.Run(split.Name, func(t *testing.T) {
			s, res, lab := leanSuggest(t, Training{Folds: 3, Fold: f, Seed: 11})
			if !slices.Equal(res.Held.Outlets, split.Train) {
				t.Errorf("read outlets %q, want the split's training outlets %q", res.Held.Outlets, split.Train)
			}
			if res.Held.HeldOutOutlets != len(split.Test) || res.Held.HeldOutArticles != 12*len(split.Test) {
				t.Errorf("held out %d articles of %d outlets, want %d of %d", res.Held.HeldOutArticles, res.Held.HeldOutOutlets, 12*len(split.Test), len(split.Test))
			}
			counts := ngram.Merge(s.counts)
			groups := ngram.Merge(s.lean.groups)
			for _, o := range split.Test {
				marker := "marker" + strings.ReplaceAll(o, "-", "")
				if lab.asked[o] {
					t.Errorf("the label of held-out %s was asked for", o)
				}
				if counts.Lookup(marker) != nil || groups.Lookup(marker) != nil {
					t.Errorf("held-out %s's marker %q was counted", o, marker)
				}
				for _, kt := range s.texts {
					if strings.Contains(strings.ToLower(kt.text), marker) {
						t.Errorf("held-out %s's text was kept", o)
					}
				}
			}
			for _, o := range split.Train {
				if counts.Lookup("marker"+strings.ReplaceAll(o, "-", "")) == nil {
					t.Errorf("training outlet %s's marker was not counted", o)
				}
			}
		})
	}
}

func TestLeanNoEnd(t *testing.T) {
	lex, err := lexicon.Load("../lexicon/testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := New([]*lexicon.Matcher{lexicon.Compile(lex)}, Options{Lean: &Lean{
		Labeller: validate.FieldLabels("bias"), Order: []string{"left", "right"}, Axis: "td",
		Training: Training{Exclude: []string{"right-1", "right-2", "right-3", "right-4"}}}})
	for _, a := range labelledCorpus() {
		s.Add(a)
	}
	if _, err := s.Result(); err == nil || !strings.Contains(err.Error(), `no training article is labelled "right"`) {
		t.Errorf("err %v, want one naming the missing end", err)
	}
}

// TestLeanEvidenceGuards checks the guards on per-outlet uses: the flag
// counts only the phrase's own group, so another group's heavy user does
// not make it one outlet's habit.
func TestLeanEvidenceGuards(t *testing.T) {
	s := &Suggester{
		opt: Options{Lean: &Lean{MinOutlets: 3, MinOutletArticles: 1}},
		lean: &leanCounts{
			outletSide:  []int{sidePos, sidePos, sidePos, sideNeg, sideNeg, sideNeg},
			outletWords: []int64{1000, 1000, 1000, 1000, 1000, 1000},
		},
		articles: []int{5, 5, 5, 5, 5, 5},
	}
	tests := []struct {
		name          string
		uses          []int
		refused, flag bool
	}{
		{"even in its group", []int{10, 10, 10, 0, 0, 0}, false, false},
		{"the other group's heavy user", []int{10, 10, 10, 20, 0, 0}, false, false},
		{"one outlet of its group", []int{25, 3, 3, 0, 0, 0}, false, true},
		{"too few outlets", []int{10, 10, 0, 0, 0, 0}, true, false},
		{"a few outlets' habit", []int{10, 1, 1, 5, 5, 0}, true, false},
	}
	outletsOf := [3]int{3, 3}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := s.leanEvidence(sidePos, tt.uses, outletsOf)
			if (ev.Refused != "") != tt.refused || (ev.Flag != "") != tt.flag {
				t.Errorf("refused %q, flag %q; want refused %v, flag %v", ev.Refused, ev.Flag, tt.refused, tt.flag)
			}
		})
	}
}
