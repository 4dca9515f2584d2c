package fanout

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

// count emits 0, 1, …, n-1, then returns end.
func count(n int, end error) func(emit func(int) error) error {
	return func(emit func(int) error) error {
		for i := 0; i < n; i++ {
			if err := emit(i); err != nil {
				return err
			}
		}
		return end
	}
}

// square is slow on every seventh item, so that workers finish out of
// order.
func square() func(int) int {
	return func(i int) int {
		if i%7 == 0 {
			time.Sleep(50 * time.Microsecond)
		}
		return i * i
	}
}

func TestOrdered(t *testing.T) {
	readErr := errors.New("disk on fire")
	stop := errors.New("enough")
	tests := []struct {
		name    string
		n       int
		end     error // returned by the source after its items
		stopAt  int   // the sink fails at this item; -1 never
		want    error
		wantN   int // items the sink saw
		workers []int
	}{
		{name: "all in order", n: 2000, stopAt: -1, wantN: 2000},
		{name: "empty", n: 0, stopAt: -1, wantN: 0},
		{name: "source error after its items", n: 300, end: readErr, stopAt: -1, want: readErr, wantN: 300},
		{name: "sink error stops", n: 100000, stopAt: 9, want: stop, wantN: 10},
		{name: "sink error wins over a source error", n: 50, end: readErr, stopAt: 9, want: stop, wantN: 10},
	}
	for _, tt := range tests {
		for _, workers := range []int{0, 1, 2, 8} {
			t.Run(fmt.Sprintf("%s/%d workers", tt.name, workers), func(t *testing.T) {
				next := 0
				err := Ordered(context.Background(), Limits[int]{Workers: workers}, count(tt.n, tt.end), square, func(in, out int) error {
					if in != next || out != in*in {
						return fmt.Errorf("got item %d (%d), want %d", in, out, next)
					}
					next++
					if in == tt.stopAt {
						return stop
					}
					return nil
				})
				if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) || next != tt.wantN {
					t.Fatalf("err %v after %d items, want %v after %d", err, next, tt.want, tt.wantN)
				}
			})
		}
	}
}

func TestOrderedCancel(t *testing.T) {
	for _, workers := range []int{1, 3} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			n := 0
			err := Ordered(ctx, Limits[int]{Workers: workers}, count(100000, nil), square, func(int, int) error {
				n++
				if n == 5 {
					cancel()
				}
				return nil
			})
			if !errors.Is(err, context.Canceled) || n < 5 || n > 5+4*workers+workers {
				t.Fatalf("err %v after %d items, want context.Canceled soon after 5", err, n)
			}
		})
	}
}

// Each worker gets its own state from newWorker: its calls need no lock.
func TestOrderedWorkerState(t *testing.T) {
	var made atomic.Int32
	newWorker := func() func(int) int {
		made.Add(1)
		calls := 0
		return func(int) int { calls++; return calls }
	}
	total := 0
	err := Ordered(context.Background(), Limits[int]{Workers: 4}, count(1000, nil), newWorker, func(_, calls int) error {
		total += min(calls, 1)
		return nil
	})
	if err != nil || total != 1000 || made.Load() != 4 {
		t.Fatalf("err %v, %d items, %d workers made, want 1000 items by 4", err, total, made.Load())
	}
}

// TestOrderedWeight checks that the weight of the items between src and
// sink stays under MaxWeight, and that an item heavier than it still
// passes, alone.
func TestOrderedWeight(t *testing.T) {
	const max = 100
	weight := func(i int) int64 { return int64(10 + i%7*20) } // 10 … 130
	var inFlight, peak atomic.Int64
	src := func(emit func(int) error) error {
		for i := 0; i < 3000; i++ {
			if err := emit(i); err != nil {
				return err
			}
			// Counted once emit has made room for it, and uncounted by the
			// sink: never more than is truly in flight.
			if now := inFlight.Add(min(weight(i), max)); now > peak.Load() {
				peak.Store(now)
			}
		}
		return nil
	}
	n := 0
	err := Ordered(context.Background(), Limits[int]{Workers: 8, Weight: weight, MaxWeight: max}, src, square, func(in, out int) error {
		if in != n {
			return fmt.Errorf("got item %d, want %d", in, n)
		}
		n++
		inFlight.Add(-min(weight(in), max))
		return nil
	})
	if err != nil || n != 3000 || peak.Load() > max {
		t.Fatalf("err %v after %d items, peak weight %d, bound %d", err, n, peak.Load(), max)
	}
}
