package record

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
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

func TestRecordReaderSkip(t *testing.T) {
	base := recordLine("a", "x", 0.5, 1)
	lines := []string{
		strings.Replace(base, `"tokens"`, `"text":"hello","credibility":{"sides":{"a":1}},"tokens"`, 1),
		// A key in another case sends the line to encoding/json, which
		// must leave out the same fields.
		strings.Replace(base, `"tokens"`, `"text":"hello","credibility":{"sides":{"a":1}},"Title":"t","tokens"`, 1),
	}
	for i, line := range lines {
		var got []*Record
		err := Reader{Skip: []string{"credibility", "text"}}.Read(strings.NewReader(line), "s", func(r *Record) error {
			got = append(got, r)
			return nil
		})
		if err != nil || len(got) != 1 {
			t.Fatalf("line %d: %v", i, err)
		}
		if r := got[0]; r.Text != "" || r.Credibility != nil || r.ID != "a" || r.Tokens != 10 {
			t.Errorf("line %d: %+v", i, r)
		}
		var all *Record
		ReadRecords(strings.NewReader(line), "s", func(r *Record) error { all = r; return nil })
		if all.Text != "hello" || all.Credibility == nil || all.Credibility.Sides["a"] != 1 {
			t.Errorf("line %d without skipping: text %q, credibility %+v", i, all.Text, all.Credibility)
		}
	}
}
