package credibility

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/compare-tool/compare/internal/phrase"
	"github.com/compare-tool/compare/internal/rulefile"
)

// Rules is a parsed and checked set of credibility rules: the YAML format
// documented in the package comment.
type Rules struct {
	Name        string   `json:"name"`
	Version     string   `json:"version"`
	Language    string   `json:"language,omitempty"`
	Description string   `json:"description,omitempty"`
	Sources     []string `json:"sources,omitempty"`

	// Attribution groups verbs and phrases that attribute a statement.
	Attribution []VerbGroup `json:"attribution"`
	// VagueSources are phrases that put a claim on no identifiable source
	// ("it is believed", "intelligence … indicate*").
	VagueSources []Term `json:"vague_sources"`
	// UnnamedSources are one-word heads of source phrases that name nobody
	// ("officials", "sources").
	UnnamedSources []Term `json:"unnamed_sources"`
	Hedges         []Term `json:"hedges"`
	Certainty      []Term `json:"certainty"`
	Intensifiers   []Term `json:"intensifiers"`
	// Sides are the affiliations registry entries can have.
	Sides []Side `json:"sides"`
	// Registry lists media and organisations with their side.
	Registry []Entity `json:"registry"`

	// File is where the rules were read from ("embedded:default.yaml" for
	// the built-in ones).
	File string `json:"-"`
	// Hash is the hex SHA-256 of the rules' canonical content: two rule
	// sets with the same hash give every article the same signals.
	Hash string `json:"sha256"`
}

// Term is one pattern of a word list, with the line it was written on.
// Words match whole after folding; a word ending in * matches any word with
// that beginning. In vague_sources, "…" or "..." stands for a gap of up to
// GapWords words in the same sentence.
type Term struct {
	Text string `json:"text"`
	Line int    `json:"line,omitempty"`
}

// VerbGroup is a group of attribution verbs that share their properties.
type VerbGroup struct {
	Terms []Term `json:"terms"`
	// Loaded marks verbs that colour the statement ("claimed", "admitted").
	Loaded bool `json:"loaded,omitempty"`
	// SourceAfter is true for phrases whose source follows them
	// ("according to Reuters"); otherwise the source is the verb's subject.
	SourceAfter bool `json:"source_after,omitempty"`
	// Except lists phrases in which the terms attribute nothing ("that
	// said").
	Except []Term `json:"except,omitempty"`
	Line   int    `json:"line,omitempty"`
}

// Side is an affiliation a cited outlet or organisation can have.
type Side struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Line  int    `json:"line,omitempty"`
}

// Entity is a medium or organisation of the registry.
type Entity struct {
	// Name is how the entity is reported; it is matched like an alias.
	Name    string `json:"name"`
	Aliases []Term `json:"aliases,omitempty"`
	// Except lists phrases in which an alias names something else ("Fars
	// province").
	Except []Term `json:"except,omitempty"`
	// Kind is one of Kinds.
	Kind    string   `json:"kind"`
	Side    string   `json:"side"`
	Country string   `json:"country,omitempty"`
	Domains []string `json:"domains,omitempty"`
	Note    string   `json:"note,omitempty"`
	Line    int      `json:"line,omitempty"`
}

// Kinds are the kinds a registry entity can have.
var Kinds = []string{"media", "organisation", "monitor", "government"}

// GapWords is the most words a gap ("…") in a vague-source pattern spans.
const GapWords = 8

// LoadFile reads and checks the rules in the named file.
func LoadFile(path string) (*Rules, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("credibility: %w", err)
	}
	return Parse(path, data)
}

// Read reads and checks rules from r; name is used in messages.
func Read(name string, r io.Reader) (*Rules, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("credibility: %s: %w", name, err)
	}
	return Parse(name, data)
}

