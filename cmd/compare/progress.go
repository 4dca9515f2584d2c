package main

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/urfave/cli/v2"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"

	"github.com/compare-tool/compare/internal/corpus"
)

// longRun is how long a run must take before a run without a progress bar
// ends with a throughput line.
const longRun = 2 * time.Second

// progress follows a reading run: a bar on a terminal (bytes, MB/s,
// articles, ETA when the input size is known), and a closing throughput
// line for long runs.
type progress struct {
	w        io.Writer
	start    time.Time
	bytes    atomic.Int64
	articles atomic.Int64
	quiet    bool
	p        *mpb.Progress
	bar      *mpb.Bar
}

func startProgress(c *cli.Context, paths []string) *progress {
	pr := &progress{w: c.App.ErrWriter, start: time.Now(), quiet: c.Bool("no-progress")}
	if pr.w == nil {
		pr.w = os.Stderr
	}
	show := c.Bool("progress")
	if !show && !pr.quiet {
		if f, ok := pr.w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			show = true
		}
	}
	if !show || pr.quiet {
		return pr
	}
	total, known := corpus.InputSize(paths)
	if !known {
		total = 0
	}
	pr.p = mpb.New(mpb.WithOutput(pr.w), mpb.WithWidth(32), mpb.WithRefreshRate(200*time.Millisecond))
	articles := decor.Any(func(decor.Statistics) string {
		n := pr.articles.Load()
		rate := float64(n) / time.Since(pr.start).Seconds()
		return fmt.Sprintf("%d articles (%.0f/s)", n, rate)
	})
	eta := decor.OnComplete(decor.AverageETA(decor.ET_STYLE_GO), "done")
	if total == 0 {
		eta = decor.Elapsed(decor.ET_STYLE_GO)
	}
	pr.bar = pr.p.New(total, mpb.BarStyle(),
		mpb.PrependDecorators(decor.Name("compare "), decor.CountersKiloByte("% .1f / % .1f")),
		mpb.AppendDecorators(decor.AverageSpeed(decor.SizeB1000(0), " % .1f", decor.WCSyncSpace), decor.Name("  "), articles, decor.Name("  "), eta),
	)
	return pr
}

// addBytes is the corpus.Options.Progress feed.
func (pr *progress) addBytes(n int64) {
	pr.bytes.Add(n)
	if pr.bar != nil {
		pr.bar.IncrInt64(n)
	}
}

func (pr *progress) article() { pr.articles.Add(1) }

// finish stops the bar and, after a long run, prints the throughput.
func (pr *progress) finish() {
	if pr.bar != nil {
		pr.bar.SetTotal(-1, true) // complete at whatever was read
		pr.p.Wait()
	}
	elapsed := time.Since(pr.start)
	if pr.quiet || (pr.bar == nil && elapsed < longRun) {
		return
	}
	secs := elapsed.Seconds()
	mb := float64(pr.bytes.Load()) / 1e6
	n := pr.articles.Load()
	fmt.Fprintf(pr.w, "compare: %d articles, %.1f MB in %.1f s: %.1f MB/s, %.0f articles/s\n", n, mb, secs, mb/secs, float64(n)/secs)
}
