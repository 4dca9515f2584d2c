package rulefile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// plainRE matches text that may stand unquoted in YAML, in block and flow
// context alike: it starts with a letter or digit and holds no YAML
// indicator that could end or change the scalar (: # , [ ] { } and quotes
// at the start).
var plainRE = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}\p{M} '’\-+._*/&()]*$`)

// Writing YAML.
//
// Lexicons written by compare (lexicon import, lexicon suggest) are YAML
// that people edit and lexicon.Parse reads back: these write its scalars
// so that they read back as written.

// YAMLString returns s as a YAML scalar: plain when that reads back as the
// same string, double-quoted (JSON escapes, which YAML shares) otherwise.
func YAMLString(s string) string {
	if plainRE.MatchString(s) && !strings.HasSuffix(s, " ") {
		var back any
		if err := yaml.Unmarshal([]byte(s), &back); err == nil {
			if str, ok := back.(string); ok && str == s {
				return s
			}
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	q := strings.TrimSuffix(b.String(), "\n")
	// JSON leaves DEL, the C1 controls and U+FFFE/U+FFFF as they are, and
	// YAML does not allow them in a document: escape them.
	if strings.IndexFunc(q, notYAMLPrintable) >= 0 {
		var e strings.Builder
		for _, r := range q {
			if notYAMLPrintable(r) {
				fmt.Fprintf(&e, "\\u%04x", r)
				continue
			}
			e.WriteRune(r)
		}
		q = e.String()
	}
	return q
}

// notYAMLPrintable reports whether YAML 1.2 forbids r in a document
// (outside the tab, line feed and carriage return JSON escapes anyway).
func notYAMLPrintable(r rune) bool {
	return r == 0x7f || r >= 0x80 && r <= 0x9f && r != 0x85 || r == 0xfffe || r == 0xffff
}

// YAMLNumber writes a number the way a person would: 0, -0.5, 1.
func YAMLNumber(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// YAMLList writes a flow sequence of strings: ["a", b].
func YAMLList(items []string) string {
	parts := make([]string, len(items))
	for i, s := range items {
		parts[i] = YAMLString(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
