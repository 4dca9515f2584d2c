package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/gencorpus"
	"github.com/compare-tool/compare/internal/golden"
	"github.com/compare-tool/compare/internal/lexicon"
)

// Where the fixtures of the dictionary and agree packages live.
const (
	dicts = "../../internal/dictionary/testdata/"
	coded = "../../internal/agree/testdata/"
)

const smallLexicon = "../../internal/lexicon/testdata/small.yaml"

func TestLexiconImport(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		golden string
		stderr []string
	}{
		{"liwc", []string{"--from", "liwc", dicts + "small.dic"}, "import-small.dic.yaml", []string{
			"compare: imported " + dicts + "small.dic: 6 categories as targets, 10 patterns in 7 entries\n",
		}},
		{"quanteda nested, by extension", []string{"--name", "nested-test", dicts + "nested.yml"}, "import-nested.yml.yaml", []string{
			`compare: ` + dicts + `nested.yml:10: category "Taxes & Spending" becomes target "taxes-spending"`,
			"8 categories as targets, 14 patterns in 7 entries; 2 notes above",
		}},
		{"liwc with notes", []string{dicts + "messy.dic"}, "import-messy.dic.yaml", []string{
			`compare: ` + dicts + `messy.dic:9: left out "like (02 134)125/464 253"`,
			`compare: ` + dicts + `messy.dic:13: "Happy" matches the same words as "happy" (line 11), in other categories; both are put in posemo, negemo`,
			"; 7 notes above",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := compare(t, "", append([]string{"lexicon", "import"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			golden.Check(t, "testdata/golden/"+tt.golden, stdout)
			for _, want := range tt.stderr {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			if _, err := lexicon.Parse("imported.yaml", []byte(stdout)); err != nil {
				t.Errorf("the imported lexicon does not pass the check: %v", err)
			}
		})
	}
}

func TestLexiconExport(t *testing.T) {
	tests := []struct {
		to, golden string
		stderr     []string
	}{
		{"liwc", "export-small.dic", []string{
			"compare: export to liwc drops from the entries (10 in all): valence (9), lean (1), category (9), neutral alternatives (9), notes (10), except phrases (1), entry ids (10)\n",
			"compare: export to liwc drops 4 target labels, 1 axis with its weights, 3 distance cues and the lexicon's name, version, description and sources\n",
		}},
		{"quanteda", "export-small.yml", []string{"compare: export to quanteda drops from the entries (10 in all): valence (9)"}},
		{"csv", "export-small.csv", []string{"compare: export to csv drops 4 targets' labels and descriptions, 1 axis with its weights, 3 distance cues"}},
	}
	for _, tt := range tests {
		t.Run(tt.to, func(t *testing.T) {
			stdout, stderr, code := compare(t, "", "lexicon", "export", "--to", tt.to, smallLexicon)
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			golden.Check(t, "testdata/golden/"+tt.golden, stdout)
			for _, want := range tt.stderr {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
		})
	}
	// A built-in lexicon by name, to a file.
	out := filepath.Join(t.TempDir(), "us.dic")
	if _, stderr, code := compare(t, "", "lexicon", "export", "--to", "liwc", "-o", out, "us-politics"); code != 0 {
		t.Fatalf("export us-politics: exit %d\n%s", code, stderr)
	}
	if data, err := os.ReadFile(out); err != nil || !bytes.HasPrefix(data, []byte("%\n1\timmigrants\n")) {
		t.Errorf("us.dic: %v\n%.200s", err, data)
	}
}

// TestLexiconLIWCRoundTrip is the acceptance test through the
// command: import a LIWC dictionary, check the lexicon, export it to LIWC
// and get the same surface forms in the same categories, here the very
// same file.
func TestLexiconLIWCRoundTrip(t *testing.T) {
	dir := t.TempDir()
	lexPath := filepath.Join(dir, "small.yaml")
	if _, stderr, code := compare(t, "", "lexicon", "import", "-o", lexPath, dicts+"small.dic"); code != 0 {
		t.Fatalf("import: exit %d\n%s", code, stderr)
	}
	if stdout, stderr, code := compare(t, "", "lexicon", "check", lexPath); code != 0 || !strings.Contains(stdout, "ok: small 0.1.0, 6 targets, 0 axes, 7 entries") {
		t.Fatalf("check: exit %d\n%s%s", code, stdout, stderr)
	}
	stdout, stderr, code := compare(t, "", "lexicon", "export", "--to", "liwc", lexPath)
	if code != 0 {
		t.Fatalf("export: exit %d\n%s", code, stderr)
	}
	want, err := os.ReadFile(dicts + "small.dic")
	if err != nil {
		t.Fatal(err)
	}
	if stdout != string(want) {
		t.Errorf("round trip changed the dictionary:\n%s\nwant\n%s", stdout, want)
	}
	if strings.Contains(stderr, "drops from the entries") || strings.Contains(stderr, "leaves out") {
		t.Errorf("round trip reports a loss:\n%s", stderr)
	}
}

func TestWorkbenchUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"import without file", []string{"lexicon", "import"}, exitUsage, "name one dictionary FILE"},
		{"import unknown extension", []string{"lexicon", "import", "x.txt"}, exitUsage, "give --from liwc or --from quanteda"},
		{"import bad --from", []string{"lexicon", "import", "--from", "wordstat", "x.cat"}, exitUsage, `--from "wordstat": want liwc or quanteda`},
		{"import missing file", []string{"lexicon", "import", "nope.dic"}, exitFailure, "nope.dic"},
		{"import malformed dic", []string{"lexicon", "import", dicts + "bad.dic"}, exitFailure, dicts + `bad.dic:3: category number "x" is not a positive number`},
		{"import malformed yaml", []string{"lexicon", "import", dicts + "bad.yml"}, exitFailure, dicts + "bad.yml:1: did not find expected"},
		{"export without --to", []string{"lexicon", "export", "iran-syria"}, exitUsage, "give --to liwc, --to quanteda, --to csv"},
		{"export bad --to", []string{"lexicon", "export", "--to", "xml", "iran-syria"}, exitUsage, `--to "xml": want one of liwc, quanteda, csv`},
		{"export unknown lexicon", []string{"lexicon", "export", "--to", "csv", "nope"}, exitFailure, `no built-in lexicon "nope"`},
		{"suggest without paths", []string{"lexicon", "suggest"}, exitUsage, "name at least one PATH"},
		{"suggest bad --by", []string{"lexicon", "suggest", "--by", "country", "x"}, exitUsage, `--by "country": want outlet or group`},
		{"suggest bad --top", []string{"lexicon", "suggest", "--top", "0", "x"}, exitUsage, "--top 0: must be at least 1"},
		{"suggest one outlet", []string{"lexicon", "suggest", "--no-progress", coded + "spans.jsonl"}, exitFailure, "the input has only one"},
		{"suggest by group without groups", []string{"lexicon", "suggest", "--no-progress", "--by", "group", "../../testdata/sample"}, exitFailure, "(groups come from --outlets FILE)"},
		{"suggest --order without labels", []string{"lexicon", "suggest", "--order", "left,right", "x"}, exitUsage, "--order needs labels"},
		{"suggest labels without --order", []string{"lexicon", "suggest", "--label-field", "bias", "x"}, exitUsage, "labels need --order"},
		{"suggest bad --split", []string{"lexicon", "suggest", "--label-field", "bias", "--order", "left,right", "--lexicon", "us-politics", "--split", "id", "x"}, exitUsage, `--split "id": want outlet`},
		{"suggest --fold out of range", []string{"lexicon", "suggest", "--label-field", "bias", "--order", "left,right", "--lexicon", "us-politics", "--split", "outlet", "--folds", "3", "--fold", "4", "x"}, exitUsage, "--folds 3 --fold 4"},
		{"suggest --fold without --split", []string{"lexicon", "suggest", "--label-field", "bias", "--order", "left,right", "--lexicon", "us-politics", "--fold", "2", "x"}, exitUsage, "need --split outlet"},
		{"coverage bad format", []string{"lexicon", "coverage", "--format", "xml", "x"}, exitUsage, `--format "xml": want text or json`},
		{"agree without gold", []string{"agree", "x"}, exitUsage, "--gold FILE"},
		{"agree without paths", []string{"agree", "--gold", "g.csv"}, exitUsage, "name at least one PATH"},
		{"agree bad scale", []string{"agree", "--gold", "g.csv", "--scale", "5:1", "x"}, exitUsage, `--scale: "5:1": want two numbers LOW:HIGH with LOW < HIGH`},
		{"agree malformed gold", []string{"agree", "--gold", coded + "badgold.csv", "x"}, exitFailure, coded + `badgold.csv:7: article "s2": coder "A" already rated it at line 6`},
		{"agree unknown axis", []string{"agree", "--no-progress", "--gold", coded + "krippendorff2011.csv", "--lexicon", smallLexicon, "--axis", "nope", coded + "krippendorff2011.jsonl"}, exitUsage, `no axis "nope"`},
		{"agree no coded article", []string{"agree", "--no-progress", "--gold", coded + "krippendorff2011.csv", "--lexicon", smallLexicon, coded + "spans.jsonl"}, exitNoInput, "none of the 12 coded articles"},
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

// plantedPhrases are put into one outlet's articles only.
var plantedPhrases = []string{"granite coalition", "harbour tribunal", "northern front command", "peace caravan", "silent majority"}

// writePlantedCorpus writes a generated corpus of four outlets to a JSON
// Lines file, with each planted phrase put once into every article of the
// first outlet, in one of a few sentences. It returns the file and outlet.
func writePlantedCorpus(t *testing.T) (string, string) {
	t.Helper()
	lex, err := lexicon.Load("iran-syria")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := gencorpus.Corpus(&buf, lex, gencorpus.Options{Bytes: 600_000, Outlets: 4, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	sentences := []string{" The %s said so.", " Officials praised the %s.", " %s warned again.", " Members of the %s met."}
	rng := rand.New(rand.NewPCG(3, 4))
	path := filepath.Join(t.TempDir(), "planted.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<24)
	outlet := ""
	for sc.Scan() {
		var a map[string]string
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		if outlet == "" {
			outlet = a["outlet"]
		}
		if a["outlet"] == outlet {
			paragraphs := strings.Split(a["text"], "\n\n")
			for _, p := range plantedPhrases {
				name := strings.ToUpper(p[:1]) + p[1:]
				i := rng.IntN(len(paragraphs))
				paragraphs[i] += fmt.Sprintf(sentences[rng.IntN(len(sentences))], name)
			}
			a["text"] = strings.Join(paragraphs, "\n\n")
		}
		if err := enc.Encode(a); err != nil {
			t.Fatal(err)
		}
	}
	return path, outlet
}

// TestLexiconSuggest is the acceptance test: on a generated corpus
// with phrases planted in one outlet, suggest lists them all in that
// outlet's top 10.
func TestLexiconSuggest(t *testing.T) {
	path, outlet := writePlantedCorpus(t)
	stdout, stderr, code := compare(t, "", "lexicon", "suggest", "--no-progress", "--top", "10", path)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	// The entries of the outlet's section, in rank order.
	section := stdout[strings.Index(stdout, "  # == "+outlet+":"):]
	if i := strings.Index(section[1:], "  # == "); i >= 0 {
		section = section[:i+1]
	}
	termRE := regexp.MustCompile(`(?m)^  - terms: \[(.*)\]$`)
	var terms []string
	for _, m := range termRE.FindAllStringSubmatch(section, -1) {
		terms = append(terms, strings.ToLower(strings.Trim(m[1], `"`)))
	}
	if len(terms) > 10 {
		t.Fatalf("%d suggestions for %s, want at most 10", len(terms), outlet)
	}
	for _, p := range plantedPhrases {
		found := false
		for _, term := range terms {
			found = found || term == p
		}
		if !found {
			t.Errorf("planted %q is not in the top 10 of %s: %q", p, outlet, terms)
		}
	}
	for _, want := range []string{"uses: " + outlet, "none in 3 others", `target: ""  # fill in`, "  #   … "} {
		if !strings.Contains(section, want) {
			t.Errorf("the %s section lacks %q:\n%s", outlet, want, section)
		}
	}
}

// TestLexiconSuggestLean runs suggestions with a lean on the sample, by
// outlet group, with one outlet held out: the held-out outlet is named
// nowhere in the output, which lists the training outlets it learned from.
func TestLexiconSuggestLean(t *testing.T) {
	held := filepath.Join(t.TempDir(), "test-outlets.txt")
	if err := os.WriteFile(held, []byte("Levant Observer\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := compare(t, "", "lexicon", "suggest", "--no-progress", "--outlets", "../../testdata/sample-outlets.yaml",
		"--label-field", "group", "--order", "opposition,wire,state media", "--min-outlets", "1", "--min-count", "2",
		"--test-outlets", held, "../../testdata/sample")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"HELD OUT: ", "of 1 other outlet were skipped unread", "# == opposition (lean -1 on tehran-damascus)",
		"# == state media (lean +1 on tehran-damascus)", "lean: {tehran-damascus: -1}", "#   damascus-courier, exile-monitor, tehran-herald, wire-desk"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(strings.ToLower(stdout), "levant") {
		t.Errorf("the held-out outlet appears in the output:\n%s", stdout)
	}
}

func TestLexiconCoverage(t *testing.T) {
	stdout, stderr, code := compare(t, "", "lexicon", "coverage", "--no-progress", "--lexicon", smallLexicon, coded+"spans.jsonl")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	golden.Check(t, "testdata/golden/"+"coverage-spans.txt", stdout)

	stdout, _, code = compare(t, "", "lexicon", "coverage", "--no-progress", "--format", "json", "../../testdata/sample")
	if code != 0 {
		t.Fatalf("sample: exit %d", code)
	}
	var rep struct {
		Articles  int `json:"articles"`
		Unmatched []struct {
			ID   string `json:"id"`
			Line int    `json:"line"`
		} `json:"unmatched"`
		Phrases []struct {
			Phrase string `json:"phrase"`
			Count  int    `json:"count"`
		} `json:"phrases"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Articles != sampleArticles || len(rep.Unmatched) == 0 || rep.Unmatched[0].Line == 0 || len(rep.Phrases) != 30 {
		t.Errorf("sample coverage: %d articles, %d unmatched, %d phrases", rep.Articles, len(rep.Unmatched), len(rep.Phrases))
	}
	found := false
	for _, p := range rep.Phrases {
		found = found || p.Phrase == "Khan Touman"
	}
	if !found {
		t.Errorf("the town of Khan Touman is not among the unmatched names: %+v", rep.Phrases)
	}
}

// TestAgreeKrippendorff2011 is the acceptance test for agree: the
// worked example of Krippendorff (2011), "Computing Krippendorff's
// Alpha-Reliability", as a gold file (its header cites the paper), gives
// the published alphas to three decimals: 0.849 interval, 0.815 ordinal.
func TestAgreeKrippendorff2011(t *testing.T) {
	stdout, stderr, code := compare(t, "", "agree", "--no-progress", "--gold", coded+"krippendorff2011.csv", "--lexicon", smallLexicon, coded+"krippendorff2011.jsonl")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !regexp.MustCompile(`among the coders\s+0\.849\s+0\.815\s+11\n`).MatchString(stdout) {
		t.Errorf("published alphas (interval 0.849, ordinal 0.815) not reproduced:\n%s", stdout)
	}
	golden.Check(t, "testdata/golden/"+"agree-krippendorff2011.txt", stdout)
}

func TestAgreeSpans(t *testing.T) {
	for _, gold := range []string{"spans.csv", "spans.gold.jsonl"} {
		t.Run(gold, func(t *testing.T) {
			stdout, stderr, code := compare(t, "", "agree", "--no-progress", "--gold", coded+gold, "--lexicon", smallLexicon, coded+"spans.jsonl")
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			// The numbers are worked by hand in the workbench tests.
			stdout = strings.Replace(stdout, coded+gold, "GOLD", 1)
			golden.Check(t, "testdata/golden/"+"agree-spans.txt", stdout)
		})
	}
	stdout, _, code := compare(t, "", "agree", "--no-progress", "--format", "json", "--gold", coded+"spans.csv", "--lexicon", smallLexicon, coded+"spans.jsonl")
	var a struct {
		Spans struct {
			Exact struct {
				Precision float64 `json:"precision"`
			} `json:"exact"`
		} `json:"spans"`
	}
	if err := json.Unmarshal([]byte(stdout), &a); code != 0 || err != nil || a.Spans.Exact.Precision != 0.25 {
		t.Errorf("json: exit %d, %v, %+v", code, err, a)
	}
}
