package agree

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/golden"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/rulefile"
	"github.com/compare-tool/compare/internal/stance"
	"github.com/compare-tool/compare/internal/stats"
)

// scoreFile scores the JSON Lines articles of path with the small test
// lexicon.
func scoreFile(t *testing.T, path string) (*lexicon.Lexicon, map[string]*record.Record) {
	t.Helper()
	lex, err := lexicon.Load("../lexicon/testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := lexicon.Compile(lex)
	scorer := stance.NewScorer(m)
	recs := map[string]*record.Record{}
	sc := bufio.NewScanner(bytes.NewReader(golden.ReadFile(t, path)))
	for sc.Scan() {
		var a corpus.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		recs[a.ID] = scorer.Score(&a)
	}
	return m.Lexicon, recs
}

func readGold(t *testing.T, path string) *Gold {
	t.Helper()
	g, err := ReadGold(path, golden.ReadFile(t, path))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func near(p *float64, want float64) bool {
	return p != nil && math.Abs(*p-want) < 1e-9
}

func TestAgreeSpans(t *testing.T) {
	lex, recs := scoreFile(t, "testdata/spans.jsonl")
	// The same annotations as CSV and as JSON Lines.
	for _, gold := range []string{"testdata/spans.csv", "testdata/spans.gold.jsonl"} {
		t.Run(gold, func(t *testing.T) {
			a, err := Compare(readGold(t, gold), lex, recs, Options{})
			if err != nil {
				t.Fatal(err)
			}
			s := a.Spans
			// Worked by hand. Gold: s1 [4,19) pejorative, [43,59) partisan;
			// s2 [0,9) pejorative; s3 coded, nothing marked. Tool: s1
			// "mullahs' regime" [4,19) pejorative, "rebels" [28,34) neutral,
			// "Takfiri" [43,50) partisan; s3 "rebels" neutral. s4 was not
			// coded and does not count.
			if s.Articles != 3 || s.Gold != 3 || s.Tool != 4 {
				t.Fatalf("articles %d, gold %d, tool %d; want 3, 3, 4", s.Articles, s.Gold, s.Tool)
			}
			checkPRF(t, "exact", s.Exact, 1.0/4, 1.0/3, 2*(1.0/4)*(1.0/3)/(1.0/4+1.0/3))
			checkPRF(t, "overlap", s.Overlap, 2.0/4, 2.0/3, 2*(2.0/4)*(2.0/3)/(2.0/4+2.0/3))
			if s.LabelField != "category" {
				t.Errorf("labels compared with %q, want category", s.LabelField)
			}
			by := map[string]LabelPRF{}
			for _, l := range s.ByLabel {
				by[l.Label] = l
			}
			checkPRF(t, "pejorative exact", by["pejorative"].Exact, 1, 0.5, 2.0/3)
			checkPRF(t, "partisan exact", by["partisan"].Exact, 0, 0, 0)
			checkPRF(t, "partisan overlap", by["partisan"].Overlap, 1, 1, 1)
			if n := by["neutral"]; n.Tool != 2 || !near(n.Exact.Precision, 0) || n.Exact.Recall != nil || n.Exact.F1 != nil {
				t.Errorf("neutral: %+v", n)
			}
		})
	}
}

func checkPRF(t *testing.T, name string, p PRF, prec, rec, f1 float64) {
	t.Helper()
	if !near(p.Precision, prec) || !near(p.Recall, rec) || !near(p.F1, f1) {
		t.Errorf("%s: P %s R %s F1 %s; want %.4f %.4f %.4f", name, num3(p.Precision), num3(p.Recall), num3(p.F1), prec, rec, f1)
	}
}

// TestAgreeKrippendorff2011 reproduces the published alphas of
// Krippendorff's worked example (testdata/krippendorff2011.csv cites it)
// through ReadGold and Agree, to three decimals.
func TestAgreeKrippendorff2011(t *testing.T) {
	lex, recs := scoreFile(t, "testdata/krippendorff2011.jsonl")
	g := readGold(t, "testdata/krippendorff2011.csv")
	a, err := Compare(g, lex, recs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := a.Ratings
	if r.Units != 12 || len(r.Coders) != 4 || r.Ratings != 41 || r.Humans.Units != 11 {
		t.Fatalf("units %d, coders %v, ratings %d, pairable %d; want 12, 4, 41, 11", r.Units, r.Coders, r.Ratings, r.Humans.Units)
	}
	for _, tt := range []struct {
		name      string
		got       *float64
		published float64
	}{
		{"interval", r.Humans.Interval, 0.849},
		{"ordinal", r.Humans.Ordinal, 0.815},
	} {
		if tt.got == nil || math.Abs(*tt.got-tt.published) > 0.0005 {
			t.Errorf("%s alpha = %s, published %.3f (Krippendorff 2011)", tt.name, num3(tt.got), tt.published)
		}
	}

	// The tool is one more coder: its scores mapped from [-1, 1] onto the
	// human range [1, 5], rounded for the ordinal alpha.
	if r.Scale != [2]float64{1, 5} || !r.Rounded || r.ToolUnits != 12 || r.NoEvidence != 1 {
		t.Errorf("scale %v rounded %v tool %d no-evidence %d", r.Scale, r.Rounded, r.ToolUnits, r.NoEvidence)
	}
	humans := make([][]float64, 4)
	coder := map[string]int{"A": 0, "B": 1, "C": 2, "D": 3}
	for i := range humans {
		humans[i] = nanSlice(12)
	}
	tool, toolRounded := make([]float64, 12), make([]float64, 12)
	var mean, raw []float64
	for u := 0; u < 12; u++ {
		id := "u" + string(rune('0'+(u+1)/10)) + string(rune('0'+(u+1)%10))
		s := recs[id].Stance["td"].Score
		tool[u] = 1 + (s+1)/2*4
		toolRounded[u] = math.Round(tool[u])
		raw = append(raw, s)
		var sum float64
		n := 0
		for _, rt := range g.Ratings {
			if rt.ID == id {
				humans[coder[rt.Coder]][u] = rt.Value
				sum += rt.Value
				n++
			}
		}
		mean = append(mean, sum/float64(n))
	}
	wantInterval := stats.KrippendorffAlpha(append(humans[:4:4], tool), stats.Interval)
	wantOrdinal := stats.KrippendorffAlpha(append(humans[:4:4], toolRounded), stats.Ordinal)
	if !near(r.WithTool.Interval, wantInterval) || !near(r.WithTool.Ordinal, wantOrdinal) {
		t.Errorf("with the tool: interval %s ordinal %s; want %.3f %.3f", num3(r.WithTool.Interval), num3(r.WithTool.Ordinal), wantInterval, wantOrdinal)
	}
	if want := stats.Spearman(mean, raw); !near(r.Spearman, want) || r.SpearmanN != 12 {
		t.Errorf("spearman %s (n %d), want %.3f", num3(r.Spearman), r.SpearmanN, want)
	}

	// --scale overrides the inferred scale; an unknown axis is an error.
	a, err = Compare(g, lex, recs, Options{Scale: &[2]float64{0, 10}})
	if err != nil || a.Ratings.Scale != [2]float64{0, 10} || a.Ratings.ScaleFrom != "--scale" {
		t.Errorf("--scale: %v %+v", err, a.Ratings)
	}
	if _, err := Compare(g, lex, recs, Options{Axis: "nope"}); err == nil || !strings.Contains(err.Error(), `no axis "nope" (axes: td)`) {
		t.Errorf("unknown axis: %v", err)
	}

	var out bytes.Buffer
	if err := Write(&out, a, "json"); err != nil {
		t.Fatal(err)
	}
	var back Agreement
	if err := json.Unmarshal(out.Bytes(), &back); err != nil || back.Ratings == nil || !near(back.Ratings.Humans.Interval, *r.Humans.Interval) {
		t.Errorf("json does not read back: %v\n%s", err, out.String())
	}
}

func TestAgreeMissingArticles(t *testing.T) {
	lex, recs := scoreFile(t, "testdata/spans.jsonl")
	g := &Gold{File: "g", Spans: map[string][]GoldSpan{"s1": {{Start: 4, End: 19}}, "gone": nil}, SpanArticles: []string{"s1", "gone"},
		Ratings: []Rating{{ID: "s1", Coder: "A", Value: 1}, {ID: "gone", Coder: "A", Value: 0}}}
	a, err := Compare(g, lex, recs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Spans.Articles != 1 || len(a.Spans.Missing) != 1 || a.Spans.Missing[0] != "gone" {
		t.Errorf("spans: %+v", a.Spans)
	}
	r := a.Ratings
	if r.ToolUnits != 1 || len(r.Missing) != 1 || r.Humans.Interval != nil || r.SpearmanN != 1 || r.Spearman != nil {
		t.Errorf("ratings with one coder: %+v", r)
	}
	var out bytes.Buffer
	if err := Write(&out, a, "text"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"not in the corpus, left out: gone", "among the coders      n/a", "no tool value): gone"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, out.String())
		}
	}
}

func TestReadGoldErrors(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             []string
	}{
		{name: "bad rows", file: "testdata/badgold.csv", want: []string{
			`testdata/badgold.csv:2: article "s1": end "x" is not a byte offset`,
			`testdata/badgold.csv:3: article "s1": span [9, 4) is empty or reversed`,
			`testdata/badgold.csv:4: missing article id`,
			`testdata/badgold.csv:5: article "s2", coder "A": value "high" is not a number`,
			`testdata/badgold.csv:7: article "s2": coder "A" already rated it at line 6`,
		}},
		{name: "bad header", file: "h.csv", data: "article,begin,stop\na,1,2\n", want: []string{
			`h.csv:1: header "article,begin,stop": want columns id,start,end[,label] (spans) or id,coder,value (ratings)`,
		}},
		{name: "empty", file: "e.csv", data: "id,coder,value\n", want: []string{
			`e.csv: no annotations`,
		}},
		{name: "bad json", file: "g.jsonl", data: "{\"id\": \"a\", \"start\": 1, \"end\": 2}\n{oops\n", want: []string{
			`g.jsonl:2: not a JSON object`,
		}},
		{name: "unclosed quote", file: "q.csv", data: "id,coder,value\n\"a,b,1\n", want: []string{
			`q.csv:2: extraneous or missing " in quoted-field`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			if tt.data == "" && strings.HasPrefix(tt.file, "testdata/") {
				data = golden.ReadFile(t, tt.file)
			}
			_, err := ReadGold(tt.file, data)
			var ce *rulefile.CheckError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a *rulefile.CheckError", err)
			}
			if len(ce.Problems) != len(tt.want) {
				t.Fatalf("problems:\n%s", ce.Error())
			}
			for i, p := range ce.Problems {
				if !strings.HasPrefix(p.String(), tt.want[i]) {
					t.Errorf("problem %d:\n got %s\nwant %s…", i, p, tt.want[i])
				}
			}
		})
	}
}

