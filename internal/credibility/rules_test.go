package credibility

import (
	"errors"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/rulefile"
)

// TestBuiltinRules checks every embedded rule set: it loads, compiles, and
// every registry entity names a known side (Parse checks that) and a kind.
func TestBuiltinRules(t *testing.T) {
	names := Builtin()
	if len(names) == 0 || names[0] != Default && !contains(names, Default) {
		t.Fatalf("built-in rules %v lack %q", names, Default)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			r, err := Load(name)
			if err != nil {
				t.Fatal(err)
			}
			if r.File != "embedded:"+name+".yaml" || len(r.Hash) != 64 {
				t.Errorf("File %q, Hash %q", r.File, r.Hash)
			}
			if len(r.Registry) < 50 || len(r.Sides) < 10 {
				t.Errorf("registry has %d entities and %d sides; the default should cover the field", len(r.Registry), len(r.Sides))
			}
			an := Compile(r)
			if an.Rules != r {
				t.Error("Compile does not keep the rules")
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestLoadRefs covers the ways a rule set can be named.
func TestLoadRefs(t *testing.T) {
	if _, err := Load(""); err != nil {
		t.Errorf(`Load("") = %v, want the default rules`, err)
	}
	r, err := Load("testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "small" || r.File != "testdata/small.yaml" {
		t.Errorf("got %q from %q", r.Name, r.File)
	}
	if _, err := Load("no-such-rules"); err == nil || !strings.Contains(err.Error(), "built-in: default") {
		t.Errorf("unknown name: %v, want a list of the built-in rules", err)
	}
	if _, err := Load("testdata/missing.yaml"); err == nil {
		t.Error("missing file: no error")
	}
	r2, err := Read("stdin", strings.NewReader(readFile(t, "testdata/small.yaml")))
	if err != nil || r2.Hash != r.Hash || r2.File != "stdin" {
		t.Errorf("Read: %v, hash %s vs %s", err, r2.Hash, r.Hash)
	}
	if s := r.Side("wire"); s == nil || s.Label != "Wires" {
		t.Errorf("Side(wire) = %+v", s)
	}
	if r.Side("nope") != nil {
		t.Error("Side(nope) is not nil")
	}
}

// TestCheckErrors pins the problems of testdata/bad.yaml, each with its
// file and line, in line order.
func TestCheckErrors(t *testing.T) {
	_, err := LoadFile("testdata/bad.yaml")
	var ce *rulefile.CheckError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a *rulefile.CheckError", err)
	}
	want := []string{
		`testdata/bad.yaml:6: source must be "before" or "after", not "behind"`,
		`testdata/bad.yaml:7: attribution: "said" repeats attribution at line 5`,
		`testdata/bad.yaml:8: hedges: "might*x": * may only end a word`,
		`testdata/bad.yaml:9: certainty: "may" repeats hedges at line 8`,
		`testdata/bad.yaml:10: vague_sources: "… indicate": a gap (…) must stand between words`,
		`testdata/bad.yaml:10: vague_sources: "intelligence … … indicate": two gaps in a row`,
		`testdata/bad.yaml:11: unnamed_sources: "security sources": one word per item (the head noun of a source phrase)`,
		`testdata/bad.yaml:14: duplicate side "iranian-state" (first at line 13)`,
		`testdata/bad.yaml:16: registry entry "IRNA": unknown side "iran-state" (known: iranian-state)`,
		`testdata/bad.yaml:19: registry entry "Mehr News Agency": kind must be one of media, organisation, monitor, government, not "newspaper"`,
		`testdata/bad.yaml:20: registry entry "Mehr News Agency": alias "IRNA" already names "IRNA"`,
		`testdata/bad.yaml:23: unknown registry field "colour" (known: name, aliases, except, kind, side, country, domains, note)`,
	}
	got := strings.Split(ce.Error(), "\n")
	for i := 0; i < len(got) || i < len(want); i++ {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("problem %d:\n got %s\nwant %s", i, g, w)
		}
	}
}

// TestParseProblems covers problems bad.yaml does not.
func TestParseProblems(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"empty", "", "x.yaml: empty rules file"},
		{"not a mapping", "- a\n- b\n", "x.yaml:1: credibility rules are a mapping"},
		{"syntax", "name: [a\n", "x.yaml:1: did not find expected"},
		{"unknown top field", "name: a\nversion: 1\nattribution: [{terms: [said]}]\nwords: [x]\n", `x.yaml:4: unknown field "words"`},
		{"missing name", "version: 1\nattribution: [{terms: [said]}]\n", "x.yaml:1: missing name"},
		{"no verbs", "name: a\nversion: 1\n", "x.yaml:1: no attribution verbs"},
		{"list expected", "name: a\nversion: 1\nattribution: [{terms: [said]}]\nhedges: may\n", "x.yaml:4: hedges must be a list"},
		{"loaded not bool", "name: a\nversion: 1\nattribution: [{terms: [said], loaded: yes please}]\n", "x.yaml:3: loaded must be true or false"},
		{"gap outside vague", "name: a\nversion: 1\nattribution: [{terms: [said]}]\nhedges: [it … seems]\n", "x.yaml:4: hedges: \"it … seems\": a gap (…) is only allowed in vague_sources"},
		{"lone star", "name: a\nversion: 1\nattribution: [{terms: [said]}]\nintensifiers: ['*']\n", "a lone * matches every word"},
		{"no letters", "name: a\nversion: 1\nattribution: [{terms: [said]}]\nintensifiers: ['!!']\n", `has no letters or digits`},
		{"too many words", "name: a\nversion: 1\nattribution: [{terms: [said]}]\nvague_sources: [" + strings.Repeat("a ", 9) + "… " + strings.Repeat("b ", 8) + "]\n",
			`x.yaml:4: vague_sources: "a a a a a a a a a … b b b b b b b b": 17 words, more than the 16 a term may have`},
		{"missing side", "name: a\nversion: 1\nattribution: [{terms: [said]}]\nregistry: [{name: X, kind: media}]\n", `x.yaml:4: registry entry "X": missing side`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("x.yaml", []byte(tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// TestHashStable: the hash depends on content, not on comments or layout.
func TestHashStable(t *testing.T) {
	data := readFile(t, "testdata/small.yaml")
	a, err := Parse("a.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("b.yaml", []byte("# another comment\n"+strings.ReplaceAll(data, "  - {id: wire", "  -   {id: wire")))
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse("c.yaml", []byte(strings.Replace(data, "[may, might", "[may, could, might", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if a.Hash != b.Hash {
		t.Error("layout changed the hash")
	}
	if a.Hash == c.Hash {
		t.Error("a new hedge did not change the hash")
	}
}

// TestRegistryAliases checks that the default registry recognises each
// entity by its name and aliases, that aliases in capitals need capitals,
// and that except phrases win.
func TestRegistryAliases(t *testing.T) {
	an := Compile(mustLoad(t, "default"))
	sc := an.NewScanner()
	for _, tc := range []struct {
		text string
		want []string // entity names, in order
	}{
		{"IRNA and the Islamic Republic News Agency", []string{"IRNA", "IRNA"}},
		{"Fars News Agency, Fars News and Fars", []string{"Fars News Agency", "Fars News Agency", "Fars News Agency"}},
		{"in Fars province", nil},
		{"Mehr News Agency and Tasnim", []string{"Mehr News Agency", "Tasnim News Agency"}},
		{"Press TV and the Islamic Republic of Iran Broadcasting", []string{"Press TV", "IRIB"}},
		{"the Syrian Arab News Agency (SANA)", []string{"SANA", "SANA"}},
		{"Sana Hassan, a teacher", nil},
		{"the People's Mojahedin Organization of Iran, the MEK", []string{"PMOI", "PMOI"}},
		{"the National Council of Resistance of Iran (NCRI)", []string{"NCRI", "NCRI"}},
		{"the Syrian Observatory for Human Rights and SOHR", []string{"Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights"}},
		{"Reuters, AP, AFP and Anadolu", []string{"Reuters", "Associated Press", "AFP", "Anadolu Agency"}},
		{"the ap of a word", nil},
		{"Agence France-Presse and the Associated Press", []string{"AFP", "Associated Press"}},
		{"the U.N. and the UN", []string{"United Nations", "United Nations"}},
		{"the Guardian Council", nil},
		{"The Guardian reported", []string{"The Guardian"}},
		{"Iran’s Foreign Ministry", []string{"Iranian Foreign Ministry"}},
		{"Sepah News and the Sepah", []string{"Sepah News", "IRGC"}},
	} {
		t.Run(tc.text, func(t *testing.T) {
			sig := sc.Analyze(&corpus.Article{Text: tc.text}, nil)
			var got []string
			for _, c := range sig.Cited {
				for range c.Spans {
					got = append(got, c.Name)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("cited %q, want %q", got, tc.want)
			}
		})
	}
}

func mustLoad(t testing.TB, ref string) *Rules {
	t.Helper()
	r, err := Load(ref)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
