package kwic

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/record"
)

// Formats lists the formats of NewWriter.
var Formats = []string{"table", "csv", "jsonl"}

// CSVColumns are the columns of the csv format before the lean columns,
// one per axis: lean.AXIS (empty when the entry does not bear on it).
var CSVColumns = []string{"id", "outlet", "group", "date", "source", "lexicon", "line", "col", "start", "end",
	"voice", "entry", "target", "valence", "category", "loaded", "cue", "pre", "keyword", "post"}

// Writer writes lines in one format. Close finishes the output; the table
// is written then, as its columns are aligned over all lines.
type Writer struct {
	format string
	axes   []string
	bw     *bufio.Writer
	csv    *csv.Writer
	enc    *json.Encoder
	table  []Line
}

// NewWriter returns a Writer of format, one of Formats. axes name the
// csv format's lean columns, in order.
func NewWriter(w io.Writer, format string, axes []string) (*Writer, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	kw := &Writer{format: format, axes: axes, bw: bw}
	switch format {
	case "csv":
		kw.csv = csv.NewWriter(bw)
		head := append([]string(nil), CSVColumns...)
		for _, a := range axes {
			head = append(head, "lean."+a)
		}
		return kw, kw.csv.Write(head)
	case "jsonl":
		kw.enc = json.NewEncoder(bw)
		kw.enc.SetEscapeHTML(false)
	case "table":
	default:
		return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
	}
	return kw, nil
}

// Write writes one line (the table keeps it until Close).
func (kw *Writer) Write(l Line) error {
	switch kw.format {
	case "csv":
		row := []string{l.ID, l.Outlet, l.Group, l.Date, l.Source, l.Lexicon, itoa(l.Line), itoa(l.Col), itoa(l.Start), itoa(l.End),
			string(l.Voice), l.Entry, l.Target, ftoa(l.Valence), l.Category, strconv.FormatBool(l.Loaded), l.Cue, l.Pre, l.Keyword, l.Post}
		for _, a := range kw.axes {
			lean := ""
			if v, ok := l.Lean[a]; ok {
				lean = ftoa(v)
			}
			row = append(row, lean)
		}
		return kw.csv.Write(row)
	case "jsonl":
		return kw.enc.Encode(l)
	}
	kw.table = append(kw.table, l)
	return nil
}

// maxPre bounds the width of the context before the key word in the
// table; longer context is cut at its start.
const maxPre = 60

// Close writes the table, if that is the format, and flushes.
func (kw *Writer) Close() error {
	switch kw.format {
	case "csv":
		kw.csv.Flush()
		if err := kw.csv.Error(); err != nil {
			return err
		}
	case "table":
		kw.writeTable()
	}
	return kw.bw.Flush()
}

// writeTable aligns the key words in one column, as concordances do: the
// context before each is right-aligned.
func (kw *Writer) writeTable() {
	width := 0
	pres := make([]string, len(kw.table))
	for i, l := range kw.table {
		pre := l.Pre
		if n := utf8.RuneCountInString(pre); n > maxPre {
			r := []rune(pre)
			pre = "…" + string(r[n-maxPre+1:])
		}
		pres[i] = pre
		width = max(width, utf8.RuneCountInString(pre))
	}
	if len(kw.table) == 0 {
		fmt.Fprint(kw.bw, "No matches.\n")
		return
	}
	tw := tabwriter.NewWriter(kw.bw, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "OUTLET\tID\tLINE:COL\tVOICE\tENTRY\tIN CONTEXT\n")
	for i, l := range kw.table {
		pad := strings.Repeat(" ", width-utf8.RuneCountInString(pres[i]))
		fmt.Fprintf(tw, "%s\t%s\t%d:%d\t%s\t%s\t%s%s [%s] %s\n", record.OneLine(l.Outlet), record.OneLine(l.ID), l.Line, l.Col,
			l.Voice, record.OneLine(l.Entry), pad, pres[i], oneSpace(l.Keyword), l.Post)
	}
	tw.Flush()
}

func itoa(n int) string { return strconv.Itoa(n) }

func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
