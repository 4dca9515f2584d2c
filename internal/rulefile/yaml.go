package rulefile

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ParseYAML parses the first YAML document of a rule file and returns what
// it holds: the mapping, list or scalar at its top, never the document node
// itself. It returns nil and no error when the document is empty (nothing,
// or only comments), so that each kind of file can say what an empty one
// lacks. A syntax error is a *CheckError at the line go-yaml names.
func ParseYAML(file string, data []byte) (*yaml.Node, error) {
	var root yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		d := Decoder{File: file}
		d.AddYAMLError(0, err)
		return nil, d.Err()
	}
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		return root.Content[0], nil
	}
	return &root, nil
}

// Decoder reads the values of a rule file out of its YAML tree, recording a
// Problem at the node's line for every value of the wrong shape, so that
// one pass over a file reports every mistake in it. The zero value is
// ready to use; set File to name the file in problems.
type Decoder struct {
	File string
	// Types names Go types in go-yaml's messages ("cannot unmarshal !!str
	// `high` into float64") the way the file's author knows them, before
	// the defaults (float64 and int: "a number", string: "text", []string:
	// "a list of strings", map[string]float64: "a mapping of numbers").
	Types map[string]string
	// Problems are those recorded so far, in the order found.
	Problems []Problem
}

// Addf records a problem at line.
func (d *Decoder) Addf(line int, format string, args ...any) {
	d.Problems = append(d.Problems, Problemf(d.File, line, format, args...))
}

// Err returns nil when no problem was recorded, else a *CheckError with
// the problems sorted by line (problems on one line keep their order).
func (d *Decoder) Err() error {
	if len(d.Problems) == 0 {
		return nil
	}
	problems := slices.Clone(d.Problems)
	slices.SortStableFunc(problems, func(a, b Problem) int { return a.Line - b.Line })
	return &CheckError{File: d.File, Problems: problems}
}

// Decode decodes n into out with go-yaml (out's yaml struct tags apply),
// recording each mismatch of type as a problem at its line. It reports
// whether n decoded without problems; out may be partly filled when not.
func (d *Decoder) Decode(n *yaml.Node, out any) bool {
	if err := n.Decode(out); err != nil {
		d.AddYAMLError(n.Line, err)
		return false
	}
	return true
}

// List calls each for every item of the list n, or records "WHAT must be a
// list" when n is not one.
func (d *Decoder) List(n *yaml.Node, what string, each func(item *yaml.Node)) {
	if n.Kind != yaml.SequenceNode {
		d.Addf(n.Line, "%s must be a list", what)
		return
	}
	for _, item := range n.Content {
		each(item)
	}
}

// Mapping calls each for every key and value of the mapping n, in file
// order, or records "each WHAT must be a mapping" when n is not one.
func (d *Decoder) Mapping(n *yaml.Node, what string, each func(key, value *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		d.Addf(n.Line, "each %s must be a mapping", what)
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		each(n.Content[i], n.Content[i+1])
	}
}

// Text returns the scalar n as written, or records "WHAT must be text" and
// returns "" when n is a list or a mapping.
func (d *Decoder) Text(n *yaml.Node, what string) string {
	if n.Kind != yaml.ScalarNode {
		d.Addf(n.Line, "%s must be text", what)
		return ""
	}
	return n.Value
}

// Bool returns the boolean n, or records "WHAT must be true or false" and
// returns false.
func (d *Decoder) Bool(n *yaml.Node, what string) bool {
	var b bool
	if n.Kind != yaml.ScalarNode || n.Decode(&b) != nil {
		d.Addf(n.Line, "%s must be true or false", what)
	}
	return b
}

// AddYAMLError records err, an error of go.yaml.in/yaml/v3, as problems:
// one for each message of a *yaml.TypeError, else one. Each is at the line
// go-yaml names, or at line when it names none, and reads without go-yaml's
// "yaml: line N:" prefix, with an unknown struct field as `unknown key "x"`
// and Go type names worded by Types.
func (d *Decoder) AddYAMLError(line int, err error) {
	msgs := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for _, msg := range msgs {
		at, text := splitLine(msg)
		if at == 0 {
			at = line
		}
		d.Problems = append(d.Problems, Problem{File: d.File, Line: at, Message: d.reword(text)})
	}
}

// splitLine splits go-yaml's "yaml: line N: message" (a syntax error) or
// "line N: message" (one message of a type error) into N and the message;
// N is 0 when there is no line. go-yaml leaves the line out for problems
// on the first line and for some errors it finds after parsing (an unknown
// anchor).
func splitLine(msg string) (int, string) {
	msg = strings.TrimPrefix(msg, "yaml: ")
	rest, ok := strings.CutPrefix(msg, "line ")
	if !ok {
		return 0, msg
	}
	num, text, ok := strings.Cut(rest, ": ")
	n, err := strconv.Atoi(num)
	if !ok || err != nil {
		return 0, msg
	}
	return n, text
}

// defaultTypes word the Go types of rule-file fields.
var defaultTypes = map[string]string{
	"float64":            "a number",
	"int":                "a number",
	"string":             "text",
	"[]string":           "a list of strings",
	"map[string]float64": "a mapping of numbers",
}

// reword words a go-yaml message for the author of the YAML file: "field x
// not found in type T" (from a decoder that knows its fields) becomes
// `unknown key "x"`, and "cannot unmarshal … into T" names T by Types.
func (d *Decoder) reword(msg string) string {
	if rest, ok := strings.CutPrefix(msg, "field "); ok {
		if name, _, ok := strings.Cut(rest, " not found in type "); ok {
			return `unknown key "` + name + `"`
		}
	}
	// The value quoted before " into " may hold the word too, so cut at
	// the last one: Go type names have no spaces around "into".
	i := strings.LastIndex(msg, " into ")
	if !strings.HasPrefix(msg, "cannot unmarshal ") || i < 0 {
		return msg
	}
	typ := msg[i+len(" into "):]
	name, ok := d.Types[typ]
	if !ok {
		name, ok = defaultTypes[typ]
	}
	if !ok {
		return msg
	}
	return msg[:i+len(" into ")] + name
}
