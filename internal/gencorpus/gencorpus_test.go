package gencorpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/stance"
)

func generate(t *testing.T, seed uint64) ([]byte, Stats) {
	t.Helper()
	lex, err := lexicon.Load(lexicon.Default)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	st, err := Corpus(&buf, lex, Options{Bytes: 200_000, Outlets: 5, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), st
}

func TestCorpusDeterministic(t *testing.T) {
	a, _ := generate(t, 7)
	b, _ := generate(t, 7)
	c, _ := generate(t, 8)
	if !bytes.Equal(a, b) {
		t.Error("the same seed gave different corpora")
	}
	if bytes.Equal(a, c) {
		t.Error("different seeds gave the same corpus")
	}
}

func TestCorpusShape(t *testing.T) {
	data, st := generate(t, 1)
	if int64(len(data)) < 200_000 || st.Articles == 0 {
		t.Fatalf("%d bytes, %d articles", len(data), st.Articles)
	}
	outlets := map[string]bool{}
	quoted, terms := 0, 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		if r.ID == "" || r.Outlet == "" || r.Text == "" || r.Date == "" {
			t.Fatalf("line %d: incomplete record %+v", n, r)
		}
		outlets[r.Outlet] = true
		if strings.Contains(r.Text, "“") || strings.Contains(r.Text, `"`) {
			quoted++
		}
		for _, term := range []string{"regime", "terrorist", "martyr", "Syrian government", "rebels"} {
			terms += strings.Count(r.Text, term)
		}
	}
	if len(outlets) != 5 || quoted == 0 || terms == 0 {
		t.Errorf("%d outlets, %d articles with quotations, %d lexicon terms seen", len(outlets), quoted, terms)
	}
}

func TestLexiconParses(t *testing.T) {
	base, err := lexicon.Load(lexicon.Default)
	if err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Parse("synth.yaml", []byte(Lexicon(base, 1000, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if len(lex.Entries) != 1000 {
		t.Errorf("%d entries, want 1000", len(lex.Entries))
	}
}

// TestShift plants a change of vocabulary and checks that it is there:
// the shifted outlet's articles score on the other side of the axis from
// the shift's day on, and the days stay within From and To.
func TestShift(t *testing.T) {
	lex, err := lexicon.Load(lexicon.Default)
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)
	at := time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)
	names := OutletNames(4)
	opt := Options{Bytes: 3_000_000, Outlets: 4, Seed: 3, From: from, To: to, Shift: &Shift{Outlet: names[1], At: at, Lean: 1}}
	var buf bytes.Buffer
	if _, err := Corpus(&buf, lex, opt); err != nil {
		t.Fatal(err)
	}
	sc := stance.NewScorer(lexicon.Compile(lex))
	axis := lex.Axes[0].ID
	type acc struct{ sum, n float64 }
	var before, after [4]acc
	lines := bufio.NewScanner(&buf)
	lines.Buffer(nil, 1<<20)
	for lines.Scan() {
		var r record
		if err := json.Unmarshal(lines.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		day, err := time.Parse(time.DateOnly, r.Date)
		if err != nil || day.Before(from) || day.After(to) {
			t.Fatalf("date %q outside %v–%v (%v)", r.Date, from, to, err)
		}
		s := sc.Score(&corpus.Article{ID: r.ID, Outlet: r.Outlet, Text: r.Text}).Stance[axis]
		if s.N == 0 {
			continue
		}
		k := slices.Index(names, r.Outlet)
		side := &before[k]
		if !day.Before(at) {
			side = &after[k]
		}
		side.sum += s.Score
		side.n++
	}
	for k, name := range names {
		b, a := before[k].sum/before[k].n, after[k].sum/after[k].n
		t.Logf("%s: mean stance %.3f before (n = %v), %.3f after (n = %v)", name, b, before[k].n, a, after[k].n)
		switch {
		case k == 1 && a-b < 0.2:
			t.Errorf("%s shifted to lean +1, but its mean stance went from %.3f to %.3f", name, b, a)
		case k != 1 && math.Abs(a-b) > 0.1:
			t.Errorf("%s did not shift, but its mean stance went from %.3f to %.3f", name, b, a)
		}
	}
}

func TestShiftOptionErrors(t *testing.T) {
	lex, err := lexicon.Load(lexicon.Default)
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	tests := []struct {
		name string
		opt  Options
		want string
	}{
		{"from only", Options{From: day("2024-01-01")}, "give both"},
		{"reversed", Options{From: day("2024-02-01"), To: day("2024-01-01")}, "is before the first"},
		{"shift undated", Options{Shift: &Shift{Outlet: "herald-00"}}, "needs the days"},
		{"unknown outlet", Options{From: day("2024-01-01"), To: day("2024-02-01"), Shift: &Shift{Outlet: "nope", At: day("2024-01-10")}}, `no generated outlet is named "nope"`},
		{"day outside", Options{From: day("2024-01-01"), To: day("2024-02-01"), Shift: &Shift{Outlet: "herald-00", At: day("2024-03-01")}}, "is not between"},
		{"lean", Options{From: day("2024-01-01"), To: day("2024-02-01"), Shift: &Shift{Outlet: "herald-00", At: day("2024-01-10"), Lean: 2}}, "not in [-1, 1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opt.Bytes = 1000
			_, err := Corpus(io.Discard, lex, tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}
