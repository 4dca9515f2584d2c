package credibility

import (
	"os"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
)

// benchText is about 5 KB of hand-written news prose with every signal.
var benchText = func() string {
	para := "Reuters said on Monday that the convoy had left Aleppo. According to the Syrian Observatory for Human Rights, " +
		"nine people were killed in what residents called a brutal massacre. “We have no fuel, no medicine,” said Hana Aziz, " +
		"a doctor in the town. She added that the hospital may close. Officials claimed the strike targeted fighters, " +
		"but it is believed that most victims were civilians. In fact, secret intelligence from inside the army indicates " +
		"otherwise, a source close to the ministry told AFP.\n\n"
	var b strings.Builder
	for b.Len() < 5000 {
		b.WriteString(para)
	}
	return b.String()
}()

func BenchmarkAnalyze(b *testing.B) {
	an := Compile(mustLoad(b, Default))
	sc := an.NewScanner()
	a := &corpus.Article{Text: benchText}
	quotes := curlyQuotes(benchText)
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		sc.Analyze(a, quotes)
	}
}

func BenchmarkCompile(b *testing.B) {
	r := mustLoad(b, Default)
	b.ReportAllocs()
	for b.Loop() {
		Compile(r)
	}
}

// BenchmarkAnalyzeSeed001 runs on the longest seed article (7 KB) when the
// shared seeds are present.
func BenchmarkAnalyzeSeed001(b *testing.B) {
	data, err := os.ReadFile(seedDir + "/001_144ff5bfa6163c25.txt")
	if err != nil {
		b.Skip("seeds not present:", err)
	}
	an := Compile(mustLoad(b, Default))
	sc := an.NewScanner()
	a := &corpus.Article{Text: string(data)}
	corpus.MarkDebris(a)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		sc.Analyze(a, curlyQuotes(a.Text))
	}
}

// seedDir holds the shared seed articles, relative to this package.
const seedDir = "../../../shared/seeds"
