package stance

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/gencorpus"
	"github.com/compare-tool/compare/internal/lexicon"
)

// benchArticles returns about 1 MB of generated articles.
func benchArticles(b *testing.B, lex *lexicon.Lexicon) []*corpus.Article {
	b.Helper()
	var buf bytes.Buffer
	if _, err := gencorpus.Corpus(&buf, lex, gencorpus.Options{Bytes: 1e6, Seed: 1}); err != nil {
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

// BenchmarkScore measures scoring alone (no reading or writing) with the
// default lexicon, in bytes of article text per second.
func BenchmarkScore(b *testing.B) {
	lex, err := lexicon.Load(lexicon.Default)
	if err != nil {
		b.Fatal(err)
	}
	arts := benchArticles(b, lex)
	var n int64
	for _, a := range arts {
		n += int64(len(a.Text))
	}
	s := NewScorer(lexicon.Compile(lex))
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range arts {
			s.Score(a)
		}
	}
}
