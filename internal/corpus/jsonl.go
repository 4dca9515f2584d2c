package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
)

// lineReader reads lines of any length up to a limit, holding one line at a
// time. Unlike bufio.Scanner it does not fail on a long line: it reports
// it, keeps its opening for the error record, and goes on.
type lineReader struct {
	br   *bufio.Reader
	max  int64
	line int
	buf  []byte
}

// next returns the next line without its line ending. When the line is
// longer than max, tooLong is set and line holds only its first KiB. The
// slice is valid until the next call. After the last line err is io.EOF.
func (lr *lineReader) next() (line []byte, tooLong bool, err error) {
	lr.buf = lr.buf[:0]
	var n int64 // length of the line so far
	for {
		frag, err := lr.br.ReadSlice('\n')
		n += int64(len(frag))
		switch {
		case n <= lr.max+2: // room for "\r\n"
			lr.buf = append(lr.buf, frag...)
		case len(lr.buf) < recordLimit:
			lr.buf = append(lr.buf, frag[:min(len(frag), recordLimit-len(lr.buf))]...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && n == 0 {
			return nil, false, io.EOF
		}
		if err != nil && err != io.EOF {
			return nil, false, err
		}
		lr.line++
		if bytes.HasSuffix(frag, []byte{'\n'}) {
			n--
			if n <= lr.max+1 {
				lr.buf = lr.buf[:len(lr.buf)-1]
			}
		}
		if bytes.HasSuffix(lr.buf, []byte{'\r'}) && n <= lr.max+1 {
			n--
			lr.buf = lr.buf[:len(lr.buf)-1]
		}
		if n > lr.max {
			if len(lr.buf) > recordLimit {
				lr.buf = lr.buf[:recordLimit]
			}
			return lr.buf, true, nil
		}
		return lr.buf, false, nil
	}
}

// readJSONL reads one JSON object a line. Blank lines are not records. A
// line that does not parse is reported with its number and the next line is
// read.
func (r *run) readJSONL(src *source, br *bufio.Reader) error {
	return r.readLines(src, br, func(line int, b []byte) error { return r.jsonRecord(src, line, b) })
}

// readLines calls fn with each line of br that is not blank, and its
// number. It reports itself, and goes on after, a line longer than
// MaxBytes and a line with NUL bytes (one bad record, not a binary file);
// a read error ends the file.
func (r *run) readLines(src *source, br *bufio.Reader, fn func(line int, b []byte) error) error {
	lr := &lineReader{br: br, max: r.max}
	for {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		line, tooLong, err := lr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			r.skip(Problem{File: src.name, Line: lr.line + 1, Reason: ReasonUnreadable, Message: "rest of file not read: " + err.Error()})
			return nil
		}
		if tooLong {
			r.skip(Problem{File: src.name, Line: lr.line, Reason: ReasonTooLarge, Message: fmt.Sprintf("line is longer than the limit of %s", FormatBytes(r.max)), Record: clip(line)})
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if bytes.IndexByte(line, 0) >= 0 {
			r.skip(Problem{File: src.name, Line: lr.line, Reason: ReasonBinary, Message: "NUL bytes in the line: not text", Record: clip(line)})
			continue
		}
		if err := fn(lr.line, line); err != nil {
			return err
		}
	}
}

// jsonRecord parses one JSON object and passes it on.
func (r *run) jsonRecord(src *source, line int, raw []byte) error {
	fixed, repaired := repairUTF8(raw)
	obj, dups, err := parseJSONObject(fixed)
	if err != nil {
		r.skip(Problem{File: src.name, Line: line, Reason: ReasonMalformedJSON, Message: err.Error(), Record: clip(raw)})
		return nil
	}
	return r.objectRecord(src, line, raw, repaired, dups, obj)
}

// objectRecord maps a decoded JSON object to an article and finishes it.
// dups are its keys given more than once.
func (r *run) objectRecord(src *source, line int, raw []byte, repaired int, dups []string, obj map[string]any) error {
	a, found := r.fields.toArticle(jsonKeyValues(obj), true)
	if !found {
		keys := slices.Sorted(maps.Keys(obj))
		r.skip(Problem{File: src.name, Line: line, Field: "text", Reason: ReasonMissingText,
			Message: fmt.Sprintf("no text: the record has the keys %s but not %s; map the text field to one of them", quoteList(keys), r.fields.describe("text")),
			Record:  clip(raw)})
		return nil
	}
	return r.finish(a, record{src: src, line: line, raw: raw, repaired: repaired, dupKeys: dups, id: fmt.Sprintf("%s:%d", src.rel, line)})
}

// parseJSONObject decodes one JSON object, keeping numbers as written. It
// reads the object's members one by one, so that a key given twice (whose
// last value wins, as in encoding/json) is noticed: dups lists such keys.
func parseJSONObject(b []byte) (obj map[string]any, dups []string, err error) {
	if obj, dups, ok := parseFlatObject(b); ok {
		return obj, dups, nil
	}
	return decodeJSONObject(b)
}

// decodeJSONObject is parseJSONObject with encoding/json, for every
// object and every error.
func decodeJSONObject(b []byte) (obj map[string]any, dups []string, err error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, describeJSONError(err, b)
	}
	if tok != json.Delim('{') {
		// Not an object: say what it is, once it parses.
		var v any = tok
		if d, ok := tok.(json.Delim); ok && d == '[' {
			v = []any{}
			for dec.More() {
				var e any
				if err := dec.Decode(&e); err != nil {
					return nil, nil, describeJSONError(err, b)
				}
			}
			if _, err := dec.Token(); err != nil {
				return nil, nil, describeJSONError(err, b)
			}
		}
		if err := checkTrailing(dec, b); err != nil {
			return nil, nil, err
		}
		return nil, nil, fmt.Errorf("record is JSON %s, not an object", jsonKind(v))
	}
	obj = map[string]any{}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, nil, describeJSONError(err, b)
		}
		key, _ := kt.(string) // json.Decoder only returns strings here
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, nil, describeJSONError(err, b)
		}
		if _, seen := obj[key]; seen && !slices.Contains(dups, key) {
			dups = append(dups, key)
		}
		obj[key] = v
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, describeJSONError(err, b)
	}
	if err := checkTrailing(dec, b); err != nil {
		return nil, nil, err
	}
	return obj, dups, nil
}

