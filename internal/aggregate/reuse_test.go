package aggregate

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/dates"
	"github.com/compare-tool/compare/internal/record"
)

// TestAddRecycled holds Add to what record.Reader.Reuse asks of it (stats
// reads its score files so): records read in ones recycled once Add
// returns, past many batches, compare as the records read anew each time,
// with texts sampled for distinctive terms (Add keeps their Dropped spans)
// and trends. Add must keep no map or slice of a record but Dropped.
func TestAddRecycled(t *testing.T) {
	recs := syntheticRecords(1000)
	for i, r := range recs {
		if i%3 == 0 {
			start := i * 37 % 400
			r.Dropped = []corpus.Span{{Start: start, End: start + 60, Reason: "debris"}}
		}
	}
	var data bytes.Buffer
	enc := json.NewEncoder(&data)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	if data.Len() < 3<<20 {
		t.Fatalf("%d bytes of records: too few batches to recycle records", data.Len())
	}
	opt := options(func(o *Options) { o.Seed = 3; o.Period = dates.Month; o.Bootstrap = 100 })
	compareRead := func(rr record.Reader) []byte {
		agg := New(opt)
		if err := rr.Read(bytes.NewReader(data.Bytes()), "f.jsonl", agg.Add); err != nil {
			t.Fatal(err)
		}
		return comparisonJSON(t, agg.Result())
	}
	want := compareRead(record.Reader{Sparse: true})
	if got := compareRead(record.Reader{Sparse: true, Reuse: true}); !bytes.Equal(got, want) {
		t.Errorf("recycled records compare otherwise:\n%s", firstDiff(got, want))
	}
}
