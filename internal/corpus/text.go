package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/compare-tool/compare/internal/rulefile"
)

// readText reads a .txt or .md file: one article, with optional YAML front
// matter between "---" lines at the top. Without an outlet in front matter
// the outlet is the parent folder's name; without an id, the path relative
// to the folder walked.
func (r *run) readText(src *source, br *bufio.Reader) error {
	data, ok := r.readAll(src, br)
	if !ok {
		return nil
	}
	data, repaired := repairUTF8(data)
	rec := record{src: src, raw: data, repaired: repaired, id: src.rel}

	fm, body, state := splitFrontMatter(data)
	var a *Article
	switch state {
	case frontMatterNone:
		a = &Article{}
	case frontMatterUnclosed:
		r.warn(Problem{File: src.name, Line: 1, Reason: ReasonUnclosedFront, Message: `file starts with "---" but no closing "---" line follows; read it all as text`})
		a = &Article{}
	case frontMatterFound:
		kvs, line, err := parseFrontMatter(fm)
		if err != nil {
			r.skip(Problem{File: src.name, Line: line + 1, Reason: ReasonMalformedFront, Message: err.Error(), Record: clip(data)})
			return nil
		}
		a, _ = r.fields.toArticle(kvs, false)
		a.TextLine = bytes.Count(data[:len(data)-len(body)], []byte{'\n'}) + 1
	}
	a.Text = string(body)
	if a.Outlet == "" {
		a.Outlet = src.folder
	}
	return r.finish(a, rec)
}

type frontMatterState int

const (
	frontMatterNone frontMatterState = iota
	frontMatterFound
	frontMatterUnclosed
)

// splitFrontMatter separates YAML front matter from the body. Front matter
// starts with a "---" line at the very top and ends with a "---" or "..."
// line.
func splitFrontMatter(data []byte) (fm, body []byte, state frontMatterState) {
	first, rest, ok := cutLine(data)
	if !ok || !isDelimiter(first, "---") {
		return nil, data, frontMatterNone
	}
	start := len(data) - len(rest)
	for len(rest) > 0 {
		l, next, _ := cutLine(rest)
		if isDelimiter(l, "---") || isDelimiter(l, "...") {
			end := len(data) - len(rest)
			return data[start:end], next, frontMatterFound
		}
		rest = next
	}
	return nil, data, frontMatterUnclosed
}

// cutLine splits off the first line, without its line ending.
func cutLine(b []byte) (line, rest []byte, found bool) {
	line, rest, found = bytes.Cut(b, []byte{'\n'})
	return bytes.TrimSuffix(line, []byte{'\r'}), rest, found
}

func isDelimiter(line []byte, delim string) bool {
	return string(bytes.TrimRight(line, " \t")) == delim
}

// parseFrontMatter reads front matter as a mapping of keys to values. Values
// become text: scalars as written, lists of scalars joined with ", ", other
// values in YAML flow style. On error it returns the 1-based line within
// fm.
func parseFrontMatter(fm []byte) ([]keyValue, int, error) {
	m, err := rulefile.ParseYAML("", fm)
	var ce *rulefile.CheckError
	if errors.As(err, &ce) {
		p := ce.Problems[0]
		return nil, p.Line, fmt.Errorf("front matter: %s", p.Message)
	}
	if m == nil {
		return nil, 0, nil
	}
	if m.Kind != yaml.MappingNode {
		return nil, m.Line, fmt.Errorf("front matter is not a list of key: value lines")
	}
	kvs := make([]keyValue, 0, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return nil, k.Line, fmt.Errorf("front matter key is not plain text")
		}
		kvs = append(kvs, keyValue{key: k.Value, value: yamlText(v)})
	}
	return kvs, 0, nil
}

// yamlText renders a YAML value as text.
func yamlText(v *yaml.Node) string {
	for v.Kind == yaml.AliasNode && v.Alias != nil {
		v = v.Alias
	}
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return ""
		}
		return v.Value
	case yaml.SequenceNode:
		parts := make([]string, 0, len(v.Content))
		scalars := true
		for _, c := range v.Content {
			if c.Kind != yaml.ScalarNode {
				scalars = false
				break
			}
			parts = append(parts, c.Value)
		}
		if scalars {
			return strings.Join(parts, ", ")
		}
	}
	c := *v
	c.Style = yaml.FlowStyle
	out, err := yaml.Marshal(&c)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
