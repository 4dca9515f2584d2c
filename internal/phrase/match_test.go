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
