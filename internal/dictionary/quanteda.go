package dictionary

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/compare-tool/compare/internal/rulefile"
)

// ownValues is the key under which quanteda's as.yaml writes the values of
// a key that also has subkeys.
const ownValues = "__"

// ReadQuanteda reads a quanteda dictionary in YAML: a mapping of keys to
// lists of patterns, keys nested to any depth.
//
//	christmas: [Christmas, Santa, holiday]
//	economy:
//	  positive: [prosper*, "economic growth"]
//	  negative:
//	    - recession*
//
// A nested key's category has the path of its keys ("economy.positive" in
// messages, as quanteda flattens it). The values of a key that also has
// subkeys may be listed under "__" (as quanteda's as.yaml writes them) or
// mixed into its list as plain items. Patterns a lexicon cannot hold (a ?
// or a * that does not end a word) are left out and listed in the returned
// notes. Malformed YAML or a value that is neither a pattern, a list nor a
// mapping returns a *rulefile.CheckError naming file:line.
func ReadQuanteda(file string, data []byte) (*Dictionary, []rulefile.Problem, error) {
	doc, err := rulefile.ParseYAML(file, data)
	if err != nil {
		return nil, nil, err
	}
	if doc == nil {
		return nil, nil, rulefile.Errorf(file, 0, "empty dictionary")
	}
	r := &quantedaReader{file: file, d: &Dictionary{Format: "quanteda"}, cats: map[string]int{}, texts: map[string]int{}}
	if doc.Kind != yaml.MappingNode {
		r.fail(doc.Line, "a quanteda dictionary is a mapping of keys to lists of patterns")
	} else {
		r.mapping(doc, nil)
	}
	if len(r.errs) > 0 {
		return nil, nil, &rulefile.CheckError{File: file, Problems: r.errs}
	}
	if len(r.d.Categories) == 0 {
		return nil, nil, rulefile.Errorf(file, doc.Line, "the dictionary has no keys")
	}
	return r.d, r.notes, nil
}

type quantedaReader struct {
	file        string
	d           *Dictionary
	cats        map[string]int // path joined by \x00 → category
	texts       map[string]int // pattern → index
	notes, errs []rulefile.Problem
	// visits counts the nodes walked and expanded the bytes of keys and
	// patterns read, paths included: aliases can make a small file a huge
	// tree (14 levels of two aliases to 1000-character keys: 28 KB that
	// expand to gigabytes), which is refused past maxVisits nodes or
	// maxExpanded bytes.
	visits, expanded int
	tooBig           bool
}

// maxVisits and maxExpanded are variables so that tests can lower them.
var (
	maxVisits   = 1 << 20
	maxExpanded = 32 << 20
)

// grow adds n bytes to what the dictionary expands to; false means past
// maxExpanded (reported once).
func (r *quantedaReader) grow(n, line int) bool {
	r.expanded += n
	if r.expanded <= maxExpanded {
		return true
	}
	if !r.tooBig {
		r.tooBig = true
		r.fail(line, "the dictionary expands to more than %d MiB of keys and patterns (through YAML aliases?)", maxExpanded>>20)
	}
	return false
}

// pathBytes is the size of a category's path.
func pathBytes(path []string) int {
	n := 0
	for _, k := range path {
		n += len(k) + 1
	}
	return n
}

func (r *quantedaReader) fail(line int, format string, args ...any) {
	r.errs = append(r.errs, rulefile.Problemf(r.file, line, format, args...))
}

func (r *quantedaReader) mapping(n *yaml.Node, path []string) {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || strings.TrimSpace(k.Value) == "" {
			r.fail(k.Line, "a dictionary key must be a non-empty name")
			continue
		}
		key := strings.TrimSpace(k.Value)
		if key == ownValues {
			if len(path) == 0 {
				r.fail(k.Line, "%q holds the values of the key above it, and the top level has none", ownValues)
				continue
			}
			r.values(v, path)
			continue
		}
		if strings.Contains(key, ".") {
			r.notes = append(r.notes, rulefile.Problemf(r.file, k.Line, "key %q holds a dot, which stands for nesting in target ids and in quanteda's flattened keys: it is exported back as nested keys", key))
		}
		if prev, ok := seen[key]; ok {
			r.notes = append(r.notes, rulefile.Problemf(r.file, k.Line, "key %q repeats line %d; their patterns are merged", key, prev))
		}
		seen[key] = k.Line
		r.values(v, append(append([]string(nil), path...), key))
	}
}

