package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
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
			r.skip(Problem{File: src.name, Line: lr.line, Reason: ReasonTooLarge, Message: fmt.Sprintf("line is longer than the limit of %s", formatBytes(r.max)), Record: clip(line)})
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if err := r.jsonRecord(src, lr.line, line); err != nil {
			return err
		}
	}
}

// jsonRecord parses one JSON object and passes it on.
func (r *run) jsonRecord(src *source, line int, raw []byte) error {
	fixed, repaired := repairUTF8(raw)
	obj, err := parseJSONObject(fixed)
	if err != nil {
		r.skip(Problem{File: src.name, Line: line, Reason: ReasonMalformedJSON, Message: err.Error(), Record: clip(raw)})
		return nil
	}
	return r.objectRecord(src, line, raw, repaired, obj)
}

// objectRecord maps a decoded JSON object to an article and finishes it.
func (r *run) objectRecord(src *source, line int, raw []byte, repaired int, obj map[string]any) error {
	a, found := r.fields.toArticle(jsonKeyValues(obj), true)
	if !found {
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		r.skip(Problem{File: src.name, Line: line, Field: "text", Reason: ReasonMissingText,
			Message: fmt.Sprintf("no text: the record has the keys %s but not %s; map the text field to one of them", quoteList(keys), r.fields.describe("text")),
			Record:  clip(raw)})
		return nil
	}
	return r.finish(a, record{src: src, line: line, raw: raw, repaired: repaired, id: fmt.Sprintf("%s:%d", src.rel, line)})
}

// parseJSONObject decodes one JSON object, keeping numbers as written.
func parseJSONObject(b []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, describeJSONError(err, b)
	}
	if off := dec.InputOffset(); len(bytes.TrimSpace(b[off:])) > 0 {
		return nil, fmt.Errorf("column %d: unexpected text after the JSON object (two objects on one line?)", off+1+int64(countLeadingSpace(b[off:])))
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("record is JSON %s, not an object", jsonKind(v))
	}
	return obj, nil
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

// describeStreamError describes an error of a json.Decoder reading a whole
// file, whose offsets are not columns.
func describeStreamError(err error) string {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return strings.TrimPrefix(se.Error(), "json: ")
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "unexpected end of JSON (file cut short?)"
	}
	return err.Error()
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
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
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

// readJSON reads a .json file: either one array of objects or objects one
// after another (pretty-printed or not). JSON cannot be resynchronised after
// a syntax error, so the rest of the file is then reported as one skipped
// record.
func (r *run) readJSON(src *source, br *bufio.Reader) error {
	lt := &lineTracker{r: br}
	dec := json.NewDecoder(lt)
	dec.UseNumber()
	inArray := false
	if c := firstNonSpace(br); c == '[' {
		if _, err := dec.Token(); err != nil {
			r.skip(Problem{File: src.name, Line: 1, Reason: ReasonMalformedJSON, Message: describeStreamError(err)})
			return nil
		}
		inArray = true
	}
	for {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if inArray && !dec.More() {
			break
		}
		start := dec.InputOffset()
		line := lt.valueLine(start)
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if err == io.EOF && !inArray {
			return nil
		}
		if err != nil {
			r.skip(Problem{File: src.name, Line: line, Reason: ReasonMalformedJSON, Message: describeStreamError(err) + "; rest of file not read", Record: clip(lt.pending())})
			return nil
		}
		if int64(len(raw)) > r.max {
			r.skip(Problem{File: src.name, Line: line, Reason: ReasonTooLarge, Message: fmt.Sprintf("object is larger than the limit of %s", formatBytes(r.max)), Record: clip(raw)})
			continue
		}
		if err := r.jsonRecord(src, line, raw); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		r.skip(Problem{File: src.name, Line: lt.valueLine(dec.InputOffset()), Reason: ReasonMalformedJSON, Message: describeStreamError(err) + "; rest of file not read"})
	}
	return nil
}

func firstNonSpace(br *bufio.Reader) byte {
	for n := 1; n <= sniffSize; n *= 2 {
		b, err := br.Peek(n)
		if t := bytes.TrimLeft(b, " \t\r\n"); len(t) > 0 {
			return t[0]
		}
		if err != nil {
			return 0
		}
	}
	return 0
}

// lineTracker counts lines in what a json.Decoder consumes, keeping only
// the bytes the decoder has read but not yet consumed.
type lineTracker struct {
	r    io.Reader
	buf  []byte // bytes read from offset base on
	base int64
	line int // newlines before base
}

func (t *lineTracker) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.buf = append(t.buf, p[:n]...)
	return n, err
}

// pending returns the bytes read but not yet consumed, from the value
// valueLine last looked at.
func (t *lineTracker) pending() []byte { return bytes.TrimLeft(t.buf, " \t\r\n,") }

// valueLine returns the 1-based line of the next value at or after offset
// off, skipping white space and a comma, and forgets the bytes before off.
func (t *lineTracker) valueLine(off int64) int {
	k := int(off - t.base)
	if k > len(t.buf) {
		k = len(t.buf)
	}
	t.line += bytes.Count(t.buf[:k], []byte{'\n'})
	t.buf = append(t.buf[:0], t.buf[k:]...)
	t.base = off
	extra := 0
	for _, c := range t.buf {
		if c == '\n' {
			extra++
		} else if c != ' ' && c != '\t' && c != '\r' && c != ',' {
			break
		}
	}
	return t.line + extra + 1
}
