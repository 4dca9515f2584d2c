package report

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/view"
)

// Bidirectional text.
//
// A data string can carry characters that reorder the text around it: an
// outlet named "Alpha" followed by U+202E (RIGHT-TO-LEFT OVERRIDE) made
// the findings sentence after it display backwards, so that "Cliff's δ =
// 1.00, large; Holm p < 0.001" read as ".(100.0 > p mloH ;egral ,00.1 = δ
// s'ffilC)". Three defences:
//   - every explicit bidirectional control is removed from the page
//     (stripBidiControls, over the whole rendered page: tables, charts'
//     data, tooltips), except in article bodies, where they are part of
//     what was written and are kept as character references, inside an
//     element isolated by the style sheet;
//   - data strings inside sentences are wrapped in <bdi> (the lede, the
//     findings), and the cells, headings and captions that hold data are
//     isolated with unicode-bidi: isolate, so that a name in Arabic or
//     Hebrew does not reorder the numbers beside it.

// stripBidi removes bidirectional controls from s.
func stripBidi(s string) string { return view.Remove(s, view.IsBidiControl) }

// stripBidiControls removes bidirectional controls from a rendered page.
// Character references (&#x202E;) are left alone: article bodies keep
// theirs that way.
func stripBidiControls(page []byte) []byte {
	out := page[:0]
	for i := 0; i < len(page); {
		c := page[i]
		if c < 0xD8 || c > 0xE2 { // every control's first byte is 0xD8 or 0xE2
			out = append(out, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(page[i:])
		if !view.IsBidiControl(r) {
			out = append(out, page[i:i+size]...)
		}
		i += size
	}
	return out
}

// escapeBidi writes the bidirectional controls of escaped article text as
// character references, which stripBidiControls leaves in place.
func escapeBidi(escaped string) string {
	if !strings.ContainsFunc(escaped, view.IsBidiControl) {
		return escaped
	}
	var b strings.Builder
	for _, r := range escaped {
		if view.IsBidiControl(r) {
			fmt.Fprintf(&b, "&#x%X;", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// bdi isolates a data string inside a sentence.
func bdi(s string) template.HTML {
	return template.HTML("<bdi>" + template.HTMLEscapeString(stripBidi(s)) + "</bdi>")
}

// isolateNames renders a sentence with each of names (outlets, labels)
// wrapped in <bdi>. The sentence is built elsewhere from the names, so
// their text is found in it; a name that also occurs inside another word
// is isolated there too, which changes nothing visible.
func isolateNames(sentence string, names ...string) template.HTML {
	// Longer names first, so that a name inside another is not cut out
	// of it; one pass, so that inserted markup is never searched.
	names = slices.Clone(names)
	slices.SortStableFunc(names, func(a, b string) int { return len(b) - len(a) })
	var pairs []string
	for _, n := range names {
		if n == "" {
			continue
		}
		pairs = append(pairs, template.HTMLEscapeString(n), string(bdi(n)))
	}
	escaped := template.HTMLEscapeString(sentence)
	if len(pairs) > 0 {
		escaped = strings.NewReplacer(pairs...).Replace(escaped)
	}
	return template.HTML(escaped)
}
