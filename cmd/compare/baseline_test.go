package main

import (
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/record"
)

// TestBaselineInputs gives the baseline as a corpus, as a score file and
// as a gzip-compressed one: the same records give the same comparison,
// nothing shifts against itself, and problems of both readings reach one
// --errors file.
func TestBaselineInputs(t *testing.T) {
	dir := t.TempDir()
	scores := filepath.Join(dir, "sample.jsonl")
	if _, stderr, code := compare(t, "", "score", "--format", "jsonl", "--no-progress", "-o", scores, sampleDir); code != exitOK {
		t.Fatalf("score: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(scores)
	if err != nil {
		t.Fatal(err)
	}
	gz := filepath.Join(dir, "sample.jsonl.gz")
	f, err := os.Create(gz)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write(data)
	zw.Close()
	f.Close()
	if !record.LooksLikeScores(data[:512]) {
		t.Fatal("a score file does not look like one")
	}

	n := strings.Count(string(data), "\n")
	var outputs []string
	for _, base := range []string{sampleDir, scores, gz} {
		stdout, stderr, code := compare(t, "", "stats", "--format", "json", "--scores", scores, "--baseline", base)
		if code != exitOK {
			t.Fatalf("--baseline %s: exit %d: %s", base, code, stderr)
		}
		if base == sampleDir && !strings.Contains(stderr, fmt.Sprintf("compare: baseline: read %d records: %d scored", n, n)) {
			t.Errorf("--baseline %s: stderr %q", base, stderr)
		}
		c := statsJSON(t, stdout)
		if c.Baseline == nil || c.Baseline.Articles != n || len(c.Baseline.Shifted) != 0 {
			t.Fatalf("--baseline %s: %+v", base, c.Baseline)
		}
		outputs = append(outputs, stdout)
	}
	if outputs[0] != outputs[1] || outputs[1] != outputs[2] {
		t.Error("the baseline as a corpus, a score file and a compressed one gave different comparisons")
	}

	// A corpus file with a bad line: batch and baseline problems share --errors.
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"id":"x","outlet":"A","text":"The regime said so.","date":"04/06/2024"}`+"\n{broken\n"), 0o644)
	errs := filepath.Join(dir, "errors.jsonl")
	_, stderr, code := compare(t, "", "stats", "--format", "json", "--errors", errs, bad, "--baseline", bad)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got, err := os.ReadFile(errs)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(got), `"reason":"malformed-json"`); n != 2 {
		t.Errorf("--errors holds %d malformed-json problems, want 2 (batch and baseline):\n%s", n, got)
	}
	if n := strings.Count(string(got), `"reason":"ambiguous-date"`); n != 2 {
		t.Errorf("--errors holds %d ambiguous-date warnings, want 2:\n%s", n, got)
	}

	// --strict keeps its exit status through stats (it was 1 before).
	if _, stderr, code := compare(t, "", "stats", "--strict", bad); code != exitSkipped {
		t.Errorf("stats --strict: exit %d, want %d: %s", code, exitSkipped, stderr)
	}
	if _, stderr, code := compare(t, "", "stats", "--scores", scores, "--baseline", filepath.Join(dir, "none")); code != exitFailure || !strings.Contains(stderr, "--baseline") {
		t.Errorf("missing baseline: exit %d: %s", code, stderr)
	}
}

func TestLooksLikeScores(t *testing.T) {
	for _, tt := range []struct {
		head string
		want bool
	}{
		{`{"schema":"compare.score/v1.1","id":"a"}`, true},
		{"\ufeff  {\n \"schema\" : \"compare.score/v1\", \"id\": \"a\"}", true},
		{`{"id":"a","schema":"compare.score/v1.1"}`, false},
		{`{"id":"a","outlet":"x","text":"compare.score/v1"}`, false},
		{`{"schema":"compare.stats/v1"}`, false},
		{"id,outlet,text\n", false},
	} {
		if got := record.LooksLikeScores([]byte(tt.head)); got != tt.want {
			t.Errorf("LooksLikeScores(%q) = %v", tt.head, got)
		}
	}
}

// TestReportTimeline: report takes --period and --baseline and draws
// their sections.
func TestReportTimeline(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r.html")
	_, stderr, code := compare(t, "", "report", "--period", "year", "--baseline", sampleDir, "-o", out, "--max-articles", "0", sampleDir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<section id="trends">`, `id="chart-trend-0"`, `<section id="baseline">`, `id="chart-shift-0"`, "No outlet shifted against the baseline."} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report lacks %q", want)
		}
	}
}
