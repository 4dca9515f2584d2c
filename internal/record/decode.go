package record

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/corpus"
)

// This file decodes score records without reflection. encoding/json spends
// most of `compare stats --scores` decoding: this decoder does the same
// work about three times faster, for the records compare writes. It gives
// up, returning false, on anything it does not handle exactly as
// encoding/json would (a key in another case or repeated, a null where
// there is no pointer, an escaped key, invalid UTF-8, a number out of
// range); decodeRecord then decodes the line with encoding/json, which
// also writes the error messages. FuzzDecodeFast checks that whatever it
// accepts, encoding/json decodes to the same record.

// decodeFast decodes line into rec and reports whether it could.
// Top-level fields named in skip are checked but not decoded.
func decodeFast(line []byte, rec *Record, skip []string) bool {
	p := jsonParser{b: line}
	var generic []string
	ok := p.object(func(key []byte, seen *uint64) bool {
		if len(skip) > 0 && slices.Contains(skip, string(key)) {
			if slices.Contains(generic, string(key)) {
				return false
			}
			generic = append(generic, string(key))
			return p.skip()
		}
		switch string(key) {
		case "schema":
			return p.once(seen, 0) && p.stringInto(&rec.Schema)
		case "id":
			return p.once(seen, 1) && p.stringInto(&rec.ID)
		case "outlet":
			return p.once(seen, 2) && p.stringInto(&rec.Outlet)
		case "group":
			return p.once(seen, 3) && p.stringInto(&rec.Group)
		case "title":
			return p.once(seen, 4) && p.stringInto(&rec.Title)
		case "date":
			return p.once(seen, 5) && p.stringInto(&rec.Date)
		case "url":
			return p.once(seen, 6) && p.stringInto(&rec.URL)
		case "source":
			return p.once(seen, 7) && p.stringInto(&rec.Source)
		case "meta":
			return p.once(seen, 8) && p.stringMap(&rec.Meta)
		case "lexicon":
			return p.once(seen, 9) && p.lexicon(&rec.Lexicon)
		case "tokens":
			return p.once(seen, 10) && p.intInto(&rec.Tokens)
		case "loaded":
			return p.once(seen, 11) && p.intInto(&rec.Loaded)
		case "loaded_per_1k":
			return p.once(seen, 12) && p.floatInto(&rec.LoadedPer1k)
		case "loaded_by_voice":
			if !p.once(seen, 13) {
				return false
			}
			if rec.LoadedByVoice == nil {
				rec.LoadedByVoice = map[Voice]int{}
			}
			return p.object(func(k []byte, _ *uint64) bool {
				var n int
				if !p.intInto(&n) {
					return false
				}
				rec.LoadedByVoice[Voice(k)] = n
				return true
			})
		case "categories":
			if !p.once(seen, 14) {
				return false
			}
			if rec.Categories == nil {
				rec.Categories = map[string]int{}
			}
			return p.object(func(k []byte, _ *uint64) bool {
				var n int
				if !p.intInto(&n) {
					return false
				}
				rec.Categories[string(k)] = n
				return true
			})
		case "targets":
			if !p.once(seen, 15) {
				return false
			}
			if rec.Targets == nil {
				rec.Targets = map[string]TargetScore{}
			}
			return p.object(func(k []byte, _ *uint64) bool {
				var t TargetScore
				if !p.targetScore(&t) {
					return false
				}
				rec.Targets[string(k)] = t
				return true
			})
		case "stance":
			if !p.once(seen, 16) {
				return false
			}
			if rec.Stance == nil {
				rec.Stance = map[string]AxisScore{}
			}
			return p.object(func(k []byte, _ *uint64) bool {
				var a AxisScore
				if !p.axisScore(&a) {
					return false
				}
				rec.Stance[string(k)] = a
				return true
			})
		case "matches":
			return p.once(seen, 17) && p.matches(&rec.Matches)
		case "dropped":
			return p.once(seen, 18) && p.spans(&rec.Dropped)
		case "text":
			return p.once(seen, 19) && p.stringInto(&rec.Text)
		case "quotes":
			return p.once(seen, 20) && p.spans(&rec.Quotes)
		}
		if idx, ok := recordIndex[string(key)]; ok {
			// A field this decoder does not know in detail (credibility
			// signals): encoding/json decodes its value alone.
			if slices.Contains(generic, string(key)) {
				return false
			}
			generic = append(generic, string(key))
			return p.decodeField(reflect.ValueOf(rec).Elem().FieldByIndex(idx))
		}
		return p.unknown(key, recordIndex)
	})
	if !ok {
		return false
	}
	p.ws()
	return p.i == len(p.b)
}

