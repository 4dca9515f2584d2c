package token

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // "span=norm"
	}{
		{"plain", "The Syrian regime", []string{"The=the", "Syrian=syrian", "regime=regime"}},
		{"curly possessive plural", "mullahs’ regime", []string{"mullahs=mullahs", "regime=regime"}},
		{"straight possessive plural", "mullahs' regime", []string{"mullahs=mullahs", "regime=regime"}},
		{"possessive s", "Assad’s regime", []string{"Assad’s=assad", "regime=regime"}},
		{"possessive not plural", "regime's regimes", []string{"regime's=regime", "regimes=regimes"}},
		{"modifier apostrophe", "Khameneiʼs", []string{"Khameneiʼs=khamenei"}},
		{"inner apostrophe", "Shi’ite militiamen", []string{"Shi’ite=shi'ite", "militiamen=militiamen"}},
		{"hyphen", "pro-Assad forces", []string{"pro-Assad=pro-assad", "forces=forces"}},
		{"non-breaking hyphen", "pro‑Assad", []string{"pro‑Assad=pro-assad"}},
		{"en dash joins", "Tehran–Damascus axis", []string{"Tehran–Damascus=tehran-damascus", "axis=axis"}},
		{"em dash separates", "Syria — Russia", []string{"Syria=syria", "Russia=russia"}},
		{"dash at word end", "pro- and anti-Assad", []string{"pro=pro", "and=and", "anti-Assad=anti-assad"}},
		{"initials", "the U.S. said", []string{"the=the", "U.S=u.s", "said=said"}},
		{"numbers", "2,000 km and 2.5 million", []string{"2,000=2,000", "km=km", "and=and", "2.5=2.5", "million=million"}},
		{"sentence end", "killed. Then", []string{"killed=killed", "Then=then"}},
		{"quotes", "“martyrs of the shrine,”", []string{"martyrs=martyrs", "of=of", "the=the", "shrine=shrine"}},
		{"nfkc fullwidth", "ＩＲＧＣ", []string{"ＩＲＧＣ=irgc"}},
		{"case fold", "STRASSE Straße", []string{"STRASSE=strasse", "Straße=strasse"}},
		{"soft hyphen", "ter\u00adrorists", []string{"ter\u00adrorists=terrorists"}},
		{"arabic", "داعش", []string{"داعش=داعش"}},
		{"empty", "  … — ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tz Tokenizer
			ts := tz.Tokenize(tt.text)
			var got []string
			for i, tok := range ts.List {
				got = append(got, tt.text[tok.Start:tok.End]+"="+ts.NormString(i))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Tokenize(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestTokenizerReuse(t *testing.T) {
	var tz Tokenizer
	first := tz.Tokenize("Assad’s regime").NormString(0)
	ts := tz.Tokenize("Mullahs")
	if first != "assad" || ts.Len() != 1 || ts.NormString(0) != "mullahs" {
		t.Errorf("reuse: first %q, then %d tokens %q", first, ts.Len(), ts.NormString(0))
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Mullahs’ Regime":     "mullahs regime",
		"Leader of the  X":    "leader of the x",
		"al‑Assad's":          "al-assad",
		"ISIS":                "isis",
		"":                    "",
		"Hezbollah\tfighters": "hezbollah fighters",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzTokenize checks that tokens always slice the input, in order and
// without overlap, and that folding never panics.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"mullahs’ regime", "U.S.-led", "a\u00ad", "“x”", "\xff\xfe", "2,0.0", "ß'", "-'-", "REGIME'S `x`s Assad’s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var tz Tokenizer
		ts := tz.Tokenize(s)
		prev := 0
		for i, tok := range ts.List {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > len(s) {
				t.Fatalf("token %d [%d,%d) out of order or bounds in %q", i, tok.Start, tok.End, s)
			}
			if utf8.ValidString(s) && !utf8.ValidString(s[tok.Start:tok.End]) {
				t.Fatalf("token %d splits a rune: %q", i, s[tok.Start:tok.End])
			}
			// The hash computed while folding is the hash of the folded form.
			if norm := ts.Norm(i); tok.Hash != HashBytes(norm) {
				t.Fatalf("token %d %q: Hash %x, HashBytes(%q) %x", i, s[tok.Start:tok.End], tok.Hash, norm, HashBytes(norm))
			}
			prev = tok.End
		}
	})
}

func BenchmarkTokenize(b *testing.B) {
	text := strings.Repeat("Iran’s Supreme Leader Ayatollah Ali Khamenei said on Tuesday that the “resistance” would prevail, as pro-Assad forces advanced near Aleppo. ", 50)
	var tz Tokenizer
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		tz.Tokenize(text)
	}
}

// span is a Stretch for the tests.
type span struct{ start, end int }

func (s span) Bounds() (int, int) { return s.start, s.end }

func TestDrop(t *testing.T) {
	text := "Share\nThe regime said.\nAdvertisement\nIt went on."
	tests := []struct {
		name  string
		spans []span
		want  []string // kept tokens, "+" before one that follows dropped ones
	}{
		{"none", nil, []string{"Share", "The", "regime", "said", "Advertisement", "It", "went", "on"}},
		{"lines, in any order", []span{{23, 36}, {0, 5}}, []string{"+The", "regime", "said", "+It", "went", "on"}},
		{"a token starting inside a span goes", []span{{8, 12}}, []string{"Share", "The", "+said", "Advertisement", "It", "went", "on"}},
		{"a span without tokens marks nothing", []span{{5, 6}}, []string{"Share", "The", "regime", "said", "Advertisement", "It", "went", "on"}},
		{"overlapping spans", []span{{0, 40}, {6, 9}}, []string{"+went", "on"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tz Tokenizer
			ts := tz.Tokenize(text)
			Drop(ts, tt.spans)
			var got []string
			for _, tok := range ts.List {
				w := text[tok.Start:tok.End]
				if tok.AfterDropped {
					w = "+" + w
				}
				got = append(got, w)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Drop(%v)\n got %q\nwant %q", tt.spans, got, tt.want)
			}
		})
	}
}

func TestBreaks(t *testing.T) {
	tests := []struct {
		gap          string
		phrase, name bool
	}{
		{" ", false, false},
		{"’ ", false, false},
		{"-", false, false},
		{". ", true, true},
		{"; ", true, true},
		{": ", true, true},
		{"… ", true, true},
		{"\n", true, true},
		{", ", false, true},
		{" (", false, true},
		{"” ", false, true},
		{" «", false, true},
	}
	for _, tt := range tests {
		if got := BreaksPhrase(tt.gap); got != tt.phrase {
			t.Errorf("BreaksPhrase(%q) = %t, want %t", tt.gap, got, tt.phrase)
		}
		if got := BreaksName(tt.gap); got != tt.name {
			t.Errorf("BreaksName(%q) = %t, want %t", tt.gap, got, tt.name)
		}
	}
}

func TestSentenceBreak(t *testing.T) {
	tests := []struct {
		name, text string
		want       []int // tokens that start a sentence
	}{
		{"full stop then capital", "It fell. Then it rose.", []int{0, 2}},
		{"full stop then lower case", "It fell. then it rose.", []int{0}},
		{"question and ellipsis", "Why? Nobody knew… Later, calm.", []int{0, 1, 3}},
		{"abbreviation", "Gen. Freij said so.", []int{0}},
		{"initials", "The U.S. Army left.", []int{0}},
		{"single capital", "George W. Bush spoke.", []int{0}},
		{"not an abbreviation", "He saw Jan. Then he left.", []int{0}}, // "jan" is a month
		{"plain word before a full stop", "He saw Iran. Then he left.", []int{0, 3}},
		{"blank line", "a heading\n\nthe text", []int{0, 2}},
		{"hard-wrapped line", "the regime and\nits allies", []int{0}},
		{"line break before a capital", "the regime\nIts allies", []int{0, 2}},
		{"line break after a colon", "they said:\nthe end", []int{0, 2}},
		{"Arabic article", "It fell. al-Assad spoke.", []int{0, 2}},
		{"comma", "Assad, the president", []int{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tz Tokenizer
			ts := tz.Tokenize(tt.text)
			var got []int
			for i := range ts.List {
				if ts.SentenceBreak(i) {
					got = append(got, i)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("sentences start at tokens %v, want %v", got, tt.want)
			}
		})
	}
}

func TestStartsLower(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"regime", true},
		{"Regime", false},
		{"2,000", false},
		{"élan", true},
		{"Élan", false},
		{"al-Assad", false},
		{"al‑Golani", false}, // non-breaking hyphen
		{"al–Assad", false},  // en dash
		{"ash-Sham", false},
		{"pro-Assad", false},
		{"anti-war", true},
		{"counter-Terror", true}, // the hyphen is too far in for an article
		{"al-", true},
	}
	for _, tt := range tests {
		if got := StartsLower(tt.word); got != tt.want {
			t.Errorf("StartsLower(%q) = %t, want %t", tt.word, got, tt.want)
		}
	}
}

func TestPossessive(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"Assad’s", true},
		{"regime's", true},
		{"Khameneiʼs", true},
		{"Sanders‘s", true},
		{"regimes", false},
		{"’s", false},
		{"as", false},
		{"Shi’ite", false},
	}
	for _, tt := range tests {
		if got := Possessive(tt.word); got != tt.want {
			t.Errorf("Possessive(%q) = %t, want %t", tt.word, got, tt.want)
		}
	}
}

// FuzzPlainWords checks that the plain-word path (appendPlainWord) gives
// the tokens, folded forms and hashes the general path gives.
func FuzzPlainWords(f *testing.F) {
	for _, s := range []string{"Iran said, on Tuesday. U.S.-led", "don't 2,000 2.5 x. y, -z", "a.", "a,", "end'", "ab’s café", "ISIS\tfighters\n\nSAID", "x-", "Q.E.D. a.b", "mullahs' regime’s", "\xffab\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var fast, general Tokenizer
		general.general = true
		a, b := fast.Tokenize(s), general.Tokenize(s)
		if a.Len() != b.Len() {
			t.Fatalf("%q: %d tokens, the general path %d", s, a.Len(), b.Len())
		}
		for i := range a.List {
			x, y := a.List[i], b.List[i]
			if x.Start != y.Start || x.End != y.End || x.Hash != y.Hash || x.Head != y.Head || string(a.Norm(i)) != string(b.Norm(i)) {
				t.Fatalf("%q token %d: %+v %q, the general path %+v %q", s, i, x, a.Norm(i), y, b.Norm(i))
			}
		}
	})
}
