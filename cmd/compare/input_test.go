package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// corpusTestdata holds the corpus package's fixtures: a folder mixing good
// and bad input, and outlet metadata for it.
const corpusTestdata = "../../internal/corpus/testdata"

// scoreRecords decodes score --format jsonl output.
func scoreRecords(t *testing.T, stdout string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	sc := bufio.NewScanner(strings.NewReader(stdout))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var r map[string]any
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("output line %d: %v", len(recs)+1, err)
		}
		recs = append(recs, r)
	}
	return recs
}

func TestReadInputMixedFolder(t *testing.T) {
	errorsFile := filepath.Join(t.TempDir(), "errors.jsonl")
	stdout, stderr, code := compare(t, "", "score", "--format", "jsonl", "--errors", errorsFile,
		"--outlets", corpusTestdata+"/outlets.yaml", corpusTestdata+"/mixed")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	var ids, outlets []string
	for _, r := range scoreRecords(t, stdout) {
		ids = append(ids, fmt.Sprint(r["id"]))
		if o := fmt.Sprint(r["outlet"]); !slices.Contains(outlets, o) {
			outlets = append(outlets, o)
		}
	}
	wantIDs := []string{"alpha-1", "alpha-news/002.txt", "latin1.txt", "z-1", "z-2", "page.html", "g-1", "g-4", "w-1", "w-3", "w-4", "w-1"}
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("scored %q\nwant %q", ids, wantIDs)
	}
	// "Alpha News" and "alpha-news" (the folder name) are one outlet, and
	// so are "Gamma Post" and "gamma post".
	if want := []string{"Alpha News", "mixed", "Zeta Review", "Delta Daily", "Gamma Post", "Beta Wire", "unknown"}; !slices.Equal(outlets, want) {
		t.Errorf("outlets %q\nwant %q", outlets, want)
	}

	data, err := os.ReadFile(errorsFile)
	if err != nil {
		t.Fatal(err)
	}
	var skipped []string
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var p struct {
			File, Reason, Message string
			Line                  int
			Skipped               bool
		}
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatalf("%s:%d: %v", errorsFile, i+1, err)
		}
		if p.File == "" || p.Reason == "" || p.Message == "" {
			t.Errorf("%s:%d: incomplete: %s", errorsFile, i+1, line)
		}
		if p.Skipped {
			skipped = append(skipped, fmt.Sprintf("%s:%d %s", filepath.Base(p.File), p.Line, p.Reason))
		}
	}
	wantSkipped := []string{"empty.txt:0 empty", "notes.yaml:0 unsupported-format", "photo.png:0 binary",
		"table.csv:5 malformed-csv", "table.csv:6 malformed-csv",
		"wire.jsonl:2 malformed-json", "wire.jsonl:5 malformed-json", "wire.jsonl:8 empty", "wire.jsonl:9 missing-text"}
	if !slices.Equal(skipped, wantSkipped) {
		t.Errorf("--errors skipped records\n got %q\nwant %q", skipped, wantSkipped)
	}

	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	wantSummary := "compare: read 21 records: 12 scored, 9 skipped (2 empty, 2 malformed-csv, 2 malformed-json, 1 binary, 1 missing-text, 1 unsupported-format); 5 warnings (2 unlisted-outlet, 1 duplicate-id, 1 invalid-utf8, 1 missing-outlet)"
	if got := lines[len(lines)-1]; got != wantSummary {
		t.Errorf("summary\n got %s\nwant %s", got, wantSummary)
	}
	for _, want := range []string{
		"compare: skipped: " + corpusTestdata + "/mixed/wire.jsonl:2: column 85: unexpected end of JSON (line cut short?)",
		"compare: warning: " + corpusTestdata + "/mixed/latin1.txt: 4 bytes of invalid UTF-8 read as Windows-1252",
	} {
		if !slices.Contains(lines, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestReadInputExitStatus(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good/a.jsonl", `{"id": "a", "outlet": "O", "text": "Text."}`+"\n")
	bad := write("bad/a.jsonl", `{"id": "a", "outlet": "O", "text": "Text."}`+"\n{broken\n")
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	binary := write("binary/x.txt", "\x00\x01\x02")
	badOutlets := write("outlets.yaml", "outlets:\n  - name: A\n  - name: a\n")

	tests := []struct {
		name  string
		args  []string
		code  int
		inErr string // in stderr
	}{
		{"all good", []string{good}, exitOK, "compare: read 1 record: 1 scored\n"},
		{"skips without --strict", []string{bad}, exitOK, "1 skipped (1 malformed-json)"},
		{"--strict", []string{"--strict", bad}, exitSkipped, "compare: --strict: 1 record skipped"},
		{"--strict, all good", []string{"--strict", good}, exitOK, ""},
		{"empty folder", []string{empty}, exitNoInput, "compare: no articles found in " + empty},
		{"nothing readable", []string{binary}, exitNoInput, "compare: no article could be read"},
		{"missing path", []string{filepath.Join(dir, "nope")}, exitNoInput, "nope: no such file or folder"},
		{"bad --field", []string{"--field", "words=body", good}, exitUsage, `--field: field mapping "words=body": unknown field "words"`},
		{"bad --dedupe", []string{"--dedupe", "url", good}, exitUsage, `--dedupe "url": want id or content`},
		{"bad --max-bytes", []string{"--max-bytes", "lots", good}, exitUsage, "--max-bytes: "},
		{"--max-bytes too large", []string{"--max-bytes", "1e30", good}, exitUsage, `--max-bytes: size "1e30"`},
		{"--max-bytes past the most", []string{"--max-bytes", "9223372036854775807", good}, exitUsage, "is more than the most allowed, 1 GiB"},
		{"--max-bytes under a byte", []string{"--max-bytes", "0.5", good}, exitUsage, "is not a whole number of bytes"},
		{"bad --stdin-format", []string{"--stdin-format", "xml", good}, exitUsage, `--stdin-format "xml"`},
		{"bad --outlets", []string{"--outlets", badOutlets, good}, exitFailure, badOutlets + `:3: aliases: "a" already names outlet "A" (line 2)`},
		{"unwritable --errors", []string{"--errors", filepath.Join(good, "under-a-file.jsonl"), good}, exitFailure, "--errors: cannot write "},
		{"--max-bytes", []string{"--max-bytes", "10", good}, exitNoInput, "1 skipped (1 too-large)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := compare(t, "", append([]string{"score", "--format", "jsonl"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.inErr) {
				t.Errorf("stderr lacks %q:\n%s", tt.inErr, stderr)
			}
		})
	}
}

