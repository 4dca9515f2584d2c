package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/golden"
)

// khanTouman is the id of the sample's Khan Touman event: the date of its
// first report and a hash of its members' ids.
const khanTouman = "2016-05-06-81793260"

// TestEventsGolden pins compare events on the built-in sample in every
// format. Update with go test -update after a deliberate change.
func TestEventsGolden(t *testing.T) {
	for _, tt := range []struct{ format, golden string }{
		{"table", "events-sample.txt"},
		{"jsonl", "events-sample.jsonl"},
		{"csv", "events-sample.csv"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			stdout, stderr, code := compare(t, "", "events", "--format", tt.format, sampleDir)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden.Check(t, "testdata/golden/"+tt.golden, stdout)
		})
	}
}

// TestEventsShow pins the side-by-side view of one event, and checks that
// it is the same from articles (scored for it) and from score records.
func TestEventsShow(t *testing.T) {
	stdout, stderr, code := compare(t, "", "events", "--show", khanTouman, sampleDir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden.Check(t, "testdata/golden/events-show-khan-touman.txt", stdout)
	for _, want := range []string{"Thirteen Iranian military advisers martyred", "mullahs’ regime [−−]", "Iranian military advisers [++]", "n = "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("show lacks %q", want)
		}
	}
	if strings.Contains(stdout, "\x1b[") {
		t.Error("colour codes in piped output")
	}

	scores := filepath.Join(t.TempDir(), "scores.jsonl")
	if _, stderr, code := compare(t, "", "score", "--format", "jsonl", "-o", scores, sampleDir); code != exitOK {
		t.Fatalf("score: exit %d: %s", code, stderr)
	}
	fromScores, stderr, code := compare(t, "", "events", "--scores", scores, "--show", khanTouman)
	if code != exitOK || fromScores != stdout {
		t.Errorf("from --scores: exit %d, %s; output differs from scoring the articles: %v", code, stderr, fromScores != stdout)
	}
	colour, _, code := compare(t, "", "events", "--scores", scores, "--show", khanTouman, "--color", "always")
	if code != exitOK || !strings.Contains(colour, "\x1b[") {
		t.Errorf("--color always: exit %d, colour codes %v", code, strings.Contains(colour, "\x1b["))
	}
	list, _, code := compare(t, "", "events", "--scores", scores, "--format", "jsonl")
	if code != exitOK || !strings.Contains(list, `"stance":{"tehran-damascus":{"spread":`) {
		t.Errorf("events from score records: exit %d, no stance:\n%.300s", code, list)
	}
}

func TestEventsErrors(t *testing.T) {
	noText := filepath.Join(t.TempDir(), "scores.jsonl")
	if _, stderr, code := compare(t, "", "score", "--format", "jsonl", "--no-text", "-o", noText, sampleDir+"/wire-desk"); code != exitOK {
		t.Fatalf("score: exit %d: %s", code, stderr)
	}
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no input", []string{"events"}, exitUsage, "give at least one PATH"},
		{"bad window", []string{"events", "--window", "three", sampleDir}, exitUsage, `--window: window "three": want days (3d) or a duration (36h)`},
		{"zero window", []string{"events", "--window", "0d", sampleDir}, exitUsage, "want more than 0"},
		{"bad threshold", []string{"events", "--threshold", "1.5", sampleDir}, exitUsage, "--threshold 1.5: want a similarity above 0 and at most 1"},
		{"bad format", []string{"events", "--format", "xml", sampleDir}, exitUsage, `--format "xml": want one of table, jsonl, csv`},
		{"bad color", []string{"events", "--color", "red", sampleDir}, exitUsage, `--color "red"`},
		{"unknown event", []string{"events", "--show", "2016-01-01-00000000", sampleDir}, exitNoInput, `no event with id "2016-01-01-00000000" among the 10 events found`},
		{"records without text", []string{"events", "--scores", noText}, exitNoInput, "none of the 9 score records carries its text"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := compare(t, "", tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.code, tt.want)
			}
		})
	}
}

// TestEventsWindow checks that a narrower window and a higher threshold
// find fewer events, and that an undated article is flagged.
func TestEventsWindow(t *testing.T) {
	stdout, _, code := compare(t, "", "events", "--window", "12h", "--threshold", "0.4", "--format", "jsonl", sampleDir)
	if code != exitOK || strings.Count(stdout, "\n") >= 10 {
		t.Errorf("exit %d, %d events with a 12-hour window and threshold 0.4; want fewer than 10", code, strings.Count(stdout, "\n"))
	}
	dir := t.TempDir()
	undated := "---\nid: wire-desk-99\noutlet: wire-desk\ntitle: Guards killed at Khan Touman\n---\nThirteen members of Iran's Revolutionary Guard from Mazandaran were killed at Khan Touman, south of Aleppo, Iranian media said.\n"
	if err := os.WriteFile(filepath.Join(dir, "undated.txt"), []byte(undated), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := compare(t, "", "events", "--format", "jsonl", sampleDir, dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	found := false
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var ev struct {
			Undated  int `json:"undated"`
			Articles []struct {
				ID      string `json:"id"`
				Undated bool   `json:"undated"`
			} `json:"articles"`
		}
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatal(err)
		}
		for _, a := range ev.Articles {
			if a.ID == "wire-desk-99" {
				found = a.Undated && ev.Undated == 1
			}
		}
	}
	if !found {
		t.Errorf("the undated report did not join an event flagged as undated:\n%s", stdout)
	}
}