func TestReadGoldKinds(t *testing.T) {
	// TSV, article_id, missing values in every spelling, both kinds of row.
	data := "article_id\tstart\tend\tlabel\tcoder\tvalue\n" +
		"a\t0\t3\tx\t\t\n" +
		"b\t\t\t\t\t\n" +
		"a\t\t\t\tA\t2\n" +
		"a\t\t\t\tB\tNA\n" +
		"b\t\t\t\tB\t.\n" +
		"b\t\t\t\tC\t-0.5\n"
	g, err := ReadGold("g.tsv", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Spans["a"]) != 1 || g.Spans["a"][0] != (GoldSpan{Start: 0, End: 3, Label: "x", Line: 2}) {
		t.Errorf("spans of a: %+v", g.Spans["a"])
	}
	if s, ok := g.Spans["b"]; !ok || len(s) != 0 {
		t.Errorf("b should be coded with no spans: %v %v", s, ok)
	}
	if len(g.Ratings) != 2 || g.Ratings[1].Value != -0.5 || strings.Join(g.Coders, ",") != "A,B,C" {
		t.Errorf("ratings %+v coders %v", g.Ratings, g.Coders)
	}
}

// TestJoin checks which articles a Join asks for: coded ones, the first
// of each id.
func TestJoin(t *testing.T) {
	g := &Gold{File: "g", Spans: map[string][]GoldSpan{"s1": nil}, SpanArticles: []string{"s1"},
		Ratings: []Rating{{ID: "r1", Coder: "A", Value: 1}}}
	j := NewJoin(g)
	var wanted []string
	for _, id := range []string{"s1", "other", "r1", "s1", "r1", "s1"} {
		a := &corpus.Article{ID: id, Text: "text"}
		if j.Wants(a) {
			wanted = append(wanted, id)
			j.Add(&record.Record{ID: id})
		}
	}
	if !slices.Equal(wanted, []string{"s1", "r1"}) || j.Repeated != 3 || j.Coded() != 2 || j.Found() != 2 {
		t.Errorf("wanted %v, %d repeated, %d coded, %d found", wanted, j.Repeated, j.Coded(), j.Found())
	}
}
