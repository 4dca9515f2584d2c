package aggregate

import (
	"bytes"
	"encoding/json"
	"iter"
	"maps"
	"slices"
)

// Summaries are a unit's summaries of several variables (its axes, or its
// targets) by id: what a map[string]Summary would hold, and written in
// JSON as one (an object keyed by id, in id order), in a fraction of the
// memory. A Comparison of tens of thousands of units holds one a unit for
// each, and a map of a dozen summaries costs kilobytes. The zero value
// holds none.
type Summaries struct {
	ids  []string // sorted; shared by the units of a Comparison
	list []Summary
}

// NewSummaries returns the summaries of m.
func NewSummaries(m map[string]Summary) Summaries {
	ids := slices.Sorted(maps.Keys(m))
	s := Summaries{ids: ids, list: make([]Summary, len(ids))}
	for i, id := range ids {
		s.list[i] = m[id]
	}
	return s
}

// newSummaries returns Summaries of the sorted ids, each summary zero
// until set.
func newSummaries(ids []string) Summaries {
	return Summaries{ids: ids, list: make([]Summary, len(ids))}
}

// index returns the position of id, or -1.
func (s Summaries) index(id string) int {
	if i, ok := slices.BinarySearch(s.ids, id); ok {
		return i
	}
	return -1
}

// Get returns the summary of id; the zero Summary (N 0) when there is none.
func (s Summaries) Get(id string) Summary {
	if i := s.index(id); i >= 0 {
		return s.list[i]
	}
	return Summary{}
}

// Len is the number of summaries.
func (s Summaries) Len() int { return len(s.list) }

// All yields the ids and their summaries in id order.
func (s Summaries) All() iter.Seq2[string, Summary] {
	return func(yield func(string, Summary) bool) {
		for i, id := range s.ids {
			if !yield(id, s.list[i]) {
				return
			}
		}
	}
}

// JSONShape returns the shape MarshalJSON writes s in, for tools that
// list the fields of the output (package codebook).
func (Summaries) JSONShape() any { return map[string]Summary{} }

// MarshalJSON writes s as the map of its summaries by id. Strings are
// written as they are: the encoder that calls it escapes HTML or not.
func (s Summaries) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	buf.WriteByte('{')
	for i, id := range s.ids {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := enc.Encode(id); err != nil {
			return nil, err
		}
		buf.Truncate(buf.Len() - 1) // Encode's newline
		buf.WriteByte(':')
		if err := enc.Encode(s.list[i]); err != nil {
			return nil, err
		}
		buf.Truncate(buf.Len() - 1)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (s *Summaries) UnmarshalJSON(data []byte) error {
	var m map[string]Summary
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	*s = NewSummaries(m)
	return nil
}
