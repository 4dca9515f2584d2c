package dictionary

import (
	"bytes"
	"io"
	"testing"

	"github.com/compare-tool/compare/internal/golden"
	"github.com/compare-tool/compare/internal/rulefile"
)

// The fuzz targets check that any dictionary the readers accept imports
// into a lexicon that passes the lexicon check, and exports into a
// dictionary that reads back without notes.

func FuzzReadLIWC(f *testing.F) {
	for _, name := range []string{"small.dic", "messy.dic", "bad.dic", "noheader.dic"} {
		f.Add(golden.ReadFile(f, "testdata/"+name))
	}
	f.Add([]byte("%\n1\ta\n%\nx y*\t1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip(t, "fuzz.dic", data, ReadLIWC, WriteLIWC, "liwc")
	})
}

func FuzzReadQuanteda(f *testing.F) {
	for _, name := range []string{"nested.yml", "messy.yml", "bad.yml", "list.yml"} {
		f.Add(golden.ReadFile(f, "testdata/"+name))
	}
	f.Add([]byte("a: {b: [x], __: [y]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip(t, "fuzz.yml", data, ReadQuanteda, WriteQuanteda, "quanteda")
	})
}

func roundTrip(t *testing.T, name string, data []byte,
	read func(string, []byte) (*Dictionary, []rulefile.Problem, error), write func(io.Writer, *Dictionary) error, format string) {
	d, _, err := read(name, data)
	if err != nil {
		return
	}
	im, err := Import(d, ImportOptions{Source: name})
	if err != nil {
		t.Fatalf("accepted dictionary does not import: %v\n%q", err, data)
	}
	out, _ := Export(im.Lexicon, format)
	var b bytes.Buffer
	if err := write(&b, out); err != nil {
		t.Fatal(err)
	}
	if _, notes, err := read("exported", b.Bytes()); err != nil || len(notes) > 0 {
		t.Fatalf("export does not read back: %v %v\n%s", err, notes, b.String())
	}
}
