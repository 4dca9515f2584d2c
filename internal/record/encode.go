package record

import (
	"encoding/json"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/corpus"
)

// appendRecord appends the JSON of r, byte for byte what encoding/json
// writes for a Record, without reflection or sorting maps by reflection:
// writing records was a tenth of the cost of compare score. The
// credibility signals and meta, rarer and varied, still go through
// encoding/json. TestAppendRecord holds the two to the same bytes.
func appendRecord(b []byte, r *Record) ([]byte, error) {
	b = append(b, `{"schema":`...)
	b = appendString(b, r.Schema)
	b = append(b, `,"id":`...)
	b = appendString(b, r.ID)
	b = append(b, `,"outlet":`...)
	b = appendString(b, r.Outlet)
	b = appendOptString(b, `,"group":`, r.Group)
	b = appendOptString(b, `,"title":`, r.Title)
	b = appendOptString(b, `,"date":`, r.Date)
	b = appendOptString(b, `,"url":`, r.URL)
	b = appendOptString(b, `,"source":`, r.Source)
	if len(r.Meta) > 0 {
		meta, err := json.Marshal(r.Meta)
		if err != nil {
			return b, err
		}
		b = append(b, `,"meta":`...)
		b = append(b, meta...)
	}
	b = append(b, `,"lexicon":{"name":`...)
	b = appendString(b, r.Lexicon.Name)
	b = append(b, `,"version":`...)
	b = appendString(b, r.Lexicon.Version)
	b = append(b, `,"sha256":`...)
	b = appendString(b, r.Lexicon.SHA256)
	b = append(b, `},"tokens":`...)
	b = strconv.AppendInt(b, int64(r.Tokens), 10)
	b = append(b, `,"loaded":`...)
	b = strconv.AppendInt(b, int64(r.Loaded), 10)
	b = append(b, `,"loaded_per_1k":`...)
	b = appendFloat(b, r.LoadedPer1k)
	b = append(b, `,"loaded_by_voice":`...)
	b = appendIntMap(b, r.LoadedByVoice)
	b = append(b, `,"categories":`...)
	b = appendIntMap(b, r.Categories)
	b = append(b, `,"targets":`...)
	if r.Targets == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '{')
		for i, id := range slices.Sorted(maps.Keys(r.Targets)) {
			t := r.Targets[id]
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, id)
			b = append(b, `:{"references":`...)
			b = strconv.AppendInt(b, int64(t.References), 10)
			b = append(b, `,"author":`...)
			b = strconv.AppendInt(b, int64(t.Author), 10)
			b = append(b, `,"loaded":`...)
			b = strconv.AppendInt(b, int64(t.Loaded), 10)
			b = append(b, `,"framing":`...)
			if t.Framing == nil {
				b = append(b, "null"...)
			} else {
				b = appendFloat(b, *t.Framing)
			}
			if t.QuoteFraming != nil {
				b = append(b, `,"quote_framing":`...)
				b = appendFloat(b, *t.QuoteFraming)
			}
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	b = append(b, `,"stance":`...)
	if r.Stance == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '{')
		for i, id := range slices.Sorted(maps.Keys(r.Stance)) {
			s := r.Stance[id]
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, id)
			b = append(b, `:{"score":`...)
			b = appendFloat(b, s.Score)
			b = append(b, `,"n":`...)
			b = strconv.AppendInt(b, int64(s.N), 10)
			b = append(b, `,"quote_score":`...)
			b = appendFloat(b, s.QuoteScore)
			b = append(b, `,"quote_n":`...)
			b = strconv.AppendInt(b, int64(s.QuoteN), 10)
			b = append(b, `,"distanced_n":`...)
			b = strconv.AppendInt(b, int64(s.DistancedN), 10)
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	b = append(b, `,"matches":`...)
	if r.Matches == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Matches {
			m := &r.Matches[i]
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"start":`...)
			b = strconv.AppendInt(b, int64(m.Start), 10)
			b = append(b, `,"end":`...)
			b = strconv.AppendInt(b, int64(m.End), 10)
			b = append(b, `,"line":`...)
			b = strconv.AppendInt(b, int64(m.Line), 10)
			b = append(b, `,"col":`...)
			b = strconv.AppendInt(b, int64(m.Col), 10)
			b = append(b, `,"text":`...)
			b = appendString(b, m.Text)
			b = append(b, `,"entry":`...)
			b = appendString(b, m.Entry)
			b = append(b, `,"target":`...)
			b = appendString(b, m.Target)
			b = append(b, `,"valence":`...)
			b = appendFloat(b, m.Valence)
			b = append(b, `,"category":`...)
			b = appendString(b, m.Category)
			b = append(b, `,"voice":`...)
			b = appendString(b, string(m.Voice))
			if len(m.Contrib) > 0 {
				b = append(b, `,"contrib":{`...)
				for j, axis := range slices.Sorted(maps.Keys(m.Contrib)) {
					if j > 0 {
						b = append(b, ',')
					}
					b = appendString(b, axis)
					b = append(b, ':')
					b = appendFloat(b, m.Contrib[axis])
				}
				b = append(b, '}')
			}
			b = appendOptString(b, `,"cue":`, m.Cue)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = appendSpans(b, `,"dropped":`, r.Dropped)
	b = appendSpans(b, `,"quotes":`, r.Quotes)
	if r.Credibility != nil {
		cred, err := json.Marshal(r.Credibility)
		if err != nil {
			return b, err
		}
		b = append(b, `,"credibility":`...)
		b = append(b, cred...)
	}
	b = appendOptString(b, `,"text":`, r.Text)
	return append(b, '}'), nil
}

func appendOptString(b []byte, key, s string) []byte {
	if s == "" {
		return b
	}
	return appendString(append(b, key...), s)
}

func appendIntMap[K ~string](b []byte, m map[K]int) []byte {
	if m == nil {
		return append(b, "null"...)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, string(k))
	}
	sort.Strings(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(m[K(k)]), 10)
	}
	return append(b, '}')
}

func appendSpans(b []byte, key string, spans []corpus.Span) []byte {
	if len(spans) == 0 {
		return b
	}
	b = append(b, key...)
	b = append(b, '[')
	for i, s := range spans {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"start":`...)
		b = strconv.AppendInt(b, int64(s.Start), 10)
		b = append(b, `,"end":`...)
		b = strconv.AppendInt(b, int64(s.End), 10)
		b = appendOptString(b, `,"reason":`, s.Reason)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendFloat formats f as encoding/json does.
func appendFloat(b []byte, f float64) []byte {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		// encoding/json refuses these; scores never hold them.
		panic("stance: non-finite number in a record")
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendString quotes s as encoding/json does with its default HTML
// escaping: <, > and & as \u003c, \u003e, \u0026, U+2028 and U+2029
// escaped, invalid UTF-8 as \ufffd.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
