package main

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/dates"
	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/pipeline"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/sameevent"
)

func statsCommand() *cli.Command {
	return &cli.Command{
		Name:      "stats",
		Usage:     "compare outlets: summaries with intervals, tests, naming, distinctive terms, a map",
		ArgsUsage: "[PATH...] (articles to score first; or give --scores)",
		Description: `stats answers "does outlet A frame this differently from outlet B, by how much,
and how sure are we?", and says when the data cannot tell. It reads score
records (--scores, the JSON Lines of compare score --format jsonl) or scores
the articles at PATH first. Score a large corpus once, in shards on several
machines if need be, and compare as often as you like: shards given as
several --scores files, or concatenated, give the same output as one file.

Examples:
   compare score --format jsonl corpus/ > scores.jsonl
   compare stats --scores scores.jsonl
   compare stats --scores part1.jsonl --scores part2.jsonl.gz --format csv -o stats.csv
   compare stats --by group --format json corpus/
   compare stats --scores scores.jsonl --period month
   compare stats --scores today.jsonl --baseline 2024-06-01.jsonl --baseline 2024-06-02.jsonl

What it reports, per outlet (or --by group):
   articles, tokens     how much text the outlet contributes
   mean [95% CI]        average article score; percentile bootstrap interval
                        (--bootstrap resamples, --seed; same seed, same output)
   median (IQR)         R's type-7 quartiles, as quantile() computes them
   loaded/1k, voices    loaded terms per 1,000 tokens; share author/quote/distanced
   Kruskal-Wallis       do the outlets differ at all on an axis? (tie-corrected)
   Mann-Whitney, Holm   which pairs differ; p-values adjusted for the number of pairs
   Cliff's delta        by how much: the share of article pairs where one outlet
                        scores higher minus the share where it scores lower
   naming               which words each outlet uses for each target
   distinctive terms    words and phrases an outlet uses more than the others
                        (log-odds, Monroe et al. 2008); "no: candidate" marks
                        terms the lexicon lacks
   outlet map           correspondence analysis of outlets x lexicon entries
   trends (--period)    each outlet's mean per day, week, month, quarter or year
                        with intervals and n (too few articles marked, not
                        dropped), and a trend test: Kendall's tau of article
                        score against date, with a sentence saying from what
                        to what
   baseline             with --baseline: each outlet's new articles against its
                        own earlier ones: difference in mean stance [95% CI],
                        Mann-Whitney (Holm over outlets), Cliff's delta, a
                        "shifted" flag (Holm p < 0.05 and the interval excludes
                        0; exit status 6), the names whose share changed most,
                        and the words new against the baseline

Caveats: lexicon scoring sees word choice only, not sarcasm, the selection of
facts, or stance in words outside the lexicon. An article counts toward an
axis only when it has evidence on it (n > 0). Outlets with fewer than
--min-articles articles are listed but not tested: with one article per outlet
there are no p-values. The tests treat articles as independent. Distinctive
terms of a large corpus come from a sample of its texts (--text-budget). A
corrupt score file is an error, not skipped: statistics on the part that
parsed would mislead.`,
		Flags: append([]cli.Flag{
			&cli.StringSliceFlag{Name: "scores", Aliases: []string{"s"},
				Usage: "read score records from `FILE` (JSON Lines of compare score --format jsonl, .gz decompressed, - standard input; or the Parquet articles table of --format parquet); repeat for shards"},
			&cli.StringFlag{Name: "lexicon", Aliases: []string{"l"},
				Usage: "lexicon `NAME` or YAML FILE: scores PATHs with it, and keeps only --scores records scored with it (by name, or by content for a FILE)"},
			&cli.StringFlag{Name: "by", Value: "outlet", Usage: "`UNIT` to compare: outlet, or group (the outlets' groups from the outlet metadata)"},
			periodFlag(),
			baselineFlag(),
			&cli.IntFlag{Name: "bootstrap", Value: aggregate.DefaultBootstrap, Usage: "bootstrap resamples (`N`) for the 95% intervals; 0 leaves them out"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "bootstrap `SEED`; recorded in the output"},
			&cli.IntFlag{Name: "min-articles", Value: aggregate.DefaultMinArticles, Usage: "fewest articles (`N`) an outlet needs to be tested"},
			&cli.IntFlag{Name: "top", Value: aggregate.DefaultTop, Usage: "distinctive terms (`N`) per outlet; 0 leaves them out"},
			&cli.IntFlag{Name: "text-budget", Value: aggregate.DefaultTextBudget >> 20, Usage: "article text (`MB`) kept for distinctive terms; past it the texts are sampled by a hash of outlet and id, and the output says so"},
			&cli.IntFlag{Name: "ngram-cap", Value: aggregate.DefaultNgramCap, Usage: "word and phrase counts (`N`) kept in memory for distinctive terms, ~50 bytes each; past it rare ones are pruned and the output says so"},
			credibilityFlag(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table",
				Usage: "output `FORMAT`: " + strings.Join(aggregate.ComparisonFormats, ", ") + " (csv is tidy: one value a row)"},
			outputFlag(),
			&cli.IntFlag{Name: "workers", Aliases: []string{"j"}, Usage: "goroutines (`N`) for scoring and statistics; 0 = one per CPU, at most 4 per CPU. Output is the same for any N"},
			eventsFlag(false),
			windowFlag(),
			thresholdFlag(),
		}, inputFlags()...),
		Action: runStats,
	}
}

