package stance

import (
	"maps"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/phrase"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/token"
)

// Model is what Scorers score with: a compiled lexicon and, optionally,
// credibility rules, their patterns compiled together into one
// phrase.Matcher so that each article's tokens are looked up once for the
// framing terms, the distance cues and every credibility word list. It is
// built once by NewModel and is safe for concurrent use; each goroutine
// scores with its own Scorer.
type Model struct {
	m    *lexicon.Matcher
	cred *credibility.Analyzer
	// phrases matches the lexicon's patterns (list 0) and, with
	// credibility rules, the analyzer's word lists after them.
	phrases *phrase.Matcher
	ref     record.LexiconRef
	// contrib[e] is entry e's contribution to each axis, computed once;
	// each match gets its own copy. axes[e] is the same by axis index, and
	// target[e] the index of entry e's target.
	contrib []map[string]float64
	axes    [][]axisContrib
	target  []int
	// speech finds reported speech when cred is nil: its attribution
	// word lists are in phrases after the lexicon's (see reportedSpeech).
	speech *credibility.Analyzer
}

// axisContrib is an entry's contribution c to the axis of index axis.
type axisContrib struct {
	axis int
	c    float64
}

// NewModel compiles m and an, which may be nil for no credibility signals.
func NewModel(m *lexicon.Matcher, an *credibility.Analyzer) *Model {
	lex := m.Lexicon
	md := &Model{
		m:       m,
		cred:    an,
		ref:     record.LexiconRef{Name: lex.Name, Version: lex.Version, SHA256: lex.Hash},
		contrib: make([]map[string]float64, len(lex.Entries)),
		axes:    make([][]axisContrib, len(lex.Entries)),
		target:  make([]int, len(lex.Entries)),
	}
	if an != nil {
		md.phrases = phrase.CompileLists(append([][]phrase.Pattern{m.Patterns()}, an.Patterns()...)...)
	} else {
		// Without credibility signals, the attribution word lists are
		// still matched for the reported voice.
		md.speech = credibility.DefaultAnalyzer()
		md.phrases = phrase.CompileLists(append([][]phrase.Pattern{m.Patterns()}, md.speech.SpeechPatterns()...)...)
	}
	targets := make(map[string]int, len(lex.Targets))
	for i, t := range lex.Targets {
		targets[t.ID] = i
	}
	for i := range lex.Entries {
		e := &lex.Entries[i]
		md.target[i] = targets[e.Target] // a checked lexicon's targets are all declared
		md.contrib[i] = lex.Contrib(e)
		for j, ax := range lex.Axes {
			if v, ok := md.contrib[i][ax.ID]; ok {
				md.axes[i] = append(md.axes[i], axisContrib{j, v})
			}
		}
	}
	return md
}

// NewScorer returns a Scorer for the model.
func (md *Model) NewScorer() *Scorer {
	s := &Scorer{md: md, scanner: md.phrases.NewScanner()}
	if md.cred != nil {
		s.cred = md.cred.NewScanner()
	} else {
		s.speech = md.speech.NewScanner()
	}
	return s
}

// Scorer scores articles with one Model. It reuses buffers between calls
// and is not safe for concurrent use: give each goroutine its own Scorer
// of the shared Model.
type Scorer struct {
	md      *Model
	tz      token.Tokenizer
	scanner *phrase.Scanner
	// cred, when not nil, adds credibility signals to each record.
	cred *credibility.Scanner
	// speech finds reported speech when cred is nil.
	speech *credibility.Scanner
	// The article's sums per target and per axis, by index.
	targets []targetSums
	axes    []axisSums
}

// targetSums are the sums behind a record.TargetScore.
type targetSums struct {
	record.TargetScore
	quotes             int // quote-voice references
	author, quoteVoice float64
}

// axisSums are the sums behind a record.AxisScore.
type axisSums struct {
	record.AxisScore
	author, quote, reported float64
}

