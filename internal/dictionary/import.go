package dictionary

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/phrase"
	"github.com/compare-tool/compare/internal/rulefile"
)

// ImportFormats are the dictionary formats Read reads.
var ImportFormats = []string{"liwc", "quanteda"}

// FormatOf returns the import format of a dictionary file by its
// extension: liwc for .dic, quanteda for .yml and .yaml, "" for others.
func FormatOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".dic":
		return "liwc"
	case ".yml", ".yaml":
		return "quanteda"
	}
	return ""
}

// Read reads a dictionary of an import format (ReadLIWC or ReadQuanteda).
func Read(file, format string, data []byte) (*Dictionary, []rulefile.Problem, error) {
	switch format {
	case "liwc":
		return ReadLIWC(file, data)
	case "quanteda":
		return ReadQuanteda(file, data)
	}
	return nil, nil, fmt.Errorf("dictionary: unknown import format %q (want %s)", format, strings.Join(ImportFormats, ", "))
}

// ImportOptions configure Import.
type ImportOptions struct {
	// Name is the lexicon's name; "" derives it from Source.
	Name string
	// Language is the lexicon's language code; "" means "en".
	Language string
	// Source is the dictionary's file name, recorded in the lexicon and
	// used in messages.
	Source string
}

// Imported is a dictionary turned into a lexicon.
type Imported struct {
	// YAML is the lexicon in our format, with a comment on the mapping.
	YAML []byte
	// Lexicon is YAML parsed and checked by lexicon.Parse.
	Lexicon *lexicon.Lexicon
	// Notes say what the conversion changed: categories whose names were
	// not valid target ids, and surface forms that match the same words in
	// different categories (merged).
	Notes []rulefile.Problem
}