// Parse decodes and checks credibility rules. Malformed or invalid rules
// return a *rulefile.CheckError listing every problem as "file:line:
// message", the same form lexicon checks use.
func Parse(file string, data []byte) (*Rules, error) {
	root, err := rulefile.ParseYAML(file, data)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return nil, rulefile.Errorf(file, 0, "empty rules file")
	}
	c := &rulefile.Decoder{File: file}
	// The decoder keeps what it can read, so the checks run even after a
	// decoding problem: one pass shows every mistake.
	r := decode(c, root)
	validate(c, r)
	if err := c.Err(); err != nil {
		return nil, err
	}
	r.File = file
	r.Hash = r.hash()
	return r, nil
}

// decode walks the YAML tree by hand so that every problem names its line.
func decode(c *rulefile.Decoder, doc *yaml.Node) *Rules {
	r := &Rules{}
	if doc.Kind != yaml.MappingNode {
		c.Addf(doc.Line, "credibility rules are a mapping with name, version and word lists")
		return r
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		switch k.Value {
		case "name":
			r.Name = c.Text(v, "name")
		case "version":
			r.Version = c.Text(v, "version")
		case "language":
			r.Language = c.Text(v, "language")
		case "description":
			r.Description = c.Text(v, "description")
		case "sources":
			for _, t := range terms(c, v, "sources") {
				r.Sources = append(r.Sources, t.Text)
			}
		case "attribution":
			c.List(v, "attribution", func(n *yaml.Node) {
				g := VerbGroup{Line: n.Line}
				c.Mapping(n, "attribution group", func(k, v *yaml.Node) {
					switch k.Value {
					case "terms":
						g.Terms = terms(c, v, "terms")
					case "except":
						g.Except = terms(c, v, "except")
					case "loaded":
						g.Loaded = c.Bool(v, "loaded")
					case "source":
						switch s := c.Text(v, "source"); s {
						case "after":
							g.SourceAfter = true
						case "before", "":
						default:
							c.Addf(v.Line, "source must be \"before\" or \"after\", not %q", s)
						}
					default:
						c.Addf(k.Line, "unknown attribution field %q (known: terms, loaded, source, except)", k.Value)
					}
				})
				r.Attribution = append(r.Attribution, g)
			})
		case "vague_sources":
			r.VagueSources = terms(c, v, "vague_sources")
		case "unnamed_sources":
			r.UnnamedSources = terms(c, v, "unnamed_sources")
		case "hedges":
			r.Hedges = terms(c, v, "hedges")
		case "certainty":
			r.Certainty = terms(c, v, "certainty")
		case "intensifiers":
			r.Intensifiers = terms(c, v, "intensifiers")
		case "sides":
			c.List(v, "sides", func(n *yaml.Node) {
				s := Side{Line: n.Line}
				c.Mapping(n, "side", func(k, v *yaml.Node) {
					switch k.Value {
					case "id":
						s.ID = c.Text(v, "id")
					case "label":
						s.Label = c.Text(v, "label")
					default:
						c.Addf(k.Line, "unknown side field %q (known: id, label)", k.Value)
					}
				})
				r.Sides = append(r.Sides, s)
			})
		case "registry":
			c.List(v, "registry", func(n *yaml.Node) {
				e := Entity{Line: n.Line}
				c.Mapping(n, "registry entry", func(k, v *yaml.Node) {
					switch k.Value {
					case "name":
						e.Name = c.Text(v, "name")
					case "aliases":
						e.Aliases = terms(c, v, "aliases")
					case "except":
						e.Except = terms(c, v, "except")
					case "kind":
						e.Kind = c.Text(v, "kind")
					case "side":
						e.Side = c.Text(v, "side")
					case "country":
						e.Country = c.Text(v, "country")
					case "domains":
						for _, t := range terms(c, v, "domains") {
							e.Domains = append(e.Domains, t.Text)
						}
					case "note":
						e.Note = c.Text(v, "note")
					default:
						c.Addf(k.Line, "unknown registry field %q (known: name, aliases, except, kind, side, country, domains, note)", k.Value)
					}
				})
				r.Registry = append(r.Registry, e)
			})
		default:
			c.Addf(k.Line, "unknown field %q", k.Value)
		}
	}
	return r
}

