package token

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentenceEnds are the marks that end a sentence: full stop, question and
// exclamation marks, ellipsis.
const sentenceEnds = ".!?…"

// SentenceBreak reports whether a sentence ends between token i-1 and token
// i (a text's first token, i == 0, starts one). A blank line always ends
// one; a single line break does unless the next line goes on in lower case
// (hard-wrapped text) without . ! ? … : or ; before it; . ! ? or … end one
// when the next word is not in lower case (StartsLower), except for a full
// stop closing an abbreviation or initials ("Gen. Freij", "U.S. officials":
// see Abbreviation).
func (ts *Tokens) SentenceBreak(i int) bool {
	if i == 0 {
		return true
	}
	g := ts.Text[ts.List[i-1].End:ts.List[i].Start]
	nl := strings.Count(g, "\n")
	if nl >= 2 {
		return true
	}
	punct := strings.IndexAny(g, sentenceEnds)
	if nl == 1 {
		return punct >= 0 || strings.ContainsAny(g, ":;") || !ts.startsLower(i)
	}
	if punct < 0 || ts.startsLower(i) {
		return false
	}
	return !(punct == 0 && g[0] == '.' && ts.Abbreviation(i-1))
}

func (ts *Tokens) startsLower(i int) bool {
	t := ts.List[i]
	return StartsLower(ts.Text[t.Start:t.End])
}

// StartsLower reports whether a word begins in lower case, which a new
// sentence does not: a lower-case Arabic article joined to a capitalised
// name ("al-Assad", "ash‑Sham") does not count, so the name starts in
// capitals.
func StartsLower(w string) bool {
	r, size := decode(w, 0)
	if r < utf8.RuneSelf {
		if r < 'a' || r > 'z' {
			return false
		}
	} else if !unicode.IsLower(r) {
		return false
	}
	// A hyphen among the first five bytes, then a capital.
	for j := size; j < len(w) && j <= 4; {
		h, hs := decode(w, j)
		if IsHyphen(h) {
			if j+hs < len(w) {
				next, _ := decode(w, j+hs)
				return !unicode.IsUpper(next)
			}
			return true
		}
		j += hs
	}
	return true
}

// Abbreviation reports whether the full stop right after token i closes an
// abbreviation or initials ("Gen.", "U.S.", "W.") rather than a sentence:
// the token is one capital letter, has a full stop inside, or is a common
// English abbreviation (see abbreviations). It is false when no full stop
// follows the token.
func (ts *Tokens) Abbreviation(i int) bool {
	t := ts.List[i]
	if t.End >= len(ts.Text) || ts.Text[t.End] != '.' {
		return false
	}
	w := ts.Text[t.Start:t.End]
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	if strings.Contains(w, ".") {
		return true
	}
	norm := ts.Norm(i)
	return len(norm) <= maxAbbreviation && abbreviations[string(norm)]
}

// maxAbbreviation is the length of the longest of abbreviations: most
// words before a full stop are longer and need no lookup.
var maxAbbreviation = func() int {
	n := 0
	for w := range abbreviations {
		n = max(n, len(w))
	}
	return n
}()

// abbreviations are folded words whose full stop does not end a sentence.
var abbreviations = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`mr mrs ms dr gen brig col lt maj capt sgt cpl prof sen rep gov st jr sr
		rev adm amb no vs etc inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov
		dec fig approx mt ft cmdr insp supt pres`) {
		m[w] = true
	}
	return m
}()

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

// NameBreak reports whether a name may not run on from token i−1 to token
// i: at the text's first token, at the first token after dropped debris
// (see Drop), and where BreaksName breaks.
func (ts *Tokens) NameBreak(i int) bool {
	t := ts.List[i]
	return i == 0 || t.AfterDropped || BreaksName(ts.Text[ts.List[i-1].End:t.Start])
}
