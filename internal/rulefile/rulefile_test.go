package rulefile

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"
)

// problems returns the String forms of the problems of a *CheckError.
func problems(t *testing.T, err error) []string {
	t.Helper()
	var ce *CheckError
	if !errors.As(err, &ce) {
		t.Fatalf("error %v, want a *CheckError", err)
	}
	var out []string
	for _, p := range ce.Problems {
		out = append(out, p.String())
	}
	return out
}

func TestParseYAML(t *testing.T) {
	tests := []struct {
		name, data string
		kind       yaml.Kind // of the root; 0 for none
		want       []string  // problems
	}{
		{"mapping", "a: 1\n", yaml.MappingNode, nil},
		{"list", "- a\n", yaml.SequenceNode, nil},
		{"empty", "", 0, nil},
		{"comments only", "# nothing\n\n", 0, nil},
		{"syntax error with its line", "a: 1\nb: 2\nc 2\nd: 3\n", 0, []string{"f.yaml:3: could not find expected ':'"}},
		{"go-yaml names no line on the first", "a: b: c\n", 0, []string{"f.yaml: mapping values are not allowed in this context"}},
		{"error found after parsing", "a: &x [1]\nb: *y\n", 0, []string{"f.yaml: unknown anchor 'y' referenced"}},
		{"first document only", "a: 1\n---\n- b\n", yaml.MappingNode, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := ParseYAML("f.yaml", []byte(tt.data))
			if tt.want != nil {
				if got := problems(t, err); !slices.Equal(got, tt.want) {
					t.Errorf("problems %q, want %q", got, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.kind == 0 && root != nil:
				t.Errorf("root %v, want nil", root.Kind)
			case tt.kind != 0 && (root == nil || root.Kind != tt.kind):
				t.Errorf("root %v, want kind %v", root, tt.kind)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	type entry struct {
		Terms   []string           `yaml:"terms"`
		Valence float64            `yaml:"valence"`
		Lean    map[string]float64 `yaml:"lean"`
		Note    string             `yaml:"note"`
		Count   int                `yaml:"count"`
	}
	tests := []struct {
		name, data string
		types      map[string]string
		want       []string
	}{
		{"fits", "terms: [a]\nvaleNce: 1\n", nil, nil},
		{"each type error at its own line", "terms: x\nvalence: high\nlean: [1]\nnote: [a]\ncount: many\n", nil, []string{
			"f.yaml:1: cannot unmarshal !!str `x` into a list of strings",
			"f.yaml:2: cannot unmarshal !!str `high` into a number",
			"f.yaml:3: cannot unmarshal !!seq into a mapping of numbers",
			"f.yaml:4: cannot unmarshal !!seq into text",
			"f.yaml:5: cannot unmarshal !!str `many` into a number",
		}},
		{"the file's own words first", "terms: x\n", map[string]string{"[]string": "a list of names"}, []string{
			"f.yaml:1: cannot unmarshal !!str `x` into a list of names",
		}},
		{"a long value is cut by go-yaml", "valence: very much so\n", nil, []string{
			"f.yaml:1: cannot unmarshal !!str `very mu...` into a number",
		}},
		{"into in the value", "valence: x into y\n", nil, []string{
			"f.yaml:1: cannot unmarshal !!str `x into y` into a number",
		}},
		{"repeated key", "note: a\nnote: b\n", nil, []string{`f.yaml:2: mapping key "note" already defined at line 1`}},
		{"a type without a name", "- a\n", nil, []string{"f.yaml:1: cannot unmarshal !!seq into rulefile.entry"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := ParseYAML("f.yaml", []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			d := Decoder{File: "f.yaml", Types: tt.types}
			var e entry
			ok := d.Decode(root, &e)
			if ok != (tt.want == nil) {
				t.Errorf("Decode = %t with problems %v", ok, d.Problems)
			}
			if tt.want == nil {
				return
			}
			if got := problems(t, d.Err()); !slices.Equal(got, tt.want) {
				t.Errorf("problems\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestAddYAMLErrorUnknownKey reads a decoder's unknown fields as keys.
func TestAddYAMLErrorUnknownKey(t *testing.T) {
	var v struct {
		Reason string `yaml:"reason"`
	}
	dec := yaml.NewDecoder(strings.NewReader("reason: x\npattern: [a]\n"))
	dec.KnownFields(true)
	err := dec.Decode(&v)
	if err == nil {
		t.Fatal("no error for an unknown field")
	}
	d := Decoder{File: "d.yaml"}
	d.AddYAMLError(7, err)
	if got, want := problems(t, d.Err()), []string{`d.yaml:2: unknown key "pattern"`}; !slices.Equal(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
}

func TestDecoderShapes(t *testing.T) {
	root, err := ParseYAML("f.yaml", []byte("name: [x]\nflag: maybe\nok: true\nlist: x\nitems:\n  - a\n  - {b: 1}\n"))
	if err != nil {
		t.Fatal(err)
	}
	d := Decoder{File: "f.yaml"}
	var items []string
	d.Mapping(root, "file", func(k, v *yaml.Node) {
		switch k.Value {
		case "name":
			d.Text(v, "name")
		case "flag", "ok":
			if d.Bool(v, k.Value) != (k.Value == "ok") {
				t.Errorf("Bool(%s) wrong", k.Value)
			}
		case "list":
			d.List(v, "list", func(*yaml.Node) { t.Error("a scalar has items") })
		case "items":
			d.List(v, "items", func(n *yaml.Node) {
				d.Mapping(n, "item", func(k, _ *yaml.Node) { items = append(items, k.Value) })
			})
		}
	})
	d.Addf(1, "last but on line %d", 1)
	want := []string{
		"f.yaml:1: name must be text",
		"f.yaml:1: last but on line 1",
		"f.yaml:2: flag must be true or false",
		"f.yaml:4: list must be a list",
		"f.yaml:6: each item must be a mapping",
	}
	if got := problems(t, d.Err()); !slices.Equal(got, want) {
		t.Errorf("problems\n%q\nwant\n%q", got, want)
	}
	if !slices.Equal(items, []string{"b"}) {
		t.Errorf("items %q, want [b]", items)
	}
	if (&Decoder{}).Err() != nil {
		t.Error("Err of a decoder without problems is not nil")
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "a.yaml", Line: 3, Message: "bad"}, "a.yaml:3: bad"},
		{Problem{File: "a.yaml", Message: "empty"}, "a.yaml: empty"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
	err := &CheckError{File: "a.yaml", Problems: []Problem{tests[0].p, tests[1].p}}
	if got, want := err.Error(), "a.yaml:3: bad\na.yaml: empty"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := Errorf("b.yaml", 2, "no %s", "keys").Error(), "b.yaml:2: no keys"; got != want {
		t.Errorf("Errorf = %q, want %q", got, want)
	}
}

func TestEmbeddedSet(t *testing.T) {
	set := EmbeddedSet{FS: fstest.MapFS{
		"rules/b.yaml":  {Data: []byte("name: b\n")},
		"rules/a.yaml":  {Data: []byte("name: a\n")},
		"rules/x.txt":   {Data: []byte("not a rule file")},
		"other/c.yaml":  {Data: []byte("name: c\n")},
		"rules/d/e.yml": {Data: []byte("name: e\n")},
	}, Dir: "rules", What: "rules"}
	if got := set.Names(); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("Names() = %q, want [a b]", got)
	}
	if data, err := set.Source("b"); err != nil || string(data) != "name: b\n" {
		t.Errorf("Source(b) = %q, %v", data, err)
	}
	if _, err := set.Source("c"); err == nil || err.Error() != `no built-in rules "c" (built-in: a, b)` {
		t.Errorf("Source(c) error = %v", err)
	}
}

func TestIsFileRef(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "plain")
	if err := os.WriteFile(existing, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	tests := []struct {
		ref  string
		want bool
	}{
		{"iran-syria", false},
		{"my.yaml", true},
		{"my.yml", true},
		{"dir/lexicon", true},
		{"plain", true}, // exists in the working folder
	}
	for _, tt := range tests {
		if got := IsFileRef(tt.ref); got != tt.want {
			t.Errorf("IsFileRef(%q) = %t, want %t", tt.ref, got, tt.want)
		}
	}
}

func TestYAMLString(t *testing.T) {
	tests := map[string]string{
		"posemo": "posemo", "kind of": "kind of", "love*": "love*", "mullahs' regime": "mullahs' regime",
		"1979": `"1979"`, "true": `"true"`, "null": `"null"`, "a: b": `"a: b"`, "*ness": `"*ness"`,
		"# x": `"# x"`, "x #y": `"x #y"`, "'quoted'": `"'quoted'"`, "a, b": `"a, b"`, "": `""`, "trailing ": `"trailing "`,
	}
	for in, want := range tests {
		if got := YAMLString(in); got != want {
			t.Errorf("rulefile.YAMLString(%q) = %s, want %s", in, got, want)
		}
	}
}
