package corpus

import (
	"bytes"
	"compress/gzip"
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// writeFiles creates files under a new temporary folder and returns it.
func writeFiles(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func gzipped(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func utf16le(s string) []byte {
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func utf16be(s string) []byte {
	b, err := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

// badChecksum flips a bit of a gzip stream's CRC-32.
func badChecksum(gz []byte) []byte {
	gz = slices.Clone(gz)
	gz[len(gz)-8] ^= 1
	return gz
}

func TestReadProblems(t *testing.T) {
	const art = `{"id": "a", "outlet": "O", "text": "Some text."}` + "\n"
	tests := []struct {
		name    string
		files   map[string][]byte
		opts    Options
		ids     []string       // emitted, in order
		skipped map[string]int // by reason
		warned  map[string]int
		first   string // first problem's String(), with the folder as "DIR"
		check   func(t *testing.T, arts []*Article)
	}{
		{
			name:    "malformed json line, run continues",
			files:   map[string][]byte{"a.jsonl": []byte(art + `{"id": "b", "text": "unclosed}` + "\n" + `{"id": "c", "outlet": "O", "text": "More."}`)},
			ids:     []string{"a", "c"},
			skipped: map[string]int{"malformed-json": 1},
			first:   "DIR/a.jsonl:2: column 31: unexpected end of JSON (line cut short?)",
		},
		{
			name:    "json line that is not an object",
			files:   map[string][]byte{"a.jsonl": []byte(`"just a string"` + "\n" + art)},
			ids:     []string{"a"},
			skipped: map[string]int{"malformed-json": 1},
			first:   "DIR/a.jsonl:1: record is JSON string, not an object",
		},
		{
			name:    "two objects on one line",
			files:   map[string][]byte{"a.jsonl": []byte(`{"text": "x"} {"text": "y"}`)},
			skipped: map[string]int{"malformed-json": 1},
			first:   "DIR/a.jsonl:1: column 15: unexpected text after the JSON object (two objects on one line?)",
		},
		{
			name:    "binary file with a text extension",
			files:   map[string][]byte{"a.txt": []byte("abc\x00\x01\x02def"), "b.jsonl": []byte(art)},
			ids:     []string{"a"},
			skipped: map[string]int{"binary": 1},
			first:   "DIR/a.txt: binary file, not text",
		},
		{
			name:    "pdf",
			files:   map[string][]byte{"report.pdf": []byte("%PDF-1.7\nsome text")},
			skipped: map[string]int{"binary": 1},
		},
		{
			name:   "invalid UTF-8 text is repaired as Windows-1252",
			files:  map[string][]byte{"o/a.txt": []byte("Caf\xe9 \x93quoted\x94 and valid \xe2\x80\x94 dash.\n")},
			ids:    []string{"o/a.txt"},
			warned: map[string]int{"invalid-utf8": 1},
			first:  "DIR/o/a.txt: 3 bytes of invalid UTF-8 read as Windows-1252",
			check: func(t *testing.T, arts []*Article) {
				if want := "Café “quoted” and valid — dash.\n"; arts[0].Text != want {
					t.Errorf("text %q, want %q", arts[0].Text, want)
				}
			},
		},
		{
			name:   "invalid UTF-8 in a JSON line is repaired before decoding",
			files:  map[string][]byte{"a.jsonl": []byte(`{"id": "a", "outlet": "Caf` + "\xe9" + `", "text": "na` + "\xefve" + `"}`)},
			ids:    []string{"a"},
			warned: map[string]int{"invalid-utf8": 1},
			first:  "DIR/a.jsonl:1: 2 bytes of invalid UTF-8 read as Windows-1252",
			check: func(t *testing.T, arts []*Article) {
				if arts[0].Outlet != "Café" || arts[0].Text != "naïve" {
					t.Errorf("got outlet %q text %q", arts[0].Outlet, arts[0].Text)
				}
			},
		},
		{
			name:   "invalid UTF-8 in a CSV field",
			files:  map[string][]byte{"a.csv": []byte("id,outlet,text\nx,O,Gr\xfc\xdfe\n")},
			ids:    []string{"x"},
			warned: map[string]int{"invalid-utf8": 1},
			check: func(t *testing.T, arts []*Article) {
				if arts[0].Text != "Grüße" {
					t.Errorf("text %q", arts[0].Text)
				}
			},
		},
		{
			name:    "empty and blank files",
			files:   map[string][]byte{"a.txt": nil, "b.jsonl": []byte("\n\n  \n"), "c.csv": nil},
			skipped: map[string]int{"empty": 3},
			first:   "DIR/a.txt: empty file",
		},
		{
			name:    "files without records",
			files:   map[string][]byte{"a.csv": []byte("id,outlet,text\n"), "b.json": []byte("[]"), "c.jsonl": []byte("\n" + strings.Repeat(" ", 10000) + "\n")},
			skipped: map[string]int{"empty": 3},
			first:   "DIR/a.csv: no records in the file",
		},
		{
			name:    "empty text field",
			files:   map[string][]byte{"a.jsonl": []byte(`{"id": "a", "outlet": "O", "text": "  \n "}`)},
			skipped: map[string]int{"empty": 1},
			first:   "DIR/a.jsonl:1: text: no text",
		},
		{
			name:    "front matter without a body",
			files:   map[string][]byte{"a.md": []byte("---\nid: a\n---\n")},
			skipped: map[string]int{"empty": 1},
		},
		{
			name:    "file over the size limit",
			files:   map[string][]byte{"big.txt": []byte(strings.Repeat("word ", 100)), "small.txt": []byte("fine")},
			opts:    Options{MaxBytes: 100},
			ids:     []string{"small.txt"},
			skipped: map[string]int{"too-large": 1},
			first:   "DIR/big.txt: article is larger than the limit of 100 bytes",
		},
		{
			name:    "JSON line over the size limit, next line read",
			files:   map[string][]byte{"a.jsonl": []byte(`{"id": "big", "outlet": "O", "text": "` + strings.Repeat("x", 5000) + `"}` + "\n" + art)},
			opts:    Options{MaxBytes: 1 << 10},
			ids:     []string{"a"},
			skipped: map[string]int{"too-large": 1},
			first:   "DIR/a.jsonl:1: line is longer than the limit of 1 KiB",
		},
		{
			name:    "CSV row over the size limit",
			files:   map[string][]byte{"a.csv": []byte("id,outlet,text\nbig,O," + strings.Repeat("x", 2000) + "\nsmall,O,fine\n")},
			opts:    Options{MaxBytes: 1 << 10},
			ids:     []string{"small"},
			skipped: map[string]int{"too-large": 1},
			first:   "DIR/a.csv:2: row is larger than the limit of 1 KiB",
		},
		{
			name:   "duplicate id is a warning by default",
			files:  map[string][]byte{"a.jsonl": []byte(art + art)},
			ids:    []string{"a", "a"},
			warned: map[string]int{"duplicate-id": 1},
			first:  `DIR/a.jsonl:2: id: duplicate id "a", first read at DIR/a.jsonl:1`,
		},
		{
			name:    "dedupe id",
			files:   map[string][]byte{"a.jsonl": []byte(art + art)},
			opts:    Options{Dedupe: "id"},
			ids:     []string{"a"},
			skipped: map[string]int{"duplicate-id": 1},
			first:   `DIR/a.jsonl:2: id: duplicate id "a", first read at DIR/a.jsonl:1; skipped`,
		},
		{
			name: "dedupe content ignores white space",
			files: map[string][]byte{
				"a.jsonl": []byte(`{"id": "a", "outlet": "O", "text": "Same  words\nhere."}` + "\n"),
				"b.txt":   []byte("  Same words here.\n"),
				"c.txt":   []byte("Other words here."),
			},
			opts:    Options{Dedupe: "content"},
			ids:     []string{"a", "c.txt"},
			skipped: map[string]int{"duplicate-content": 1},
			first:   "DIR/b.txt: text: same text as the article first read at DIR/a.jsonl:1; skipped",
		},
		{
			name:   "missing outlet becomes unknown",
			files:  map[string][]byte{"a.jsonl": []byte(`{"id": "a", "text": "No outlet."}`)},
			ids:    []string{"a"},
			warned: map[string]int{"missing-outlet": 1},
			first:  `DIR/a.jsonl:1: outlet: no outlet; counted as "unknown"`,
			check: func(t *testing.T, arts []*Article) {
				if arts[0].Outlet != "unknown" {
					t.Errorf("outlet %q", arts[0].Outlet)
				}
			},
		},
		{
			name:    "missing text key",
			files:   map[string][]byte{"a.jsonl": []byte(`{"id": "a", "story": "Text under another name."}`)},
			skipped: map[string]int{"missing-text": 1},
			first:   `DIR/a.jsonl:1: text: no text: the record has the keys "id", "story" but not any of "text", "body", "content", "full_text", "fulltext", "article", "article_text"; map the text field to one of them`,
		},
		{
			name:    "mapped text key missing",
			files:   map[string][]byte{"a.jsonl": []byte(`{"id": "a", "text": "Text."}`)},
			opts:    Options{Fields: map[string]string{"text": "story"}},
			skipped: map[string]int{"missing-text": 1},
			first:   `DIR/a.jsonl:1: text: no text: the record has the keys "id", "text" but not "story"; map the text field to one of them`,
		},
		{
			name:    "CSV without a text column",
			files:   map[string][]byte{"a.csv": []byte("id,outlet,story\n1,O,Text\n2,O,Text\n")},
			skipped: map[string]int{"missing-text": 1},
		},
		{
			name:    "CSV bare quote, next row read",
			files:   map[string][]byte{"a.csv": []byte("id,outlet,text\n1,O,He said \"no\".\n2,O,Fine.\n")},
			ids:     []string{"2"},
			skipped: map[string]int{"malformed-csv": 1},
			first:   `DIR/a.csv:2: line 2, column 13: a quote inside a field that does not start with one (quote the field and write the quote as "")`,
		},
		{
			name:    "CSV row with too many fields",
			files:   map[string][]byte{"a.csv": []byte("id,outlet,text\n1,O,a,b\n2,O,Fine.\n")},
			ids:     []string{"2"},
			skipped: map[string]int{"malformed-csv": 1},
			first:   "DIR/a.csv:2: row has a different number of fields than the header",
		},
		{
			name:    "CSV with a byte-order mark and capitalised header",
			files:   map[string][]byte{"a.csv": []byte("\ufeffID,Outlet,Text\n1,O,Fine.\n")},
			ids:     []string{"1"},
			skipped: map[string]int{},
		},
		{
			name:    "malformed front matter names the file line",
			files:   map[string][]byte{"a.md": []byte("---\nid: a\ntitle: [unclosed\n---\nBody.\n")},
			skipped: map[string]int{"malformed-front-matter": 1},
			// go-yaml places this error on the line before the one at fault.
			first: "DIR/a.md:2: front matter: did not find expected ',' or ']'",
		},
		{
			name:    "front matter that is not a mapping",
			files:   map[string][]byte{"a.md": []byte("---\n- a\n- b\n---\nBody.\n")},
			skipped: map[string]int{"malformed-front-matter": 1},
			first:   "DIR/a.md:2: front matter is not a list of key: value lines",
		},
		{
			name:   "unclosed front matter is read as text",
			files:  map[string][]byte{"o/a.md": []byte("---\nA horizontal rule and no closing line.\n")},
			ids:    []string{"o/a.md"},
			warned: map[string]int{"unclosed-front-matter": 1},
		},
		{
			name:    "unsupported file in a folder, hidden files ignored",
			files:   map[string][]byte{"o/a.txt": []byte("Text."), "o/notes.docx.txt~": []byte("backup"), ".git/config": []byte("x"), "o/.DS_Store": []byte("x")},
			ids:     []string{"o/a.txt"},
			skipped: map[string]int{"unsupported-format": 1},
		},
		{
			name: "gzip-compressed files",
			files: map[string][]byte{
				"a.jsonl.gz": gzipped(art),
				"o/b.txt.gz": gzipped("Compressed text."),
				"c.csv.gz":   gzipped("id,outlet,text\nc,O,Compressed row.\n"),
			},
			ids:     []string{"a", "c", "o/b.txt.gz"},
			skipped: map[string]int{},
		},
		{
			name:    "corrupt gzip",
			files:   map[string][]byte{"a.jsonl.gz": gzipped(art)[:20]},
			skipped: map[string]int{"unreadable": 1},
		},
		{
			name:  "UTF-16 text with a byte-order mark",
			files: map[string][]byte{"o/a.txt": utf16le("Text in UTF-16: ç.")},
			ids:   []string{"o/a.txt"},
			check: func(t *testing.T, arts []*Article) {
				if arts[0].Text != "Text in UTF-16: ç." {
					t.Errorf("text %q", arts[0].Text)
				}
			},
		},
		{
			name: "JSON file: array with a syntax error, the next element is read",
			files: map[string][]byte{"a.json": []byte(`[
  {"id": "a", "outlet": "O", "text": "One."},
  42,
  {"id": "b", "outlet": "O", "text": "Two."},
  {"id": "c", "outlet": "O", "text": "Three." oops},
  {"id": "d", "outlet": "O", "text": "Read."}
]`)},
			ids:     []string{"a", "b", "d"},
			skipped: map[string]int{"malformed-json": 2},
			first:   "DIR/a.json:3: record is JSON number, not an object",
		},
		{
			name:    "JSON file: unclosed array",
			files:   map[string][]byte{"a.json": []byte("[\n" + `{"id": "a", "outlet": "O", "text": "One."}` + "\n")},
			ids:     []string{"a"},
			skipped: map[string]int{"malformed-json": 1},
			first:   "DIR/a.json:3: unexpected end of JSON (file cut short?); rest of file not read",
		},
		{
			name:  "TSV: quotes are text, an open quote does not swallow the next rows",
			files: map[string][]byte{"a.tsv": []byte("id\toutlet\ttext\nt1\tX\t\"open\nt2\tX\trow\n")},
			ids:   []string{"t1", "t2"},
			check: func(t *testing.T, arts []*Article) {
				if arts[0].Text != `"open` {
					t.Errorf("text %q", arts[0].Text)
				}
			},
		},
		{
			name:    "TSV: a row with a tab too many",
			files:   map[string][]byte{"a.tsv": []byte("id\toutlet\ttext\nt1\tX\ta\tb\nt2\tX\tfine\n")},
			ids:     []string{"t2"},
			skipped: map[string]int{"malformed-csv": 1},
			first:   "DIR/a.tsv:2: row has 4 fields, the header 3 (fields are separated by tabs)",
		},
		{
			name:   "CSV: a column twice in the header",
			files:  map[string][]byte{"a.csv": []byte("id,text,outlet,Text\n1,first,O,second\n")},
			ids:    []string{"1"},
			warned: map[string]int{"duplicate-key": 1},
			first:  `DIR/a.csv:1: column "Text" is in the header twice (columns 2 and 4); an article field takes the first`,
			check: func(t *testing.T, arts []*Article) {
				if arts[0].Text != "first" {
					t.Errorf("text %q", arts[0].Text)
				}
			},
		},
		{
			name:   "JSON: a key twice in a record",
			files:  map[string][]byte{"a.jsonl": []byte(`{"id": "a", "outlet": "O", "text": "first", "text": "second"}`)},
			ids:    []string{"a"},
			warned: map[string]int{"duplicate-key": 1},
			first:  `DIR/a.jsonl:1: key "text" is in the record more than once; its last value is used`,
		},
		{
			name: "JSON Lines: a NUL byte is one bad line, not a binary file",
			files: map[string][]byte{"a.jsonl": []byte(strings.Repeat(art, 3) + `{"id": "n", "text": "a` + "\x00" + `b"}` + "\n" +
				strings.Repeat(art, 996))},
			ids:     slices.Repeat([]string{"a"}, 999),
			skipped: map[string]int{"binary": 1},
			warned:  map[string]int{"duplicate-id": 998},
		},
		{
			name:    "JSON file: text after the array is read, not ignored",
			files:   map[string][]byte{"a.json": []byte(`[{"id": "a", "outlet": "O", "text": "One."}]` + "\n" + `{"id": "b", "outlet": "O", "text": "Two."} [{"id": "c", "outlet": "O", "text": "Three."}] trailing`)},
			ids:     []string{"a", "b", "c"},
			skipped: map[string]int{"malformed-json": 1},
			first:   "DIR/a.json:2: column 3: invalid character 'a' in literal true (expecting 'u')",
		},
		{
			name:    "JSON file: an element over the size limit is skipped without reading it whole",
			files:   map[string][]byte{"a.json": []byte(`[{"id": "big", "text": "` + strings.Repeat("x", 5000) + `"},` + "\n" + art + "]")},
			opts:    Options{MaxBytes: 1 << 10},
			ids:     []string{"a"},
			skipped: map[string]int{"too-large": 1},
			first:   "DIR/a.json:1: object is larger than the limit of 1 KiB",
		},
		{
			name:    "gzip with a bad checksum: no record read, not even the first",
			files:   map[string][]byte{"a.jsonl.gz": badChecksum(gzipped(art + art))},
			skipped: map[string]int{"unreadable": 1},
			first:   "DIR/a.jsonl.gz: corrupt gzip data (gzip: invalid checksum); no record read from the file",
		},
		{
			name:  "UTF-16 without a byte-order mark, little-endian",
			files: map[string][]byte{"o/a.txt": utf16le("Text in UTF-16: ç.")[2:]},
			ids:   []string{"o/a.txt"},
			check: func(t *testing.T, arts []*Article) {
				if arts[0].Text != "Text in UTF-16: ç." {
					t.Errorf("text %q", arts[0].Text)
				}
			},
		},
		{
			name:  "UTF-16 without a byte-order mark, big-endian, Cyrillic",
			files: map[string][]byte{"o/a.txt": utf16be("Текст без метки порядка байтов.")},
			ids:   []string{"o/a.txt"},
			check: func(t *testing.T, arts []*Article) {
				if arts[0].Text != "Текст без метки порядка байтов." {
					t.Errorf("text %q", arts[0].Text)
				}
			},
		},
		{
			name:    "JSON file: objects one after another",
			files:   map[string][]byte{"a.json": []byte("{\"id\": \"a\", \"outlet\": \"O\",\n \"text\": \"One.\"}\n{\"id\": \"b\", \"outlet\": \"O\", \"text\": \"Two.\"}")},
			ids:     []string{"a", "b"},
			skipped: map[string]int{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			var arts []*Article
			var problems []Problem
			sum, err := Read(context.Background(), []string{dir}, tt.opts,
				func(a *Article) error {
					checkArticle(t, a)
					arts = append(arts, a)
					return nil
				},
				func(p Problem) { problems = append(problems, p) })
			if err != nil {
				t.Fatal(err)
			}
			checkSummary(t, sum)
			var ids []string
			for _, a := range arts {
				ids = append(ids, a.ID)
			}
			if !slices.Equal(ids, tt.ids) {
				t.Errorf("emitted %q, want %q", ids, tt.ids)
			}
			if tt.skipped == nil {
				tt.skipped = map[string]int{}
			}
			if tt.warned == nil {
				tt.warned = map[string]int{}
			}
			if !maps.Equal(sum.Skipped, tt.skipped) {
				t.Errorf("skipped %v, want %v", sum.Skipped, tt.skipped)
			}
			if !maps.Equal(sum.Warned, tt.warned) {
				t.Errorf("warned %v, want %v", sum.Warned, tt.warned)
			}
			if tt.first != "" {
				if len(problems) == 0 {
					t.Fatalf("no problem reported, want %q", tt.first)
				}
				if got := strings.ReplaceAll(problems[0].String(), filepath.ToSlash(dir), "DIR"); got != tt.first {
					t.Errorf("first problem\n got %s\nwant %s", got, tt.first)
				}
			}
			for _, p := range problems {
				// Whole-file problems have no record to show, nor has a file
				// that ends too early.
				wholeFile := p.Line == 0 || p.Reason == ReasonMissingText || strings.Contains(p.Message, "file cut short")
				if p.Skipped && p.Record == "" && !wholeFile {
					t.Errorf("skipped record without its text: %s", p)
				}
			}
			if tt.check != nil && len(arts) > 0 {
				tt.check(t, arts)
			}
		})
	}
}
