package lexicon

import (
	"sync"

	"github.com/compare-tool/compare/internal/phrase"
)

// Kind says which list of the lexicon a matched pattern comes from.
type Kind = phrase.Kind

const (
	// KindTerm is a surface form of an entry.
	KindTerm Kind = iota
	// KindExcept is an except phrase: it covers its tokens so that no term
	// inside it counts.
	KindExcept
	// KindCue is a distance cue ("so-called").
	KindCue
)

// Match is one occurrence of a lexicon pattern in a text. Its Entry
// indexes Lexicon.Entries for KindTerm and KindExcept, and
// Lexicon.DistanceCues for KindCue.
type Match = phrase.Match

// Scanner matches texts against a Matcher, reusing its buffers between
// calls. It is not safe for concurrent use; give each goroutine its own.
type Scanner = phrase.Scanner

// Matcher finds a lexicon's terms, except phrases and distance cues in
// tokenized text (see package phrase for how). It is built once by Compile
// and is safe for concurrent use.
type Matcher struct {
	Lexicon  *Lexicon
	patterns []phrase.Pattern
	// phrases compiles the patterns alone on first use: compare score
	// compiles them with the credibility word lists instead (see
	// Patterns), and with 10,000 entries a compilation nobody uses costs
	// as much as reading the articles of a few megabytes.
	phrases func() *phrase.Matcher
}

// Compile builds the matcher for a checked lexicon.
func Compile(lex *Lexicon) *Matcher {
	var patterns []phrase.Pattern
	for i, e := range lex.Entries {
		for _, t := range e.Terms {
			patterns = append(patterns, phrase.Pattern{Text: t, Kind: KindTerm, Entry: i})
		}
		for _, t := range e.Except {
			patterns = append(patterns, phrase.Pattern{Text: t, Kind: KindExcept, Entry: i})
		}
	}
	for i, cue := range lex.DistanceCues {
		patterns = append(patterns, phrase.Pattern{Text: cue, Kind: KindCue, Entry: i})
	}
	// A term repeated in another entry keeps the first entry: Parse reports
	// the repetition.
	return &Matcher{Lexicon: lex, patterns: patterns, phrases: sync.OnceValue(func() *phrase.Matcher { return phrase.Compile(patterns) })}
}

// NewScanner returns a Scanner for the lexicon's patterns alone; its
// Scan returns their matches.
func (m *Matcher) NewScanner() *Scanner { return m.phrases().NewScanner() }

// Len returns the number of distinct patterns of the lexicon.
func (m *Matcher) Len() int { return m.phrases().Len() }

// Patterns returns the patterns the matcher was compiled from, so that a
// caller can compile them with other lists into one phrase.Matcher
// (phrase.CompileLists) and match everything in one pass. The result
// must not be modified.
func (m *Matcher) Patterns() []phrase.Pattern { return m.patterns }

// Pattern describes a matched pattern for display: the entry's id, or the
// distance cue.
func (m *Matcher) Pattern(match Match) string {
	if match.Kind == KindCue {
		return m.Lexicon.DistanceCues[match.Entry]
	}
	return m.Lexicon.Entries[match.Entry].ID
}
