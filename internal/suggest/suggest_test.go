package suggest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/gencorpus"
	"github.com/compare-tool/compare/internal/lexicon"
)

// planted are phrases put only into the articles of one outlet. Some of
// their words occur everywhere in generated text ("northern", "front",
// "peace"), so only the phrase, not each word, is distinctive.
var planted = []string{"granite coalition", "harbour tribunal", "northern front command", "peace caravan", "silent majority"}

// plantings are the sentences a planted phrase is put in, so that no longer
// phrase always comes with it.
var plantings = []string{"The %s said so. ", "Officials praised the %s. ", "%s warned again. ", "Members of the %s met. "}

// PlantedCorpus generates a corpus of about size bytes in outlets outlets
// (gencorpus, seeded) and puts one of each planted phrase, capitalised as a
// name, into every article of the first outlet, in a sentence of its own.
// It returns the articles and the outlet.
func PlantedCorpus(t testing.TB, lex *lexicon.Lexicon, size int64, outlets int) ([]*corpus.Article, string) {
	t.Helper()
	var buf bytes.Buffer
	if _, err := gencorpus.Corpus(&buf, lex, gencorpus.Options{Bytes: size, Outlets: outlets, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var arts []*corpus.Article
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var a corpus.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		arts = append(arts, &a)
	}
	if len(arts) == 0 {
		t.Fatal("gencorpus wrote no articles")
	}
	target := arts[0].Outlet
	for _, a := range arts {
		if a.Outlet != target {
			continue
		}
		sentences := strings.SplitAfter(a.Text, ". ")
		for _, p := range planted {
			i := rng.IntN(len(sentences))
			if !strings.HasSuffix(sentences[i], " ") {
				sentences[i] += " "
			}
			sentences[i] += fmt.Sprintf(plantings[rng.IntN(len(plantings))], titleCase(p))
		}
		a.Text = strings.Join(sentences, "")
	}
	return arts, target
}

func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

func TestSuggestFindsPlantedPhrases(t *testing.T) {
	lex, err := lexicon.Load("iran-syria")
	if err != nil {
		t.Fatal(err)
	}
	arts, outlet := PlantedCorpus(t, lex, 600_000, 4)
	s := New([]*lexicon.Matcher{lexicon.Compile(lex)}, Options{})
	for _, a := range arts {
		s.Add(a)
	}
	res, err := s.Result()
	if err != nil {
		t.Fatal(err)
	}
	var got *UnitSuggestions
	for i := range res.Units {
		if res.Units[i].Unit == outlet {
			got = &res.Units[i]
		}
	}
	if got == nil {
		t.Fatalf("no suggestions for %s", outlet)
	}
	if len(got.Terms) != DefaultTop {
		t.Errorf("%d suggestions, want %d", len(got.Terms), DefaultTop)
	}
	top := map[string]Suggestion{}
	for _, sg := range got.Terms {
		top[sg.Phrase] = sg
	}
	for _, p := range planted {
		sg, ok := top[p]
		if !ok {
			var list []string
			for _, sg := range got.Terms {
				list = append(list, sg.Phrase)
			}
			t.Errorf("planted %q not in the top %d of %s: %q", p, DefaultTop, outlet, list)
			continue
		}
		if sg.Others != 0 || sg.Count < 20 {
			t.Errorf("%q: %d uses in %s and %d elsewhere; want ≥ 20 and 0", p, sg.Count, outlet, sg.Others)
		}
		if sg.Surface != titleCase(p) {
			t.Errorf("%q: surface %q, want %q", p, sg.Surface, titleCase(p))
		}
		if len(sg.Contexts) != DefaultContexts || !strings.Contains(sg.Contexts[0], "["+titleCase(p)+"]") {
			t.Errorf("%q: contexts %q", p, sg.Contexts)
		}
	}
	// The words of a planted phrase are not suggested beside it.
	for _, nested := range []string{"granite", "coalition", "northern front", "front command"} {
		if _, ok := top[nested]; ok {
			t.Errorf("%q is suggested beside the phrase that holds it", nested)
		}
	}

	var out bytes.Buffer
	if err := Write(&out, res, []string{"iran-syria"}); err != nil {
		t.Fatal(err)
	}
	// The output is YAML whose entries, once filled in, are lexicon entries.
	text := out.String()
	for _, want := range []string{"- terms: [Granite Coalition]", `target: ""  # fill in`, "# == " + outlet} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	filled := strings.NewReplacer(`target: ""`, "target: iran-gov").Replace(text)
	i := strings.Index(filled, "\nentries:")
	head := "name: t\nversion: 1\ntargets: [{id: iran-gov}]\n"
	if _, err := lexicon.Parse("suggested.yaml", []byte(head+filled[i:])); err != nil {
		t.Errorf("filled-in suggestions do not pass the lexicon check: %v", err)
	}
}

func TestSuggestLeavesOutLexiconMatches(t *testing.T) {
	lex, err := lexicon.Load("../lexicon/testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// "Assad regime" and "rebels" are lexicon terms: as common as the planted
	// phrase in outlet a, they must not be suggested, nor their fragments.
	var arts []*corpus.Article
	for i := 0; i < 20; i++ {
		arts = append(arts,
			&corpus.Article{ID: "a", Outlet: "a", Text: "The Assad regime and the rebels. Troops of the Blue Harbour Guard moved. Weather was fine."},
			&corpus.Article{ID: "b", Outlet: "b", Text: "The weather was fine. Troops moved on Monday."},
		)
	}
	s := New([]*lexicon.Matcher{lexicon.Compile(lex)}, Options{Top: 20})
	for _, a := range arts {
		s.Add(a)
	}
	res, err := s.Result()
	if err != nil {
		t.Fatal(err)
	}
	var phrases []string
	for _, sg := range res.Units[0].Terms {
		phrases = append(phrases, sg.Phrase)
	}
	joined := "|" + strings.Join(phrases, "|") + "|"
	if !strings.Contains(joined, "|blue harbour guard|") {
		t.Errorf("suggestions %q lack the planted phrase", phrases)
	}
	for _, banned := range []string{"assad", "regime", "assad regime", "rebels", "the", "and"} {
		if strings.Contains(joined, "|"+banned+"|") {
			t.Errorf("suggestions %q include %q", phrases, banned)
		}
	}
}

func TestSuggestOneOutlet(t *testing.T) {
	lex, err := lexicon.Load("../lexicon/testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := New([]*lexicon.Matcher{lexicon.Compile(lex)}, Options{By: "group"})
	s.Add(&corpus.Article{Outlet: "a", Text: "x"})
	s.Add(&corpus.Article{Outlet: "b", Text: "y"})
	if _, err := s.Result(); err != ErrOneUnit {
		t.Errorf("by group without groups: err %v, want ErrOneUnit", err)
	}
}
