package credibility

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/phrase"
	"github.com/compare-tool/compare/internal/token"
)

// Scanner analyses articles with one Analyzer, reusing its buffers between
// calls. It is not safe for concurrent use: give each goroutine its own.
type Scanner struct {
	an *Analyzer
	tz token.Tokenizer

	phrases *phrase.Scanner // the analyzer's own word lists, for Analyze and AnalyzeTokens

	// matches are the matches of each word list (Analyzer.Patterns) in
	// the article being analysed.
	matches [][]phrase.Match

	// State of the article being analysed.
	text    string
	ts      *token.Tokens
	tok     []tokInfo
	quotes  [][2]int
	regs    []regMatch
	sents   []int  // first token of each sentence
	wanted  []bool // by sentence: findSubjects reads its subject
	subject []candidate
	cands   []candidate
	attrs   []attr
}

// tokInfo is what the heuristics need to know about one token.
type tokInfo struct {
	sent  int32
	quote int32     // index into quotes, or -1
	reg   int32     // index into regs + 1, or 0
	class wordClass // the word's classes, once fClassDone is set
	flags uint16
}

const (
	fCap        uint16 = 1 << iota // starts with a capital ("Assad", "al-Assad", "IRNA")
	fTitle                         // capital then lower case ("May"): a name in mid sentence
	fLower                         // starts with a lower-case letter
	fInitial                       // first word of a sentence, a quotation, or after a colon
	fJoined                        // only spaces (or a possessive apostrophe) separate it from the previous token
	fPossessive                    // ends in ’s or s’
	fUnnamed                       // an unnamed-source noun
	fAttr                          // part of an attribution: its verb, its source or between them
	fWordDone                      // the word flags are set
	fClassDone                     // class is set
)

// wordFlags are the flags the word itself decides (its capitals, a
// possessive ending). index leaves them to has, which sets them the first
// time a token's are asked for: the heuristics look at the few tokens
// around a cue, and classifying every word of every article was a tenth of
// scoring's time.
const wordFlags = fCap | fTitle | fLower | fPossessive

// regMatch is one occurrence of a registry entity.
type regMatch struct {
	start, end  int
	first, last int // tokens
	entity      int
	role        string // set when an attribution or credit makes it a citation
}

// attr is an attribution being built, with its token positions.
type attr struct {
	v, w int // first and last token of the verb
	out  Attribution
	src  *found
}

// found is a classified source phrase, by tokens.
type found struct {
	kind    string
	a, b    int // tokens of the source text, inclusive
	entity  int // registry entity, or -1
	affil   int // index into regs of the organisation a named or unnamed source's phrase mentions, or -1
	person  bool
	org     bool
	anaphor bool
	pronoun string

	resolved     string
	viaA, viaB   int // byte span of what was resolved
	resolvedFrom bool
}

// candidate is an earlier speaker a pronoun or elided subject may refer to.
type candidate struct {
	pos, sent int
	f         *found
}

// Analyze computes the credibility signals of a. quotes are the article's
// quotation spans, marks included, as stance finds them (Record.Quotes);
// nil means the article has none. Text in a.Dropped is skipped, and its
// spans are counted as debris. The result does not alias a or quotes.
func (s *Scanner) Analyze(a *corpus.Article, quotes []corpus.Span) *Signals {
	if a == nil {
		panic("credibility: Analyze of a nil article")
	}
	ts := s.tz.Tokenize(a.Text)
	if len(a.Dropped) > 0 {
		token.Drop(ts, a.Dropped)
	}
	return s.AnalyzeTokens(a, ts, quotes)
}

// AnalyzeTokens is Analyze for a caller that has already tokenized the
// article's text (with token.Tokenizer) and removed the tokens inside
// a.Dropped, as stance's scorer does: the text is then tokenized once.
func (s *Scanner) AnalyzeTokens(a *corpus.Article, ts *token.Tokens, quotes []corpus.Span) *Signals {
	if a == nil {
		panic("credibility: Analyze of a nil article")
	}
	return s.AnalyzeMatches(a, ts, quotes, s.phrases.ScanLists(ts))
}

