package stance

import (
	"sort"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/phrase"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/token"
)

// reportedSpeech returns the article's reported speech (see
// credibility.Scanner.Reported) from the matches of the credibility word
// lists (lists, after the lexicon's). When the scorer computes
// credibility signals it sets rec.Credibility from the same analysis;
// else the attributions are found with the default credibility rules, so
// that the reported voice is the same with or without the signals.
func (s *Scorer) reportedSpeech(rec *record.Record, a *corpus.Article, ts *token.Tokens, lists [][]phrase.Match) []corpus.Span {
	if s.cred != nil {
		// ts holds this article's tokens, debris removed.
		rec.Credibility = s.cred.AnalyzeMatches(a, ts, rec.Quotes, lists)
		return s.cred.Reported()
	}
	return s.speech.ReportedSpeechMatches(a, ts, rec.Quotes, lists)
}

// inSpans reports whether offset lies in one of spans (sorted, not
// overlapping).
func inSpans(spans []corpus.Span, offset int) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].End > offset })
	return i < len(spans) && spans[i].Start <= offset
}