// terms reads a list of patterns, each with its line.
func terms(c *rulefile.Decoder, v *yaml.Node, what string) []Term {
	var out []Term
	c.List(v, what, func(n *yaml.Node) {
		if n.Kind != yaml.ScalarNode {
			c.Addf(n.Line, "%s: each item must be text", what)
			return
		}
		out = append(out, Term{Text: n.Value, Line: n.Line})
	})
	return out
}

func validate(c *rulefile.Decoder, r *Rules) {
	if strings.TrimSpace(r.Name) == "" {
		c.Addf(1, "missing name")
	}
	if strings.TrimSpace(r.Version) == "" {
		c.Addf(1, "missing version")
	}
	// A form may appear once across the lists matched together: the same
	// word as a hedge and as a certainty marker would be a contradiction.
	type seen struct {
		list string
		line int
	}
	check := func(forms map[string]seen, list string, t Term, gaps bool) {
		if msg := checkPattern(t.Text, gaps); msg != "" {
			c.Addf(t.Line, "%s: %q: %s", list, t.Text, msg)
			return
		}
		key := patternKey(t.Text)
		if prev, ok := forms[key]; ok {
			c.Addf(t.Line, "%s: %q repeats %s at line %d", list, t.Text, prev.list, prev.line)
			return
		}
		forms[key] = seen{list, t.Line}
	}
	markers := map[string]seen{}
	for _, list := range []struct {
		name  string
		terms []Term
	}{{"hedges", r.Hedges}, {"certainty", r.Certainty}, {"intensifiers", r.Intensifiers}} {
		for _, t := range list.terms {
			check(markers, list.name, t, false)
		}
	}
	verbs := map[string]seen{}
	if len(r.Attribution) == 0 {
		c.Addf(1, "no attribution verbs")
	}
	for _, g := range r.Attribution {
		if len(g.Terms) == 0 {
			c.Addf(g.Line, "attribution group has no terms")
		}
		for _, t := range g.Terms {
			check(verbs, "attribution", t, false)
		}
		for _, t := range g.Except {
			if msg := checkPattern(t.Text, false); msg != "" {
				c.Addf(t.Line, "attribution except: %q: %s", t.Text, msg)
			}
		}
	}
	vague := map[string]seen{}
	for _, t := range r.VagueSources {
		check(vague, "vague_sources", t, true)
	}
	unnamed := map[string]seen{}
	for _, t := range r.UnnamedSources {
		if len(strings.Fields(t.Text)) > 1 {
			c.Addf(t.Line, "unnamed_sources: %q: one word per item (the head noun of a source phrase)", t.Text)
			continue
		}
		check(unnamed, "unnamed_sources", t, false)
	}

	sides := make(map[string]int, len(r.Sides))
	var sideIDs []string
	for _, s := range r.Sides {
		switch {
		case s.ID == "":
			c.Addf(s.Line, "side without id")
		case sides[s.ID] > 0:
			c.Addf(s.Line, "duplicate side %q (first at line %d)", s.ID, sides[s.ID])
		default:
			sides[s.ID] = s.Line
			sideIDs = append(sideIDs, s.ID)
		}
	}
	kinds := map[string]bool{}
	for _, k := range Kinds {
		kinds[k] = true
	}
	names := map[string]int{}
	aliases := map[string]string{}
	for i := range r.Registry {
		e := &r.Registry[i]
		if strings.TrimSpace(e.Name) == "" {
			c.Addf(e.Line, "registry entry without name")
			continue
		}
		if prev, ok := names[e.Name]; ok {
			c.Addf(e.Line, "duplicate registry entry %q (first at line %d)", e.Name, prev)
		}
		names[e.Name] = e.Line
		switch {
		case e.Side == "":
			c.Addf(e.Line, "registry entry %q: missing side", e.Name)
		case sides[e.Side] == 0:
			c.Addf(e.Line, "registry entry %q: unknown side %q (known: %s)", e.Name, e.Side, strings.Join(sideIDs, ", "))
		}
		if !kinds[e.Kind] {
			c.Addf(e.Line, "registry entry %q: kind must be one of %s, not %q", e.Name, strings.Join(Kinds, ", "), e.Kind)
		}
		for _, a := range e.allAliases() {
			if msg := checkPattern(a.Text, false); msg != "" {
				c.Addf(a.Line, "registry entry %q: alias %q: %s", e.Name, a.Text, msg)
				continue
			}
			key := patternKey(a.Text)
			if prev, ok := aliases[key]; ok && prev != e.Name {
				c.Addf(a.Line, "registry entry %q: alias %q already names %q", e.Name, a.Text, prev)
			}
			aliases[key] = e.Name
		}
		for _, x := range e.Except {
			if msg := checkPattern(x.Text, false); msg != "" {
				c.Addf(x.Line, "registry entry %q: except %q: %s", e.Name, x.Text, msg)
			}
		}
	}
}

