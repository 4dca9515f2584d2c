package lexicon

import (
	"fmt"
	"testing"

	"github.com/compare-tool/compare/internal/rulefile"
)

// goyamlEntry decodes the entry YAML src with go-yaml (the slow path) and
// with decodeEntry, and returns both as %#v (so that -0 and 0, nil and
// empty differ), whether go-yaml decoded it without error and whether
// decodeEntry took it.
func goyamlEntry(t *testing.T, src string) (slow, fast string, slowOK, fastOK bool) {
	t.Helper()
	root, err := rulefile.ParseYAML("entry.yaml", []byte(src))
	if err != nil || root == nil {
		return "", "", false, false
	}
	var s, f Entry
	slowOK = root.Decode(&s) == nil
	fastOK = decodeEntry(root, &f)
	return fmt.Sprintf("%#v", s), fmt.Sprintf("%#v", f), slowOK, fastOK
}

func TestDecodeEntry(t *testing.T) {
	tests := []struct {
		name, src string
		fast      bool // decodeEntry takes it
	}{
		{"flow, as generated", `{id: syn-1, terms: ["zqa zqb"], target: "israel", valence: -0.5, category: pejorative}`, true},
		{"block, every field", "id: x\nterms:\n  - Assad regime\n  - \"Assad's regime\"\nlabel: L\ntarget: t\nvalence: 1\ncategory: c\nlean: {ax: -0.25, b: 0}\nneutral: [n]\nnote: |\n  a note\nexcept: []", true},
		{"minus zero integer is zero", `{valence: -0}`, true},
		{"minus zero with a point stays minus zero", `{valence: -0.0}`, true},
		{"empty lists and mapping", `{terms: [], lean: {}}`, true},
		{"number as text", `{id: 12}`, false},
		{"null text", `{label: ~}`, false},
		{"null valence", `{valence: }`, false},
		{"quoted number", `{valence: "0.5"}`, false},
		{"octal", `{valence: 010}`, false},
		{"exponent", `{valence: 1e-1}`, false},
		{"plus sign", `{valence: +1}`, false},
		{"point first", `{valence: .5}`, false},
		{"underscore", `{valence: 1_0}`, false},
		{"tagged", `{valence: !!float 1}`, false},
		{"repeated key", `{id: a, id: b}`, false},
		{"repeated lean axis", `{lean: {a: 1, a: 2}}`, false},
		{"unknown key", `{id: a, colour: red}`, false},
		{"alias", "{id: &x a, target: *x}", false},
		{"merge", "{<<: {id: a}}", false},
		{"terms not a list", `{terms: a}`, false},
		{"a number among terms", `{terms: [a, 1]}`, false},
		{"not a mapping", `[a, b]`, false},
		{"text valence", `{valence: high}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			slow, fast, slowOK, fastOK := goyamlEntry(t, tt.src)
			if fastOK != tt.fast {
				t.Fatalf("decodeEntry took it: %t, want %t", fastOK, tt.fast)
			}
			if fastOK && (!slowOK || slow != fast) {
				t.Errorf("decodeEntry gave\n%s\ngo-yaml (ok %t)\n%s", fast, slowOK, slow)
			}
		})
	}
}

// TestDecodeEntryTakesBuiltins checks that the entries of the built-in
// lexicons, and of the generated benchmark lexicons, which are written
// the same way, take decodeEntry: otherwise it saves nothing.
func TestDecodeEntryTakesBuiltins(t *testing.T) {
	for _, name := range Builtin() {
		t.Run(name, func(t *testing.T) {
			data, err := BuiltinSource(name)
			if err != nil {
				t.Fatal(err)
			}
			root, err := rulefile.ParseYAML(name, data)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i+1 < len(root.Content); i += 2 {
				if root.Content[i].Value != "entries" {
					continue
				}
				for _, n := range root.Content[i+1].Content {
					var e Entry
					if !decodeEntry(n, &e) {
						t.Errorf("%s:%d: entry left to go-yaml", name, n.Line)
					}
				}
				return
			}
			t.Fatal("no entries")
		})
	}
}

// FuzzDecodeEntry holds decodeEntry to go-yaml: whatever it takes, go-yaml
// decodes without error to the same entry.
func FuzzDecodeEntry(f *testing.F) {
	for _, s := range []string{
		`{id: syn-1, terms: ["zqa zqb"], target: "israel", valence: -0.5, category: pejorative}`,
		"id: x\nterms:\n  - a\nvalence: 1\nlean: {ax: -0.25}\nexcept: []\nnote: >\n  folded\n",
		`{valence: -0}`, `{valence: 007}`, `{valence: 1e3, lean: {a: .5}}`, `{terms: [a, "b", 'c', 2]}`,
		`{id: 2001-12-14, label: true, note: null}`, `{valence: 99999999999999999999}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		slow, fast, slowOK, fastOK := goyamlEntry(t, src)
		if fastOK && (!slowOK || slow != fast) {
			t.Errorf("%q: decodeEntry gave\n%s\ngo-yaml (ok %t)\n%s", src, fast, slowOK, slow)
		}
	})
}