func TestReadInputStdin(t *testing.T) {
	stdin := `{"doc": "1", "source": "Fox Online News", "body": "First."}` + "\n" + `{"doc": "2", "source": "Fox News", "body": "Second."}` + "\n"
	outlets := filepath.Join(t.TempDir(), "outlets.csv")
	if err := os.WriteFile(outlets, []byte("name,aliases,group\nFox News,Fox Online News,cable\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := compare(t, stdin, "score", "--format", "jsonl", "--field", "id=doc,outlet=source", "--field", "text=body", "--outlets", outlets, "-")
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	var got []string
	for _, r := range scoreRecords(t, stdout) {
		got = append(got, fmt.Sprintf("%v %v %v", r["id"], r["outlet"], r["group"]))
	}
	if want := []string{"1 Fox News cable", "2 Fox News cable"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}

	_, stderr, code = compare(t, "id,outlet,text\nc,O,A row.\n", "score", "--stdin-format", "csv", "-")
	if code != exitOK || !strings.Contains(stderr, "read 1 record: 1 scored") {
		t.Errorf("csv on stdin: exit %d\n%s", code, stderr)
	}
}

func TestReadInputCapsProblemLines(t *testing.T) {
	var in strings.Builder
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&in, `{"id": "%d", "text": "No outlet."}`+"\n", i)
	}
	errorsFile := filepath.Join(t.TempDir(), "errors.jsonl")
	_, stderr, code := compare(t, in.String(), "score", "--errors", errorsFile, "-")
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if n := strings.Count(stderr, "compare: warning: "); n != maxProblemLines {
		t.Errorf("%d warning lines, want %d:\n%s", n, maxProblemLines, stderr)
	}
	if want := "compare: … 10 more problems, see " + errorsFile + "\n"; !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
	data, err := os.ReadFile(errorsFile)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "\n"); n != 30 {
		t.Errorf("--errors has %d lines, want 30", n)
	}
}

func TestReadInputSeedDebris(t *testing.T) {
	dir := seedsDir(t)
	stdout, stderr, code := compare(t, "", "score", "--format", "jsonl", filepath.Join(dir, "seeds.jsonl"))
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	dropped := map[string]int{}
	for _, r := range scoreRecords(t, stdout) {
		d, _ := r["dropped"].([]any)
		dropped[fmt.Sprint(r["id"])] = len(d)
	}
	// 002: "Share" and two "Advertisement" lines; 004: the Twitter prompt,
	// "Short link", "Leave a comment" and "nine − 7 =".
	want := map[string]int{"000_0b915b6a2679d979": 0, "001_144ff5bfa6163c25": 2, "002_ecdcd40ff4d6deff": 3, "003_ce15dd790e8c858d": 0, "004_d69ae2d23fa65701": 4}
	for id, n := range want {
		if dropped[id] != n {
			t.Errorf("seed %s: %d lines dropped, want %d", id, dropped[id], n)
		}
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64 // 0: an error
	}{
		{"100", 100},
		{"1.5KB", 1500},
		{"16 MiB", 16 << 20},
		{"0.5gb", 5e8},
		{"1GiB", 1 << 30},
		{"0.5", 0},
		{"1.5B", 0},
		{"0", 0},
		{"-5", 0},
		{"1e30", 0},
		{"9223372036854775807", 0},
		{"2GiB", 0}, // more than the most allowed
		{"NaN", 0},
		{"0x10", 0},
		{"10 parsecs", 0},
		{"", 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseSize(tt.in, 1<<30)
			if got != tt.want || (err == nil) != (tt.want != 0) {
				t.Errorf("parseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
		})
	}
}

// TestWorkersFlag checks that score, stats and report read --workers by
// one rule.
func TestWorkersFlag(t *testing.T) {
	for _, cmd := range []string{"score", "stats", "report"} {
		for _, n := range []string{"-1", "100000"} {
			args := []string{cmd, "--workers", n, "-o", filepath.Join(t.TempDir(), "out"), "../../testdata/sample"}
			_, stderr, code := compare(t, "", args...)
			if code != exitUsage || !strings.Contains(stderr, "--workers "+n+": ") {
				t.Errorf("%s --workers %s: exit %d, stderr %q", cmd, n, code, stderr)
			}
		}
	}
}

// TestNamesQuoted checks that a file name cannot forge a line of the
// messages on standard error.
func TestNamesQuoted(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a\ncompare: read 1 record: 1 scored\n.jsonl")
	if err := os.WriteFile(name, []byte("{broken\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, _ := compare(t, "", "score", name)
	for _, line := range strings.Split(stderr, "\n") {
		if line == "compare: read 1 record: 1 scored" || line == ".jsonl" {
			t.Errorf("forged line %q in:\n%s", line, stderr)
		}
	}
	if !strings.Contains(stderr, `a\ncompare: read 1 record: 1 scored\n.jsonl":1: column`) {
		t.Errorf("name not quoted:\n%s", stderr)
	}
}
