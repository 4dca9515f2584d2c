package dictionary

import (
	"strings"
	"unicode"

	"github.com/compare-tool/compare/internal/phrase"
)

// Dictionary is a word-count dictionary: categories and the patterns that
// belong to them. It is what LIWC and quanteda dictionaries have in common.
type Dictionary struct {
	// Format names where the dictionary came from ("LIWC", "quanteda"),
	// for messages.
	Format     string
	Categories []Category
	Patterns   []Pattern
}

// Category is one category of a Dictionary.
type Category struct {
	// Path is the category's name from the root: one element for LIWC
	// and flat quanteda dictionaries, the chain of keys for nested ones.
	Path []string
	// Number is the LIWC category number, 0 when there is none.
	Number int
	// Header is the rest of a LIWC header line after the name, such as
	// "(Function Words)", or "".
	Header string
	// Line is where the category was defined, 0 when unknown.
	Line int
}

// Name is the category's path joined by ".", as quanteda names nested
// keys when it flattens a dictionary.
func (c Category) Name() string { return strings.Join(c.Path, ".") }

// Pattern is a word, phrase or glob with the categories it belongs to.
type Pattern struct {
	Text string
	// Categories index Dictionary.Categories, ascending, without repeats.
	Categories []int
	Line       int
}

// markerPrefix starts the note line that lists an entry's categories when it
// has more than one.
const markerPrefix = "dictionary categories:"

// liwcPrefix starts the description of a target imported from a LIWC
// category: "LIWC category 31" or "LIWC category 1: (Function Words)".
const liwcPrefix = "LIWC category "

// SafeID turns a category name into a target id: lower case letters and
// digits, with - for every run of other characters except _ (and - itself),
// trimmed of leading and trailing dashes. It returns "" when nothing is left.
func SafeID(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// safePath is SafeID for each element of a nested key, joined by ".".
func safePath(path []string) string {
	parts := make([]string, len(path))
	for i, p := range path {
		parts[i] = SafeID(p)
		if parts[i] == "" {
			return ""
		}
	}
	return strings.Join(parts, ".")
}

// patternProblem returns why a dictionary pattern cannot be a surface form
// of our lexicons, or "": the checks of lexicon.Parse, and no ? glob.
func patternProblem(term string) string {
	if strings.ContainsRune(term, '?') {
		return "? (one character) has no equivalent: a lexicon term globs only with a trailing *"
	}
	return phrase.Check(term)
}