// parseFlatObject is parseJSONObject for the common record, an object
// whose values are strings, numbers, true, false or null, read with
// go-json-experiment's jsontext, which is several times faster than
// encoding/json's tokens. It gives the values encoding/json gives, and
// reports ok = false for anything else (a nested value, invalid JSON, an
// invalid escape, text after the object): parseJSONObject then reads the
// line as it always has, and describes what is wrong with it in the same
// words.
func parseFlatObject(b []byte) (obj map[string]any, dups []string, ok bool) {
	// From a bytes.Buffer the decoder reads b in place; from any other
	// reader it copies the line into a buffer it grows as it goes, which
	// made reading JSON Lines a third slower (BenchmarkReadJSONL).
	dec := jsontext.NewDecoder(bytes.NewBuffer(b), jsontext.AllowDuplicateNames(true))
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' {
		return nil, nil, false
	}
	obj = map[string]any{}
	for dec.PeekKind() == '"' {
		kt, err := dec.ReadToken()
		if err != nil {
			return nil, nil, false
		}
		key := kt.String()
		vt, err := dec.ReadToken()
		if err != nil {
			return nil, nil, false
		}
		var v any
		switch vt.Kind() {
		case '"':
			v = vt.String()
		case '0':
			v = json.Number(vt.String())
		case 't':
			v = true
		case 'f':
			v = false
		case 'n':
		default:
			return nil, nil, false
		}
		if _, seen := obj[key]; seen && !slices.Contains(dups, key) {
			dups = append(dups, key)
		}
		obj[key] = v
	}
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '}' || len(bytes.TrimSpace(b[dec.InputOffset():])) > 0 {
		return nil, nil, false
	}
	return obj, dups, true
}

