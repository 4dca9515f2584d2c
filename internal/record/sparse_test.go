package record_test

import (
	"bufio"
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/record"
)

// sparseOf returns what Reader.Sparse reads of r: r without what its
// documentation says it leaves out.
func sparseOf(r *record.Record) *record.Record {
	l := *r
	l.Title, l.URL, l.Source, l.Meta = "", "", "", nil
	if r.Matches != nil {
		l.Matches = make([]record.MatchRecord, len(r.Matches))
		for i, m := range r.Matches {
			m.Cue = ""
			if m.Valence != 0 {
				m.Contrib = nil
			} else {
				m.Contrib = nonZero(m.Contrib)
			}
			l.Matches[i] = m
		}
	}
	if s := r.Credibility; s != nil {
		c := &credibility.Signals{
			Rules: s.Rules, Sides: s.Sides,
			Sourcing: credibility.Sourcing{Claims: s.Sourcing.Claims, Unsourced: s.Sourcing.Unsourced,
				UnsourcedShare: s.Sourcing.UnsourcedShare, Loaded: s.Sourcing.Loaded},
			Quotes:       credibility.Quotes{Count: s.Quotes.Count, Scare: s.Quotes.Scare, Words: s.Quotes.Words, ShareOfText: s.Quotes.ShareOfText},
			Hedges:       credibility.Markers{Count: s.Hedges.Count, Author: s.Hedges.Author},
			Certainty:    credibility.Markers{Count: s.Certainty.Count, Author: s.Certainty.Author},
			Intensifiers: credibility.Markers{Count: s.Intensifiers.Count, Author: s.Intensifiers.Author},
			Debris:       credibility.Debris{Count: s.Debris.Count, Reasons: s.Debris.Reasons},
		}
		if s.Attributions != nil {
			c.Attributions = make([]credibility.Attribution, len(s.Attributions))
		}
		if s.VagueSources != nil {
			c.VagueSources = []credibility.Vague{}
			for _, v := range s.VagueSources {
				c.VagueSources = append(c.VagueSources, credibility.Vague{Rule: v.Rule, Attribution: v.Attribution})
			}
		}
		if s.Cited != nil {
			c.Cited = []credibility.Citation{}
			for _, x := range s.Cited {
				x.Spans = nil
				c.Cited = append(c.Cited, x)
			}
		}
		l.Credibility = c
	}
	return &l
}

// readAll reads data with rr.
func readAll(t *testing.T, rr record.Reader, data []byte) ([]*record.Record, error) {
	t.Helper()
	var recs []*record.Record
	err := rr.Read(bytes.NewReader(data), "f.jsonl", func(r *record.Record) error {
		recs = append(recs, r)
		return nil
	})
	return recs, err
}

// readBoth reads data in full and sparsely, failing t unless both read.
func readBoth(t *testing.T, data []byte) (full, sparse []*record.Record) {
	t.Helper()
	full, err := readAll(t, record.Reader{}, data)
	if err != nil {
		t.Fatal(err)
	}
	sparse, err = readAll(t, record.Reader{Sparse: true}, data)
	if err != nil {
		t.Fatal(err)
	}
	return full, sparse
}

// TestSparseRecords reads records as compare score writes them (generated
// articles and the built-in sample, with credibility signals) with and
// without Sparse: the sparse decoder reads every line itself, and gets what
// the full decoder gets of the fields it reads.
func TestSparseRecords(t *testing.T) {
	recs := scoredRecords(t)
	data := write(t, "jsonl", recs...)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<24)
	for n := 1; sc.Scan(); n++ {
		if !record.SparseReads(sc.Bytes()) {
			t.Fatalf("line %d is left to the full decoder", n)
		}
	}
	full, sparse := readBoth(t, data)
	if len(sparse) != len(full) || len(full) != len(recs) {
		t.Fatalf("%d sparse records, %d full, %d written", len(sparse), len(full), len(recs))
	}
	withCred := 0
	for i := range full {
		if want := sparseOf(full[i]); !reflect.DeepEqual(sparse[i], want) {
			t.Fatalf("record %d (%s):\nsparse %+v\nwant %+v", i, full[i].ID, sparse[i], want)
		}
		if c := full[i].Credibility; c != nil && len(c.Attributions) > 0 && len(c.Cited) > 0 {
			withCred++
		}
	}
	if withCred == 0 {
		t.Error("no record with attributions and citations: the test reads too little")
	}
	skipped, err := readAll(t, record.Reader{Sparse: true, SkipCredibility: true}, data)
	if err != nil || len(skipped) != len(full) || skipped[0].Credibility != nil || skipped[0].Text != full[0].Text {
		t.Errorf("sparse without credibility: %d records, %v", len(skipped), err)
	}
}

