package record_test

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/gencorpus"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

// benchRecords scores about 2 MB of generated articles with the default
// lexicon and credibility signals: records as compare score writes them.
func benchRecords(b *testing.B) []*record.Record {
	b.Helper()
	return generatedRecords(b, 2e6, 1, nil)
}

// generatedRecords scores about size bytes of articles generated with
// seed from the default lexicon, with credibility signals; edit, when not
// nil, changes each article before it is scored.
func generatedRecords(tb testing.TB, size int64, seed uint64, edit func(*corpus.Article)) []*record.Record {
	tb.Helper()
	lex, err := lexicon.Load(lexicon.Default)
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := gencorpus.Corpus(&buf, lex, gencorpus.Options{Bytes: size, Seed: seed}); err != nil {
		tb.Fatal(err)
	}
	s := scorer(tb)
	var recs []*record.Record
	dec := json.NewDecoder(&buf)
	for dec.More() {
		a := new(corpus.Article)
		if err := dec.Decode(a); err != nil {
			tb.Fatal(err)
		}
		if edit != nil {
			edit(a)
		}
		recs = append(recs, s.Score(a))
	}
	return recs
}

// BenchmarkReadRecords decodes score records as compare score writes them
// (text, matches, credibility signals), with every field, with
// credibility skipped, and sparsely (with and without credibility). Before
// timing it checks, once, that the records are the kind it names: every
// field filled, read back unchanged, and read by the sparse decoder itself.
func BenchmarkReadRecords(b *testing.B) {
	recs := benchRecords(b)
	data := write(b, "jsonl", recs...)
	for _, r := range recs {
		if len(r.Categories) == 0 || len(r.Matches) == 0 || r.Credibility == nil || r.Text == "" || len(r.Targets) == 0 {
			continue
		}
		var back *record.Record
		if err := record.ReadRecords(bytes.NewReader(write(b, "jsonl", r)), "check", func(x *record.Record) error { back = x; return nil }); err != nil {
			b.Fatal(err)
		}
		x, _ := json.Marshal(r)
		y, _ := json.Marshal(back)
		if !bytes.Equal(x, y) {
			b.Fatalf("a record does not read back as written:\n%s\n%s", x, y)
		}
		goto checked
	}
	b.Fatal("no generated record has categories, matches, credibility signals, text and targets")
checked:
	for i, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n")) {
		if !record.SparseReads(line) {
			b.Fatalf("record %d is left to the full decoder", i)
		}
	}
	for _, bb := range []struct {
		name string
		rr   record.Reader
	}{{"all", record.Reader{}}, {"skip-credibility", record.Reader{SkipCredibility: true}},
		{"sparse", record.Reader{Sparse: true}}, {"sparse-skip-credibility", record.Reader{Sparse: true, SkipCredibility: true}}} {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				n := 0
				if err := bb.rr.Read(bytes.NewReader(data), "bench", func(*record.Record) error { n++; return nil }); err != nil || n != len(recs) {
					b.Fatal(n, err)
				}
			}
			b.ReportMetric(float64(len(recs)*b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// BenchmarkSparseDecode decodes score records as compare score --no-text
// writes them (matches and credibility signals, the input of stats on a
// large corpus), one line after another on one goroutine, recycling
// records as stats does (Reader.Reuse): with the scanner, which reads
// every line (checked once), and with the token decoder alone, the path
// of the lines the scanner gives up.
func BenchmarkSparseDecode(b *testing.B) {
	recs := benchRecords(b)
	for _, r := range recs {
		r.Text = ""
	}
	lines := bytes.Split(bytes.TrimSuffix(write(b, "jsonl", recs...), []byte("\n")), []byte("\n"))
	size := 0
	for i, line := range lines {
		if !record.ScanReads(line) {
			b.Fatalf("record %d is left to the token decoder", i)
		}
		size += len(line) + 1
	}
	for _, bb := range []struct {
		name       string
		tokensOnly bool
	}{{"scan", false}, {"tokens", true}} {
		b.Run(bb.name, func(b *testing.B) {
			decode := record.SparseLineDecoder(bb.tokensOnly)
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, line := range lines {
					if !decode(line) {
						b.Fatal("a line was not read")
					}
				}
			}
			b.ReportMetric(float64(len(lines)*b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// BenchmarkEncode measures writing full JSON Lines records, text left
// out, in bytes of article text per second. The output is discarded, so
// that growing a buffer is not what is measured.
func BenchmarkEncode(b *testing.B) {
	recs := benchRecords(b)
	var n int64
	for _, r := range recs {
		n += int64(len(r.Text))
		r.Text = ""
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		w, _ := record.NewWriter(io.Discard, "jsonl", record.WriterOptions{})
		for _, r := range recs {
			w.Write(r)
		}
		w.Close()
	}
}