// allAliases returns the entity's name followed by its aliases.
func (e *Entity) allAliases() []Term {
	return append([]Term{{Text: e.Name, Line: e.Line}}, e.Aliases...)
}

// isGap reports whether a pattern word is the gap marker.
func isGap(w string) bool { return w == "…" || w == "..." }

// checkPattern returns why a pattern cannot be matched, or "": phrase.Check
// for each word and for the words together, and a gap (…) only where gaps
// is true, between words.
func checkPattern(term string, gaps bool) string {
	words := strings.Fields(term)
	if len(words) == 0 {
		return phrase.Check(term)
	}
	for i, w := range words {
		if isGap(w) {
			switch {
			case !gaps:
				return "a gap (…) is only allowed in vague_sources"
			case i == 0 || i == len(words)-1:
				return "a gap (…) must stand between words"
			case isGap(words[i-1]):
				return "two gaps in a row"
			}
			continue
		}
		if msg := phrase.Check(w); msg != "" {
			return msg
		}
	}
	// Its words, gaps aside, are one pattern for phrase.MaxWords.
	return phrase.Check(strings.Join(slices.DeleteFunc(words, isGap), " "))
}

// patternKey is phrase.Key with gaps: two patterns with the same key match
// the same words.
func patternKey(term string) string {
	words := strings.Fields(term)
	for i, w := range words {
		if isGap(w) {
			words[i] = "…"
		} else {
			words[i] = phrase.Key(w)
		}
	}
	return strings.Join(words, " ")
}

// hash digests everything that affects the signals, in a canonical order.
func (r *Rules) hash() string {
	h := sha256.New()
	fmt.Fprintf(h, "name=%s\nversion=%s\ngap=%d\n", r.Name, r.Version, GapWords)
	terms := func(label string, ts []Term) {
		for _, t := range ts {
			fmt.Fprintf(h, "%s=%s\n", label, patternKey(t.Text))
		}
	}
	for _, g := range r.Attribution {
		fmt.Fprintf(h, "group loaded=%t after=%t\n", g.Loaded, g.SourceAfter)
		terms(" verb", g.Terms)
		terms(" except", g.Except)
	}
	terms("vague", r.VagueSources)
	terms("unnamed", r.UnnamedSources)
	terms("hedge", r.Hedges)
	terms("certainty", r.Certainty)
	terms("intensifier", r.Intensifiers)
	for _, s := range r.Sides {
		fmt.Fprintf(h, "side=%s\n", s.ID)
	}
	for _, e := range r.Registry {
		fmt.Fprintf(h, "entity=%s kind=%s side=%s\n", e.Name, e.Kind, e.Side)
		for _, a := range e.Aliases {
			// Case matters for aliases in capitals, so hash them as written.
			fmt.Fprintf(h, " alias=%s\n", a.Text)
		}
		terms(" except", e.Except)
		for _, d := range e.Domains {
			fmt.Fprintf(h, " domain=%s\n", strings.ToLower(d))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Side returns the side with the given id, or nil.
func (r *Rules) Side(id string) *Side {
	for i := range r.Sides {
		if r.Sides[i].ID == id {
			return &r.Sides[i]
		}
	}
	return nil
}
