package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/golden"
)

// readLog runs Read and renders, one line each and in order, the articles it
// emitted (as JSON), the problems it reported (as JSON) and the summary.
func readLog(t *testing.T, paths []string, opts Options) (string, Summary) {
	t.Helper()
	var b strings.Builder
	sum, err := Read(context.Background(), paths, opts, func(a *Article) error {
		checkArticle(t, a)
		j, err := json.Marshal(a)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "article %s\n", j)
		return nil
	}, func(p Problem) {
		j, _ := json.Marshal(p)
		fmt.Fprintf(&b, "problem %s\n", j)
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	checkSummary(t, sum)
	fmt.Fprintf(&b, "summary files=%d read=%d emitted=%d skipped={%s} warned={%s}\n",
		sum.Files, sum.Read, sum.Emitted, ReasonCounts(sum.Skipped), ReasonCounts(sum.Warned))
	return b.String(), sum
}

// checkArticle checks what Read promises about every emitted article.
func checkArticle(t testing.TB, a *Article) {
	t.Helper()
	for name, v := range map[string]string{"id": a.ID, "outlet": a.Outlet, "group": a.Group, "title": a.Title,
		"date": a.Date, "url": a.URL, "author": a.Author, "text": a.Text, "source": a.Source} {
		if !utf8.ValidString(v) {
			t.Errorf("%s: %s is not valid UTF-8: %q", a.Source, name, v)
		}
	}
	for k, v := range a.Meta {
		if !utf8.ValidString(k) || !utf8.ValidString(v) {
			t.Errorf("%s: meta %q is not valid UTF-8", a.Source, k)
		}
	}
	if strings.TrimSpace(a.Text) == "" {
		t.Errorf("%s: emitted with blank text", a.Source)
	}
	if a.ID == "" || a.Outlet == "" {
		t.Errorf("%s: emitted with id %q, outlet %q", a.Source, a.ID, a.Outlet)
	}
	prev := 0
	for _, d := range a.Dropped {
		if d.Start < prev || d.End <= d.Start || d.End > len(a.Text) {
			t.Errorf("%s: bad dropped span %+v (text length %d)", a.Source, d, len(a.Text))
			continue
		}
		if s := a.Text[d.Start:d.End]; s != strings.TrimSpace(s) || strings.Contains(s, "\n") {
			t.Errorf("%s: dropped span %+v is not one trimmed line: %q", a.Source, d, s)
		}
		prev = d.End
	}
}

// checkSummary checks that every record is accounted for.
func checkSummary(t testing.TB, sum Summary) {
	t.Helper()
	if sum.Read != sum.Emitted+sum.SkippedTotal() {
		t.Errorf("summary does not add up: read %d, emitted %d + skipped %d", sum.Read, sum.Emitted, sum.SkippedTotal())
	}
}

func TestReadGolden(t *testing.T) {
	outlets, err := LoadOutlets("testdata/outlets.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		path   string
		opts   Options
		golden string
	}{
		{"front-matter", "testdata/formats/front-matter.md", Options{}, "testdata/formats/front-matter.golden"},
		{"plain-txt", "testdata/formats/example-outlet/plain.txt", Options{}, "testdata/formats/plain-txt.golden"},
		{"jsonl", "testdata/formats/articles.jsonl", Options{}, "testdata/formats/jsonl.golden"},
		{"jsonl-fields", "testdata/formats/renamed.jsonl",
			Options{Fields: map[string]string{"id": "doc", "outlet": "source", "text": "content_text"}},
			"testdata/formats/jsonl-fields.golden"},
		{"jsonl-unmapped", "testdata/formats/renamed.jsonl", Options{}, "testdata/formats/jsonl-unmapped.golden"},
		{"json-array", "testdata/formats/articles.json", Options{}, "testdata/formats/json-array.golden"},
		{"csv", "testdata/formats/articles.csv", Options{}, "testdata/formats/csv.golden"},
		{"tsv", "testdata/formats/articles.tsv", Options{}, "testdata/formats/tsv.golden"},
		{"html", "testdata/formats/page.html", Options{}, "testdata/formats/html.golden"},
		{"mixed", "testdata/mixed", Options{}, "testdata/mixed.golden"},
		{"mixed-outlets-dedupe", "testdata/mixed", Options{Outlets: outlets, Dedupe: "id"}, "testdata/mixed-outlets.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := readLog(t, []string{tt.path}, tt.opts)
			golden.Check(t, tt.golden, got)
		})
	}
}

