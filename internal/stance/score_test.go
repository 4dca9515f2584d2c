package stance

import (
	"math"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

func smallScorer(t testing.TB) *Scorer {
	t.Helper()
	lex, err := lexicon.LoadFile("../lexicon/testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return NewScorer(lexicon.Compile(lex))
}

func TestQuoteSpans(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"curly", `He said “the martyrs” today.`, []string{"“the martyrs”"}},
		{"straight", `He said "the martyrs" today.`, []string{`"the martyrs"`}},
		{"apostrophe is not a quote", `the mullahs’ regime's "x y"`, []string{`"x y"`}},
		{"guillemets", `il a dit «les martyrs» hier`, []string{"«les martyrs»"}},
		{"two quotes", `“a,” he said. “b.”`, []string{"“a,”", "“b.”"}},
		{"over paragraphs", "“First part.\n\n“Second part,” he said. Then rebels.", []string{"“First part.\n\n“Second part,”"}},
		{"straight over paragraphs", "\"First part.\n\n\"Second part,\" he said.", []string{"\"First part.\n\n\"Second part,\""}},
		{"stray opening mark ends with paragraph", "“Unclosed at the end.\n\nNext paragraph by the author.", []string{"“Unclosed at the end."}},
		{"hard wrapped", "He said “the fight\nagainst terrorism” today.", []string{"“the fight\nagainst terrorism”"}},
		{"unclosed at end of text", `He said “never closed`, []string{"“never closed"}},
		{"mixed straight close", `He said “mixed" here`, []string{"“mixed\""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, q := range quoteSpans(tt.text) {
				got = append(got, tt.text[q[0]:q[1]])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("quoteSpans(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestVoice(t *testing.T) {
	s := smallScorer(t)
	tests := []struct {
		name, text string
		want       []string // "text:voice"
	}{
		{"author", "The mullahs’ regime fell.", []string{"mullahs’ regime:author"}},
		{"quote", `“The martyrs will be honoured,” the minister said.`, []string{"martyrs:quote"}},
		{"quote over paragraphs", "“We fight terrorists.\n\n“We honour the martyrs,” he said. The regime lies.",
			[]string{"terrorists:quote", "martyrs:quote", "regime:author"}},
		{"scare quotes", `Tehran calls them “martyrs” and sends mercenaries.`, []string{"martyrs:distanced", "mercenaries:author"}},
		{"so-called", `the so-called rebels advanced`, []string{"rebels:distanced"}},
		{"calls those", "it calls those killed there martyrs for the shrine", []string{"martyrs:distanced"}},
		{"cue stops at sentence end", "It calls them so. The rebels advanced.", []string{"rebels:author"}},
		{"cue window", "what it calls a long list of many odd words before rebels", []string{"rebels:author"}},
		// The cue reaches as far as a phrase goes (token.BreaksPhrase):
		// any full stop ends it, even an abbreviation's, as in "the
		// alleged affairs with Mr. Trump".
		{"cue stops at a colon", "what it calls: rebels", []string{"rebels:author"}},
		{"cue stops at any full stop", "the so-called U.S. rebels", []string{"rebels:author"}},
		// Reported speech: what an attribution says someone said, without
		// quotation marks; its source is the outlet's own wording.
		{"said that", "Khamenei said that the terrorists had failed.", []string{"terrorists:reported"}},
		{"source keeps the author's voice", "The mullahs' regime said the rebels had fled.", []string{"mullahs' regime:author", "rebels:reported"}},
		{"attribution at the end", "Terrorists shelled the town, a military source said.", []string{"Terrorists:reported"}},
		{"according to", "According to the agency, the rebels withdrew. The regime lies.", []string{"rebels:reported", "regime:author"}},
		{"intro phrase stays the author's", "In a speech to the rebels, the minister stressed that mercenaries were paid.", []string{"rebels:author", "mercenaries:reported"}},
		{"quote inside reported speech", `He said the "martyrs" were mercenaries.`, []string{"martyrs:distanced", "mercenaries:reported"}},
		{"cue inside reported speech", "He said the so-called rebels fled.", []string{"rebels:distanced"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := s.Score(&corpus.Article{ID: "x", Text: tt.text})
			var got []string
			for _, m := range rec.Matches {
				got = append(got, m.Text+":"+string(m.Voice))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("voices in %q\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestReportedFallback: reported speech counts toward the stance only on
// an axis where the article has no match in its own voice, and is counted
// apart in any case.
func TestReportedFallback(t *testing.T) {
	s := smallScorer(t)
	tests := []struct {
		name         string
		text         string
		score        float64
		n, reportedN int
		fromReported bool
	}{
		// Takfiri leans +1; mullahs' regime contributes -1.
		{"author only", "The mullahs' regime lost.", -1, 1, 0, false},
		{"reported only: the fallback", "The minister said that Takfiri fighters fled.", 1, 1, 1, true},
		{"both: the author's voice wins", "The mullahs' regime said that Takfiri fighters fled.", -1, 1, 1, false},
		{"neither", "The minister spoke.", 0, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := s.Score(&corpus.Article{ID: "x", Text: tt.text})
			as := rec.Stance["td"]
			if as.Score != tt.score || as.N != tt.n || as.ReportedN != tt.reportedN || as.FromReported != tt.fromReported {
				t.Errorf("stance %+v; want score %v, n %d, reported n %d, from reported %v", as, tt.score, tt.n, tt.reportedN, tt.fromReported)
			}
			if tt.reportedN > 0 && (as.ReportedScore != 1 || rec.LoadedByVoice[record.Reported] != tt.reportedN) {
				t.Errorf("reported score %v, loaded by voice %v", as.ReportedScore, rec.LoadedByVoice)
			}
		})
	}
}

// TestReportedSameWithCredibility: the reported voice does not depend on
// whether credibility signals are computed.
func TestReportedSameWithCredibility(t *testing.T) {
	text := "Terrorists shelled the town, a military source said. According to SANA, the rebels withdrew, and the regime said that mercenaries fled."
	without := smallScorer(t).Score(&corpus.Article{ID: "x", Text: text})
	s := smallScorer(t)
	s.SetCredibility(credibility.DefaultAnalyzer())
	with := s.Score(&corpus.Article{ID: "x", Text: text})
	if with.Credibility == nil || len(with.Matches) != len(without.Matches) {
		t.Fatalf("%d and %d matches, credibility %v", len(with.Matches), len(without.Matches), with.Credibility != nil)
	}
	for i := range with.Matches {
		if with.Matches[i].Voice != without.Matches[i].Voice {
			t.Errorf("%q: %s with credibility signals, %s without", with.Matches[i].Text, with.Matches[i].Voice, without.Matches[i].Voice)
		}
	}
}

func TestScoreFormulas(t *testing.T) {
	s := smallScorer(t)
	// author: mullahs' regime (iran-gov -1 → td -1), rebels (opposition 0 → td 0),
	// Takfiri (lean td +1), mercenaries (forces -0.8 → td -0.8);
	// quote: terrorists (opposition -1 → td +1); distanced: martyrs.
	text := "The mullahs’ regime sent mercenaries against the rebels and Takfiri fighters. " +
		"“They are terrorists,” an official said. Tehran calls them “martyrs”.\nShare\n"
	drop := strings.Index(text, "Share")
	rec := s.Score(&corpus.Article{ID: "f", Outlet: "o", Text: text,
		Dropped: []corpus.Span{{Start: drop, End: drop + len("Share"), Reason: "debris"}}})

	td := rec.Stance["td"]
	if td.N != 4 || !near(td.Score, (-1+0+1-0.8)/4) {
		t.Errorf("td = %+v, want n=4 score=%v", td, (-1+0+1-0.8)/4)
	}
	if td.QuoteN != 1 || !near(td.QuoteScore, 1) || td.DistancedN != 1 {
		t.Errorf("td quote/distanced = %+v", td)
	}
	if rec.Tokens != 21 {
		t.Errorf("tokens = %d, want 21 (Share dropped)", rec.Tokens)
	}
	if rec.Loaded != 5 || rec.LoadedByVoice[record.Author] != 3 || rec.LoadedByVoice[record.Quote] != 1 || rec.LoadedByVoice[record.Distanced] != 1 {
		t.Errorf("loaded = %d %v", rec.Loaded, rec.LoadedByVoice)
	}
	if !near(rec.LoadedPer1k, 1000*5.0/21) {
		t.Errorf("loaded_per_1k = %v", rec.LoadedPer1k)
	}
	opp := rec.Targets["opposition"]
	// rebels (0) and Takfiri (-0.8) in the author's voice; terrorists quoted.
	if opp.References != 3 || opp.Author != 2 || opp.Loaded != 1 || opp.Framing == nil || !near(*opp.Framing, -0.4) ||
		opp.QuoteFraming == nil || !near(*opp.QuoteFraming, -1) {
		t.Errorf("opposition = %+v", opp)
	}
	if f := rec.Targets["syria-gov"]; f.Framing != nil || f.References != 0 {
		t.Errorf("unnamed target = %+v, want nil framing", f)
	}
	for _, m := range rec.Matches {
		if text[m.Start:m.End] != m.Text {
			t.Errorf("match %q does not slice the text", m.Text)
		}
	}
	if m := rec.Matches[0]; m.Line != 1 || m.Col != 5 {
		t.Errorf("first match at %d:%d, want 1:5", m.Line, m.Col)
	}
}

func TestNoEvidence(t *testing.T) {
	rec := smallScorer(t).Score(&corpus.Article{ID: "e", Text: "Nothing to see here."})
	if td := rec.Stance["td"]; td.N != 0 || td.Score != 0 {
		t.Errorf("no matches: %+v", td)
	}
	if rec.Matches == nil {
		t.Error("Matches is nil; want an empty list so JSON says []")
	}
}

// FuzzScore checks that every match slices the article text and that
// scores stay in range, whatever the text.
func FuzzScore(f *testing.F) {
	s := smallScorer(f)
	for _, seed := range []string{"“the mullahs’ regime”\n\n“x", "so-called \"rebels\" regime", "\xff“", "”terrorists“"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		rec := s.Score(&corpus.Article{Text: text})
		for _, m := range rec.Matches {
			if m.Start < 0 || m.End > len(text) || text[m.Start:m.End] != m.Text {
				t.Fatalf("match %+v does not slice %q", m, text)
			}
		}
		for id, a := range rec.Stance {
			if a.Score < -1 || a.Score > 1 || math.IsNaN(a.Score) {
				t.Fatalf("stance %s = %v", id, a.Score)
			}
		}
	})
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

// TestLoadedRule checks the claim record.IsLoaded's comment makes: on a
// checked lexicon, an entry's contributions are loaded exactly when its
// valence and leans are, so records say by themselves which matches are
// loaded. It also checks that every match owns its Contrib map.
func TestLoadedRule(t *testing.T) {
	for _, name := range lexicon.Builtin() {
		t.Run(name, func(t *testing.T) {
			lex, err := lexicon.Load(name)
			if err != nil {
				t.Fatal(err)
			}
			s := NewScorer(lexicon.Compile(lex))
			for i, e := range lex.Entries {
				if got, want := record.IsLoaded(e.Valence, s.md.contrib[i]), record.IsLoaded(e.Valence, e.Lean); got != want {
					t.Errorf("entry %q: loaded by its contributions %v, by its valence and leans %v", e.ID, got, want)
				}
			}
		})
	}
	s := smallScorer(t)
	rec := s.Score(&corpus.Article{ID: "x", Text: "The regime and the regime and the so-called regime."})
	if len(rec.Matches) < 2 || len(rec.Matches[0].Contrib) == 0 {
		t.Fatalf("want two matches with contributions, got %+v", rec.Matches)
	}
	for axis := range rec.Matches[0].Contrib {
		rec.Matches[0].Contrib[axis] = 42
	}
	again := s.Score(&corpus.Article{ID: "y", Text: "The regime."})
	for _, m := range append(rec.Matches[1:], again.Matches...) {
		for axis, c := range m.Contrib {
			if c == 42 {
				t.Errorf("changing one match's contribution to %s changed another's", axis)
			}
		}
	}
	for _, m := range rec.Matches {
		if m.Loaded != record.IsLoaded(m.Valence, m.Contrib) {
			t.Errorf("match %q: Loaded %v", m.Text, m.Loaded)
		}
	}
}