func runStats(c *cli.Context) error {
	scoreFiles := c.StringSlice("scores")
	if len(scoreFiles) == 0 && c.NArg() == 0 {
		return cli.Exit("stats: give --scores FILE or at least one PATH of articles to score", exitUsage)
	}
	by, err := byFlag(c, "stats")
	if err != nil {
		return err
	}
	format := c.String("format")
	if !slices.Contains(aggregate.ComparisonFormats, format) {
		return cli.Exit(fmt.Sprintf("stats: --format %q: want one of %s", format, strings.Join(aggregate.ComparisonFormats, ", ")), exitUsage)
	}
	for _, f := range []string{"bootstrap", "min-articles", "top", "text-budget", "ngram-cap"} {
		if c.Int(f) < 0 {
			return cli.Exit(fmt.Sprintf("stats: --%s %d: must not be negative", f, c.Int(f)), exitUsage)
		}
	}
	for _, f := range []string{"text-budget", "ngram-cap"} {
		if c.Int(f) < 1 {
			return cli.Exit(fmt.Sprintf("stats: --%s %d: must be at least 1", f, c.Int(f)), exitUsage)
		}
	}
	workers, err := workersFlag(c, "stats")
	if err != nil {
		return err
	}
	opt, err := comparisonOptions(c, "stats", by, workers)
	if err != nil {
		return err
	}
	opt.Top = c.Int("top")
	opt.TextBudget = c.Int("text-budget") << 20
	opt.NgramCap = c.Int("ngram-cap")

	var within *sameevent.Within
	var each func(*record.Record) error
	if c.Bool("events") {
		within = &sameevent.Within{By: by}
		each = within.Add
	}
	cmp, lex, err := gatherComparison(c, "stats", opt, each)
	if err != nil {
		return err
	}
	if within != nil {
		if _, err := compareWithinEvents(c, "stats", within, cmp, lex); err != nil {
			return err
		}
	}
	err = withOutput(c, func(out io.Writer) error {
		if err := aggregate.WriteComparison(out, cmp, format); err != nil {
			return cli.Exit(fmt.Errorf("stats: writing output: %w", err), exitFailure)
		}
		return strictDuplicates(c, cmp)
	})
	if err == nil && cmp.Baseline != nil && len(cmp.Baseline.Shifted) > 0 {
		return cli.Exit("stats: shifted against the baseline: "+strings.Join(cmp.Baseline.Shifted, ", "), exitShifted)
	}
	return err
}

