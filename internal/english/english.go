// Package english holds what compare knows of English words: how to word
// counts and lists in messages, notes and reports (one word for one thing,
// another for several; "a, b and c"; decided in one place so that "1
// articles" cannot appear in one output and not in another), and which
// folded words are function words (Stopword).
package english

import (
	"fmt"
	"strings"
)

// Plural returns one when n is 1 and many otherwise:
// Plural(n, "has", "have").
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Count returns n and the word for n things: Count(3, "entry", "entries")
// is "3 entries", Count(1, "entry", "entries") "1 entry".
func Count(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, Plural(n, one, many))
}

// Times says how often something happened: "once", "2 times".
func Times(n int) string {
	return Plural(n, "once", fmt.Sprintf("%d times", n))
}

// List joins items as a sentence does: "a", "a and b", "a, b and c"; ""
// for none.
func List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
