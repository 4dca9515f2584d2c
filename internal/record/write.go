package record

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// This file chooses the format; each format has its own file (jsonl.go,
// json.go, csv.go, table.go).

// Formats lists the output formats of NewWriter.
var Formats = []string{"table", "jsonl", "json", "csv"}

// RecordWriter writes score records in one format. Close flushes and
// finishes the output (the closing bracket of a JSON array, the table).
type RecordWriter interface {
	Write(*Record) error
	Close() error
}

// NewWriter returns a RecordWriter for format, one of Formats.
func NewWriter(w io.Writer, format string) (RecordWriter, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	switch format {
	case "jsonl":
		return &jsonlWriter{w: bw}, nil
	case "json":
		return &jsonWriter{w: bw}, nil
	case "csv":
		return &csvWriter{bw: bw, w: csv.NewWriter(bw)}, nil
	case "table":
		return &tableWriter{bw: bw, w: tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}
