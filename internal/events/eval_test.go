package events

import (
	"bufio"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/compare-tool/compare/internal/corpus"
)

// labelled is an article of the evaluation set with its event label.
type labelled struct {
	Article
	event string
}

// The evaluation set: the constructed articles of testdata/eval (each
// with an "event" key in its front matter) and the built-in sample of the
// repository, labelled in testdata/sample-labels.tsv.
const (
	evalDir      = "testdata/eval"
	sampleDir    = "../../testdata/sample"
	sampleLabels = "testdata/sample-labels.tsv"
)

// loadEval reads the evaluation set with the corpus reader, as the
// command will read articles.
func loadEval(t testing.TB) []labelled {
	t.Helper()
	labels := map[string]string{}
	f, err := os.Open(sampleLabels)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		id, event, ok := strings.Cut(text, "\t")
		if !ok {
			t.Fatalf("%s:%d: want id<TAB>event, got %q", sampleLabels, line, text)
		}
		labels[id] = event
	}
	var out []labelled
	_, err = corpus.Read(context.Background(), []string{evalDir, sampleDir}, corpus.Options{}, func(a *corpus.Article) error {
		event := a.Meta["event"]
		if event == "" {
			event = labels[a.ID]
		}
		if event == "" {
			t.Fatalf("%s: no event label", a.Source)
		}
		d, err := time.Parse("2006-01-02", a.Date)
		if err != nil {
			t.Fatalf("%s: date: %v", a.Source, err)
		}
		out = append(out, labelled{Article{ID: a.ID, Outlet: a.Outlet, Date: d, Title: a.Title, Text: a.Text}, event})
		return nil
	}, func(p corpus.Problem) { t.Fatalf("reading the evaluation set: %v", p) })
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 78 {
		t.Fatalf("read %d articles of the evaluation set, want 78", len(out))
	}
	return out
}

func articlesOf(set []labelled) []Article {
	arts := make([]Article, len(set))
	for i, l := range set {
		arts[i] = l.Article
	}
	return arts
}

// pairScore is pairwise precision and recall of a grouping against
// labels: over all pairs of articles, a pair is predicted when both are
// members of one event, and true when both have one label.
type pairScore struct {
	truePairs, predicted, correct int
}

func (s pairScore) precision() float64 { return float64(s.correct) / float64(s.predicted) }
func (s pairScore) recall() float64    { return float64(s.correct) / float64(s.truePairs) }

// scorePairs scores g against label, where label[i] is the event of the
// article at input position i and "" means an event of its own. Only
// the articles for which keep is true take part. It counts pairs by
// group sizes, so it is linear in the number of articles.
func scorePairs(label []string, keep func(i int) bool, g *Grouping) pairScore {
	found := make([]int, len(label))
	for i := range found {
		found[i] = -1
	}
	for e, ev := range g.Events {
		for _, m := range ev.Articles {
			found[m.Index] = e
		}
	}
	byLabel, byFound := map[string]int{}, map[int]int{}
	type cell struct {
		label string
		found int
	}
	byBoth := map[cell]int{}
	for i, l := range label {
		if !keep(i) {
			continue
		}
		if l != "" {
			byLabel[l]++
		}
		if found[i] >= 0 {
			byFound[found[i]]++
			if l != "" {
				byBoth[cell{l, found[i]}]++
			}
		}
	}
	pairs := func(n int) int { return n * (n - 1) / 2 }
	var s pairScore
	for _, n := range byLabel {
		s.truePairs += pairs(n)
	}
	for _, n := range byFound {
		s.predicted += pairs(n)
	}
	for _, n := range byBoth {
		s.correct += pairs(n)
	}
	return s
}

// scoreEval scores g on the articles of the evaluation set that keep
// selects.
func scoreEval(set []labelled, g *Grouping, keep func(labelled) bool) pairScore {
	label := make([]string, len(set))
	for i, l := range set {
		label[i] = l.event
	}
	return scorePairs(label, func(i int) bool { return keep(set[i]) }, g)
}

func constructed(l labelled) bool { return strings.HasPrefix(l.ID, "eval-") }
func fromSample(l labelled) bool  { return !constructed(l) }
func all(labelled) bool           { return true }
