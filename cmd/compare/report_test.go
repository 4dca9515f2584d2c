package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportSample(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sub", "sample.html")
	// Flags after the PATH, as the README writes them.
	stdout, stderr, code := compare(t, "", "report", filepath.Join("..", "..", "testdata", "sample"), "-o", out, "--title", "Sample")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "wrote "+out) {
		t.Errorf("stdout %q does not say where the report is", stdout)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<title>Sample</title>", `id="chart-stance-0"`, `id="chart-dist-0"`, `id="chart-framing"`, `class="t `} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report lacks %s", want)
		}
	}
}

// TestReportMaxEventArticles checks that past --max-event-articles the
// report leaves the same-event section out and says why, instead of
// keeping every text.
func TestReportMaxEventArticles(t *testing.T) {
	sample := filepath.Join("..", "..", "testdata", "sample")
	for _, tc := range []struct {
		name    string
		max     string
		section bool
	}{
		{"under the cap", "0", true},
		{"over the cap", "2", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "sample.html")
			if _, stderr, code := compare(t, "", "report", sample, "-o", out, "--max-event-articles", tc.max); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			page, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			section := strings.Contains(string(page), `<section id="same-event"`)
			note := strings.Contains(string(page), "more than the 2 that --max-event-articles lets the report group into events")
			if section != tc.section || note == tc.section {
				t.Errorf("same-event section %v, note %v; want section %v and a note without it", section, note, tc.section)
			}
		})
	}
}

// TestReportValidity: with labels, the report has a Validity section that
// says what compare validate says; the lexicon supplies every entry.
func TestReportValidity(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sample.html")
	_, stderr, code := compare(t, "", "report", "--outlets", sampleOutlets, "--label-field", "group", "--order", "opposition,wire,state media", "-o", out, sampleDir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<li><a href="#validity">Validity</a></li>`, "<h3>Axis tehran-damascus</h3>",
		"<td><bdi>state media &gt; opposition</bdi></td><td>1.000 [1.000, 1.000]</td><td>18 / 16</td>",
		"work with their lean", "carry no reliable signal in these data"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report lacks %s", want)
		}
	}
	_, stderr, code = compare(t, "", "report", "--outlets", sampleOutlets, "--label-field", "group", "--order", "left,right", "-o", out, sampleDir)
	if code != exitFailure || !strings.Contains(stderr, "report: validity: order: unknown label") {
		t.Errorf("a wrong order: exit %d, %s", code, stderr)
	}
}

func TestReportFromScores(t *testing.T) {
	seeds := seedsDir(t)
	dir := t.TempDir()
	scores := filepath.Join(dir, "scores.jsonl")
	if _, stderr, code := compare(t, "", "score", "--format", "jsonl", "-o", scores, filepath.Join(seeds, "seeds.jsonl")); code != exitOK {
		t.Fatalf("score: exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "seeds.html")
	if _, stderr, code := compare(t, "", "report", "--scores", scores, "-o", out, "--date", "2025-06-01"); code != exitOK {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">mullahs’ regime</mark>", "2025-06-01", "iran-syria"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report lacks %s", want)
		}
	}
}

func TestReportUsageErrors(t *testing.T) {
	sample := filepath.Join("..", "..", "testdata", "sample")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no output", []string{"report", sample}, "-o FILE"},
		{"no input", []string{"report", "-o", "x.html"}, "--scores FILE or at least one PATH"},
		{"bad by", []string{"report", "--by", "desk", "-o", "x.html", sample}, `--by "desk"`},
		{"negative", []string{"report", "--top-outlets", "-1", "-o", "x.html", sample}, "must not be negative"},
		{"no outlets in the charts", []string{"report", "--top-outlets", "0", "-o", "x.html", sample}, "--top-outlets 0: must be at least 1"},
		{"unknown late flag", []string{"report", sample, "--nope"}, "flag provided but not defined: --nope"},
		{"late flag without value", []string{"report", sample, "-o"}, "flag needs an argument: -o"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := compare(t, "", tc.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d (stderr %q)", code, exitUsage, stderr)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q lacks %q", stderr, tc.want)
			}
		})
	}
}

func TestAnnotate(t *testing.T) {
	seeds := seedsDir(t)
	file := filepath.Join(seeds, "000_0b915b6a2679d979.txt")
	t.Run("plain when piped", func(t *testing.T) {
		stdout, stderr, code := compare(t, "", "annotate", file)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, want := range []string{"[[mullahs’ regime]]", "neutral: Iranian government; Iran's leadership", "Loaded terms"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("output lacks %q", want)
			}
		}
		if strings.Contains(stdout, "\x1b[") {
			t.Error("colour codes in piped output")
		}
	})
	t.Run("colour on request", func(t *testing.T) {
		stdout, _, code := compare(t, "", "annotate", file, "--color", "always")
		if code != exitOK || !strings.Contains(stdout, "\x1b[") {
			t.Errorf("exit %d, colour codes %v", code, strings.Contains(stdout, "\x1b["))
		}
	})
	t.Run("one of many", func(t *testing.T) {
		stdout, stderr, code := compare(t, "", "annotate", "--id", "004_d69ae2d23fa65701", filepath.Join(seeds, "seeds.jsonl"))
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if strings.Contains(stdout, "mullahs") || !strings.Contains(stdout, "aranews.net") {
			t.Errorf("--id did not select article 004:\n%.300s", stdout)
		}
	})
	t.Run("unknown id", func(t *testing.T) {
		_, stderr, code := compare(t, "", "annotate", "--id", "nope", filepath.Join(seeds, "seeds.jsonl"))
		if code != exitNoInput || !strings.Contains(stderr, `no article with id "nope"`) {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
}

func TestUseColor(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, tc := range []struct {
		when string
		want bool
	}{{"always", true}, {"never", false}, {"auto", false}} {
		got, err := useColor(tc.when, f)
		if err != nil || got != tc.want {
			t.Errorf("useColor(%q) = %v, %v; want %v", tc.when, got, err, tc.want)
		}
	}
	if _, err := useColor("sometimes", f); err == nil {
		t.Error("useColor accepts \"sometimes\"")
	}
}