// variedLines are records whose lists and maps grow, shrink, empty and go
// null from one line to the next.
var variedLines = []string{
	`{"schema":"compare.score/v1.3","matches":[{"entry":"a","valence":1},{"entry":"b","contrib":{"x":0.5}}],"quotes":[{"start":0,"end":1}],"targets":{"t":{"framing":0.5}},"credibility":{"attributions":[{"loaded":true},{"identified":true}],"vague_sources":[{"rule":"r"}],"cited":[{"name":"A"}],"sides":{"s":1}}}`,
	`{"schema":"compare.score/v1.3","matches":[{"entry":"a"},{"entry":"b"},{"entry":"c","contrib":{"x":0,"y":-1}}],"quotes":[],"targets":{},"credibility":{"attributions":[],"vague_sources":null,"cited":[{"name":"A"},{"name":"B"},{"name":"C"}],"sides":{}}}`,
	`{"schema":"compare.score/v1.3","matches":null,"quotes":null,"targets":null,"credibility":{"attributions":null,"cited":null}}`,
	`{"schema":"compare.score/v1.3","matches":[],"dropped":[{"start":0,"end":0,"reason":"r"}],"targets":{"t":{},"u":{"framing":null}},"credibility":{"attributions":[{},{},{}],"vague_sources":[{"attribution":true},{}]}}`,
	`{"schema":"compare.score/v1.3","matches":[{"valence":0.5,"contrib":{"x":0.5}}],"credibility":null}`,
}

// richLine has every field the sparse decoder reads.
const richLine = `{"schema":"compare.score/v1.3","id":"r","outlet":"o","group":"g","date":"2024-06-04","date_original":"4 June 2024","date_source":"meta",` +
	`"lexicon":{"name":"l","version":"1","sha256":"ab"},"text_line":2,"tokens":40,"loaded":3,"loaded_per_1k":75,"loaded_by_voice":{"author":2,"quote":1},` +
	`"categories":{"c":3},"targets":{"t":{"references":3,"author":2,"loaded":2,"framing":0.5,"quote_framing":-1},"u":{"framing":null}},` +
	`"stance":{"a":{"score":0.5,"n":2,"quote_score":1,"quote_n":1,"reported_score":0.5,"reported_n":1,"from_reported":true,"distanced_n":1}},` +
	`"matches":[{"start":0,"end":3,"line":1,"col":1,"text":"abc","entry":"e","target":"t","valence":0,"category":"c","voice":"author","contrib":{"a":0.5}},` +
	`{"start":4,"end":5,"line":1,"col":5,"text":"d","entry":"f","target":"t","valence":1,"category":"c","voice":"quote","contrib":{"a":1}}],` +
	`"dropped":[{"start":6,"end":7,"reason":"r"}],"quotes":[{"start":4,"end":5}],` +
	`"credibility":{"rules":{"name":"c","version":"1","sha256":"cd"},"attributions":[{"loaded":true},{}],"vague_sources":[{"rule":"v","attribution":true}],` +
	`"sourcing":{"claims":2,"unsourced":1,"unsourced_share":0.5,"loaded":1},"cited":[{"name":"N","kind":"k","side":"s","country":"c","self":true,"citations":2}],` +
	`"sides":{"s":2},"quotes":{"count":1,"scare":0,"words":1,"share_of_text":0.025},"hedges":{"count":1,"author":1},"certainty":{"count":1,"author":0},` +
	`"intensifiers":{"count":2,"author":1},"debris":{"count":1,"reasons":{"r":1}}},"text":"abc d e f g h i j"}`

// TestSparseListSizes reads records whose lists and maps grow, shrink,
// empty and go null from one line to the next, as the sparse decoder sizes
// each from the line before: each reads as the full decoder reads it.
func TestSparseListSizes(t *testing.T) {
	data := []byte(strings.Join(variedLines, "\n") + "\n")
	full, sparse := readBoth(t, data)
	for i, line := range variedLines {
		t.Run(fmt.Sprint("line ", i+1), func(t *testing.T) {
			if !record.SparseReads([]byte(line)) {
				t.Fatal("left to the full decoder")
			}
			if want := sparseOf(full[i]); !reflect.DeepEqual(sparse[i], want) {
				t.Errorf("sparse %+v\nwant %+v", sparse[i], want)
			}
		})
	}
}

