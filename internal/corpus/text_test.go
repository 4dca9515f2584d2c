package corpus

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, in string
		fm, body string
		state    frontMatterState
	}{
		{"none", "Just text.\n", "", "Just text.\n", frontMatterNone},
		{"found", "---\nid: a\n---\nBody.\n", "id: a\n", "Body.\n", frontMatterFound},
		{"dots close", "---\nid: a\n...\nBody.", "id: a\n", "Body.", frontMatterFound},
		{"CRLF", "---\r\nid: a\r\n---\r\nBody.\r\n", "id: a\r\n", "Body.\r\n", frontMatterFound},
		{"trailing spaces on delimiters", "---  \nid: a\n--- \nBody.", "id: a\n", "Body.", frontMatterFound},
		{"empty front matter", "---\n---\nBody.", "", "Body.", frontMatterFound},
		{"no body", "---\nid: a\n---", "id: a\n", "", frontMatterFound},
		{"unclosed", "---\nid: a\nBody.", "", "---\nid: a\nBody.", frontMatterUnclosed},
		{"rule later in the text", "Text.\n---\nMore.", "", "Text.\n---\nMore.", frontMatterNone},
		{"four dashes", "----\nid: a\n---\nBody.", "", "----\nid: a\n---\nBody.", frontMatterNone},
		{"only a delimiter", "---", "", "---", frontMatterNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, body, state := splitFrontMatter([]byte(tt.in))
			if string(fm) != tt.fm || string(body) != tt.body || state != tt.state {
				t.Errorf("got fm %q body %q state %d, want %q %q %d", fm, body, state, tt.fm, tt.body, tt.state)
			}
		})
	}
}

func TestParseFrontMatter(t *testing.T) {
	kvs, _, err := parseFrontMatter([]byte(`id: 7
title: "Quoted: title"
date: 2021-03-04
authors: [A, B]
nested: {a: 1, b: [x, y]}
empty:
anchor: &x shared
alias: *x
`))
	if err != nil {
		t.Fatal(err)
	}
	want := []keyValue{{"id", "7"}, {"title", "Quoted: title"}, {"date", "2021-03-04"}, {"authors", "A, B"},
		{"nested", "{a: 1, b: [x, y]}"}, {"empty", ""}, {"anchor", "shared"}, {"alias", "shared"}}
	if !slices.Equal(kvs, want) {
		t.Errorf("got  %q\nwant %q", kvs, want)
	}
}

// FuzzFrontMatter reads arbitrary bytes as a text file with front matter.
func FuzzFrontMatter(f *testing.F) {
	f.Add([]byte("---\nid: a\noutlet: O\n---\nBody.\n"))
	f.Add([]byte("---\ntitle: [unclosed\n---\nBody."))
	f.Add([]byte("---\n- list\n---\n"))
	f.Add([]byte("---\r\na: &x [*x]\r\n...\r\nShare\r\n"))
	f.Add([]byte("---\nkey: \xff\xfe\n---\n\xe9t\xe9\n"))
	f.Add([]byte("---\n? [complex, key]\n: value\n---\nx"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fm, body, state := splitFrontMatter(data)
		if !bytes.HasSuffix(data, body) {
			t.Fatalf("body %q is not the end of the input", body)
		}
		if state == frontMatterFound && !bytes.Contains(data, fm) {
			t.Fatalf("front matter %q is not in the input", fm)
		}
		n := 0
		r := newRun(context.Background(), Options{MaxBytes: 1 << 16}, func(a *Article) error {
			checkArticle(t, a)
			if !transcoded(data) && !strings.HasSuffix(string(repairOrSame(data)), a.Text) {
				t.Fatalf("text %q is not the end of the input", a.Text)
			}
			n++
			return nil
		}, nil)
		src := r.newSource("f.md", "f.md", "folder")
		if err := r.stream(src, bytes.NewReader(data), "txt", true); err != nil {
			t.Fatal(err)
		}
		checkSummary(t, r.sum)
		if r.sum.Read != 1 || n != r.sum.Emitted {
			t.Fatalf("one file made %d records, %d emitted (emit called %d times)", r.sum.Read, r.sum.Emitted, n)
		}
	})
}

// transcoded reports whether the reader decodes data (gzip, UTF-16) before
// reading it.
func transcoded(data []byte) bool {
	return bytes.HasPrefix(data, gzipMagic) || bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE)
}

// repairOrSame is the input as the reader sees it: without a byte-order
// mark, with invalid UTF-8 repaired.
func repairOrSame(data []byte) []byte {
	data = bytes.TrimPrefix(data, bomUTF8)
	b, _ := repairUTF8(data)
	return b
}
