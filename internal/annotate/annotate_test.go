package annotate

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/dates"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/stance"
	"github.com/compare-tool/compare/internal/view"
)

// score scores one article with the tiny test lexicon, which the report's
// tests use too.
func score(t *testing.T, a corpus.Article) (*record.Record, *lexicon.Lexicon) {
	t.Helper()
	lex, err := lexicon.LoadFile("../lexicon/testdata/tiny.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// The date as corpus.Read would have read it.
	if d, err := dates.Parse(a.Date); err == nil {
		a.Published = d
	}
	return stance.NewScorer(lexicon.Compile(lex)).Score(&a), lex
}

func TestAnnotatePlain(t *testing.T) {
	text := "The regime said “the terrorists attacked first at dawn today”.\nShare\nThe so-called freedom fighters disagree. The government was silent."
	share := strings.Index(text, "Share")
	rec, lex := score(t, corpus.Article{ID: "x", Outlet: "Daily Example", Title: "Clashes", Date: "2024-01-02",
		Text: text, Dropped: []corpus.Span{{Start: share, End: share + 5}}})
	var buf bytes.Buffer
	if err := Write(&buf, rec, lex, Options{}); err != nil {
		t.Fatal(err)
	}
	want := `Clashes
Daily Example · 2024-01-02
Leans toward the opposition's words (−0.50, from 2 naming choices).

The [[regime]][−−] said “the [[terrorists]][++](quote) attacked first at dawn today”.
~~Share~~
The so-called [[freedom fighters]][−−](distanced) disagree. The [[government]] was silent.

Loaded terms ([−−] [−] lean toward the opposition's words, [+] [++] toward the government's words; only the outlet's own voice counts toward its stance, or reported speech where it has none)
  regime ×1  The government, valence -1.00, lean -1.00, pejorative, author voice
      neutral: government
      Calls a government illegitimate.
  terrorists ×1  The armed opposition, valence -1.00, lean +1.00, pejorative, quote voice
      neutral: armed groups; fighters
      A label that states use for their armed opponents.
  freedom fighters ×1  The armed opposition, valence +1.00, lean -1.00, honorific, distanced voice (after "so-called")
      neutral: fighters
`
	if got := buf.String(); got != want {
		t.Errorf("Annotate:\n%s\nwant:\n%s", got, want)
	}
}

func TestAnnotateColor(t *testing.T) {
	rec, lex := score(t, corpus.Article{ID: "x", Outlet: "o", Text: "The regime and the terrorists."})
	var buf bytes.Buffer
	if err := Write(&buf, rec, lex, Options{Color: true}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, view.ANSILean[0]+"regime"+ansiReset) {
		t.Errorf("regime (lean −1) is not bold on red:\n%q", out)
	}
	if !strings.Contains(out, view.ANSILean[4]+"terrorists"+ansiReset) {
		t.Errorf("terrorists (lean +1 on pro-gov) is not bold on blue:\n%q", out)
	}
	if strings.Contains(out, "[[") {
		t.Error("colour output has plain markers")
	}
}

// The legend lists the forms the article wrote, each with its count, and
// names a labelled entry: it never shows one form for another.
func TestAnnotateForms(t *testing.T) {
	lex, err := lexicon.Parse("officials.yaml", []byte(`name: officials
version: 1
targets: [{id: gov, label: The government}]
axes: [{id: ax, label: axis, weights: {gov: 1}}]
entries:
  - id: regime-officials
    terms: ["Raisi's regime", "Amir-Abdollahian's regime", "Kanani's regime"]
    label: officials as the regime's
    target: gov
    valence: -0.6
    category: pejorative
`))
	if err != nil {
		t.Fatal(err)
	}
	rec := stance.NewScorer(lexicon.Compile(lex)).Score(&corpus.Article{ID: "x", Outlet: "o",
		Text: "Raisi's regime and Amir-Abdollahian's regime met. Raisi's regime spoke."})
	var buf bytes.Buffer
	if err := Write(&buf, rec, lex, Options{}); err != nil {
		t.Fatal(err)
	}
	want := "  Raisi's regime ×2, Amir-Abdollahian's regime ×1  officials as the regime's: The government, valence -0.60, lean -0.60, pejorative, author voice\n"
	if out := buf.String(); !strings.Contains(out, want) || strings.Contains(out, "Kanani") {
		t.Errorf("legend:\n%s\nwant the line\n%s", out, want)
	}
}

// An article must not be able to drive the reader's terminal.
func TestAnnotateStripsControls(t *testing.T) {
	rec, lex := score(t, corpus.Article{ID: "x", Outlet: "o\x1b]0;pwned\x07", Title: "\x1b[2Jtitle",
		Text: "The \x1b[31mregime\u202e and\r the rest."})
	var buf bytes.Buffer
	if err := Write(&buf, rec, lex, Options{}); err != nil {
		t.Fatal(err)
	}
	if s := buf.String(); strings.ContainsAny(s, "\x1b\x07\r\u202e") {
		t.Errorf("control characters reached the output: %q", s)
	}
}

// Without the lexicon, a match is loaded by the record's own rule
// (MatchRecord.Loaded), as with it: a lean on an axis other than the
// first one shown still makes a term loaded.
func TestAnnotateLoadedWithoutLexicon(t *testing.T) {
	rec := &record.Record{ID: "x", Text: "The junta met.",
		Stance: map[string]record.AxisScore{"a": {}, "b": {Score: -1, N: 1}},
		Matches: []record.MatchRecord{{Start: 4, End: 9, Line: 1, Col: 5, Text: "junta", Entry: "junta", Target: "gov",
			Category: "pejorative", Voice: record.Author, Contrib: map[string]float64{"b": -1}, Loaded: true}}}
	var buf bytes.Buffer
	if err := Write(&buf, rec, nil, Options{}); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, "Loaded terms") || !strings.Contains(out, "junta ×1") {
		t.Errorf("the loaded term is missing from the legend:\n%s", out)
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name, in string
		width    int
		want     string
	}{
		{"off", "a b c", 0, "a b c"},
		{"words", "the regime said so", 10, "the regime\nsaid so"},
		{"indent kept", "    neutral: armed groups; fighters", 20, "    neutral: armed\n    groups; fighters"},
		{"long word alone", "a incomprehensibilities b", 8, "a\nincomprehensibilities\nb"},
		{"escapes not counted", "\x1b[1mregime\x1b[0m said", 11, "\x1b[1mregime\x1b[0m said"},
		{"lines kept", "one two\nthree", 5, "one\ntwo\nthree"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wrap(tt.in, tt.width); got != tt.want {
				t.Errorf("wrap(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
			}
		})
	}
}

func ExampleWrite() {
	lex, err := lexicon.LoadFile("../lexicon/testdata/tiny.yaml")
	if err != nil {
		panic(err)
	}
	rec := stance.NewScorer(lexicon.Compile(lex)).Score(&corpus.Article{ID: "x", Outlet: "Daily Example",
		Text: "The regime met the freedom fighters."})
	_ = Write(os.Stdout, rec, lex, Options{})
	// Output:
	// x
	// Daily Example
	// Leans toward the opposition's words (−1.00, from 2 naming choices).
	//
	// The [[regime]][−−] met the [[freedom fighters]][−−].
	//
	// Loaded terms ([−−] [−] lean toward the opposition's words, [+] [++] toward the government's words; only the outlet's own voice counts toward its stance, or reported speech where it has none)
	//   regime ×1  The government, valence -1.00, lean -1.00, pejorative, author voice
	//       neutral: government
	//       Calls a government illegitimate.
	//   freedom fighters ×1  The armed opposition, valence +1.00, lean -1.00, honorific, author voice
	//       neutral: fighters
}
