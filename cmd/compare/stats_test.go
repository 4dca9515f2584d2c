package main

import (
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/golden"
)

// handScores is the score file of hand-made records that the stance tests
// check against R; see internal/stance/aggregate_test.go for its values.
var handScores = filepath.Join("..", "..", "internal", "aggregate", "testdata", "records_hand.jsonl")

func statsJSON(t *testing.T, stdout string) *aggregate.Comparison {
	t.Helper()
	var c aggregate.Comparison
	if err := json.Unmarshal([]byte(stdout), &c); err != nil {
		t.Fatalf("output is not a comparison: %v\n%.500s", err, stdout)
	}
	return &c
}

func TestStatsGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"stats-hand.json", []string{"--format", "json"}},
		{"stats-hand.txt", []string{"--format", "table"}},
		{"stats-hand.csv", []string{"--format", "csv"}},
		{"stats-hand-group.json", []string{"--format", "json", "--by", "group", "--seed", "7", "--bootstrap", "500", "--top", "5"}},
		{"stats-hand-quarter.txt", []string{"--format", "table", "--period", "quarter"}},
		{"stats-hand-quarter.csv", []string{"--format", "csv", "--period", "quarter"}},
		{"stats-hand-quarter.json", []string{"--format", "json", "--period", "quarter", "--bootstrap", "200"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			stdout, stderr, code := compare(t, "", append([]string{"stats", "--scores", handScores}, tc.args...)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden.Check(t, "testdata/golden/"+tc.golden, stdout)
		})
	}
}