// NewScorer returns a Scorer for m without credibility signals: a Scorer
// of NewModel(m, nil).
func NewScorer(m *lexicon.Matcher) *Scorer { return NewModel(m, nil).NewScorer() }

// SetCredibility makes the scorer add credibility signals found with an
// to every record; nil turns them off. It compiles a new Model: scorers
// that share one should come from NewModel(m, an).NewScorer.
func (s *Scorer) SetCredibility(an *credibility.Analyzer) {
	*s = *NewModel(s.md.m, an).NewScorer()
}

// Score scores one article. Text in a.Dropped is skipped.
func (s *Scorer) Score(a *corpus.Article) *record.Record {
	md := s.md
	lex := md.m.Lexicon
	ts := s.tz.Tokenize(a.Text)
	if len(a.Dropped) > 0 {
		token.Drop(ts, a.Dropped)
	}
	lists := s.scanner.ScanLists(ts)
	matches := lists[0]
	quotes := quoteSpans(a.Text)
	quoteWords := countWords(ts, quotes)

	rec := &record.Record{
		Schema: record.Schema, ID: a.ID, Outlet: a.Outlet, Group: a.Group, Title: a.Title,
		URL: a.URL, Source: a.Source, TextLine: a.TextLine, Meta: a.Meta, Lexicon: md.ref,
		Tokens:        ts.Len(),
		LoadedByVoice: map[record.Voice]int{record.Author: 0, record.Quote: 0, record.Distanced: 0, record.Reported: 0},
		Categories:    map[string]int{},
		Targets:       make(map[string]record.TargetScore, len(lex.Targets)),
		Stance:        make(map[string]record.AxisScore, len(lex.Axes)),
		Matches:       make([]record.MatchRecord, 0, len(matches)),
		Dropped:       a.Dropped,
		Text:          a.Text,
	}
	rec.SetDate(a.Published, a.Date)
	s.targets = append(s.targets[:0], make([]targetSums, len(lex.Targets))...)
	s.axes = append(s.axes[:0], make([]axisSums, len(lex.Axes))...)
	if len(quotes) > 0 {
		rec.Quotes = make([]corpus.Span, len(quotes))
		for i, q := range quotes {
			rec.Quotes[i] = corpus.Span{Start: q[0], End: q[1]}
		}
	}
	// The credibility analysis comes before the matches' voices: its
	// attributions give the reported speech.
	reported := s.reportedSpeech(rec, a, ts, lists[1:])
	lines := newLineIndex(a.Text)
	lastCue, lastCueEnd := -1, 0 // index into DistanceCues and token after it
	for _, m := range matches {
		switch m.Kind {
		case lexicon.KindCue:
			lastCue, lastCueEnd = m.Entry, m.LastToken+1
			continue
		case lexicon.KindExcept:
			continue
		}
		e := &lex.Entries[m.Entry]
		voice, cue := record.Author, ""
		if q, ok := containing(quotes, m.Start); ok {
			voice = record.Quote
			if token.IsScareQuote(a.Text[quotes[q][0]:quotes[q][1]], quoteWords[q]) {
				voice = record.Distanced
			}
		} else if lastCue >= 0 && m.FirstToken-lastCueEnd <= lexicon.CueWindow &&
			!token.BreaksPhrase(a.Text[ts.List[lastCueEnd-1].End:m.Start]) {
			voice, cue = record.Distanced, lex.DistanceCues[lastCue]
		} else if inSpans(reported, m.Start) {
			voice = record.Reported
		}
		line, col := lines.position(m.Start)
		contrib := md.contrib[m.Entry]
		loaded := record.IsLoaded(e.Valence, contrib)
		rec.Matches = append(rec.Matches, record.MatchRecord{
			Start: m.Start, End: m.End, Line: line, Col: col,
			Text: a.Text[m.Start:m.End], Entry: e.ID, Target: e.Target,
			Valence: e.Valence, Category: e.Category, Voice: voice,
			Contrib: maps.Clone(contrib), Cue: cue, Loaded: loaded,
		})
		rec.Categories[e.Category]++
		if loaded {
			rec.Loaded++
			rec.LoadedByVoice[voice]++
		}
		t := &s.targets[md.target[m.Entry]]
		t.References++
		switch voice {
		case record.Author:
			t.Author++
			t.author += e.Valence
			if loaded {
				t.Loaded++
			}
		case record.Quote:
			t.quotes++
			t.quoteVoice += e.Valence
		}
		for _, ac := range md.axes[m.Entry] {
			as := &s.axes[ac.axis]
			if record.CountsInStance(voice) {
				as.N++
				as.author += ac.c
			}
			if record.CountsAsFallback(voice) {
				as.ReportedN++
				as.reported += ac.c
			}
			switch voice {
			case record.Quote:
				as.QuoteN++
				as.quote += ac.c
			case record.Distanced:
				as.DistancedN++
			}
		}
	}
	if rec.Tokens > 0 {
		rec.LoadedPer1k = 1000 * float64(rec.Loaded) / float64(rec.Tokens)
	}
	for i, t := range s.targets {
		sc := t.TargetScore
		if t.Author > 0 {
			f := t.author / float64(t.Author)
			sc.Framing = &f
		}
		if t.quotes > 0 {
			f := t.quoteVoice / float64(t.quotes)
			sc.QuoteFraming = &f
		}
		rec.Targets[lex.Targets[i].ID] = sc
	}
	for i, as := range s.axes {
		sc := as.AxisScore
		if sc.N > 0 {
			sc.Score = as.author / float64(sc.N)
		}
		if sc.QuoteN > 0 {
			sc.QuoteScore = as.quote / float64(sc.QuoteN)
		}
		if sc.ReportedN > 0 {
			sc.ReportedScore = as.reported / float64(sc.ReportedN)
			if sc.N == 0 {
				sc.Score, sc.N, sc.FromReported = sc.ReportedScore, sc.ReportedN, true
			}
		}
		rec.Stance[lex.Axes[i].ID] = sc
	}
	return rec
}

