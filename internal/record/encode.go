package record

import (
	stdjson "encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
)

// This file writes a Record as JSON by hand, byte for byte as
// encoding/json's Marshal writes it, which the golden files and every
// score file written so far hold: fields in declaration order with their
// tags, omitempty as encoding/json decides it (false, 0, "", nil pointer,
// empty map or slice), nil maps and slices as null, map keys sorted by
// bytes, strings escaped as encoding/json escapes them (<, >, & and
// U+2028/U+2029 as \u escapes, invalid UTF-8 as \ufffd) and numbers in
// its float format. Scoring spends a sixth of its time writing records;
// a reflective encoder spends most of that looking fields up. The tests
// hold it to encoding/json on scored articles, on edge cases and on
// records with every field filled at random (TestEncodeEveryField), which
// fails when a field is added to the record and not here.

// encoder encodes records one after another, reusing its buffers. It is
// not safe for concurrent use.
type encoder struct {
	b    []byte
	keys []string // sorted map keys, reused
	// bad is set when a float is NaN or infinite, which JSON cannot hold:
	// encode then lets encoding/json report the error.
	bad bool
}

// encode returns the JSON of r and a newline. The bytes are valid until
// the next call.
func (e *encoder) encode(r *Record) ([]byte, error) {
	e.b, e.bad = e.b[:0], false
	e.record(r)
	if e.bad {
		if _, err := stdjson.Marshal(r); err != nil {
			return nil, fmt.Errorf("encoding record %s: %w", r.ID, err)
		}
		panic("record: a float encoding/json accepts was refused")
	}
	e.b = append(e.b, '\n')
	return e.b, nil
}

func (e *encoder) record(r *Record) {
	e.b = append(e.b, `{"schema":`...)
	e.str(r.Schema)
	e.b = append(e.b, `,"id":`...)
	e.str(r.ID)
	e.b = append(e.b, `,"outlet":`...)
	e.str(r.Outlet)
	e.optStr(`,"group":`, r.Group)
	e.optStr(`,"title":`, r.Title)
	e.optStr(`,"date":`, r.Date)
	e.optStr(`,"date_original":`, r.DateOriginal)
	e.optStr(`,"date_source":`, r.DateSource)
	e.optStr(`,"url":`, r.URL)
	e.optStr(`,"source":`, r.Source)
	if r.TextLine != 0 {
		e.b = append(e.b, `,"text_line":`...)
		e.int(r.TextLine)
	}
	if len(r.Meta) > 0 {
		e.b = append(e.b, `,"meta":`...)
		writeMap(e, r.Meta, e.str)
	}
	e.b = append(e.b, `,"lexicon":`...)
	e.ref(r.Lexicon.Name, r.Lexicon.Version, r.Lexicon.SHA256)
	e.b = append(e.b, `,"tokens":`...)
	e.int(r.Tokens)
	e.b = append(e.b, `,"loaded":`...)
	e.int(r.Loaded)
	e.b = append(e.b, `,"loaded_per_1k":`...)
	e.float(r.LoadedPer1k)
	e.b = append(e.b, `,"loaded_by_voice":`...)
	writeMap(e, r.LoadedByVoice, e.int)
	e.b = append(e.b, `,"categories":`...)
	writeMap(e, r.Categories, e.int)
	e.b = append(e.b, `,"targets":`...)
	writeMap(e, r.Targets, e.target)
	e.b = append(e.b, `,"stance":`...)
	writeMap(e, r.Stance, e.axis)
	e.b = append(e.b, `,"matches":`...)
	writeList(e, r.Matches, e.match)
	if len(r.Dropped) > 0 {
		e.b = append(e.b, `,"dropped":`...)
		writeList(e, r.Dropped, e.corpusSpan)
	}
	if len(r.Quotes) > 0 {
		e.b = append(e.b, `,"quotes":`...)
		writeList(e, r.Quotes, e.corpusSpan)
	}
	if r.Credibility != nil {
		e.b = append(e.b, `,"credibility":`...)
		e.signals(r.Credibility)
	}
	e.optStr(`,"text":`, r.Text)
	e.b = append(e.b, '}')
}

// ref writes a lexicon's or the credibility rules' name, version and
// hash.
func (e *encoder) ref(name, version, sha256 string) {
	e.b = append(e.b, `{"name":`...)
	e.str(name)
	e.b = append(e.b, `,"version":`...)
	e.str(version)
	e.b = append(e.b, `,"sha256":`...)
	e.str(sha256)
	e.b = append(e.b, '}')
}

