package dictionary

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/golden"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/rulefile"
)

// memberships maps every pattern of d to its sorted category names, and
// every category to its LIWC number, for comparing dictionaries.
func memberships(d *Dictionary) map[string]string {
	out := map[string]string{}
	for _, p := range d.Patterns {
		var names []string
		for _, ci := range p.Categories {
			names = append(names, d.Categories[ci].Name())
		}
		sort.Strings(names)
		out[p.Text] = strings.Join(names, ",")
	}
	for _, c := range d.Categories {
		out["category "+c.Name()] = fmt.Sprint(c.Number, c.Header)
	}
	return out
}

func diffMaps(t *testing.T, got, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%q: got %q, want %q", k, got[k], v)
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%q: got %q, not in the original", k, v)
		}
	}
}

func readLIWC(t *testing.T, path string) (*Dictionary, []rulefile.Problem) {
	t.Helper()
	d, notes, err := ReadLIWC(path, golden.ReadFile(t, path))
	if err != nil {
		t.Fatal(err)
	}
	return d, notes
}

func TestReadLIWC(t *testing.T) {
	d, notes := readLIWC(t, "testdata/small.dic")
	if len(notes) != 0 {
		t.Errorf("notes on a clean file: %v", notes)
	}
	got := memberships(d)
	want := map[string]string{
		"a": "funct", "abandon*": "affect,negemo", "accept": "affect,posemo", "adore*": "affect,posemo",
		"friend": "posemo,social", "friend*": "social", "hate": "affect,negemo", "kind of": "funct",
		"thank you": "affect,posemo,social", "they": "funct,pronoun,social",
		"category funct": "1(Function Words)", "category pronoun": "2", "category affect": "30",
		"category posemo": "31", "category negemo": "32", "category social": "125",
	}
	diffMaps(t, got, want)
}

