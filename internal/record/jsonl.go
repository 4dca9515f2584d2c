package record

import (
	"bufio"

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

// encodeOptions write a value byte for byte as encoding/json does (map
// keys sorted, <, >, & and U+2028/U+2029 escaped, nil maps and slices as
// null, omitempty as in encoding/json), refusing invalid UTF-8, which
// encoding/json writes as the escape \ufffd and the library as the
// character itself. The parquet writer encodes the credibility signals
// with them; records are written by encoder (encode.go).
var encodeOptions = json.JoinOptions(jsonv1.DefaultOptionsV1(), jsontext.AllowInvalidUTF8(false))
