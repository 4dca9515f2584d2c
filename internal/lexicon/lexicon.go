package lexicon

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/compare-tool/compare/internal/phrase"
	"github.com/compare-tool/compare/internal/rulefile"
	"github.com/compare-tool/compare/internal/token"
)

// Lexicon is a parsed and checked framing lexicon.
type Lexicon struct {
	Name        string   `yaml:"name" json:"name"`
	Version     string   `yaml:"version" json:"version"`
	Language    string   `yaml:"language" json:"language"`
	Description string   `yaml:"description" json:"description"`
	Sources     []string `yaml:"sources" json:"sources,omitempty"`
	// Categories lists the categories entries may use. When a lexicon
	// leaves it out, DefaultCategories applies.
	Categories []string `yaml:"categories" json:"categories,omitempty"`
	Targets    []Target `yaml:"targets" json:"targets"`
	Axes       []Axis   `yaml:"axes" json:"axes"`
	// DistanceCues are phrases by which an author keeps a distance from the
	// term that follows them ("so-called", "what it calls"). A term up to
	// CueWindow tokens after a cue, in the same phrase (see
	// token.BreaksPhrase), is in distanced voice.
	DistanceCues []string `yaml:"distance_cues" json:"distance_cues,omitempty"`
	Entries      []Entry  `yaml:"entries" json:"entries"`

	// File is where the lexicon was read from ("embedded:iran-syria.yaml"
	// for built-in ones).
	File string `yaml:"-" json:"-"`
	// Hash is the hex SHA-256 of the lexicon's canonical content: two
	// lexicons with the same hash score every text the same.
	Hash string `yaml:"-" json:"sha256"`

	// entryIndex maps entry ids to their place in Entries (built by
	// Parse; see Entry).
	entryIndex map[string]int
}

// Target is a referent a lexicon's terms name: a government, an armed
// group, a state.
type Target struct {
	ID          string `yaml:"id" json:"id"`
	Label       string `yaml:"label" json:"label"`
	Description string `yaml:"description" json:"description,omitempty"`
	line        int
}

// Axis is a stance dimension. An article's stance on the axis is the mean
// contribution of its terms: Weights[target] × valence, or the entry's Lean
// for this axis when it has one.
type Axis struct {
	ID       string             `yaml:"id" json:"id"`
	Label    string             `yaml:"label" json:"label"`
	Negative string             `yaml:"negative" json:"negative"`
	Positive string             `yaml:"positive" json:"positive"`
	Weights  map[string]float64 `yaml:"weights" json:"weights"`
	line     int
}

// Entry is one loaded (or neutral) way of naming a target.
type Entry struct {
	// ID identifies the entry in scores; by default the first term, folded
	// and with spaces as dashes.
	ID string `yaml:"id" json:"id"`
	// Terms are the surface forms. Words are matched whole after folding
	// (see package token); a word ending in * matches any word with that
	// beginning ("mercenar*").
	Terms []string `yaml:"terms" json:"terms"`
	// Label names the entry in words of its own ("named Iranian
	// officials") wherever one name stands for all its forms. An entry
	// whose forms are not all alike its first (see Alike) must have one:
	// its first form would put words in the mouth of an outlet that wrote
	// another. Name returns it. It does not change how texts are scored,
	// so it is not part of the lexicon's hash.
	Label    string  `yaml:"label" json:"label,omitempty"`
	Target   string  `yaml:"target" json:"target"`
	Valence  float64 `yaml:"valence" json:"valence"`
	Category string  `yaml:"category" json:"category"`
	// Lean overrides the axis contribution for terms whose side lies in the
	// choice of word rather than in its valence ("Takfiri" is hostile to
	// jihadists, but it is Tehran's and Damascus's word).
	Lean    map[string]float64 `yaml:"lean" json:"lean,omitempty"`
	Neutral []string           `yaml:"neutral" json:"neutral,omitempty"`
	Note    string             `yaml:"note" json:"note,omitempty"`
	// Except lists phrases in which the terms do not count ("Iranian
	// Resistance" for "resistance").
	Except []string `yaml:"except" json:"except,omitempty"`
	// Line is the entry's line in its file.
	Line int `yaml:"-" json:"line,omitempty"`
}

// DefaultCategories are the categories a lexicon may use when it does not
// list its own.
var DefaultCategories = []string{
	"neutral",     // plain reference: "Syrian government"
	"pejorative",  // delegitimising label: "mullahs' regime"
	"honorific",   // title of respect: "Leader of the Islamic Revolution"
	"euphemism",   // softening: "military advisers" for troops
	"dysphemism",  // harshening: "occupation army"
	"partisan",    // one side's vocabulary without clear valence: "Takfiri"
	"intensifier", // emotive amplifier: "massacre", "brutal"
	"casualty",    // naming of the dead: "martyrs" vs "killed"
	"conflict",    // naming of the conflict: "civil war", "crisis"
}