// values reads what a key maps to: patterns, subkeys, or both.
func (r *quantedaReader) values(v *yaml.Node, path []string) {
	r.visits += 1 + len(v.Content)
	if r.tooBig {
		return
	}
	if r.visits > maxVisits {
		if r.visits-1-len(v.Content) <= maxVisits {
			r.fail(v.Line, "the dictionary expands to more than %d values (through YAML aliases?)", maxVisits)
		}
		return
	}
	if v.Kind == yaml.AliasNode && v.Alias != nil {
		v = v.Alias
	}
	switch v.Kind {
	case yaml.MappingNode:
		r.mapping(v, path)
	case yaml.SequenceNode:
		if len(v.Content) == 0 {
			r.category(path, v.Line)
		}
		for _, item := range v.Content {
			if item.Kind == yaml.AliasNode && item.Alias != nil {
				item = item.Alias
			}
			switch item.Kind {
			case yaml.ScalarNode:
				r.add(path, item)
			case yaml.MappingNode:
				r.mapping(item, path)
			default:
				r.fail(item.Line, "key %q: a list item must be a pattern or a mapping of subkeys", strings.Join(path, "."))
			}
		}
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			r.category(path, v.Line)
			return
		}
		r.add(path, v)
	default:
		r.fail(v.Line, "key %q: want a list of patterns or a mapping of subkeys", strings.Join(path, "."))
	}
}

// category returns the index of the category with path, adding it.
func (r *quantedaReader) category(path []string, line int) int {
	key := strings.Join(path, "\x00")
	if ci, ok := r.cats[key]; ok {
		return ci
	}
	ci := len(r.d.Categories)
	r.grow(len(key), line) // reported past the limit; the walk stops at the next value
	r.cats[key] = ci
	r.d.Categories = append(r.d.Categories, Category{Path: append([]string(nil), path...), Line: line})
	return ci
}

func (r *quantedaReader) add(path []string, n *yaml.Node) {
	if !r.grow(len(n.Value)+pathBytes(path), n.Line) {
		return
	}
	ci := r.category(path, n.Line)
	text := strings.Join(strings.Fields(n.Value), " ")
	if msg := patternProblem(text); msg != "" {
		r.notes = append(r.notes, rulefile.Problemf(r.file, n.Line, "key %q: left out %q: %s", strings.Join(path, "."), n.Value, msg))
		return
	}
	if pi, ok := r.texts[text]; ok {
		p := &r.d.Patterns[pi]
		if _, found := slices.BinarySearch(p.Categories, ci); found {
			r.notes = append(r.notes, rulefile.Problemf(r.file, n.Line, "key %q: %q repeats line %d", strings.Join(path, "."), text, p.Line))
			return
		}
		if last := p.Categories[len(p.Categories)-1]; ci > last {
			p.Categories = append(p.Categories, ci) // the usual case: keys come in order
		} else {
			p.Categories = sortedSet(append(p.Categories, ci))
		}
		return
	}
	r.texts[text] = len(r.d.Patterns)
	r.d.Patterns = append(r.d.Patterns, Pattern{Text: text, Categories: []int{ci}, Line: n.Line})
}

// WriteQuanteda writes d as a quanteda YAML dictionary: categories nested
// by their paths, each key's patterns in d's order. A key that has both
// patterns and subkeys lists its own patterns under "__", as quanteda's
// as.yaml does.
func WriteQuanteda(w io.Writer, d *Dictionary) error {
	type node struct {
		name     string
		values   []string
		leaf     bool // a category: written even when it has no patterns
		children []*node
		index    map[string]*node
	}
	root := &node{index: map[string]*node{}}
	nodes := make([]*node, len(d.Categories))
	for i, c := range d.Categories {
		n := root
		for _, part := range c.Path {
			child, ok := n.index[part]
			if !ok {
				child = &node{name: part, index: map[string]*node{}}
				n.index[part] = child
				n.children = append(n.children, child)
			}
			n = child
		}
		n.leaf = true
		nodes[i] = n
	}
	for _, p := range d.Patterns {
		for _, ci := range p.Categories {
			nodes[ci].values = append(nodes[ci].values, p.Text)
		}
	}
	str := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
	var build func(n *node) *yaml.Node
	list := func(values []string) *yaml.Node {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, v := range values {
			seq.Content = append(seq.Content, str(v))
		}
		if len(values) == 0 {
			seq.Style = yaml.FlowStyle
		}
		return seq
	}
	build = func(n *node) *yaml.Node {
		if len(n.children) == 0 {
			return list(n.values)
		}
		m := &yaml.Node{Kind: yaml.MappingNode}
		for _, c := range n.children {
			m.Content = append(m.Content, str(c.name), build(c))
		}
		if n.leaf {
			m.Content = append(m.Content, str(ownValues), list(n.values))
		}
		return m
	}
	doc := build(root)
	if len(root.children) == 0 {
		doc = &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing quanteda dictionary: %w", err)
	}
	return enc.Close()
}
