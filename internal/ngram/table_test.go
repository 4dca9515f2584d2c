package ngram

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/token"
)

// counted lists a table's entries as "order:phrase=count", sorted.
func counted(t *Table) []string {
	var got []string
	t.each(func(order, unit int, phrase string, n int64) {
		got = append(got, fmt.Sprintf("%d:%s=%d", order, phrase, n))
	})
	slices.Sort(got)
	return got
}

func TestTableCount(t *testing.T) {
	tests := []struct {
		name    string
		filter  Filter
		text    string
		dropped []corpus.Span
		skip    []int // tokens to skip
		want    []string
	}{
		{"phrases", Phrases, "Mullahs’ regime sent troops", nil, nil, []string{
			"1:mullahs=1", "1:regime=1", "1:sent=1", "1:troops=1",
			"2:mullahs regime=1", "2:regime sent=1", "2:sent troops=1",
			"3:mullahs regime sent=1", "3:regime sent troops=1"}},
		{"sentence break", Phrases, "Rebels fled. Regime won", nil, nil, []string{
			"1:fled=1", "1:rebels=1", "1:regime=1", "1:won=1", "2:rebels fled=1", "2:regime won=1"}},
		{"numbers break and are not counted", Phrases, "killed 2,000 people in 2016 there", nil, nil, []string{
			"1:in=1", "1:killed=1", "1:people=1", "1:there=1", "2:people in=1"}},
		{"repeats", Phrases, "the regime the regime", nil, nil, []string{
			"1:regime=2", "1:the=2", "2:regime the=1", "2:the regime=2", "3:regime the regime=1", "3:the regime the=1"}},
		{"a comma ends no phrase", Phrases, "rebels, regime", nil, nil, []string{
			"1:rebels=1", "1:regime=1", "2:rebels regime=1"}},
		{"candidates: a comma ends a name", Candidates, "rebels, regime", nil, nil, []string{
			"1:rebels=1", "1:regime=1"}},
		{"candidates: no stopword at either end", Candidates, "the leader of the revolution said", nil, nil, []string{
			"1:leader=1", "1:revolution=1"}},
		{"candidates: stopwords inside", Candidates, "leader of revolution", nil, nil, []string{
			"1:leader=1", "1:revolution=1", "3:leader of revolution=1"}},
		{"candidates: one letter is a stopword", Candidates, "x regime", nil, nil, []string{"1:regime=1"}},
		{"dropped debris ends a candidate", Candidates, "rebels Share regime", []corpus.Span{{Start: 7, End: 12}}, nil, []string{
			"1:rebels=1", "1:regime=1"}},
		{"dropped debris is not counted", Phrases, "rebels Share regime", []corpus.Span{{Start: 7, End: 12}}, nil, []string{
			"1:rebels=1", "1:regime=1", "2:rebels regime=1"}},
		{"skipped tokens break", Phrases, "the regime forces fled", nil, []int{1}, []string{
			"1:fled=1", "1:forces=1", "1:the=1", "2:forces fled=1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := NewTable(tt.filter, 1000)
			var tz token.Tokenizer
			ts := tz.Tokenize(tt.text)
			token.Drop(ts, tt.dropped)
			var skip []bool
			if tt.skip != nil {
				skip = make([]bool, ts.Len())
				for _, i := range tt.skip {
					skip[i] = true
				}
			}
			tab.Count(0, ts, skip)
			if got := counted(tab); !slices.Equal(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestTablePrune(t *testing.T) {
	// "alpha" 50 times among 40 words used once each.
	var words []string
	for i := 0; i < 40; i++ {
		words = append(words, "alpha", fmt.Sprintf("w%c%c", 'a'+i%26, 'a'+i/26))
	}
	for i := 0; i < 10; i++ {
		words = append(words, "alpha")
	}
	text := strings.Join(words, ". ")
	tests := []struct {
		name  string
		table *Table
		// most entries the table may hold after counting
		most int
	}{
		{"as soon as it passes its cap", NewTable(Phrases, 10), 10},
		{"between texts", NewTable(Phrases, 10).PruneBetweenTexts(), 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := tt.table
			var tz token.Tokenizer
			tab.Count(0, tz.Tokenize(text), nil)
			if prunes, _ := tab.Prunes(); prunes == 0 || tab.Len() > tt.most {
				t.Fatalf("%d prunes, %d entries", prunes, tab.Len())
			}
			if got := counted(tab); !slices.Contains(got, "1:alpha=50") {
				t.Errorf("alpha not counted 50 times: frequent terms are never pruned: %v", got)
			}
			if tab.totals[0][0] != 90 {
				t.Errorf("unit total %d, want 90 whatever was pruned", tab.totals[0][0])
			}
		})
	}
}

func TestIsNumber(t *testing.T) {
	for w, want := range map[string]bool{"2016": true, "2,000": true, "2.5": true, "٣": true, ",": false, "b52": false, "": false} {
		if got := IsNumber([]byte(w)); got != want {
			t.Errorf("IsNumber(%q) = %v, want %v", w, got, want)
		}
	}
}
