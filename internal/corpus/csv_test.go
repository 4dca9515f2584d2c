package corpus

import (
	"bytes"
	"context"
	"testing"
)

// FuzzCSV reads arbitrary bytes as a CSV file with a small size limit.
func FuzzCSV(f *testing.F) {
	f.Add([]byte("id,outlet,text\n1,O,\"multi\nline\"\n2,O,bad \"quote\"\n3,O,a,b\n4,O,ok\n"))
	f.Add([]byte("text\n\"unclosed\n"))
	f.Add([]byte("\ufeffTEXT,Outlet\nx,y\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		r := newRun(context.Background(), Options{MaxBytes: 128}, func(a *Article) error {
			checkArticle(t, a)
			n++
			return nil
		}, nil)
		src := r.newSource("f.csv", "f.csv", "")
		if err := r.stream(src, bytes.NewReader(data), "csv", true); err != nil {
			t.Fatal(err)
		}
		checkSummary(t, r.sum)
		if n != r.sum.Emitted {
			t.Fatalf("emit called %d times, summary says %d", n, r.sum.Emitted)
		}
	})
}