func TestReadLIWCNotes(t *testing.T) {
	// messy.dic has a byte-order mark, CRLF line ends, a tab-indented
	// (LIWC2015-style) header line, a header and a word line without tabs,
	// conditional codes, a repeated word and patterns a lexicon cannot hold.
	d, notes := readLIWC(t, "testdata/messy.dic")
	var lines []string
	for _, n := range notes {
		lines = append(lines, n.String())
	}
	want := []string{
		`testdata/messy.dic:9: left out "like (02 134)125/464 253": LIWC codes it by the word before or after`,
		`testdata/messy.dic:10: left out "kind (of) 1": LIWC codes it`,
		`testdata/messy.dic:12: "happy" repeats line 11; their categories are merged`,
		`testdata/messy.dic:16: left out "wonder?ul": ? (one character) has no equivalent`,
		`testdata/messy.dic:17: left out "*ness": * may only end a word`,
	}
	if len(lines) != len(want) {
		t.Fatalf("notes:\n%s", strings.Join(lines, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(lines[i], want[i]) {
			t.Errorf("note %d:\n got %s\nwant %s…", i, lines[i], want[i])
		}
	}
	got := memberships(d)
	for k, v := range map[string]string{"I": "funct,pronoun", "happy": "negemo,posemo", "big 2 deal": "posemo", "united states": "funct", "category pronoun": "2"} {
		if got[k] != v {
			t.Errorf("%q: got %q, want %q", k, got[k], v)
		}
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, file string
		read       func(string, []byte) (*Dictionary, []rulefile.Problem, error)
		data       string // used when file is ""
		want       []string
	}{
		{name: "bad dic", file: "testdata/bad.dic", read: ReadLIWC, want: []string{
			`testdata/bad.dic:3: category number "x" is not a positive number`,
			`testdata/bad.dic:4: category number 1 already names "posemo" at line 2`,
			`testdata/bad.dic:7: word "sad": category 7 is not in the header`,
			`testdata/bad.dic:8: word "glad": category "one" is not a number`,
			`testdata/bad.dic:9: word line "mad": want a word and the numbers of its categories`,
		}},
		{name: "no header", file: "testdata/noheader.dic", read: ReadLIWC, want: []string{
			`testdata/noheader.dic:1: a LIWC dictionary starts with a line holding only %`,
		}},
		{name: "header not closed", file: "open.dic", data: "%\n1\tposemo\n2\tnegemo\n", read: ReadLIWC, want: []string{
			`open.dic:3: the header is not closed`,
		}},
		{name: "empty dic", file: "empty.dic", data: "\n\n", read: ReadLIWC, want: []string{
			`empty.dic:2: no header`,
		}},
		{name: "bad yaml", file: "testdata/bad.yml", read: ReadQuanteda, want: []string{
			`testdata/bad.yml:1: did not find expected ',' or ']'`,
		}},
		{name: "yaml list", file: "testdata/list.yml", read: ReadQuanteda, want: []string{
			`testdata/list.yml:1: a quanteda dictionary is a mapping of keys to lists of patterns`,
		}},
		{name: "yaml nested list", file: "nested.yml", data: "a:\n  - x\n  - [y, z]\n", read: ReadQuanteda, want: []string{
			`nested.yml:3: key "a": a list item must be a pattern or a mapping of subkeys`,
		}},
		{name: "yaml top-level __", file: "top.yml", data: "__: [x]\n", read: ReadQuanteda, want: []string{
			`top.yml:1: "__" holds the values of the key above it`,
		}},
		{name: "yaml empty", file: "empty.yml", data: "", read: ReadQuanteda, want: []string{
			`empty.yml: empty dictionary`,
		}},
		{name: "yaml alias bomb", file: "bomb.yml", data: aliasBomb(20), read: ReadQuanteda, want: []string{
			`bomb.yml:3: the dictionary expands to more than 10000 values (through YAML aliases?)`,
		}},
	}
	defer func(n int) { maxVisits = n }(maxVisits)
	maxVisits = 10000
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			if tt.data == "" && strings.HasPrefix(tt.file, "testdata/") {
				data = golden.ReadFile(t, tt.file)
			}
			_, _, err := tt.read(tt.file, data)
			var ce *rulefile.CheckError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a *rulefile.CheckError", err)
			}
			if len(ce.Problems) != len(tt.want) {
				t.Fatalf("problems:\n%s", ce.Error())
			}
			for i, p := range ce.Problems {
				if !strings.HasPrefix(p.String(), tt.want[i]) {
					t.Errorf("problem %d:\n got %s\nwant %s…", i, p, tt.want[i])
				}
			}
		})
	}
}

// aliasBomb is a few lines of YAML whose aliases expand to 3^depth keys.
func aliasBomb(depth int) string {
	var b strings.Builder
	b.WriteString("k0: &k0 {x: [y]}\n")
	for i := 1; i <= depth; i++ {
		fmt.Fprintf(&b, "k%d: &k%d {a: *k%d, b: *k%d, c: *k%d}\n", i, i, i-1, i-1, i-1)
	}
	return b.String()
}

func importFile(t *testing.T, path string) *Imported {
	t.Helper()
	read := ReadLIWC
	if strings.HasSuffix(path, ".yml") {
		read = ReadQuanteda
	}
	d, _, err := read(path, golden.ReadFile(t, path))
	if err != nil {
		t.Fatal(err)
	}
	im, err := Import(d, ImportOptions{Source: path})
	if err != nil {
		t.Fatal(err)
	}
	return im
}

func TestImportGolden(t *testing.T) {
	for _, name := range []string{"small.dic", "messy.dic", "nested.yml", "messy.yml"} {
		t.Run(name, func(t *testing.T) {
			im := importFile(t, "testdata/"+name)
			var notes strings.Builder
			for _, n := range im.Notes {
				notes.WriteString("# note: " + n.String() + "\n")
			}
			golden.Check(t, "testdata/golden/"+name+".yaml", notes.String()+string(im.YAML))
		})
	}
}

