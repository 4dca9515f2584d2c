package credibility

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/phrase"
	"github.com/compare-tool/compare/internal/token"
)

// Reported speech is what an article says someone said without quoting
// them: "Khamenei said the war against Syria was a war against the
// resistance", "the regime shelled the town, activists said", "according
// to SANA, terrorists attacked". Its words are the speaker's as the outlet
// relays them; stance scoring gives them a voice of their own. It is
// found from the attributions, so one rule (the attribution verbs and
// their sources) decides both what counts as an attributed claim and what
// counts as reported speech.
//
// In the sentence of an attribution outside direct quotations, reported
// speech is:
//
//   - what follows the attribution (its verb and, when next to the verb,
//     its source) to the end of the sentence: "Khamenei said [the war …]",
//     "according to SANA, [terrorists attacked]"; a relative clause that
//     describes the source is the outlet's ("according to Mehr, which is
//     close to the government, […]");
//   - what precedes it, when a comma, a dash, a bracket or a quotation
//     mark sets the attribution off and the attribution ends its sentence
//     or clause: "[the regime shelled the town], activists said (on
//     Tuesday)", "[the war], he said, [is lost]". An attribution that goes
//     on with what was said ("In a meeting with X, the leader stressed that
//     …") leaves the phrase before it to the outlet.
//
// The source phrase is the outlet's own wording ("the mullahs' regime
// said" names the speaker in the outlet's words) and is not reported
// speech. Indirect speech is the outlet's paraphrase: "the regime declared
// that its mercenaries are in Syria" puts the outlet's word in the
// regime's mouth, which is why stance counts reported speech only where an
// article has no words of its own (see record.CountsAsFallback).

// Reported returns the reported speech of the article the scanner last
// analysed (AnalyzeTokens or ReportedSpeech), as byte spans in text
// order that do not overlap. Direct quotations inside them are the
// speaker's too: a caller that tells quotations apart must look at them
// first.
func (s *Scanner) Reported() []corpus.Span {
	var spans []corpus.Span
	for _, at := range s.attrs {
		lo, hi := at.v, at.w
		if f := at.src; f != nil && !f.resolvedFrom {
			lo, hi = min(lo, f.a), max(hi, f.b)
		}
		// "the Presidency said": the article before a source phrase
		// belongs to it.
		for lo > 0 && s.joined(lo) && s.is(articles, lo-1) && s.sameSent(lo-1, lo) {
			lo--
		}
		first, last := s.sentenceOf(at.v)
		after := s.skipRelative(hi+1, last)
		if after <= last {
			spans = append(spans, s.tokenSpan(after, last))
		}
		if lo > first && setsOff(s.gap(lo)) && s.endsClause(hi+1, last) {
			spans = append(spans, s.tokenSpan(first, lo-1))
		}
	}
	return mergeSpans(spans)
}

// maxAdjunct is the most words that may follow an attribution that ends
// its sentence: "said [in a statement on Tuesday]", "told [reporters]".
const maxAdjunct = 8

// endsClause reports whether the words from token i to token last (the
// end of the sentence) leave the attribution before them at the end of
// its clause: none, a comma right after it ("the war, he said, is
// lost"), or a short adjunct that does not open a that-clause.
func (s *Scanner) endsClause(i, last int) bool {
	if i > last || setsOff(s.gap(i)) {
		return true
	}
	return last-i+1 <= maxAdjunct && !s.is(thatWords, i)
}

// skipRelative returns i, or, when a relative clause set off by a comma
// starts at token i ("according to Mehr, which is close to …,"), the
// token after the comma that closes it (past last when none does).
func (s *Scanner) skipRelative(i, last int) int {
	if i > last || !s.is(relatives, i) || !strings.Contains(s.gap(i), ",") || s.is(thatWords, i) {
		return i
	}
	for j := i + 1; j <= last; j++ {
		if strings.Contains(s.gap(j), ",") {
			return j
		}
	}
	return last + 1
}

// ReportedSpeech finds the attributions of an article already tokenized
// (as AnalyzeTokens takes it: debris removed) and returns its reported
// speech, without computing the other signals.
func (s *Scanner) ReportedSpeech(a *corpus.Article, ts *token.Tokens, quotes []corpus.Span) []corpus.Span {
	return s.ReportedSpeechMatches(a, ts, quotes, s.phrases.ScanLists(ts))
}

// SpeechPatterns returns the word lists that finding attributions reads
// (sources, unnamed sources, attribution verbs), in the places of
// Patterns, the others empty: a caller that only wants reported speech
// compiles these among its own patterns and passes their matches to
// ReportedSpeechMatches. The result must not be modified.
func (an *Analyzer) SpeechPatterns() [][]phrase.Pattern { return an.speech }

// ReportedSpeechMatches is ReportedSpeech for a caller that has matched
// the analyzer's word lists on ts in the same pass as its own patterns:
// lists[i] are the matches of SpeechPatterns()[i] (or of Patterns()[i]).
// It panics when lists holds fewer lists than Patterns.
func (s *Scanner) ReportedSpeechMatches(a *corpus.Article, ts *token.Tokens, quotes []corpus.Span, lists [][]phrase.Match) []corpus.Span {
	if len(lists) < numLists {
		panic("credibility: ReportedSpeechMatches without the matches of every word list")
	}
	s.matches = lists
	s.text = a.Text
	s.ts = ts
	if ts.Len() == 0 {
		s.attrs = s.attrs[:0]
		return nil
	}
	s.setQuotes(quotes)
	s.index()
	s.scanRegistry()
	s.scanUnnamed()
	s.findSubjects()
	s.scanVerbs(&Signals{})
	return s.Reported()
}

// sentenceOf returns the first and last token of token i's sentence.
func (s *Scanner) sentenceOf(i int) (first, last int) {
	k := int(s.tok[i].sent)
	last = len(s.tok) - 1
	if k >= 0 {
		first = s.sents[k]
		if k+1 < len(s.sents) {
			last = s.sents[k+1] - 1
		}
	}
	return first, last
}

// tokenSpan is the text from token a's start to token b's end.
func (s *Scanner) tokenSpan(a, b int) corpus.Span {
	return corpus.Span{Start: s.ts.List[a].Start, End: s.ts.List[b].End}
}

// setsOff reports whether the gap before an attribution sets it off from
// what precedes it: a comma, a dash, an opening bracket or a quotation
// mark ("…, activists said", "…” said the minister").
func setsOff(g string) bool {
	return strings.ContainsAny(g, ",—–(\"“”«»„")
}

// mergeSpans sorts spans by start and merges those that overlap or touch.
func mergeSpans(spans []corpus.Span) []corpus.Span {
	if len(spans) < 2 {
		return spans
	}
	slices.SortFunc(spans, func(a, b corpus.Span) int { return cmp.Compare(a.Start, b.Start) })
	out := spans[:1]
	for _, sp := range spans[1:] {
		last := &out[len(out)-1]
		if sp.Start <= last.End {
			last.End = max(last.End, sp.End)
			continue
		}
		out = append(out, sp)
	}
	return out
}

var (
	compiledOnce    sync.Once
	compiledDefault *Analyzer
)

// DefaultAnalyzer returns the embedded Default rules, compiled once per
// process. It panics if they do not load, which the package's tests rule
// out.
func DefaultAnalyzer() *Analyzer {
	compiledOnce.Do(func() {
		rules, err := Load(Default)
		if err != nil {
			panic("credibility: the embedded default rules: " + err.Error())
		}
		compiledDefault = Compile(rules)
	})
	return compiledDefault
}
