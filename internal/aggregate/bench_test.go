package aggregate

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/dates"
	"github.com/compare-tool/compare/internal/record"
)

// syntheticRecords makes n score records shaped like real ones: 50
// outlets of very different sizes, texts of 400 words from a Zipf
// vocabulary of 50,000 in sentences of 20, ten matches, one axis with
// evidence in 80% of articles and framing of each of 11 targets in 30%.
func syntheticRecords(n int) []*record.Record {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := make([]string, 50_000)
	for i := range vocab {
		b := make([]byte, 2+rng.IntN(8))
		for j := range b {
			b[j] = byte('a' + rng.IntN(26))
		}
		vocab[i] = string(b)
	}
	zipf := rand.NewZipf(rng, 1.1, 1, uint64(len(vocab)-1))
	targets := []string{"iran-gov", "syria-gov", "iran-forces", "syria-opposition", "jihadists", "iran-opposition", "russia", "israel", "us-west", "casualties", "conflict"}
	voices := []record.Voice{record.Author, record.Author, record.Quote, record.Distanced}
	lex := record.LexiconRef{Name: "iran-syria", Version: "1", SHA256: "8d13"}
	recs := make([]*record.Record, n)
	var sb strings.Builder
	for i := range recs {
		o := int(50 * rng.Float64() * rng.Float64())
		sb.Reset()
		for k := 0; k < 400; k++ {
			if k > 0 {
				if k%20 == 0 {
					sb.WriteString(". ")
				} else {
					sb.WriteByte(' ')
				}
			}
			sb.WriteString(vocab[zipf.Uint64()])
		}
		r := &record.Record{
			Schema: record.Schema, ID: fmt.Sprintf("a%07d", i), Outlet: fmt.Sprintf("outlet%02d.example", o),
			Group: fmt.Sprintf("group%d", o%5), Date: fmt.Sprintf("2016-%02d-%02d", 1+i%12, 1+i%28), Lexicon: lex,
			Tokens: 400, LoadedByVoice: map[record.Voice]int{}, Targets: map[string]record.TargetScore{}, Stance: map[string]record.AxisScore{},
			Text: sb.String(),
		}
		for _, t := range targets {
			ts := record.TargetScore{}
			if rng.Float64() < 0.3 {
				f := float64(rng.IntN(21)-10) / 10
				ts.Framing, ts.References, ts.Author = &f, 1+rng.IntN(4), 1
			}
			r.Targets[t] = ts
		}
		as := record.AxisScore{}
		if rng.Float64() < 0.8 {
			as.N = 1 + rng.IntN(8)
			as.Score = float64(int((rng.NormFloat64()*0.4+float64(o%7-3)/10)*100)) / 100
		}
		r.Stance["tehran-damascus"] = as
		for k := 0; k < 10; k++ {
			e := rng.IntN(47)
			v := voices[rng.IntN(len(voices))]
			r.Matches = append(r.Matches, record.MatchRecord{Text: fmt.Sprintf("term%d", e), Entry: fmt.Sprintf("entry-%02d", e),
				Target: targets[e%len(targets)], Valence: float64(e%5-2) / 2, Category: "pejorative", Voice: v})
			r.LoadedByVoice[v]++
			r.Loaded++
		}
		r.LoadedPer1k = 1000 * float64(r.Loaded) / float64(r.Tokens)
		recs[i] = r
	}
	return recs
}

// BenchmarkAggregate adds 100,000 synthetic records and computes the
// comparison: the work of `compare stats --scores` after decoding.
func BenchmarkAggregate(b *testing.B) {
	benchmarkAggregate(b, options(func(o *Options) { o.Seed = 1 }))
}

// BenchmarkAggregatePeriod is BenchmarkAggregate with the trends by month
// (stats --period month): 12 months × 50 outlets of cells, each with its
// interval, and a trend test per outlet. The difference between the two
// is the cost of the trends.
func BenchmarkAggregatePeriod(b *testing.B) {
	benchmarkAggregate(b, options(func(o *Options) { o.Seed = 1; o.Period = dates.Month }))
}

func benchmarkAggregate(b *testing.B, opt Options) {
	recs := syntheticRecords(100_000)
	benchmarkAdd(b, opt, recs, func(agg *Aggregator) {
		if c := agg.Result(); opt.Period != 0 && (c.Trends == nil || len(c.Trends.Axes[0].Units) != 50) {
			b.Fatal("no trends of 50 outlets")
		}
	})
}

// BenchmarkAdd adds 100,000 synthetic records without computing the
// comparison: the cost of Aggregator.Add alone, on the path of `compare
// stats` reading a million records.
func BenchmarkAdd(b *testing.B) {
	benchmarkAdd(b, options(func(o *Options) { o.Seed = 1 }), syntheticRecords(100_000), nil)
}

// BenchmarkAddManyUnits adds 100,000 synthetic records spread over 80,000
// outlets (most with one article, some two), as the many-outlets input of
// scripts/bench-report.sh: the memory per unit shows in B/op.
func BenchmarkAddManyUnits(b *testing.B) {
	benchmarkAdd(b, options(func(o *Options) { o.Seed = 1 }), spreadOver(syntheticRecords(100_000), 80_000), nil)
}

// spreadOver gives record i outlet "outlet-(i mod n)", in place, and
// returns recs.
func spreadOver(recs []*record.Record, n int) []*record.Record {
	for i, r := range recs {
		c := *r
		c.Outlet = fmt.Sprintf("outlet-%d", i%n)
		recs[i] = &c
	}
	return recs
}

// benchmarkAdd adds recs to a new Aggregator each round, then calls after
// on it when not nil.
func benchmarkAdd(b *testing.B, opt Options, recs []*record.Record, after func(*Aggregator)) {
	b.ResetTimer()
	for b.Loop() {
		agg := New(opt)
		for _, r := range recs {
			if err := agg.Add(r); err != nil {
				b.Fatal(err)
			}
		}
		if after != nil {
			after(agg)
		}
	}
	b.ReportMetric(float64(len(recs)*b.N)/b.Elapsed().Seconds(), "records/s")
}
