package lexicon_test

import (
	"fmt"
	"testing"

	"github.com/compare-tool/compare/internal/gencorpus"
	"github.com/compare-tool/compare/internal/lexicon"
)

// benchSizes are the lexicon sizes of scripts/bench-score.sh: the
// README's scoring table compares them, and issue 18 asks that scoring
// stay within 20% from the first to the second.
var benchSizes = []int{1000, 10000}

// benchLexicon returns the YAML of the benchmark lexicon of n entries,
// as `compare generate lexicon --entries n --seed 1` writes it.
func benchLexicon(b *testing.B, n int) []byte {
	b.Helper()
	base, err := lexicon.Load(lexicon.Default)
	if err != nil {
		b.Fatal(err)
	}
	return []byte(gencorpus.Lexicon(base, n, 1))
}

// BenchmarkParse measures reading and checking a lexicon, which every
// run of compare score pays once before it scores anything.
func BenchmarkParse(b *testing.B) {
	for _, n := range benchSizes {
		data := benchLexicon(b, n)
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := lexicon.Parse("bench.yaml", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCompile measures compiling a parsed lexicon's patterns into
// a matcher (the first NewScanner does it; compare score compiles them
// with the credibility word lists instead: see BenchmarkLoadLexiconSize
// in package stance).
func BenchmarkCompile(b *testing.B) {
	for _, n := range benchSizes {
		lex, err := lexicon.Parse("bench.yaml", benchLexicon(b, n))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				lexicon.Compile(lex).NewScanner()
			}
		})
	}
}
