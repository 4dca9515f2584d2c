package corpus

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLineReader(t *testing.T) {
	long := strings.Repeat("x", 5000)
	tests := []struct {
		name string
		in   string
		max  int64
		want []string // lines; "LONG:" and the first bytes for too-long ones
	}{
		{"plain", "a\nb\n", 100, []string{"a", "b"}},
		{"no final newline", "a\nb", 100, []string{"a", "b"}},
		{"CRLF", "a\r\nb\r\n", 100, []string{"a", "b"}},
		{"blank lines kept", "a\n\n\nb", 100, []string{"a", "", "", "b"}},
		{"exactly max", "abcd\nx", 4, []string{"abcd", "x"}},
		{"exactly max with CRLF", "abcd\r\nx", 4, []string{"abcd", "x"}},
		{"one over max", "abcde\nx", 4, []string{"LONG:abcde", "x"}},
		{"longer than the buffer", long + "\nafter\n", 1 << 20, []string{long, "after"}},
		{"too long and longer than the buffer", long + "\nafter\n", 100, []string{"LONG:" + long[:recordLimit], "after"}},
		{"empty input", "", 100, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A small buffer makes lines span several ReadSlice calls.
			lr := &lineReader{br: bufio.NewReaderSize(strings.NewReader(tt.in), 16), max: tt.max}
			var got []string
			for {
				line, long, err := lr.next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				s := string(line)
				if long {
					s = "LONG:" + s
				}
				got = append(got, s)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if lr.line != len(tt.want) {
				t.Errorf("counted %d lines, want %d", lr.line, len(tt.want))
			}
		})
	}
}

func TestJSONText(t *testing.T) {
	obj, _, err := parseJSONObject([]byte(`{"n": 12345678901234567890, "f": 1.50, "b": true, "z": null, "l": ["a", 2], "m": [{"a": 1}], "o": {"k": "v"}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"n": "12345678901234567890", "f": "1.50", "b": "true", "z": "", "l": "a, 2", "m": `[{"a":1}]`, "o": `{"k":"v"}`}
	for k, w := range want {
		if got := jsonText(obj[k]); got != w {
			t.Errorf("%s: got %q, want %q", k, got, w)
		}
	}
}

// FuzzJSONL reads arbitrary bytes as a JSON Lines file with a small size
// limit.
// FuzzParseJSONObject holds parseJSONObject's fast path to encoding/json:
// whenever it reads a line, it reads the values and repeated keys
// encoding/json reads.
func FuzzParseJSONObject(f *testing.F) {
	for _, s := range []string{`{"id": "a", "n": 1.50, "ok": true, "x": null, "text": "caf\u00e9\n"}`, `{"a": "1", "a": "2", "A": "3"}`,
		`{"text": "\ud800"}`, `{"text": "a"} x`, `{"tags": ["a", 1]}`, `{}`, ` {"a":-0e1} `, `{"a": "\u2028<>&"}`, `[1]`, `{"a" "b"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if !utf8.Valid(b) {
			return // repairUTF8 runs first
		}
		obj, dups, ok := parseFlatObject(b)
		if !ok {
			return
		}
		want, wantDups, err := decodeJSONObject(b)
		if err != nil {
			t.Fatalf("%q: the fast path read %v, encoding/json fails: %v", b, obj, err)
		}
		if !reflect.DeepEqual(obj, want) || !slices.Equal(dups, wantDups) {
			t.Fatalf("%q: fast path %#v %q, encoding/json %#v %q", b, obj, dups, want, wantDups)
		}
	})
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"id": "a", "outlet": "O", "text": "Hello.\nShare"}` + "\n"))
	f.Add([]byte(`{"text": "x"}` + "\n" + `{"text": ` + "\n\n" + `[1]` + "\n" + `{"id": 1, "body": "y", "media_name": "M"}`))
	f.Add([]byte(`{"id": "a", "text": "` + strings.Repeat("long ", 100) + `"}` + "\n" + `{"id": "a", "text": "dup"}`))
	f.Add([]byte("{\"text\": \"caf\xe9\"}\r\n{\"text\": \"\\ud800\"}\n\x00\n"))
	f.Add([]byte(`{"text": "a", "text": "b"} {"x": 1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		r := newRun(context.Background(), Options{MaxBytes: 256}, func(a *Article) error {
			checkArticle(t, a)
			n++
			return nil
		}, func(p Problem) {
			if p.Skipped && p.Reason != ReasonEmpty && p.Reason != ReasonBinary && p.Reason != ReasonUnreadable && p.Line == 0 {
				t.Errorf("problem without a line: %s", p)
			}
		})
		src := r.newSource("f.jsonl", "f.jsonl", "")
		if err := r.stream(src, bytes.NewReader(data), "jsonl", true); err != nil {
			t.Fatal(err)
		}
		checkSummary(t, r.sum)
		if n != r.sum.Emitted {
			t.Fatalf("emit called %d times, summary says %d", n, r.sum.Emitted)
		}
		if lines := bytes.Count(data, []byte{'\n'}) + 1; r.sum.Read > lines {
			t.Fatalf("%d records from %d lines", r.sum.Read, lines)
		}
	})
}
