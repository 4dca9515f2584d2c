package token

import "strings"

// sentenceEnds are the marks that end a sentence: full stop, question and
// exclamation marks, ellipsis.
const sentenceEnds = ".!?…"

// BreaksPhrase reports whether the text between two tokens ends a phrase,
// so that no multi-word phrase is counted across it: sentence punctuation
// (. ! ? … ; :) or a line break.
func BreaksPhrase(gap string) bool {
	return strings.ContainsAny(gap, sentenceEnds+";:\n")
}

// BreaksName reports whether the text between two tokens ends a name: what
// BreaksPhrase breaks at, and also a comma, a bracket or a quotation mark,
// which no name holds.
func BreaksName(gap string) bool {
	return BreaksPhrase(gap) || strings.ContainsAny(gap, ",()[]{}\"“”«»")
}
