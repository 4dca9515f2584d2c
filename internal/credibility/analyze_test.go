package credibility

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/corpus"
)

func readFile(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// curlyQuotes finds “…” pairs: enough for hand-written test sentences.
// Production callers pass the quotations stance finds.
func curlyQuotes(text string) []corpus.Span {
	var out []corpus.Span
	for i := 0; ; {
		o := strings.Index(text[i:], "“")
		if o < 0 {
			return out
		}
		o += i
		c := strings.Index(text[o:], "”")
		if c < 0 {
			return out
		}
		c += o + len("”")
		out = append(out, corpus.Span{Start: o, End: c})
		i = c
	}
}

var defaultAnalyzer = func() func(t testing.TB) *Analyzer {
	var an *Analyzer
	return func(t testing.TB) *Analyzer {
		if an == nil {
			an = Compile(mustLoad(t, Default))
		}
		return an
	}
}()

func analyze(t testing.TB, text string) *Signals {
	t.Helper()
	sig := defaultAnalyzer(t).NewScanner().Analyze(&corpus.Article{Text: text}, curlyQuotes(text))
	checkSpans(t, text, sig)
	checkCounts(t, sig)
	return sig
}

// describe renders an attribution as "verb ← source (kind)".
func describe(at Attribution) string {
	s := at.Text + " ←"
	if at.Source == nil {
		s += " none"
	} else {
		s += fmt.Sprintf(" %s (%s", at.Source.Text, at.Source.Kind)
		if at.Source.Registry != "" {
			s += " " + at.Source.Registry + "/" + at.Source.Side
		}
		if at.Source.Resolved != "" {
			s += " by " + at.Source.Resolved + " from " + at.Source.Via.Text
		}
		s += ")"
	}
	if at.Loaded {
		s += " loaded"
	}
	if at.Passive {
		s += " passive"
	}
	if !at.Identified {
		s += " unidentified"
	}
	return s
}

// TestAttributions: each sentence's attributions and their sources.
func TestAttributions(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"registry subject", "Reuters said on Monday that the convoy had left.",
			[]string{"said ← Reuters (registry Reuters/wire)"}},
		{"according to", "The strike killed nine people, according to the Syrian Observatory for Human Rights.",
			[]string{"according to ← Syrian Observatory for Human Rights (registry Syrian Observatory for Human Rights/monitor)"}},
		{"report by", "According to a report by Tasnim News Agency, the talks failed.",
			[]string{"According to ← Tasnim News Agency (registry Tasnim News Agency/iranian-state)"}},
		{"named with title", "Foreign Minister Javad Zarif told reporters the deal was fair.",
			[]string{"told ← Foreign Minister Javad Zarif (named)"}},
		{"unnamed plural", "Officials said the border would stay closed.",
			[]string{"said ← Officials (unnamed) unidentified"}},
		{"unnamed close to", "A source close to the ministry said the talks had stalled.",
			[]string{"said ← A source close to the ministry (unnamed) unidentified"}},
		{"unnamed with registry", "Sources at IRNA said the minister would resign.",
			[]string{"said ← Sources at IRNA (unnamed IRNA/iranian-state) unidentified"}},
		{"loaded verb", "The ministry claimed that no civilians were hurt.",
			[]string{"claimed ← The ministry (description) loaded"}},
		{"passive", "It was reported that the bridge had collapsed.",
			[]string{"reported ← none passive unidentified"}},
		{"passive with agent", "The strike was reported by Anadolu on Sunday.",
			[]string{"reported ← Anadolu (registry Anadolu Agency/turkish-state) passive"}},
		{"inverted after quote", "“We will not retreat,” said Hassan Nasrallah, the group’s leader.",
			[]string{"said ← Hassan Nasrallah (named)"}},
		{"apposition prefers the name", "Maryam Rajavi, the leader of the opposition council, said the regime would fall.",
			[]string{"said ← Maryam Rajavi (named)"}},
		{"apposition after a description", "A local activist, Omar Haddad, told the newspaper that shelling continued.",
			[]string{"told ← Omar Haddad (named)"}},
		{"parenthetical apposition", "Syrian officials, speaking on condition of anonymity, said the road was cut.",
			[]string{"said ← Syrian officials (unnamed) unidentified"}},
		{"pronoun", "Dr. Leila Karimi toured the hospital. She said supplies were running out.",
			[]string{"said ← Dr. Leila Karimi (named by pronoun from She)"}},
		{"pronoun after a speaker", "Kamal Nasser said the town was quiet. He added that shops had reopened.",
			[]string{"said ← Kamal Nasser (named)", "added ← Kamal Nasser (named by pronoun from He)"}},
		{"unresolved pronoun", "They said the shelling had stopped.",
			[]string{"said ← They (pronoun) unidentified"}},
		{"elided subject", "Kamal Nasser visited the camp and said conditions were poor.",
			[]string{"said ← Kamal Nasser (named by subject from said)"}},
		{"anaphor", "SANA reported that the minister arrived. The agency added that talks would follow.",
			[]string{"reported ← SANA (registry SANA/syrian-state)", "added ← SANA (registry SANA/syrian-state by anaphor from The agency)"}},
		{"named for an organisation", "IRGC spokesman Ramezan Sharif said the drills would continue.",
			[]string{"said ← Ramezan Sharif (named IRGC/iranian-state)"}},
		{"quoted as saying", "Velayati was quoted as saying that Syria is a red line.",
			[]string{"quoted as saying ← Velayati (named)"}},
		{"adverb between", "Reuters has also reported that the port was shut.",
			[]string{"reported ← Reuters (registry Reuters/wire)"}},
		{"adjective is no attribution", "The alleged attack and the reported casualties were denied.", nil},
		{"possessive noun is no attribution", "Iran’s claims were dismissed.", nil},
		{"possessive with a modifier apostrophe", "Khameneiʼs claims were dismissed.", nil},
		{"infinitive is no attribution", "The spokesman declined to say more.", nil},
		{"except phrase", "That said, the market reopened. The blast claimed the lives of four men.", nil},
		{"quoted attribution is the speaker's", "“Our sources said it was over,” the commander told reporters.",
			[]string{"told ← the commander (description)"}},
		{"name mid-sentence", "On May 3, Said Hamdan met the envoy.", nil},
		// The apostrophes and hyphens are token's (token.IsApostrophe,
		// token.IsHyphen), as when matching.
		{"left quote as an apostrophe", "Two Democrats with knowledge of Sanders‘ plans told reporters the talks went on.",
			[]string{"told ← Two Democrats (named)"}},
		{"left quote after a space opens a quotation", "The FBI ‘Flash’ alert noted that the attack was planned.",
			[]string{"noted ← Flash’ alert (description)"}},
		{"Arabic article with a non-breaking hyphen", "Abu Mohammad al‑Golani told the channel the offensive would go on.",
			[]string{"told ← Abu Mohammad al‑Golani (named)"}},
		{"Arabic article with an en dash", "President al–Assad said the war was over.",
			[]string{"said ← President al–Assad (named)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sig := analyze(t, tc.text)
			var got []string
			for _, at := range sig.Attributions {
				got = append(got, describe(at))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("text: %s\n got: %q\nwant: %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestVagueSources: phrases attributing to no one, the gap pattern among
// them, and the sourcing arithmetic.
func TestVagueSources(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		vague      []string
		claims     int
		unsourced  int
	}{
		{"gap pattern", "Secret intelligence from inside the Iranian regime indicate that morale is low.",
			[]string{"Secret intelligence from inside the Iranian regime indicate"}, 1, 1},
		{"gap too long", "Intelligence gathered over many months by several different agencies in the region and abroad indicates otherwise.",
			nil, 0, 0},
		{"gap stops at sentence end", "Intelligence was scarce. Reports indicate otherwise.",
			[]string{"Reports indicate"}, 1, 1},
		{"it is believed", "It is believed that the commander was killed.",
			[]string{"It is believed"}, 1, 1},
		{"reportedly", "Iran reportedly sent advisers.", []string{"reportedly"}, 1, 1},
		{"there are indications", "There are indications that some fighters fled.", []string{"There are indications"}, 1, 1},
		{"unnamed attribution", "Security sources said two officers died.", []string{"Security sources said"}, 1, 1},
		{"overlapping passive is one claim", "It is said that the road is open.", []string{"It is said"}, 1, 1},
		{"sourced", "Reuters said the road is open. It is believed that it will stay open.", []string{"It is believed"}, 2, 1},
		{"inside a quotation", "“It is believed they fled,” the mayor said.", nil, 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sig := analyze(t, tc.text)
			var got []string
			for _, v := range sig.VagueSources {
				got = append(got, v.Text)
			}
			if strings.Join(got, "|") != strings.Join(tc.vague, "|") {
				t.Errorf("vague %q, want %q", got, tc.vague)
			}
			so := sig.Sourcing
			if so.Claims != tc.claims || so.Unsourced != tc.unsourced || len(so.UnsourcedSpans) != tc.unsourced {
				t.Errorf("claims %d unsourced %d (%d spans), want %d and %d", so.Claims, so.Unsourced, len(so.UnsourcedSpans), tc.claims, tc.unsourced)
			}
			switch {
			case tc.claims == 0 && so.UnsourcedShare != nil:
				t.Errorf("unsourced_share = %v with no claims, want null", *so.UnsourcedShare)
			case tc.claims > 0 && (so.UnsourcedShare == nil || math.Abs(*so.UnsourcedShare-float64(tc.unsourced)/float64(tc.claims)) > 1e-12):
				t.Errorf("unsourced_share = %v, want %d/%d", so.UnsourcedShare, tc.unsourced, tc.claims)
			}
		})
	}
}

// TestCitations: roles, side balance and self-citation.
func TestCitations(t *testing.T) {
	text := "TEHRAN (Reuters) - IRNA said the talks would resume. A farmer told Reuters the crops failed.\n" +
		"The Revolutionary Guards (IRGC) were not mentioned as a source. Al Jazeera aired the footage.\n" +
		"Source: ARA News"
	an := defaultAnalyzer(t)
	sig := an.NewScanner().Analyze(&corpus.Article{Text: text, Outlet: "www.aranews.net"}, nil)
	checkSpans(t, text, sig)
	var got []string
	for _, c := range sig.Cited {
		var roles []string
		for _, sp := range c.Spans {
			roles = append(roles, sp.Role)
		}
		self := ""
		if c.Self {
			self = " self"
		}
		got = append(got, fmt.Sprintf("%s %s %d%s %s", c.Name, c.Side, c.Citations, self, strings.Join(roles, ",")))
	}
	want := []string{
		"Reuters wire 2 credit,via",
		"IRNA iranian-state 1 source",
		"IRGC iranian-state 0 mention,mention",
		"Al Jazeera gulf-state 0 mention",
		"ARA News kurdish 1 self credit",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("cited:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if sig.Sides["wire"] != 2 || sig.Sides["iranian-state"] != 1 || sig.Sides["kurdish"] != 0 || sig.Sides["gulf-state"] != 0 {
		t.Errorf("sides = %v", sig.Sides)
	}
	if len(sig.Sides) != len(an.Rules.Sides) {
		t.Errorf("sides has %d keys, want every side (%d)", len(sig.Sides), len(an.Rules.Sides))
	}

	// A spokesman speaks for his organisation; an organisation "it" refers
	// back to is cited again.
	text = "IRGC spokesman Ramezan Sharif said the drills would continue. Tasnim published the statement. It said more would follow."
	sig = analyze(t, text)
	if sig.Sides["iranian-state"] != 2 || len(sig.Cited) != 2 || sig.Cited[0].Spans[0].Role != RoleSource || sig.Cited[1].Spans[1].Text != "It" {
		t.Errorf("sides %v cited %+v", sig.Sides["iranian-state"], sig.Cited)
	}
}

// TestQuotes: direct quotations, scare quotes, share of text and speakers.
func TestQuotes(t *testing.T) {
	text := "“The siege must end now,” said Hana Aziz, a doctor in the town. “We have no fuel left.”\n" +
		"Officials called them “foreign fighters” in a statement.\n" +
		"The governor said: “Aid will arrive tomorrow, we are sure.”"
	sig := analyze(t, text)
	q := sig.Quotes
	if q.Count != 3 || q.Scare != 1 {
		t.Fatalf("count %d scare %d, want 3 and 1", q.Count, q.Scare)
	}
	var got []string
	for _, qt := range q.Quotations {
		sp := "-"
		if qt.Speaker != nil {
			sp = qt.Speaker.Text
		}
		got = append(got, fmt.Sprintf("%d %v %s %s", qt.Words, qt.Scare, sp, qt.By))
	}
	want := []string{"5 false Hana Aziz after", "5 false Hana Aziz continuation", "2 true - ", "7 false The governor before"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("quotations %q, want %q", got, want)
	}
	if q.Words != 17 {
		t.Errorf("words %d, want 17", q.Words)
	}
	tokens := len(strings.FieldsFunc(text, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }))
	if want := float64(17) / float64(tokens); math.Abs(q.ShareOfText-want) > 1e-12 {
		t.Errorf("share %v, want 17/%d", q.ShareOfText, tokens)
	}
	if len(q.Speakers) != 2 || q.Speakers[0].Name != "Hana Aziz" || q.Speakers[0].Quotations != 2 || !q.Speakers[0].Named || q.Speakers[1].Named {
		t.Errorf("speakers %+v", q.Speakers)
	}
}

// TestMarkers: hedges, certainty markers and intensifiers, with the author
// count leaving out quotations and lower-case terms skipping names.
func TestMarkers(t *testing.T) {
	text := "The brutal siege may last. Clearly, the massacres were planned. " +
		"“It was a massacre,” he said. In fact the town might fall. On May 4, Will Brutal arrived."
	sig := analyze(t, text)
	for _, tc := range []struct {
		name          string
		m             Markers
		count, author int
		terms         string
	}{
		{"hedges", sig.Hedges, 2, 2, "may|might"},
		{"certainty", sig.Certainty, 2, 2, "Clearly|In fact"},
		{"intensifiers", sig.Intensifiers, 3, 2, "brutal|massacres|massacre"},
	} {
		var texts []string
		for _, s := range tc.m.Spans {
			texts = append(texts, s.Text)
		}
		if tc.m.Count != tc.count || tc.m.Author != tc.author || strings.Join(texts, "|") != tc.terms {
			t.Errorf("%s: count %d author %d %q, want %d %d %q", tc.name, tc.m.Count, tc.m.Author, texts, tc.count, tc.author, tc.terms)
		}
	}
}

// TestDebris: the article's dropped spans are counted with their reasons,
// and nothing inside them is analysed.
func TestDebris(t *testing.T) {
	text := "Share\nOfficials said the road was shut.\nAdvertisement\nReportedly brutal."
	a := &corpus.Article{Text: text, Dropped: []corpus.Span{
		{Start: strings.Index(text, "Advertisement"), End: strings.Index(text, "Advertisement") + len("Advertisement"), Reason: "debris: advertisement"},
		{Start: 0, End: 5, Reason: "debris: share button"},
		{Start: strings.Index(text, "Reportedly"), End: len(text)},
	}}
	sig := defaultAnalyzer(t).NewScanner().Analyze(a, nil)
	checkSpans(t, text, sig)
	d := sig.Debris
	if d.Count != 3 || d.Reasons["debris: share button"] != 1 || d.Reasons["debris: advertisement"] != 1 || d.Reasons["debris"] != 1 {
		t.Errorf("debris %+v", d)
	}
	if d.Spans[0].Text != "Share" || d.Spans[1].Text != "Advertisement" {
		t.Errorf("spans not in text order: %+v", d.Spans)
	}
	if len(sig.VagueSources) != 1 || sig.Intensifiers.Count != 0 {
		t.Errorf("dropped text was analysed: vague %v, intensifiers %d", sig.VagueSources, sig.Intensifiers.Count)
	}
}

// TestEmpty: an empty article has empty, not null, lists and no shares.
func TestEmpty(t *testing.T) {
	sig := analyze(t, "")
	b, err := json.Marshal(sig)
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{`"attributions":[]`, `"vague_sources":[]`, `"unsourced_share":null`, `"cited":[]`, `"quotations":[]`, `"spans":[]`} {
		if !strings.Contains(string(b), field) {
			t.Errorf("JSON lacks %s: %s", field, b)
		}
	}
	if sig.Quotes.ShareOfText != 0 {
		t.Errorf("share of an empty text = %v", sig.Quotes.ShareOfText)
	}
}

// TestDeterministic: the same article gives byte-identical JSON on a
// fresh and on a reused scanner.
func TestDeterministic(t *testing.T) {
	text := readFile(t, "testdata/small.yaml") + "\nReuters said IRNA reported it. “Quote here, now,” he said."
	an := defaultAnalyzer(t)
	sc := an.NewScanner()
	a := &corpus.Article{Text: text}
	first, _ := json.Marshal(sc.Analyze(a, curlyQuotes(text)))
	sc.Analyze(&corpus.Article{Text: "Something else entirely, officials said."}, nil)
	second, _ := json.Marshal(sc.Analyze(a, curlyQuotes(text)))
	third, _ := json.Marshal(an.NewScanner().Analyze(a, curlyQuotes(text)))
	if string(first) != string(second) || string(first) != string(third) {
		t.Error("signals differ between runs")
	}
}

// TestNilArticlePanics: misuse panics with the package prefix.
func TestNilArticlePanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.HasPrefix(fmt.Sprint(r), "credibility: ") {
			t.Errorf("recover() = %v", r)
		}
	}()
	defaultAnalyzer(t).NewScanner().Analyze(nil, nil)
}

// checkSpans asserts that every span in sig slices the text: in bounds,
// on rune boundaries, and with Text equal to the slice.
func checkSpans(t testing.TB, text string, sig *Signals) {
	t.Helper()
	check := func(what string, start, end int, got string) {
		t.Helper()
		if start < 0 || end < start || end > len(text) {
			t.Fatalf("%s span [%d, %d) outside the text (%d bytes)", what, start, end, len(text))
		}
		if !utf8.ValidString(text[start:end]) && utf8.ValidString(text) {
			t.Fatalf("%s span [%d, %d) splits a character", what, start, end)
		}
		if got != text[start:end] {
			t.Fatalf("%s span [%d, %d) has text %q, want %q", what, start, end, got, text[start:end])
		}
	}
	source := func(what string, s *Source) {
		if s == nil {
			return
		}
		check(what+" source", s.Start, s.End, s.Text)
		if s.Via != nil {
			check(what+" via", s.Via.Start, s.Via.End, s.Via.Text)
		}
	}
	for _, at := range sig.Attributions {
		check("attribution", at.Start, at.End, at.Text)
		source("attribution", at.Source)
	}
	for _, v := range sig.VagueSources {
		check("vague", v.Start, v.End, v.Text)
	}
	for _, r := range sig.Sourcing.UnsourcedSpans {
		check("unsourced", r.Start, r.End, r.Text)
	}
	for _, c := range sig.Cited {
		for _, sp := range c.Spans {
			check("cited", sp.Start, sp.End, sp.Text)
		}
	}
	for _, q := range sig.Quotes.Quotations {
		check("quotation", q.Start, q.End, text[q.Start:q.End])
		source("quotation", q.Speaker)
	}
	for _, sp := range sig.Quotes.Speakers {
		for _, s := range sp.Spans {
			check("speaker", s.Start, s.End, s.Text)
		}
	}
	for _, m := range []Markers{sig.Hedges, sig.Certainty, sig.Intensifiers} {
		for _, s := range m.Spans {
			check("marker", s.Start, s.End, s.Text)
		}
	}
	for _, d := range sig.Debris.Spans {
		check("debris", d.Start, d.End, d.Text)
	}
}

// checkCounts asserts that every number in sig is backed by its spans.
func checkCounts(t testing.TB, sig *Signals) {
	t.Helper()
	for name, m := range map[string]Markers{"hedges": sig.Hedges, "certainty": sig.Certainty, "intensifiers": sig.Intensifiers} {
		author := 0
		for _, s := range m.Spans {
			if !s.InQuote {
				author++
			}
		}
		if m.Count != len(m.Spans) || m.Author != author {
			t.Errorf("%s: count %d author %d, spans %d (%d outside quotations)", name, m.Count, m.Author, len(m.Spans), author)
		}
	}
	if sig.Debris.Count != len(sig.Debris.Spans) {
		t.Errorf("debris count %d, %d spans", sig.Debris.Count, len(sig.Debris.Spans))
	}
	so := sig.Sourcing
	standalone, loaded, unidentified := 0, 0, 0
	for _, v := range sig.VagueSources {
		if !v.Attribution {
			standalone++
		}
	}
	for _, at := range sig.Attributions {
		if at.Loaded {
			loaded++
		}
		if !at.Identified {
			unidentified++
		}
	}
	if so.Claims != len(sig.Attributions)+standalone || so.Unsourced != unidentified+standalone ||
		so.Loaded != loaded || len(so.UnsourcedSpans) != so.Unsourced {
		t.Errorf("sourcing %+v from %d attributions (%d unidentified, %d loaded) and %d vague phrases", so, len(sig.Attributions), unidentified, loaded, standalone)
	}
	sides := map[string]int{}
	for _, c := range sig.Cited {
		n := 0
		for _, sp := range c.Spans {
			if sp.Role != RoleMention {
				n++
			}
		}
		if n != c.Citations {
			t.Errorf("%s: %d citations, %d citing spans", c.Name, c.Citations, n)
		}
		if !c.Self {
			sides[c.Side] += n
		}
	}
	for side, n := range sig.Sides {
		if sides[side] != n {
			t.Errorf("sides[%s] = %d, spans say %d", side, n, sides[side])
		}
	}
	direct, scare, words := 0, 0, 0
	for _, q := range sig.Quotes.Quotations {
		if q.Scare {
			scare++
		} else {
			direct++
			words += q.Words
		}
	}
	if sig.Quotes.Count != direct || sig.Quotes.Scare != scare || sig.Quotes.Words != words {
		t.Errorf("quotes %d/%d/%d words, quotations say %d/%d/%d", sig.Quotes.Count, sig.Quotes.Scare, sig.Quotes.Words, direct, scare, words)
	}
}

// TestJSONRoundTrip: signals read back from a score record equal the
// signals written, so `compare stats` sees what `compare score` computed.
func TestJSONRoundTrip(t *testing.T) {
	text := "Share\n“We will not retreat,” said Hassan Nasrallah. Officials claimed it was brutal, according to IRNA. It is believed he may return."
	a := &corpus.Article{Text: text, Dropped: []corpus.Span{{Start: 0, End: 5, Reason: "debris: share button"}}}
	sig := defaultAnalyzer(t).NewScanner().Analyze(a, curlyQuotes(text))
	b, err := json.Marshal(sig)
	if err != nil {
		t.Fatal(err)
	}
	var back Signals
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	b2, _ := json.Marshal(&back)
	if string(b) != string(b2) {
		t.Errorf("round trip changed the signals:\n%s\n%s", b, b2)
	}
	var p1, p2 Profile
	p1.Add(sig, 20)
	p2.Add(&back, 20)
	r1, _ := json.Marshal(p1.Result())
	r2, _ := json.Marshal(p2.Result())
	if string(r1) != string(r2) {
		t.Errorf("profiles differ:\n%s\n%s", r1, r2)
	}
}
