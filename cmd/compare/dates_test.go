package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/record"
)

// datedArticles are three articles whose dates need each rule: an
// all-numeric date that reads both ways, a date with a zone, and none but
// the URL's.
const datedArticles = `{"id":"a","outlet":"Alpha","date":"04/06/2024","text":"The regime said so."}
{"id":"b","outlet":"Alpha","date":"Tue, 04 Jun 2024 10:00:00 +0200","text":"The regime said so."}
{"id":"c","outlet":"Alpha","url":"https://alpha.example/2024/06/05/story","text":"The regime said so."}
`

func TestScoreDates(t *testing.T) {
	type dated struct{ date, original, source string }
	tests := []struct {
		name    string
		args    []string
		want    []dated
		warning string
	}{
		{name: "no order", want: []dated{{"", "04/06/2024", ""}, {"2024-06-04T08:00:00Z", "Tue, 04 Jun 2024 10:00:00 +0200", ""}, {"2024-06-05", "", "url"}},
			warning: `compare: warning: <stdin>:1: date: date "04/06/2024" is ambiguous: 2024-06-04 if the day comes first, 2024-04-06 if the month comes first`},
		{name: "day first", args: []string{"--date-order", "day-first"},
			want: []dated{{"2024-06-04", "04/06/2024", ""}, {"2024-06-04T08:00:00Z", "Tue, 04 Jun 2024 10:00:00 +0200", ""}, {"2024-06-05", "", "url"}}},
		{name: "month first", args: []string{"--date-order", "month-first"},
			want: []dated{{"2024-04-06", "04/06/2024", ""}, {"2024-06-04T08:00:00Z", "Tue, 04 Jun 2024 10:00:00 +0200", ""}, {"2024-06-05", "", "url"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"score", "--format", "jsonl", "-"}, tt.args...)
			stdout, stderr, code := compare(t, datedArticles, args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			recs := decodeRecords(t, stdout)
			if len(recs) != len(tt.want) {
				t.Fatalf("%d records, want %d", len(recs), len(tt.want))
			}
			for i, r := range recs {
				if got := (dated{r.Date, r.DateOriginal, r.DateSource}); got != tt.want[i] {
					t.Errorf("record %s: %+v, want %+v", r.ID, got, tt.want[i])
				}
				if r.Schema != record.Schema {
					t.Errorf("schema %q", r.Schema)
				}
			}
			if tt.warning != "" && !strings.Contains(stderr, tt.warning) {
				t.Errorf("stderr lacks %q:\n%s", tt.warning, stderr)
			}
			if tt.warning == "" && strings.Contains(stderr, "warning") {
				t.Errorf("unexpected warning:\n%s", stderr)
			}
		})
	}
	_, stderr, code := compare(t, datedArticles, "score", "--date-order", "dmy", "-")
	if code != exitUsage || !strings.Contains(stderr, `--date-order: unknown date order "dmy" (want day-first or month-first)`) {
		t.Errorf("--date-order dmy: exit %d, %s", code, stderr)
	}
}

// TestStatsOldRecordDates reads version 1.0 score records, whose dates
// are as written, and gives their date range from parsed dates, with
// --date-order settling the ambiguous one.
func TestStatsOldRecordDates(t *testing.T) {
	line := func(id, date string) string {
		return `{"schema":"compare.score/v1","id":"` + id + `","outlet":"x","date":"` + date + `","lexicon":{"name":"t","version":"1","sha256":"ab"},"tokens":1}`
	}
	file := filepath.Join(t.TempDir(), "old.jsonl")
	data := strings.Join([]string{line("a", "Tue, 04 Jun 2024 10:00:00 GMT"), line("b", "2024-05-01"), line("c", "02/03/2024")}, "\n")
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		order string
		want  [2]string
	}{
		{"", [2]string{"2024-05-01", "2024-06-04T10:00:00Z"}},
		{"day-first", [2]string{"2024-03-02", "2024-06-04T10:00:00Z"}},
		{"month-first", [2]string{"2024-02-03", "2024-06-04T10:00:00Z"}},
	} {
		t.Run("order "+tt.order, func(t *testing.T) {
			args := []string{"stats", "--format", "json", "--scores", file}
			if tt.order != "" {
				args = append(args, "--date-order", tt.order)
			}
			stdout, stderr, code := compare(t, "", args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var c struct {
				DateRange [2]string `json:"date_range"`
			}
			if err := json.Unmarshal([]byte(stdout), &c); err != nil {
				t.Fatal(err)
			}
			if c.DateRange != tt.want {
				t.Errorf("date range %q, want %q", c.DateRange, tt.want)
			}
		})
	}
}

func TestPeriodUsage(t *testing.T) {
	for _, cmd := range []string{"stats", "report"} {
		_, stderr, code := compare(t, "", cmd, "--period", "fortnight", "--scores", handScores, "-o", filepath.Join(t.TempDir(), "r.html"))
		if code != exitUsage || !strings.Contains(stderr, `--period: unknown period "fortnight" (want day, week, month, quarter or year)`) {
			t.Errorf("%s --period fortnight: exit %d, %s", cmd, code, stderr)
		}
	}
}
