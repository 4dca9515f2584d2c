package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// compare runs the app in-process and returns its output and exit status.
func compare(t testing.TB, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"compare"}, args...), strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

// seedsDir is where the real seed articles live beside the project; tests
// that need them skip when it is absent.
func seedsDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "seeds")
	if _, err := os.Stat(filepath.Join(dir, "seeds.jsonl")); err != nil {
		t.Skipf("seed articles not found at %s", dir)
	}
	return dir
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no paths", []string{"score"}, exitUsage, "name at least one PATH"},
		{"bad format", []string{"score", "--format", "xml", "x.jsonl"}, exitUsage, `--format "xml": want one of table, jsonl, json, csv`},
		{"unknown flag", []string{"score", "--nope"}, exitUsage, "flag provided but not defined"},
		{"unknown lexicon", []string{"score", "--lexicon", "nope", "x"}, exitFailure, `no built-in lexicon "nope"`},
		{"late flag checked", []string{"score", "x.jsonl", "--format", "xml"}, exitUsage, `--format "xml": want one of`},
		{"late unknown flag", []string{"score", "x.jsonl", "--nope"}, exitUsage, "flag provided but not defined: --nope"},
		{"late flag without value", []string{"score", "x.jsonl", "--format"}, exitUsage, "flag needs an argument: --format"},
		{"show without name", []string{"lexicon", "show"}, exitUsage, "name one lexicon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := compare(t, "", tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("compare %v: exit %d, stderr %q; want exit %d and %q", tt.args, code, stderr, tt.code, tt.want)
			}
		})
	}
}

func TestLexiconCheck(t *testing.T) {
	stdout, stderr, code := compare(t, "", "lexicon", "check", "../../internal/lexicon/testdata/bad.yaml", "../../internal/lexicon/testdata/small.yaml")
	if code != exitCheckBad {
		t.Errorf("exit %d, want %d", code, exitCheckBad)
	}
	for _, want := range []string{
		`bad.yaml:9: entry "mullahs-regime": unknown target "iran-govt"`,
		`bad.yaml:13: entry "supreme-leader": valence 2 is outside [-1, 1]`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "small.yaml: ok") {
		t.Errorf("stdout lacks the good lexicon: %q", stdout)
	}
}

func TestLexiconListShow(t *testing.T) {
	stdout, _, code := compare(t, "", "lexicon", "list")
	if code != 0 || !strings.Contains(stdout, "iran-syria") {
		t.Fatalf("lexicon list: exit %d\n%s", code, stdout)
	}
	stdout, _, code = compare(t, "", "lexicon", "show", "iran-syria")
	if code != 0 || !strings.Contains(stdout, "Axis tehran-damascus") || !strings.Contains(stdout, "neutral:") {
		t.Fatalf("lexicon show: exit %d\n%.500s", code, stdout)
	}
	// A labelled entry is shown by its label, with its forms below.
	if !regexp.MustCompile(`(?m)^  named Iranian officials +\+0\.0  neutral\n      forms: Hassan Rouhani \| President Rouhani \|`).MatchString(stdout) {
		t.Errorf("lexicon show does not head iranian-officials with its label and list its forms:\n%s", grepLines(stdout, "Rouhani"))
	}
}

// grepLines returns the lines of s that contain sub, for messages.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestCredibilityCheck(t *testing.T) {
	stdout, stderr, code := compare(t, "", "credibility", "check", "../../internal/credibility/testdata/bad.yaml", "../../internal/credibility/rules/default.yaml")
	if code != exitCheckBad {
		t.Errorf("exit %d, want %d", code, exitCheckBad)
	}
	if !strings.Contains(stderr, "bad.yaml:") || !strings.Contains(stdout, "default.yaml: ok:") {
		t.Errorf("stdout %q\nstderr %q", stdout, stderr)
	}
	stdout, _, code = compare(t, "", "credibility", "show")
	if code != 0 || !strings.Contains(stdout, "iranian-state") || !strings.Contains(stdout, "IRNA") {
		t.Errorf("credibility show: exit %d\n%.300s", code, stdout)
	}
}

// TestProgress checks that --progress draws the bar even into a buffer,
// and that --no-progress keeps standard error to the summary line.
func TestProgress(t *testing.T) {
	_, stderr, code := compare(t, "", "score", "--progress", "--format", "jsonl", "../../testdata/sample")
	if code != 0 || !strings.Contains(stderr, "articles") || !strings.Contains(stderr, "MB/s") {
		t.Errorf("--progress: exit %d, stderr %q", code, stderr)
	}
	_, stderr, _ = compare(t, "", "score", "--no-progress", "--format", "jsonl", "../../testdata/sample")
	if want := fmt.Sprintf("compare: read %d records: %[1]d scored", sampleArticles); strings.TrimSpace(stderr) != want {
		t.Errorf("--no-progress: stderr %q, want only the summary line", stderr)
	}
}
