// Package coverage checks a lexicon against a corpus (`compare lexicon
// coverage`): which entries never match, how many articles never name each
// target, and which capitalised phrases (names of actors, often) the
// lexicon does not match.
package coverage

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/ngram"
	"github.com/compare-tool/compare/internal/token"
)

// maxNameWords is the longest capitalised phrase counted; longer runs are
// title-case headlines rather than names.
const maxNameWords = 6

// nameJoiners may stand inside a capitalised phrase ("Leader of the
// Islamic Revolution"), never at its ends.
var nameJoiners = map[string]bool{"of": true, "the": true}

// calendar words are capitalised but name no actor.
var calendar = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`monday tuesday wednesday thursday friday saturday sunday
		january february march april may june july august september october november december`) {
		m[w] = true
	}
	return m
}()

// Checker checks a lexicon against a corpus. Add each article, then call
// Result. It is not safe for concurrent use.
type Checker struct {
	m        *lexicon.Matcher
	tz       token.Tokenizer
	cover    *lexicon.Cover
	articles int
	hits     []int // per entry
	// named[t] counts the articles with a reference to target t.
	named   []int
	refs    []int
	target  map[string]int
	seen    []bool
	phrases map[string]*phraseCount
}

type phraseCount struct {
	count, articles int
	last            int
	forms           map[string]int
}

// New returns an empty Checker for m.
func New(m *lexicon.Matcher) *Checker {
	lex := m.Lexicon
	c := &Checker{
		m:       m,
		cover:   lexicon.NewCover([]*lexicon.Matcher{m}),
		hits:    make([]int, len(lex.Entries)),
		named:   make([]int, len(lex.Targets)),
		refs:    make([]int, len(lex.Targets)),
		target:  map[string]int{},
		seen:    make([]bool, len(lex.Targets)),
		phrases: map[string]*phraseCount{},
	}
	for i, t := range lex.Targets {
		c.target[t.ID] = i
	}
	return c
}

// Add scans one article. Matches count in any voice (quoted and
// distanced too): coverage asks whether the lexicon sees a naming, not
// whose it is. Dropped page furniture is skipped as in scoring.
func (c *Checker) Add(a *corpus.Article) {
	c.articles++
	lex := c.m.Lexicon
	ts := c.tz.Tokenize(a.Text)
	token.Drop(ts, a.Dropped)
	c.cover.Scan(ts)
	covered := c.cover.Covered
	clear(c.seen)
	for _, m := range c.cover.Terms[0] {
		c.hits[m.Entry]++
		t := c.target[lex.Entries[m.Entry].Target]
		c.refs[t]++
		if !c.seen[t] {
			c.seen[t] = true
			c.named[t]++
		}
	}

	// Capitalised phrases: runs of capitalised words separated by single
	// spaces (with "of" and "the" inside), none covered by the lexicon.
	text := a.Text
	capital := func(i int) bool {
		r, _ := utf8.DecodeRuneInString(text[ts.List[i].Start:])
		return unicode.IsUpper(r)
	}
	joined := func(i int) bool { // token i continues the phrase before it
		gap := text[ts.List[i-1].End:ts.List[i].Start]
		return !ts.NameBreak(i) && strings.Trim(gap, " \u00a0") == "" && len(gap) <= 2
	}
	n := ts.Len()
	for i := 0; i < n; {
		if covered[i] || !capital(i) {
			i++
			continue
		}
		start := i
		sentenceStart := ts.NameBreak(i) || opensQuote(text, ts.List, i)
		end := i + 1 // exclusive; last capitalised token + 1
		for j := i + 1; j < n && joined(j) && !covered[j]; j++ {
			if capital(j) {
				end = j + 1
				continue
			}
			if !nameJoiners[string(ts.Norm(j))] {
				break
			}
		}
		i = end
		if sentenceStart {
			// A sentence's first word is capitalised anyway: keep it only
			// as part of a longer name that does not start with a
			// function word ("Syrian Democratic Forces said").
			if end-start == 1 {
				continue
			}
			if english.Stopword(ts.Norm(start)) {
				start++
				for start < end && !capital(start) {
					start++
				}
			}
		}
		if end-start > maxNameWords || start >= end {
			continue
		}
		var key strings.Builder
		content := false
		for t := start; t < end; t++ {
			if t > start {
				key.WriteByte(' ')
			}
			w := ts.Norm(t)
			key.Write(w)
			if !english.Stopword(w) && !nameJoiners[string(w)] && !ngram.IsNumber(w) {
				content = true
			}
		}
		k := key.String()
		if !content || end-start == 1 && calendar[k] {
			continue
		}
		pc := c.phrases[k]
		if pc == nil {
			pc = &phraseCount{forms: map[string]int{}, last: -1}
			c.phrases[k] = pc
		}
		pc.count++
		if pc.last != c.articles {
			pc.last = c.articles
			pc.articles++
		}
		pc.forms[ngram.Collapse(text[ts.List[start].Start:ts.List[end-1].End])]++
	}
}

