package record

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/compare-tool/compare/internal/dates"
)

// recordLine returns one score record as a JSON line.
func recordLine(id, outlet string, score float64, n int) string {
	return fmt.Sprintf(`{"schema":"compare.score/v1","id":%q,"outlet":%q,"lexicon":{"name":"t","version":"1","sha256":"ab"},"tokens":10,"stance":{"x":{"score":%v,"n":%d}}}`, id, outlet, score, n)
}

func TestReadRecords(t *testing.T) {
	long := strings.Repeat("word ", 300_000) // 1.5 MB: past bufio.Scanner's 64 KB and the reader's 1 MB buffer
	good := recordLine("a", "x.example", 0.5, 1)
	tests := []struct {
		name    string
		input   string
		ids     []string
		wantErr string // substring; "" for no error
	}{
		{name: "two records", input: good + "\n" + recordLine("b", "y", -1, 2) + "\n", ids: []string{"a", "b"}},
		{name: "no final newline", input: good, ids: []string{"a"}},
		{name: "blank lines and CRLF", input: "\n" + good + "\r\n\r\n  \n" + recordLine("b", "y", 0, 1) + "\r\n", ids: []string{"a", "b"}},
		{
			name:  "long line",
			input: strings.Replace(good, `"tokens"`, `"text":"`+long+`","tokens"`, 1) + "\n" + recordLine("b", "y", 0, 1),
			ids:   []string{"a", "b"},
		},
		{name: "empty", input: "", ids: nil},
		{name: "malformed", input: good + "\n{\"schema\": \"compare.score/v1\",\n", ids: []string{"a"}, wantErr: "scores.jsonl:2: invalid JSON"},
		{name: "wrong type", input: strings.Replace(good, `"tokens":10`, `"tokens":"ten"`, 1), wantErr: `scores.jsonl:1: field "tokens"`},
		{name: "no schema", input: `{"id":"a"}`, wantErr: `scores.jsonl:1: no "schema" field`},
		{name: "other major version", input: strings.Replace(good, "v1", "v2", 1), wantErr: "scores.jsonl:1: schema \"compare.score/v2\" is version 2"},
		{name: "minor version", input: strings.Replace(good, "v1", "v1.3", 1), ids: []string{"a"}},
		{name: "not a score record", input: `{"schema":"compare.stats/v1"}`, wantErr: "is not a compare score record"},
		{name: "array", input: `[1, 2]`, wantErr: "scores.jsonl:1: a score record is a JSON object, not array"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ids []string
			err := ReadRecords(strings.NewReader(tt.input), "scores.jsonl", func(r *Record) error {
				ids = append(ids, r.ID)
				return nil
			})
			if tt.wantErr == "" && err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
			if strings.Join(ids, ",") != strings.Join(tt.ids, ",") {
				t.Errorf("records %v, want %v", ids, tt.ids)
			}
		})
	}
}