// comparisonOptions reads the flags stats and report share.
func comparisonOptions(c *cli.Context, cmd, by string, workers int) (aggregate.Options, error) {
	opt := aggregate.DefaultOptions()
	period, err := periodOf(c, cmd)
	if err != nil {
		return opt, err
	}
	opt.By = by
	opt.Bootstrap = c.Int("bootstrap")
	opt.Seed = c.Uint64("seed")
	opt.MinArticles = c.Int("min-articles")
	opt.Workers = workers
	opt.Period = period
	return opt, nil
}

// gatherComparison aggregates the records of the --scores files and of
// the articles in the PATH arguments, which it scores first with --lexicon
// (and --credibility), keeping those of --lexicon (aggregate.Collector),
// and, with --baseline, those of the baseline's score files and corpora
// as the baseline they are compared with (Comparison.Baseline). each, when
// not nil, sees every record of the batch kept, in input order. It returns
// the comparison and the lexicon the records were scored with, when that
// lexicon is known.
func gatherComparison(c *cli.Context, cmd string, opt aggregate.Options, each func(*record.Record) error) (*aggregate.Comparison, *lexicon.Lexicon, error) {
	inputOpts, err := prepareInput(c)
	if err != nil {
		return nil, nil, err
	}
	col, err := aggregate.NewCollector(opt, c.String("lexicon"))
	if err != nil {
		return nil, nil, cli.Exit(err, exitFailure)
	}
	baseScores, baseCorpora, err := splitBaseline(c.StringSlice("baseline"))
	if err != nil {
		return nil, nil, cli.Exit(cmd+": --baseline: "+err.Error(), exitFailure)
	}
	// then passes a record kept on to each (--events).
	then := func(r *record.Record, kept bool, err error) error {
		if err != nil || !kept || each == nil {
			return mismatch(err)
		}
		return each(r)
	}
	add := func(r *record.Record) error {
		kept, err := col.Add(r)
		return then(r, kept, err)
	}
	addRead := func(r *record.Record, name string, line int) error {
		kept, err := col.AddRead(r, name, line)
		return then(r, kept, err)
	}
	addBase := func(r *record.Record) error {
		_, err := col.AddBaseline(r)
		return mismatch(err)
	}
	addBaseRead := func(r *record.Record, name string, line int) error {
		_, err := col.AddBaselineRead(r, name, line)
		return mismatch(err)
	}

	// --credibility none also skips decoding the signals of score files,
	// which halves their reading time.
	cred := c.String("credibility")
	// Without each (stats without --events), records are read sparsely:
	// only what the comparison reads, in records recycled once the
	// collector has added them (it keeps none of their maps and slices
	// but Dropped: Reader.Reuse).
	reader := record.Reader{SkipCredibility: cred == "none" || cred == "off", Sparse: each == nil, Reuse: each == nil, DateOrder: inputOpts.DateOrder}
	// A record read twice (the same outlet, id and lexicon) is kept the
	// first time only (Collector.AddRead).
	readScores := func(files []string, add func(*record.Record, string, int) error) error {
		for _, name := range files {
			err := readScoreFile(c, name, reader, func(r *record.Record, line int) error { return add(r, name, line) })
			if err != nil {
				return cli.Exit(cmd+": "+err.Error(), exitFailure)
			}
		}
		return nil
	}
	if err := readScores(c.StringSlice("scores"), addRead); err != nil {
		return nil, nil, err
	}
	if err := readScores(baseScores, addBaseRead); err != nil {
		return nil, nil, err
	}
	if c.NArg() > 0 || len(baseCorpora) > 0 {
		m, err := pathMatcher(c)
		if err != nil {
			return nil, nil, err
		}
		col.ScoredWith(m.Lexicon)
		cred, err := loadCredibility(c)
		if err != nil {
			return nil, nil, err
		}
		popt := pipeline.Options{Workers: opt.Workers, Credibility: cred}
		withSource := func(add func(*record.Record) error) func(*record.Record) error {
			return func(r *record.Record) error {
				if err := add(r); err != nil {
					return fmt.Errorf("%s: %w", r.Source, err)
				}
				return nil
			}
		}
		// The batch and the baseline share the --errors file.
		err = withErrorsFile(c, func(errorsOut io.Writer) (bool, error) {
			finished := true
			if c.NArg() > 0 {
				done, err := scoreArticles(c, cmd, inputOpts, c.Args().Slice(), "", errorsOut, m, popt, withSource(add))
				if finished = done; err != nil {
					return finished, err
				}
			}
			if len(baseCorpora) > 0 {
				done, err := scoreArticles(c, cmd, inputOpts, baseCorpora, "baseline", errorsOut, m, popt, withSource(addBase))
				return finished && done, err
			}
			return finished, nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	cmp, lex, err := col.Result()
	switch {
	case errors.Is(err, aggregate.ErrNoRecords):
		return nil, nil, cli.Exit(cmd+": "+err.Error(), exitNoInput)
	case len(c.StringSlice("baseline")) > 0 && !col.HasBaseline():
		return nil, nil, cli.Exit(cmd+": --baseline: no score records or articles in "+quoteNames(c.StringSlice("baseline")), exitNoInput)
	case err != nil:
		return nil, nil, cli.Exit(fmt.Sprintf("%s: --baseline: %v", cmd, mismatch(err)), exitFailure)
	}
	batch, baseline := col.Duplicates()
	if len(batch) > 0 {
		warnDuplicates(c, cmd, batch)
	}
	if len(baseline) > 0 {
		warnDuplicates(c, cmd+": --baseline", baseline)
	}
	return cmp, lex, nil
}

// mismatch adds to an error that records of different lexicons were mixed
// how to choose one.
func mismatch(err error) error {
	var mm *aggregate.LexiconMismatchError
	if errors.As(err, &mm) {
		return fmt.Errorf("%w (choose one with --lexicon NAME or FILE)", err)
	}
	return err
}

// splitBaseline sorts the --baseline paths into score files, which are
// read, and corpora (folders, and files of articles), which are scored
// first (record.LooksLikeScores decides from a file's first bytes).
func splitBaseline(paths []string) (scores, corpora []string, err error) {
	for _, p := range paths {
		isScores, err := isScoreFile(p)
		if err != nil {
			return nil, nil, err
		}
		if isScores {
			scores = append(scores, p)
		} else {
			corpora = append(corpora, p)
		}
	}
	return scores, corpora, nil
}

// eachRecord calls fn with every record of the --scores files that sel
// keeps, then with the record of every article in the PATH arguments,
// scored with --lexicon (the default lexicon without it) and
// --credibility. skipCred leaves the credibility signals out of both. It
// returns the lexicon the PATHs were scored with, nil without PATHs. It is
// gatherComparison's reading without the aggregator and the baseline, for
// commands that take records one by one (validate).
func eachRecord(c *cli.Context, cmd string, sel *aggregate.Selection, skipCred bool, fn func(*record.Record) error) (*lexicon.Lexicon, error) {
	inputOpts, err := prepareInput(c)
	if err != nil {
		return nil, err
	}
	reader := record.Reader{SkipCredibility: skipCred, DateOrder: inputOpts.DateOrder}
	for _, name := range c.StringSlice("scores") {
		err := readScoreFile(c, name, reader, func(r *record.Record, _ int) error {
			if !sel.Keep(r) {
				return nil
			}
			return fn(r)
		})
		if err != nil {
			return nil, cli.Exit(cmd+": "+err.Error(), exitFailure)
		}
	}
	if c.NArg() == 0 {
		return nil, nil
	}
	m, err := pathMatcher(c)
	if err != nil {
		return nil, err
	}
	var cred *credibility.Analyzer
	if !skipCred {
		if cred, err = loadCredibility(c); err != nil {
			return nil, err
		}
	}
	workers, err := workersFlag(c, cmd)
	if err != nil {
		return nil, err
	}
	popt := pipeline.Options{Workers: workers, Credibility: cred}
	err = withErrorsFile(c, func(errorsOut io.Writer) (bool, error) {
		return scoreArticles(c, cmd, inputOpts, c.Args().Slice(), "", errorsOut, m, popt, func(r *record.Record) error {
			if err := fn(r); err != nil {
				return fmt.Errorf("%s: %w", r.Source, err)
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return m.Lexicon, nil
}

// isScoreFile reports whether path is a file of score records, by its
// first bytes, decompressed when they are gzip's: JSON Lines records or a
// Parquet articles table. A folder is a corpus.
func isScoreFile(path string) (bool, error) {
	info, err := os.Stat(path)
	if err != nil {
		return false, err
	}
	if info.IsDir() || !info.Mode().IsRegular() {
		return false, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	var r io.Reader = br
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return false, fmt.Errorf("%s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(r, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return false, fmt.Errorf("%s: %w", path, err)
	}
	return record.IsParquet(head[:n]) || record.LooksLikeScores(head[:n]), nil
}

// warnDuplicates prints the duplicate records left out on standard error,
// the first few one a line, and a count.
func warnDuplicates(c *cli.Context, cmd string, found []record.Duplicate) {
	for i, d := range found {
		if i == maxProblemLines {
			fmt.Fprintf(c.App.ErrWriter, "compare: … %d more duplicate records\n", len(found)-i)
			break
		}
		fmt.Fprintf(c.App.ErrWriter, "compare: warning: %s\n", d)
	}
	fmt.Fprintf(c.App.ErrWriter, "%s: left out %s: the same outlet, id and lexicon as an earlier record\n", cmd, english.Count(len(found), "duplicate record", "duplicate records"))
}

// strictDuplicates is the --strict verdict on duplicate records: exit
// status 3 when any was left out (the output is still written, without
// them).
func strictDuplicates(c *cli.Context, cmp *aggregate.Comparison) error {
	if !c.Bool("strict") || cmp.Duplicates == 0 {
		return nil
	}
	return cli.Exit(fmt.Sprintf("--strict: %s left out", english.Count(cmp.Duplicates, "duplicate record", "duplicate records")), exitSkipped)
}

// readScoreFile streams the records of one score file with rr, with the
// line each was read from: - is standard input, a .gz name is
// decompressed, and a Parquet articles table (recognised by its first
// bytes) is read with its matches table, a record's line then being its
// row (from 1).
//
// A signal (SIGINT, SIGTERM: c.Context) stops the reading at the next
// record with the context's error.
func readScoreFile(c *cli.Context, name string, rr record.Reader, each func(*record.Record, int) error) error {
	fn := func(r *record.Record, line int) error {
		if err := c.Context.Err(); err != nil {
			return err
		}
		return each(r, line)
	}
	var r io.Reader = c.App.Reader
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		head := make([]byte, 4)
		n, _ := io.ReadFull(f, head)
		if record.IsParquet(head[:n]) {
			row := 0
			return rr.ReadParquet(name, func(r *record.Record) error {
				row++
				return fn(r, row)
			})
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		r = f
	}
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		defer zr.Close()
		r = zr
	}
	return rr.ReadLines(r, name, fn)
}

// periodFlag is --period of stats and report.
func periodFlag() cli.Flag {
	return &cli.StringFlag{Name: "period", Usage: "add trends: each unit's stance per `PERIOD` (day, week, month, quarter or year) with intervals and n, and a trend test per unit (articles without a date are left out and counted)"}
}

// periodOf reads --period; "" is no trends.
func periodOf(c *cli.Context, cmd string) (dates.Period, error) {
	s := c.String("period")
	if s == "" {
		return 0, nil
	}
	p, err := dates.ParsePeriod(s)
	if err != nil {
		return 0, cli.Exit(fmt.Sprintf("%s: --period: %v", cmd, err), exitUsage)
	}
	return p, nil
}

// baselineFlag is --baseline of stats and report.
func baselineFlag() cli.Flag {
	return &cli.StringSliceFlag{Name: "baseline", Usage: "compare the records with a baseline of earlier ones, read from `FILE` (score records, as --scores; .gz is decompressed) or a corpus (a folder or file of articles, scored first); repeat it. stats exits with status 6 when a unit shifted"}
}
