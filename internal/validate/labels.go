package validate

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/rulefile"
)

// Ref is what validation knows of an article when it looks up its label:
// the fields of its score record a label can come from.
type Ref struct {
	ID, Outlet string
	// Group is the outlet group (from an outlets file or the data).
	Group string
	// Meta holds the input fields compare does not know ("bias").
	Meta map[string]string
}

// A Labeller gives an article its label, or "" when it has none (the
// article is then left out of validation and counted as unlabelled).
// *Labels (a labels file) and FieldLabels (a field of each record)
// implement it.
type Labeller interface {
	Label(ref Ref) string
}

// FieldLabels reads each article's label from a field of its own record:
// "group" is the outlet group, any other name a key of the record's
// metadata, as the input had it. The Article-Bias-Prediction files in
// ../shared/abp carry the AllSides rating of each article in the field
// "bias" (left, center, right), which `compare score` keeps as metadata:
// FieldLabels("bias") labels them straight from each record, article by
// article. Surrounding white space is trimmed; an absent or blank field
// leaves the article unlabelled.
type FieldLabels string

// Label implements Labeller.
func (f FieldLabels) Label(ref Ref) string {
	if f == "group" {
		return strings.TrimSpace(ref.Group)
	}
	return strings.TrimSpace(ref.Meta[string(f)])
}

// Key says what a labels file labels.
type Key string

// The two kinds of labels file.
const (
	ByOutlet Key = "outlet" // every article of an outlet gets the outlet's label
	ByID     Key = "id"     // each article is labelled by its id
)

// Labels is a labels file: outlet → label or article id → label.
type Labels struct {
	// File is the path the labels were read from.
	File string
	// Key says whether the file labels outlets or article ids.
	Key    Key
	byKey  map[string]labelAt // corpus.OutletKey(outlet) or id → label
	values []string           // distinct labels, sorted
}

type labelAt struct {
	label string
	line  int
}

// LoadLabels reads a labels file: CSV (.csv, .tsv) or YAML (.yaml, .yml).
//
// CSV: a header with the column "label" and either "outlet" or "id", in
// any order and case; then one row per outlet or article.
//
//	outlet,label
//	Fox News,right
//	Reuters,center
//
// YAML: a mapping of outlet to label, or a list of mappings with "outlet"
// (or "id") and "label", all of the same kind.
//
//	Fox News: right
//	Reuters: center
//
//	- {id: 004Gt3gcsotuiYmz, label: left}
//	- {id: 00eP4XDdAYxCrBxB, label: right}
//
// Outlets match ignoring case and white space (corpus.OutletKey), ids
// exactly. Labels are kept as written, white space trimmed; they compare
// ignoring case (SameLabel), so Measure counts "Left" and "left" as one
// label and warns about the two spellings. A name given twice with the
// same label is harmless; with two labels, or with an empty label, it is
// an error. Every problem is reported in a *rulefile.CheckError, each
// naming the file, line and field ("labels.csv:4: label: …"); a YAML
// syntax error names the line go-yaml gives.
func LoadLabels(path string) (*Labels, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseLabels(path, data)
}

// ParseLabels is LoadLabels for data already read; file names it in
// errors and decides the format by its extension.
func ParseLabels(file string, data []byte) (*Labels, error) {
	p := &labelsParser{l: &Labels{File: file, byKey: map[string]labelAt{}}, d: &rulefile.Decoder{File: file}}
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	switch strings.ToLower(filepath.Ext(file)) {
	case ".csv":
		p.csv(data, ',')
	case ".tsv":
		p.csv(data, '\t')
	case ".yaml", ".yml":
		p.yaml(data)
	default:
		return nil, fmt.Errorf("%s: labels file must be .csv, .tsv, .yaml or .yml", file)
	}
	if len(p.d.Problems) == 0 && len(p.l.byKey) == 0 {
		p.bad(0, "", "no labels")
	}
	if len(p.d.Problems) > 0 {
		// In the order found, as the file's reader meets them.
		return nil, &rulefile.CheckError{File: file, Problems: p.d.Problems}
	}
	seen := map[string]bool{}
	for _, v := range p.l.byKey {
		if !seen[v.label] {
			seen[v.label] = true
			p.l.values = append(p.l.values, v.label)
		}
	}
	slices.Sort(p.l.values)
	return p.l, nil
}

// Label implements Labeller: the label of the article's outlet or id, ""
// when the file does not list it. A nil *Labels labels nothing.
func (l *Labels) Label(ref Ref) string {
	if l == nil {
		return ""
	}
	k := ref.ID
	if l.Key == ByOutlet {
		k = corpus.OutletKey(ref.Outlet)
	}
	return l.byKey[k].label
}

// Values returns the distinct labels of the file, sorted; none for a nil
// *Labels.
func (l *Labels) Values() []string {
	if l == nil {
		return nil
	}
	return slices.Clone(l.values)
}

// Len returns the number of outlets or ids the file labels, 0 for a nil
// *Labels.
func (l *Labels) Len() int {
	if l == nil {
		return 0
	}
	return len(l.byKey)
}

type labelsParser struct {
	l *Labels
	d *rulefile.Decoder
}

// bad records a problem at line; field, when not empty, starts its
// message ("label: …"), as in the other rule files.
func (p *labelsParser) bad(line int, field, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if field != "" {
		msg = field + ": " + msg
	}
	p.d.Addf(line, "%s", msg)
}