// TestStatsMatchesR is the acceptance check of the issue: p-values from
// `compare stats --scores FILE --format json` on hand-made stance values
// match R 4.2.2 to 1e-6 (they agree to about 1e-15):
//
//	alpha <- c(0.62, 0.35, 0.81, 0.12, 0.55, 0.47, 0.90, 0.28)
//	beta  <- c(-0.41, 0.05, -0.73, -0.18, 0.33, -0.52)
//	gamma <- c(0.12, 0.35, 0.00, 0.00, -0.18, 0.35, 0.50, -0.25, 0.12, 0.00)
//	kruskal.test(list(gamma, alpha, beta))$p.value   # 0.0023182141112661155
//	wilcox.test(gamma, alpha)$p.value                # 0.0083513200567820745
//	wilcox.test(gamma, beta)$p.value                 # 0.08108141010668643
//	wilcox.test(alpha, beta)$p.value                 # 0.002664002664002664
//	p.adjust(c(0.0083513200567820745, 0.08108141010668643, 0.002664002664002664), "holm")
//	  # 0.016702640113564149 0.081081410106686430 0.007992007992007992
func TestStatsMatchesR(t *testing.T) {
	stdout, stderr, code := compare(t, "", "stats", "--scores", handScores, "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	c := statsJSON(t, stdout)
	const tol = 1e-6
	kw := c.Tests[0].KruskalWallis
	if kw == nil || math.Abs(kw.P-0.0023182141112661155) > tol || math.Abs(kw.H-12.1339163387261290694) > tol {
		t.Errorf("Kruskal–Wallis %+v", kw)
	}
	want := [][2]float64{
		{0.0083513200567820745, 0.016702640113564149},
		{0.08108141010668643, 0.081081410106686430},
		{0.002664002664002664, 0.007992007992007992},
	}
	if len(c.Tests[0].Pairs) != len(want) {
		t.Fatalf("%d pairs", len(c.Tests[0].Pairs))
	}
	for i, p := range c.Tests[0].Pairs {
		if math.Abs(p.P-want[i][0]) > tol || math.Abs(p.PHolm-want[i][1]) > tol {
			t.Errorf("pair %s–%s: p %v, Holm %v; R %v", p.A, p.B, p.P, p.PHolm, want[i])
		}
	}
}

func TestStatsDeterministic(t *testing.T) {
	first, _, code := compare(t, "", "stats", "--scores", handScores, "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, args := range [][]string{
		{"--workers", "1"},
		{"--workers", "3"},
		{},
	} {
		again, _, _ := compare(t, "", append([]string{"stats", "--scores", handScores, "--format", "json"}, args...)...)
		if again != first {
			t.Errorf("%v: output differs from the first run", args)
		}
	}
	other, _, _ := compare(t, "", "stats", "--scores", handScores, "--format", "json", "--seed", "2")
	if other == first {
		t.Error("--seed 2 gave the same intervals as --seed 1")
	}
	if c := statsJSON(t, other); c.Seed != 2 {
		t.Errorf("seed recorded as %d", c.Seed)
	}
}

// TestStatsZeros checks that a 0 means what it says: no intervals, every
// outlet tested, no distinctive terms (it once meant "the default").
func TestStatsZeros(t *testing.T) {
	out, stderr, code := compare(t, "", "stats", "--scores", handScores, "--format", "json", "--bootstrap", "0", "--min-articles", "0", "--top", "0")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	c := statsJSON(t, out)
	if c.Bootstrap != 0 || c.MinArticles != 1 || len(c.Distinctive) != 0 {
		t.Errorf("bootstrap %d, min articles %d, %d distinctive units", c.Bootstrap, c.MinArticles, len(c.Distinctive))
	}
	for _, u := range c.Units {
		if u.Axes.Get("tehran-damascus").CILow != nil || !u.Tested {
			t.Errorf("%s: interval %v, tested %v", u.Name, u.Axes.Get("tehran-damascus").CILow, u.Tested)
		}
	}
}

// TestStatsShards checks that a score file split in shards, given as
// several --scores files, compressed, or concatenated on standard input,
// gives the output of the whole file.
func TestStatsShards(t *testing.T) {
	data, err := os.ReadFile(handScores)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	dir := t.TempDir()
	a, b, gz := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl"), filepath.Join(dir, "b.jsonl.gz")
	half := len(lines) / 2
	write := func(path, s string) {
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(a, strings.Join(lines[:half], ""))
	write(b, strings.Join(lines[half:], ""))
	f, err := os.Create(gz)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write([]byte(strings.Join(lines[half:], "")))
	zw.Close()
	f.Close()

	whole, _, code := compare(t, "", "stats", "--scores", handScores, "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
	}{
		{"two files", "", []string{"--scores", a, "--scores", b}},
		{"reversed", "", []string{"--scores", b, "--scores", a}},
		{"gzip", "", []string{"--scores", a, "--scores", gz}},
		{"concatenated on stdin", strings.Join(lines, ""), []string{"--scores", "-"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, stderr, code := compare(t, tc.stdin, append([]string{"stats", "--format", "json"}, tc.args...)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if got != whole {
				t.Error("output differs from the whole file's")
			}
		})
	}
}

// TestStatsDuplicates gives a score file twice and a shard that overlaps
// it: each article counts once, every copy left out is named with both
// its sources, the summary counts them, and --strict fails with status 3
// after writing the output without them.
func TestStatsDuplicates(t *testing.T) {
	data, err := os.ReadFile(handScores)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
	overlap := filepath.Join(t.TempDir(), "overlap.jsonl")
	if err := os.WriteFile(overlap, []byte(lines[2]+lines[0]), 0o644); err != nil {
		t.Fatal(err)
	}
	whole, _, code := compare(t, "", "stats", "--scores", handScores, "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	want := statsJSON(t, whole)
	n := len(lines)

	stdout, stderr, code := compare(t, "", "stats", "--format", "json", "--scores", handScores, "--scores", overlap, "--scores", handScores)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got := statsJSON(t, stdout)
	if got.Articles != want.Articles || got.Duplicates != n+2 {
		t.Errorf("%d articles, %d duplicates; want %d and %d", got.Articles, got.Duplicates, want.Articles, n+2)
	}
	for i := range want.Units {
		if g, w := got.Units[i].LoadedPer1k, want.Units[i].LoadedPer1k; g.N != w.N || *g.CILow != *w.CILow {
			t.Errorf("%s: loaded/1k n %d, CI low %v; want those of the file read once (%d, %v)", want.Units[i].Name, g.N, *g.CILow, w.N, *w.CILow)
		}
	}
	for _, w := range []string{
		handScores + `:1 (reading 2 of the file): record "alpha-01" of alpha.example repeats ` + handScores + ":1 (same outlet, id and lexicon): left out",
		overlap + ":2: record \"alpha-01\" of alpha.example repeats " + handScores + ":1",
		overlap + ":1: record \"alpha-03\" of alpha.example repeats " + handScores + ":3",
		fmt.Sprintf("stats: left out %d duplicate records", n+2),
	} {
		if !strings.Contains(stderr, w) {
			t.Errorf("standard error lacks %q:\n%s", w, stderr)
		}
	}
	if !strings.Contains(strings.Join(got.Notes, "\n"), fmt.Sprintf("%d duplicate records were left out", n+2)) {
		t.Errorf("notes do not count the duplicates: %q", got.Notes)
	}

	out := filepath.Join(t.TempDir(), "stats.txt")
	_, stderr, code = compare(t, "", "stats", "--strict", "-o", out, "--scores", handScores, "--scores", overlap)
	if code != exitSkipped || !strings.Contains(stderr, "--strict: 2 duplicate records left out") {
		t.Errorf("--strict: exit %d, want %d; stderr:\n%s", code, exitSkipped, stderr)
	}
	if table, err := os.ReadFile(out); err != nil || !strings.Contains(string(table), "; 2 duplicate records left out\n") {
		t.Errorf("--strict output (err %v) does not count the duplicates:\n%.300s", err, table)
	}
	html := filepath.Join(t.TempDir(), "r.html")
	if _, stderr, code = compare(t, "", "report", "--strict", "-o", html, "--scores", handScores, "--scores", overlap); code != exitSkipped {
		t.Errorf("report --strict: exit %d, want %d: %s", code, exitSkipped, stderr)
	}
	if page, err := os.ReadFile(html); err != nil || !strings.Contains(string(page), "2 duplicate records left out") {
		t.Errorf("report --strict (err %v) does not say duplicates were left out", err)
	}
}

// TestStatsSeeds runs stats on the seed articles, one per outlet: the
// output must say that per-outlet tests need more articles, and give no
// p-values.
func TestStatsSeeds(t *testing.T) {
	seeds := filepath.Join(seedsDir(t), "seeds.jsonl")
	stdout, stderr, code := compare(t, "", "stats", "--format", "json", seeds)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	c := statsJSON(t, stdout)
	if len(c.Units) != 5 {
		t.Fatalf("%d outlets, want 5", len(c.Units))
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
		if !strings.Contains(tt.Skipped, "per-outlet tests need at least 3 articles per outlet") {
			t.Errorf("%s%s: skipped because %q", tt.Axis, tt.Target, tt.Skipped)
		}
	}
	if !strings.Contains(strings.Join(c.Notes, "\n"), "One article per outlet: per-outlet tests need at least 3 articles per outlet") {
		t.Errorf("notes: %q", c.Notes)
	}
	if strings.Contains(stdout, `"p_holm"`) || strings.Contains(stdout, `"p":`) {
		t.Error("the JSON output holds p-values")
	}

	table, _, _ := compare(t, "", "stats", seeds)
	for _, want := range []string{"Not tested: every outlet has fewer than 3 articles", "One article per outlet", "sarcasm"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q", want)
		}
	}
	if strings.Contains(table, "Kruskal–Wallis H") || strings.Contains(table, "Holm p") {
		t.Error("the table shows test results")
	}

	// Scoring first or reading the scores gives the same comparison.
	scores := filepath.Join(t.TempDir(), "seeds.scores.jsonl")
	if _, stderr, code := compare(t, "", "score", "--format", "jsonl", "-o", scores, seeds); code != exitOK {
		t.Fatalf("score: exit %d: %s", code, stderr)
	}
	fromScores, _, _ := compare(t, "", "stats", "--format", "json", "--scores", scores)
	if fromScores != stdout {
		t.Error("stats --scores differs from stats on the articles")
	}
}

func TestStatsSample(t *testing.T) {
	sample := filepath.Join("..", "..", "testdata", "sample")
	if _, err := os.Stat(sample); err != nil {
		t.Skip("no sample corpus")
	}
	stdout, stderr, code := compare(t, "", "stats", "--format", "json", sample)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	c := statsJSON(t, stdout)
	if c.Lexicon.Name != "iran-syria" || len(c.Axes) == 0 || c.Axes[0].Label == c.Axes[0].ID {
		t.Errorf("lexicon %+v, axes %+v: labels should come from the built-in lexicon", c.Lexicon, c.Axes)
	}
}

func TestStatsLexicons(t *testing.T) {
	data, err := os.ReadFile(handScores)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	other := filepath.Join(dir, "other.jsonl")
	otherLines := strings.ReplaceAll(string(data), `"name": "handmade"`, `"name": "other"`)
	if err := os.WriteFile(other, []byte(otherLines), 0o644); err != nil {
		t.Fatal(err)
	}

	_, stderr, code := compare(t, "", "stats", "--scores", handScores, "--scores", other)
	if code != exitFailure || !strings.Contains(stderr, "other.jsonl:1: record scored with lexicon other 1") || !strings.Contains(stderr, "--lexicon") {
		t.Errorf("mixed lexicons: exit %d, %s", code, stderr)
	}

	stdout, stderr, code := compare(t, "", "stats", "--format", "json", "--lexicon", "handmade", "--scores", handScores, "--scores", other)
	if code != exitOK {
		t.Fatalf("--lexicon handmade: exit %d: %s", code, stderr)
	}
	c := statsJSON(t, stdout)
	if c.Articles != 27 || !strings.Contains(c.Notes[len(c.Notes)-1], "Left out, as --lexicon handmade asked: 27 records of other 1") {
		t.Errorf("filtered: %d articles, notes %q", c.Articles, c.Notes)
	}

	_, stderr, code = compare(t, "", "stats", "--lexicon", "nonesuch", "--scores", handScores)
	if code != exitNoInput || !strings.Contains(stderr, "no record was scored with lexicon nonesuch; the input holds 27 records of handmade 1") {
		t.Errorf("no match: exit %d, %s", code, stderr)
	}
}

func TestStatsErrors(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.jsonl")
	data, err := os.ReadFile(handScores)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	lines[4] = lines[4][:len(lines[4])/2]
	os.WriteFile(corrupt, []byte(strings.Join(lines, "\n")), 0o644)
	empty := filepath.Join(dir, "empty.jsonl")
	os.WriteFile(empty, nil, 0o644)

	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"nothing to read", []string{"stats"}, exitUsage, "give --scores FILE or at least one PATH"},
		{"bad by", []string{"stats", "--by", "author", "--scores", handScores}, exitUsage, `--by "author"`},
		{"bad format", []string{"stats", "--format", "yaml", "--scores", handScores}, exitUsage, `--format "yaml"`},
		{"negative bootstrap", []string{"stats", "--bootstrap", "-1", "--scores", handScores}, exitUsage, "must not be negative"},
		{"no text budget", []string{"stats", "--text-budget", "0", "--scores", handScores}, exitUsage, "--text-budget 0: must be at least 1"},
		{"no n-gram cap", []string{"stats", "--ngram-cap", "0", "--scores", handScores}, exitUsage, "--ngram-cap 0: must be at least 1"},
		{"corrupt", []string{"stats", "--scores", corrupt}, exitFailure, "corrupt.jsonl:5: invalid JSON"},
		{"missing", []string{"stats", "--scores", filepath.Join(dir, "nope.jsonl")}, exitFailure, "nope.jsonl"},
		{"empty", []string{"stats", "--scores", empty}, exitNoInput, "no score records"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := compare(t, "", tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tc.code, tc.want)
			}
			if stdout != "" {
				t.Errorf("printed output on failure: %.200s", stdout)
			}
		})
	}
}

func TestStatsCSVAndOutputFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "stats.csv")
	_, stderr, code := compare(t, "", "stats", "--scores", handScores, "--format", "csv", "-o", out, "--bootstrap", "0")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "section,unit,other,axis_or_target,term,statistic,value,text" {
		t.Errorf("header %v", rows[0])
	}
	for _, r := range rows {
		if r[5] == "ci_low" {
			t.Fatal("--bootstrap 0 still gave intervals")
		}
	}
}

func TestStatsHelp(t *testing.T) {
	stdout, _, code := compare(t, "", "stats", "--help")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"--scores", "--bootstrap", "--min-articles", "Kruskal-Wallis", "Cliff's delta", "sarcasm", "type-7"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}
