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

	"github.com/compare-tool/compare/internal/dates"
)

// TestStatsCSVInR reads the tidy CSV with R's read.csv, as a researcher
// would, and checks that value is numeric, text is character, and that
// known rows (p-values, booleans, sentences, notes, counts; the trends of
// --period and the comparison of --baseline too) read back as the
// Comparison holds them: testdata/read-stats-csv.R. R is installed by
// .ci/run (Debian's r-base-core); elsewhere the test skips without it.
func TestStatsCSVInR(t *testing.T) {
	rscript, err := exec.LookPath("Rscript")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("Rscript not found; .ci/run installs r-base-core")
		}
		t.Skip("Rscript not found (apt-get install r-base-core)")
	}
	flag := func(b bool) (string, string) { return map[bool]string{true: "1", false: "0"}[b], strconv.FormatBool(b) }
	// Each case: a comparison, and rows of it to find in the CSV as
	// section, unit, other, axis_or_target, term, statistic, value, text.
	type check struct {
		c    *Comparison
		want [][]string
	}
	for _, tc := range []struct {
		name string
		make func(t *testing.T) check
	}{
		{"hand records", func(t *testing.T) check {
			c := aggregate(t, readRecordsFile(t, handFile), DefaultOptions())
			p, u := c.Tests[0].Pairs[0], c.Units[0]
			v, s := flag(p.Exact)
			return check{c, [][]string{
				{"meta", "", "", "", "", "articles", strconv.Itoa(c.Articles), ""},
				{"meta", "", "", "", "", "lexicon", "NA", c.Lexicon.Name},
				{"unit", u.Name, "", "", "", "tested", "1", "true"},
				{"unit", u.Name, "", "", "", "group", "NA", u.Group},
				{"axis_pair", p.A, p.B, c.Tests[0].Axis, "", "p", ftoa(p.P), ""},
				{"axis_pair", p.A, p.B, c.Tests[0].Axis, "", "exact", v, s},
				{"axis_pair", p.A, p.B, c.Tests[0].Axis, "", "sentence", "NA", p.Sentence},
				{"note", "", "", "", "", "note", "1", c.Notes[0]},
			}}
		}},
		{"trends", func(t *testing.T) check {
			c := aggregate(t, trendRecords(), options(func(o *Options) { o.Period = dates.Month; o.Seed = 1; o.Bootstrap = 200 }))
			tr := c.Trends
			ut := tr.Axes[0].Units[0]
			cell := ut.Cells[0]
			tt := ut.Test
			if tt == nil || tt.Direction == "" {
				t.Fatalf("the first unit's trend is not a reliable one: %+v", ut)
			}
			v, s := flag(cell.Few)
			return check{c, [][]string{
				{"meta", "", "", "", "", "period", "NA", tr.Period},
				{"meta", "", "", "", "", "undated", strconv.Itoa(tr.Undated), ""},
				{"period", ut.Unit, "", tr.Axes[0].Axis, cell.Period, "articles", strconv.Itoa(cell.Articles), ""},
				{"period", ut.Unit, "", tr.Axes[0].Axis, cell.Period, "few", v, s},
				{"period", ut.Unit, "", tr.Axes[0].Axis, cell.Period, "mean", ftoa(*cell.Mean), ""},
				{"period", ut.Unit, "", tr.Axes[0].Axis, cell.Period, "ci_method", "NA", cell.CIMethod},
				{"trend", ut.Unit, "", tr.Axes[0].Axis, "", "tau", ftoa(tt.Tau), ""},
				{"trend", ut.Unit, "", tr.Axes[0].Axis, "", "p_holm", ftoa(tt.PHolm), ""},
				{"trend", ut.Unit, "", tr.Axes[0].Axis, "", "first_period", "NA", tt.FirstPeriod},
				{"trend", ut.Unit, "", tr.Axes[0].Axis, "", "direction", "NA", tt.Direction},
				{"trend", ut.Unit, "", tr.Axes[0].Axis, "", "sentence", "NA", ut.Sentence},
			}}
		}},
		{"baseline", func(t *testing.T) check {
			batch, base := baselineAggregators(options(func(o *Options) { o.Seed = 5; o.Bootstrap = 200 }))
			c, err := batch.ResultAgainst(base)
			if err != nil {
				t.Fatal(err)
			}
			b := c.Baseline
			us := b.Axes[0].Units[0]
			nl := b.Naming[0].Labels[0]
			nt := b.NewTerms[0].Terms[0]
			if len(b.Notes) == 0 {
				t.Fatal("the baseline comparison has no notes to check")
			}
			v, s := flag(us.Shifted)
			return check{c, [][]string{
				{"baseline_meta", "", "", "", "", "articles", strconv.Itoa(b.Articles), ""},
				{"baseline_meta", "", "", "", "", "alpha", ftoa(b.Alpha), ""},
				{"baseline_meta", "", "", "", "", "shift_rule", "NA", b.Rule},
				{"baseline", us.Unit, "", b.Axes[0].Axis, "", "diff", ftoa(*us.Diff), ""},
				{"baseline", us.Unit, "", b.Axes[0].Axis, "", "p_holm", ftoa(us.PHolm), ""},
				{"baseline", us.Unit, "", b.Axes[0].Axis, "", "shifted", v, s},
				{"baseline", us.Unit, "", b.Axes[0].Axis, "", "sentence", "NA", us.Sentence},
				{"baseline_naming", b.Naming[0].Unit, "", nl.Target, nl.Entry, "label", "NA", nl.Label},
				{"baseline_naming", b.Naming[0].Unit, "", nl.Target, nl.Entry, "change", ftoa(nl.Change), ""},
				{"baseline_new_term", b.NewTerms[0].Unit, "", "", nt.Term, "z", ftoa(nt.Z), ""},
				{"baseline_note", "", "", "", "", "note", "1", b.Notes[0]},
			}}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ck := tc.make(t)
			var csvOut bytes.Buffer
			if err := WriteComparison(&csvOut, ck.c, "csv"); err != nil {
				t.Fatal(err)
			}
			var tsv strings.Builder
			for _, row := range ck.want {
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
		})
	}
}