// CueWindow is how many tokens may stand between a distance cue and the
// term it distances.
const CueWindow = 4

// LoadFile reads and checks the lexicon in the named file.
func LoadFile(path string) (*Lexicon, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	return Parse(path, data)
}

// Read reads and checks a lexicon from r; name is used in messages.
func Read(name string, r io.Reader) (*Lexicon, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %s: %w", name, err)
	}
	return Parse(name, data)
}

// Parse decodes and checks a lexicon. A malformed or invalid lexicon
// returns a *rulefile.CheckError listing every problem found.
func Parse(file string, data []byte) (*Lexicon, error) {
	root, err := rulefile.ParseYAML(file, data)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return nil, rulefile.Errorf(file, 0, "empty lexicon")
	}
	c := &rulefile.Decoder{File: file, Types: typeNames}
	lex := decode(c, root)
	var keys [][]string
	if len(c.Problems) == 0 {
		keys = patternKeys(lex)
		validate(c, lex, keys)
	}
	if err := c.Err(); err != nil {
		return nil, err
	}
	lex.File = file
	lex.Hash = lex.hash(keys)
	lex.entryIndex = make(map[string]int, len(lex.Entries))
	for i, e := range lex.Entries {
		lex.entryIndex[e.ID] = i
	}
	return lex, nil
}

// typeNames word the lexicon's own types in decoding problems.
var typeNames = map[string]string{"lexicon.Entry": "an entry", "lexicon.Target": "a target", "lexicon.Axis": "an axis"}

var knownTop = map[string]bool{
	"name": true, "version": true, "language": true, "description": true, "sources": true,
	"categories": true, "targets": true, "axes": true, "distance_cues": true, "entries": true,
}

var knownEntry = map[string]bool{
	"id": true, "terms": true, "label": true, "target": true, "valence": true, "category": true,
	"lean": true, "neutral": true, "note": true, "except": true,
}

// decode walks the YAML tree so that every problem can name its line.
func decode(c *rulefile.Decoder, doc *yaml.Node) *Lexicon {
	lex := &Lexicon{}
	if doc.Kind != yaml.MappingNode {
		c.Addf(doc.Line, "a lexicon is a mapping with name, targets, axes and entries")
		return lex
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if !knownTop[k.Value] {
			c.Addf(k.Line, "unknown field %q", k.Value)
			continue
		}
		switch k.Value {
		case "targets":
			c.List(v, "targets", func(n *yaml.Node) {
				var t Target
				if c.Decode(n, &t) {
					t.line = n.Line
					lex.Targets = append(lex.Targets, t)
				}
			})
		case "axes":
			c.List(v, "axes", func(n *yaml.Node) {
				var a Axis
				if c.Decode(n, &a) {
					a.line = n.Line
					lex.Axes = append(lex.Axes, a)
				}
			})
		case "entries":
			if v.Kind == yaml.SequenceNode {
				lex.Entries = slices.Grow(lex.Entries, len(v.Content))
			}
			c.List(v, "entries", func(n *yaml.Node) {
				if n.Kind == yaml.MappingNode {
					for j := 0; j+1 < len(n.Content); j += 2 {
						if !knownEntry[n.Content[j].Value] {
							c.Addf(n.Content[j].Line, "unknown entry field %q", n.Content[j].Value)
						}
					}
				}
				lex.Entries = append(lex.Entries, Entry{Line: n.Line})
				e := &lex.Entries[len(lex.Entries)-1]
				if !decodeEntry(n, e) {
					*e = Entry{Line: n.Line}
					if !c.Decode(n, e) {
						lex.Entries = lex.Entries[:len(lex.Entries)-1]
					}
				}
			})
		default:
			// Decode the scalar fields and string lists into a copy.
			tmp := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{k, v}}
			c.Decode(tmp, lex)
		}
	}
	return lex
}

// patternKeys returns the folded form (phrase.Key) of each entry's terms
// and then its except phrases, computed once for validate and hash: with
// 10,000 entries, folding is most of the work of checking a lexicon.
func patternKeys(lex *Lexicon) [][]string {
	keys := make([][]string, len(lex.Entries))
	for i := range lex.Entries {
		e := &lex.Entries[i]
		keys[i] = make([]string, 0, len(e.Terms)+len(e.Except))
		for _, t := range e.Terms {
			keys[i] = append(keys[i], phrase.Key(t))
		}
		for _, t := range e.Except {
			keys[i] = append(keys[i], phrase.Key(t))
		}
	}
	return keys
}

