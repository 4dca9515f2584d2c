package corpus

import (
	"bytes"
	"context"
	"testing"
)

// fuzzRead reads data as one file of format with a small size limit and
// checks the summary's counts.
func fuzzRead(t *testing.T, data []byte, name, format string) {
	n := 0
	r := newRun(context.Background(), Options{MaxBytes: 128}, func(a *Article) error {
		checkArticle(t, a)
		n++
		return nil
	}, nil)
	src := r.newSource(name, name, "")
	if err := r.stream(src, bytes.NewReader(data), format, true); err != nil {
		t.Fatal(err)
	}
	checkSummary(t, r.sum)
	if n != r.sum.Emitted {
		t.Fatalf("emit called %d times, summary says %d", n, r.sum.Emitted)
	}
}

// FuzzCSV reads arbitrary bytes as a CSV and as a TSV file.
func FuzzCSV(f *testing.F) {
	f.Add([]byte("id,outlet,text\n1,O,\"multi\nline\"\n2,O,bad \"quote\"\n3,O,a,b\n4,O,ok\n"))
	f.Add([]byte("text\n\"unclosed\n"))
	f.Add([]byte("\ufeffTEXT,Outlet\nx,y\n"))
	f.Add([]byte("id\toutlet\ttext\nt1\tX\t\"open\nt2\tX\trow\n"))
	f.Add([]byte("text\ttext\n\x00\t1\na\tb\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "f.csv", "csv")
		fuzzRead(t, data, "f.tsv", "tsv")
	})
}

// FuzzJSONFile reads arbitrary bytes as a .json file: arrays and objects
// one after another, cut and nested in any way.
func FuzzJSONFile(f *testing.F) {
	f.Add([]byte(`[{"id": "a", "text": "x"}, 42, {"text": "y" oops}, {"text": "z"}] {"text": "w"} tail`))
	f.Add([]byte(`[[[[{"text": "deep"}]]]] [ , ] [{"text": "\"]}"}`))
	f.Add([]byte(`[{"text": "` + "\xe9" + `"}, {"text": "cut`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "f.json", "json")
	})
}
