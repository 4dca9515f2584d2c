package stance

import (
	"unicode"
	"unicode/utf8"
)

// quoteSpans finds the direct quotations of a text, as byte spans that
// include the quotation marks.
//
// Curly quotes (“ ”), guillemets (« ») and low-high quotes („ “) pair up
// directly; a straight " opens when it follows a space, the start of the
// text or an opening bracket, and closes otherwise. A quotation still open
// at the end of a paragraph continues when the next paragraph opens with a
// quotation mark (the convention for quotes that run over paragraphs) or
// when its closing mark comes later in the same block of lines (hard
// wrapped text); otherwise it ends with the paragraph, so that one stray
// mark cannot turn the rest of the article into a quotation.
func quoteSpans(text string) [][2]int {
	var spans [][2]int
	open := -1
	var closer rune
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf && c != '"' && c != '\n' {
			i++ // most bytes: no quotation mark, no line break
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case open < 0 && (r == '“' || r == '«' || r == '„'):
			open, closer = i, closing(r)
		case open < 0 && r == '"' && opensQuote(text, i):
			open, closer = i, '"'
		case open >= 0 && (r == closer || (closer == '"' && r == '”') || (closer == '”' && r == '"' && !opensQuote(text, i))):
			spans = append(spans, [2]int{open, i + size})
			open = -1
		case open >= 0 && r == '\n':
			next, continues := continuation(text, i, closer)
			if continues {
				i = next
				continue
			}
			spans = append(spans, [2]int{open, i})
			open = -1
		}
		i += size
	}
	if open >= 0 {
		spans = append(spans, [2]int{open, len(text)})
	}
	return spans
}

// closing returns the mark that closes a quotation opened with r.
func closing(r rune) rune {
	switch r {
	case '“':
		return '”'
	case '«':
		return '»'
	}
	return '“' // „
}

// opensQuote reports whether a straight quote at i opens a quotation.
func opensQuote(text string, i int) bool {
	if i == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsSpace(prev) || prev == '(' || prev == '[' || prev == '{' || prev == '—' || prev == '–' || prev == ':'
}

// continuation decides, at a newline inside an open quotation, whether the
// quotation goes on. If the next paragraph starts with an opening mark,
// it returns the offset just after that mark.
func continuation(text string, nl int, closer rune) (int, bool) {
	j := nl
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsSpace(r) {
			break
		}
		j += size
	}
	if j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if r == '“' || r == '«' || r == '„' || (r == '"' && closer == '"') {
			return j + size, true
		}
	}
	// Hard-wrapped text: the closing mark is on the next line.
	end := nl + 1
	for end < len(text) && text[end] != '\n' {
		end++
	}
	// Only one more line is considered, and only when the current line did
	// not end a sentence: most newline-inside-quote cases are paragraph ends.
	if end > nl+1 && !endsSentence(text[:nl]) {
		line := text[nl+1 : end]
		for _, r := range line {
			if r == closer || (closer == '"' && r == '”') {
				return nl + 1, true
			}
		}
	}
	return 0, false
}

func endsSentence(s string) bool {
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		if unicode.IsSpace(r) {
			s = s[:len(s)-size]
			continue
		}
		return r == '.' || r == '!' || r == '?' || r == ':'
	}
	return true
}
