package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/golden"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

const sampleDir = "../../testdata/sample"

// sampleArticles is the number of articles in the built-in sample.
const sampleArticles = 43

// sampleOutlets is the outlets file of the built-in sample.
const sampleOutlets = "../../testdata/sample-outlets.yaml"

// TestScoreGolden pins the output of compare score on the built-in sample
// in every format. Update with go test -update after a deliberate change.
func TestScoreGolden(t *testing.T) {
	for _, tt := range []struct {
		name   string
		args   []string
		golden string
	}{
		{"jsonl", []string{"--format", "jsonl"}, "score-sample.jsonl"},
		{"table", []string{"--format", "table"}, "score-sample.txt"},
		{"csv", []string{"--format", "csv"}, "score-sample.csv"},
		{"wide entries", []string{"--format", "csv", "--wide", "entries"}, "score-sample-wide-entries.csv"},
		{"wide categories", []string{"--format", "csv", "--wide", "categories"}, "score-sample-wide-categories.csv"},
		{"wide targets", []string{"--format", "csv", "--wide", "targets"}, "score-sample-wide-targets.csv"},
		{"json", []string{"--format", "json", filepath.Join(sampleDir, "wire-desk")}, "score-sample-wire-desk.json"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := append(append([]string{"score"}, tt.args...), "--outlets", "../../testdata/sample-outlets.yaml")
			if !strings.HasPrefix(tt.args[len(tt.args)-1], sampleDir) {
				args = append(args, sampleDir)
			}
			stdout, stderr, code := compare(t, "", args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden.Check(t, "testdata/golden/"+tt.golden, stdout)
		})
	}
}

// TestScoreWorkers checks that the number of workers does not change a byte.
func TestScoreWorkers(t *testing.T) {
	one, stderr, code := compare(t, "", "score", "--format", "jsonl", "--workers", "1", sampleDir)
	if code != 0 || strings.Count(one, "\n") != sampleArticles {
		t.Fatalf("--workers 1: exit %d, %d records: %s", code, strings.Count(one, "\n"), stderr)
	}
	for _, n := range []string{"2", "3", "8"} {
		many, _, _ := compare(t, "", "score", "--format", "jsonl", "--workers", n, sampleDir)
		if many != one {
			t.Errorf("--workers %s output differs from --workers 1", n)
		}
	}
}

func decodeRecords(t *testing.T, jsonl string) []*record.Record {
	t.Helper()
	var recs []*record.Record
	sc := bufio.NewScanner(strings.NewReader(jsonl))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		r := new(record.Record)
		if err := json.Unmarshal(sc.Bytes(), r); err != nil {
			t.Fatalf("record %d: %v", len(recs)+1, err)
		}
		recs = append(recs, r)
	}
	return recs
}

