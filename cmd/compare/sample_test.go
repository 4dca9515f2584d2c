package main

import (
	"cmp"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/record"
)

// The acceptance tests on the real seed articles (../shared/seeds) skip on
// a bare clone. The tests here take the same paths through the command
// with the built-in sample, so that a clone without the seeds still tests
// them: each names the seed test it stands in for.

// TestSampleScoreAcceptance stands in for TestSeedsAcceptance and
// TestReadInputSeedDebris: records whose offsets point at their text, all
// three voices, distance cues, and page debris dropped with its span.
func TestSampleScoreAcceptance(t *testing.T) {
	stdout, stderr, code := compare(t, "", "score", "--format", "jsonl", sampleDir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs := decodeRecords(t, stdout)
	if len(recs) != sampleArticles {
		t.Fatalf("%d records, want %d", len(recs), sampleArticles)
	}
	voices := map[record.Voice]int{}
	cues, dropped := 0, 0
	for _, r := range recs {
		if r.Tokens == 0 || r.Outlet == "" || r.Credibility == nil {
			t.Errorf("%s: tokens %d, outlet %q, credibility %v", r.ID, r.Tokens, r.Outlet, r.Credibility != nil)
		}
		for _, m := range r.Matches {
			if r.Text[m.Start:m.End] != m.Text {
				t.Errorf("%s: text[%d:%d] = %q, match says %q", r.ID, m.Start, m.End, r.Text[m.Start:m.End], m.Text)
			}
			voices[m.Voice]++
			if m.Cue != "" {
				cues++
			}
		}
		for _, d := range r.Dropped {
			if !strings.HasPrefix(d.Reason, "debris") || strings.TrimSpace(r.Text[d.Start:d.End]) == "" {
				t.Errorf("%s: dropped %q as %q", r.ID, r.Text[d.Start:d.End], d.Reason)
			}
			dropped++
		}
	}
	if voices[record.Author] == 0 || voices[record.Quote] == 0 || voices[record.Distanced] == 0 || cues == 0 || dropped == 0 {
		t.Errorf("voices %v, %d distance cues, %d dropped spans: the sample should have each", voices, cues, dropped)
	}
	// tehran-herald-02 opens with a "Share" line, dropped before scoring.
	for _, r := range recs {
		if r.ID == "tehran-herald-02" && (len(r.Dropped) == 0 || r.Text[r.Dropped[0].Start:r.Dropped[0].End] != "Share") {
			t.Errorf("tehran-herald-02: dropped %+v", r.Dropped)
		}
	}
}

// TestSampleStatsOneArticlePerOutlet stands in for TestStatsSeeds: one
// article per outlet gives summaries but no tests, and says why.
func TestSampleStatsOneArticlePerOutlet(t *testing.T) {
	outlets, err := os.ReadDir(sampleDir)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"stats", "--format", "json"}
	for _, o := range outlets {
		files, err := filepath.Glob(filepath.Join(sampleDir, o.Name(), "*.txt"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: %v", o.Name(), err)
		}
		args = append(args, files[0])
	}
	stdout, stderr, code := compare(t, "", args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	c := statsJSON(t, stdout)
	if len(c.Units) != len(outlets) {
		t.Fatalf("%d outlets, want %d", len(c.Units), len(outlets))
	}
	for _, u := range c.Units {
		if u.Tested || !strings.Contains(u.Excluded, "tests need at least 3") {
			t.Errorf("%s: tested %v, excluded %q", u.Name, u.Tested, u.Excluded)
		}
	}
	for _, tt := range append(c.Tests, c.TargetTests...) {
		if tt.KruskalWallis != nil || len(tt.Pairs) != 0 {
			t.Errorf("%s%s: p-values on one article per outlet", tt.Axis, tt.Target)
		}
	}
	if !strings.Contains(strings.Join(c.Notes, "\n"), "One article per outlet: per-outlet tests need at least 3 articles per outlet") {
		t.Errorf("notes: %q", c.Notes)
	}
}

// TestSampleReportFromScores stands in for TestReportFromScores: a report
// drawn from a score file, not from articles.
func TestSampleReportFromScores(t *testing.T) {
	dir := t.TempDir()
	scores := filepath.Join(dir, "scores.jsonl")
	if _, stderr, code := compare(t, "", "score", "--format", "jsonl", "-o", scores, sampleDir); code != exitOK {
		t.Fatalf("score: exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "sample.html")
	if _, stderr, code := compare(t, "", "report", "--scores", scores, "-o", out, "--date", "2025-06-01"); code != exitOK {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">Takfiri terrorists</mark>", "2025-06-01", "iran-syria", `<del title="dropped as page debris`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report lacks %s", want)
		}
	}
}

// TestSampleAnnotate stands in for TestAnnotate: one article in the
// terminal, picked by --id from many.
func TestSampleAnnotate(t *testing.T) {
	stdout, stderr, code := compare(t, "", "annotate", "--id", "tehran-herald-02", sampleDir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Thirteen Iranian military advisers", "[[Takfiri terrorists]]", "~~Share~~", "Loaded terms", "neutral:"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%.400s", want, stdout)
		}
	}
	if strings.Contains(stdout, "\x1b[") {
		t.Error("colour codes in piped output")
	}
	colour, _, code := compare(t, "", "annotate", "--id", "tehran-herald-02", "--color", "always", sampleDir)
	if code != exitOK || !strings.Contains(colour, "\x1b[") {
		t.Errorf("exit %d, colour codes %v", code, strings.Contains(colour, "\x1b["))
	}
	_, stderr, code = compare(t, "", "annotate", "--id", "nope", sampleDir)
	if code != exitNoInput || !strings.Contains(stderr, `no article with id "nope"`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestSampleReportSameEvent checks what make sample shows of the events
// its outlets share: a "Same event" section that says what an event is,
// how it was found, what the rows show and what it cannot tell, the
// events with the widest spread first, and the verdicts within shared
// events; --events=false leaves it out.
func TestSampleReportSameEvent(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sample.html")
	if _, stderr, code := compare(t, "", "report", "--outlets", "../../testdata/sample-outlets.yaml", "-o", out, sampleDir); code != exitOK {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	start := strings.Index(page, `<section id="same-event">`)
	if start < 0 || !strings.Contains(page, `<a href="#same-event">Same event, different words</a>`) {
		t.Fatal("no Same event section, or no entry for it in the contents")
	}
	section := page[start : start+strings.Index(page[start:], "</section>")]
	for _, want := range []string{
		"An <strong>event</strong> here is one happening",               // what an event is
		"published at most 3 days apart, whose texts share rare words",  // how it was found
		"The <strong>stance</strong> row is the mean lean of the words", // what the rows show
		"What this cannot tell",                     // its limits
		"It found 10 such events among 43 articles", //
		"Naming or selection?",                      //
		"Within the 8 events both reported, <bdi>tehran-herald</bdi>&#39;s wording scores higher", // a naming verdict
		`<span class="lean" title="leans strongly toward −1">[−−]</span>`,                         // lean marks that survive without colour
		`<a href="#article-`, // headlines lead to the articles
	} {
		if !strings.Contains(section, want) {
			t.Errorf("the section lacks %q", want)
		}
	}
	if n := strings.Count(section, `<article class="event"`); n != 10 {
		t.Errorf("%d events laid out, want the 10 the sample has", n)
	}
	// The widest spread first.
	var spreads []float64
	for _, m := range regexp.MustCompile(`<p class="ev-meta">[^<]*· spread of stance ([0-9.]+)`).FindAllStringSubmatch(section, -1) {
		v, _ := strconv.ParseFloat(m[1], 64)
		spreads = append(spreads, v)
	}
	if len(spreads) != 10 || !slices.IsSortedFunc(spreads, func(a, b float64) int { return cmp.Compare(b, a) }) {
		t.Errorf("spreads %v: want 10, widest first", spreads)
	}

	if _, stderr, code := compare(t, "", "report", "--events=false", "-o", out, sampleDir); code != exitOK {
		t.Fatalf("report --events=false: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(out); strings.Contains(string(b), `id="same-event"`) {
		t.Error("--events=false left the section in")
	}
}