// AnalyzeMatches is AnalyzeTokens for a caller that has also matched the
// analyzer's word lists on ts, in the same pass as its own patterns:
// lists[i] are the matches of Patterns()[i] (as phrase.Scanner.ScanLists
// returns them for a matcher compiled from those lists among others). It
// panics when lists holds fewer lists than Patterns.
func (s *Scanner) AnalyzeMatches(a *corpus.Article, ts *token.Tokens, quotes []corpus.Span, lists [][]phrase.Match) *Signals {
	if a == nil {
		panic("credibility: Analyze of a nil article")
	}
	if len(lists) < numLists {
		panic("credibility: AnalyzeMatches without the matches of every word list")
	}
	an := s.an
	s.matches = lists
	s.text = a.Text
	s.ts = ts
	s.setQuotes(quotes)
	s.index()

	sig := &Signals{
		Rules:        RulesRef{Name: an.Rules.Name, Version: an.Rules.Version, SHA256: an.Rules.Hash},
		Attributions: []Attribution{},
		VagueSources: []Vague{},
		Cited:        []Citation{},
		Sides:        make(map[string]int, len(an.Rules.Sides)),
	}
	for _, side := range an.Rules.Sides {
		sig.Sides[side.ID] = 0
	}
	s.scanRegistry()
	s.scanUnnamed()
	s.scanMarkers(sig)
	s.findSubjects()
	s.scanVerbs(sig)
	s.scanVague(sig)
	s.sourcing(sig)
	s.cite(sig, an.selfEntity(a.Outlet))
	s.quoteSignals(sig)
	sig.Debris = debris(a)
	return sig
}

// setQuotes keeps the valid quotation spans, sorted.
func (s *Scanner) setQuotes(quotes []corpus.Span) {
	s.quotes = s.quotes[:0]
	for _, q := range quotes {
		if q.Start < q.End && validSpan(s.text, q.Start, q.End) {
			s.quotes = append(s.quotes, [2]int{q.Start, q.End})
		}
	}
	sort.Slice(s.quotes, func(i, j int) bool { return s.quotes[i][0] < s.quotes[j][0] })
}

// word returns the folded form of token i; the bytes alias the tokenizer's
// buffer.
func (s *Scanner) word(i int) []byte { return s.ts.Norm(i) }

// is reports whether token i is a word of class c.
func (s *Scanner) is(c wordClass, i int) bool { return s.classes(i)&c != 0 }

// classes returns the word classes of token i, looking them up the first
// time they are asked for.
func (s *Scanner) classes(i int) wordClass {
	ti := &s.tok[i]
	if ti.flags&fClassDone == 0 {
		ti.class = classesOf[string(s.ts.Norm(i))]
		ti.flags |= fClassDone
	}
	return ti.class
}

// gap returns the text between token i-1 and token i (before the first
// token for i == 0).
func (s *Scanner) gap(i int) string {
	if i == 0 {
		return s.text[:s.ts.List[0].Start]
	}
	return s.text[s.ts.List[i-1].End:s.ts.List[i].Start]
}

func (s *Scanner) has(i int, f uint16) bool {
	ti := &s.tok[i]
	if f&wordFlags != 0 && ti.flags&fWordDone == 0 {
		ti.flags |= s.wordFlags(i) | fWordDone
	}
	return ti.flags&f != 0
}

// wordFlags returns the wordFlags of token i.
func (s *Scanner) wordFlags(i int) uint16 {
	t := &s.ts.List[i]
	w := s.text[t.Start:t.End]
	f := caseFlags(w)
	if w[len(w)-1] == 's' && t.End+1 < len(s.text) && isApostropheAt(s.text, t.End) {
		f |= fPossessive // mullahs’
	}
	if token.Possessive(w) {
		f |= fPossessive // Assad’s
	}
	return f
}

// joined reports whether token i continues the phrase of token i-1.
func (s *Scanner) joined(i int) bool { return i > 0 && i < len(s.tok) && s.has(i, fJoined) }

func (s *Scanner) inQuote(i int) bool { return s.tok[i].quote >= 0 }

func (s *Scanner) sameSent(i, j int) bool { return s.tok[i].sent == s.tok[j].sent }

// midCap reports whether token i looks like a name in mid sentence, where
// a lower-case term should not match it ("May", "Said").
func (s *Scanner) midCap(i int) bool { return s.has(i, fTitle) && !s.has(i, fInitial) }

