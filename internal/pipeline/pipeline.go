// Package pipeline scores a stream of articles on several goroutines while
// keeping the output in input order, with memory bounded by the number of
// workers and by the bytes of text in flight (Options.MaxInFlight) rather than by
// the size of the corpus. The fan-out is package fanout's; pipeline adds the
// scorers, and is with cmd/compare the only importer of package stance.
package pipeline

import (
	"context"
	"runtime"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/fanout"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/stance"
)

// DefaultMaxInFlight bounds the bytes of article text between reading and
// writing when Options.MaxInFlight is 0. Scoring holds some tens of times an
// article's size (tokens, matches, credibility signals, the record), so a
// few articles of many megabytes scored at once would need gigabytes: past
// this bound they wait their turn. Ordinary articles, of kilobytes, never
// reach it.
const DefaultMaxInFlight = 16 << 20

// bigArticle is the text size past which a worker drops its scorers after
// scoring an article: their buffers grow to the largest article seen and
// would keep that memory for the rest of the run.
const bigArticle = 1 << 20

// MaxWorkersPerCore bounds Options.Workers: scoring is CPU-bound, so more
// goroutines than a few per core only add memory.
const MaxWorkersPerCore = 4

// MaxWorkers returns the most workers Score uses on this machine.
func MaxWorkers() int { return MaxWorkersPerCore * runtime.NumCPU() }

// Options configure Score.
type Options struct {
	// Workers is the number of scoring goroutines; 0 (or less) means
	// GOMAXPROCS, and more than MaxWorkers means MaxWorkers.
	Workers int
	// Credibility, when not nil, adds credibility signals to every record.
	Credibility *credibility.Analyzer
	// MaxInFlight bounds the bytes of article text read but not yet
	// written; 0 means DefaultMaxInFlight. An article larger than the
	// bound is scored alone.
	MaxInFlight int64
}

// Source produces articles by calling emit for each one in order; it stops
// and returns emit's error when emit fails.
type Source func(emit func(*corpus.Article) error) error

// Sink receives the records of one article, one per matcher, in input
// order. A Sink error stops the pipeline.
type Sink func(a *corpus.Article, recs []*record.Record) error

// Score reads articles from src, scores each with every matcher, and hands
// the records to sink in the order the articles were read. The output is
// the same for any number of workers.
func Score(ctx context.Context, matchers []*lexicon.Matcher, opt Options, src Source, sink Sink) error {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	budget := opt.MaxInFlight
	if budget <= 0 {
		budget = DefaultMaxInFlight
	}
	lim := fanout.Limits[*corpus.Article]{
		Workers:   min(workers, MaxWorkers()),
		Weight:    func(a *corpus.Article) int64 { return int64(len(a.Text)) },
		MaxWeight: budget,
	}
	// The models are compiled once and shared by the workers.
	models := make([]*stance.Model, len(matchers))
	for i, m := range matchers {
		models[i] = stance.NewModel(m, opt.Credibility)
	}
	newWorker := func() func(*corpus.Article) []*record.Record {
		var w worker
		return func(a *corpus.Article) []*record.Record { return w.score(models, a) }
	}
	return fanout.Ordered(ctx, lim, src, newWorker, sink)
}

// worker holds one goroutine's scorers, one per matcher.
type worker struct{ scorers []*stance.Scorer }

// score scores a with every matcher. After a big article the scorers are
// dropped, and with them the buffers sized for it.
func (w *worker) score(models []*stance.Model, a *corpus.Article) []*record.Record {
	if w.scorers == nil {
		w.scorers = make([]*stance.Scorer, len(models))
		for i, md := range models {
			w.scorers[i] = md.NewScorer()
		}
	}
	recs := make([]*record.Record, len(w.scorers))
	for i, s := range w.scorers {
		recs[i] = s.Score(a)
	}
	if len(a.Text) > bigArticle {
		w.scorers = nil
	}
	return recs
}
