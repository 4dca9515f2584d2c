package stance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/gencorpus"
	"github.com/compare-tool/compare/internal/lexicon"
)

// benchArticles returns about size bytes of generated articles.
func benchArticles(b *testing.B, lex *lexicon.Lexicon, size int64) []*corpus.Article {
	b.Helper()
	var buf bytes.Buffer
	if _, err := gencorpus.Corpus(&buf, lex, gencorpus.Options{Bytes: size, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	var arts []*corpus.Article
	dec := json.NewDecoder(&buf)
	for dec.More() {
		a := new(corpus.Article)
		if err := dec.Decode(a); err != nil {
			b.Fatal(err)
		}
		arts = append(arts, a)
	}
	return arts
}

// textBytes returns the bytes of the articles' text.
func textBytes(arts []*corpus.Article) int64 {
	var n int64
	for _, a := range arts {
		n += int64(len(a.Text))
	}
	return n
}

// BenchmarkScore measures scoring alone (no reading or writing) with the
// default lexicon, in bytes of article text per second.
func BenchmarkScore(b *testing.B) {
	lex, err := lexicon.Load(lexicon.Default)
	if err != nil {
		b.Fatal(err)
	}
	arts := benchArticles(b, lex, 1e6)
	n := textBytes(arts)
	s := NewScorer(lexicon.Compile(lex))
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range arts {
			s.Score(a)
		}
	}
}

// BenchmarkScoreLexiconSize scores 8 MB of generated articles with the
// default lexicon grown to 1,000 and 10,000 entries by terms that never
// occur (gencorpus.Lexicon, as scripts/bench-score.sh does), credibility
// signals on: what matches is the same, so any difference is the cost of
// the larger lexicon. The articles are more than the processor's caches
// hold, as in a real run, where a larger trie and word table miss the
// cache more often; cpu-ms/op is beside the wall time.
func BenchmarkScoreLexiconSize(b *testing.B) {
	base, an := defaultRules(b)
	arts := benchArticles(b, base, 8e6)
	n := textBytes(arts)
	for _, entries := range []int{1000, 10000} {
		lex, err := lexicon.Parse("generated.yaml", []byte(gencorpus.Lexicon(base, entries, 1)))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(entries), func(b *testing.B) {
			s := NewModel(lexicon.Compile(lex), an).NewScorer()
			b.SetBytes(n)
			cpu := cpuSeconds()
			for b.Loop() {
				for _, a := range arts {
					s.Score(a)
				}
			}
			b.ReportMetric((cpuSeconds()-cpu)*1e3/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkLoadLexiconSize measures what compare score pays once before
// it scores anything: reading and checking the lexicon of
// BenchmarkScoreLexiconSize (1,000 or 10,000 entries) and compiling it
// with the credibility word lists. Besides the wall time it reports the
// CPU time per load (cpu-ms/op), garbage collection included.
func BenchmarkLoadLexiconSize(b *testing.B) {
	base, an := defaultRules(b)
	for _, entries := range []int{1000, 10000} {
		data := []byte(gencorpus.Lexicon(base, entries, 1))
		b.Run(fmt.Sprint(entries), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			cpu := cpuSeconds()
			for b.Loop() {
				lex, err := lexicon.Parse("generated.yaml", data)
				if err != nil {
					b.Fatal(err)
				}
				NewModel(lexicon.Compile(lex), an)
			}
			b.ReportMetric((cpuSeconds()-cpu)*1e3/float64(b.N), "cpu-ms/op")
		})
	}
}

// realNews is the real news the benchmarks score: the shared
// Article-Bias-Prediction training split, read from outside the
// repository (see the README's Development section).
const realNews = "../../../shared/abp/train.jsonl.gz"

// realArticles reads the first n articles of realNews as compare score
// reads them (page debris marked), or skips the benchmark when the file is
// absent.
func realArticles(b *testing.B, n int) []*corpus.Article {
	b.Helper()
	if _, err := os.Stat(realNews); err != nil {
		b.Skipf("no real news to score: %v", err)
	}
	var arts []*corpus.Article
	stop := errors.New("enough")
	_, err := corpus.Read(context.Background(), []string{realNews}, corpus.Options{}, func(a *corpus.Article) error {
		arts = append(arts, a)
		if len(arts) == n {
			return stop
		}
		return nil
	}, nil)
	if err != nil && !errors.Is(err, stop) {
		b.Fatal(err)
	}
	if len(arts) != n {
		b.Fatalf("read %d articles of %s, want %d", len(arts), realNews, n)
	}
	return arts
}

// BenchmarkScoreReal scores 2,000 real news articles (about 12 MB) with the
// us-politics lexicon, with and without credibility signals, in bytes of
// article text per second. Besides the wall time it reports the CPU time
// per run (cpu-ms/op), which a busy machine disturbs less.
func BenchmarkScoreReal(b *testing.B) {
	lex, err := lexicon.Load("us-politics")
	if err != nil {
		b.Fatal(err)
	}
	arts := realArticles(b, 2000)
	n := textBytes(arts)
	rules, err := credibility.Load(credibility.Default)
	if err != nil {
		b.Fatal(err)
	}
	m := lexicon.Compile(lex)
	for _, bb := range []struct {
		name string
		an   *credibility.Analyzer
	}{{"credibility", credibility.Compile(rules)}, {"no-credibility", nil}} {
		b.Run(bb.name, func(b *testing.B) {
			s := NewModel(m, bb.an).NewScorer()
			b.SetBytes(n)
			b.ReportAllocs()
			cpu := cpuSeconds()
			for b.Loop() {
				for _, a := range arts {
					s.Score(a)
				}
			}
			b.ReportMetric((cpuSeconds()-cpu)*1e3/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuSeconds returns the user and system CPU time the process has used.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return math.NaN()
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}