// checkTrailing fails when text follows the value dec has read from b.
func checkTrailing(dec *json.Decoder, b []byte) error {
	if off := dec.InputOffset(); len(bytes.TrimSpace(b[off:])) > 0 {
		return fmt.Errorf("column %d: unexpected text after the JSON object (two objects on one line?)", off+1+int64(countLeadingSpace(b[off:])))
	}
	return nil
}

func countLeadingSpace(b []byte) int {
	return len(b) - len(bytes.TrimLeft(b, " \t\r\n"))
}

func describeJSONError(err error, b []byte) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("column %d: %s", se.Offset, strings.TrimPrefix(se.Error(), "json: "))
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("column %d: unexpected end of JSON (line cut short?)", len(b)+1)
	}
	return err
}

func jsonKind(v any) string {
	switch v.(type) {
	case []any:
		return "array"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "true/false"
	case nil:
		return "null"
	}
	return "value"
}

// jsonKeyValues lists an object's fields as text, in key order so that Meta
// and messages do not depend on map order.
func jsonKeyValues(obj map[string]any) []keyValue {
	keys := slices.Sorted(maps.Keys(obj))
	kvs := make([]keyValue, len(keys))
	for i, k := range keys {
		kvs[i] = keyValue{key: k, value: jsonText(obj[k])}
	}
	return kvs
}

// jsonText renders a JSON value as text: strings as they are, numbers as
// written, lists of strings and numbers joined with ", ", other values as
// compact JSON, null as "".
func jsonText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		if v {
			return "true"
		}
		return "false"
	case []any:
		parts := make([]string, 0, len(v))
		for _, e := range v {
			switch e := e.(type) {
			case string:
				parts = append(parts, e)
			case json.Number:
				parts = append(parts, e.String())
			default:
				return compactJSON(v)
			}
		}
		return strings.Join(parts, ", ")
	}
	return compactJSON(v)
}

func compactJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// readJSON reads a .json file: arrays of objects, or objects, one after
// another (pretty-printed or not). A jsonSplitter delimits each element
// without parsing it, holding at most MaxBytes of one, so an element over
// the limit is skipped as too-large, a malformed one as malformed-json, and
// the next is read; text after the last array is read as more values, never
// ignored.
func (r *run) readJSON(src *source, br *bufio.Reader) error {
	sp := &jsonSplitter{br: br, max: r.max, line: 1}
	for {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		v, err := sp.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			r.skip(Problem{File: src.name, Line: v.line, Reason: ReasonMalformedJSON, Message: err.Error(), Record: clip(v.raw)})
			if v.fatal {
				return nil
			}
			continue
		}
		if v.tooLong {
			r.skip(Problem{File: src.name, Line: v.line, Reason: ReasonTooLarge, Message: fmt.Sprintf("object is larger than the limit of %s", FormatBytes(r.max)), Record: clip(v.raw)})
			continue
		}
		if err := r.jsonRecord(src, v.line, v.raw); err != nil {
			return err
		}
	}
}

// jsonSplitter cuts a stream of JSON into the values compare reads as
// records: the elements of top-level arrays, and the other top-level
// values. It follows only strings and the nesting of brackets, so it needs
// no more memory than one value (at most max bytes of it are kept) and no
// recursion, however deep the nesting.
type jsonSplitter struct {
	br      *bufio.Reader
	max     int64
	line    int  // line of the next byte
	inArray bool // inside a top-level array
	want    bool // inside an array, a value must come next (after '[' or ',')
	buf     []byte
}