// Import turns a dictionary into a lexicon (see the package comment for the
// mapping) and checks the result with lexicon.Parse, so that what it
// returns always loads.
func Import(d *Dictionary, opt ImportOptions) (*Imported, error) {
	file := opt.Source
	if file == "" {
		file = "dictionary"
	}
	var notes []rulefile.Problem

	// Targets: one per category, ids made safe and unique.
	ids := make([]string, len(d.Categories))
	taken := map[string]bool{}
	for i, c := range d.Categories {
		// A dot in a name is nesting, as in flattened quanteda keys.
		id := safePath(strings.Split(c.Name(), "."))
		if id == "" {
			id = fmt.Sprintf("category-%d", i+1)
		}
		base := id
		for n := 2; taken[id]; n++ {
			id = fmt.Sprintf("%s-%d", base, n)
		}
		taken[id] = true
		ids[i] = id
		if id != c.Name() {
			notes = append(notes, rulefile.Problemf(file, c.Line, "category %q becomes target %q (ids are lower-case letters, digits, - and _)", c.Name(), id))
		}
	}

	// Surface forms that fold alike must live in one entry.
	type form struct {
		texts []string
		cats  []int
		line  int
	}
	byKey := map[string]*form{}
	for _, p := range d.Patterns {
		key := phrase.Key(p.Text)
		if f, ok := byKey[key]; ok {
			if !sameInts(f.cats, p.Categories) {
				f.cats = sortedSet(append(f.cats, p.Categories...))
				notes = append(notes, rulefile.Problemf(file, p.Line, "%q matches the same words as %q (line %d), in other categories; both are put in %s",
					p.Text, f.texts[0], f.line, strings.Join(pick(ids, f.cats), ", ")))
			}
			f.texts = append(f.texts, p.Text)
			continue
		}
		byKey[key] = &form{texts: []string{p.Text}, cats: append([]int(nil), p.Categories...), line: p.Line}
	}

	// Entries: one per set of categories, terms in the dictionary's order.
	type entry struct {
		cats  []int
		terms []string
	}
	bySet := map[string]*entry{}
	var entries []*entry
	for _, p := range d.Patterns {
		f := byKey[phrase.Key(p.Text)]
		k := fmt.Sprint(f.cats)
		e, ok := bySet[k]
		if !ok {
			e = &entry{cats: f.cats}
			bySet[k] = e
			entries = append(entries, e)
		}
		e.terms = append(e.terms, p.Text)
	}
	sort.SliceStable(entries, func(i, j int) bool { return lessInts(entries[i].cats, entries[j].cats) })

	name := opt.Name
	if name == "" {
		name = SafeID(strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)))
	}
	if name == "" {
		name = "imported"
	}
	lang := opt.Language
	if lang == "" {
		lang = "en"
	}
	base := filepath.Base(file)

	var b strings.Builder
	fmt.Fprintf(&b, "# Imported by compare lexicon import from the %s dictionary %s.\n", d.Format, base)
	b.WriteString(`# Each dictionary category is a target. Words in exactly the same categories
# form one entry whose target is the first of them; when there are several, the
# note line "dictionary categories: ..." lists them all, and compare lexicon export
# writes the words back into each (keep that line when you edit the note).
# The label names an entry by its categories.
# valence: 0 and category: neutral are placeholders: set them, add axes with
# weights if you want stance scores, then run compare lexicon check.
`)
	fmt.Fprintf(&b, "name: %s\n", rulefile.YAMLString(name))
	b.WriteString("version: 0.1.0\n")
	fmt.Fprintf(&b, "language: %s\n", rulefile.YAMLString(lang))
	fmt.Fprintf(&b, "description: %s\n", rulefile.YAMLString(fmt.Sprintf("Imported from the %s dictionary %s.", d.Format, base)))
	fmt.Fprintf(&b, "sources:\n  - %s\n", rulefile.YAMLString(fmt.Sprintf("%s (%s dictionary)", base, d.Format)))
	b.WriteString("targets:\n")
	for i, c := range d.Categories {
		fmt.Fprintf(&b, "  - id: %s\n    label: %s\n", rulefile.YAMLString(ids[i]), rulefile.YAMLString(c.Name()))
		if c.Number > 0 {
			desc := fmt.Sprintf("%s%d", liwcPrefix, c.Number)
			if c.Header != "" {
				desc += ": " + c.Header
			}
			fmt.Fprintf(&b, "    description: %s\n", rulefile.YAMLString(desc))
		}
	}
	b.WriteString("axes: []\n")
	if len(entries) == 0 {
		b.WriteString("entries: []\n")
	} else {
		b.WriteString("entries:\n")
	}
	for _, e := range entries {
		names := pick(ids, e.cats)
		fmt.Fprintf(&b, "  - id: %s\n", rulefile.YAMLString(strings.Join(names, "+")))
		var labels []string
		for _, c := range e.cats {
			labels = append(labels, d.Categories[c].Name())
		}
		// The category names the entry: its words need not be alike.
		fmt.Fprintf(&b, "    label: %s\n", rulefile.YAMLString(strings.Join(labels, " + ")))
		fmt.Fprintf(&b, "    target: %s\n", rulefile.YAMLString(names[0]))
		b.WriteString("    valence: 0\n    category: neutral\n")
		if len(names) > 1 {
			fmt.Fprintf(&b, "    note: %s\n", rulefile.YAMLString(markerPrefix+" "+strings.Join(names, ", ")))
		}
		b.WriteString("    terms:\n")
		for _, t := range e.terms {
			fmt.Fprintf(&b, "      - %s\n", rulefile.YAMLString(t))
		}
	}
	data := []byte(b.String())
	lex, err := lexicon.Parse(name+".yaml", data)
	if err != nil {
		return nil, fmt.Errorf("dictionary: the lexicon made from %s does not pass the lexicon check (please report this):\n%w", file, err)
	}
	return &Imported{YAML: data, Lexicon: lex, Notes: notes}, nil
}

func pick(names []string, idx []int) []string {
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = names[j]
	}
	return out
}

func sameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// lessInts orders int tuples lexicographically, a prefix first.
func lessInts(a, b []int) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}