func TestImportNestedQuanteda(t *testing.T) {
	im := importFile(t, "testdata/nested.yml")
	lex := im.Lexicon
	var ids, labels []string
	for _, tg := range lex.Targets {
		ids = append(ids, tg.ID)
		labels = append(labels, tg.Label)
	}
	wantIDs := []string{"christmas", "economy.positive", "economy.negative", "economy", "taxes-spending", "taxes-spending.spending-cuts", "opposition", "empty"}
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("targets %q, want %q", ids, wantIDs)
	}
	if labels[5] != "Taxes & Spending.Spending Cuts" {
		t.Errorf("label %q keeps the original key path", labels[5])
	}
	terms := map[string]string{}
	for _, e := range lex.Entries {
		for _, term := range e.Terms {
			terms[term] = e.Target
		}
	}
	for term, target := range map[string]string{
		"economic growth": "economy.positive", "job losses": "economy.negative", "economic*": "economy",
		"austerity": "taxes-spending.spending-cuts", "budget": "taxes-spending", "reject": "opposition",
	} {
		if terms[term] != target {
			t.Errorf("%q is in %q, want %q", term, terms[term], target)
		}
	}
	var renamed []string
	for _, n := range im.Notes {
		renamed = append(renamed, n.String())
	}
	if len(renamed) != 2 || !strings.Contains(renamed[0], `nested.yml:10: category "Taxes & Spending" becomes target "taxes-spending"`) {
		t.Errorf("notes %q", renamed)
	}
}

// TestLIWCRoundTrip is the acceptance test: a LIWC dictionary
// imported and exported again has the same surface forms in the same
// categories (with the same numbers); for a file in LIWC's canonical
// layout, byte for byte.
func TestLIWCRoundTrip(t *testing.T) {
	orig, _ := readLIWC(t, "testdata/small.dic")
	im := importFile(t, "testdata/small.dic")
	d, loss := Export(im.Lexicon, "liwc")
	diffMaps(t, memberships(d), memberships(orig))
	if len(loss.Fields) != 0 || len(loss.Terms) != 0 || len(loss.Problems) != 0 {
		t.Errorf("round trip loses %v", loss.Messages())
	}
	var out bytes.Buffer
	if err := WriteLIWC(&out, d); err != nil {
		t.Fatal(err)
	}
	if want := string(golden.ReadFile(t, "testdata/small.dic")); out.String() != want {
		t.Errorf("exported:\n%s\nwant the original:\n%s", out.String(), want)
	}
}

// TestExportImportExport checks that export → import → export gives the
// same dictionary, for the built-in lexicons and the test dictionaries,
// in both formats.
func TestExportImportExport(t *testing.T) {
	sources := map[string]*lexicon.Lexicon{}
	for _, name := range lexicon.Builtin() {
		lex, err := lexicon.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		sources[name] = lex
	}
	for _, f := range []string{"small.dic", "messy.dic", "nested.yml", "messy.yml"} {
		sources[f] = importFile(t, "testdata/"+f).Lexicon
	}
	for _, name := range slices.Sorted(maps.Keys(sources)) {
		for _, format := range []string{"liwc", "quanteda"} {
			t.Run(name+"/"+format, func(t *testing.T) {
				write, read := WriteLIWC, ReadLIWC
				if format == "quanteda" {
					write, read = WriteQuanteda, ReadQuanteda
				}
				lex := sources[name]
				d1, loss := Export(lex, format)
				var first bytes.Buffer
				if err := write(&first, d1); err != nil {
					t.Fatal(err)
				}
				d2, notes, err := read("exported", first.Bytes())
				if err != nil {
					t.Fatalf("exported dictionary does not read back: %v", err)
				}
				if len(notes) != 0 {
					t.Errorf("reading the export back: %v", notes)
				}
				diffMaps(t, memberships(d2), memberships(d1))
				im, err := Import(d2, ImportOptions{Source: "exported"})
				if err != nil {
					t.Fatal(err)
				}
				d3, _ := Export(im.Lexicon, format)
				var second bytes.Buffer
				if err := write(&second, d3); err != nil {
					t.Fatal(err)
				}
				if first.String() != second.String() {
					t.Errorf("second export differs from the first:\n%s\n---\n%s", second.String(), first.String())
				}
				// Every surface form of the lexicon is exported unless the
				// loss report names it.
				exported := map[string]bool{}
				for _, p := range d1.Patterns {
					exported[p.Text] = true
				}
				for _, e := range lex.Entries {
					for _, term := range e.Terms {
						if !exported[term] && !slices.ContainsFunc(loss.Terms, func(s string) bool { return strings.HasPrefix(s, fmt.Sprintf("%q", term)) }) {
							t.Errorf("%q is neither exported nor reported", term)
						}
					}
				}
			})
		}
	}
}