// TestStatsEvents checks compare stats --events on the sample: pairs of
// outlets compared on the events both reported, with a verdict each.
func TestStatsEvents(t *testing.T) {
	stdout, stderr, code := compare(t, "", "stats", "--events", "--format", "json", "--bootstrap", "0", sampleDir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var c aggregate.Comparison
	if err := json.Unmarshal([]byte(stdout), &c); err != nil {
		t.Fatal(err)
	}
	w := c.WithinEvents
	if w == nil || w.Events != 10 || w.MinShared != 6 || w.Window != "3d" || len(w.Axes) != 1 {
		t.Fatalf("within events %+v", w)
	}
	verdicts := map[string]string{}
	for _, p := range w.Axes[0].Pairs {
		verdicts[p.A+" "+p.B] = p.Verdict
	}
	// tehran-herald and wire-desk share eight events, and the Iranian
	// state outlet's words lean further toward Tehran in every one.
	if verdicts["tehran-herald wire-desk"] != aggregate.VerdictNaming {
		t.Errorf("verdicts %v: want naming for tehran-herald and wire-desk", verdicts)
	}
	if verdicts["exile-monitor levant-observer"] != aggregate.VerdictTooFew {
		t.Errorf("verdicts %v: want too-few for the opposition outlets, which share four events", verdicts)
	}
	plain, _, code := compare(t, "", "stats", "--format", "json", "--bootstrap", "0", sampleDir)
	if code != exitOK || strings.Contains(plain, "within_events") {
		t.Errorf("stats without --events compares within events")
	}
}

// TestGenerateEvents checks the generated corpus with planted events: the
// grouping finds them, and every member of a found event reports the
// planted event of the others.
func TestGenerateEvents(t *testing.T) {
	corpusFile := filepath.Join(t.TempDir(), "news.jsonl")
	if _, stderr, code := compare(t, "", "generate", "events", "--articles", "400", "--seed", "2", "-o", corpusFile); code != exitOK {
		t.Fatalf("generate events: exit %d: %s", code, stderr)
	}
	label := map[string]string{}
	data, err := os.ReadFile(corpusFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var a struct{ ID, Event string }
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatal(err)
		}
		label[a.ID] = a.Event
	}
	if len(label) != 400 {
		t.Fatalf("%d articles, want 400", len(label))
	}
	stdout, stderr, code := compare(t, "", "events", "--format", "jsonl", corpusFile)
	if code != exitOK {
		t.Fatalf("events: exit %d: %s", code, stderr)
	}
	found, wrong := 0, 0
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var ev struct{ Articles []struct{ ID string } }
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatal(err)
		}
		found++
		for _, a := range ev.Articles {
			if label[a.ID] == "" || label[a.ID] != label[ev.Articles[0].ID] {
				wrong++
			}
		}
	}
	if found < 40 || wrong > found/10 {
		t.Errorf("%d events found, %d members of another or no planted event", found, wrong)
	}
	if _, stderr, code := compare(t, "", "generate", "events", "--articles", "0"); code != exitUsage || !strings.Contains(stderr, "want 1 to 10,000,000") {
		t.Errorf("--articles 0: exit %d, %q", code, stderr)
	}
}

// TestStatsEventsWithoutText checks that records without their text give
// a note, not an empty comparison within events.
func TestStatsEventsWithoutText(t *testing.T) {
	scores := filepath.Join(t.TempDir(), "scores.jsonl")
	if _, stderr, code := compare(t, "", "score", "--format", "jsonl", "--no-text", "-o", scores, sampleDir); code != exitOK {
		t.Fatalf("score: exit %d: %s", code, stderr)
	}
	stdout, stderr, code := compare(t, "", "stats", "--events", "--format", "json", "--bootstrap", "0", "--scores", scores)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var c aggregate.Comparison
	if err := json.Unmarshal([]byte(stdout), &c); err != nil {
		t.Fatal(err)
	}
	if c.WithinEvents != nil || !strings.Contains(strings.Join(c.Notes, "\n"), "no events could be found") {
		t.Errorf("within events %+v, notes %q", c.WithinEvents, c.Notes)
	}
}
