package ngram

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Context returns up to width bytes of text on each side of [start, end),
// cut at word boundaries and with white space collapsed, as a
// keyword-in-context line: "… left [term] right …".
func Context(text string, start, end, width int) string {
	ls := max(0, start-width)
	for ls > 0 && ls < start && !utf8.RuneStart(text[ls]) {
		ls++
	}
	left := text[ls:start]
	if ls > 0 && !strings.ContainsRune(" \t\n", rune(text[ls-1])) {
		// Cut the partial word at the left edge.
		if i := strings.IndexAny(left, " \t\n"); i >= 0 {
			left = left[i+1:]
		}
	}
	re := min(len(text), end+width)
	for re < len(text) && re > end && !utf8.RuneStart(text[re]) {
		re--
	}
	right := text[end:re]
	if re < len(text) && !strings.ContainsRune(" \t\n", rune(text[re])) {
		if i := strings.LastIndexAny(right, " \t\n"); i >= 0 {
			right = right[:i]
		}
	}
	var b strings.Builder
	if ls > 0 {
		b.WriteString("… ")
	}
	b.WriteString(strings.TrimLeft(Collapse(left), " "))
	b.WriteByte('[')
	b.WriteString(Collapse(text[start:end]))
	b.WriteByte(']')
	b.WriteString(strings.TrimRight(Collapse(right), " "))
	if re < len(text) {
		b.WriteString(" …")
	}
	return b.String()
}

// Collapse turns every run of white space into one space, keeping a
// leading or trailing one: the written form of a phrase, as a person
// reads it.
func Collapse(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
