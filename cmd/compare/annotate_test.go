package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const tinyLexicon = "../../internal/lexicon/testdata/tiny.yaml"

func TestAnnotateHandout(t *testing.T) {
	article := `{"id":"a1","outlet":"Daily Example","title":"Clashes","text":"The regime met the freedom fighters."}` + "\n"
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout []string
		stderr string
	}{
		{"html", []string{"--format", "html"}, article, exitOK,
			[]string{"<!DOCTYPE html>", `<mark class="lean-neg strong voice-author"`, "Neutral alternatives: government.", "What this can and cannot tell"}, ""},
		{"md", []string{"--format", "md"}, article, exitOK, []string{"# Clashes", `**regime** \[1 −−\]`}, ""},
		{"text", []string{"-f", "text"}, article, exitOK, []string{"The [[regime]][1 −−] met the [[freedom fighters]][2 −−]."}, ""},
		{"terminal in plain words", nil, article, exitOK,
			[]string{"Leans toward the opposition's words (−1.00, from 2 naming choices).", "[[regime]][−−]"}, ""},
		{"several articles", []string{"--format", "html"}, article + strings.Replace(article, "a1", "a2", 1), exitUsage, nil, "choose one with --id ID"},
		{"one of several", []string{"--format", "text", "--id", "a2"}, article + strings.Replace(article, "a1", "a2", 1), exitOK, []string{"[[regime]]"}, ""},
		{"plain text detected", nil, "The regime met the freedom fighters.\n", exitOK, []string{"[[regime]][−−]"}, ""},
		{"plain text where JSON was asked", []string{"--stdin-format", "jsonl"}, "The regime met the freedom fighters.\n", exitNoInput, nil,
			"skipped: <stdin>: this is plain text, not JSON: no line begins with { or [; --stdin-format jsonl asked for JSON: use --stdin-format txt"},
		{"unknown format", []string{"--format", "pdf"}, article, exitUsage, nil, `--format "pdf": want terminal, html, md or text`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(append([]string{"annotate", "--lexicon", tinyLexicon}, tt.args...), "-")
			stdout, stderr, code := compare(t, tt.stdin, args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.code, stderr)
			}
			for _, w := range tt.stdout {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout)
				}
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q lacks %q", stderr, tt.stderr)
			}
		})
	}
}

// One article read with --progress off by default: standard error keeps
// to the summary line, and --progress still draws the bar.
func TestAnnotateNoProgress(t *testing.T) {
	_, stderr, code := compare(t, "", "annotate", "../../testdata/sample/damascus-courier")
	if code != exitOK || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "compare: read ") {
		t.Errorf("exit %d, stderr %q: want only the summary line", code, stderr)
	}
	_, stderr, _ = compare(t, "", "annotate", "--progress", "../../testdata/sample/damascus-courier")
	if !strings.Contains(stderr, "MB/s") { // the closing line of a run with a bar
		t.Errorf("--progress drew no bar: %q", stderr)
	}
}

func TestAnnotateExercise(t *testing.T) {
	dir := t.TempDir()
	article := `{"id":"a1","outlet":"Daily Example","title":"Clashes","text":"The regime met the freedom fighters."}` + "\n"
	sheet := filepath.Join(dir, "sheet.html")
	_, stderr, code := compare(t, article, "annotate", "--lexicon", tinyLexicon, "--format", "html", "--exercise", "-o", sheet, "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	student, err := os.ReadFile(sheet)
	if err != nil {
		t.Fatal(err)
	}
	key, err := os.ReadFile(filepath.Join(dir, "sheet-key.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(student), "The regime met the freedom fighters.") || strings.Contains(string(student), "<mark") {
		t.Errorf("the student's sheet:\n%s", student)
	}
	if !strings.Contains(string(key), "Questions and answers") || !strings.Contains(string(key), "<mark") {
		t.Errorf("the key:\n%s", key)
	}
	_, stderr, code = compare(t, article, "annotate", "--lexicon", tinyLexicon, "--exercise", "-")
	if code != exitUsage || !strings.Contains(stderr, "--exercise writes two files") {
		t.Errorf("--exercise without -o: exit %d, %q", code, stderr)
	}
}
