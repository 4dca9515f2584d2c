package phrase

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/token"
)

// scan returns "text=kind/entry" for each match of patterns in text.
func scan(m *Matcher, text string) []string {
	var tz token.Tokenizer
	var out []string
	for _, x := range m.NewScanner().Scan(tz.Tokenize(text)) {
		out = append(out, fmt.Sprintf("%s=%d/%d", text[x.Start:x.End], x.Kind, x.Entry))
	}
	return out
}

func TestScan(t *testing.T) {
	m := Compile([]Pattern{
		{Text: "mullahs' regime", Entry: 0},
		{Text: "Leader of the Islamic Revolution", Entry: 1},
		{Text: "Islamic Revolution", Entry: 2},
		{Text: "mercenar*", Entry: 3},
		{Text: "mercenary", Entry: 4},
		{Text: "regime change", Kind: 1, Entry: 5},
		{Text: "regime", Entry: 6},
		{Text: "Assad—regime", Entry: 7},
		{Text: "so-called", Kind: 2, Entry: 8},
		{Text: "Regime", Kind: 3, Entry: 9}, // folds like "regime": the first wins
		{Text: "in*", Entry: 10},
		{Text: "a", Entry: 11},
	})
	tests := []struct {
		name, text string
		want       []string
	}{
		{"folding", "THE MULLAHS’ REGIME", []string{"MULLAHS’ REGIME=0/0"}},
		{"longest wins", "the Leader of the Islamic Revolution said", []string{"Leader of the Islamic Revolution=0/1"}},
		{"shorter alone", "since the Islamic Revolution", []string{"Islamic Revolution=0/2"}},
		{"leftmost wins over longer later", "Islamic Revolution Leader of the Islamic Revolution", []string{"Islamic Revolution=0/2", "Leader of the Islamic Revolution=0/1"}},
		{"glob", "mercenaries", []string{"mercenaries=0/3"}},
		{"exact beats glob of the same length", "a mercenary", []string{"a=0/11", "mercenary=0/4"}},
		{"glob needs its beginning", "mercy", nil},
		{"kind and entry come back", "regime change and the regime", []string{"regime change=1/5", "regime=0/6"}},
		{"a word that folds to two tokens", "the Assad—regime", []string{"Assad—regime=0/7"}},
		{"duplicate key keeps the first", "Regime", []string{"Regime=0/6"}},
		{"one-letter glob", "into it", []string{"into=0/10"}},
		{"whole words only", "deregimed", nil},
		{"cue", "the so-called rebels", []string{"so-called=2/8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scan(m, tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("Scan(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
	if m.Len() != 11 {
		t.Errorf("Len() = %d, want 11 (12 patterns, one folding like another)", m.Len())
	}
}

func TestCompileEmpty(t *testing.T) {
	for _, patterns := range [][]Pattern{nil, {{Text: ""}}, {{Text: " * "}}} {
		m := Compile(patterns)
		if got := scan(m, "any text at all"); got != nil {
			t.Errorf("Compile(%v) matched %q", patterns, got)
		}
		if m.Len() != 0 {
			t.Errorf("Compile(%v).Len() = %d, want 0", patterns, m.Len())
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		pattern string
		want    []Word
	}{
		{"Mullahs’ Regime", []Word{{"mullahs", false}, {"regime", false}}}, // a trailing apostrophe is punctuation
		{"mercenar*", []Word{{"mercenar", true}}},
		{"Assad—regime*", []Word{{"assad", false}, {"regime", true}}},
		{"al‑Assad’s", []Word{{"al-assad", false}}},
		{"  ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			if got := Words(tt.pattern); !slices.Equal(got, tt.want) {
				t.Errorf("Words(%q) = %v, want %v", tt.pattern, got, tt.want)
			}
		})
	}
}

func TestWordMatch(t *testing.T) {
	tests := []struct {
		word Word
		w    string
		want bool
	}{
		{Word{"regime", false}, "regime", true},
		{Word{"regime", false}, "regimes", false},
		{Word{"regime", true}, "regimes", true},
		{Word{"regime", true}, "regime", true},
		{Word{"regime", true}, "regim", false},
	}
	for _, tt := range tests {
		if got := tt.word.Match([]byte(tt.w)); got != tt.want {
			t.Errorf("%v.Match(%q) = %t, want %t", tt.word, tt.w, got, tt.want)
		}
	}
}

func TestCheckAndKey(t *testing.T) {
	tests := []struct {
		pattern, problem, key string
	}{
		{"Mullahs’ Regime", "", "mullahs regime"},
		{"mercenar*", "", "mercenar*"},
		{"Assad's regime", "", "assad regime"},
		{"", "empty pattern", ""},
		{"ter*rorist", "* may only end a word", "ter rorist"},
		{"*", "a lone * matches every word", "*"},
		{"the — end", `"—" has no letters or digits`, "the  end"},
		{strings.Repeat("a-b ", 16), "", strings.TrimSpace(strings.Repeat("a-b ", 16))},
		{strings.Repeat("a—b ", 9), "18 words, more than the 16 a term may have", strings.TrimSpace(strings.Repeat("a b ", 9))},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			if got := Check(tt.pattern); got != tt.problem {
				t.Errorf("Check(%q) = %q, want %q", tt.pattern, got, tt.problem)
			}
			if got := Key(tt.pattern); got != tt.key {
				t.Errorf("Key(%q) = %q, want %q", tt.pattern, got, tt.key)
			}
		})
	}
}

// FuzzScan checks that matches slice the input at token boundaries, in
// order, without overlap.
func FuzzScan(f *testing.F) {
	m := Compile([]Pattern{{Text: "mullahs' regime"}, {Text: "Leader of the Islamic Revolution"}, {Text: "regime*"},
		{Text: "regime change", Kind: 1}, {Text: "so-called", Kind: 2}, {Text: "a b c d e f"}})
	for _, s := range []string{"the mullahs’ regime", "Leader of the Islamic Revolution's", "regime change regime", "mercenar",
		"\xffregime", "so-called so-called rebels", "a b c d e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var tz token.Tokenizer
		ts := tz.Tokenize(s)
		prev := 0
		for _, x := range m.NewScanner().Scan(ts) {
			if x.Start < prev || x.End > len(s) || x.Start >= x.End {
				t.Fatalf("match [%d,%d) out of order or bounds in %q", x.Start, x.End, s)
			}
			if ts.List[x.FirstToken].Start != x.Start || ts.List[x.LastToken].End != x.End {
				t.Fatalf("match [%d,%d) not on token boundaries", x.Start, x.End)
			}
			prev = x.End
		}
	})
}

