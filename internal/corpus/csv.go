package corpus

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// readCSV reads a table with a header row, one article a row, as RFC 4180
// has it. A row that does not parse, or has a different number of fields
// than the header, is reported with its line and the next row is read.
func (r *run) readCSV(src *source, br *bufio.Reader) error {
	// Rows of a table are bounded by MaxBytes plus what the csv package
	// reads ahead; past that the row cannot be resynchronised.
	capture := &captureReader{r: br, limit: r.max + 64<<10}
	cr := csv.NewReader(capture)
	cr.ReuseRecord = true

	header, err := cr.Read()
	if err != nil {
		r.skip(Problem{File: src.name, Line: 1, Reason: ReasonMalformedCSV, Message: "header row: " + describeCSVError(err) + "; file not read", Record: clip(capture.take(cr.InputOffset()))})
		return nil
	}
	capture.take(cr.InputOffset())
	header, ok := r.tableHeader(src, 1, header)
	if !ok {
		return nil
	}
	for {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		startLine := capture.lines + 1
		row, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		raw := capture.take(cr.InputOffset())
		var pe *csv.ParseError
		switch {
		case errors.Is(err, errRecordTooLarge):
			r.skip(Problem{File: src.name, Line: startLine, Reason: ReasonTooLarge, Message: fmt.Sprintf("row is larger than the limit of %s; rest of file not read", FormatBytes(r.max)), Record: clip(raw)})
			return nil
		case errors.As(err, &pe):
			r.skip(Problem{File: src.name, Line: pe.StartLine, Reason: ReasonMalformedCSV, Message: describeCSVError(err), Record: clip(raw)})
			continue
		case err != nil:
			r.skip(Problem{File: src.name, Line: startLine, Reason: ReasonUnreadable, Message: "rest of file not read: " + err.Error()})
			return nil
		}
		line, _ := cr.FieldPos(0)
		if int64(len(raw)) > r.max {
			r.skip(Problem{File: src.name, Line: line, Reason: ReasonTooLarge, Message: fmt.Sprintf("row is larger than the limit of %s", FormatBytes(r.max)), Record: clip(raw)})
			continue
		}
		if err := r.tableRow(src, line, raw, header, row); err != nil {
			return err
		}
	}
}

// readTSV reads tab-separated values: a header line, then one article a
// line, fields separated by tabs. TSV has no quoting convention: a
// quotation mark is text like any other (a field opening with one does not
// run on to the next lines), and a field cannot hold a tab or a line
// break. Blank lines are skipped; a line with another number of fields
// than the header is reported and the next line is read.
func (r *run) readTSV(src *source, br *bufio.Reader) error {
	var header []string
	errNoText := errors.New("no text column")
	err := r.readLines(src, br, func(line int, b []byte) error {
		fields := strings.Split(string(b), "\t")
		if header == nil {
			var ok bool
			if header, ok = r.tableHeader(src, line, fields); !ok {
				return errNoText
			}
			return nil
		}
		if len(fields) != len(header) {
			r.skip(Problem{File: src.name, Line: line, Reason: ReasonMalformedCSV, Message: fmt.Sprintf("row has %d fields, the header %d (fields are separated by tabs)", len(fields), len(header)), Record: clip(b)})
			return nil
		}
		return r.tableRow(src, line, b, header, fields)
	})
	if err == errNoText {
		return nil
	}
	return err
}

// tableHeader cleans a header row read at line and checks that it has a
// text column; ok is false, and the file reported, when it has none. A
// column name given twice (ignoring case) is a warning: an article field
// takes the first such column.
func (r *run) tableHeader(src *source, line int, row []string) (header []string, ok bool) {
	header = make([]string, len(row))
	first := map[string]int{}
	for i, h := range row {
		h, _ = repairString(h)
		header[i] = strings.TrimSpace(h)
		k := strings.ToLower(header[i])
		if j, seen := first[k]; seen {
			r.warn(Problem{File: src.name, Line: line, Reason: ReasonDuplicateKey, Message: fmt.Sprintf("column %q is in the header twice (columns %d and %d); an article field takes the first", header[i], j+1, i+1)})
		} else {
			first[k] = i
		}
	}
	if idx := r.fields.index(header, false); idx["text"] < 0 {
		r.skip(Problem{File: src.name, Line: line, Field: "text", Reason: ReasonMissingText,
			Message: fmt.Sprintf("no text column: the header has %s but not %s; map the text field to one of them; file not read", quoteList(header), r.fields.describe("text"))})
		return nil, false
	}
	return header, true
}

// tableRow maps one row of a table to an article and finishes it.
func (r *run) tableRow(src *source, line int, raw []byte, header, row []string) error {
	repaired := 0
	kvs := make([]keyValue, len(header))
	for i, v := range row {
		var n int
		v, n = repairString(v)
		repaired += n
		kvs[i] = keyValue{key: header[i], value: v}
	}
	a, _ := r.fields.toArticle(kvs, true)
	return r.finish(a, record{src: src, line: line, raw: raw, repaired: repaired, id: fmt.Sprintf("%s:%d", src.rel, line)})
}

func describeCSVError(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(pe.Err, csv.ErrFieldCount):
			return "row has a different number of fields than the header"
		case errors.Is(pe.Err, csv.ErrQuote):
			return fmt.Sprintf("line %d, column %d: a quoted field is not closed, or has text after its closing quote (write a quote inside a field as \"\")", pe.Line, pe.Column)
		case errors.Is(pe.Err, csv.ErrBareQuote):
			return fmt.Sprintf("line %d, column %d: a quote inside a field that does not start with one (quote the field and write the quote as \"\")", pe.Line, pe.Column)
		}
		return fmt.Sprintf("line %d, column %d: %v", pe.Line, pe.Column, pe.Err)
	}
	if err == io.EOF {
		return "empty"
	}
	return err.Error()
}

var errRecordTooLarge = errors.New("record too large")

// captureReader keeps the bytes a csv.Reader reads so that the raw text of
// each row can be reported, and stops a row that grows past limit.
type captureReader struct {
	r     io.Reader
	buf   []byte // bytes read, from offset base on
	start int    // buf[start:] is not yet taken
	base  int64
	limit int64
	lines int // newlines taken
}

func (c *captureReader) Read(p []byte) (int, error) {
	if int64(len(c.buf)-c.start) > c.limit {
		return 0, errRecordTooLarge
	}
	if c.start > 0 && c.start >= len(c.buf)/2 {
		c.base += int64(c.start)
		c.buf = append(c.buf[:0], c.buf[c.start:]...)
		c.start = 0
	}
	n, err := c.r.Read(p)
	c.buf = append(c.buf, p[:n]...)
	return n, err
}

// take returns the bytes from the end of the last take up to offset off. The
// slice is valid until the next Read.
func (c *captureReader) take(off int64) []byte {
	end := int(off - c.base)
	if end > len(c.buf) {
		end = len(c.buf)
	}
	if end < c.start {
		return nil
	}
	b := c.buf[c.start:end]
	for _, ch := range b {
		if ch == '\n' {
			c.lines++
		}
	}
	c.start = end
	return b
}