// validate checks lex; keys are its patternKeys.
func validate(c *rulefile.Decoder, lex *Lexicon, keys [][]string) {
	if strings.TrimSpace(lex.Name) == "" {
		c.Addf(1, "missing name")
	}
	if strings.TrimSpace(lex.Version) == "" {
		c.Addf(1, "missing version")
	}
	if len(lex.Categories) == 0 {
		lex.Categories = DefaultCategories
	}
	categories := make(map[string]bool, len(lex.Categories))
	for _, cat := range lex.Categories {
		categories[cat] = true
	}
	targets := make(map[string]bool, len(lex.Targets))
	for _, t := range lex.Targets {
		switch {
		case t.ID == "":
			c.Addf(t.line, "target without id")
		case targets[t.ID]:
			c.Addf(t.line, "duplicate target %q", t.ID)
		}
		targets[t.ID] = true
	}
	if len(lex.Targets) == 0 {
		c.Addf(1, "no targets")
	}
	axes := make(map[string]bool, len(lex.Axes))
	for _, a := range lex.Axes {
		switch {
		case a.ID == "":
			c.Addf(a.line, "axis without id")
		case axes[a.ID]:
			c.Addf(a.line, "duplicate axis %q", a.ID)
		}
		axes[a.ID] = true
		for _, tid := range slices.Sorted(maps.Keys(a.Weights)) {
			w := a.Weights[tid]
			if !targets[tid] {
				c.Addf(a.line, "axis %q: unknown target %q", a.ID, tid)
			}
			if math.IsNaN(w) || w < -1 || w > 1 {
				c.Addf(a.line, "axis %q: weight %v for %q is outside [-1, 1]", a.ID, w, tid)
			}
		}
	}
	for _, cue := range lex.DistanceCues {
		if n := len(strings.Fields(token.Fold(cue))); n > phrase.MaxWords {
			c.Addf(1, "distance cue %q: %d words, more than the %d a cue may have", shorten(cue), n, phrase.MaxWords)
		}
		if len(token.Fold(cue)) == 0 {
			c.Addf(1, "distance cue %q has no words", cue)
		}
	}
	type seen struct {
		entry int
		line  int
	}
	forms := make(map[string]seen)
	ids := make(map[string]int)
	for i := range lex.Entries {
		e := &lex.Entries[i]
		if len(e.Terms) == 0 {
			c.Addf(e.Line, "entry has no terms")
			continue
		}
		if e.ID == "" {
			e.ID = strings.ReplaceAll(strings.ReplaceAll(token.Fold(e.Terms[0]), " ", "-"), "*", "")
		}
		if e.ID == "" {
			e.ID = fmt.Sprintf("line-%d", e.Line)
		}
		if prev, ok := ids[e.ID]; ok {
			c.Addf(e.Line, "duplicate entry id %q (first at line %d)", e.ID, prev)
		} else {
			ids[e.ID] = e.Line
		}
		switch {
		case e.Target == "":
			c.Addf(e.Line, "entry %q: missing target", e.ID)
		case !targets[e.Target]:
			c.Addf(e.Line, "entry %q: unknown target %q", e.ID, e.Target)
		}
		if math.IsNaN(e.Valence) || e.Valence < -1 || e.Valence > 1 {
			c.Addf(e.Line, "entry %q: valence %v is outside [-1, 1]", e.ID, e.Valence)
		}
		if e.Category == "" {
			c.Addf(e.Line, "entry %q: missing category", e.ID)
		} else if !categories[e.Category] {
			c.Addf(e.Line, "entry %q: unknown category %q (known: %s)", e.ID, e.Category, strings.Join(lex.Categories, ", "))
		}
		for _, ax := range slices.Sorted(maps.Keys(e.Lean)) {
			v := e.Lean[ax]
			if !axes[ax] {
				c.Addf(e.Line, "entry %q: lean on unknown axis %q", e.ID, ax)
			}
			if math.IsNaN(v) || v < -1 || v > 1 {
				c.Addf(e.Line, "entry %q: lean %v on %q is outside [-1, 1]", e.ID, v, ax)
			}
		}
		if unlike := e.unlikeForms(); e.Label == "" && len(unlike) > 0 {
			c.Addf(e.Line, "entry %q: several unlike forms (%s): give it a label", e.ID, quoteSome(append([]string{e.Terms[0]}, unlike...), 3))
		}
		for _, term := range append(append([]string(nil), e.Terms...), e.Except...) {
			if err := phrase.Check(term); err != "" {
				c.Addf(e.Line, "entry %q: term %q: %s", shorten(e.ID), shorten(term), err)
			}
		}
		for j, term := range e.Terms {
			key := keys[i][j]
			if prev, ok := forms[key]; ok {
				if prev.entry == i {
					continue // "Assad regime" and "Assad's regime" fold alike
				}
				p := &lex.Entries[prev.entry]
				if p.Target != e.Target || p.Valence != e.Valence || !sameLean(p.Lean, e.Lean) {
					c.Addf(e.Line, "entry %q: term %q already defined with another meaning by entry %q at line %d", e.ID, term, p.ID, prev.line)
				} else {
					c.Addf(e.Line, "entry %q: term %q repeats entry %q at line %d", e.ID, term, p.ID, prev.line)
				}
				continue
			}
			forms[key] = seen{entry: i, line: e.Line}
		}
	}
	// An except phrase that is also a term would hide that term: both
	// compile to the same trie node, and the first one added wins.
	for i := range lex.Entries {
		e := &lex.Entries[i]
		for j, x := range e.Except {
			if prev, ok := forms[keys[i][len(e.Terms)+j]]; ok {
				c.Addf(e.Line, "entry %q: except phrase %q is also a term of entry %q at line %d, which it would hide",
					e.ID, x, lex.Entries[prev.entry].ID, prev.line)
			}
		}
	}
}

