package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/dates"
	"github.com/compare-tool/compare/internal/golden"
	"github.com/compare-tool/compare/internal/record"
)

// scoreParquet scores the sample into dir as Parquet and JSON Lines and
// returns the paths of the articles table and of the JSON Lines file.
func scoreParquet(t *testing.T, dir string, extra ...string) (pq, jsonl string) {
	t.Helper()
	pq, jsonl = filepath.Join(dir, "scores.parquet"), filepath.Join(dir, "scores.jsonl")
	for _, f := range []struct{ format, out string }{{"parquet", pq}, {"jsonl", jsonl}} {
		args := append([]string{"score", "--format", f.format, "-o", f.out, "--outlets", "../../testdata/sample-outlets.yaml"}, extra...)
		if _, stderr, code := compare(t, "", append(args, sampleDir)...); code != 0 {
			t.Fatalf("score --format %s: exit %d: %s", f.format, code, stderr)
		}
	}
	return pq, jsonl
}

func readBoth(t *testing.T, pq, jsonl string) (fromPQ, fromJSONL []*record.Record) {
	t.Helper()
	if err := (record.Reader{}).ReadParquet(pq, func(r *record.Record) error { fromPQ = append(fromPQ, r); return nil }); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(jsonl)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := record.ReadRecords(f, jsonl, func(r *record.Record) error { fromJSONL = append(fromJSONL, r); return nil }); err != nil {
		t.Fatal(err)
	}
	return fromPQ, fromJSONL
}

// TestParquetRoundTrip checks that the Parquet tables hold the records
// whole: read back, each equals the JSON Lines record of the same
// article; stats and report on them are byte for byte those on the JSON
// Lines; the files are the same for any number of workers; and the
// tables' schemas are pinned (golden score-sample-parquet-schema.txt).
func TestParquetRoundTrip(t *testing.T) {
	dir := t.TempDir()
	pq, jsonl := scoreParquet(t, dir)
	fromPQ, fromJSONL := readBoth(t, pq, jsonl)
	if len(fromPQ) == 0 || len(fromPQ) != len(fromJSONL) {
		t.Fatalf("%d records from Parquet, %d from JSON Lines", len(fromPQ), len(fromJSONL))
	}
	for i := range fromPQ {
		if !reflect.DeepEqual(fromPQ[i], fromJSONL[i]) {
			a, _ := json.Marshal(fromPQ[i])
			b, _ := json.Marshal(fromJSONL[i])
			t.Fatalf("record %d differs:\nparquet %.600s\njsonl   %.600s", i+1, a, b)
		}
	}

	// Each command reads the scores given as IN (and, for --baseline, a
	// baseline of the same file: nothing shifts against itself).
	for _, args := range [][]string{
		{"stats", "--format", "csv", "--scores", "IN"},
		{"stats", "--by", "group", "--format", "json", "--scores", "IN"},
		{"stats", "--period", "quarter", "--format", "csv", "--scores", "IN"},
		{"stats", "--baseline", "IN", "--format", "json", "--scores", "IN"},
		{"kwic", "--format", "csv", "--scores", "IN"},
	} {
		on := func(in string) []string {
			out := slices.Clone(args)
			for i := range out {
				if out[i] == "IN" {
					out[i] = in
				}
			}
			return out
		}
		fromPQ, stderr, code := compare(t, "", on(pq)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", on(pq), code, stderr)
		}
		fromJSONL, _, _ := compare(t, "", on(jsonl)...)
		if fromPQ != fromJSONL {
			t.Errorf("%v: output on parquet differs from output on JSON Lines", on(pq))
		}
	}
	reports := [2]string{filepath.Join(dir, "pq.html"), filepath.Join(dir, "jsonl.html")}
	for i, in := range []string{pq, jsonl} {
		if _, stderr, code := compare(t, "", "report", "--scores", in, "-o", reports[i]); code != 0 {
			t.Fatalf("report --scores %s: exit %d: %s", in, code, stderr)
		}
	}
	if a, b := readFile(t, reports[0]), readFile(t, reports[1]); a != b {
		t.Error("the report on parquet differs from the report on JSON Lines")
	}

	other := t.TempDir()
	pq3, _ := scoreParquet(t, other, "--workers", "3")
	for _, p := range []string{pq, record.ParquetMatchesPath(pq)} {
		q := filepath.Join(other, filepath.Base(p))
		if p == record.ParquetMatchesPath(pq) {
			q = record.ParquetMatchesPath(pq3)
		}
		if readFile(t, p) != readFile(t, q) {
			t.Errorf("%s differs between --workers 1 and 3", filepath.Base(p))
		}
	}

	var schemas strings.Builder
	for _, p := range []string{pq, record.ParquetMatchesPath(pq)} {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := f.Stat()
		pf, err := parquet.OpenFile(f, st.Size())
		if err != nil {
			t.Fatal(err)
		}
		schemas.WriteString(filepath.Base(p) + " (" + strconv.FormatInt(pf.NumRows(), 10) + " rows):\n" + pf.Schema().String() + "\n")
		f.Close()
	}
	golden.Check(t, "testdata/golden/score-sample-parquet-schema.txt", schemas.String())
}

