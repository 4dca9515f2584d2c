package record_test

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/record"
)

// scoredRecords returns records as compare score writes them: of
// generated articles with titles, URLs and meta, and of the built-in
// sample, with credibility signals.
func scoredRecords(t testing.TB) []*record.Record {
	t.Helper()
	recs := generatedRecords(t, 3e5, 3, func(a *corpus.Article) {
		a.Title, a.URL, a.Meta = `A "title", <b>`, "https://example.com/a?b=1&c=2", map[string]string{"k": "v", "é": "\u2028"}
	})
	s := scorer(t)
	if _, err := corpus.Read(t.Context(), []string{"../../testdata/sample"}, corpus.Options{}, func(a *corpus.Article) error {
		recs = append(recs, s.Score(a))
		return nil
	}, nil); err != nil {
		t.Fatal(err)
	}
	return recs
}

// scoredLines returns scoredRecords as JSON lines.
func scoredLines(t testing.TB) [][]byte {
	t.Helper()
	data := write(t, "jsonl", scoredRecords(t)...)
	return bytes.SplitAfter(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
}

// TestScanScoredRecords holds the scanner to the token decoder on records
// as compare score writes them: it reads every line itself (it is the
// path stats takes), into the record the token decoder reads, also in a
// recycled record.
func TestScanScoredRecords(t *testing.T) {
	lines := scoredLines(t)
	withCred := 0
	for i, line := range lines {
		scanned, tokens := record.ScanDecode(line)
		if scanned == nil {
			t.Fatalf("line %d is left to the token decoder", i+1)
		}
		if tokens == nil || !reflect.DeepEqual(scanned, tokens) {
			t.Fatalf("line %d:\nscanned %+v\ntokens  %+v", i+1, scanned, tokens)
		}
		if again := record.ScanDecodeAfter([]byte(richLine), line); !reflect.DeepEqual(again, scanned) {
			t.Fatalf("line %d reads otherwise in a recycled record:\n%+v\nwant %+v", i+1, again, scanned)
		}
		if c := scanned.Credibility; c != nil && len(c.Attributions) > 0 && len(c.Cited) > 0 && len(scanned.Matches) > 0 {
			withCred++
		}
	}
	if withCred == 0 {
		t.Error("no record with matches, attributions and citations: the test reads too little")
	}
}

// TestScanRealNews holds the scanner to the token decoder on real news
// scored with its text (the first 300 articles of the shared
// Article-Bias-Prediction validation split and the seed articles: curly
// quotes, dashes, non-ASCII names, escapes); skipped without the data.
func TestScanRealNews(t *testing.T) {
	var paths []string
	for _, p := range []string{"../../../shared/abp/valid.jsonl.gz", "../../../shared/seeds/seeds.jsonl"} {
		if _, err := os.Stat(p); err == nil {
			paths = append(paths, p)
		}
	}
	if len(paths) == 0 {
		t.Skip("no real news in ../shared")
	}
	s := scorer(t)
	var recs []*record.Record
	for _, p := range paths {
		n := 0
		stop := errors.New("enough")
		if _, err := corpus.Read(t.Context(), []string{p}, corpus.Options{}, func(a *corpus.Article) error {
			recs = append(recs, s.Score(a))
			if n++; n == 300 {
				return stop
			}
			return nil
		}, nil); err != nil && !errors.Is(err, stop) {
			t.Fatalf("reading %s: %v", p, err)
		}
	}
	data := write(t, "jsonl", recs...)
	if bytes.IndexByte(data, '\\') < 0 || !bytes.ContainsFunc(data, func(r rune) bool { return r >= 0x80 }) {
		t.Fatal("no escape or no non-ASCII text in the records: the test reads too little")
	}
	for i, line := range bytes.SplitAfter(bytes.TrimSuffix(data, []byte("\n")), []byte("\n")) {
		scanned, tokens := record.ScanDecode(line)
		if scanned == nil {
			t.Fatalf("record %d (%s) is left to the token decoder", i+1, recs[i].ID)
		}
		if !reflect.DeepEqual(scanned, tokens) {
			t.Fatalf("record %d (%s):\nscanned %+v\ntokens  %+v", i+1, recs[i].ID, scanned, tokens)
		}
	}
}

// TestScanReads reads lines written otherwise than compare score writes
// them, which the scanner reads all the same: each into the record the
// token decoder reads.
func TestScanReads(t *testing.T) {
	head := `{"schema":"compare.score/v1.3",`
	for _, tc := range []struct{ name, line string }{
		{"rich", richLine},
		{"varied 1", variedLines[0]},
		{"varied 2", variedLines[1]},
		{"varied 3", variedLines[2]},
		{"varied 4", variedLines[3]},
		{"varied 5", variedLines[4]},
		{"whitespace", " \t{ \"schema\" : \"compare.score/v1.3\" ,\r\n \"tokens\" : 4 , \"matches\" : [ { \"start\" : 1 , \"contrib\" : { \"a\" : 0.5 } } , null ] , \"targets\" : { \"t\" : { \"framing\" : null } } } \r\n"},
		{"reordered fields", `{"tokens":3,"matches":[{"voice":"quote","contrib":{"a":1},"valence":0,"start":2}],"schema":"compare.score/v1.3","id":"x"}`},
		{"contrib before valence", head + `"matches":[{"contrib":{"a":0.5},"valence":0.5},{"contrib":{"a":-0.5,"b":0},"valence":0}]}`},
		{"escapes in values", head + `"id":"a\"b\\c\/d\b\f\n\r\t\u00e9\u0000","outlet":"\u003cx\u003e","text":"caf\u00E9 \u2028"}`},
		{"escapes in skipped values", head + `"title":"\"q\" \\ \u2029 \/","meta":{"k\"":"\n"},"credibility":{"attributions":[{"text":"a \"b,\" c\\"},{"text":"]}[{"}]}}`},
		{"unicode", head + `"outlet":"Ελληνικά","text":"日本語 😀","matches":[{"text":"Zürich","entry":"é"}],"targets":{"Ω":{"references":1}}}`},
		{"invalid UTF-8 in skipped values", head + "\"title\":\"\xe2\x80\",\"meta\":{\"\xff\":\"a\xc3\"}}"},
		{"nulls", head + `"lexicon":null,"loaded_by_voice":null,"categories":null,"targets":null,"stance":null,"matches":null,"dropped":null,"quotes":null,"credibility":null}`},
		{"null elements", head + `"matches":[null,{"start":1}],"quotes":[null],"targets":{"t":null},"stance":{"a":null}}`},
		{"null credibility parts", head + `"credibility":{"rules":null,"attributions":null,"vague_sources":null,"sourcing":null,"cited":null,"sides":null,"quotes":null,"hedges":null,"debris":{"reasons":null}}}`},
		{"negative zero", head + `"tokens":-0,"loaded_per_1k":-0,"matches":[{"valence":-0,"contrib":{"a":-0}}],"stance":{"a":{"score":-0.0}}}`},
		{"big numbers", head + `"tokens":9223372036854775807,"loaded":-9223372036854775808,"text_line":123456789012345678,"loaded_per_1k":1.7976931348623157e308}`},
		{"exponents in floats", head + `"loaded_per_1k":1e5,"stance":{"a":{"score":2.5E-3,"quote_score":-1e+2}},"matches":[{"valence":1E0}]}`},
		{"tiny floats", head + `"loaded_per_1k":1e-400,"stance":{"a":{"score":4.9e-324}}}`},
		{"names not read", head + `"cue_words":[1,{"a":[true,false,null]}],"x":{},"y":[],"matches":[{"cue":"so-called","other":{"Nested":"ok"}}]}`},
		{"names given twice in skipped values", head + `"title":{"a":1,"a":2},"credibility":{"attributions":[{"text":"a","text":"b"}]}}`},
		{"empty containers", head + `"loaded_by_voice":{},"matches":[],"quotes":[],"credibility":{"attributions":[],"cited":[],"sides":{}}}`},
		{"deep skipped value", head + `"meta":` + strings.Repeat("[", 60) + strings.Repeat("]", 60) + `}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			scanned, tokens := record.ScanDecode([]byte(tc.line))
			if tokens == nil {
				t.Fatalf("the token decoder gives %s up", tc.line)
			}
			if scanned == nil {
				t.Fatalf("the scanner gives %s up", tc.line)
			}
			if !reflect.DeepEqual(scanned, tokens) {
				t.Errorf("scanned %+v\ntokens  %+v", scanned, tokens)
			}
		})
	}
}

// TestScanGivesUp lists lines the scanner leaves to the token decoder
// (which may read them, or leave them to the full decoder in turn): each
// is still read by the sparse reader as the token decoder reads it.
func TestScanGivesUp(t *testing.T) {
	head := `{"schema":"compare.score/v1.3",`
	for _, tc := range []struct{ name, line string }{
		{"escaped name", head + `"to\u006bens":3}`},
		{"escaped entry id", head + `"targets":{"\u0074":{}}}`},
		{"name given twice", head + `"tokens":3,"tokens":4}`},
		{"unread name given twice", head + `"x":1,"x":2}`},
		{"match field given twice", head + `"matches":[{"start":1,"start":2}]}`},
		{"contrib axis given twice", head + `"matches":[{"contrib":{"a":1,"a":0}}]}`},
		{"entry id given twice", head + `"targets":{"t":{},"t":{}}}`},
		{"count id given twice", head + `"categories":{"c":1,"c":2}}`},
		{"capital in a name", head + `"Tokens":3}`},
		{"capital in an unread name", head + `"Other":3}`},
		{"capital in an axis", head + `"matches":[{"contrib":{"A":1}}]}`},
		{"non-ASCII name", head + `"tökens":3}`},
		{"invalid UTF-8 in a string read", head + "\"outlet\":\"a\xffb\"}"},
		{"invalid UTF-8 entry id", head + "\"targets\":{\"\xff\":{}}}"},
		{"too many names", head + manyNames(33) + `}`},
		{"surrogate escape", head + `"text":"\ud83d\ude00"}`},
		{"lone surrogate escape", head + `"title":"\udc00"}`},
		{"fraction for an int", head + `"tokens":1.0}`},
		{"exponent for an int", head + `"tokens":1e5}`},
		{"int out of range", head + `"tokens":9223372036854775808}`},
		{"float out of range", head + `"loaded_per_1k":1e400}`},
		{"string for a number", head + `"tokens":"3"}`},
		{"null for an int", head + `"tokens":null}`},
		{"null for a bool", head + `"stance":{"a":{"from_reported":null}}}`},
		{"number for a string", head + `"id":3}`},
		{"object for an array", head + `"matches":{}}`},
		{"array for an object", head + `"targets":[]}`},
		{"string for credibility", head + `"credibility":"none"}`},
		{"null record", `null`},
		{"two values", head + `"tokens":3} {}`},
		{"too deep", head + `"meta":` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `}`},
		{"not JSON", head + `"tokens":3,}`},
		{"leading zero", head + `"title":01}`},
		{"control character", head + "\"title\":\"a\tb\"}"},
		{"bad escape", head + `"title":"\x"}`},
		{"byte order mark", "\ufeff" + head + `"tokens":3}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			line := []byte(tc.line)
			if record.ScanReads(line) {
				t.Fatalf("the scanner reads %s", tc.line)
			}
			want, werr := record.SparseDecodeTokens(line)
			got, err := record.SparseDecodeAfter([]byte(richLine), line)
			if (err == nil) != (werr == nil) || !reflect.DeepEqual(got, want) {
				t.Errorf("the sparse decoder reads %+v (%v)\nthe token decoder %+v (%v)", got, err, want, werr)
			}
		})
	}
}

