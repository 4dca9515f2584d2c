package validate_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/compare-tool/compare/internal/validate"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// sampleValidation validates the sample's scores against its outlet
// groups: held out, as if the lexicon had been fitted on one outlet, or
// with a cross-check by two folds (seed 1 puts each label but the wire's
// on both sides).
func sampleValidation(t *testing.T, heldOut bool) *validate.Validation {
	t.Helper()
	recs, lex := sampleRecords(t)
	col := validate.NewCollector(validate.FieldLabels("group"), lex)
	for _, r := range recs {
		if err := col.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	plan := validate.Plan{Options: validate.DefaultOptions(), Labels: `the field "group" of each record`}
	plan.Order = []string{"opposition", "wire", "state media"}
	plan.Resamples = 200
	plan.MinOutletArticles = 1
	plan.MinEntryArticles = 2
	if heldOut {
		plan.TrainOutlets = []string{"Tehran-Herald"}
	} else {
		plan.Folds = 2
	}
	v, err := col.Validate(plan)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestWriteValidation pins the three formats on the sample
// (testdata/sample-heldout.{table,json,csv}.golden, and
// sample-crosscheck.csv.golden; go test -update rewrites them),
// and checks that the JSON and CSV parse.
func TestWriteValidation(t *testing.T) {
	tests := []struct {
		name    string
		v       *validate.Validation
		formats []string
	}{
		{"sample-heldout", sampleValidation(t, true), validate.Formats},
		{"sample-crosscheck", sampleValidation(t, false), []string{"csv"}},
	}
	for _, tt := range tests {
		for _, format := range tt.formats {
			t.Run(tt.name+"."+format, func(t *testing.T) {
				testFormat(t, tt.v, format, filepath.Join("testdata", tt.name+"."+format+".golden"))
			})
		}
	}
	if err := validate.WriteValidation(&bytes.Buffer{}, tests[0].v, "xml"); err == nil {
		t.Error("format xml gave no error")
	}
}

func testFormat(t *testing.T, v *validate.Validation, format, golden string) {
	t.Helper()
	var buf bytes.Buffer
	if err := validate.WriteValidation(&buf, v, format); err != nil {
		t.Fatal(err)
	}
	switch format {
	case "json":
		var back map[string]any
		if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
			t.Fatalf("JSON output does not parse: %v", err)
		}
	case "csv":
		rows, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
		if err != nil || len(rows) < 2 || len(rows[0]) != len(validate.CSVHeader) {
			t.Fatalf("CSV output: %d rows, %v", len(rows), err)
		}
	}
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n%s", golden, buf.String())
	}
}
