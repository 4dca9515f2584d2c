package record

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/compare-tool/compare/internal/lexicon"
)

// This file chooses the format; each format has its own file (jsonl.go,
// json.go, csv.go, table.go).

// Formats lists the output formats of score records: NewWriter writes all
// but parquet, which is two files (NewParquetWriter).
var Formats = []string{"table", "jsonl", "json", "csv", "lint", "parquet"}

// RecordWriter writes score records in one format. Close flushes and
// finishes the output (the closing bracket of a JSON array, the table).
type RecordWriter interface {
	Write(*Record) error
	Close() error
}

// WriterOptions shape what NewWriter writes. The zero value writes every
// format but wide tables and lint lines, which need the lexicon.
type WriterOptions struct {
	// Wide, one of WideKinds, makes the csv format a wide table: one column
	// per entry, category or target of Lexicons[0], the only lexicon
	// allowed.
	Wide string
	// Lexicons are the lexicons the records were scored with. Wide tables
	// take their columns from them, and lint lines their words (neutral
	// alternatives, the sides of an axis).
	Lexicons []*lexicon.Lexicon
}

// NewWriter returns a RecordWriter for format, one of Formats.
func NewWriter(w io.Writer, format string, opt WriterOptions) (RecordWriter, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	if opt.Wide != "" {
		if format != "csv" {
			return nil, fmt.Errorf("a wide table is a csv format, not %s", format)
		}
		if len(opt.Lexicons) != 1 {
			return nil, fmt.Errorf("a wide table has the columns of one lexicon, not %d", len(opt.Lexicons))
		}
		return newWideWriter(bw, opt.Wide, opt.Lexicons[0])
	}
	switch format {
	case "jsonl":
		return &jsonlWriter{w: bw}, nil
	case "json":
		return &jsonWriter{w: bw}, nil
	case "csv":
		return &csvWriter{bw: bw, w: csv.NewWriter(bw)}, nil
	case "parquet":
		return nil, fmt.Errorf("parquet is two files: write it with NewParquetWriter")
	case "lint":
		return newLintWriter(bw, opt.Lexicons), nil
	case "table":
		return &tableWriter{bw: bw, w: tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}
