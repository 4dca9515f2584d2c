package credibility

import (
	"strings"
	"unicode"

	"github.com/compare-tool/compare/internal/phrase"
	"github.com/compare-tool/compare/internal/token"
)

// Analyzer is a compiled set of rules. It is built once by Compile and is
// safe for concurrent use; each goroutine analyses articles with its own
// Scanner.
//
// Each word list is a list of one phrase.Matcher (phrase.CompileLists),
// so that an attribution verb and a hedge in the same place do not hide
// each other while every token is looked up once; within one list the
// leftmost, then longest pattern wins.
type Analyzer struct {
	Rules *Rules

	// lists are the patterns of the word lists, indexed by listMarkers …
	// listUnnamed; matcher is them compiled.
	lists [][]phrase.Pattern
	// speech is lists with only what finding attributions reads.
	speech  [][]phrase.Pattern
	matcher *phrase.Matcher

	// The slices below are indexed by the Entry of their matcher's
	// patterns.
	markerInfo []termInfo
	verbInfo   []termInfo
	vagueFirst [][]int // patterns (index into vaguePats) starting with the entry's words
	vaguePats  []vaguePattern
	aliasInfo  []aliasInfo

	selfDomains map[string]int // lower-case domain → entity
	selfNames   map[string]int // folded name or alias → entity
}

// The kinds of pattern in the credibility matchers.
const (
	// kindTerm is a word or phrase of a list.
	kindTerm phrase.Kind = iota
	// kindExcept is an except phrase: it covers its tokens so that no term
	// inside it counts.
	kindExcept
)

// The word lists, in the order of Analyzer.lists.
const (
	listMarkers  = iota // hedges, certainty, intensifiers
	listVerbs           // attribution verbs
	listVague           // the first words of each vague-source pattern
	listRegistry        // registry names and aliases
	listUnnamed         // unnamed-source nouns
	numLists
)

type markerKind uint8

const (
	hedge markerKind = iota
	certainty
	intensifier
)

// termInfo describes one compiled term.
type termInfo struct {
	text   string
	except bool // an entry that only holds except phrases
	// lower is true when the term has no capital letter: it then does not
	// match a capitalised word in mid sentence ("May", "Said").
	lower  bool
	marker markerKind
	group  int // attribution group
}

type vaguePattern struct {
	text  string
	lower bool
	rest  [][]phrase.Word // the word sequences after each gap
}

type aliasInfo struct {
	entity  int
	alias   string
	except  bool
	acronym bool // written in capitals: matches text in capitals only
}