// TestSeedsAcceptance checks the promises of the scoring issue on the five
// real seed articles.
func TestSeedsAcceptance(t *testing.T) {
	dir := seedsDir(t)
	stdout, stderr, code := compare(t, "", "score", "--format", "jsonl", filepath.Join(dir, "seeds.jsonl"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs := decodeRecords(t, stdout)
	if len(recs) != 5 {
		t.Fatalf("got %d records, want 5", len(recs))
	}
	byID := map[string]*record.Record{}
	for _, r := range recs {
		byID[r.ID[:3]] = r
		if r.Tokens == 0 || r.Outlet == "" {
			t.Errorf("%s: tokens %d, outlet %q", r.ID, r.Tokens, r.Outlet)
		}
		if _, ok := r.Stance["tehran-damascus"]; !ok {
			t.Errorf("%s: no tehran-damascus stance", r.ID)
		}
		for _, m := range r.Matches {
			if r.Text[m.Start:m.End] != m.Text {
				t.Errorf("%s: text[%d:%d] = %q, match says %q", r.ID, m.Start, m.End, r.Text[m.Start:m.End], m.Text)
			}
			if !slices.Contains(record.Voices, m.Voice) {
				t.Errorf("%s: voice %q", r.ID, m.Voice)
			}
		}
	}

	// Seed 000: the curly-apostrophe "mullahs’ regime" in the author's voice,
	// "martyrs" inside the minister's quotation, and the "martyrs" of "it
	// calls those killed there martyrs" not the author's own word.
	s0 := byID["000"]
	// voices lists the voices of the matches whose text contains text.
	voices := func(text string) []record.Voice {
		var v []record.Voice
		for _, m := range s0.Matches {
			if strings.Contains(strings.ToLower(m.Text), text) {
				v = append(v, m.Voice)
			}
		}
		return v
	}
	if v := voices("mullahs’ regime"); len(v) == 0 || v[0] != record.Author {
		t.Errorf("seed 000 mullahs’ regime voices = %v, want author", v)
	}
	martyrs := voices("martyrs")
	if len(martyrs) != 2 || martyrs[0] != record.Quote || martyrs[1] == record.Author {
		t.Errorf("seed 000 martyrs voices = %v, want [quote, not author]", martyrs)
	}

	// The order a careful reader expects on the tehran-damascus axis.
	score := func(id string) float64 { return byID[id].Stance["tehran-damascus"].Score }
	lo := max(score("000"), score("001"))
	hi := min(score("002"), score("003"))
	if !(lo < score("004") && score("004") < hi) {
		t.Errorf("tehran-damascus order: 000 %.3f, 001 %.3f, 004 %.3f, 002 %.3f, 003 %.3f; want max(000,001) < 004 < min(002,003)",
			score("000"), score("001"), score("004"), score("002"), score("003"))
	}
}

// TestStatsCredibility checks that compare stats pools the credibility
// signals per outlet, and leaves them out with --credibility none.
func TestStatsCredibility(t *testing.T) {
	for _, tt := range []struct {
		cred string
		want bool
	}{{"default", true}, {"none", false}} {
		stdout, stderr, code := compare(t, "", "stats", "--format", "json", "--bootstrap", "0", "--credibility", tt.cred, sampleDir)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var cmp aggregate.Comparison
		if err := json.Unmarshal([]byte(stdout), &cmp); err != nil {
			t.Fatal(err)
		}
		for _, u := range cmp.Units {
			if got := u.Credibility != nil; got != tt.want {
				t.Errorf("--credibility %s: %s has credibility %v, want %v", tt.cred, u.Name, got, tt.want)
			}
			if tt.want && (u.Credibility.Articles != u.Articles || u.Credibility.Claims == 0) {
				t.Errorf("%s: credibility profile %+v does not pool its %d articles", u.Name, u.Credibility, u.Articles)
			}
		}
	}
}

// TestShardAndMerge follows the scale-out recipe of the README: split a
// corpus, score the shards separately, and compare the concatenated score
// files. The statistics must equal those of scoring the corpus at once.
func TestShardAndMerge(t *testing.T) {
	dir := t.TempDir()
	shards := [][]string{
		{sampleDir + "/damascus-courier", sampleDir + "/exile-monitor"},
		{sampleDir + "/levant-observer", sampleDir + "/tehran-herald", sampleDir + "/wire-desk"},
	}
	var scoreArgs []string
	for i, paths := range shards {
		out := filepath.Join(dir, fmt.Sprintf("shard-%d.jsonl", i))
		args := append([]string{"score", "--format", "jsonl", "--workers", "1", "-o", out}, paths...)
		if _, stderr, code := compare(t, "", args...); code != 0 {
			t.Fatalf("scoring shard %d: exit %d: %s", i, code, stderr)
		}
		scoreArgs = append(scoreArgs, "--scores", out)
	}
	whole, stderr, code := compare(t, "", "stats", "--format", "json", sampleDir)
	if code != 0 {
		t.Fatalf("stats on the corpus: exit %d: %s", code, stderr)
	}
	merged, stderr, code := compare(t, "", append([]string{"stats", "--format", "json"}, scoreArgs...)...)
	if code != 0 {
		t.Fatalf("stats on the shards: exit %d: %s", code, stderr)
	}
	if merged != whole {
		t.Errorf("statistics of merged shards differ from one run:\n%s", firstDiff(whole, merged))
	}
}

// firstDiff shows the first line where two outputs differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n  %s\n  %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(al), len(bl))
}

// TestScoreWide checks that the wide tables count what the records say:
// every entry column of every lexicon entry, in lexicon order, and per
// article the sum of the entry columns is its number of matches, the
// category columns its categories, the target columns its references.
func TestScoreWide(t *testing.T) {
	jsonl, stderr, code := compare(t, "", "score", "--format", "jsonl", sampleDir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs := decodeRecords(t, jsonl)
	lex, err := lexicon.Load(lexicon.Default)
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range record.WideKinds {
		t.Run(kind, func(t *testing.T) {
			out, stderr, code := compare(t, "", "score", "--format", "csv", "--wide", kind, sampleDir)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != len(recs)+1 {
				t.Fatalf("%d rows, want %d records and a header", len(rows), len(recs))
			}
			const first = 8 // id … tokens
			if kind == "entries" {
				if got := len(rows[0]) - first; got != len(lex.Entries) {
					t.Fatalf("%d entry columns, want all %d entries", got, len(lex.Entries))
				}
				for i, e := range lex.Entries {
					if rows[0][first+i] != "entry."+e.ID {
						t.Fatalf("column %d is %q, want entry.%s (lexicon order)", first+i, rows[0][first+i], e.ID)
					}
				}
			}
			for i, r := range recs {
				row := rows[i+1]
				if row[0] != r.ID {
					t.Fatalf("row %d is %s, want %s", i+1, row[0], r.ID)
				}
				sum := 0
				for _, cell := range row[first:] {
					n, err := strconv.Atoi(cell)
					if err != nil {
						t.Fatalf("%s: cell %q: %v", r.ID, cell, err)
					}
					sum += n
				}
				want := len(r.Matches)
				if kind == "targets" {
					want = 0
					for _, ts := range r.Targets {
						want += ts.References
					}
				}
				if sum != want {
					t.Errorf("%s: %s columns sum to %d, want %d", r.ID, kind, sum, want)
				}
			}
		})
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--wide", "words", "--format", "csv"}, `--wide "words": want one of entries, categories, targets`},
		{[]string{"--wide", "entries"}, "--wide is a csv table"},
		{[]string{"--wide", "entries", "--format", "csv", "--lexicon", "iran-syria", "--lexicon", "us-politics"}, "one --lexicon"},
	} {
		_, stderr, code := compare(t, "", append(append([]string{"score"}, tt.args...), sampleDir)...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", tt.args, code, stderr, exitUsage, tt.want)
		}
	}
}

// TestScoreLint pins the lint lines of the sample (golden
// score-sample.lint) and checks their promises on a draft: file lines
// that count the front matter, standard input read as text, quoted terms
// listed but not failing, and the exit status.
func TestScoreLint(t *testing.T) {
	t.Run("sample", func(t *testing.T) {
		stdout, stderr, code := compare(t, "", "score", "--format", "lint", sampleDir)
		if code != exitLoaded {
			t.Fatalf("exit %d, want %d: %s", code, exitLoaded, stderr)
		}
		golden.Check(t, "testdata/golden/score-sample.lint", stdout)
	})
	draft := "---\ntitle: A draft\n---\nThe talks resumed.\nCritics of the mullahs’ regime spoke, and he said: “the Zionist entity will fall.”\n"
	dir := t.TempDir()
	path := filepath.Join(dir, "draft.md")
	if err := os.WriteFile(path, []byte(draft), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, stdin string
		args        []string
		code        int
		want        []string
	}{
		{"draft file", "", []string{path}, exitLoaded, []string{
			path + `:5:16: "mullahs’ regime" (loaded, the vocabulary of their opponents (opposition, Western critics)): neutral "Iranian government" or "Iran's leadership"`,
			path + `:5:57: "Zionist entity" (loaded, the vocabulary of Iranian and Syrian state media; in a quotation): neutral "Israel" or "Israeli government"`,
		}},
		{"standard input", "Critics of the mullahs’ regime spoke.\n", []string{"-"}, exitLoaded, []string{
			`<stdin>:1:16: "mullahs’ regime" (loaded, the vocabulary of their opponents (opposition, Western critics)): neutral "Iranian government" or "Iran's leadership"`,
		}},
		{"only quoted", "He said: “the Zionist entity will fall.”\n", []string{"-"}, exitOK, []string{
			`<stdin>:1:15: "Zionist entity" (loaded, the vocabulary of Iranian and Syrian state media; in a quotation): neutral "Israel" or "Israeli government"`,
		}},
		{"clean", "The Iranian government and the Syrian government met.\n", []string{"-"}, exitOK, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := compare(t, tt.stdin, append([]string{"score", "--format", "lint"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d: %s", code, tt.code, stderr)
			}
			got := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
			if stdout == "" {
				got = nil
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