// TestReadMixed states the acceptance criteria of the mixed folder
// directly, so that a golden file rewritten by mistake cannot hide them.
func TestReadMixed(t *testing.T) {
	outlets, err := LoadOutlets("testdata/outlets.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var ids, outletNames []string
	var problems []Problem
	sum, err := Read(context.Background(), []string{"testdata/mixed"}, Options{Outlets: outlets},
		func(a *Article) error {
			ids = append(ids, a.ID)
			if !slices.Contains(outletNames, a.Outlet) {
				outletNames = append(outletNames, a.Outlet)
			}
			return nil
		},
		func(p Problem) { problems = append(problems, p) })
	if err != nil {
		t.Fatal(err)
	}
	checkSummary(t, sum)
	wantIDs := []string{"alpha-1", "alpha-news/002.txt", "latin1.txt", "z-1", "z-2", "page.html", "g-1", "g-4", "w-1", "w-3", "w-4", "w-1"}
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("emitted ids\n got %q\nwant %q", ids, wantIDs)
	}
	// latin1.txt sits directly in mixed/, so its outlet is the folder's name.
	wantOutlets := []string{"Alpha News", "mixed", "Zeta Review", "Delta Daily", "Gamma Post", "Beta Wire", "unknown"}
	if !slices.Equal(outletNames, wantOutlets) {
		t.Errorf("outlets\n got %q\nwant %q", outletNames, wantOutlets)
	}
	wantSkipped := map[string]int{"binary": 1, "empty": 2, "malformed-json": 2, "malformed-csv": 2, "missing-text": 1, "unsupported-format": 1}
	if !maps.Equal(sum.Skipped, wantSkipped) {
		t.Errorf("skipped %v, want %v", sum.Skipped, wantSkipped)
	}
	wantWarned := map[string]int{"invalid-utf8": 1, "missing-outlet": 1, "duplicate-id": 1, "unlisted-outlet": 2}
	if !maps.Equal(sum.Warned, wantWarned) {
		t.Errorf("warned %v, want %v", sum.Warned, wantWarned)
	}
	var located []string
	for _, p := range problems {
		if p.Skipped {
			located = append(located, fmt.Sprintf("%s:%d %s", filepath.Base(p.File), p.Line, p.Reason))
		}
	}
	wantLocated := []string{"empty.txt:0 empty", "notes.yaml:0 unsupported-format", "photo.png:0 binary",
		"table.csv:5 malformed-csv", "table.csv:6 malformed-csv",
		"wire.jsonl:2 malformed-json", "wire.jsonl:5 malformed-json", "wire.jsonl:8 empty", "wire.jsonl:9 missing-text"}
	if !slices.Equal(located, wantLocated) {
		t.Errorf("skipped records\n got %q\nwant %q", located, wantLocated)
	}
}

func TestReadMissingPath(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{"a.txt": []byte("Text.")})
	missing := filepath.Join(dir, "nope.jsonl")
	var problems []Problem
	sum, err := Read(context.Background(), []string{missing, filepath.Join(dir, "a.txt")}, Options{},
		func(*Article) error { return nil }, func(p Problem) { problems = append(problems, p) })
	if err != nil {
		t.Fatal(err)
	}
	checkSummary(t, sum)
	if sum.Emitted != 1 || sum.Skipped["unreadable"] != 1 {
		t.Errorf("summary %+v", sum)
	}
	if len(problems) == 0 || problems[0].String() != missing+": no such file or folder" {
		t.Errorf("problems %v", problems)
	}
}

// TestReadOrder checks that paths are read in the order given and folders
// in lexical order, whatever the order files were created in.
func TestReadOrder(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{
		"z.txt":      []byte("z"),
		"b/2.txt":    []byte("b2"),
		"b/10.txt":   []byte("b10"),
		"a.jsonl":    []byte("{\"id\": \"j1\", \"outlet\": \"O\", \"text\": \"j1\"}\n{\"id\": \"j2\", \"outlet\": \"O\", \"text\": \"j2\"}\n"),
		"c/d/e.txt":  []byte("e"),
		"single.txt": []byte("s"),
	})
	var ids []string
	_, err := Read(context.Background(), []string{filepath.Join(dir, "single.txt"), dir}, Options{},
		func(a *Article) error { ids = append(ids, a.ID); return nil }, nil)
	if err != nil {
		t.Fatal(err)
	}
	single := filepath.ToSlash(filepath.Join(dir, "single.txt"))
	want := []string{single, "j1", "j2", "b/10.txt", "b/2.txt", "c/d/e.txt", "single.txt", "z.txt"}
	if !slices.Equal(ids, want) {
		t.Errorf("order\n got %q\nwant %q", ids, want)
	}
}