func (e *encoder) match(m *MatchRecord) {
	e.b = append(e.b, `{"start":`...)
	e.int(m.Start)
	e.b = append(e.b, `,"end":`...)
	e.int(m.End)
	e.b = append(e.b, `,"line":`...)
	e.int(m.Line)
	e.b = append(e.b, `,"col":`...)
	e.int(m.Col)
	e.b = append(e.b, `,"text":`...)
	e.str(m.Text)
	e.b = append(e.b, `,"entry":`...)
	e.str(m.Entry)
	e.b = append(e.b, `,"target":`...)
	e.str(m.Target)
	e.b = append(e.b, `,"valence":`...)
	e.float(m.Valence)
	e.b = append(e.b, `,"category":`...)
	e.str(m.Category)
	e.b = append(e.b, `,"voice":`...)
	e.str(string(m.Voice))
	if len(m.Contrib) > 0 {
		e.b = append(e.b, `,"contrib":`...)
		writeMap(e, m.Contrib, e.float)
	}
	e.optStr(`,"cue":`, m.Cue)
	e.b = append(e.b, '}')
}

func (e *encoder) corpusSpan(sp *corpus.Span) {
	e.b = append(e.b, `{"start":`...)
	e.int(sp.Start)
	e.b = append(e.b, `,"end":`...)
	e.int(sp.End)
	e.optStr(`,"reason":`, sp.Reason)
	e.b = append(e.b, '}')
}

func (e *encoder) target(t TargetScore) {
	e.b = append(e.b, `{"references":`...)
	e.int(t.References)
	e.b = append(e.b, `,"author":`...)
	e.int(t.Author)
	e.b = append(e.b, `,"loaded":`...)
	e.int(t.Loaded)
	e.b = append(e.b, `,"framing":`...)
	e.floatPtr(t.Framing)
	if t.QuoteFraming != nil {
		e.b = append(e.b, `,"quote_framing":`...)
		e.float(*t.QuoteFraming)
	}
	e.b = append(e.b, '}')
}

func (e *encoder) axis(a AxisScore) {
	e.b = append(e.b, `{"score":`...)
	e.float(a.Score)
	e.b = append(e.b, `,"n":`...)
	e.int(a.N)
	e.b = append(e.b, `,"quote_score":`...)
	e.float(a.QuoteScore)
	e.b = append(e.b, `,"quote_n":`...)
	e.int(a.QuoteN)
	e.b = append(e.b, `,"reported_score":`...)
	e.float(a.ReportedScore)
	e.b = append(e.b, `,"reported_n":`...)
	e.int(a.ReportedN)
	e.optTrue(`,"from_reported":true`, a.FromReported)
	e.b = append(e.b, `,"distanced_n":`...)
	e.int(a.DistancedN)
	e.b = append(e.b, '}')
}

func (e *encoder) signals(s *credibility.Signals) {
	e.b = append(e.b, `{"rules":`...)
	e.ref(s.Rules.Name, s.Rules.Version, s.Rules.SHA256)
	e.b = append(e.b, `,"attributions":`...)
	writeList(e, s.Attributions, e.attribution)
	e.b = append(e.b, `,"vague_sources":`...)
	writeList(e, s.VagueSources, e.vague)
	so := &s.Sourcing
	e.b = append(e.b, `,"sourcing":{"claims":`...)
	e.int(so.Claims)
	e.b = append(e.b, `,"unsourced":`...)
	e.int(so.Unsourced)
	e.b = append(e.b, `,"unsourced_share":`...)
	e.floatPtr(so.UnsourcedShare)
	e.b = append(e.b, `,"loaded":`...)
	e.int(so.Loaded)
	e.b = append(e.b, `,"unsourced_spans":`...)
	writeList(e, so.UnsourcedSpans, e.reasoned)
	e.b = append(e.b, `},"cited":`...)
	writeList(e, s.Cited, e.citation)
	e.b = append(e.b, `,"sides":`...)
	writeMap(e, s.Sides, e.int)
	e.b = append(e.b, `,"quotes":`...)
	e.quotes(&s.Quotes)
	e.b = append(e.b, `,"hedges":`...)
	e.markers(&s.Hedges)
	e.b = append(e.b, `,"certainty":`...)
	e.markers(&s.Certainty)
	e.b = append(e.b, `,"intensifiers":`...)
	e.markers(&s.Intensifiers)
	e.b = append(e.b, `,"debris":{"count":`...)
	e.int(s.Debris.Count)
	e.b = append(e.b, `,"reasons":`...)
	writeMap(e, s.Debris.Reasons, e.int)
	e.b = append(e.b, `,"spans":`...)
	writeList(e, s.Debris.Spans, e.reasoned)
	e.b = append(e.b, "}}"...)
}