// The JSON names of the fields of each type the decoder reads, with the
// fields' indexes. A key that names a field the decoder does not handle
// itself makes it give up (or, at the top level, decode that field with
// encoding/json), so a field added to these types later is never lost.
var (
	recordIndex  = jsonFieldIndex(reflect.TypeFor[Record]())
	lexiconIndex = jsonFieldIndex(reflect.TypeFor[LexiconRef]())
	targetIndex  = jsonFieldIndex(reflect.TypeFor[TargetScore]())
	axisIndex    = jsonFieldIndex(reflect.TypeFor[AxisScore]())
	matchIndex   = jsonFieldIndex(reflect.TypeFor[MatchRecord]())
	spanIndex    = jsonFieldIndex(reflect.TypeFor[corpus.Span]())
)

// jsonFieldIndex maps the JSON name of each exported field of the struct
// type t to its index, as encoding/json names them.
func jsonFieldIndex(t reflect.Type) map[string][]int {
	m := map[string][]int{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		m[name] = f.Index
	}
	return m
}

// decodeField decodes the next value into v with encoding/json.
func (p *jsonParser) decodeField(v reflect.Value) bool {
	p.ws()
	start := p.i
	if !p.skip() {
		return false
	}
	return json.Unmarshal(p.b[start:p.i], v.Addr().Interface()) == nil
}

func (p *jsonParser) lexicon(l *LexiconRef) bool {
	return p.object(func(key []byte, seen *uint64) bool {
		switch string(key) {
		case "name":
			return p.once(seen, 0) && p.stringInto(&l.Name)
		case "version":
			return p.once(seen, 1) && p.stringInto(&l.Version)
		case "sha256":
			return p.once(seen, 2) && p.stringInto(&l.SHA256)
		}
		return p.unknown(key, lexiconIndex)
	})
}

func (p *jsonParser) targetScore(t *TargetScore) bool {
	return p.object(func(key []byte, seen *uint64) bool {
		switch string(key) {
		case "references":
			return p.once(seen, 0) && p.intInto(&t.References)
		case "author":
			return p.once(seen, 1) && p.intInto(&t.Author)
		case "loaded":
			return p.once(seen, 2) && p.intInto(&t.Loaded)
		case "framing":
			return p.once(seen, 3) && p.floatPtr(&t.Framing)
		case "quote_framing":
			return p.once(seen, 4) && p.floatPtr(&t.QuoteFraming)
		}
		return p.unknown(key, targetIndex)
	})
}

func (p *jsonParser) axisScore(a *AxisScore) bool {
	return p.object(func(key []byte, seen *uint64) bool {
		switch string(key) {
		case "score":
			return p.once(seen, 0) && p.floatInto(&a.Score)
		case "n":
			return p.once(seen, 1) && p.intInto(&a.N)
		case "quote_score":
			return p.once(seen, 2) && p.floatInto(&a.QuoteScore)
		case "quote_n":
			return p.once(seen, 3) && p.intInto(&a.QuoteN)
		case "distanced_n":
			return p.once(seen, 4) && p.intInto(&a.DistancedN)
		}
		return p.unknown(key, axisIndex)
	})
}

func (p *jsonParser) matches(ms *[]MatchRecord) bool {
	if *ms == nil {
		*ms = []MatchRecord{}
	}
	return p.array(func() bool {
		var m MatchRecord
		ok := p.object(func(key []byte, seen *uint64) bool {
			switch string(key) {
			case "start":
				return p.once(seen, 0) && p.intInto(&m.Start)
			case "end":
				return p.once(seen, 1) && p.intInto(&m.End)
			case "line":
				return p.once(seen, 2) && p.intInto(&m.Line)
			case "col":
				return p.once(seen, 3) && p.intInto(&m.Col)
			case "text":
				return p.once(seen, 4) && p.stringInto(&m.Text)
			case "entry":
				return p.once(seen, 5) && p.stringInto(&m.Entry)
			case "target":
				return p.once(seen, 6) && p.stringInto(&m.Target)
			case "valence":
				return p.once(seen, 7) && p.floatInto(&m.Valence)
			case "category":
				return p.once(seen, 8) && p.stringInto(&m.Category)
			case "voice":
				var v string
				ok := p.once(seen, 9) && p.stringInto(&v)
				m.Voice = Voice(v)
				return ok
			case "contrib":
				if !p.once(seen, 10) {
					return false
				}
				m.Contrib = map[string]float64{}
				return p.object(func(k []byte, _ *uint64) bool {
					var f float64
					if !p.floatInto(&f) {
						return false
					}
					m.Contrib[string(k)] = f
					return true
				})
			case "cue":
				return p.once(seen, 11) && p.stringInto(&m.Cue)
			}
			return p.unknown(key, matchIndex)
		})
		*ms = append(*ms, m)
		return ok
	})
}

