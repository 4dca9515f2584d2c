package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/pipeline"
	"github.com/compare-tool/compare/internal/record"
)

func lexiconFlag() cli.Flag {
	return &cli.StringSliceFlag{
		Name:    "lexicon",
		Aliases: []string{"l"},
		Usage:   "built-in lexicon `NAME` or YAML FILE; repeat to score with several",
		Value:   cli.NewStringSlice(lexicon.Default),
	}
}

func scoreCommand() *cli.Command {
	return &cli.Command{
		Name:      "score",
		Usage:     "score each article's framing: loaded terms, for whom, in whose voice, where",
		ArgsUsage: "PATH... (files, folders, or - for standard input)",
		Description: `score reads articles and prints one record per article and lexicon, in input
order. The jsonl format is the full record (the schema is in the README): every
match with byte offsets, line and column, target, valence, category and voice,
so each number can be checked against the text, and the credibility signals
(attributions and their sources, citations by side, quotes, hedges, debris) with
their spans unless --credibility none. The other formats summarise:

   table     a readable line per article
   csv       one row per article: counts, stance, framing, credibility counts;
             with --wide entries|categories|targets one column per lexicon
             entry, category or target (match counts, zeros included)
   parquet   two typed tables, -o FILE.parquet and FILE.matches.parquet beside
             it; compare stats, report and kwic read them with --scores
   lint      FILE:LINE:COL: "term" (loaded, lean): neutral "…", one line per
             loaded term, for editors; exit status 7 when one is in the
             author's own voice. Standard input is read as text.

compare schema NAME documents every field (score, score-csv, wide,
parquet-articles, parquet-matches, lint).

Lexicon scoring sees word choice only: not sarcasm, not which facts an article
selects, not stance carried by words outside the lexicon.

Examples:
   compare score testdata/sample
   compare score --format jsonl articles.jsonl > scores.jsonl
   compare score --lexicon my-lexicon.yaml --format csv corpus/ > scores.csv
   compare score --format csv --wide categories corpus/ > categories.csv
   compare score --format parquet --no-text -o scores.parquet corpus/
   compare score --format lint draft.md`,
		Flags: append([]cli.Flag{
			lexiconFlag(),
			credibilityFlag(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table",
				Usage: "output `FORMAT`: " + strings.Join(record.Formats, ", ")},
			outputFlag(),
			&cli.StringFlag{Name: "wide", Usage: "with --format csv: one row per article and one column per lexicon `KIND`: entries, categories or targets (match counts, all present, in lexicon order)"},
			&cli.BoolFlag{Name: "no-text", Usage: "leave the article text out of jsonl/json records (smaller output for batch runs)"},
			&cli.IntFlag{Name: "workers", Aliases: []string{"j"}, Usage: "scoring goroutines (`N`); 0 = one per CPU, at most 4 per CPU. Output is the same for any N"},
		}, inputFlags()...),
		Action: runScore,
	}
}

func runScore(c *cli.Context) error {
	if c.NArg() == 0 {
		return cli.Exit("score: name at least one PATH (a file, a folder, or - for standard input)", exitUsage)
	}
	format := c.String("format")
	if !slices.Contains(record.Formats, format) {
		return cli.Exit(fmt.Sprintf("score: --format %q: want one of %s", format, strings.Join(record.Formats, ", ")), exitUsage)
	}
	wide := c.String("wide")
	if wide != "" && !slices.Contains(record.WideKinds, wide) {
		return cli.Exit(fmt.Sprintf("score: --wide %q: want one of %s", wide, strings.Join(record.WideKinds, ", ")), exitUsage)
	}
	if wide != "" && format != "csv" {
		return cli.Exit(fmt.Sprintf("score: --wide is a csv table; give --format csv, not %s", format), exitUsage)
	}
	if wide != "" && len(c.StringSlice("lexicon")) > 1 {
		return cli.Exit("score: --wide has the columns of one lexicon; give one --lexicon", exitUsage)
	}
	parquetMatches := ""
	if format == "parquet" {
		out := c.String("output")
		if out == "" || out == "-" {
			return cli.Exit("score: --format parquet writes two files; name the articles table with -o FILE.parquet (the matches table goes beside it as FILE.matches.parquet)", exitUsage)
		}
		parquetMatches = record.ParquetMatchesPath(out)
		if err := checkOutputs(c.Args().Slice(), output{"--output (matches table)", parquetMatches}); err != nil {
			return err
		}
	}
	workers, err := workersFlag(c, "score")
	if err != nil {
		return err
	}
	opts, err := prepareInput(c)
	if err != nil {
		return err
	}
	matchers, err := loadMatchers(c.StringSlice("lexicon"))
	if err != nil {
		return err
	}
	cred, err := loadCredibility(c)
	if err != nil {
		return err
	}
	if format == "lint" && !c.IsSet("stdin-format") {
		opts.StdinFormat = "txt" // a draft piped in
	}
	limitMemory(opts.MaxBytes)
	noText := c.Bool("no-text")
	wopt := record.WriterOptions{Wide: wide}
	for _, m := range matchers {
		wopt.Lexicons = append(wopt.Lexicons, m.Lexicon)
	}
	// Lint lines end with a status of their own when the author's own
	// voice holds a loaded term (quoted and distanced ones are listed but
	// do not count, as they do not count toward the stance).
	authorLoaded := 0
	// scoreTo scores the input into rw and closes it.
	scoreTo := func(rw record.RecordWriter) error {
		src := func(emit func(*corpus.Article) error) error { return readInput(c, opts, emit) }
		err := pipeline.Score(c.Context, matchers, pipeline.Options{Workers: workers, Credibility: cred}, src,
			func(_ *corpus.Article, recs []*record.Record) error {
				for _, r := range recs {
					authorLoaded += r.LoadedByVoice[record.Author]
					if noText {
						r.Text = ""
					}
					if err := rw.Write(r); err != nil {
						return err
					}
				}
				return nil
			})
		if cerr := rw.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("writing output: %w", cerr)
		}
		return err
	}
	// Everything is checked: only now is the output opened.
	err = withOutput(c, func(out io.Writer) error {
		if format == "parquet" {
			return writeOutput(c, "--output", parquetMatches, keepOnSuccess, func(matches io.Writer) error {
				return scoreTo(record.NewParquetWriter(out, matches))
			})
		}
		rw, err := record.NewWriter(out, format, wopt)
		if err != nil {
			return cli.Exit("score: "+err.Error(), exitUsage)
		}
		return scoreTo(rw)
	})
	if err == nil && format == "lint" && authorLoaded > 0 {
		return cli.Exit(fmt.Sprintf("score: %d loaded %s in the author's own voice", authorLoaded, english.Plural(authorLoaded, "term", "terms")), exitLoaded)
	}
	return err
}