// jsonValue is one value cut out by jsonSplitter.
type jsonValue struct {
	raw     []byte // valid until the next call; the first KiB when tooLong
	line    int    // where it starts
	tooLong bool   // longer than max
	fatal   bool   // with an error: the rest of the file cannot be read
}

// next returns the next value, io.EOF after the last, or an error for
// misplaced punctuation between values (fatal when the file ends inside an
// array or a value).
func (sp *jsonSplitter) next() (jsonValue, error) {
	for {
		c, err := sp.skipSpace()
		if err == io.EOF {
			if sp.inArray {
				return jsonValue{line: sp.line, fatal: true}, errors.New("unexpected end of JSON (file cut short?); rest of file not read")
			}
			return jsonValue{}, io.EOF
		}
		if err != nil {
			return jsonValue{line: sp.line, fatal: true}, fmt.Errorf("%v; rest of file not read", err)
		}
		switch {
		case c == '[' && !sp.inArray:
			sp.br.ReadByte()
			sp.inArray, sp.want = true, false
			continue
		case c == ']' && sp.inArray:
			sp.br.ReadByte()
			if sp.want {
				return jsonValue{line: sp.line}, errors.New("',' before ']'")
			}
			sp.inArray = false
			continue
		case c == ',' && sp.inArray:
			sp.br.ReadByte()
			if sp.want {
				return jsonValue{line: sp.line}, errors.New("',' where a value should be")
			}
			sp.want = true
			continue
		case c == ',' || c == ']' || c == '}':
			sp.br.ReadByte() // out of place: no value starts with it
			return jsonValue{line: sp.line}, fmt.Errorf("unexpected %q", c)
		}
		line := sp.line
		v, err := sp.value()
		v.line = line
		if sp.inArray {
			sp.want = false
		}
		if err != nil {
			v.fatal = true
			return v, fmt.Errorf("unexpected end of JSON (file cut short?); rest of file not read")
		}
		return v, nil
	}
}

// skipSpace skips white space and peeks at the next byte.
func (sp *jsonSplitter) skipSpace() (byte, error) {
	for {
		c, err := sp.br.ReadByte()
		if err != nil {
			return 0, err
		}
		switch c {
		case '\n':
			sp.line++
		case ' ', '\t', '\r':
		default:
			sp.br.UnreadByte()
			return c, nil
		}
	}
}

// value reads one value: a bracketed one to its matching bracket, a string
// to its closing quote, anything else (numbers, true, garbage) to the next
// white space or punctuation. err is set when the file ends first.
func (sp *jsonSplitter) value() (jsonValue, error) {
	sp.buf = sp.buf[:0]
	var n int64
	depth := 0
	inString, escaped := false, false
	keep := func(c byte) {
		n++
		if n <= sp.max || len(sp.buf) < recordLimit {
			sp.buf = append(sp.buf, c)
		}
	}
	done := func() (jsonValue, error) {
		v := jsonValue{raw: sp.buf, tooLong: n > sp.max}
		if v.tooLong && len(v.raw) > recordLimit {
			v.raw = v.raw[:recordLimit]
		}
		return v, nil
	}
	for {
		c, err := sp.br.ReadByte()
		if err == io.EOF && depth == 0 && !inString && n > 0 {
			return done() // a bare value at the end of the file
		}
		if err != nil {
			v, _ := done()
			return v, err
		}
		if c == '\n' {
			sp.line++
		}
		switch {
		case inString:
			keep(c)
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
				if depth == 0 {
					return done()
				}
			}
		case c == '"':
			keep(c)
			inString = true
		case c == '{' || c == '[':
			keep(c)
			depth++
		case c == '}' || c == ']':
			if depth == 0 { // closes an array around this bare value
				sp.br.UnreadByte()
				return done()
			}
			keep(c)
			depth--
			if depth == 0 {
				return done()
			}
		case depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n'):
			if c == '\n' {
				sp.line-- // counted again by skipSpace
			}
			sp.br.UnreadByte()
			return done()
		default:
			keep(c)
		}
	}
}