func (e *encoder) attribution(a *credibility.Attribution) {
	e.spanStart(a.Start, a.End, a.Text)
	e.b = append(e.b, `,"verb":`...)
	e.str(a.Verb)
	e.b = append(e.b, `,"loaded":`...)
	e.bool(a.Loaded)
	e.optTrue(`,"passive":true`, a.Passive)
	e.b = append(e.b, `,"source":`...)
	e.source(a.Source)
	e.b = append(e.b, `,"identified":`...)
	e.bool(a.Identified)
	e.b = append(e.b, '}')
}

// source writes a source phrase, null for nil.
func (e *encoder) source(s *credibility.Source) {
	if s == nil {
		e.b = append(e.b, "null"...)
		return
	}
	e.spanStart(s.Start, s.End, s.Text)
	e.b = append(e.b, `,"kind":`...)
	e.str(s.Kind)
	e.b = append(e.b, `,"named":`...)
	e.bool(s.Named)
	e.optStr(`,"registry":`, s.Registry)
	e.optStr(`,"side":`, s.Side)
	e.optStr(`,"resolved":`, s.Resolved)
	if s.Via != nil {
		e.b = append(e.b, `,"via":`...)
		e.span(s.Via)
	}
	e.b = append(e.b, '}')
}

func (e *encoder) span(s *credibility.Span) {
	e.spanStart(s.Start, s.End, s.Text)
	e.b = append(e.b, '}')
}

func (e *encoder) vague(v *credibility.Vague) {
	e.spanStart(v.Start, v.End, v.Text)
	e.b = append(e.b, `,"rule":`...)
	e.str(v.Rule)
	e.optTrue(`,"attribution":true`, v.Attribution)
	e.b = append(e.b, '}')
}

func (e *encoder) reasoned(r *credibility.Reasoned) {
	e.spanStart(r.Start, r.End, r.Text)
	e.b = append(e.b, `,"reason":`...)
	e.str(r.Reason)
	e.b = append(e.b, '}')
}

func (e *encoder) citation(c *credibility.Citation) {
	e.b = append(e.b, `{"name":`...)
	e.str(c.Name)
	e.b = append(e.b, `,"kind":`...)
	e.str(c.Kind)
	e.b = append(e.b, `,"side":`...)
	e.str(c.Side)
	e.optStr(`,"country":`, c.Country)
	e.optTrue(`,"self":true`, c.Self)
	e.b = append(e.b, `,"citations":`...)
	e.int(c.Citations)
	e.b = append(e.b, `,"spans":`...)
	writeList(e, c.Spans, e.citationSpan)
	e.b = append(e.b, '}')
}

func (e *encoder) citationSpan(s *credibility.CitationSpan) {
	e.spanStart(s.Start, s.End, s.Text)
	e.b = append(e.b, `,"role":`...)
	e.str(s.Role)
	e.b = append(e.b, '}')
}

func (e *encoder) quotes(q *credibility.Quotes) {
	e.b = append(e.b, `{"count":`...)
	e.int(q.Count)
	e.b = append(e.b, `,"scare":`...)
	e.int(q.Scare)
	e.b = append(e.b, `,"words":`...)
	e.int(q.Words)
	e.b = append(e.b, `,"share_of_text":`...)
	e.float(q.ShareOfText)
	e.b = append(e.b, `,"quotations":`...)
	writeList(e, q.Quotations, e.quotation)
	e.b = append(e.b, `,"speakers":`...)
	writeList(e, q.Speakers, e.speaker)
	e.b = append(e.b, '}')
}

func (e *encoder) quotation(q *credibility.Quotation) {
	e.b = append(e.b, `{"start":`...)
	e.int(q.Start)
	e.b = append(e.b, `,"end":`...)
	e.int(q.End)
	e.b = append(e.b, `,"words":`...)
	e.int(q.Words)
	e.optTrue(`,"scare":true`, q.Scare)
	if q.Speaker != nil {
		e.b = append(e.b, `,"speaker":`...)
		e.source(q.Speaker)
	}
	e.optStr(`,"by":`, q.By)
	e.b = append(e.b, '}')
}

func (e *encoder) speaker(s *credibility.Speaker) {
	e.b = append(e.b, `{"name":`...)
	e.str(s.Name)
	e.b = append(e.b, `,"named":`...)
	e.bool(s.Named)
	e.b = append(e.b, `,"quotations":`...)
	e.int(s.Quotations)
	e.b = append(e.b, `,"spans":`...)
	writeList(e, s.Spans, e.span)
	e.b = append(e.b, '}')
}

