package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/golden"
)

// TestValidateMatchesR validates the hand-made score records against
// testdata/hand-labels.csv (alpha.example right, beta.example Left,
// gamma.example center, delta.example unlabelled) and compares the
// article-level AUCs with R 4.2.2 (internal/stats/testdata/reference.R):
//
//	a <- function(x, y) wilcox.test(x, y, exact = FALSE)$statistic / (length(x) * length(y))
//	a(alpha, beta)          # 0.95833333333333337  right > left, all and with evidence
//	a(alpha, c(gamma, 0))   # 0.88636363636363635  right > center, all articles
//	a(alpha, gamma)         # 0.875                right > center, with evidence
//	a(c(gamma, 0), beta)    # 0.76515151515151514  center > left, all articles
//	a(gamma, beta)          # 0.77500000000000002  center > left, with evidence
//
// with the values of TestStatsMatchesR. "Left" in the labels file and
// "left" in --order are one label.
func TestValidateMatchesR(t *testing.T) {
	stdout, stderr, code := compare(t, "", "validate", "--scores", handScores, "--labels", filepath.Join("testdata", "hand-labels.csv"),
		"--order", "left,center,right", "--format", "json", "--min-articles", "1")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	type auc struct {
		AUC float64 `json:"auc"`
	}
	var v struct {
		Result struct {
			Labels     []string `json:"labels"`
			ByLabel    []int    `json:"by_label"`
			Unlabelled int      `json:"unlabelled"`
			Warnings   []string `json:"warnings"`
			Axes       []struct {
				ArticleAUC []struct {
					Higher       string `json:"higher"`
					Lower        string `json:"lower"`
					All          auc    `json:"all"`
					WithEvidence auc    `json:"with_evidence"`
				} `json:"article_auc"`
			} `json:"axes"`
		} `json:"result"`
	}
	if err := json.Unmarshal([]byte(stdout), &v); err != nil {
		t.Fatalf("output is not JSON: %v\n%.500s", err, stdout)
	}
	r := v.Result
	if !slices.Equal(r.Labels, []string{"left", "center", "right"}) || !slices.Equal(r.ByLabel, []int{6, 11, 8}) || r.Unlabelled != 2 {
		t.Errorf("labels %q by label %v, %d unlabelled; want left, center, right with 6, 11, 8 and 2 (delta) unlabelled", r.Labels, r.ByLabel, r.Unlabelled)
	}
	if !strings.Contains(strings.Join(r.Warnings, "\n"), `the label is written "Left" (6 articles): counted as one label, "left"`) {
		t.Errorf("no warning about the spelling Left: %q", r.Warnings)
	}
	want := []struct {
		pair          string
		all, evidence float64
	}{
		{"right>left", 0.95833333333333337, 0.95833333333333337},
		{"right>center", 0.88636363636363635, 0.875},
		{"center>left", 0.76515151515151514, 0.77500000000000002},
	}
	if len(r.Axes) != 1 || len(r.Axes[0].ArticleAUC) != len(want) {
		t.Fatalf("axes %+v", r.Axes)
	}
	for i, w := range want {
		p := r.Axes[0].ArticleAUC[i]
		if p.Higher+">"+p.Lower != w.pair {
			t.Errorf("pair %d is %s > %s, want %s", i, p.Higher, p.Lower, w.pair)
		}
		all, ev := p.All.AUC, p.WithEvidence.AUC
		if math.Abs(all-w.all) > 1e-12 || math.Abs(ev-w.evidence) > 1e-12 {
			t.Errorf("%s: AUC %v, with evidence %v; R gives %v, %v", w.pair, all, ev, w.all, w.evidence)
		}
	}
}

// TestValidateSample validates the built-in sample against its outlets
// file's groups (the README's example), and cross-checks pruning by two
// folds. (internal/validate's golden files pin the held-out output.)
func TestValidateSample(t *testing.T) {
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"validate-sample.txt", nil},
		{"validate-sample-folds.txt", []string{"--split", "outlet", "--folds", "2"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			args := append([]string{"validate", "--outlets", sampleOutlets, "--label-field", "group", "--order", "opposition,wire,state media",
				"--bootstrap", "200", sampleDir}, tc.args...)
			stdout, stderr, code := compare(t, "", args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden.Check(t, "testdata/golden/"+tc.golden, stdout)
		})
	}
	// Held out: the list names an outlet by its alias, which --outlets
	// folds into the name the records carry.
	train := filepath.Join(t.TempDir(), "train.txt")
	if err := os.WriteFile(train, []byte("# fitted on\nTehran Herald\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := compare(t, "", "validate", "--outlets", sampleOutlets, "--label-field", "group", "--train-outlets", train, "--bootstrap", "0", sampleDir)
	if code != exitOK || !strings.Contains(stdout, "Left out, being training outlets too: tehran-herald (9 articles).") || !strings.Contains(stdout, "of 4 outlets") {
		t.Errorf("exit %d, stderr %q, output:\n%s", code, stderr, stdout)
	}
}

func TestValidateErrors(t *testing.T) {
	labels := filepath.Join("testdata", "hand-labels.csv")
	dir := t.TempDir()
	badLabels, allTrained := filepath.Join(dir, "bad.yaml"), filepath.Join(dir, "train.txt")
	for name, data := range map[string]string{
		badLabels:  "Fox: right\n  bad: [\n",
		allTrained: "alpha.example\nbeta.example\ngamma.example\ndelta.example\n",
	} {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no input", []string{"validate", "--labels", labels}, exitUsage, "give --scores FILE or at least one PATH"},
		{"no labels", []string{"validate", "--scores", handScores}, exitUsage, "give --labels FILE or --label-field FIELD"},
		{"both label sources", []string{"validate", "--scores", handScores, "--labels", labels, "--label-field", "bias"}, exitUsage, "not both"},
		{"bad format", []string{"validate", "--scores", handScores, "--labels", labels, "--format", "xml"}, exitUsage, `--format "xml"`},
		{"split without order", []string{"validate", "--scores", handScores, "--labels", labels, "--split", "outlet"}, exitUsage, "give --order"},
		{"unknown split", []string{"validate", "--scores", handScores, "--labels", labels, "--split", "article"}, exitUsage, `--split "article": want outlet`},
		{"one fold", []string{"validate", "--scores", handScores, "--labels", labels, "--order", "left,center,right", "--split", "outlet", "--folds", "1"}, exitUsage, "--folds 1"},
		{"labels file at fault", []string{"validate", "--scores", handScores, "--labels", badLabels}, exitFailure, "bad.yaml:2: mapping values are not allowed"},
		{"order does not fit", []string{"validate", "--scores", handScores, "--labels", labels, "--order", "left,right"}, exitFailure, `order: label "center" is missing`},
		{"groups as labels", []string{"validate", "--scores", handScores, "--label-field", "group"}, exitOK, ""},
		{"no labelled article", []string{"validate", "--scores", handScores, "--label-field", "bias"}, exitFailure, "at least two labels"},
		{"everything trained on", []string{"validate", "--scores", handScores, "--labels", labels, "--train-outlets", allTrained}, exitFailure, "every test outlet is a training outlet"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := compare(t, "", tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.msg)
			}
		})
	}
}
