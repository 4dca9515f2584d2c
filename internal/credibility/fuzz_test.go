package credibility

import (
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
)

// FuzzAnalyze: whatever the text, quotations and dropped spans, Analyze
// does not panic and every span it reports slices the text.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"",
		"Reuters said.",
		"“It was a massacre,” said Gen. Ali Haddad, the commander. He added: “We fled.”",
		"Secret intelligence from inside the regime indicate that, according to IRNA (AFP) -",
		"Source: ARA News\n\nnine − 7 =\nShare",
		"al-Fawal, told SANA. The agency added ... it is believed \"reportedly\" “",
		"\xff\xfe broken UTF-8 said officials",
	} {
		f.Add(s, 0, 3, 1, 2)
	}
	an := Compile(mustLoad(f, Default))
	f.Fuzz(func(t *testing.T, text string, q0, q1, d0, d1 int) {
		sc := an.NewScanner()
		quotes := append(curlyQuotes(text), corpus.Span{Start: q0, End: q1})
		a := &corpus.Article{Text: text, Outlet: "reuters.com", Dropped: []corpus.Span{{Start: d0, End: d1, Reason: "x"}}}
		sig := sc.Analyze(a, quotes)
		checkSpans(t, text, sig)
		checkCounts(t, sig)
		if sig.Sourcing.Unsourced > sig.Sourcing.Claims || len(sig.Sourcing.UnsourcedSpans) != sig.Sourcing.Unsourced {
			t.Fatalf("sourcing %+v", sig.Sourcing)
		}
	})
}
