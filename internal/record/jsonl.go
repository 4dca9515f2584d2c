package record

import (
	"bufio"
	"bytes"
	stdjson "encoding/json"
	"fmt"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"
)

// jsonlWriter writes one record a line: the form `compare stats` and
// `compare report` read back.
type jsonlWriter struct {
	w   *bufio.Writer
	enc encoder
}

func (j *jsonlWriter) Write(r *Record) error {
	b, err := j.enc.encode(r)
	if err != nil {
		return err
	}
	_, err = j.w.Write(b)
	return err
}

func (j *jsonlWriter) Close() error { return j.w.Flush() }

// encodeOptions write a record byte for byte as encoding/json does, which
// the golden files and every score file written so far hold: map keys
// sorted, <, >, & and U+2028/U+2029 escaped, nil maps and slices as null,
// omitempty as in encoding/json. Invalid UTF-8 is refused, because
// encoding/json writes it as the escape \ufffd and the library as the
// character itself: such a record (a file name that is not UTF-8, say) is
// written by encoding/json instead.
var encodeOptions = json.JoinOptions(jsonv1.DefaultOptionsV1(), jsontext.AllowInvalidUTF8(false))

// encoder encodes records one after another, reusing its buffers. It is
// not safe for concurrent use.
type encoder struct {
	buf bytes.Buffer
	enc *jsontext.Encoder
}

// encode returns the JSON of r and a newline. The bytes are valid until
// the next call.
func (e *encoder) encode(r *Record) ([]byte, error) {
	e.buf.Reset()
	if e.enc == nil {
		e.enc = jsontext.NewEncoder(&e.buf, encodeOptions)
	} else {
		e.enc.Reset(&e.buf, encodeOptions)
	}
	if err := json.MarshalEncode(e.enc, r); err == nil {
		return e.buf.Bytes(), nil
	}
	b, err := stdjson.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("encoding record %s: %w", r.ID, err)
	}
	return append(b, '\n'), nil
}