// TestReadRecordsOrder checks that records decoded on several goroutines
// reach fn in file order, and that an error stops the reading at its line.
func TestReadRecordsOrder(t *testing.T) {
	var b strings.Builder
	const n = 5000 // several batches
	for i := 0; i < n; i++ {
		fmt.Fprintln(&b, recordLine(fmt.Sprint(i), "o", float64(i), 1))
	}
	next := 0
	err := ReadRecords(strings.NewReader(b.String()), "many", func(r *Record) error {
		if r.ID != fmt.Sprint(next) {
			return fmt.Errorf("got record %s, want %d", r.ID, next)
		}
		next++
		return nil
	})
	if err != nil || next != n {
		t.Fatalf("read %d of %d records: %v", next, n, err)
	}

	stop := errors.New("enough")
	calls := 0
	err = ReadRecords(strings.NewReader(b.String()), "many", func(r *Record) error {
		calls++
		if r.ID == "1234" {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || !strings.HasPrefix(err.Error(), "many:1235: ") || calls != 1235 {
		t.Errorf("after %d calls got %v, want many:1235: enough after 1235 calls", calls, err)
	}

	// A corrupt line in a later batch: everything before it is delivered.
	lines := strings.Split(b.String(), "\n")
	lines[3000] = `{"schema":"compare.score/v1", "id": 3000,`
	calls = 0
	err = ReadRecords(strings.NewReader(strings.Join(lines, "\n")), "many", func(*Record) error { calls++; return nil })
	if err == nil || !strings.HasPrefix(err.Error(), "many:3001: ") || calls != 3000 {
		t.Errorf("after %d calls got %v, want a many:3001 error after 3000 calls", calls, err)
	}
}

type failingReader struct{ data io.Reader }

func (f failingReader) Read(p []byte) (int, error) {
	n, err := f.data.Read(p)
	if err == io.EOF {
		return n, errors.New("disk on fire")
	}
	return n, err
}

func TestReadRecordsReadError(t *testing.T) {
	input := recordLine("a", "x", 0, 1) + "\n" + recordLine("b", "x", 0, 1) + "\n"
	calls := 0
	err := ReadRecords(failingReader{strings.NewReader(input)}, "f", func(*Record) error { calls++; return nil })
	if err == nil || !strings.Contains(err.Error(), "disk on fire") || calls != 2 {
		t.Errorf("after %d calls got %v, want the read error after 2", calls, err)
	}
}

func FuzzReadRecords(f *testing.F) {
	f.Add(recordLine("a", "x", 0.5, 1) + "\n")
	f.Add("{\"schema\":\"compare.score/v1\"}\n\n[]")
	f.Add("\x00\xff{")
	f.Fuzz(func(t *testing.T, input string) {
		err := ReadRecords(strings.NewReader(input), "fuzz", func(r *Record) error {
			if CheckSchema(r.Schema) != nil {
				t.Errorf("delivered a record of schema %q", r.Schema)
			}
			return nil
		})
		if err != nil && !strings.HasPrefix(err.Error(), "fuzz:") {
			t.Errorf("error %q does not name the input", err)
		}
	})
}

func TestReaderSkipCredibility(t *testing.T) {
	base := recordLine("a", "x", 0.5, 1)
	lines := []string{
		strings.Replace(base, `"tokens"`, `"text":"hello","credibility":{"sides":{"a":1}},"tokens"`, 1),
		strings.Replace(base, `"tokens"`, `"text":"hello","Credibility":{"sides":{"a":1}},"Title":"t","tokens"`, 1),
	}
	for i, line := range lines {
		var got []*Record
		err := Reader{SkipCredibility: true}.Read(strings.NewReader(line), "s", func(r *Record) error {
			got = append(got, r)
			return nil
		})
		if err != nil || len(got) != 1 {
			t.Fatalf("line %d: %v", i, err)
		}
		if r := got[0]; r.Text != "hello" || r.Credibility != nil || r.ID != "a" || r.Tokens != 10 {
			t.Errorf("line %d: %+v", i, r)
		}
		var all *Record
		if err := ReadRecords(strings.NewReader(line), "s", func(r *Record) error { all = r; return nil }); err != nil {
			t.Fatal(err)
		}
		if all.Text != "hello" || all.Credibility == nil || all.Credibility.Sides["a"] != 1 {
			t.Errorf("line %d without skipping: text %q, credibility %+v", i, all.Text, all.Credibility)
		}
	}
	// Skipped signals are still checked to be JSON.
	bad := strings.Replace(base, `"tokens"`, `"credibility":{"sides":{"a":1},"tokens"`, 1)
	err := Reader{SkipCredibility: true}.Read(strings.NewReader(bad), "s", func(*Record) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "s:1: invalid JSON") {
		t.Errorf("malformed skipped signals: %v", err)
	}
}

// TestReadRecordsErrors pins the messages of bad lines: the offsets,
// value kinds and field paths of encoding/json, which compare has always
// quoted, with the library's reasons for syntax errors.
func TestReadRecordsErrors(t *testing.T) {
	good := recordLine("a", "x", 0.5, 1)
	with := func(field string) string { return strings.Replace(good, `"tokens":10`, field, 1) }
	tests := []struct{ name, line, want string }{
		{"cut short", `{"schema": "compare.score/v1",`, "invalid JSON at byte 31: unexpected end of JSON input"},
		{"string for int", with(`"tokens":"ten"`), `field "tokens": string is not a valid int`},
		{"fraction for int", with(`"tokens":1.5`), `field "tokens": number 1.5 is not a valid int`},
		{"in an array", with(`"matches":[{"start":"x"}]`), `field "matches.start": string is not a valid int`},
		{"in a map", with(`"matches":[{"contrib":{"a.b":"x"}}]`), `field "matches.contrib": string is not a valid float64`},
		{"map of structs", with(`"targets":{"a.b":{"framing":"x"}}`), `field "targets.framing": string is not a valid float64`},
		{"struct for string", with(`"lexicon":"x"`), `field "lexicon": string is not a valid record.LexiconRef`},
		{"signals", with(`"credibility":{"sourcing":{"claims":"x"}}`), `field "credibility.sourcing.claims": string is not a valid int`},
		{"array", `[1, 2]`, "a score record is a JSON object, not array"},
		{"no schema", `{"id":"a"}`, `no "schema" field: not a compare score record (write one with compare score --format jsonl)`},
		{"trailing garbage", `{"schema":"compare.score/v1"} x`, "invalid JSON at byte 31: invalid character 'x' after top-level value"},
		{"bad key", `{schema:1}`, "invalid JSON at byte 2: invalid character 's' at start of value"},
		{"NUL", "\x00{", `invalid JSON at byte 1: invalid character '\x00' at start of value`},
	}
	for _, tt := range tests {
		for _, rr := range []Reader{{}, {Sparse: true}} {
			t.Run(fmt.Sprintf("%s/sparse=%v", tt.name, rr.Sparse), func(t *testing.T) {
				err := rr.Read(strings.NewReader(tt.line+"\n"), "f.jsonl", func(*Record) error { return nil })
				// Sparse reads the contributions too (to set Loaded), so a
				// bad one is the same error.
				if err == nil || err.Error() != "f.jsonl:1: "+tt.want {
					t.Errorf("got  %v\nwant f.jsonl:1: %s", err, tt.want)
				}
			})
		}
	}
}

// TestReadRecordsRanges checks that values no scorer writes stop the
// reading with the field named, before they reach the statistics.
func TestReadRecordsRanges(t *testing.T) {
	good := recordLine("a", "x", 0.5, 1)
	with := func(field string) string { return strings.Replace(good, `"tokens":10`, field, 1) }
	match := func(start, end int) string {
		return fmt.Sprintf(`"tokens":3,"text":"the regime","matches":[{"start":4,"end":10,"line":1,"col":5},{"start":%d,"end":%d,"line":1,"col":1}]`, start, end)
	}
	tests := []struct{ name, line, want string }{
		{"negative tokens", with(`"tokens":-6`), `field "tokens": -6 is negative`},
		{"negative loaded", with(`"tokens":1,"loaded":-1`), `field "loaded": -1 is negative`},
		{"negative voice count", with(`"tokens":1,"loaded_by_voice":{"author":-2}`), `field "loaded_by_voice": -2 is negative (author)`},
		{"negative category", with(`"tokens":1,"categories":{"slur":-1}`), `field "categories": -1 is negative (slur)`},
		{"negative references", with(`"tokens":1,"targets":{"gov":{"references":-1}}`), `field "targets.references": -1 is negative (target gov)`},
		{"negative n", strings.Replace(good, `"n":1`, `"n":-3`, 1), `field "stance.n": -3 is negative (axis x)`},
		{"negative start", with(match(-1, 2)), `field "matches.start": -1 is negative (match 2)`},
		{"end before start", with(match(5, 2)), `field "matches.end": 2 is before start 5 (match 2)`},
		{"end past the text", with(match(4, 11)), `field "matches.end": 11 is past the end of the text (10 bytes) (match 2)`},
		{"quote past the text", with(`"tokens":1,"text":"ab","quotes":[{"start":0,"end":3}]`), `field "quotes.end": 3 is past the end of the text (2 bytes) (quote 1)`},
		{"negative dropped", with(`"tokens":1,"dropped":[{"start":-4,"end":0}]`), `field "dropped.start": -4 is negative (dropped span 1)`},
	}
	for _, tt := range tests {
		for _, rr := range []Reader{{}, {Sparse: true}} {
			t.Run(fmt.Sprintf("%s/sparse=%v", tt.name, rr.Sparse), func(t *testing.T) {
				err := rr.Read(strings.NewReader(tt.line+"\n"), "f.jsonl", func(*Record) error { return nil })
				if err == nil || err.Error() != "f.jsonl:1: "+tt.want {
					t.Errorf("got  %v\nwant f.jsonl:1: %s", err, tt.want)
				}
			})
		}
	}
	// Without the text, offsets are checked as far as they can be.
	ok := with(`"tokens":3,"matches":[{"start":400,"end":410,"line":9,"col":5}]`)
	if err := ReadRecords(strings.NewReader(ok), "f.jsonl", func(*Record) error { return nil }); err != nil {
		t.Errorf("record without text: %v", err)
	}
}

// endless is a line that never ends.
type endless struct{ read int }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	e.read += len(p)
	return len(p), nil
}

// TestReadRecordsLineLimit checks that a line longer than the limit is an
// error naming its line, after the records before it, and that it is not
// read whole (issue 14: one 500 MB field made stats use 6.7 GB).
func TestReadRecordsLineLimit(t *testing.T) {
	good := recordLine("a", "x", 0.5, 1)
	long := strings.Replace(good, `"tokens"`, `"text":"`+strings.Repeat("w", 5000)+`","tokens"`, 1)
	var ids []string
	err := Reader{MaxBytes: 1000}.Read(strings.NewReader(good+"\n"+long+"\n"+good+"\n"), "big.jsonl", func(r *Record) error {
		ids = append(ids, r.ID)
		return nil
	})
	want := "big.jsonl:2: line longer than 1000 bytes: not a score record (records are at most a few times the size of their article)"
	if err == nil || err.Error() != want || len(ids) != 1 {
		t.Errorf("after %v got %v, want %s after one record", ids, err, want)
	}
	// A line at the limit is read.
	if err := (Reader{MaxBytes: len(long)}).Read(strings.NewReader(long+"\r\n"), "f", func(*Record) error { return nil }); err != nil {
		t.Errorf("line at the limit: %v", err)
	}
	src := &endless{}
	err = Reader{MaxBytes: 4 << 20}.Read(src, "endless", func(*Record) error { return nil })
	if err == nil || !strings.HasPrefix(err.Error(), "endless:1: line longer than 4 MiB") || src.read > 8<<20 {
		t.Errorf("endless line: read %d bytes, got %v", src.read, err)
	}
}

// TestReadDates reads the dates of old and new records: version 1.0
// records carry the date as written and are normalised on reading.
func TestReadDates(t *testing.T) {
	line := func(schema, dateFields string) string {
		return fmt.Sprintf(`{"schema":%q,"id":"a","outlet":"x",%s"lexicon":{"name":"t","version":"1","sha256":"ab"},"tokens":10}`, schema, dateFields)
	}
	tests := []struct {
		name         string
		input        string
		order        dates.Order
		date, orig   string
		source       string
		wantErr      string
		publishedUTC string // Published().Time, when there is a date
	}{
		{name: "v1 iso", input: line("compare.score/v1", `"date":"2024-06-04",`), date: "2024-06-04", orig: "2024-06-04", publishedUTC: "2024-06-04T00:00:00Z"},
		{name: "v1 rfc1123", input: line("compare.score/v1", `"date":"Tue, 04 Jun 2024 10:00:00 +0200",`),
			date: "2024-06-04T08:00:00Z", orig: "Tue, 04 Jun 2024 10:00:00 +0200", publishedUTC: "2024-06-04T08:00:00Z"},
		{name: "v1 written out", input: line("compare.score/v1", `"date":"June 4, 2024",`), date: "2024-06-04", orig: "June 4, 2024", publishedUTC: "2024-06-04T00:00:00Z"},
		{name: "v1 ambiguous left unread", input: line("compare.score/v1", `"date":"04/06/2024",`), date: "", orig: "04/06/2024"},
		{name: "v1 ambiguous with order", input: line("compare.score/v1", `"date":"04/06/2024",`), order: dates.MonthFirst, date: "2024-04-06", orig: "04/06/2024", publishedUTC: "2024-04-06T00:00:00Z"},
		{name: "v1 unreadable", input: line("compare.score/v1", `"date":"last week",`), date: "", orig: "last week"},
		{name: "v1 no date", input: line("compare.score/v1", ""), date: "", orig: ""},
		{name: "v1.1 and later, as written", input: line(Schema, `"date":"2024-06-04T08:00:00Z","date_original":"Tue, 04 Jun 2024 10:00:00 +0200",`),
			date: "2024-06-04T08:00:00Z", orig: "Tue, 04 Jun 2024 10:00:00 +0200", publishedUTC: "2024-06-04T08:00:00Z"},
		{name: "v1.1 and later, from url", input: line(Schema, `"date":"2024-06-04","date_source":"url",`), date: "2024-06-04", source: "url", publishedUTC: "2024-06-04T00:00:00Z"},
		{name: "v1.1 and later, unread ambiguous read with order", input: line(Schema, `"date_original":"04/06/2024",`), order: dates.DayFirst,
			date: "2024-06-04", orig: "04/06/2024", publishedUTC: "2024-06-04T00:00:00Z"},
		{name: "v1.1 and later, unread ambiguous without order", input: line(Schema, `"date_original":"04/06/2024",`), date: "", orig: "04/06/2024"},
		{name: "v1.1 and later, not normalised", input: line(Schema, `"date":"next week",`), wantErr: `scores.jsonl:1: field "date": date "next week"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []*Record
			err := Reader{DateOrder: tt.order}.Read(strings.NewReader(tt.input), "scores.jsonl", func(r *Record) error {
				got = append(got, r)
				return nil
			})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || len(got) != 1 {
				t.Fatalf("%d records, %v", len(got), err)
			}
			r := got[0]
			if r.Date != tt.date || r.DateOriginal != tt.orig || r.DateSource != tt.source {
				t.Errorf("date %q, original %q, source %q; want %q, %q, %q", r.Date, r.DateOriginal, r.DateSource, tt.date, tt.orig, tt.source)
			}
			p := r.Published()
			switch {
			case tt.publishedUTC == "" && !p.IsZero():
				t.Errorf("Published() = %v, want none", p)
			case tt.publishedUTC != "" && p.Time.Format(time.RFC3339) != tt.publishedUTC:
				t.Errorf("Published() = %v, want %s", p.Time, tt.publishedUTC)
			case tt.source == "url" && p.Source != dates.SourceURL:
				t.Errorf("Published().Source = %v, want url", p.Source)
			}
		})
	}
}
