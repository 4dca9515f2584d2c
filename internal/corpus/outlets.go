package corpus

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Outlet is what a researcher knows about one outlet.
type Outlet struct {
	// Name is the canonical name articles are counted under.
	Name string `yaml:"name" json:"name"`
	// Aliases are other names the same outlet appears under in the data
	// ("Fox Online News", "foxnews.com").
	Aliases []string `yaml:"aliases" json:"aliases,omitempty"`
	// Group is a category for comparisons: "state media", "opposition",
	// "wire".
	Group   string `yaml:"group" json:"group,omitempty"`
	Country string `yaml:"country" json:"country,omitempty"`
	Notes   string `yaml:"notes" json:"notes,omitempty"`
	// Line is where the outlet is defined in its file.
	Line int `yaml:"-" json:"-"`
}

// Outlets is outlet metadata loaded from a file. A nil *Outlets knows no
// outlets: Resolve returns names unchanged.
type Outlets struct {
	// File is the path the metadata was read from.
	File string
	// List holds the outlets in file order.
	List   []Outlet
	byName map[string]int // folded name or alias → index in List
}

// OutletsError lists the problems found in an outlets file, each as
// "file:line: message".
type OutletsError struct {
	File     string
	Problems []Problem
}

func (e *OutletsError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// LoadOutlets reads outlet metadata from a YAML file (.yaml, .yml) or a CSV
// file (.csv, .tsv). Errors name the file and line.
//
// YAML: a list of outlets, or a mapping with the key "outlets" holding one:
//
//	outlets:
//	  - name: Fox News
//	    aliases: [Fox Online News, foxnews.com]
//	    group: opposition
//	    country: US
//	    notes: free text
//
// CSV: a header with the columns name, aliases, group, country and notes
// (only name is required); aliases are separated by "|" or ";".
//
// Every name and alias must be unique after folding case and white space.
func LoadOutlets(path string) (*Outlets, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseOutlets(path, data)
}

// ParseOutlets is LoadOutlets for data already read; file names it in
// errors and decides the format by its extension.
func ParseOutlets(file string, data []byte) (*Outlets, error) {
	// Outlet names are matched against the data: a name whose bytes the
	// parser silently turned into U+FFFD would never match.
	if problems := invalidUTF8Lines(file, data); len(problems) > 0 {
		return nil, &OutletsError{File: file, Problems: problems}
	}
	var list []Outlet
	var problems []Problem
	switch strings.ToLower(filepath.Ext(file)) {
	case ".csv":
		list, problems = parseOutletsCSV(file, data, ',')
	case ".tsv":
		list, problems = parseOutletsCSV(file, data, '\t')
	case ".yaml", ".yml":
		list, problems = parseOutletsYAML(file, data)
	default:
		return nil, fmt.Errorf("%s: outlets file must be .yaml, .yml, .csv or .tsv", file)
	}
	o := &Outlets{File: file, byName: map[string]int{}}
	for _, out := range list {
		problems = append(problems, o.add(file, out)...)
	}
	if len(problems) > 0 {
		return nil, &OutletsError{File: file, Problems: problems}
	}
	return o, nil
}

// invalidUTF8Lines reports each line of data that is not valid UTF-8.
func invalidUTF8Lines(file string, data []byte) []Problem {
	if utf8.Valid(data) {
		return nil
	}
	var problems []Problem
	for n, line := range bytes.Split(data, []byte{'\n'}) {
		if utf8.Valid(line) {
			continue
		}
		col := 1
		for len(line) > 0 {
			r, size := utf8.DecodeRune(line)
			if r == utf8.RuneError && size <= 1 {
				break
			}
			line = line[size:]
			col++
		}
		problems = append(problems, Problem{File: file, Line: n + 1, Reason: "invalid-outlet",
			Message: fmt.Sprintf("column %d: byte 0x%02X is not UTF-8; save the file as UTF-8", col, line[0])})
	}
	return problems
}

// add checks one outlet and indexes its names.
func (o *Outlets) add(file string, out Outlet) []Problem {
	var problems []Problem
	bad := func(field, format string, args ...any) {
		problems = append(problems, Problem{File: file, Line: out.Line, Field: field, Reason: "invalid-outlet", Message: fmt.Sprintf(format, args...)})
	}
	out.Name = strings.TrimSpace(out.Name)
	if out.Name == "" {
		bad("name", "outlet has no name")
		return problems
	}
	aliases := out.Aliases[:0:0]
	for _, a := range out.Aliases {
		if a = strings.TrimSpace(a); a != "" {
			aliases = append(aliases, a)
		}
	}
	out.Aliases = aliases
	out.Group = strings.TrimSpace(out.Group)
	out.Country = strings.TrimSpace(out.Country)
	out.Notes = strings.TrimSpace(out.Notes)
	i := len(o.List)
	for _, n := range append([]string{out.Name}, out.Aliases...) {
		key := foldName(n)
		if j, dup := o.byName[key]; dup {
			if j == i {
				continue // an alias repeating the name is harmless
			}
			prev := o.List[j]
			bad("aliases", "%q already names outlet %q (line %d)", n, prev.Name, prev.Line)
			continue
		}
		o.byName[key] = i
	}
	o.List = append(o.List, out)
	return problems
}

// foldName makes names that differ only in case or white space equal.
func foldName(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// Resolve returns the canonical name and group of the outlet called name
// (its name or an alias, matched ignoring case and white space). Names not
// in the metadata, and every name when o is nil, come back unchanged with
// group "".
func (o *Outlets) Resolve(name string) (canonical, group string) {
	canonical, group, _ = o.resolve(name)
	return canonical, group
}

// Lookup returns the outlet called name (its name or an alias).
func (o *Outlets) Lookup(name string) (Outlet, bool) {
	if o == nil {
		return Outlet{}, false
	}
	i, ok := o.byName[foldName(name)]
	if !ok {
		return Outlet{}, false
	}
	return o.List[i], true
}

func (o *Outlets) resolve(name string) (canonical, group string, known bool) {
	out, ok := o.Lookup(name)
	if !ok {
		return name, "", false
	}
	return out.Name, out.Group, true
}

// Groups returns the distinct groups in file order.
func (o *Outlets) Groups() []string {
	if o == nil {
		return nil
	}
	var groups []string
	seen := map[string]bool{}
	for _, out := range o.List {
		if out.Group != "" && !seen[out.Group] {
			seen[out.Group] = true
			groups = append(groups, out.Group)
		}
	}
	return groups
}

var outletKeys = map[string]bool{"name": true, "aliases": true, "group": true, "country": true, "notes": true}

func parseOutletsYAML(file string, data []byte) ([]Outlet, []Problem) {
	bad := func(line int, format string, args ...any) []Problem {
		return []Problem{{File: file, Line: line, Reason: "invalid-outlet", Message: fmt.Sprintf(format, args...)}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, bad(yamlLine(err.Error()), "%s", cleanYAML(err.Error()))
	}
	if len(doc.Content) == 0 {
		return nil, bad(0, "no outlets")
	}
	seq := doc.Content[0]
	if seq.Kind == yaml.MappingNode {
		var found *yaml.Node
		for i := 0; i+1 < len(seq.Content); i += 2 {
			if seq.Content[i].Value == "outlets" {
				found = seq.Content[i+1]
			} else {
				return nil, bad(seq.Content[i].Line, "unknown key %q (want a list under \"outlets\")", seq.Content[i].Value)
			}
		}
		if found == nil {
			return nil, bad(seq.Line, "no \"outlets\" list")
		}
		seq = found
	}
	if seq.Kind != yaml.SequenceNode {
		return nil, bad(seq.Line, "outlets must be a list")
	}
	var list []Outlet
	var problems []Problem
	for _, item := range seq.Content {
		if item.Kind == yaml.ScalarNode {
			// A bare name: an outlet with no aliases or group.
			list = append(list, Outlet{Name: item.Value, Line: item.Line})
			continue
		}
		if item.Kind != yaml.MappingNode {
			problems = append(problems, bad(item.Line, "an outlet must be a name or a mapping with name, aliases, group, country, notes")...)
			continue
		}
		ok := true
		for i := 0; i+1 < len(item.Content); i += 2 {
			if k := item.Content[i]; !outletKeys[k.Value] {
				problems = append(problems, bad(k.Line, "unknown key %q (known: name, aliases, group, country, notes)", k.Value)...)
				ok = false
			}
		}
		var out Outlet
		if err := item.Decode(&out); err != nil {
			for _, e := range yamlErrors(err) {
				problems = append(problems, bad(e.line, "%s", e.msg)...)
			}
			continue
		}
		if ok {
			out.Line = item.Line
			list = append(list, out)
		}
	}
	return list, problems
}

func parseOutletsCSV(file string, data []byte, comma rune) ([]Outlet, []Problem) {
	data = bytes.TrimPrefix(data, bomUTF8)
	bad := func(line int, format string, args ...any) Problem {
		return Problem{File: file, Line: line, Reason: "invalid-outlet", Message: fmt.Sprintf(format, args...)}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = comma
	header, err := cr.Read()
	if err != nil {
		return nil, []Problem{bad(1, "header row: %s", describeCSVError(err))}
	}
	col := map[string]int{}
	var problems []Problem
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if !outletKeys[h] {
			problems = append(problems, bad(1, "unknown column %q (known: name, aliases, group, country, notes)", header[i]))
			continue
		}
		col[h] = i
	}
	if _, ok := col["name"]; !ok {
		problems = append(problems, bad(1, "no \"name\" column"))
	}
	if len(problems) > 0 {
		return nil, problems
	}
	get := func(row []string, key string) string {
		if i, ok := col[key]; ok && i < len(row) {
			return row[i]
		}
		return ""
	}
	var list []Outlet
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			problems = append(problems, bad(pe.StartLine, "%s", describeCSVError(err)))
			continue
		}
		if err != nil {
			problems = append(problems, bad(0, "%v", err))
			break
		}
		line, _ := cr.FieldPos(0)
		aliases := strings.FieldsFunc(get(row, "aliases"), func(r rune) bool { return r == '|' || r == ';' })
		list = append(list, Outlet{Name: get(row, "name"), Aliases: aliases, Group: get(row, "group"), Country: get(row, "country"), Notes: get(row, "notes"), Line: line})
	}
	return list, problems
}
