package gencorpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/lexicon"
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