// pathMatcher compiles --lexicon (the default lexicon when it is empty)
// for scoring the PATH arguments.
func pathMatcher(c *cli.Context) (*lexicon.Matcher, error) {
	ref := c.String("lexicon")
	if ref == "" {
		ref = lexicon.Default
	}
	matchers, err := loadMatchers([]string{ref})
	if err != nil {
		return nil, err
	}
	return matchers[0], nil
}

// scorePaths scores the articles at the PATH arguments with m and calls
// fn with each record, in input order.
func scorePaths(c *cli.Context, cmd string, inputOpts corpus.Options, m *lexicon.Matcher, opt pipeline.Options, fn func(*record.Record) error) error {
	return withErrorsFile(c, func(errorsOut io.Writer) (bool, error) {
		return scoreArticles(c, cmd, inputOpts, c.Args().Slice(), "", errorsOut, m, opt, fn)
	})
}

// scoreArticles scores the articles at paths with m and calls fn with
// each record, in input order; reading problems go to errorsOut, and
// label names the reading in its summary line (see readArticles). The
// exit statuses of reading (--strict, nothing read) stand; any other
// error fails the command. finished is readArticles'.
func scoreArticles(c *cli.Context, cmd string, inputOpts corpus.Options, paths []string, label string, errorsOut io.Writer,
	m *lexicon.Matcher, opt pipeline.Options, fn func(*record.Record) error) (finished bool, err error) {
	src := func(emit func(*corpus.Article) error) error {
		var err error
		finished, err = readArticles(c, inputOpts, paths, label, errorsOut, emit)
		return err
	}
	err = pipeline.Score(c.Context, []*lexicon.Matcher{m}, opt, src, func(_ *corpus.Article, recs []*record.Record) error {
		for _, r := range recs {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	})
	var ec cli.ExitCoder
	if err != nil && !errors.As(err, &ec) {
		err = cli.Exit(cmd+": "+err.Error(), exitFailure)
	}
	return finished, err
}

// loadMatchers loads and compiles each named lexicon once.
func loadMatchers(refs []string) ([]*lexicon.Matcher, error) {
	if len(refs) == 0 {
		refs = []string{lexicon.Default}
	}
	var ms []*lexicon.Matcher
	for _, ref := range refs {
		lex, err := lexicon.Load(ref)
		if err != nil {
			return nil, cli.Exit(err, exitFailure)
		}
		ms = append(ms, lexicon.Compile(lex))
	}
	return ms, nil
}

// workersFlag reads --workers: 0 means one per core; a negative number, or
// more than pipeline.MaxWorkers (a few per core: more only adds memory),
// is refused.
func workersFlag(c *cli.Context, cmd string) (int, error) {
	n := c.Int("workers")
	if n < 0 {
		return 0, cli.Exit(fmt.Sprintf("%s: --workers %d: must not be negative (0 means one per core)", cmd, n), exitUsage)
	}
	if most := pipeline.MaxWorkers(); n > most {
		return 0, cli.Exit(fmt.Sprintf("%s: --workers %d: at most %d on this machine (%d per core)", cmd, n, most, pipeline.MaxWorkersPerCore), exitUsage)
	}
	return n, nil
}

// scoreMemoryLimit is the soft memory limit of compare score with the
// default --max-bytes.
const scoreMemoryLimit = 640 << 20

// scoreGCPercent is the garbage collector's GOGC for compare score.
const scoreGCPercent = 300

// limitMemory sets a soft memory limit for scoring, unless GOMEMLIMIT
// sets one. Scoring an article holds about 20 times its size, and the
// garbage collector lets the heap grow to twice what is live before it
// collects: an article of 15 MB took 680 MB. The limit makes it collect
// sooner when articles are that big; ordinary ones never come near it. It
// grows with --max-bytes, which allows bigger articles.
//
// Below the limit the collector lets the heap grow to four times what is
// live (scoreGCPercent), unless GOGC says otherwise: what scoring keeps
// live is a few articles in flight, tens of megabytes, so collecting at
// twice that ran the collector every few articles for a tenth of the CPU
// time; at four times, the peak RSS on real news goes from about 37 to 60 MB.
//
// Four times what is live is four times what the last collection found,
// and that may have run while the lexicons were read, with go-yaml's tree
// of a 10,000-entry lexicon live (tens of MB, garbage once read): the heap
// then grew to 85 MB before scoring collected anything. So it collects
// first, once, which costs milliseconds.
func limitMemory(maxBytes int64) {
	if os.Getenv("GOGC") == "" {
		runtime.GC()
		debug.SetGCPercent(scoreGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(max(scoreMemoryLimit, 40*maxBytes))
}