func (e *encoder) markers(m *credibility.Markers) {
	e.b = append(e.b, `{"count":`...)
	e.int(m.Count)
	e.b = append(e.b, `,"author":`...)
	e.int(m.Author)
	e.b = append(e.b, `,"spans":`...)
	writeList(e, m.Spans, e.marker)
	e.b = append(e.b, '}')
}

func (e *encoder) marker(m *credibility.Marker) {
	e.spanStart(m.Start, m.End, m.Text)
	e.b = append(e.b, `,"term":`...)
	e.str(m.Term)
	e.optTrue(`,"in_quote":true`, m.InQuote)
	e.b = append(e.b, '}')
}

// sortedKeys returns m's keys in encoding/json's order (by bytes), in a
// buffer the next call reuses.
func sortedKeys[K ~string, V any](e *encoder, m map[K]V) []string {
	e.keys = e.keys[:0]
	for k := range m {
		e.keys = append(e.keys, string(k))
	}
	slices.Sort(e.keys)
	return e.keys
}

// writeMap writes m as a JSON object, its keys sorted, each value with
// value; null for a nil map.
func writeMap[K ~string, V any](e *encoder, m map[K]V, value func(V)) {
	if m == nil {
		e.b = append(e.b, "null"...)
		return
	}
	e.b = append(e.b, '{')
	for i, k := range sortedKeys(e, m) {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.str(k)
		e.b = append(e.b, ':')
		value(m[K(k)])
	}
	e.b = append(e.b, '}')
}

// writeList writes items as a JSON array, each with item; null for a nil
// slice.
func writeList[T any](e *encoder, items []T, item func(*T)) {
	if items == nil {
		e.b = append(e.b, "null"...)
		return
	}
	e.b = append(e.b, '[')
	for i := range items {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		item(&items[i])
	}
	e.b = append(e.b, ']')
}

// spanStart opens the object of a span: start, end and text, the first
// fields of every span of the credibility signals.
func (e *encoder) spanStart(start, end int, text string) {
	e.b = append(e.b, `{"start":`...)
	e.int(start)
	e.b = append(e.b, `,"end":`...)
	e.int(end)
	e.b = append(e.b, `,"text":`...)
	e.str(text)
}

func (e *encoder) optStr(name, s string) {
	if s != "" {
		e.b = append(e.b, name...)
		e.str(s)
	}
}

// optTrue writes field (name and value) when v is true: an omitempty
// bool.
func (e *encoder) optTrue(field string, v bool) {
	if v {
		e.b = append(e.b, field...)
	}
}

func (e *encoder) int(n int) { e.b = strconv.AppendInt(e.b, int64(n), 10) }

func (e *encoder) bool(v bool) { e.b = strconv.AppendBool(e.b, v) }

func (e *encoder) floatPtr(f *float64) {
	if f == nil {
		e.b = append(e.b, "null"...)
		return
	}
	e.float(*f)
}

// float writes f as encoding/json does: the shortest decimal that reads
// back as f, in exponent form below 1e-6 and from 1e21 on, with a
// one-digit negative exponent unpadded (1e-7, not 1e-07).
func (e *encoder) float(f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		e.bad = true
		e.b = append(e.b, '0')
		return
	}
	if f == 0 {
		// The commonest number of a record; -0 keeps its sign.
		if math.Signbit(f) {
			e.b = append(e.b, "-0"...)
		} else {
			e.b = append(e.b, '0')
		}
		return
	}
	abs := math.Abs(f)
	if abs >= 1e-6 && abs < 1e21 {
		e.b = strconv.AppendFloat(e.b, f, 'f', -1, 64)
		return
	}
	e.b = strconv.AppendFloat(e.b, f, 'e', -1, 64)
	if n := len(e.b); n >= 4 && e.b[n-4] == 'e' && e.b[n-3] == '-' && e.b[n-2] == '0' {
		e.b[n-2] = e.b[n-1]
		e.b = e.b[:n-1]
	}
}

// hexDigits are encoding/json's digits for \u escapes.
const hexDigits = "0123456789abcdef"

// plainByte marks the ASCII bytes encoding/json writes as they are: not
// a control character, a quotation mark, a backslash or <, > and &.
var plainByte = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// str writes s as a JSON string, escaped as encoding/json escapes it.
func (e *encoder) str(s string) {
	b := append(e.b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if plainByte[c] {
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
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	e.b = append(b, '"')
}