// Compile builds the analyzer for checked rules.
func Compile(r *Rules) *Analyzer {
	an := &Analyzer{
		Rules:       r,
		selfDomains: map[string]int{},
		selfNames:   map[string]int{},
	}

	var markers []phrase.Pattern
	for kind, list := range [][]Term{r.Hedges, r.Certainty, r.Intensifiers} {
		for _, t := range list {
			markers = append(markers, phrase.Pattern{Text: t.Text, Kind: kindTerm, Entry: len(an.markerInfo)})
			an.markerInfo = append(an.markerInfo, termInfo{text: t.Text, lower: isLower(t.Text), marker: markerKind(kind)})
		}
	}

	var verbs []phrase.Pattern
	for gi, g := range r.Attribution {
		for _, t := range g.Terms {
			verbs = append(verbs, phrase.Pattern{Text: t.Text, Kind: kindTerm, Entry: len(an.verbInfo)})
			an.verbInfo = append(an.verbInfo, termInfo{text: t.Text, lower: isLower(t.Text), group: gi})
		}
		if len(g.Except) > 0 {
			for _, x := range g.Except {
				verbs = append(verbs, phrase.Pattern{Text: x.Text, Kind: kindExcept, Entry: len(an.verbInfo)})
			}
			an.verbInfo = append(an.verbInfo, termInfo{except: true, group: gi})
		}
	}

	// Vague-source patterns: the trie finds the words before the first gap;
	// the words after each gap are checked token by token.
	var vague []phrase.Pattern
	firsts := map[string]int{}
	for _, t := range r.VagueSources {
		segs := splitGaps(t.Text)
		p := vaguePattern{text: t.Text, lower: isLower(t.Text)}
		for _, seg := range segs[1:] {
			p.rest = append(p.rest, phrase.Words(seg))
		}
		key := phrase.Key(segs[0])
		e, ok := firsts[key]
		if !ok {
			e = len(an.vagueFirst)
			firsts[key] = e
			vague = append(vague, phrase.Pattern{Text: segs[0], Kind: kindTerm, Entry: e})
			an.vagueFirst = append(an.vagueFirst, nil)
		}
		an.vagueFirst[e] = append(an.vagueFirst[e], len(an.vaguePats))
		an.vaguePats = append(an.vaguePats, p)
	}

	var unnamed []phrase.Pattern
	for i, t := range r.UnnamedSources {
		unnamed = append(unnamed, phrase.Pattern{Text: t.Text, Kind: kindTerm, Entry: i})
	}

	var reg []phrase.Pattern
	for ei, e := range r.Registry {
		for _, a := range e.allAliases() {
			reg = append(reg, phrase.Pattern{Text: a.Text, Kind: kindTerm, Entry: len(an.aliasInfo)})
			an.aliasInfo = append(an.aliasInfo, aliasInfo{entity: ei, alias: a.Text, acronym: isAcronym(a.Text)})
			an.selfNames[token.Fold(a.Text)] = ei
		}
		if len(e.Except) > 0 {
			for _, x := range e.Except {
				reg = append(reg, phrase.Pattern{Text: x.Text, Kind: kindExcept, Entry: len(an.aliasInfo)})
			}
			an.aliasInfo = append(an.aliasInfo, aliasInfo{entity: ei, except: true})
		}
		for _, d := range e.Domains {
			an.selfDomains[strings.ToLower(strings.TrimSpace(d))] = ei
		}
	}
	an.lists = make([][]phrase.Pattern, numLists)
	an.lists[listMarkers], an.lists[listVerbs], an.lists[listVague] = markers, verbs, vague
	an.lists[listRegistry], an.lists[listUnnamed] = reg, unnamed
	an.matcher = phrase.CompileLists(an.lists...)
	an.speech = make([][]phrase.Pattern, numLists)
	an.speech[listVerbs], an.speech[listRegistry], an.speech[listUnnamed] = verbs, reg, unnamed
	return an
}

// Patterns returns the word lists the heuristics read, as lists of
// phrase patterns, so that a caller matching other patterns on the same
// tokens (a framing lexicon) can compile them all into one
// phrase.Matcher with phrase.CompileLists and hand the matches of these
// lists to Scanner.AnalyzeMatches. The result must not be modified.
func (an *Analyzer) Patterns() [][]phrase.Pattern { return an.lists }

// NewScanner returns a Scanner for an.
func (an *Analyzer) NewScanner() *Scanner {
	return &Scanner{an: an, phrases: an.matcher.NewScanner()}
}

// selfEntity returns the registry entity an article's outlet is, or -1:
// "aranews.net", "www.aranews.net" and "ARA News" all name ARA News.
func (an *Analyzer) selfEntity(outlet string) int {
	o := strings.ToLower(strings.TrimSpace(outlet))
	if o == "" {
		return -1
	}
	o = strings.TrimPrefix(strings.TrimPrefix(o, "https://"), "http://")
	o = strings.TrimPrefix(o, "www.")
	if i := strings.IndexByte(o, '/'); i >= 0 {
		o = o[:i]
	}
	if e, ok := an.selfDomains[o]; ok {
		return e
	}
	for d, e := range an.selfDomains {
		if strings.HasSuffix(o, "."+d) {
			return e
		}
	}
	if e, ok := an.selfNames[token.Fold(outlet)]; ok {
		return e
	}
	return -1
}

// splitGaps splits a pattern at its gaps ("…" or "...").
func splitGaps(p string) []string {
	var segs []string
	var cur []string
	for _, w := range strings.Fields(p) {
		if isGap(w) {
			segs = append(segs, strings.Join(cur, " "))
			cur = nil
			continue
		}
		cur = append(cur, w)
	}
	return append(segs, strings.Join(cur, " "))
}

func isLower(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// isAcronym reports whether an alias is written in capitals ("IRNA",
// "U.N.", "RFE/RL"): one word with at least two letters, all upper case.
func isAcronym(s string) bool {
	if strings.ContainsAny(strings.TrimSpace(s), " \t") {
		return false
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}
