package credibility

import (
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/token"
)

// TestReported lists, for each text, the reported speech the attributions
// give, span by span.
func TestReported(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"said that", "Khamenei said the war against Syria was a war on the resistance.",
			[]string{"the war against Syria was a war on the resistance"}},
		{"the source is the outlet's", "The mullahs’ regime said on Tuesday that it would respond.",
			[]string{"on Tuesday that it would respond"}},
		{"final attribution", "The regime shelled the town, activists said.",
			[]string{"The regime shelled the town"}},
		{"final attribution with an adjunct", "Russian jets struck terrorist positions, the Presidency said in a statement.",
			[]string{"Russian jets struck terrorist positions", "in a statement"}},
		{"parenthetical", "The war, he said, is lost.", []string{"The war", "is lost"}},
		{"according to, first", "According to SANA, terrorists attacked the village.", []string{"terrorists attacked the village"}},
		{"according to, last", "Terrorists attacked the village, according to SANA.", []string{"Terrorists attacked the village"}},
		{"a relative clause about the source is the outlet's", "According to Mehr, which is close to the regime, the adviser met the ambassador.",
			[]string{"the adviser met the ambassador"}},
		{"an intro phrase is the outlet's", "In a meeting with the Syrian president, the leader stressed that the enemies had failed.",
			[]string{"that the enemies had failed"}},
		{"loaded verb", "Officials claimed that the militias had withdrawn.", []string{"that the militias had withdrawn"}},
		{"insist on is no speech", "The regime insists on supporting Assad.", nil},
		{"a noun is no attribution", "Iran’s claims were denied by the army.", nil},
		// The quotation's words are reported too; stance gives them the
		// quote voice first.
		{"before a quotation's attribution", "“They said nothing,” she wrote.", []string{"They said nothing"}},
		{"one sentence only", "He said it rained. The rebels advanced.", []string{"it rained"}},
		{"no attribution", "The rebels advanced on the town.", nil},
	}
	sc := defaultAnalyzer(t).NewScanner()
	var tz token.Tokenizer
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &corpus.Article{Text: tt.text}
			got := spanTexts(tt.text, sc.ReportedSpeech(a, tz.Tokenize(tt.text), curlyQuotes(tt.text)))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("reported speech in %q\n got %q\nwant %q", tt.text, got, tt.want)
			}
			// The full analysis leaves the same reported speech.
			sc.Analyze(a, curlyQuotes(tt.text))
			if again := spanTexts(tt.text, sc.Reported()); strings.Join(again, "|") != strings.Join(got, "|") {
				t.Errorf("after Analyze: %q, after ReportedSpeech: %q", again, got)
			}
		})
	}
	if got := sc.ReportedSpeech(&corpus.Article{}, tz.Tokenize(""), nil); got != nil {
		t.Errorf("an empty text gave %v", got)
	}
}

func spanTexts(text string, spans []corpus.Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestDefaultAnalyzer(t *testing.T) {
	if DefaultAnalyzer() != DefaultAnalyzer() || DefaultAnalyzer().Rules.Name != Default {
		t.Error("DefaultAnalyzer is not one compiled default rule set")
	}
}
