package record_test

import (
	"bufio"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/stance"
)

type Record = record.Record

var decodeFast = record.DecodeFast

const handFile = "../aggregate/testdata/records_hand.jsonl"

// decodeCases are lines the fast decoder must decode exactly as
// encoding/json does, or leave to it (fast = false).
var decodeCases = []struct {
	name, line string
	fast       bool
}{
	{"escapes", `{"schema":"compare.score/v1","text":"a \"q\" \\ \/ \b\f\n\r\t \u00e9 \u003c\u0026 \ud83d\ude00 end","title":"«Assad’s»"}`, true},
	{"lone surrogate", `{"schema":"compare.score/v1","text":"x\ud800y \udc00"}`, true},
	{"framing null and number", `{"schema":"compare.score/v1","targets":{"a":{"framing":null,"quote_framing":-0.5},"b":{"framing":1e-1}}}`, true},
	{"empty containers", `{"schema":"compare.score/v1","matches":[],"dropped":[],"meta":{},"categories":{},"stance":{}}`, true},
	{"unknown fields skipped", `{"schema":"compare.score/v1","future":{"a":[1,2.5e3,true,false,null,"s"]},"id":"x"}`, true},
	{"whitespace", " \t{ \"schema\" : \"compare.score/v1\" ,\r\n \"tokens\" : 12 } \r\n", true},
	{"negative zero", `{"schema":"compare.score/v1","loaded_per_1k":-0,"tokens":-0}`, true},
	{"key in another case", `{"schema":"compare.score/v1","Outlet":"x"}`, false},
	{"repeated key", `{"schema":"compare.score/v1","id":"a","id":"b"}`, false},
	{"null string", `{"schema":"compare.score/v1","title":null}`, false},
	{"escaped key", `{"schema":"compare.score/v1","\u0069d":"x"}`, false},
	{"invalid UTF-8", "{\"schema\":\"compare.score/v1\",\"text\":\"a\xffb\"}", false},
	{"float into int", `{"schema":"compare.score/v1","tokens":1.0}`, false},
	{"number out of range", `{"schema":"compare.score/v1","loaded_per_1k":1e999}`, false},
	{"leading zero", `{"schema":"compare.score/v1","tokens":012}`, false},
	{"trailing garbage", `{"schema":"compare.score/v1"} x`, false},
	{"not an object", `["compare.score/v1"]`, false},
	{"control character", "{\"schema\":\"compare.score/v1\",\"text\":\"a\tb\"}", false},
	{"deep unknown", `{"schema":"compare.score/v1","x":` + strings.Repeat("[", 600) + strings.Repeat("]", 600) + `}`, false},
}

func TestDecodeFast(t *testing.T) {
	for _, tt := range decodeCases {
		t.Run(tt.name, func(t *testing.T) {
			var fast Record
			ok := decodeFast([]byte(tt.line), &fast, nil)
			if ok != tt.fast {
				t.Fatalf("fast path taken: %v, want %v", ok, tt.fast)
			}
			if ok {
				checkSameAsJSON(t, []byte(tt.line), &fast)
			}
		})
	}
	// Every record compare writes takes the fast path.
	for _, path := range []string{handFile, "../../../shared/seeds/seeds.jsonl"} {
		f, err := os.Open(path)
		if err != nil {
			if path == handFile {
				t.Fatal(err)
			}
			continue
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<24)
		n := 0
		for sc.Scan() {
			n++
			var fast Record
			if !decodeFast(sc.Bytes(), &fast, nil) {
				if path == handFile {
					t.Errorf("%s:%d: fast path refused a record compare writes", path, n)
				}
				continue
			}
			checkSameAsJSON(t, sc.Bytes(), &fast)
		}
		f.Close()
	}
}

// TestDecodeFastScoredRecords decodes what the scorer writes, with
// quotations, dropped spans and credibility signals: every field must
// come through, and the fast path must be taken.
func TestDecodeFastScoredRecords(t *testing.T) {
	lex, err := lexicon.Load(lexicon.Default)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := credibility.Load(credibility.Default)
	if err != nil {
		t.Fatal(err)
	}
	s := stance.NewScorer(lexicon.Compile(lex))
	s.SetCredibility(credibility.Compile(rules))
	texts := []string{
		"The mullahs’ regime sent “military advisers”, officials said. Share\n\nAdvertisement",
		"Tehran & Damascus: the so-called rebels <b>attacked</b>, according to SANA.",
	}
	if data, err := os.ReadFile("../../../shared/seeds/seeds.jsonl"); err == nil {
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			var a corpus.Article
			if json.Unmarshal([]byte(line), &a) == nil {
				texts = append(texts, a.Text)
			}
		}
	}
	for i, text := range texts {
		a := &corpus.Article{ID: "x", Outlet: "o", Title: "t", Date: "2016-01-02", Meta: map[string]string{"k": "v"},
			Text: text, Dropped: []corpus.Span{{Start: 0, End: 1, Reason: "test"}}}
		line, err := json.Marshal(s.Score(a))
		if err != nil {
			t.Fatal(err)
		}
		var fast Record
		if !decodeFast(line, &fast, nil) {
			t.Fatalf("text %d: fast path refused a scored record: %.300s", i, line)
		}
		checkSameAsJSON(t, line, &fast)
		if fast.Credibility == nil || len(fast.Quotes) == 0 && strings.Contains(text, "“") {
			t.Errorf("text %d: credibility %v, quotes %v", i, fast.Credibility, fast.Quotes)
		}
	}
}

func checkSameAsJSON(t *testing.T, line []byte, fast *Record) {
	t.Helper()
	var want Record
	if err := json.Unmarshal(line, &want); err != nil {
		t.Fatalf("fast path accepted what encoding/json refuses (%v): %q", err, line)
	}
	if !reflect.DeepEqual(*fast, want) {
		t.Fatalf("fast path decoded\n%+v\nencoding/json\n%+v\nfrom %q", *fast, want, line)
	}
}

func FuzzDecodeFast(f *testing.F) {
	for _, tt := range decodeCases {
		f.Add(tt.line)
	}
	if data, err := os.ReadFile(handFile); err == nil {
		for _, line := range strings.SplitN(string(data), "\n", 4)[:3] {
			f.Add(line)
		}
	}
	f.Fuzz(func(t *testing.T, line string) {
		var fast Record
		if decodeFast([]byte(line), &fast, nil) {
			checkSameAsJSON(t, []byte(line), &fast)
		}
	})
}
