package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

func matchers(t *testing.T) []*lexicon.Matcher {
	t.Helper()
	lex, err := lexicon.LoadFile("../lexicon/testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return []*lexicon.Matcher{lexicon.Compile(lex)}
}

// source emits n articles, some long and some short, so that workers
// finish out of order.
func source(n int) Source {
	return func(emit func(*corpus.Article) error) error {
		for i := 0; i < n; i++ {
			text := "the mullahs’ regime and the rebels"
			if i%7 == 0 {
				for j := 0; j < 200; j++ {
					text += " terrorists and mercenaries"
				}
			}
			if err := emit(&corpus.Article{ID: fmt.Sprint(i), Text: text}); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestScoreKeepsOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 8} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			next := 0
			err := Score(context.Background(), matchers(t), Options{Workers: workers}, source(500),
				func(a *corpus.Article, recs []*record.Record) error {
					if a.ID != fmt.Sprint(next) || len(recs) != 1 || recs[0].ID != a.ID {
						return fmt.Errorf("got article %s (%d records), want %d", a.ID, len(recs), next)
					}
					next++
					return nil
				})
			if err != nil || next != 500 {
				t.Fatalf("err %v after %d articles", err, next)
			}
		})
	}
}

func TestScoreStopsOnSinkError(t *testing.T) {
	stop := errors.New("disk full")
	n := 0
	err := Score(context.Background(), matchers(t), Options{Workers: 4}, source(10000),
		func(*corpus.Article, []*record.Record) error {
			n++
			if n == 10 {
				return stop
			}
			return nil
		})
	if !errors.Is(err, stop) || n != 10 {
		t.Fatalf("err %v after %d articles, want %v after 10", err, n, stop)
	}
}

func TestScoreCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := Score(ctx, matchers(t), Options{Workers: 3}, source(10000),
		func(*corpus.Article, []*record.Record) error {
			n++
			if n == 5 {
				cancel()
			}
			return nil
		})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
}

// TestScoreBoundsBytesInFlight checks that big articles wait for the text
// in flight to fall under Options.MaxInFlight instead of being read and
// scored as fast as the workers take them: without the bound, eight
// workers and their queue would hold all the articles at once.
func TestScoreBoundsBytesInFlight(t *testing.T) {
	const budget = 64 << 10
	tests := []struct {
		name  string
		size  int
		limit int64 // the most text in flight allowed
	}{
		{"three fit", budget/3 - 1, budget},
		{"one at a time", budget/2 + 1, budget},
		{"larger than the bound, alone", budget + 1, budget + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Repeat("a", tt.size) // one word: cheap to score
			var mu sync.Mutex
			var inFlight, most int64
			src := func(emit func(*corpus.Article) error) error {
				for i := 0; i < 20; i++ {
					if err := emit(&corpus.Article{ID: fmt.Sprint(i), Text: text}); err != nil {
						return err
					}
					// Admitted: it counts until the sink has it.
					mu.Lock()
					inFlight += int64(len(text))
					most = max(most, inFlight)
					mu.Unlock()
				}
				return nil
			}
			n := 0
			err := Score(context.Background(), matchers(t), Options{Workers: 8, MaxInFlight: budget}, src,
				func(a *corpus.Article, _ []*record.Record) error {
					mu.Lock()
					inFlight -= int64(len(a.Text))
					mu.Unlock()
					n++
					return nil
				})
			if err != nil || n != 20 {
				t.Fatalf("err %v after %d articles", err, n)
			}
			if most > tt.limit {
				t.Errorf("%d bytes in flight, want at most %d", most, tt.limit)
			}
		})
	}
}