// quoteSome quotes the first max forms, and ends with … when there are
// more.
func quoteSome(forms []string, max int) string {
	var b strings.Builder
	for i, f := range forms {
		if i == max {
			b.WriteString(", …")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", shorten(f))
	}
	return b.String()
}

// shorten cuts a long term or id to its first 60 characters for a message.
func shorten(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

func sameLean(a, b map[string]float64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// hash digests everything that affects scoring, in a canonical order:
// not labels, neutral alternatives or notes, which only explain. keys are
// lex's patternKeys.
func (lex *Lexicon) hash(keys [][]string) string {
	h := sha256.New()
	fmt.Fprintf(h, "name=%s\nversion=%s\n", lex.Name, lex.Version)
	for _, t := range lex.Targets {
		fmt.Fprintf(h, "target=%s\n", t.ID)
	}
	for _, a := range lex.Axes {
		fmt.Fprintf(h, "axis=%s\n", a.ID)
		for _, k := range slices.Sorted(maps.Keys(a.Weights)) {
			fmt.Fprintf(h, " w %s=%g\n", k, a.Weights[k])
		}
	}
	for _, cue := range lex.DistanceCues {
		fmt.Fprintf(h, "cue=%s\n", phrase.Key(cue))
	}
	for i, e := range lex.Entries {
		fmt.Fprintf(h, "entry=%s target=%s valence=%g category=%s\n", e.ID, e.Target, e.Valence, e.Category)
		for j, key := range keys[i] {
			kind := "term"
			if j >= len(e.Terms) {
				kind = "except"
			}
			fmt.Fprintf(h, " %s=%s\n", kind, key)
		}
		for _, k := range slices.Sorted(maps.Keys(e.Lean)) {
			fmt.Fprintf(h, " lean %s=%g\n", k, e.Lean[k])
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Entry returns the entry with the given id, or nil: where views find a
// matched term's neutral alternatives and note. It is safe for concurrent
// use.
func (lex *Lexicon) Entry(id string) *Entry {
	if i, ok := lex.entryIndex[id]; ok && i < len(lex.Entries) && lex.Entries[i].ID == id {
		return &lex.Entries[i]
	}
	for i := range lex.Entries { // a Lexicon not made by Parse, or changed since
		if lex.Entries[i].ID == id {
			return &lex.Entries[i]
		}
	}
	return nil
}

// Contrib returns what a match of e contributes to each axis of lex it
// bears on: e's Lean on the axis when it has one, else the axis weight of
// e's target times e's valence, when that weight is not zero. An axis the
// entry does not bear on is absent; an entry with a lean of 0 bears on
// the axis as a neutral wording. It returns nil when e bears on no axis.
// Scoring and validation both read an entry's lean through Contrib.
func (lex *Lexicon) Contrib(e *Entry) map[string]float64 {
	var c map[string]float64
	for _, ax := range lex.Axes {
		v, ok := e.Lean[ax.ID]
		if !ok {
			w := ax.Weights[e.Target]
			if w == 0 {
				continue
			}
			v = w*e.Valence + 0 // +0 turns -0 into 0
		}
		if c == nil {
			c = make(map[string]float64, len(lex.Axes))
		}
		c[ax.ID] = v
	}
	return c
}

// Target returns the target with the given id, or nil.
func (lex *Lexicon) Target(id string) *Target {
	for i := range lex.Targets {
		if lex.Targets[i].ID == id {
			return &lex.Targets[i]
		}
	}
	return nil
}
