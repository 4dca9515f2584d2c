// Package pipeline scores a stream of articles on several goroutines while
// keeping the output in input order, with memory bounded by the number of
// workers rather than by the size of the corpus.
package pipeline

import (
	"context"
	"runtime"
	"sync"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/stance"
)

// Options configure Score.
type Options struct {
	// Workers is the number of scoring goroutines; 0 means GOMAXPROCS.
	Workers int
	// Credibility, when not nil, adds credibility signals to every record.
	Credibility *credibility.Analyzer
}

// Source produces articles by calling emit for each one in order; it stops
// and returns emit's error when emit fails.
type Source func(emit func(*corpus.Article) error) error

// Sink receives the records of one article, one per matcher, in input
// order. A Sink error stops the pipeline.
type Sink func(a *corpus.Article, recs []*stance.Record) error

// Score reads articles from src, scores each with every matcher, and hands
// the records to sink in the order the articles were read. The output is
// the same for any number of workers.
func Score(ctx context.Context, matchers []*lexicon.Matcher, opt Options, src Source, sink Sink) error {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers == 1 {
		scorers := newScorers(matchers, opt.Credibility)
		return src(func(a *corpus.Article) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			return sink(a, scoreAll(scorers, a))
		})
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		a    *corpus.Article
		recs []*stance.Record
		done chan struct{}
	}
	// in carries jobs to the workers; order carries the same jobs, in input
	// order, to the writer. Its capacity bounds the articles in flight.
	in := make(chan *job, workers)
	order := make(chan *job, 4*workers)

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			scorers := newScorers(matchers, opt.Credibility)
			for j := range in {
				j.recs = scoreAll(scorers, j.a)
				close(j.done)
			}
		}()
	}

	readErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(in)
		readErr <- src(func(a *corpus.Article) error {
			j := &job{a: a, done: make(chan struct{})}
			select {
			case order <- j:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case in <- j:
			case <-ctx.Done():
				close(j.done) // the writer is waiting for it
				return ctx.Err()
			}
			return nil
		})
	}()

	var sinkErr error
	for j := range order {
		<-j.done
		if sinkErr == nil && ctx.Err() == nil {
			if sinkErr = sink(j.a, j.recs); sinkErr != nil {
				cancel()
			}
		}
	}
	wg.Wait()
	if sinkErr != nil {
		return sinkErr
	}
	if err := <-readErr; err != nil {
		return err
	}
	return ctx.Err()
}

func newScorers(matchers []*lexicon.Matcher, cred *credibility.Analyzer) []*stance.Scorer {
	s := make([]*stance.Scorer, len(matchers))
	for i, m := range matchers {
		s[i] = stance.NewScorer(m)
		s[i].SetCredibility(cred)
	}
	return s
}

func scoreAll(scorers []*stance.Scorer, a *corpus.Article) []*stance.Record {
	recs := make([]*stance.Record, len(scorers))
	for i, s := range scorers {
		recs[i] = s.Score(a)
	}
	return recs
}
