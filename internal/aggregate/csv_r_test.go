package aggregate

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestStatsCSVInR reads the tidy CSV with R's read.csv, as a researcher
// would, and checks that value is numeric, text is character, and that
// known rows (a p-value, a boolean, a sentence, a note, a count) read back
// as the Comparison holds them: testdata/read-stats-csv.R. R is installed
// by .ci/run (Debian's r-base-core); elsewhere the test skips without it.
func TestStatsCSVInR(t *testing.T) {
	rscript, err := exec.LookPath("Rscript")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("Rscript not found; .ci/run installs r-base-core")
		}
		t.Skip("Rscript not found (apt-get install r-base-core)")
	}
	c := aggregate(t, readRecordsFile(t, handFile), Options{})
	var csvOut bytes.Buffer
	if err := WriteComparison(&csvOut, c, "csv"); err != nil {
		t.Fatal(err)
	}
	p := c.Tests[0].Pairs[0]
	u := c.Units[0]
	// section, unit, other, axis_or_target, term, statistic, value, text
	want := [][]string{
		{"meta", "", "", "", "", "articles", strconv.Itoa(c.Articles), ""},
		{"meta", "", "", "", "", "lexicon", "NA", c.Lexicon.Name},
		{"unit", u.Name, "", "", "", "tested", "1", "true"},
		{"unit", u.Name, "", "", "", "group", "NA", u.Group},
		{"axis_pair", p.A, p.B, c.Tests[0].Axis, "", "p", ftoa(p.P), ""},
		{"axis_pair", p.A, p.B, c.Tests[0].Axis, "", "exact", map[bool]string{true: "1", false: "0"}[p.Exact], strconv.FormatBool(p.Exact)},
		{"axis_pair", p.A, p.B, c.Tests[0].Axis, "", "sentence", "NA", p.Sentence},
		{"note", "", "", "", "", "note", "1", c.Notes[0]},
	}
	var tsv strings.Builder
	for _, row := range want {
		fmt.Fprintln(&tsv, strings.Join(row, "\t"))
	}
	dir := t.TempDir()
	csvPath, wantPath := filepath.Join(dir, "stats.csv"), filepath.Join(dir, "want.tsv")
	if err := os.WriteFile(csvPath, csvOut.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(wantPath, []byte(tsv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(rscript, "--vanilla", "testdata/read-stats-csv.R", csvPath, wantPath).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	t.Logf("%s", out)
}