// opensQuote reports whether an opening quotation mark stands right before
// token i: a quotation starts a sentence of its own.
func opensQuote(text string, toks []token.Token, i int) bool {
	from := 0
	if i > 0 {
		from = toks[i-1].End
	}
	return strings.ContainsAny(text[from:toks[i].Start], "\"“‘«„(")
}

// Report is the result of a Checker.
type Report struct {
	Lexicon  string `json:"lexicon"`
	Version  string `json:"version"`
	File     string `json:"file"`
	Articles int    `json:"articles"`
	Entries  int    `json:"entries"`
	// Unmatched are the entries that never matched, in file order.
	Unmatched []UnmatchedEntry `json:"unmatched"`
	// Targets are in lexicon order.
	Targets []TargetCoverage `json:"targets"`
	// Phrases are the most frequent capitalised phrases not matched, by
	// count.
	Phrases []PhraseCount `json:"phrases"`
}

// UnmatchedEntry is an entry no article matched.
type UnmatchedEntry struct {
	ID    string   `json:"id"`
	Line  int      `json:"line"`
	Terms []string `json:"terms"`
}

// TargetCoverage says how often articles name one target.
type TargetCoverage struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// References counts the matches naming the target; Named the articles
	// with at least one, Unnamed those with none, Share Unnamed/Articles.
	References int     `json:"references"`
	Named      int     `json:"named"`
	Unnamed    int     `json:"unnamed"`
	Share      float64 `json:"unnamed_share"`
}

// PhraseCount is a capitalised phrase with its uses and articles.
type PhraseCount struct {
	Phrase   string `json:"phrase"`
	Count    int    `json:"count"`
	Articles int    `json:"articles"`
}

// Result returns the report, with the top capitalised phrases used at
// least minCount times.
func (c *Checker) Result(top, minCount int) *Report {
	lex := c.m.Lexicon
	rep := &Report{Lexicon: lex.Name, Version: lex.Version, File: lex.File,
		Articles: c.articles, Entries: len(lex.Entries), Unmatched: []UnmatchedEntry{}, Phrases: []PhraseCount{}}
	for i, e := range lex.Entries {
		if c.hits[i] == 0 {
			rep.Unmatched = append(rep.Unmatched, UnmatchedEntry{ID: e.ID, Line: e.Line, Terms: e.Terms})
		}
	}
	for i, t := range lex.Targets {
		tc := TargetCoverage{ID: t.ID, Label: t.Label, References: c.refs[i], Named: c.named[i], Unnamed: c.articles - c.named[i]}
		if c.articles > 0 {
			tc.Share = float64(tc.Unnamed) / float64(c.articles)
		}
		rep.Targets = append(rep.Targets, tc)
	}
	for k, pc := range c.phrases {
		if pc.count < minCount {
			continue
		}
		best, bestN := k, 0
		for form, n := range pc.forms {
			if n > bestN || n == bestN && form < best {
				best, bestN = form, n
			}
		}
		rep.Phrases = append(rep.Phrases, PhraseCount{Phrase: best, Count: pc.count, Articles: pc.articles})
	}
	slices.SortFunc(rep.Phrases, func(x, y PhraseCount) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(y.Articles, x.Articles), cmp.Compare(x.Phrase, y.Phrase))
	})
	if len(rep.Phrases) > top {
		rep.Phrases = rep.Phrases[:top]
	}
	return rep
}

// Write writes the report as text, or as JSON when format is "json".
func Write(w io.Writer, rep *Report, format string) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(rep)
	}
	fmt.Fprintf(w, "Coverage of lexicon %s %s on %s\n", rep.Lexicon, rep.Version, english.Count(rep.Articles, "article", "articles"))

	fmt.Fprintf(w, "\nEntries that never matched: %d of %d\n", len(rep.Unmatched), rep.Entries)
	for _, e := range rep.Unmatched {
		fmt.Fprintf(w, "  %s:%d  %s  %s\n", rep.File, e.Line, e.ID, someTerms(e.Terms, 4))
	}

	fmt.Fprintf(w, "\nArticles that never name each target (of %d)\n", rep.Articles)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  TARGET\tMATCHES\tNAMED IN\tNOT NAMED IN\tSHARE NOT NAMED")
	for _, t := range rep.Targets {
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%.1f%%\n", t.ID, t.References, t.Named, t.Unnamed, 100*t.Share)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintf(w, "\nMost frequent capitalised phrases the lexicon does not match (actors it may miss)\n")
	if len(rep.Phrases) == 0 {
		fmt.Fprintln(w, "  none")
		return nil
	}
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  USES\tARTICLES\tPHRASE")
	for _, p := range rep.Phrases {
		fmt.Fprintf(tw, "  %d\t%d\t%s\n", p.Count, p.Articles, p.Phrase)
	}
	return tw.Flush()
}

// someTerms quotes the first max terms and says how many more there are.
func someTerms(terms []string, max int) string {
	var parts []string
	for i, t := range terms {
		if i == max {
			parts = append(parts, fmt.Sprintf("and %d more", len(terms)-max))
			break
		}
		parts = append(parts, fmt.Sprintf("%q", t))
	}
	return strings.Join(parts, ", ")
}