// TestSparseReuse reads records with Reader.Reuse, generated ones and
// varied ones (variedLines, richLine) by turns, past several batches: each
// record is what the sparse decoder reads without Reuse, as fn sees it,
// and records are recycled.
func TestSparseReuse(t *testing.T) {
	if !record.SparseReads([]byte(richLine)) {
		t.Fatal("richLine is left to the full decoder")
	}
	recs := generatedRecords(t, 1e5, 5, nil)
	chunk := append(write(t, "jsonl", recs...), strings.Join(append(variedLines, richLine), "\n")+"\n"...)
	var data []byte
	for len(data) < 4<<20 {
		data = append(data, chunk...)
	}
	want, err := readAll(t, record.Reader{Sparse: true}, data)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[*record.Record]bool{}
	i, reused := 0, 0
	err = record.Reader{Sparse: true, Reuse: true}.Read(bytes.NewReader(data), "f.jsonl", func(r *record.Record) error {
		if !reflect.DeepEqual(r, want[i]) {
			return fmt.Errorf("record %d (%s) reads otherwise when recycled:\n%+v\nwant %+v", i, want[i].ID, r, want[i])
		}
		if seen[r] {
			reused++
		}
		seen[r] = true
		i++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if i != len(want) || reused == 0 {
		t.Fatalf("%d records read of %d, %d of them recycled: the test reads no recycled record", i, len(want), reused)
	}
}

// TestSparseCountsAttributions holds the sparse decoder's count of
// attributions, which it does not read one by one, to the full decoder's,
// on arrays whose strings and nested values hold commas, brackets and
// escaped quotes.
func TestSparseCountsAttributions(t *testing.T) {
	for _, tc := range []struct{ name, array string }{
		{"empty", `[]`},
		{"spaces", `[ ] `},
		{"null element", `[null]`},
		{"one", `[{"text":"said"}]`},
		{"spaced", ` [ {"text" : "a"} , {} ,null ] `},
		{"commas in strings", `[{"text":"a, b, c"},{"verb":",,"}]`},
		{"brackets in strings", `[{"text":"]}[{"},{"text":"{"}]`},
		{"escaped quotes", `[{"text":"a \"b,\" c\\"},{"text":"\\\""}]`},
		{"nested", `[{"source":{"kind":"named","text":"a, [b]"}},{"extra":[1,[2,3],{"a":[4,5]}]},{"extra":{"b":{}}}]`},
		{"not JSON", `[{"extra":[,]}]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			line := `{"schema":"compare.score/v1.3","credibility":{"attributions":` + tc.array + `}}`
			full, ferr := readAll(t, record.Reader{}, []byte(line+"\n"))
			if !record.SparseReads([]byte(line)) {
				if ferr == nil {
					t.Fatalf("%s is left to the full decoder", tc.array)
				}
				return // not JSON: the full decoder says why
			}
			if ferr != nil {
				t.Fatalf("the sparse decoder reads %s, the full one says %v", tc.array, ferr)
			}
			sparse, err := readAll(t, record.Reader{Sparse: true}, []byte(line+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(sparse[0].Credibility.Attributions), len(full[0].Credibility.Attributions); got != want {
				t.Errorf("%s: %d attributions, want %d", tc.array, got, want)
			}
		})
	}
}

// leftOut reports whether an error of the full decoder is about a value
// Reader.Sparse leaves out (and so only checks to be well-formed JSON).
func leftOut(err error) bool {
	msg := err.Error()
	for _, field := range []string{"title", "url", "source", "meta", "matches.contrib", "matches.cue", "credibility."} {
		if strings.Contains(msg, `field "`+field) {
			return !strings.Contains(msg, `field "credibility.sourcing.claims"`)
		}
	}
	return false
}

// FuzzReadSparse holds the sparse reader to the full one: the same records
// (as far as it reads them) and the same errors, but for errors in values
// it leaves out.
func FuzzReadSparse(f *testing.F) {
	for _, s := range []string{
		`{"schema":"compare.score/v1","id":"a","outlet":"x","lexicon":{"name":"t","version":"1","sha256":"ab"},"tokens":10,"stance":{"x":{"score":0.5,"n":1}}}`,
		`{"schema":"compare.score/v1","Tokens":3,"tokens":4}`,
		`{"schema":"compare.score/v1","tokens":3,"tokens":4}`,
		`{"schema":"compare.score/v1","text":"caf\u00e9 \ud800","matches":[null,{"start":1,"end":2,"voice":"quote","contrib":{"a":1}}]}`,
		`{"schema":"compare.score/v1","targets":{"t":{"framing":null,"references":2},"t":{}},"stance":{"a":{"score":-0.5,"n":2}}}`,
		`{"schema":"compare.score/v1","credibility":{"attributions":[{"loaded":true,"source":{"kind":"named"}}],"sides":{"x":1},"cited":[{"name":"N","self":true,"citations":2,"spans":[]}]}}`,
		`{"schema":"compare.score/v1","title":5,"tokens":1.0}`,
		`{"schema":"compare.score/v1","date":"04/06/2024"}`,
		`{"schema":"compare.score/v1.1","date":"2024-06-04","date_original":"4 June 2024","date_source":"meta"}`,
		`{"schema":"compare.score/v1.1","date_original":"04/06/2024"}`,
		`{"schema":"compare.score/v1.2","text_line":7,"tokens":2}`,
		`{"schema":"compare.score/v1.2","text_line":1.5}`,
		`{"schema":"compare.score/v1.3","loaded_by_voice":{"author":1,"reported":2},"stance":{"a":{"score":0.5,"n":2,"reported_score":0.5,"reported_n":2,"from_reported":true}}}`,
		`{"schema":"compare.score/v1.3","stance":{"a":{"reported_n":1.5,"from_reported":1}}}`,
		`{"schema":"compare.score/v1.3","stance":{"a":{"reported_n":-1,"from_reported":null}}}`,
		`{"schema":"compare.score/v1.3","matches":[{"start":0,"end":3,"voice":"reported"}],"loaded_by_voice":{"reported":-2}}`,
		`{"schema":"compare.score/v1","ſchema":"x","loaded_by_voice":{"author":-1}}`,
		`{"schema":"compare.score/v1.3","matches":[{"contrib":{"a":0.5,"b":0},"valence":0.5},{"contrib":{"a":0.5},"valence":0},{"valence":0,"contrib":{"a":0,"b":-1}},{"valence":1,"contrib":{"a":0.2}},{"contrib":{"a":0}}]}`,
		`{"schema":"compare.score/v1.3","credibility":{"attributions":[{"identified":true},null,{"loaded":true}],"vague_sources":[{"rule":"r"},{"attribution":true}],"cited":[{"name":"A"},{"name":"B","citations":1}]}}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\n\r") {
			return
		}
		data := []byte(line + "\n")
		full, ferr := readAll(t, record.Reader{}, data)
		sparse, lerr := readAll(t, record.Reader{Sparse: true}, data)
		switch {
		case lerr != nil && (ferr == nil || lerr.Error() != ferr.Error() && !leftOut(ferr)):
			t.Fatalf("sparse error %v, full %v", lerr, ferr)
		case lerr == nil && ferr != nil && !leftOut(ferr):
			t.Fatalf("sparse reads what the full reader refuses: %v", ferr)
		case lerr == nil && ferr == nil && len(full) == 1 && !reflect.DeepEqual(sparseOf(full[0]), sparse[0]):
			// A line the sparse decoder left to the full one is read in full.
			if !reflect.DeepEqual(full[0], withoutLoaded(sparse[0])) {
				t.Fatalf("sparse %+v\nfull %+v", sparse[0], full[0])
			}
		}
		// Decoded in a recycled record (Reader.Reuse), the line reads the
		// same: nothing of the record before is left in it.
		if record.SparseReads([]byte(line)) {
			fresh, _ := record.SparseDecodeAfter(nil, []byte(line))
			again, err := record.SparseDecodeAfter([]byte(richLine), []byte(line))
			if err != nil || !reflect.DeepEqual(again, fresh) {
				t.Fatalf("recycled %+v (%v)\nfresh %+v", again, err, fresh)
			}
		}
	})
}

// withoutLoaded returns r with each match's Loaded set from its
// contributions, as the full reader sets it.
func withoutLoaded(r *record.Record) *record.Record {
	c := *r
	c.Matches = append([]record.MatchRecord(nil), r.Matches...)
	for i := range c.Matches {
		m := &c.Matches[i]
		m.Loaded = record.IsLoaded(m.Valence, m.Contrib)
	}
	return &c
}

// nonZero returns the non-zero contributions of c, nil when none.
func nonZero(c map[string]float64) map[string]float64 {
	var out map[string]float64
	for k, v := range c {
		if v != 0 {
			if out == nil {
				out = map[string]float64{}
			}
			out[k] = v
		}
	}
	return out
}
