package validate_test

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/stats"
	"github.com/compare-tool/compare/internal/validate"
)

// scoreRecord holds the fields of a compare.score/v1 record (see the
// README's "Score records") that validation reads.
type scoreRecord struct {
	Schema string            `json:"schema"`
	ID     string            `json:"id"`
	Outlet string            `json:"outlet"`
	Group  string            `json:"group"`
	Meta   map[string]string `json:"meta"`
	Stance map[string]struct {
		Score float64 `json:"score"`
		N     int     `json:"n"`
	} `json:"stance"`
	Matches []struct {
		Entry   string             `json:"entry"`
		Voice   string             `json:"voice"`
		Contrib map[string]float64 `json:"contrib"`
	} `json:"matches"`
}

// readScores reads score records (JSON Lines, gzip-compressed if the name
// ends in .gz) into validation articles labelled by lab, and the entries
// their matches name with the contribution of each to each axis.
func readScores(t *testing.T, path string, lab validate.Labeller) ([]validate.Article, []validate.Entry) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		r = z
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 256<<20)
	var articles []validate.Article
	leans := map[string]map[string]float64{}
	line := 0
	for sc.Scan() {
		line++
		var rec scoreRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		if !strings.HasPrefix(rec.Schema, "compare.score/v1") {
			t.Fatalf("%s:%d: schema %q", path, line, rec.Schema)
		}
		a := validate.Article{
			ID: rec.ID, Outlet: rec.Outlet,
			Label:  lab.Label(validate.Ref{ID: rec.ID, Outlet: rec.Outlet, Group: rec.Group, Meta: rec.Meta}),
			Stance: map[string]validate.Stance{},
			Uses:   map[string]int{},
		}
		for axis, s := range rec.Stance {
			a.Stance[axis] = validate.Stance{Score: s.Score, N: s.N}
		}
		for _, m := range rec.Matches {
			if leans[m.Entry] == nil {
				leans[m.Entry] = m.Contrib
			}
			if m.Voice == "author" {
				a.Uses[m.Entry]++
			}
		}
		articles = append(articles, a)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	var entries []validate.Entry
	for id, lean := range leans {
		entries = append(entries, validate.Entry{ID: id, Lean: lean})
	}
	return articles, entries
}

