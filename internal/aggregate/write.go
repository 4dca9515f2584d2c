package aggregate

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// This file chooses the format; each has its own file (table.go,
// json.go, csv.go).

// ComparisonFormats lists the formats of WriteComparison.
var ComparisonFormats = []string{"table", "json", "csv"}

// WriteComparison writes c in format, one of ComparisonFormats: "table"
// for people, "json" for programs (the Comparison as it is), "csv" for R
// and pandas (tidy: one value a row). The output is a function of c alone.
func WriteComparison(w io.Writer, c *Comparison, format string) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	switch format {
	case "json":
		err = writeComparisonJSON(bw, c)
	case "csv":
		err = writeComparisonCSV(bw, c)
	case "table":
		err = writeComparisonTable(bw, c)
	default:
		return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(ComparisonFormats, ", "))
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}
