// Package fanout runs one function over a stream of items on several
// goroutines and hands the results on in the order the items came, with
// memory bounded by the number of workers rather than by the stream. It
// is what scoring a corpus (package pipeline) and reading score files
// (package record) share.
package fanout

import (
	"context"
	"runtime"
	"sync"

	"golang.org/x/sync/semaphore"
)

// Limits bound the work Ordered has in flight.
type Limits[In any] struct {
	// Workers is the number of worker goroutines; 0 (or less) means
	// GOMAXPROCS.
	Workers int
	// Weight, when not nil, gives each item's weight (its bytes, say),
	// and MaxWeight bounds the weight of the items emitted but not yet
	// handed to the sink: past it, src waits. An item heavier than
	// MaxWeight counts as MaxWeight, so it is worked on alone. With Weight
	// nil, the items in flight are bounded by their number alone (a few
	// per worker).
	Weight    func(In) int64
	MaxWeight int64
}

// Ordered reads items from src, calls a worker on each on lim.Workers
// goroutines, and calls sink with each item and its result in the order
// src emitted them, on the caller's goroutine. newWorker is called once
// on each worker goroutine (so calls may be concurrent), and the worker
// it returns may keep state that is not safe for concurrent use (buffers,
// a scorer). With one worker everything runs on the caller's goroutine,
// one item at a time.
//
// src calls emit for each item in order and stops, returning emit's error,
// when emit fails. The first error of sink stops the stream: Ordered then
// returns it after the items in flight are done. Otherwise it returns
// src's error, after sink has seen every item emitted before it, or the
// context's error when ctx ends first. The results do not depend on the
// number of workers.
func Ordered[In, Out any](ctx context.Context, lim Limits[In], src func(emit func(In) error) error,
	newWorker func() func(In) Out, sink func(In, Out) error) error {
	workers := lim.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers == 1 {
		work := newWorker()
		return src(func(it In) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			return sink(it, work(it))
		})
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		in     In
		out    Out
		done   chan struct{}
		weight int64 // taken from inFlight
	}
	// jobs carries work to the workers; order carries the same jobs, in
	// input order, to the sink. Its capacity bounds the items in flight.
	jobs := make(chan *job, workers)
	order := make(chan *job, 4*workers)
	var inFlight *semaphore.Weighted
	if lim.Weight != nil && lim.MaxWeight > 0 {
		inFlight = semaphore.NewWeighted(lim.MaxWeight)
	}

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work := newWorker()
			for j := range jobs {
				j.out = work(j.in)
				close(j.done)
			}
		}()
	}

	srcErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(jobs)
		srcErr <- src(func(it In) error {
			j := &job{in: it, done: make(chan struct{})}
			if inFlight != nil {
				j.weight = min(lim.Weight(it), lim.MaxWeight)
				if err := inFlight.Acquire(ctx, j.weight); err != nil {
					return err
				}
			}
			select {
			case order <- j:
			case <-ctx.Done():
				if inFlight != nil {
					inFlight.Release(j.weight)
				}
				return ctx.Err()
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				close(j.done) // the sink is waiting for it
				return ctx.Err()
			}
			return nil
		})
	}()

	var sinkErr error
	for j := range order {
		<-j.done
		if sinkErr == nil && ctx.Err() == nil {
			if sinkErr = sink(j.in, j.out); sinkErr != nil {
				cancel()
			}
		}
		var zeroIn In
		var zeroOut Out
		j.in, j.out = zeroIn, zeroOut // the sink is done with them
		if inFlight != nil {
			inFlight.Release(j.weight)
		}
	}
	wg.Wait()
	if sinkErr != nil {
		return sinkErr
	}
	if err := <-srcErr; err != nil {
		return err
	}
	return ctx.Err()
}