func (p *jsonParser) spans(ss *[]corpus.Span) bool {
	if *ss == nil {
		*ss = []corpus.Span{}
	}
	return p.array(func() bool {
		var s corpus.Span
		ok := p.object(func(key []byte, seen *uint64) bool {
			switch string(key) {
			case "start":
				return p.once(seen, 0) && p.intInto(&s.Start)
			case "end":
				return p.once(seen, 1) && p.intInto(&s.End)
			case "reason":
				return p.once(seen, 2) && p.stringInto(&s.Reason)
			}
			return p.unknown(key, spanIndex)
		})
		*ss = append(*ss, s)
		return ok
	})
}

func (p *jsonParser) stringMap(m *map[string]string) bool {
	if *m == nil {
		*m = map[string]string{}
	}
	return p.object(func(k []byte, _ *uint64) bool {
		var s string
		if !p.stringInto(&s) {
			return false
		}
		(*m)[string(k)] = s
		return true
	})
}

// jsonParser reads JSON values from b, strictly: every method returns
// false on input it does not accept.
type jsonParser struct {
	b     []byte
	i     int
	depth int
}

// maxDepth bounds nesting; encoding/json refuses deeper input than it
// allows, so the fast path must not accept it either.
const maxDepth = 512

func (p *jsonParser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// once records that field bit has been seen; a repeated key is left to
// encoding/json, which merges repeated objects.
func (p *jsonParser) once(seen *uint64, bit uint) bool {
	if *seen&(1<<bit) != 0 {
		return false
	}
	*seen |= 1 << bit
	return true
}

// unknown skips the value of a key the struct has no field for, as
// encoding/json does. It gives up when the key names a field after all:
// one this decoder does not handle, or one in another case, which
// encoding/json would decode into the field.
func (p *jsonParser) unknown(key []byte, fields map[string][]int) bool {
	if _, ok := fields[string(key)]; ok {
		return false
	}
	for f := range fields {
		if strings.EqualFold(f, string(key)) {
			return false
		}
	}
	return p.skip()
}

// object reads an object, calling member for each key with the value
// still to read. seen is a set of field bits for member to use.
func (p *jsonParser) object(member func(key []byte, seen *uint64) bool) bool {
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != '{' || p.depth >= maxDepth {
		return false
	}
	p.i++
	p.depth++
	defer func() { p.depth-- }()
	var seen uint64
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
		return true
	}
	for {
		p.ws()
		key, ok := p.rawKey()
		if !ok {
			return false
		}
		p.ws()
		if p.i >= len(p.b) || p.b[p.i] != ':' {
			return false
		}
		p.i++
		if !member(key, &seen) {
			return false
		}
		p.ws()
		if p.i >= len(p.b) {
			return false
		}
		switch p.b[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return true
		default:
			return false
		}
	}
}

func (p *jsonParser) array(elem func() bool) bool {
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != '[' || p.depth >= maxDepth {
		return false
	}
	p.i++
	p.depth++
	defer func() { p.depth-- }()
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		return true
	}
	for {
		if !elem() {
			return false
		}
		p.ws()
		if p.i >= len(p.b) {
			return false
		}
		switch p.b[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return true
		default:
			return false
		}
	}
}

// rawKey reads a key without escapes, valid UTF-8.
func (p *jsonParser) rawKey() ([]byte, bool) {
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return nil, false
	}
	start := p.i + 1
	for j := start; j < len(p.b); j++ {
		switch c := p.b[j]; {
		case c == '"':
			p.i = j + 1
			key := p.b[start:j]
			return key, utf8.Valid(key)
		case c == '\\' || c < 0x20:
			return nil, false
		}
	}
	return nil, false
}

