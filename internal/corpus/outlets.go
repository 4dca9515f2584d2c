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

	"github.com/compare-tool/compare/internal/rulefile"
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

// LoadOutlets reads outlet metadata from a YAML file (.yaml, .yml) or a CSV
// file (.csv, .tsv). A malformed or invalid file returns a
// *rulefile.CheckError naming the file and line of every problem.
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
	d := &rulefile.Decoder{File: file, Types: map[string]string{"[]string": "a list of names"}}
	// Outlet names are matched against the data: a name whose bytes the
	// parser silently turned into U+FFFD would never match.
	if invalidUTF8Lines(d, data) {
		return nil, &rulefile.CheckError{File: file, Problems: d.Problems}
	}
	var list []Outlet
	switch strings.ToLower(filepath.Ext(file)) {
	case ".csv":
		list = parseOutletsCSV(d, data, ',')
	case ".tsv":
		list = parseOutletsCSV(d, data, '\t')
	case ".yaml", ".yml":
		list = parseOutletsYAML(d, data)
	default:
		return nil, fmt.Errorf("%s: outlets file must be .yaml, .yml, .csv or .tsv", file)
	}
	o := &Outlets{File: file, byName: map[string]int{}}
	for _, out := range list {
		o.add(d, out)
	}
	if len(d.Problems) > 0 {
		// In the order found: the file's own problems, then the outlets'.
		return nil, &rulefile.CheckError{File: file, Problems: d.Problems}
	}
	return o, nil
}

// invalidUTF8Lines reports each line of data that is not valid UTF-8, and
// whether there was one.
func invalidUTF8Lines(d *rulefile.Decoder, data []byte) bool {
	if utf8.Valid(data) {
		return false
	}
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
		d.Addf(n+1, "column %d: byte 0x%02X is not UTF-8; save the file as UTF-8", col, line[0])
	}
	return true
}

// add checks one outlet and indexes its names.
func (o *Outlets) add(d *rulefile.Decoder, out Outlet) {
	bad := func(field, format string, args ...any) {
		d.Addf(out.Line, "%s: %s", field, fmt.Sprintf(format, args...))
	}
	out.Name = strings.TrimSpace(out.Name)
	if out.Name == "" {
		bad("name", "outlet has no name")
		return
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

func parseOutletsYAML(d *rulefile.Decoder, data []byte) []Outlet {
	seq, err := rulefile.ParseYAML(d.File, data)
	var ce *rulefile.CheckError
	if errors.As(err, &ce) {
		d.Problems = append(d.Problems, ce.Problems...)
		return nil
	}
	if seq == nil {
		d.Addf(0, "no outlets")
		return nil
	}
	if seq.Kind == yaml.MappingNode {
		var found *yaml.Node
		for i := 0; i+1 < len(seq.Content); i += 2 {
			if seq.Content[i].Value == "outlets" {
				found = seq.Content[i+1]
			} else {
				d.Addf(seq.Content[i].Line, "unknown key %q (want a list under \"outlets\")", seq.Content[i].Value)
				return nil
			}
		}
		if found == nil {
			d.Addf(seq.Line, "no \"outlets\" list")
			return nil
		}
		seq = found
	}
	if seq.Kind != yaml.SequenceNode {
		d.Addf(seq.Line, "outlets must be a list")
		return nil
	}
	var list []Outlet
	for _, item := range seq.Content {
		if item.Kind == yaml.ScalarNode {
			// A bare name: an outlet with no aliases or group.
			list = append(list, Outlet{Name: item.Value, Line: item.Line})
			continue
		}
		if item.Kind != yaml.MappingNode {
			d.Addf(item.Line, "an outlet must be a name or a mapping with name, aliases, group, country, notes")
			continue
		}
		ok := true
		for i := 0; i+1 < len(item.Content); i += 2 {
			if k := item.Content[i]; !outletKeys[k.Value] {
				d.Addf(k.Line, "unknown key %q (known: name, aliases, group, country, notes)", k.Value)
				ok = false
			}
		}
		var out Outlet
		if d.Decode(item, &out) && ok {
			out.Line = item.Line
			list = append(list, out)
		}
	}
	return list
}

func parseOutletsCSV(d *rulefile.Decoder, data []byte, comma rune) []Outlet {
	data = bytes.TrimPrefix(data, bomUTF8)
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = comma
	header, err := cr.Read()
	if err != nil {
		d.Addf(1, "header row: %s", describeCSVError(err))
		return nil
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if !outletKeys[h] {
			d.Addf(1, "unknown column %q (known: name, aliases, group, country, notes)", header[i])
			continue
		}
		col[h] = i
	}
	if _, ok := col["name"]; !ok {
		d.Addf(1, "no \"name\" column")
	}
	if len(d.Problems) > 0 {
		return nil
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
			d.Addf(pe.StartLine, "%s", describeCSVError(err))
			continue
		}
		if err != nil {
			d.Addf(0, "%v", err)
			break
		}
		line, _ := cr.FieldPos(0)
		aliases := strings.FieldsFunc(get(row, "aliases"), func(r rune) bool { return r == '|' || r == ';' })
		list = append(list, Outlet{Name: get(row, "name"), Aliases: aliases, Group: get(row, "group"), Country: get(row, "country"), Notes: get(row, "notes"), Line: line})
	}
	return list
}