// listsForTest are pattern lists that share words, globs and beginnings,
// so that one list's match would hide another's if they were one list.
var listsForTest = [][]Pattern{
	{{Text: "regime"}, {Text: "regime change", Kind: 1}, {Text: "so-called", Kind: 2}, {Text: "mercenar*"}},
	{{Text: "said"}, {Text: "regime change said"}, {Text: "merc*"}, {Text: "mercenary force"}},
	{{Text: "the regime"}, {Text: "so"}, {Text: "a"}, {Text: "me*"}},
	nil,
}

// TestCompileLists checks that each list of a matcher compiled from
// several finds exactly what a matcher of that list alone finds.
func TestCompileLists(t *testing.T) {
	texts := []string{
		"the regime change said the so-called regime",
		"mercenary force of mercenaries, a merchant said",
		"So the regime said: regime change",
		"",
	}
	for _, text := range texts {
		t.Run(text, func(t *testing.T) { checkLists(t, listsForTest, text) })
	}
	m := CompileLists(listsForTest...)
	if m.Lists() != len(listsForTest) || m.Len() != 12 {
		t.Errorf("Lists() = %d, Len() = %d; want %d and 12", m.Lists(), m.Len(), len(listsForTest))
	}
}

// checkLists fails unless ScanLists on text gives, for each list, the
// matches of Compile(list).Scan.
func checkLists(t *testing.T, lists [][]Pattern, text string) {
	t.Helper()
	var tz token.Tokenizer
	ts := tz.Tokenize(text)
	got := CompileLists(lists...).NewScanner().ScanLists(ts)
	if len(got) != len(lists) {
		t.Fatalf("ScanLists gave %d lists, want %d", len(got), len(lists))
	}
	for l, patterns := range lists {
		want := Compile(patterns).NewScanner().Scan(ts)
		if !slices.Equal(got[l], want) {
			t.Errorf("%q list %d: got %+v, alone %+v", text, l, got[l], want)
		}
	}
}