func (p *jsonParser) stringInto(dst *string) bool {
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return false
	}
	start := p.i + 1
	j := start
	for j < len(p.b) && p.b[j] != '"' && p.b[j] != '\\' && p.b[j] >= 0x20 {
		j++
	}
	if j < len(p.b) && p.b[j] == '"' {
		raw := p.b[start:j]
		if !utf8.Valid(raw) {
			return false // encoding/json replaces invalid bytes: let it
		}
		*dst = string(raw)
		p.i = j + 1
		return true
	}
	// Escapes: unquote the rest.
	out := append(make([]byte, 0, j-start+16), p.b[start:j]...)
	for j < len(p.b) {
		c := p.b[j]
		switch {
		case c == '"':
			if !utf8.Valid(out) {
				return false
			}
			*dst = string(out)
			p.i = j + 1
			return true
		case c < 0x20:
			return false
		case c != '\\':
			out = append(out, c)
			j++
			continue
		}
		if j+1 >= len(p.b) {
			return false
		}
		switch p.b[j+1] {
		case '"', '\\', '/':
			out = append(out, p.b[j+1])
			j += 2
		case 'b':
			out, j = append(out, '\b'), j+2
		case 'f':
			out, j = append(out, '\f'), j+2
		case 'n':
			out, j = append(out, '\n'), j+2
		case 'r':
			out, j = append(out, '\r'), j+2
		case 't':
			out, j = append(out, '\t'), j+2
		case 'u':
			r, ok := hex4(p.b, j+2)
			if !ok {
				return false
			}
			j += 6
			// As encoding/json: a surrogate pair makes one rune, a lone
			// surrogate becomes U+FFFD.
			if utf16.IsSurrogate(r) {
				r2, ok2 := rune(-1), false
				if j+1 < len(p.b) && p.b[j] == '\\' && p.b[j+1] == 'u' {
					r2, ok2 = hex4(p.b, j+2)
				}
				if ok2 {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						out = utf8.AppendRune(out, dec)
						j += 6
						continue
					}
				}
				r = utf8.RuneError
			}
			out = utf8.AppendRune(out, r)
		default:
			return false
		}
	}
	return false
}

func hex4(b []byte, at int) (rune, bool) {
	if at+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[at : at+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	return r, true
}

// number returns the text of a JSON number and whether it is an integer
// (no fraction, no exponent).
func (p *jsonParser) number() (text []byte, integer, ok bool) {
	p.ws()
	start, j := p.i, p.i
	if j < len(p.b) && p.b[j] == '-' {
		j++
	}
	switch {
	case j < len(p.b) && p.b[j] == '0':
		j++
	case j < len(p.b) && '1' <= p.b[j] && p.b[j] <= '9':
		for j < len(p.b) && '0' <= p.b[j] && p.b[j] <= '9' {
			j++
		}
	default:
		return nil, false, false
	}
	integer = true
	if j < len(p.b) && p.b[j] == '.' {
		integer = false
		j++
		d := j
		for j < len(p.b) && '0' <= p.b[j] && p.b[j] <= '9' {
			j++
		}
		if j == d {
			return nil, false, false
		}
	}
	if j < len(p.b) && (p.b[j] == 'e' || p.b[j] == 'E') {
		integer = false
		j++
		if j < len(p.b) && (p.b[j] == '+' || p.b[j] == '-') {
			j++
		}
		d := j
		for j < len(p.b) && '0' <= p.b[j] && p.b[j] <= '9' {
			j++
		}
		if j == d {
			return nil, false, false
		}
	}
	p.i = j
	return p.b[start:j], integer, true
}

func (p *jsonParser) intInto(dst *int) bool {
	text, integer, ok := p.number()
	if !ok || !integer {
		return false
	}
	n, err := strconv.Atoi(string(text))
	if err != nil {
		return false
	}
	*dst = n
	return true
}

func (p *jsonParser) floatInto(dst *float64) bool {
	text, _, ok := p.number()
	if !ok {
		return false
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil {
		return false
	}
	*dst = f
	return true
}

// floatPtr reads a number or null into a *float64 field.
func (p *jsonParser) floatPtr(dst **float64) bool {
	p.ws()
	if bytes.HasPrefix(p.b[p.i:], []byte("null")) {
		p.i += 4
		*dst = nil
		return true
	}
	var f float64
	if !p.floatInto(&f) {
		return false
	}
	*dst = &f
	return true
}

// skip reads any JSON value and checks that it is well formed.
func (p *jsonParser) skip() bool {
	p.ws()
	if p.i >= len(p.b) {
		return false
	}
	switch c := p.b[p.i]; {
	case c == '{':
		return p.object(func(key []byte, _ *uint64) bool { return p.skip() })
	case c == '[':
		return p.array(p.skip)
	case c == '"':
		var s string
		return p.stringInto(&s)
	case c == '-' || '0' <= c && c <= '9':
		_, _, ok := p.number()
		return ok
	}
	for _, lit := range []string{"true", "false", "null"} {
		if bytes.HasPrefix(p.b[p.i:], []byte(lit)) {
			p.i += len(lit)
			return true
		}
	}
	return false
}
