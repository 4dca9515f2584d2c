package validate

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/compare-tool/compare/internal/record"
)

// ValidationSchema names the version of the Validation format.
const ValidationSchema = "compare.validate/v1"

// Validation is what `compare validate` reports: the measurement of one
// lexicon's scores against labels, with what a held-out measurement left
// out and a cross-check by folds when they were asked for.
type Validation struct {
	Schema  string            `json:"schema"`
	Lexicon record.LexiconRef `json:"lexicon"`
	// Labels says where the labels came from: a labels file ("labels.csv,
	// by outlet") or a field of the records (`field "bias"`).
	Labels string `json:"labels"`
	// Result measures the articles (the held-out ones when HeldOut is
	// set).
	Result *Result `json:"result"`
	// HeldOut, when not nil, says which outlets were measured and which
	// left out as training outlets.
	HeldOut *HeldOut `json:"held_out,omitempty"`
	// CrossCheck, when not nil, is the k-fold check of pruning entries.
	CrossCheck *CrossCheck `json:"cross_check,omitempty"`
}

// Limits say what a validation cannot show, whatever its numbers; every
// output of one repeats them beside the notes of its Result.
var Limits = []string{
	"An AUC says how well scores rank articles (or outlets) by label, not that the lexicon measures ideology: it measures naming habits that go with the labels in these data.",
	"Labels of outlets are given to every article of the outlet; an article-level AUC also reflects topics and formats outlets favour.",
}

// Formats lists the formats of WriteValidation.
var Formats = []string{"table", "json", "csv"}

// WriteValidation writes v in format, one of Formats: "table" for people,
// "json" for programs (the Validation as it is), "csv" for R and pandas
// (tidy: one value a row). The output is a function of v alone.
func WriteValidation(w io.Writer, v *Validation, format string) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	switch format {
	case "json":
		err = writeValidationJSON(bw, v)
	case "csv":
		err = writeValidationCSV(bw, v)
	case "table":
		err = writeValidationTable(bw, v)
	default:
		return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}
