package credibility

import (
	"strings"
	"unicode"

	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/token"
)

// Analyzer is a compiled set of rules. It is built once by Compile and is
// safe for concurrent use; each goroutine analyses articles with its own
// Scanner.
//
// Each word list is compiled into its own lexicon.Matcher (the framing
// lexicon's trie), so that an attribution verb and a hedge in the same
// place do not hide each other; within one list the leftmost, then longest
// pattern wins.
type Analyzer struct {
	Rules *Rules

	markers  *lexicon.Matcher // hedges, certainty, intensifiers
	verbs    *lexicon.Matcher
	vague    *lexicon.Matcher // the first words of each vague-source pattern
	registry *lexicon.Matcher
	unnamed  *lexicon.Matcher

	// The slices below are indexed by the entry index of their matcher's
	// lexicon.
	markerInfo []termInfo
	verbInfo   []termInfo
	vagueFirst [][]int // patterns (index into vaguePats) starting with the entry's words
	vaguePats  []vaguePattern
	aliasInfo  []aliasInfo

	selfDomains map[string]int // lower-case domain → entity
	selfNames   map[string]int // folded name or alias → entity
}

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
	rest  [][]wordPattern // the word sequences after each gap
}

type wordPattern struct {
	word string // folded
	glob bool
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

	var markers lexicon.Lexicon
	for kind, list := range [][]Term{r.Hedges, r.Certainty, r.Intensifiers} {
		for _, t := range list {
			markers.Entries = append(markers.Entries, lexicon.Entry{ID: t.Text, Terms: []string{t.Text}})
			an.markerInfo = append(an.markerInfo, termInfo{text: t.Text, lower: isLower(t.Text), marker: markerKind(kind)})
		}
	}
	an.markers = lexicon.Compile(&markers)

	var verbs lexicon.Lexicon
	for gi, g := range r.Attribution {
		for _, t := range g.Terms {
			verbs.Entries = append(verbs.Entries, lexicon.Entry{ID: t.Text, Terms: []string{t.Text}})
			an.verbInfo = append(an.verbInfo, termInfo{text: t.Text, lower: isLower(t.Text), group: gi})
		}
		if len(g.Except) > 0 {
			verbs.Entries = append(verbs.Entries, lexicon.Entry{Except: texts(g.Except)})
			an.verbInfo = append(an.verbInfo, termInfo{except: true, group: gi})
		}
	}
	an.verbs = lexicon.Compile(&verbs)

	// Vague-source patterns: the trie finds the words before the first gap;
	// the words after each gap are checked token by token.
	var vague lexicon.Lexicon
	firsts := map[string]int{}
	for _, t := range r.VagueSources {
		segs := splitGaps(t.Text)
		p := vaguePattern{text: t.Text, lower: isLower(t.Text)}
		for _, seg := range segs[1:] {
			p.rest = append(p.rest, compileWords(seg))
		}
		key := patternKey(segs[0])
		e, ok := firsts[key]
		if !ok {
			e = len(vague.Entries)
			firsts[key] = e
			vague.Entries = append(vague.Entries, lexicon.Entry{ID: segs[0], Terms: []string{segs[0]}})
			an.vagueFirst = append(an.vagueFirst, nil)
		}
		an.vagueFirst[e] = append(an.vagueFirst[e], len(an.vaguePats))
		an.vaguePats = append(an.vaguePats, p)
	}
	an.vague = lexicon.Compile(&vague)

	var unnamed lexicon.Lexicon
	for _, t := range r.UnnamedSources {
		unnamed.Entries = append(unnamed.Entries, lexicon.Entry{ID: t.Text, Terms: []string{t.Text}})
	}
	an.unnamed = lexicon.Compile(&unnamed)

	var reg lexicon.Lexicon
	for ei, e := range r.Registry {
		for _, a := range e.allAliases() {
			reg.Entries = append(reg.Entries, lexicon.Entry{ID: a.Text, Terms: []string{a.Text}})
			an.aliasInfo = append(an.aliasInfo, aliasInfo{entity: ei, alias: a.Text, acronym: isAcronym(a.Text)})
			an.selfNames[token.Fold(a.Text)] = ei
		}
		if len(e.Except) > 0 {
			reg.Entries = append(reg.Entries, lexicon.Entry{Except: texts(e.Except)})
			an.aliasInfo = append(an.aliasInfo, aliasInfo{entity: ei, except: true})
		}
		for _, d := range e.Domains {
			an.selfDomains[strings.ToLower(strings.TrimSpace(d))] = ei
		}
	}
	an.registry = lexicon.Compile(&reg)
	return an
}

// NewScanner returns a Scanner for an.
func (an *Analyzer) NewScanner() *Scanner {
	return &Scanner{
		an:       an,
		markers:  an.markers.NewScanner(),
		verbs:    an.verbs.NewScanner(),
		vague:    an.vague.NewScanner(),
		registry: an.registry.NewScanner(),
		unnamed:  an.unnamed.NewScanner(),
	}
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

func texts(ts []Term) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Text
	}
	return out
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

// compileWords folds the words of a pattern the way the tokenizer folds
// text; one written word may fold to several tokens.
func compileWords(seg string) []wordPattern {
	var out []wordPattern
	for _, w := range strings.Fields(seg) {
		glob := strings.HasSuffix(w, "*")
		var tz token.Tokenizer
		ts := tz.Tokenize(strings.TrimSuffix(w, "*"))
		for j := range ts.List {
			out = append(out, wordPattern{word: ts.NormString(j), glob: glob && j == len(ts.List)-1})
		}
	}
	return out
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
