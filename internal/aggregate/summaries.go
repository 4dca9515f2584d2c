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
// each, and a map of a dozen summaries costs kilobytes. Only summaries of
// at least one value are stored; the others are the zero Summary (N 0),
// which is what a summary of no value is. The zero value holds none.
type Summaries struct {
	ids  []string // sorted; shared by the units of a Comparison
	at   []int32  // positions in ids of the summaries in list, ascending
	list []Summary
}

// NewSummaries returns the summaries of m.
func NewSummaries(m map[string]Summary) Summaries {
	s := Summaries{ids: slices.Sorted(maps.Keys(m))}
	for i, id := range s.ids {
		s.set(i, m[id])
	}
	return s
}

// set stores v as the summary of ids[i]; i must be above those stored.
func (s *Summaries) set(i int, v Summary) {
	if v != (Summary{}) {
		s.at = append(s.at, int32(i))
		s.list = append(s.list, v)
	}
}

// Get returns the summary of id; the zero Summary (N 0) when there is none.
func (s Summaries) Get(id string) Summary {
	i, ok := slices.BinarySearch(s.ids, id)
	if !ok {
		return Summary{}
	}
	if k, ok := slices.BinarySearch(s.at, int32(i)); ok {
		return s.list[k]
	}
	return Summary{}
}

// Len is the number of summaries, those of no value included.
func (s Summaries) Len() int { return len(s.ids) }

// All yields the ids and their summaries in id order.
func (s Summaries) All() iter.Seq2[string, Summary] {
	return func(yield func(string, Summary) bool) {
		k := 0
		for i, id := range s.ids {
			var v Summary
			if k < len(s.at) && int(s.at[k]) == i {
				v = s.list[k]
				k++
			}
			if !yield(id, v) {
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
	for id, v := range s.All() {
		if buf.Len() > 1 {
			buf.WriteByte(',')
		}
		if err := enc.Encode(id); err != nil {
			return nil, err
		}
		buf.Truncate(buf.Len() - 1) // Encode's newline
		buf.WriteByte(':')
		if err := enc.Encode(v); err != nil {
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
