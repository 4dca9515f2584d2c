package record_test

import (
	"io"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

const lintLexicon = `name: lint-test
version: "1"
targets:
  - {id: gov, label: the government}
  - {id: rebels, label: armed opposition}
axes:
  - {id: a, label: A, negative: the opposition's vocabulary, positive: state media vocabulary, weights: {gov: 1}}
  - {id: b, label: B, weights: {gov: 1}}
entries:
  - {id: regime, terms: [regime], target: gov, valence: -1, category: pejorative, neutral: [government, authorities]}
  - {id: bandits, terms: [bandits], target: rebels, valence: -0.8, category: pejorative}
  - {id: heroes, terms: [heroes], target: rebels, valence: 0.5, category: honorific, neutral: [fighters]}
  - {id: government, terms: [government], target: gov, valence: 0, category: neutral}
`

// TestLintLines checks each part of a lint line: the lean in the words of
// the axes (an axis without them by its id and sign), hostile or
// favourable for an entry on no axis, the voice, the neutral
// alternatives or their absence, file lines after front matter, and that
// neutral matches are not written.
func TestLintLines(t *testing.T) {
	lex, err := lexicon.Parse("lint-test.yaml", []byte(lintLexicon))
	if err != nil {
		t.Fatal(err)
	}
	m := func(line, col int, text, entry, target string, valence float64, voice record.Voice, cue string, contrib map[string]float64) record.MatchRecord {
		return record.MatchRecord{Line: line, Col: col, Text: text, Entry: entry, Target: target, Valence: valence, Voice: voice, Cue: cue,
			Contrib: contrib, Loaded: record.IsLoaded(valence, contrib)}
	}
	ref := record.LexiconRef{Name: lex.Name, Version: lex.Version, SHA256: lex.Hash}
	recs := []*record.Record{
		{ID: "d", Source: "draft.md", TextLine: 4, Lexicon: ref, Matches: []record.MatchRecord{
			m(1, 5, "regime", "regime", "gov", -1, record.Author, "", map[string]float64{"a": -1, "b": -1}),
			m(2, 1, "government", "government", "gov", 0, record.Author, "", map[string]float64{"a": 0, "b": 0}),
			m(2, 9, "bandits", "bandits", "rebels", -0.8, record.Quote, "", nil),
			m(3, 2, "heroes", "heroes", "rebels", 0.5, record.Distanced, "so-called", nil),
			m(3, 20, "heroes", "heroes", "rebels", 0.5, record.Distanced, "", nil),
		}},
		{ID: "j", Source: "corpus.jsonl:7", Lexicon: ref, Matches: []record.MatchRecord{
			m(1, 1, "regime", "regime", "gov", -1, record.Author, "", map[string]float64{"a": -1}),
		}},
	}
	out := writeWith(t, "lint", record.WriterOptions{Lexicons: []*lexicon.Lexicon{lex}}, recs...)
	want := []string{
		`draft.md:4:5: "regime" (loaded, the opposition's vocabulary; b -1): neutral "government" or "authorities"`,
		`draft.md:5:9: "bandits" (loaded, hostile to armed opposition; in a quotation): the lexicon gives no neutral alternative`,
		`draft.md:6:2: "heroes" (loaded, favourable to armed opposition; distanced by "so-called"): neutral "fighters"`,
		`draft.md:6:20: "heroes" (loaded, favourable to armed opposition; in scare quotes): neutral "fighters"`,
		`corpus.jsonl:7:1:1: "regime" (loaded, the opposition's vocabulary): neutral "government" or "authorities"`,
	}
	if got := strings.TrimSuffix(string(out), "\n"); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}

	w, err := record.NewWriter(io.Discard, "lint", record.WriterOptions{Lexicons: []*lexicon.Lexicon{lex}})
	if err != nil {
		t.Fatal(err)
	}
	other := &record.Record{ID: "x", Lexicon: record.LexiconRef{Name: "other", SHA256: "00"}}
	if err := w.Write(other); err == nil || !strings.Contains(err.Error(), "lexicon other") {
		t.Errorf("a record of an unloaded lexicon: %v", err)
	}
}
