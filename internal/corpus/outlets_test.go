package corpus

import (
	"errors"
	"slices"
	"testing"

	"github.com/compare-tool/compare/internal/rulefile"
)

func TestLoadOutlets(t *testing.T) {
	for _, file := range []string{"testdata/outlets.yaml", "testdata/outlets.csv"} {
		t.Run(file, func(t *testing.T) {
			o, err := LoadOutlets(file)
			if err != nil {
				t.Fatal(err)
			}
			names := make([]string, len(o.List))
			for i, out := range o.List {
				names[i] = out.Name
			}
			if want := []string{"Alpha News", "Beta Wire", "Gamma Post", "Delta Daily"}; !slices.Equal(names, want) {
				t.Errorf("names %q, want %q", names, want)
			}
			alpha, ok := o.Lookup("ALPHANEWS.example")
			if !ok || alpha.Country != "Examplestan" || alpha.Notes != "Founded 1998; owned by the information ministry." ||
				!slices.Equal(alpha.Aliases, []string{"alpha-news", "alphanews.example"}) {
				t.Errorf("Alpha News: %+v, %v", alpha, ok)
			}
			if want := []string{"state media", "wire", "opposition"}; !slices.Equal(o.Groups(), want) {
				t.Errorf("groups %q, want %q", o.Groups(), want)
			}
			tests := []struct{ name, canonical, group string }{
				{"Alpha News", "Alpha News", "state media"},
				{"alpha-news", "Alpha News", "state media"},
				{"  ALPHA   news ", "Alpha News", "state media"},
				{"gamma online post", "Gamma Post", "opposition"},
				{"Delta Daily", "Delta Daily", ""},
				{"Unlisted Times", "Unlisted Times", ""},
				{"", "", ""},
			}
			for _, tt := range tests {
				if c, g := o.Resolve(tt.name); c != tt.canonical || g != tt.group {
					t.Errorf("Resolve(%q) = %q, %q; want %q, %q", tt.name, c, g, tt.canonical, tt.group)
				}
			}
		})
	}
}

func TestNilOutlets(t *testing.T) {
	var o *Outlets
	if c, g := o.Resolve("Fox News"); c != "Fox News" || g != "" {
		t.Errorf("nil Resolve = %q, %q", c, g)
	}
	if _, ok := o.Lookup("Fox News"); ok || o.Groups() != nil {
		t.Error("nil Outlets knows something")
	}
}

// TestOutletsAliasesMerge is the example: two names, one outlet.
func TestOutletsAliasesMerge(t *testing.T) {
	o, err := ParseOutlets("outlets.yaml", []byte("- name: Fox News\n  aliases: [Fox Online News]\n  group: cable\n"))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := o.Resolve("Fox Online News")
	b, _ := o.Resolve("Fox News")
	if a != "Fox News" || b != "Fox News" {
		t.Errorf("got %q and %q", a, b)
	}
}

func TestOutletsErrors(t *testing.T) {
	tests := []struct {
		file, data string
		want       []string
	}{
		{"o.yaml", "outlets:\n  - name: A\n    aliases: [x]\n  - name: B\n    aliases: [X, b]\n", []string{
			`o.yaml:4: aliases: "X" already names outlet "A" (line 2)`,
		}},
		{"o.yaml", "outlets:\n  - name: A\n    colour: red\n  - aliases: [y]\n", []string{
			`o.yaml:3: unknown key "colour" (known: name, aliases, group, country, notes)`,
			`o.yaml:4: name: outlet has no name`,
		}},
		{"o.yaml", "outlets:\n  - name: A\n    aliases: {a: 1}\n", []string{
			`o.yaml:3: cannot unmarshal !!map into a list of names`,
		}},
		{"o.yaml", "sources:\n  - A\n", []string{`o.yaml:1: unknown key "sources" (want a list under "outlets")`}},
		{"o.yaml", "outlets: [A, [B]\n", []string{`o.yaml:1: did not find expected ',' or ']'`}},
		{"o.yaml", "", []string{`o.yaml: no outlets`}},
		{"o.yaml", "outlets:\n  - name: Caf\xe9 Press\n  - R\xe9seau\n", []string{
			`o.yaml:2: column 14: byte 0xE9 is not UTF-8; save the file as UTF-8`,
			`o.yaml:3: column 6: byte 0xE9 is not UTF-8; save the file as UTF-8`,
		}},
		{"o.csv", "name\nCaf\xe9\n", []string{`o.csv:2: column 4: byte 0xE9 is not UTF-8; save the file as UTF-8`}},
		{"o.csv", "name,alias\nA,x\n", []string{`o.csv:1: unknown column "alias" (known: name, aliases, group, country, notes)`}},
		{"o.csv", "group\nwire\n", []string{`o.csv:1: no "name" column`}},
		{"o.csv", "name,aliases\nA,x|y\nB,y\n", []string{`o.csv:3: aliases: "y" already names outlet "A" (line 2)`}},
		{"o.csv", "name,aliases\nA,\"x\nB,y\n", []string{`o.csv:2: line 3, column 5: a quoted field is not closed, or has text after its closing quote (write a quote inside a field as "")`}},
	}
	for _, tt := range tests {
		t.Run(tt.data, func(t *testing.T) {
			_, err := ParseOutlets(tt.file, []byte(tt.data))
			var oe *rulefile.CheckError
			if !errors.As(err, &oe) {
				t.Fatalf("error %v, want a *rulefile.CheckError", err)
			}
			var got []string
			for _, p := range oe.Problems {
				got = append(got, p.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
	if _, err := ParseOutlets("o.txt", nil); err == nil {
		t.Error("no error for a .txt outlets file")
	}
}
