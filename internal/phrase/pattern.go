package phrase

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/compare-tool/compare/internal/token"
)

// Word is one step of a pattern: a folded word, or with Glob the beginning
// a folded word must have.
type Word struct {
	Text string
	Glob bool
}

// Match reports whether the folded token w is this word.
func (pw Word) Match(w []byte) bool {
	if pw.Glob {
		return bytes.HasPrefix(w, []byte(pw.Text))
	}
	return string(w) == pw.Text
}

// Words folds a pattern the way the tokenizer folds text: each word
// separated by spaces becomes the tokens it folds to, and a trailing * makes
// the last of them a glob. A pattern Check rejects may fold to no words.
func Words(pattern string) []Word {
	var tz token.Tokenizer
	var out []Word
	foldWords(&tz, pattern, func(norm []byte, glob bool) { out = append(out, Word{Text: string(norm), Glob: glob}) })
	return out
}

// foldWords calls each for every step of pattern in order, as Words has
// them, with its folded form (which aliases tz's buffer) and whether it
// is a glob.
func foldWords(tz *token.Tokenizer, pattern string, each func(norm []byte, glob bool)) {
	for w := range strings.FieldsSeq(pattern) {
		base, glob := strings.CutSuffix(w, "*")
		ts := tz.Tokenize(base)
		for j := range ts.List {
			each(ts.Norm(j), glob && j == len(ts.List)-1)
		}
	}
}

// MaxWords bounds the words of a pattern (as tokenized: "U.S.-led" is one,
// "Assad—regime" two). Matching looks as far ahead as the longest pattern
// at every candidate word, so one term of thousands of words made scoring
// cost tokens × its length; real names and phrases ("martyrs for the
// defense of the shrine") have a handful.
const MaxWords = 16

// Check returns why a pattern cannot be matched, or "" when it can: an
// empty pattern, more than MaxWords words, a * not at the end of a word, a
// word without letters or digits.
func Check(pattern string) string {
	words := strings.Fields(pattern)
	if len(words) == 0 {
		return "empty pattern"
	}
	if n := len(strings.Fields(token.Fold(strings.ReplaceAll(pattern, "*", "")))); n > MaxWords {
		return fmt.Sprintf("%d words, more than the %d a term may have", n, MaxWords)
	}
	for _, w := range words {
		base := strings.TrimSuffix(w, "*")
		if strings.Contains(base, "*") {
			return "* may only end a word"
		}
		if token.Fold(base) == "" {
			if base == "" {
				return "a lone * matches every word"
			}
			return fmt.Sprintf("%q has no letters or digits", w)
		}
	}
	return ""
}

// Key is the folded form of a pattern: two patterns with the same key match
// the same words (and compile to the same trie node).
func Key(pattern string) string {
	words := strings.Fields(pattern)
	for i, w := range words {
		base, glob := strings.CutSuffix(w, "*")
		words[i] = token.Fold(base)
		if glob {
			words[i] += "*"
		}
	}
	return strings.Join(words, " ")
}