// index fills tok: sentences, quotations and joins; the word flags are
// set when asked for (see wordFlags).
func (s *Scanner) index() {
	n := s.ts.Len()
	if cap(s.tok) < n {
		s.tok = make([]tokInfo, n)
	}
	s.tok = s.tok[:n]
	s.sents = s.sents[:0]
	text := s.text
	q := 0
	sent := int32(-1)
	for i := 0; i < n; i++ {
		t := &s.ts.List[i]
		ti := &s.tok[i]
		*ti = tokInfo{quote: -1}
		var g string
		if i > 0 {
			g = text[s.ts.List[i-1].End:t.Start]
		} else {
			g = text[:t.Start]
		}
		if i > 0 && g == " " {
			// Most words are separated by one space: nothing to decide.
			ti.flags = fJoined
		} else {
			if s.ts.SentenceBreak(i) {
				sent++
				s.sents = append(s.sents, i)
				ti.flags |= fInitial
			} else if strings.ContainsAny(g, "“«„\"([:—–‘\n") {
				ti.flags |= fInitial
			}
			// A full stop that closes an abbreviation joins ("Gen. Freij").
			if i > 0 && cleanGap(g, g != "" && g[0] == '.' && s.ts.Abbreviation(i-1)) {
				ti.flags |= fJoined
			}
		}
		ti.sent = sent
		for q < len(s.quotes) && s.quotes[q][1] <= t.Start {
			q++
		}
		if q < len(s.quotes) && s.quotes[q][0] <= t.Start {
			ti.quote = int32(q)
		}
	}
}

// cleanGap reports whether only spaces, a possessive apostrophe or an
// abbreviation's full stop separate two words. A ‘ is an apostrophe
// (token.IsApostrophe) only right after the word ("Sanders‘ campaign"):
// after a space it opens a quotation ("is ‘cruel’").
func cleanGap(g string, afterAbbrev bool) bool {
	for i, r := range g {
		switch {
		case r == ' ' || r == '\t' || r == '\u00a0':
		case token.IsApostrophe(r) && (r != '‘' || i == 0):
		case r == '.' && i == 0 && afterAbbrev:
		default:
			return false
		}
	}
	return true
}

func isApostropheAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return token.IsApostrophe(r)
}

// caseFlags classifies a word by its capitals. It starts in lower case
// when token.StartsLower says so, so a lower-case Arabic article
// ("al-Assad", "ash-Sham") does not hide the capital after it.
func caseFlags(w string) uint16 {
	// ASCII first: most words of English text are.
	switch c := w[0]; {
	case 'a' <= c && c <= 'z':
		// token.StartsLower looks for a hyphen among the first five
		// bytes; without one, or any non-ASCII byte, the word is lower.
		for j := 1; j < len(w) && j <= 4; j++ {
			if b := w[j]; b == '-' || b >= utf8.RuneSelf {
				if token.StartsLower(w) {
					return fLower
				}
				return fCap // a lower-case Arabic article before a capital
			}
		}
		return fLower
	case 'A' <= c && c <= 'Z':
		for j := 1; j < len(w); j++ {
			switch b := w[j]; {
			case 'a' <= b && b <= 'z':
				return fCap | fTitle
			case b >= utf8.RuneSelf:
				return fCap | titleFrom(w[j:])
			}
		}
		return fCap
	case c < utf8.RuneSelf:
		return 0
	}
	if token.StartsLower(w) {
		return fLower
	}
	r, size := utf8.DecodeRuneInString(w)
	if unicode.IsLower(r) {
		return fCap // a lower-case Arabic article before a capital
	}
	if !unicode.IsUpper(r) {
		return 0
	}
	return fCap | titleFrom(w[size:])
}

// titleFrom returns fTitle when the rest of a word that starts with a
// capital has a lower-case letter.
func titleFrom(rest string) uint16 {
	for _, r := range rest {
		if unicode.IsLower(r) {
			return fTitle
		}
	}
	return 0
}

func (s *Scanner) scanRegistry() {
	s.regs = s.regs[:0]
	an := s.an
	for _, m := range s.matches[listRegistry] {
		if m.Kind != kindTerm {
			continue
		}
		info := an.aliasInfo[m.Entry]
		if info.acronym && !allUpper(s.text[m.Start:m.End]) {
			continue
		}
		s.regs = append(s.regs, regMatch{start: m.Start, end: m.End, first: m.FirstToken, last: m.LastToken, entity: info.entity})
		for i := m.FirstToken; i <= m.LastToken; i++ {
			s.tok[i].reg = int32(len(s.regs))
		}
	}
}

func allUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

func (s *Scanner) scanUnnamed() {
	for _, m := range s.matches[listUnnamed] {
		if m.Kind == kindTerm && m.FirstToken == m.LastToken {
			s.tok[m.FirstToken].flags |= fUnnamed
		}
	}
}

func (s *Scanner) scanMarkers(sig *Signals) {
	lists := [...]*Markers{hedge: &sig.Hedges, certainty: &sig.Certainty, intensifier: &sig.Intensifiers}
	for _, l := range lists {
		l.Spans = []Marker{}
	}
	for _, m := range s.matches[listMarkers] {
		if m.Kind != kindTerm {
			continue
		}
		info := s.an.markerInfo[m.Entry]
		if info.lower && s.midCap(m.FirstToken) {
			continue
		}
		l := lists[info.marker]
		inQuote := s.inQuote(m.FirstToken)
		l.Count++
		if !inQuote {
			l.Author++
		}
		l.Spans = append(l.Spans, Marker{Start: m.Start, End: m.End, Text: s.text[m.Start:m.End], Term: info.text, InQuote: inQuote})
	}
}

// scanVague finds the vague-source patterns outside quotations.
func (s *Scanner) scanVague(sig *Signals) {
	an := s.an
	n := s.ts.Len()
	lastEnd := -1
	for _, m := range s.matches[listVague] {
		if m.Kind != kindTerm || m.FirstToken <= lastEnd || s.inQuote(m.FirstToken) {
			continue
		}
		best, bestEnd := -1, -1
		for _, pi := range an.vagueFirst[m.Entry] {
			p := &an.vaguePats[pi]
			if p.lower && s.midCap(m.FirstToken) {
				continue
			}
			end, ok := s.continuePattern(p, m.LastToken, n)
			if ok && end > bestEnd {
				best, bestEnd = pi, end
			}
		}
		if best < 0 {
			continue
		}
		lastEnd = bestEnd
		start, end := m.Start, s.ts.List[bestEnd].End
		v := Vague{Start: start, End: end, Text: s.text[start:end], Rule: an.vaguePats[best].text}
		for i := m.FirstToken; i <= bestEnd; i++ {
			if s.has(i, fAttr) {
				v.Attribution = true
				break
			}
		}
		sig.VagueSources = append(sig.VagueSources, v)
	}
	sort.SliceStable(sig.VagueSources, func(i, j int) bool { return sig.VagueSources[i].Start < sig.VagueSources[j].Start })
}

// continuePattern matches the words after each gap of p, each within
// GapWords words of the previous part and in the same sentence. It returns
// the last token of the match.
func (s *Scanner) continuePattern(p *vaguePattern, last, n int) (int, bool) {
	pos := last + 1
	for _, seg := range p.rest {
		found := false
		for j := pos; j <= pos+GapWords && j+len(seg) <= n; j++ {
			if !s.sameSent(j+len(seg)-1, last) {
				break
			}
			if s.wordsMatch(j, seg) {
				pos, found = j+len(seg), true
				break
			}
		}
		if !found {
			return 0, false
		}
	}
	return pos - 1, true
}

func (s *Scanner) wordsMatch(j int, seg []phrase.Word) bool {
	for k, wp := range seg {
		if !wp.Match(s.word(j + k)) {
			return false
		}
	}
	return true
}

// debris counts the article's dropped spans.
func debris(a *corpus.Article) Debris {
	d := Debris{Reasons: map[string]int{}, Spans: []Reasoned{}}
	spans := append([]corpus.Span(nil), a.Dropped...)
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	for _, sp := range spans {
		if !validSpan(a.Text, sp.Start, sp.End) {
			continue // not a span of this text: nothing to show
		}
		reason := sp.Reason
		if reason == "" {
			reason = "debris"
		}
		d.Count++
		d.Reasons[reason]++
		d.Spans = append(d.Spans, Reasoned{Start: sp.Start, End: sp.End, Text: a.Text[sp.Start:sp.End], Reason: reason})
	}
	return d
}