// countWords returns how many tokens each quotation holds.
func countWords(ts *token.Tokens, quotes [][2]int) []int {
	n := make([]int, len(quotes))
	q := 0
	for _, t := range ts.List {
		for q < len(quotes) && quotes[q][1] <= t.Start {
			q++
		}
		if q < len(quotes) && quotes[q][0] <= t.Start {
			n[q]++
		}
	}
	return n
}

// containing returns the index of the quotation that contains offset.
func containing(quotes [][2]int, offset int) (int, bool) {
	i := sort.Search(len(quotes), func(i int) bool { return quotes[i][1] > offset })
	if i < len(quotes) && quotes[i][0] <= offset {
		return i, true
	}
	return 0, false
}

// lineIndex converts byte offsets to line and column. It moves forward
// from the last offset asked for, so the positions of an article's matches,
// asked in order, cost one pass over its text whatever its line lengths
// (counting from each line's start made a long single-line article
// quadratic).
type lineIndex struct {
	text      string
	off       int // offset of the last position
	line, col int // its 0-based line and character column
}

func newLineIndex(text string) *lineIndex { return &lineIndex{text: text} }

// position returns the 1-based line and character column of offset, a
// rune boundary. Offsets before the last one start again from the top.
func (li *lineIndex) position(offset int) (line, col int) {
	if offset < li.off {
		li.off, li.line, li.col = 0, 0, 0
	}
	seg := li.text[li.off:offset]
	if nl := strings.LastIndexByte(seg, '\n'); nl >= 0 {
		li.line += strings.Count(seg, "\n")
		li.col = utf8.RuneCountInString(seg[nl+1:])
	} else {
		li.col += utf8.RuneCountInString(seg)
	}
	li.off = offset
	return li.line + 1, li.col + 1
}
