package codebook

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed codebook.yaml
var data []byte

// Schema documents one output.
type Schema struct {
	// Name is what `compare schema NAME` takes.
	Name  string `yaml:"name"`
	Title string `yaml:"title"`
	// WrittenBy and ReadBy name the commands that write and read it.
	WrittenBy   string  `yaml:"written_by"`
	ReadBy      string  `yaml:"read_by"`
	Description string  `yaml:"description"`
	Fields      []Field `yaml:"fields"`
}

// Field documents one field, column or statistic.
type Field struct {
	// Name is a path: "a.b" nested, "a[].b" in each element of a list,
	// "a.{key}.b" under each key of a map.
	Name string `yaml:"name"`
	Type string `yaml:"type"`
	// Unit is empty when the value has none.
	Unit    string `yaml:"unit"`
	Meaning string `yaml:"meaning"`
	// See names the schema that documents the field's value, when another
	// schema does.
	See string `yaml:"see"`
}

var (
	loadOnce sync.Once
	schemas  []Schema
	loadErr  error
)

// All returns every schema, in the codebook's order. The embedded codebook
// is checked by the package's tests; an error here means it was edited
// without running them.
func All() ([]Schema, error) {
	loadOnce.Do(func() {
		var doc struct {
			Schemas []Schema `yaml:"schemas"`
		}
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&doc); err != nil {
			loadErr = fmt.Errorf("codebook.yaml: %w", err)
			return
		}
		schemas = doc.Schemas
	})
	return schemas, loadErr
}

// Lookup returns the schema named name.
func Lookup(name string) (*Schema, error) {
	all, err := All()
	if err != nil {
		return nil, err
	}
	var names []string
	for i := range all {
		if all[i].Name == name {
			return &all[i], nil
		}
		names = append(names, all[i].Name)
	}
	return nil, fmt.Errorf("no schema %q (known: %s)", name, strings.Join(names, ", "))
}

// Field returns the schema's field named name (placeholders compared as
// Normalize writes them), or nil.
func (s *Schema) Field(name string) *Field {
	for i := range s.Fields {
		if Normalize(s.Fields[i].Name) == Normalize(name) {
			return &s.Fields[i]
		}
	}
	return nil
}

// WriteText writes s for reading in a terminal: a header, then each field
// with its type and unit on one line and its meaning indented below.
func (s *Schema) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s\n", s.Name, s.Title)
	fmt.Fprintf(&b, "Written by: %s\n", s.WrittenBy)
	if s.ReadBy != "" {
		fmt.Fprintf(&b, "Read by: %s\n", s.ReadBy)
	}
	if s.Description != "" {
		b.WriteString("\n" + wrap(s.Description, 78, "") + "\n")
	}
	b.WriteString("\n")
	for _, f := range s.Fields {
		fmt.Fprintf(&b, "%s  (%s", f.Name, f.Type)
		if f.Unit != "" {
			fmt.Fprintf(&b, "; %s", f.Unit)
		}
		b.WriteString(")\n")
		meaning := f.Meaning
		if f.See != "" {
			meaning += " See compare schema " + f.See + "."
		}
		b.WriteString(wrap(meaning, 78, "    ") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown writes every schema as Markdown: what docs/codebook.md
// holds.
func WriteMarkdown(w io.Writer) error {
	all, err := All()
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("# Codebook\n\n")
	b.WriteString("<!-- Generated from internal/codebook/codebook.yaml by `go test ./internal/codebook -update`; edit that file, not this one. -->\n\n")
	b.WriteString("Every output of compare, field by field: type, unit and meaning (with its formula). ")
	b.WriteString("`compare schema NAME` prints one schema; `compare schema` lists them. ")
	b.WriteString("Field names are paths: `a.b` nested, `a[].b` in each element of a list, `a.{key}.b` under each key of a map.\n\n")
	for _, s := range all {
		fmt.Fprintf(&b, "- [`%s`](#%s): %s\n", s.Name, s.Name, s.Title)
	}
	for _, s := range all {
		fmt.Fprintf(&b, "\n## %s\n\n**%s.** Written by %s.", s.Name, s.Title, s.WrittenBy)
		if s.ReadBy != "" {
			fmt.Fprintf(&b, " Read by %s.", s.ReadBy)
		}
		b.WriteString("\n")
		if s.Description != "" {
			b.WriteString("\n" + strings.TrimSpace(s.Description) + "\n")
		}
		b.WriteString("\n| field | type | unit | meaning |\n|---|---|---|---|\n")
		for _, f := range s.Fields {
			meaning := f.Meaning
			if f.See != "" {
				meaning += fmt.Sprintf(" See [`%s`](#%s).", f.See, f.See)
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", f.Name, cell(f.Type), cell(f.Unit), cell(meaning))
		}
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// cell escapes the pipes of a Markdown table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// wrap breaks s into lines of at most width characters (a longer word
// stands alone), each starting with indent.
func wrap(s string, width int, indent string) string {
	var lines []string
	line := indent
	for _, word := range strings.Fields(s) {
		if len([]rune(line))+1+len([]rune(word)) > width && strings.TrimSpace(line) != "" {
			lines = append(lines, line)
			line = indent
		}
		if strings.TrimSpace(line) != "" {
			line += " "
		}
		line += word
	}
	return strings.Join(append(lines, line), "\n")
}