func FuzzScanLists(f *testing.F) {
	for _, s := range []string{"the regime change said", "mercenary force", "so-called me", "a merc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkLists(t, listsForTest, s) })
}

// bruteScan is what Scan must find, by brute force: at each token, every
// pattern is tried; the longest match wins, and of those of the same
// length the one whose words come first step by step, an exact word
// before a glob and a shorter glob beginning before a longer one; the
// next match starts after it. A pattern that folds like an earlier one
// (the same Words) is the earlier one.
func bruteScan(patterns []Pattern, ts *token.Tokens) []Match {
	type candidate struct {
		words []Word
		p     Pattern
	}
	var cands []candidate
	seen := map[string]bool{}
	for _, p := range patterns {
		words := Words(p.Text)
		if key := fmt.Sprint(words); len(words) > 0 && !seen[key] {
			seen[key] = true
			cands = append(cands, candidate{words, p})
		}
	}
	rank := func(w Word) int {
		if w.Glob {
			return len(w.Text)
		}
		return 0
	}
	before := func(a, b []Word) bool {
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		for i := range a {
			if ra, rb := rank(a[i]), rank(b[i]); ra != rb {
				return ra < rb
			}
		}
		return false
	}
	var out []Match
	for i := 0; i < ts.Len(); {
		best := -1
		for c, cand := range cands {
			if i+len(cand.words) > ts.Len() {
				continue
			}
			ok := true
			for k, w := range cand.words {
				if !w.Match(ts.Norm(i + k)) {
					ok = false
					break
				}
			}
			if ok && (best < 0 || before(cand.words, cands[best].words)) {
				best = c
			}
		}
		if best < 0 {
			i++
			continue
		}
		last := i + len(cands[best].words) - 1
		out = append(out, Match{Start: ts.List[i].Start, End: ts.List[last].End, FirstToken: i, LastToken: last,
			Kind: cands[best].p.Kind, Entry: cands[best].p.Entry})
		i = last + 1
	}
	return out
}

// patternLists reads pattern lists from spec: lists separated by ";",
// patterns by ",", each pattern's Entry its place in its list; patterns
// Check rejects are left out, as a caller would.
func patternLists(spec string) [][]Pattern {
	var lists [][]Pattern
	for l, list := range strings.Split(spec, ";") {
		if l == MaxLists {
			break
		}
		var patterns []Pattern
		for i, text := range strings.Split(list, ",") {
			if Check(text) == "" {
				patterns = append(patterns, Pattern{Text: text, Kind: Kind(l), Entry: i})
			}
		}
		lists = append(lists, patterns)
	}
	return lists
}

// TestScanBrute holds ScanLists to bruteScan on patterns that share
// words, beginnings and prefixes.
func TestScanBrute(t *testing.T) {
	tests := []struct{ spec, text string }{
		{"regime,regime change,regime*,regim*,r*,the regime,the regime change now", "The regime changed; the regime change now, regimes of the regime"},
		{"a b c,a b,b c d,a*,b c;b,c d", "a b c d a b c b c d"},
		{"mercenar*,mercenary,mercenary force,merc*,me*;merc*,mercenaries", "mercenary forces of mercenaries, merchant mercenary force"},
		{"so-called,so,called rebels;so-called rebels", "so-called rebels so called rebels"},
		{"ü*,über,Straße,strasse*", "Über die Straße strassen über"},
		{"", "nothing at all"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			if n := checkBrute(t, tt.spec, tt.text); n == 0 && tt.spec != "" {
				t.Error("no matches: the case tests nothing")
			}
		})
	}
}

// checkBrute fails unless ScanLists finds in text what bruteScan finds,
// for each list of spec (see patternLists), and returns the number of
// matches.
func checkBrute(t *testing.T, spec, text string) int {
	t.Helper()
	n := 0
	lists := patternLists(spec)
	var tz token.Tokenizer
	ts := tz.Tokenize(text)
	got := CompileLists(lists...).NewScanner().ScanLists(ts)
	for l, patterns := range lists {
		if want := bruteScan(patterns, ts); !slices.Equal(got[l], want) {
			t.Errorf("%q in %q, list %d:\n got %+v\nwant %+v", spec, text, l, got[l], want)
		}
		n += len(got[l])
	}
	return n
}

// FuzzScanBrute holds ScanLists to bruteScan on any patterns and text.
func FuzzScanBrute(f *testing.F) {
	f.Add("regime,regime change,regime*,the regime;regime*,r*", "the regime change of regimes")
	f.Add("a b c,a b,b c d,a*;b,c d", "a b c d a b c")
	f.Add("mercenar*,mercenary force,me*", "mercenary forces, merchant")
	f.Fuzz(func(t *testing.T, spec, text string) {
		if len(spec) > 400 || len(text) > 2000 {
			return // brute force is slow, and length finds nothing more
		}
		checkBrute(t, spec, text)
	})
}

// BenchmarkCompileLists compiles n made-up patterns of two or three words
// (some ending in a glob) in one list, and beside them three small lists,
// as compare score compiles a lexicon with the credibility word lists.
func BenchmarkCompileLists(b *testing.B) {
	small := [][]Pattern{
		{{Text: "said"}, {Text: "told"}, {Text: "according to"}},
		{{Text: "allegedly"}, {Text: "reportedly"}, {Text: "may"}},
		{{Text: "officials"}, {Text: "sources"}, {Text: "expert*"}},
	}
	for _, n := range []int{1000, 10000} {
		patterns := make([]Pattern, n)
		for i := range patterns {
			text := fmt.Sprintf("w%d x%d", i, i%97)
			switch i % 5 {
			case 1:
				text += fmt.Sprintf(" y%d", i%13)
			case 2:
				text += "*"
			}
			patterns[i] = Pattern{Text: text, Entry: i}
		}
		lists := append([][]Pattern{patterns}, small...)
		b.Run(fmt.Sprintf("patterns=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				CompileLists(lists...)
			}
		})
	}
}
