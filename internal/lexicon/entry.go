package lexicon

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// entryFields are the keys of an entry decodeEntry reads, by bit.
var entryFields = map[string]uint{
	"id": 0, "terms": 1, "label": 2, "target": 3, "valence": 4, "category": 5,
	"lean": 6, "neutral": 7, "note": 8, "except": 9,
}

// decodeEntry decodes the entry n into e without go-yaml's reflection
// when every key is a known field, given once, and every value has the
// plain shape entries have in practice: text for the text fields, a list
// of text for the lists, a decimal number for valence, a mapping of text
// to decimal numbers for lean. A lexicon of 10,000 entries spent a fifth
// of its reading in go-yaml's Node.Decode. It reports false, with e in
// any state, for anything else (null, tags other than text and numbers,
// anchors, aliases, repeated keys, YAML's other ways of writing numbers):
// the caller then decodes n with go-yaml, which says what is wrong as it
// always did. What it decodes equals what go-yaml decodes
// (FuzzDecodeEntry holds them together).
func decodeEntry(n *yaml.Node, e *Entry) bool {
	if n.Kind != yaml.MappingNode || n.Anchor != "" {
		return false
	}
	var seen uint
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !plainText(k) {
			return false
		}
		bit, known := entryFields[k.Value]
		if !known || seen&(1<<bit) != 0 {
			return false
		}
		seen |= 1 << bit
		ok := true
		switch k.Value {
		case "id":
			e.ID, ok = text(v)
		case "terms":
			e.Terms, ok = texts(v)
		case "label":
			e.Label, ok = text(v)
		case "target":
			e.Target, ok = text(v)
		case "valence":
			e.Valence, ok = number(v)
		case "category":
			e.Category, ok = text(v)
		case "lean":
			e.Lean, ok = numbers(v)
		case "neutral":
			e.Neutral, ok = texts(v)
		case "note":
			e.Note, ok = text(v)
		case "except":
			e.Except, ok = texts(v)
		}
		if !ok {
			return false
		}
	}
	return true
}

// plainText reports whether n is a scalar go-yaml decodes to a string as
// written: one tagged !!str, as every quoted scalar and every plain one
// that does not read as a number, boolean, null or date is.
func plainText(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!str" && n.Anchor == ""
}

func text(n *yaml.Node) (string, bool) {
	if !plainText(n) {
		return "", false
	}
	return n.Value, true
}

// texts decodes a list of text as go-yaml does: an empty list is an empty
// slice, not nil.
func texts(n *yaml.Node) ([]string, bool) {
	if n.Kind != yaml.SequenceNode || n.Anchor != "" {
		return nil, false
	}
	out := make([]string, len(n.Content))
	for i, item := range n.Content {
		if !plainText(item) {
			return nil, false
		}
		out[i] = item.Value
	}
	return out, true
}

// number decodes a plain decimal number (-0.5, 1, 0): go-yaml reads one
// without a point as an integer, so that -0 is 0, and one with a point
// with strconv.ParseFloat. Leading zeros (YAML 1.1 octal), exponents,
// underscores, signs other than a leading minus, and more than 15 digits
// on either side are left to go-yaml.
func number(n *yaml.Node) (float64, bool) {
	if n.Kind != yaml.ScalarNode || n.Style != 0 || n.Anchor != "" || (n.Tag != "!!int" && n.Tag != "!!float") {
		return 0, false
	}
	s := n.Value
	digits := s
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	whole, frac, point := strings.Cut(digits, ".")
	if !decimalDigits(whole) || len(whole) > 1 && whole[0] == '0' || point && !decimalDigits(frac) {
		return 0, false
	}
	if !point {
		i, err := strconv.ParseInt(s, 10, 64)
		return float64(i), err == nil
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// numbers decodes a mapping of text to plain decimal numbers, each key
// once; an empty mapping is an empty map, not nil, as go-yaml has it.
func numbers(n *yaml.Node) (map[string]float64, bool) {
	if n.Kind != yaml.MappingNode || n.Anchor != "" {
		return nil, false
	}
	out := make(map[string]float64, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !plainText(k) {
			return nil, false
		}
		if _, dup := out[k.Value]; dup {
			return nil, false
		}
		f, ok := number(v)
		if !ok {
			return nil, false
		}
		out[k.Value] = f
	}
	return out, true
}

// decimalDigits reports whether s is 1 to 15 ASCII digits.
func decimalDigits(s string) bool {
	if len(s) == 0 || len(s) > 15 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
