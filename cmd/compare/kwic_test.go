package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/golden"
	"github.com/compare-tool/compare/internal/kwic"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/token"
)

// TestKWICGolden pins compare kwic on the sample in each format.
func TestKWICGolden(t *testing.T) {
	for _, tt := range []struct {
		name   string
		args   []string
		golden string
	}{
		{"table by outlet", []string{"--target", "iran-gov", "--sort", "outlet"}, "kwic-sample-iran-gov.txt"},
		{"csv term", []string{"--term", "terrorists", "--format", "csv"}, "kwic-sample-terrorists.csv"},
		{"jsonl entry by entry", []string{"--voice", "distanced", "--sort", "entry", "--window", "3", "--format", "jsonl"}, "kwic-sample-distanced.jsonl"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := compare(t, "", append(append([]string{"kwic"}, tt.args...), sampleDir)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden.Check(t, "testdata/golden/"+tt.golden, stdout)
		})
	}
}

// TestKWICExplainsScores checks that kwic lists exactly the matches of
// the score records, with their voice, entry and offsets, whether it
// scores the articles or reads a score file, and that a term filter
// folds as matching does.
func TestKWICExplainsScores(t *testing.T) {
	jsonl, stderr, code := compare(t, "", "score", "--format", "jsonl", sampleDir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs := decodeRecords(t, jsonl)
	scores := filepath.Join(t.TempDir(), "scores.jsonl")
	if err := os.WriteFile(scores, []byte(jsonl), 0o644); err != nil {
		t.Fatal(err)
	}
	fromPaths, stderr, code := compare(t, "", "kwic", "--format", "jsonl", "--window", "0", sampleDir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	fromScores, stderr, code := compare(t, "", "kwic", "--format", "jsonl", "--window", "0", "--scores", scores)
	if code != 0 {
		t.Fatalf("--scores: exit %d: %s", code, stderr)
	}
	if fromPaths != fromScores {
		t.Error("kwic from the score file differs from kwic on the articles")
	}
	var lines []kwic.Line
	for _, l := range strings.Split(strings.TrimSpace(fromPaths), "\n") {
		var kl kwic.Line
		if err := json.Unmarshal([]byte(l), &kl); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, kl)
	}
	i := 0
	for _, r := range recs {
		for _, m := range r.Matches {
			if i >= len(lines) {
				t.Fatalf("%d lines for more matches", len(lines))
			}
			l := lines[i]
			if l.ID != r.ID || l.Start != m.Start || l.End != m.End || l.Keyword != m.Text || l.Voice != m.Voice || l.Entry != m.Entry ||
				l.Loaded != record.IsLoaded(m.Valence, m.Contrib) || l.Line != r.FileLine(&m) || l.Pre != "" || l.Post != "" {
				t.Fatalf("line %d: %+v, match %+v of %s", i+1, l, m, r.ID)
			}
			i++
		}
	}
	if i != len(lines) {
		t.Errorf("%d lines, %d matches", len(lines), i)
	}

	// --term "Terrorists" selects the matches whose text folds to it, and only those.
	termOut, _, _ := compare(t, "", "kwic", "--format", "jsonl", "--term", "Terrorists", sampleDir)
	n := 0
	for _, r := range recs {
		for _, m := range r.Matches {
			if token.Fold(m.Text) == "terrorists" {
				n++
			}
		}
	}
	if got := strings.Count(termOut, "\n"); got != n || n == 0 {
		t.Errorf("--term Terrorists: %d lines, want %d", got, n)
	}

	noText, _, _ := compare(t, "", "score", "--format", "jsonl", "--no-text", sampleDir)
	if err := os.WriteFile(scores, []byte(noText), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = compare(t, "", "kwic", "--scores", scores)
	if code != exitFailure || !strings.Contains(stderr, "has no text") {
		t.Errorf("--no-text records: exit %d, %s", code, stderr)
	}
	for _, args := range [][]string{{"--sort", "date"}, {"--format", "xml"}, {"--voice", "narrator"}, {"--window", "-1"}, {}} {
		_, _, code := compare(t, "", append(append([]string{"kwic"}, args...), sampleDir)...)
		if len(args) == 0 {
			_, _, code = compare(t, "", "kwic")
		}
		if code != exitUsage {
			t.Errorf("kwic %v: exit %d, want %d", args, code, exitUsage)
		}
	}
}