func TestReadStdin(t *testing.T) {
	tests := []struct {
		format, input string
		want          string // ID, outlet and text of the article
	}{
		{"", `{"id": "a", "outlet": "O", "text": "From a pipe."}`, "a|O|From a pipe."},
		{"jsonl", `{"outlet": "O", "text": "No id."}`, "stdin:1|O|No id."},
		{"csv", "id,outlet,text\nc,O,Row.\n", "c|O|Row."},
		{"tsv", "id\toutlet\ttext\nt\tO\tRow.\n", "t|O|Row."},
		{"txt", "---\noutlet: O\n---\nPlain.", "stdin|O|Plain."},
		{"json", `[{"id": "j", "outlet": "O", "text": "Array."}]`, "j|O|Array."},
		// Detected when no format is given.
		{"", "---\noutlet: O\n---\nPlain text, pasted.", "stdin|O|Plain text, pasted."},
		{"auto", `[{"id": "j", "outlet": "O", "text": "Array."}]`, "j|O|Array."},
		{"", "{\n  \"id\": \"p\", \"outlet\": \"O\",\n  \"text\": \"Pretty.\"\n}\n", "p|O|Pretty."},
		{"", "<!DOCTYPE html><html><head><title>T</title><meta name=\"author\" content=\"x\"><meta property=\"og:site_name\" content=\"O\"></head><body><article><p>" + strings.Repeat("A page read from a pipe. ", 20) + "</p></article></body></html>", "stdin|O|" + strings.TrimSpace(strings.Repeat("A page read from a pipe. ", 20))},
	}
	for _, tt := range tests {
		t.Run("format="+tt.format, func(t *testing.T) {
			var got []string
			sum, err := Read(context.Background(), []string{"-"}, Options{Stdin: strings.NewReader(tt.input), StdinFormat: tt.format},
				func(a *Article) error {
					got = append(got, a.ID+"|"+a.Outlet+"|"+a.Text)
					return nil
				}, func(p Problem) { t.Errorf("problem: %s", p) })
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0] != tt.want || sum.Files != 1 {
				t.Errorf("got %q, want %q (summary %+v)", got, tt.want, sum)
			}
		})
	}
	t.Run("gzip", func(t *testing.T) {
		n := 0
		_, err := Read(context.Background(), []string{"-"}, Options{Stdin: bytes.NewReader(gzipped(`{"id": "a", "outlet": "O", "text": "Zipped."}`))},
			func(*Article) error { n++; return nil }, func(p Problem) { t.Errorf("problem: %s", p) })
		if err != nil || n != 1 {
			t.Errorf("read %d articles, err %v", n, err)
		}
	})
	t.Run("text where JSON was asked", func(t *testing.T) {
		for _, format := range []string{"jsonl", "json"} {
			var problems []Problem
			n := 0
			_, err := Read(context.Background(), []string{"-"}, Options{Stdin: strings.NewReader("The regime said so.\nA second line.\n"), StdinFormat: format},
				func(*Article) error { n++; return nil }, func(p Problem) { problems = append(problems, p) })
			if err != nil || n != 0 || len(problems) != 1 || problems[0].Reason != ReasonNotJSON || !problems[0].Skipped {
				t.Errorf("%s: %d articles, problems %v, err %v; want one not-json", format, n, problems, err)
			}
		}
	})
	t.Run("txt without outlet", func(t *testing.T) {
		var problems []Problem
		_, err := Read(context.Background(), []string{"-"}, Options{Stdin: strings.NewReader("Plain."), StdinFormat: "txt"},
			func(*Article) error { return nil }, func(p Problem) { problems = append(problems, p) })
		if err != nil || len(problems) != 1 || problems[0].String() != `<stdin>: outlet: no outlet; counted as "unknown"` {
			t.Errorf("problems %v, err %v", problems, err)
		}
	})
}

// TestReadLongLines checks JSON lines far longer than bufio.Scanner's 64 KiB
// default.
func TestReadLongLines(t *testing.T) {
	long := strings.Repeat("word ", 100_000) // 500 kB
	data := `{"id": "long", "outlet": "O", "text": "` + long + `"}` + "\n" + `{"id": "next", "outlet": "O", "text": "After."}` + "\n"
	var got []string
	sum, err := Read(context.Background(), []string{"-"}, Options{Stdin: strings.NewReader(data)},
		func(a *Article) error { got = append(got, fmt.Sprintf("%s:%d", a.ID, len(a.Text))); return nil }, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{fmt.Sprintf("long:%d", len(long)), "next:6"}
	if !slices.Equal(got, want) || sum.Read != 2 {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestReadEmitError(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{"a.jsonl": []byte(strings.Repeat(`{"outlet": "O", "text": "x"}`+"\n", 5))})
	stop := errors.New("disk full")
	n := 0
	sum, err := Read(context.Background(), []string{dir}, Options{}, func(*Article) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	}, nil)
	if !errors.Is(err, stop) {
		t.Errorf("err %v, want %v", err, stop)
	}
	if n != 2 || sum.Emitted != 1 {
		t.Errorf("emit called %d times, summary %+v", n, sum)
	}
}

func TestReadCancel(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{"a.jsonl": []byte(strings.Repeat(`{"outlet": "O", "text": "x"}`+"\n", 5))})
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err := Read(ctx, []string{dir}, Options{}, func(*Article) error {
		n++
		cancel()
		return nil
	}, nil)
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Errorf("err %v after %d articles, want context.Canceled after 1", err, n)
	}
}

func TestReadBadDedupePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for Dedupe \"url\"")
		}
	}()
	Read(context.Background(), nil, Options{Dedupe: "url"}, func(*Article) error { return nil }, nil)
}

// seedsDir holds the real seed articles, outside the repository.
const seedsDir = "../../../shared/seeds"

func TestReadSeeds(t *testing.T) {
	if _, err := os.Stat(seedsDir); err != nil {
		t.Skipf("seed articles not found: %v", err)
	}
	byID := map[string]*Article{}
	sum, err := Read(context.Background(), []string{seedsDir}, Options{}, func(a *Article) error {
		checkArticle(t, a)
		byID[a.ID] = a
		return nil
	}, func(p Problem) { t.Errorf("problem: %s", p) })
	if err != nil {
		t.Fatal(err)
	}
	checkSummary(t, sum)
	// Each seed is there twice, as a .txt file and as a line of seeds.jsonl,
	// byte for byte the same text.
	for _, id := range []string{"000_0b915b6a2679d979", "001_144ff5bfa6163c25", "002_ecdcd40ff4d6deff", "003_ce15dd790e8c858d", "004_d69ae2d23fa65701"} {
		fromJSONL, fromTxt := byID[id], byID[id+".txt"]
		if fromJSONL == nil || fromTxt == nil {
			t.Fatalf("seed %s: missing (jsonl %v, txt %v)", id, fromJSONL != nil, fromTxt != nil)
		}
		if fromJSONL.Text != fromTxt.Text || !slices.Equal(fromJSONL.Dropped, fromTxt.Dropped) {
			t.Errorf("seed %s: .txt and .jsonl differ", id)
		}
		if fromJSONL.URL == "" || fromJSONL.Outlet == "seeds" {
			t.Errorf("seed %s: jsonl url %q outlet %q", id, fromJSONL.URL, fromJSONL.Outlet)
		}
	}
	dropped := func(id string) []string {
		var lines []string
		for _, d := range byID[id].Dropped {
			lines = append(lines, byID[id].Text[d.Start:d.End])
		}
		return lines
	}
	if got, want := dropped("002_ecdcd40ff4d6deff"), []string{"Share", "Advertisement", "Advertisement"}; !slices.Equal(got, want) {
		t.Errorf("seed 002 dropped %q, want %q", got, want)
	}
	if got, want := dropped("004_d69ae2d23fa65701"), []string{
		"For the latest on Syria and the Kurdish region, follow us on Twitter :",
		"• Short link :", "Leave a comment", "nine − 7 =",
	}; !slices.Equal(got, want) {
		t.Errorf("seed 004 dropped %q, want %q", got, want)
	}
	if got, want := dropped("001_144ff5bfa6163c25"), []string{"Share", "Share"}; !slices.Equal(got, want) {
		t.Errorf("seed 001 dropped %q, want %q", got, want)
	}
	for _, id := range []string{"000_0b915b6a2679d979", "003_ce15dd790e8c858d"} {
		if got := dropped(id); len(got) > 0 {
			t.Errorf("seed %s: dropped %q from an article without furniture", id, got)
		}
	}

	// With content deduplication the .txt copies go.
	sum, err = Read(context.Background(), []string{seedsDir}, Options{Dedupe: "content"},
		func(*Article) error { return nil }, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Skipped["duplicate-content"] != 5 {
		t.Errorf("dedupe content skipped %v, want 5 duplicate-content", sum.Skipped)
	}
}

// BenchmarkReadJSONL measures reading alone, on 2 MB of JSON Lines held in
// memory.
func BenchmarkReadJSONL(b *testing.B) {
	var in bytes.Buffer
	para := strings.Repeat("The minister said the talks would resume next week, officials confirmed. ", 3)
	for i := 0; in.Len() < 2<<20; i++ {
		fmt.Fprintf(&in, `{"id": "a%d", "outlet": "Outlet %d", "title": "Title", "text": "%s\n\nShare\n\n%s\n\nAdvertisement\n\n%s"}`+"\n", i, i%40, para, para, para)
	}
	data := in.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		_, err := Read(context.Background(), []string{"-"}, Options{Stdin: bytes.NewReader(data)}, func(*Article) error { return nil }, nil)
		if err != nil {
			b.Fatal(err)
		}
	}
}
