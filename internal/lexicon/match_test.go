package lexicon

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/rulefile"
	"github.com/compare-tool/compare/internal/token"
)

func loadSmall(t testing.TB) *Matcher {
	t.Helper()
	lex, err := LoadFile("testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return Compile(lex)
}

// scan returns "text=entry" for each term match and "~text" for excepts.
func scan(m *Matcher, text string) []string {
	var tz token.Tokenizer
	ts := tz.Tokenize(text)
	var out []string
	for _, x := range m.NewScanner().Scan(ts) {
		switch x.Kind {
		case KindTerm:
			out = append(out, text[x.Start:x.End]+"="+m.Lexicon.Entries[x.Entry].ID)
		case KindExcept:
			out = append(out, "~"+text[x.Start:x.End])
		case KindCue:
			out = append(out, "cue:"+text[x.Start:x.End])
		}
	}
	return out
}

func TestScan(t *testing.T) {
	m := loadSmall(t)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"curly apostrophe", "the mullahs’ regime said", []string{"mullahs’ regime=mullahs-regime"}},
		{"straight apostrophe", "the mullahs' regime said", []string{"mullahs' regime=mullahs-regime"}},
		{"case", "THE MULLAHS’ REGIME", []string{"MULLAHS’ REGIME=mullahs-regime"}},
		{"plural is another word", "regimes fall", nil},
		{"possessive is the word", "the regime's forces", []string{"regime's=regime"}},
		{"possessive inside phrase", "President al-Assad’s regime", []string{"al-Assad’s regime=assad-regime"}},
		{"no partial words", "deregimed regimented", nil},
		{"longest match wins", "the Leader of the Islamic Revolution said", []string{"Leader of the Islamic Revolution=leader"}},
		{"shorter match alone", "since the Islamic Revolution", []string{"Islamic Revolution=islamic-revolution"}},
		{"partial longer phrase falls back", "Leader of the Islamic Revolution's", []string{"Leader of the Islamic Revolution's=leader"}},
		{"glob", "mercenaries and a mercenary", []string{"mercenaries=mercenaries", "mercenary=mercenaries"}},
		{"glob needs its beginning", "mercy", nil},
		{"except suppresses", "calls for regime change", []string{"~regime change"}},
		{"except leaves others", "regime change and the regime", []string{"~regime change", "regime=regime"}},
		{"phrase across line break", "terrorist\ngroups", []string{"terrorist\ngroups=terrorists"}},
		{"hyphen variant", "the al‑Assad regime", []string{"al‑Assad regime=assad-regime"}},
		{"cue", "the so-called rebels", []string{"cue:so-called", "rebels=rebels"}},
		{"adjacent", "terrorists rebels", []string{"terrorists=terrorists", "rebels=rebels"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := scan(m, tt.text)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Scan(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestCheckErrors(t *testing.T) {
	_, err := LoadFile("testdata/bad.yaml")
	var ce *rulefile.CheckError
	if !errors.As(err, &ce) {
		t.Fatalf("LoadFile(bad.yaml) error = %v, want *rulefile.CheckError", err)
	}
	want := []string{
		`testdata/bad.yaml:9: entry "mullahs-regime": unknown target "iran-govt"`,
		`testdata/bad.yaml:13: entry "supreme-leader": valence 2 is outside [-1, 1]`,
		`testdata/bad.yaml:17: entry "line-17": term "": empty pattern`,
		`testdata/bad.yaml:21: duplicate entry id "mullahs-regime" (first at line 9)`,
		`testdata/bad.yaml:21: entry "mullahs-regime": term "Mullahs’ Regime" already defined with another meaning by entry "mullahs-regime" at line 9`,
		`testdata/bad.yaml:25: entry "iranian-officials": several unlike forms ("Hassan Rouhani", "President Rouhani", "Ebrahim Raisi", …): give it a label`,
	}
	got := ce.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("check output lacks %q; got:\n%s", w, got)
		}
	}
}

func TestParseProblems(t *testing.T) {
	base := "name: x\nversion: 1\ntargets: [{id: a, label: A}]\naxes: [{id: ax, weights: {a: 1}}]\n"
	tests := []struct {
		name, yaml, want string
	}{
		{"syntax", "name: [\n", "f.yaml:"},
		{"empty", "", "f.yaml: empty lexicon"},
		{"unknown field", base + "entrys: []\n", `f.yaml:5: unknown field "entrys"`},
		{"unknown entry field", base + "entries:\n  - terms: [x]\n    target: a\n    valence: 0\n    category: neutral\n    note: n\n    neutrals: [y]\n", `f.yaml:11: unknown entry field "neutrals"`},
		{"valence type", base + "entries:\n  - terms: [x]\n    target: a\n    valence: high\n    category: neutral\n", "f.yaml:8: cannot unmarshal !!str `high` into a number"},
		{"bad glob", base + "entries:\n  - terms: ['*']\n    target: a\n    valence: 0\n    category: neutral\n", `a lone * matches every word`},
		{"inner star", base + "entries:\n  - terms: ['ter*rorist']\n    target: a\n    valence: 0\n    category: neutral\n", `* may only end a word`},
		{"conflict", base + "entries:\n  - {terms: [x], target: a, valence: 0, category: neutral}\n  - {id: y, terms: [X], target: a, valence: 1, category: neutral}\n", `already defined with another meaning`},
		{"weight target", "name: x\nversion: 1\ntargets: [{id: a, label: A}]\naxes: [{id: ax, weights: {b: 1}}]\n", `f.yaml:4: axis "ax": unknown target "b"`},
		{"lean axis", base + "entries:\n  - {terms: [x], target: a, valence: 0, category: neutral, lean: {zz: 1}}\n", `lean on unknown axis "zz"`},
		{"except hides a term", base + "entries:\n  - {terms: [x], target: a, valence: 0, category: neutral, except: [x y]}\n  - {id: y, terms: [X Y], target: a, valence: 1, category: neutral}\n", `except phrase "x y" is also a term of entry "y"`},
		{"unlike forms", base + "entries:\n  - {id: officials, terms: [Hassan Rouhani, Ebrahim Raisi], target: a, valence: 0, category: neutral}\n",
			`f.yaml:6: entry "officials": several unlike forms ("Hassan Rouhani", "Ebrahim Raisi"): give it a label`},
		{"category", base + "entries:\n  - {terms: [x], target: a, valence: 0, category: nice}\n", `unknown category "nice"`},
		{"term of 10,000 words", base + "entries:\n  - {terms: [" + strings.Repeat("word ", 10_000) + "], target: a, valence: 0, category: neutral}\n",
			`f.yaml:6: entry "word-word-word-word-word-word-word-word-word-word-word-word-…": term "word word word word word word word word word word word word …": 10000 words, more than the 16 a term may have`},
		{"term of 17 tokens", base + "entries:\n  - {id: long, terms: [" + strings.Repeat("al-Assad ", 17) + "], target: a, valence: 0, category: neutral}\n",
			`17 words, more than the 16 a term may have`},
		{"long distance cue", base + "distance_cues: [" + strings.Repeat("so called ", 9) + "]\n", `f.yaml:1: distance cue "so called so called`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f.yaml", []byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestHashStable(t *testing.T) {
	a, err := LoadFile("testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := LoadFile("testdata/small.yaml")
	if a.Hash != b.Hash || len(a.Hash) != 64 {
		t.Errorf("hash not stable: %s vs %s", a.Hash, b.Hash)
	}
}

// BenchmarkScanLexiconSize shows that matching cost does not grow with
// the number of entries.
func BenchmarkScanLexiconSize(b *testing.B) {
	text := strings.Repeat("Iran’s Supreme Leader said on Tuesday that the mullahs’ regime and the rebels would meet near Aleppo, where mercenaries and terrorist groups fought. ", 50)
	for _, n := range []int{10, 1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := syntheticMatcher(n)
			var tz token.Tokenizer
			sc := m.NewScanner()
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				sc.Scan(tz.Tokenize(text))
			}
		})
	}
}

// syntheticMatcher builds a lexicon of n made-up two-word terms plus the
// real ones of testdata/small.yaml.
func syntheticMatcher(n int) *Matcher {
	var b strings.Builder
	b.WriteString("name: synth\nversion: 1\ntargets: [{id: t, label: T}]\naxes: [{id: ax, weights: {t: 1}}]\nentries:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - {id: e%d, terms: [\"word%d term%d\"], target: t, valence: -0.5, category: pejorative}\n", i, i, i%97)
	}
	b.WriteString("  - {id: mr, terms: [\"mullahs' regime\"], target: t, valence: -1, category: pejorative}\n  - {id: r, terms: [rebels], target: t, valence: 0, category: neutral}\n")
	lex, err := Parse("synth.yaml", []byte(b.String()))
	if err != nil {
		panic(err)
	}
	return Compile(lex)
}
