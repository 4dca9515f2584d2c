package annotate

import (
	"strings"
	"unicode/utf8"
)

// wrap breaks each line of s at spaces so that no line is wider than
// width columns, counting runes and not the ANSI escape sequences this
// package writes (an article's own are removed by clean). A continuation
// line keeps the indentation of its line. A word wider than width stands
// alone on its line, unbroken. width ≤ 0 leaves s as it is.
func wrap(s string, width int) string {
	if width <= 0 {
		return s
	}
	var b strings.Builder
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
		col := 0
		for j, word := range strings.Split(line[len(indent):], " ") {
			w := visibleWidth(word)
			switch {
			case j == 0:
				b.WriteString(indent)
				col = len(indent)
			case col+1+w > width && col > len(indent):
				b.WriteString("\n" + indent)
				col = len(indent)
			default:
				b.WriteByte(' ')
				col++
			}
			b.WriteString(word)
			col += w
		}
	}
	return b.String()
}

// visibleWidth counts the runes of s outside ANSI SGR sequences
// (ESC [ … m).
func visibleWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := strings.IndexByte(s[i:], 'm')
			if j > 0 {
				i += j + 1
				continue
			}
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
	}
	return n
}