// TestParquetDates checks that the tables carry a record's date whole:
// the date in ISO 8601, the text as written, and where it was read from
// (datedArticles: an ambiguous date, a date with a zone, a date from the
// URL); and that an ambiguous date left unread is read in the order
// stats is given, as from JSON Lines.
func TestParquetDates(t *testing.T) {
	dir := t.TempDir()
	pq, jsonl := filepath.Join(dir, "dated.parquet"), filepath.Join(dir, "dated.jsonl")
	for _, f := range []struct{ format, out string }{{"parquet", pq}, {"jsonl", jsonl}} {
		if _, stderr, code := compare(t, datedArticles, "score", "--format", f.format, "-o", f.out, "-"); code != 0 {
			t.Fatalf("score --format %s: exit %d: %s", f.format, code, stderr)
		}
	}
	fromPQ, fromJSONL := readBoth(t, pq, jsonl)
	if len(fromPQ) != 3 || !reflect.DeepEqual(fromPQ, fromJSONL) {
		t.Fatalf("%d records from Parquet differ from the JSON Lines ones", len(fromPQ))
	}
	type dated struct{ date, original, source string }
	want := []dated{{"", "04/06/2024", ""}, {"2024-06-04T08:00:00Z", "Tue, 04 Jun 2024 10:00:00 +0200", ""}, {"2024-06-05", "", "url"}}
	for i, r := range fromPQ {
		if got := (dated{r.Date, r.DateOriginal, r.DateSource}); got != want[i] {
			t.Errorf("record %s: %+v, want %+v", r.ID, got, want[i])
		}
	}
	var first *record.Record
	if err := (record.Reader{DateOrder: dates.DayFirst}).ReadParquet(pq, func(r *record.Record) error {
		if first == nil {
			first = r
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if first.Date != "2024-06-04" || first.DateOriginal != "04/06/2024" {
		t.Errorf("day first: date %q (%q), want 2024-06-04", first.Date, first.DateOriginal)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestParquetErrors checks that parquet needs -o, that a missing or
// foreign matches table is an error naming the file, and that --no-text
// tables read back.
func TestParquetErrors(t *testing.T) {
	_, stderr, code := compare(t, "", "score", "--format", "parquet", sampleDir)
	if code != exitUsage || !strings.Contains(stderr, "-o FILE.parquet") {
		t.Errorf("parquet to standard output: exit %d, %s", code, stderr)
	}
	dir := t.TempDir()
	pq, _ := scoreParquet(t, dir, "--no-text")
	matches := record.ParquetMatchesPath(pq)
	moved := filepath.Join(dir, "elsewhere.parquet")
	if err := os.Rename(matches, moved); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = compare(t, "", "stats", "--scores", pq)
	if code != exitFailure || !strings.Contains(stderr, "matches table") || !strings.Contains(stderr, "missing") {
		t.Errorf("without the matches table: exit %d, %s", code, stderr)
	}
	// A matches table of other articles: the sample's first file alone.
	one := t.TempDir()
	if _, stderr, code := compare(t, "", "score", "--format", "parquet", "-o", filepath.Join(one, "one.parquet"), filepath.Join(sampleDir, "wire-desk")); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if err := os.Rename(record.ParquetMatchesPath(filepath.Join(one, "one.parquet")), matches); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = compare(t, "", "stats", "--scores", pq)
	if code != exitFailure || !strings.Contains(stderr, "not one pair") {
		t.Errorf("a foreign matches table: exit %d, %s", code, stderr)
	}
}

// TestParquetDuckDB reads the tables with DuckDB (scripts/duckdb, installed
// by make test with npm ci), an independent Parquet reader, and compares
// what it reads, value by value and with its column types, with the JSON
// Lines records. It skips without node 20 or newer or without DuckDB
// installed, except on CI, where make test installs it.
func TestParquetDuckDB(t *testing.T) {
	script := filepath.Join("..", "..", "scripts", "duckdb", "read-parquet.mjs")
	node, err := exec.LookPath("node")
	if err == nil {
		out, verr := exec.Command(node, "--version").Output()
		major, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimSpace(string(out)), "v"), ".")
		if n, _ := strconv.Atoi(major); verr != nil || n < 20 {
			t.Skipf("node %s: DuckDB's node package is tested with node 20 or newer", strings.TrimSpace(string(out)))
		}
	}
	if _, serr := os.Stat(filepath.Join("..", "..", "scripts", "duckdb", "node_modules", "@duckdb", "node-api")); err != nil || serr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("DuckDB not installed (make duckdb); CI must run this test")
		}
		t.Skip("DuckDB not installed: make duckdb (npm ci in scripts/duckdb)")
	}
	pq, jsonl := scoreParquet(t, t.TempDir())
	var stderr bytes.Buffer
	cmd := exec.Command(node, script, pq, record.ParquetMatchesPath(pq))
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v: %s", err, stderr.String())
	}
	type table struct {
		Types map[string]string `json:"types"`
		Rows  []map[string]any  `json:"rows"`
	}
	var duck struct{ Articles, Matches table }
	if err := json.Unmarshal(out, &duck); err != nil {
		t.Fatal(err)
	}
	for tbl, want := range map[*table]map[string]string{
		&duck.Articles: {"id": "VARCHAR", "date": "VARCHAR", "date_original": "VARCHAR", "tokens": "BIGINT", "loaded_per_1k": "DOUBLE", "text_line": "BIGINT", "credibility_signals": "JSON",
			"stance": "STRUCT(axis VARCHAR, score DOUBLE, n BIGINT, quote_score DOUBLE, quote_n BIGINT, reported_score DOUBLE, reported_n BIGINT, from_reported BOOLEAN, distanced_n BIGINT)[]"},
		&duck.Matches: {"article": "BIGINT", "start": "BIGINT", "valence": "DOUBLE", "loaded": "BOOLEAN", "voice": "VARCHAR",
			"contrib": `STRUCT(axis VARCHAR, "value" DOUBLE)[]`},
	} {
		for col, typ := range want {
			if tbl.Types[col] != typ {
				t.Errorf("DuckDB reads column %s as %s, want %s", col, tbl.Types[col], typ)
			}
		}
	}
	_, recs := readBoth(t, pq, jsonl)
	if len(duck.Articles.Rows) != len(recs) {
		t.Fatalf("DuckDB read %d articles, want %d", len(duck.Articles.Rows), len(recs))
	}
	num := func(v any) float64 { f, _ := v.(float64); return f }
	str := func(v any) string { s, _ := v.(string); return s } // null is ""
	m := 0
	for i, r := range recs {
		a := duck.Articles.Rows[i]
		if a["id"] != r.ID || a["outlet"] != r.Outlet || num(a["tokens"]) != float64(r.Tokens) || num(a["loaded_per_1k"]) != r.LoadedPer1k ||
			a["text"] != r.Text || num(a["loaded_author"]) != float64(r.LoadedByVoice[record.Author]) ||
			str(a["date"]) != r.Date || str(a["date_original"]) != r.DateOriginal || str(a["date_source"]) != r.DateSource {
			t.Errorf("article %d: DuckDB read %v %v %v %v %v", i, a["id"], a["outlet"], a["date"], a["tokens"], a["loaded_per_1k"])
		}
		for _, s := range a["stance"].([]any) {
			s := s.(map[string]any)
			want := r.Stance[s["axis"].(string)]
			if num(s["score"]) != want.Score || num(s["n"]) != float64(want.N) {
				t.Errorf("%s: stance %v, want %+v", r.ID, s, want)
			}
		}
		for _, ts := range a["targets"].([]any) {
			ts := ts.(map[string]any)
			want := r.Targets[ts["target"].(string)]
			if (ts["framing"] == nil) != (want.Framing == nil) || want.Framing != nil && num(ts["framing"]) != *want.Framing {
				t.Errorf("%s: target %v, want framing %v", r.ID, ts, want.Framing)
			}
		}
		var sig credibility.Signals
		if err := json.Unmarshal([]byte(a["credibility_signals"].(string)), &sig); err != nil || !reflect.DeepEqual(&sig, r.Credibility) {
			t.Errorf("%s: credibility signals differ (%v)", r.ID, err)
		}
		if c := a["credibility"].(map[string]any); num(c["claims"]) != float64(r.Credibility.Sourcing.Claims) {
			t.Errorf("%s: credibility claims %v, want %d", r.ID, c["claims"], r.Credibility.Sourcing.Claims)
		}
		for _, want := range r.Matches {
			if m >= len(duck.Matches.Rows) {
				t.Fatalf("DuckDB read %d matches, fewer than the records hold", len(duck.Matches.Rows))
			}
			got := duck.Matches.Rows[m]
			if num(got["article"]) != float64(i) || num(got["start"]) != float64(want.Start) || num(got["end"]) != float64(want.End) ||
				got["text"] != want.Text || got["entry"] != want.Entry || got["voice"] != string(want.Voice) ||
				num(got["valence"]) != want.Valence || got["loaded"] != want.Loaded {
				t.Errorf("match %d: DuckDB read %v, want %+v", m, got, want)
			}
			m++
		}
	}
	if m != len(duck.Matches.Rows) {
		t.Errorf("DuckDB read %d matches, the records hold %d", len(duck.Matches.Rows), m)
	}
}