// add records that name (an outlet or id, as p.l.Key says) has label,
// defined at line.
func (p *labelsParser) add(line int, name, label string) {
	name, label = strings.TrimSpace(name), strings.TrimSpace(label)
	field := string(p.l.Key)
	if name == "" {
		p.bad(line, field, "empty")
		return
	}
	if label == "" {
		p.bad(line, "label", "%s %q has an empty label (leave it out to leave it unlabelled)", field, name)
		return
	}
	k := name
	if p.l.Key == ByOutlet {
		k = corpus.OutletKey(name)
	}
	if prev, dup := p.l.byKey[k]; dup {
		if !SameLabel(prev.label, label) {
			p.bad(line, field, "%q is labelled %q here and %q on line %d", name, label, prev.label, prev.line)
		}
		return
	}
	p.l.byKey[k] = labelAt{label, line}
}

func (p *labelsParser) csv(data []byte, comma rune) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			p.bad(0, "", "empty file: want a header row with the columns outlet (or id) and label")
		} else {
			p.bad(1, "", "header row: %v", err)
		}
		return
	}
	keyCol, labelCol := -1, -1
	for i, h := range header {
		switch h = strings.ToLower(strings.TrimSpace(h)); h {
		case "outlet", "id":
			if keyCol >= 0 {
				p.bad(1, h, "a labels file labels outlets or ids, not both (columns %q and %q)", header[keyCol], header[i])
				continue
			}
			keyCol, p.l.Key = i, Key(h)
		case "label":
			labelCol = i
		default:
			p.bad(1, "", "unknown column %q (want outlet or id, and label)", header[i])
		}
	}
	if keyCol < 0 {
		p.bad(1, "", "no \"outlet\" or \"id\" column")
	}
	if labelCol < 0 {
		p.bad(1, "", "no \"label\" column")
	}
	if len(p.d.Problems) > 0 {
		return
	}
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if pe := (*csv.ParseError)(nil); errors.As(err, &pe) {
			p.bad(pe.StartLine, "", "%v", pe.Err)
			continue
		}
		if err != nil {
			p.bad(0, "", "%v", err)
			return
		}
		line, _ := cr.FieldPos(0)
		if len(row) != len(header) {
			p.bad(line, "", "%d fields; the header has %d", len(row), len(header))
			continue
		}
		p.add(line, row[keyCol], row[labelCol])
	}
}

func (p *labelsParser) yaml(data []byte) {
	root, err := rulefile.ParseYAML(p.l.File, data)
	var ce *rulefile.CheckError
	if errors.As(err, &ce) {
		p.d.Problems = append(p.d.Problems, ce.Problems...)
		return
	}
	if root == nil {
		return // "no labels"
	}
	switch root.Kind {
	case yaml.MappingNode:
		p.l.Key = ByOutlet
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], root.Content[i+1]
			if v.Kind != yaml.ScalarNode {
				p.bad(v.Line, "label", "the label of outlet %q must be a single value", k.Value)
				continue
			}
			p.add(k.Line, k.Value, v.Value)
		}
	case yaml.SequenceNode:
		for _, item := range root.Content {
			p.yamlItem(item)
		}
	default:
		p.bad(root.Line, "", "want a mapping of outlet to label, or a list of {outlet or id, label}")
	}
}

func (p *labelsParser) yamlItem(item *yaml.Node) {
	if item.Kind != yaml.MappingNode {
		p.bad(item.Line, "", "each item must be a mapping with outlet (or id) and label")
		return
	}
	var name, label *yaml.Node
	var key Key
	for i := 0; i+1 < len(item.Content); i += 2 {
		k, v := item.Content[i], item.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			p.bad(v.Line, k.Value, "must be a single value")
			return
		}
		switch k.Value {
		case "outlet", "id":
			if name != nil {
				p.bad(k.Line, k.Value, "an item has outlet or id, not both")
				return
			}
			name, key = v, Key(k.Value)
		case "label":
			label = v
		default:
			p.bad(k.Line, k.Value, "unknown key (want outlet or id, and label)")
			return
		}
	}
	if name == nil || label == nil {
		p.bad(item.Line, "", "an item needs outlet (or id) and label")
		return
	}
	if p.l.Key == "" {
		p.l.Key = key
	} else if key != p.l.Key {
		p.bad(name.Line, string(key), "this file labels %ss: every item needs %q", p.l.Key, p.l.Key)
		return
	}
	p.add(name.Line, name.Value, label.Value)
}

// SameLabel reports whether two labels are the same label: equal once
// white space is trimmed and case folded ("Left", "left " and "LEFT" are
// one label). Labels files, record fields and --order are written by
// hand, and a capital letter should not split a label in two.
func SameLabel(a, b string) bool {
	return labelKey(a) == labelKey(b)
}

// labelKey is the form labels are compared by (see SameLabel).
func labelKey(l string) string {
	return strings.ToLower(strings.TrimSpace(l))
}

// CheckOrder checks an ordinal order of labels (--order) against the
// labels present: the order must name each of them once, and nothing else
// (so at least two labels). Labels compare as SameLabel does. The error
// names the first label at fault and lists the labels present.
func CheckOrder(order, present []string) error {
	known := map[string]bool{}
	for _, l := range present {
		known[labelKey(l)] = true
	}
	sorted := slices.Sorted(maps.Keys(known))
	list := strings.Join(quoteAll(sorted), ", ")
	for _, l := range order {
		if !known[labelKey(l)] {
			return fmt.Errorf("order: unknown label %q (the labels are %s)", l, list)
		}
	}
	if err := checkOrder(order); err != nil {
		return err
	}
	for _, l := range sorted {
		if !slices.ContainsFunc(order, func(o string) bool { return labelKey(o) == l }) {
			return fmt.Errorf("order: label %q is missing (the labels are %s)", l, list)
		}
	}
	return nil
}

func quoteAll(s []string) []string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = fmt.Sprintf("%q", v)
	}
	return q
}
