package record

import (
	"bufio"
	"bytes"
	"encoding/json"
)

// jsonWriter writes the records as one indented JSON array, each record
// as encoding/json's MarshalIndent with prefix and indent "  " writes it.
type jsonWriter struct {
	w   *bufio.Writer
	enc encoder
	buf bytes.Buffer
	n   int
}

func (j *jsonWriter) Write(r *Record) error {
	b, err := j.enc.encode(r)
	if err != nil {
		return err
	}
	j.buf.Reset()
	if err := json.Indent(&j.buf, bytes.TrimSuffix(b, []byte("\n")), "  ", "  "); err != nil {
		return err
	}
	sep := ",\n  "
	if j.n == 0 {
		sep = "[\n  "
	}
	j.n++
	j.w.WriteString(sep)
	_, err = j.buf.WriteTo(j.w)
	return err
}

func (j *jsonWriter) Close() error {
	if j.n == 0 {
		j.w.WriteString("[")
	}
	j.w.WriteString("\n]\n")
	return j.w.Flush()
}