func TestExportLoss(t *testing.T) {
	lex, err := lexicon.Load("../lexicon/testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, loss := Export(lex, "liwc")
	got := strings.Join(loss.Messages(), "\n")
	for _, want := range []string{
		"export to liwc drops from the entries (10 in all): valence (9), lean (1), category (9), neutral alternatives (9), notes (10), except phrases (1), entry ids (10)",
		"export to liwc drops 4 target labels, 1 axis with its weights, 3 distance cues and the lexicon's name, version, description and sources",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("loss report lacks\n%s\ngot\n%s", want, got)
		}
	}

	// A note naming a category that is not a target is reported.
	bad := *lex
	bad.Entries = slices.Clone(lex.Entries)
	bad.Entries[0].Note = "dictionary categories: iran-gov, nowhere"
	_, loss = Export(&bad, "quanteda")
	if len(loss.Problems) != 1 || !strings.Contains(loss.Problems[0], `its note names category "nowhere", which is not a target`) {
		t.Errorf("problems %q", loss.Problems)
	}

	// A * inside a phrase cannot be written for LIWC.
	bad.Entries[1].Terms = []string{"mercenar* forces", "regime"}
	_, loss = Export(&bad, "liwc")
	if len(loss.Terms) != 1 || !strings.Contains(loss.Terms[0], `"mercenar* forces" of entry "regime" (LIWC globs only at the end of an entry)`) {
		t.Errorf("terms %q", loss.Terms)
	}
}

func TestWriteCSV(t *testing.T) {
	lex, err := lexicon.Load("../lexicon/testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	loss, err := WriteCSV(&out, lex)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/golden/small.csv", out.String())
	if got := strings.Join(loss.Messages(), "\n"); !strings.Contains(got, "export to csv drops 4 targets' labels and descriptions, 1 axis with its weights, 3 distance cues") {
		t.Errorf("loss: %s", got)
	}
}

func TestSafeID(t *testing.T) {
	tests := map[string]string{
		"posemo": "posemo", "Positive Emotion": "positive-emotion", "Taxes & Spending": "taxes-spending",
		"  x  ": "x", "a.b": "a-b", "_under": "_under", "Économie": "économie", "!!!": "", "pos-emo": "pos-emo",
	}
	for in, want := range tests {
		if got := SafeID(in); got != want {
			t.Errorf("SafeID(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestQuantedaLongKeyBomb is the alias bomb that counting nodes missed: 14
// levels of two aliases to 1000-character keys, 28 KB that expanded to
// gigabytes of category paths (12 GB of memory, a 1.7 GB lexicon). It is
// refused at the default limits, by the bytes it expands to.
func TestQuantedaLongKeyBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("k0: &k0 [word]\n")
	for i := 1; i <= 14; i++ {
		a, c := strings.Repeat("a", 1000), strings.Repeat("b", 1000)
		fmt.Fprintf(&b, "k%d: &k%d {%s%d: *k%d, %s%d: *k%d}\n", i, i, a, i, i-1, c, i, i-1)
	}
	if b.Len() > 30_000 {
		t.Fatalf("the bomb is %d bytes, want a small file", b.Len())
	}
	_, _, err := ReadQuanteda("bomb.yml", []byte(b.String()))
	var ce *rulefile.CheckError
	if !errors.As(err, &ce) || len(ce.Problems) != 1 || !strings.Contains(ce.Problems[0].Message, "expands to more than 32 MiB of keys and patterns") {
		t.Fatalf("err = %v, want the expansion refused", err)
	}
}