// manyNames returns n members of distinct names, comma-separated.
func manyNames(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"n`)
		b.WriteString(strings.Repeat("x", i))
		b.WriteString(`":1`)
	}
	return b.String()
}

// FuzzScanSparse holds the scanner to the token decoder: on any line, it
// gives up, or reads the record the token decoder reads, in a fresh record
// and in a recycled one alike.
func FuzzScanSparse(f *testing.F) {
	lines := scoredLines(f)
	for _, line := range append(lines[:2], lines[len(lines)-4:]...) { // generated, and the sample's
		f.Add(string(line))
	}
	f.Add(richLine)
	for _, line := range variedLines {
		f.Add(line)
	}
	head := `{"schema":"compare.score/v1.3",`
	for _, s := range []string{
		" \t{ \"schema\" : \"compare.score/v1.3\" ,\r\n \"tokens\" : 4 , \"matches\" : [ { \"start\" : 1 } ] } \r\n",
		`{"tokens":3,"matches":[{"voice":"quote","contrib":{"a":1},"valence":0,"start":2}],"schema":"compare.score/v1.3"}`,
		head + `"id":"a\"b\\c\/d\b\f\n\r\t\u00e9\u0000","text":"caf\u00E9 \u2028 \ud83d\ude00"}`,
		head + "\"outlet\":\"Ελληνικά\xff\",\"targets\":{\"Ω\":{\"references\":1}},\"title\":\"\xe2\x80\"}",
		head + `"tokens":3,"tokens":4,"x":1,"x":2,"Tokens":1}`,
		head + `"tokens":-0,"loaded_per_1k":-0.0,"matches":[{"valence":-0,"contrib":{"a":-0}}]}`,
		head + `"tokens":9223372036854775807,"loaded":-9223372036854775809,"loaded_per_1k":1e400}`,
		head + `"tokens":1e5,"loaded_per_1k":1e5,"stance":{"a":{"score":2.5E-3,"n":1.0}}}`,
		head + `"lexicon":null,"targets":{"t":null},"matches":[null],"credibility":{"attributions":[null,{}],"sides":null}}`,
		head + `"meta":[[[[{"a":[1,-2.5e3,true,false,null,"x"]}]]]],"title":{"a":1,"a":2}}`,
		head + `"stance":{"a":{"from_reported":null}},"matches":{}}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		scanned, tokens := record.ScanDecode([]byte(line))
		if scanned == nil {
			return
		}
		if tokens == nil {
			t.Fatalf("the scanner reads what the token decoder gives up: %+v", scanned)
		}
		if !reflect.DeepEqual(scanned, tokens) {
			t.Fatalf("scanned %+v\ntokens  %+v", scanned, tokens)
		}
		if again := record.ScanDecodeAfter([]byte(richLine), []byte(line)); !reflect.DeepEqual(again, scanned) {
			t.Fatalf("recycled %+v\nfresh %+v", again, scanned)
		}
	})
}