// TestABPValid measures the built-in us-politics lexicon on the outlets of
// Article-Bias-Prediction's valid split that are not in its train split,
// labelled article by article from the records' "bias" field. It needs
// score records, which take a minute to make:
//
//	go run ./cmd/compare score --lexicon us-politics --format jsonl --no-text ../shared/abp/valid.jsonl.gz > /tmp/valid.jsonl
//	go run ./cmd/compare score --lexicon us-politics --format jsonl --no-text ../shared/abp/train.jsonl.gz | gzip > /tmp/train.jsonl.gz
//	COMPARE_ABP_VALID=/tmp/valid.jsonl COMPARE_ABP_TRAIN=/tmp/train.jsonl.gz go test -run ABP -v ./internal/validate
//
// and skips without them. It logs the numbers and checks what must hold
// whatever the lexicon: the 11 shared outlets are left out, ProPublica's
// mixed labels are reported, and the AUCs equal a direct count of pairs.
func TestABPValid(t *testing.T) {
	validPath, trainPath := os.Getenv("COMPARE_ABP_VALID"), os.Getenv("COMPARE_ABP_TRAIN")
	if validPath == "" || trainPath == "" {
		t.Skip("COMPARE_ABP_VALID and COMPARE_ABP_TRAIN name no score files (see the test's comment)")
	}
	bias := validate.FieldLabels("bias")
	valid, entries := readScores(t, validPath, bias)
	train, _ := readScores(t, trainPath, bias)
	outletsOf := func(as []validate.Article) []string {
		var o []string
		for _, a := range as {
			o = append(o, a.Outlet)
		}
		return o
	}
	split, shared, err := validate.ExplicitSplit(outletsOf(train), outletsOf(valid), true)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("left out of valid, also in train: %q", shared)
	// ../shared/abp/README.md: "11 that are in both (mostly "Guest Writer"
	// labels, Wall Street Journal - News 255/80, New York Magazine 1/48)".
	if len(shared) != 11 || !slices.Contains(shared, "Wall Street Journal - News") || !slices.Contains(shared, "New York Magazine") {
		t.Errorf("shared outlets %q, want 11 with Wall Street Journal - News and New York Magazine", shared)
	}
	var test []validate.Article
	_, err = validate.CrossValidate(valid, func(a validate.Article) string { return a.Outlet }, []validate.Split{split},
		func(validate.Split, []validate.Article) (struct{}, error) { return struct{}{}, nil }, // the built-in lexicon: nothing to fit
		func(_ validate.Split, _ struct{}, held []validate.Article) (struct{}, error) {
			test = held
			return struct{}{}, nil
		})
	if err != nil {
		t.Fatal(err)
	}
	opt := validate.DefaultOptions()
	opt.Order = []string{"left", "center", "right"}
	res, err := validate.Measure(validate.Input{Entries: entries, Articles: test}, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d articles (%v by label), %d outlets; warnings %q", res.Articles, res.ByLabel, len(res.Outlets), res.Warnings)
	if res.Articles != 2143 {
		t.Errorf("%d articles on unseen outlets, want 2356 − 213 = 2143", res.Articles)
	}
	if !slices.ContainsFunc(res.Warnings, func(w string) bool {
		return strings.HasPrefix(w, `outlet "ProPublica" has articles of several labels (32 left, 36 center)`)
	}) {
		t.Errorf("no warning about ProPublica's mixed labels: %q", res.Warnings)
	}
	logResult(t, res)
	ar := res.Axes[0]
	// The right > left AUC over all articles, counted pair by pair.
	var right, left []float64
	for _, a := range test {
		switch a.Label {
		case "right":
			right = append(right, a.Stance["left-right"].Score)
		case "left":
			left = append(left, a.Stance["left-right"].Score)
		}
	}
	wins := 0.0
	for _, r := range right {
		for _, l := range left {
			switch {
			case r > l:
				wins++
			case r == l:
				wins += 0.5
			}
		}
	}
	if got, want := ar.ArticleAUC[0].All.AUC, wins/float64(len(right)*len(left)); math.Abs(got-want) > 1e-12 {
		t.Errorf("right > left AUC %v, pair count %v", got, want)
	}
	if got, want := ar.ArticleAUC[0].All.AUC, stats.AUC(right, left); got != want {
		t.Errorf("right > left AUC %v, stats.AUC %v", got, want)
	}

	// The same lexicon on the train split: not held out from anything (the
	// lexicon was not grown on it), and with 12 times as many articles
	// the entries' verdicts have more power.
	t.Run("train", func(t *testing.T) {
		res, err := validate.Measure(validate.Input{Entries: entries, Articles: train}, opt)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%d articles (%v by label), %d outlets; %d warnings", res.Articles, res.ByLabel, len(res.Outlets), len(res.Warnings))
		logResult(t, res)
	})
}

// logResult logs the measurements of the first axis of res.
func logResult(t *testing.T, res *validate.Result) {
	t.Helper()
	ar := res.Axes[0]
	t.Logf("coverage %.3f %+v", ar.Coverage.Share, ar.Coverage.ByLabel)
	for _, p := range ar.ArticleAUC {
		t.Logf("articles %s > %s: all %.3f [%.3f, %.3f] (%d, %d); with evidence %.3f [%.3f, %.3f] (%d, %d)", p.Higher, p.Lower,
			p.All.AUC, p.All.Lo, p.All.Hi, p.All.NHigher, p.All.NLower, p.WithEvidence.AUC, p.WithEvidence.Lo, p.WithEvidence.Hi, p.WithEvidence.NHigher, p.WithEvidence.NLower)
	}
	for _, p := range ar.OutletAUC {
		t.Logf("outlets %s > %s: all %.3f [%.3f, %.3f] (%d, %d); with evidence %.3f [%.3f, %.3f] (%d, %d)", p.Higher, p.Lower,
			p.All.AUC, p.All.Lo, p.All.Hi, p.All.NHigher, p.All.NLower, p.WithEvidence.AUC, p.WithEvidence.Lo, p.WithEvidence.Hi, p.WithEvidence.NHigher, p.WithEvidence.NLower)
	}
	sp := ar.Spearman
	t.Logf("Spearman all %.3f [%.3f, %.3f] p %.3g n %d; with evidence %.3f [%.3f, %.3f] p %.3g n %d",
		sp.All.Rho, sp.All.Lo, sp.All.Hi, sp.All.P, sp.All.N, sp.WithEvidence.Rho, sp.WithEvidence.Lo, sp.WithEvidence.Hi, sp.WithEvidence.P, sp.WithEvidence.N)
	counts := map[validate.Verdict]int{}
	for _, d := range ar.Entries {
		counts[d.Verdict]++
	}
	t.Logf("entries: %v", counts)
	for _, d := range ar.Entries[:min(25, len(ar.Entries))] {
		t.Logf("  %-28s %+5.2f %-24s %s", d.Entry, d.Lean, d.Verdict, d.Reason)
	}
	for _, n := range res.Notes {
		t.Logf("note: %s", n)
	}
}
