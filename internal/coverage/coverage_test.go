package coverage

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/golden"
	"github.com/compare-tool/compare/internal/lexicon"
)

func smallMatcher(t *testing.T) *lexicon.Matcher {
	t.Helper()
	lex, err := lexicon.Load("../lexicon/testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return lexicon.Compile(lex)
}

func TestCoverage(t *testing.T) {
	cov := New(smallMatcher(t))
	articles := []string{
		// Sentence-initial words do not count alone; "The" before a name is
		// dropped; "of the" may join a name; matched terms are not phrases.
		"The Assad regime met the Revolutionary Guards. Revolutionary Guards commanders spoke to the Bank of England on Monday.",
		"Officials said the Revolutionary Guards and Hezbollah fought. “Hezbollah fighters” came. The Free Syrian Army and the rebels left.",
		"Page furniture: Share This Story. The Revolutionary Guards stayed.",
	}
	for i, text := range articles {
		a := &corpus.Article{Text: text}
		if i == 2 {
			a.Dropped = []corpus.Span{{Start: 0, End: strings.Index(text, " The")}}
		}
		cov.Add(a)
	}
	rep := cov.Result(10, 1)

	got := map[string][2]int{}
	var order []string
	for _, p := range rep.Phrases {
		got[p.Phrase] = [2]int{p.Count, p.Articles}
		order = append(order, p.Phrase)
	}
	want := map[string][2]int{
		"Revolutionary Guards": {4, 3}, // twice in the first article, once after dropped text
		"Bank of England":      {1, 1},
		"Hezbollah":            {1, 1}, // not after the opening quote: “Hezbollah fighters” starts a quotation
		"Free Syrian Army":     {1, 1},
	}
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%q: got %v, want %v (phrases %q)", p, got[p], w, order)
		}
	}
	for _, banned := range []string{"The Assad", "Assad", "Officials", "Page", "Share This Story", "Monday", "The Free Syrian Army", "Revolutionary Guards commanders"} {
		if _, ok := got[banned]; ok {
			t.Errorf("%q should not be listed (phrases %q)", banned, order)
		}
	}
	if order[0] != "Revolutionary Guards" {
		t.Errorf("most frequent phrase %q, want Revolutionary Guards", order[0])
	}

	var unmatched []string
	for _, e := range rep.Unmatched {
		unmatched = append(unmatched, e.ID)
	}
	wantUnmatched := []string{"mullahs-regime", "regime", "islamic-revolution", "leader", "mercenaries", "martyrs", "terrorists", "takfiri"}
	if !slices.Equal(unmatched, wantUnmatched) {
		t.Errorf("unmatched entries %q, want %q", unmatched, wantUnmatched)
	}
	if rep.Unmatched[0].Line != 19 {
		t.Errorf("mullahs-regime at line %d, want 19", rep.Unmatched[0].Line)
	}
	shares := map[string]TargetCoverage{}
	for _, tc := range rep.Targets {
		shares[tc.ID] = tc
	}
	if tc := shares["syria-gov"]; tc.Named != 1 || tc.Unnamed != 2 || tc.References != 1 {
		t.Errorf("syria-gov: %+v", tc)
	}
	if tc := shares["iran-gov"]; tc.Named != 0 || tc.Share != 1 {
		t.Errorf("iran-gov: %+v", tc)
	}
	if tc := shares["opposition"]; tc.Named != 1 || tc.Unnamed != 2 {
		t.Errorf("opposition: %+v", tc)
	}

	var out bytes.Buffer
	if err := Write(&out, rep, "text"); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/golden/coverage.txt", out.String())
	out.Reset()
	if err := Write(&out, rep, "json"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"phrase": "Revolutionary Guards"`) {
		t.Errorf("json lacks the top phrase:\n%s", out.String())
	}
}
