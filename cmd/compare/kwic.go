package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/kwic"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/pipeline"
	"github.com/compare-tool/compare/internal/record"
)

func kwicCommand() *cli.Command {
	return &cli.Command{
		Name:      "kwic",
		Usage:     "every lexicon match in its context: key words in context, as scoring counted them",
		ArgsUsage: "[PATH...] (articles to score; or give --scores)",
		Description: `kwic prints each match with the words around it, its outlet, voice, entry,
target, valence, lean and offsets. It scores the articles at PATH (or reads the
records of --scores files, which must carry their text) and lists the matches
of the score records, so a line is exactly what the score counted: the same
voice, the same entry, the same offsets.

--term matches the matched text folded as the tokenizer folds words for
matching (case, apostrophes, hyphens, a possessive 's): --term "regime" finds
"Regime" and "regime's". Line and column are in the file (past front matter).

Examples:
   compare kwic --entry mullahs-regime testdata/sample
   compare kwic --target syria-opposition --voice author --sort outlet corpus/
   compare kwic --term "terrorists" --window 8 --format csv -o terrorists.csv corpus/
   compare kwic --scores scores.jsonl --entry takfiri --format jsonl`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "lexicon", Aliases: []string{"l"}, Value: lexicon.Default, Usage: "built-in lexicon `NAME` or YAML FILE to score PATHs with"},
			&cli.StringSliceFlag{Name: "scores", Aliases: []string{"s"}, Usage: "read score records from `FILE` (jsonl, .gz, or parquet) instead of scoring; they must carry their text"},
			&cli.StringFlag{Name: "entry", Usage: "only matches of lexicon entry `ID`"},
			&cli.StringFlag{Name: "target", Usage: "only matches naming target `ID`"},
			&cli.StringFlag{Name: "term", Usage: "only matches whose text folds to `TERM`"},
			&cli.StringFlag{Name: "voice", Usage: "only matches in `VOICE`: author, quote, distanced or reported"},
			&cli.IntFlag{Name: "window", Value: kwic.DefaultWindow, Usage: "words (`N`) of context each side"},
			&cli.StringFlag{Name: "sort", Value: "input", Usage: "`ORDER` of the lines: input, outlet or entry (then input order)"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "output `FORMAT`: " + strings.Join(kwic.Formats, ", ")},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
			&cli.IntFlag{Name: "workers", Aliases: []string{"j"}, Usage: "scoring goroutines (`N`); 0 = one per CPU. Output is the same for any N"},
		}, inputFlags()...),
		Action: runKWIC,
	}
}

func runKWIC(c *cli.Context) error {
	scoreFiles := c.StringSlice("scores")
	if len(scoreFiles) == 0 && c.NArg() == 0 {
		return cli.Exit("kwic: give at least one PATH of articles, or --scores FILE", exitUsage)
	}
	format, by := c.String("format"), c.String("sort")
	if !slices.Contains(kwic.Formats, format) {
		return cli.Exit(fmt.Sprintf("kwic: --format %q: want one of %s", format, strings.Join(kwic.Formats, ", ")), exitUsage)
	}
	if !slices.Contains(kwic.Sorts, by) {
		return cli.Exit(fmt.Sprintf("kwic: --sort %q: want one of %s", by, strings.Join(kwic.Sorts, ", ")), exitUsage)
	}
	voice := record.Voice(c.String("voice"))
	if voice != "" && !slices.Contains(record.Voices, voice) {
		return cli.Exit(fmt.Sprintf("kwic: --voice %q: want author, quote, distanced or reported", voice), exitUsage)
	}
	if c.Int("window") < 0 {
		return cli.Exit(fmt.Sprintf("kwic: --window %d: must not be negative", c.Int("window")), exitUsage)
	}
	workers, err := workersFlag(c, "kwic")
	if err != nil {
		return err
	}
	opts, err := prepareInput(c)
	if err != nil {
		return err
	}
	var matchers []*lexicon.Matcher
	if c.NArg() > 0 {
		if matchers, err = loadMatchers([]string{c.String("lexicon")}); err != nil {
			return err
		}
	}
	finder := kwic.NewFinder(kwic.Filter{Entry: c.String("entry"), Target: c.String("target"), Term: c.String("term"), Voice: voice}, c.Int("window"))

	return withOutput(c, func(out io.Writer) error {
		var kw *kwic.Writer
		var kept []kwic.Line // when sorted
		// The csv's lean columns are the axes of the first record.
		open := func(r *record.Record) error {
			if kw != nil {
				return nil
			}
			var axes []string
			if r != nil {
				axes = slices.Sorted(maps.Keys(r.Stance))
			}
			var err error
			kw, err = kwic.NewWriter(out, format, axes)
			return err
		}
		add := func(r *record.Record) error {
			if err := open(r); err != nil {
				return err
			}
			lines, err := finder.Lines(r)
			if err != nil {
				return err
			}
			if by != "input" {
				kept = append(kept, lines...)
				return nil
			}
			for _, l := range lines {
				if err := kw.Write(l); err != nil {
					return err
				}
			}
			return nil
		}
		reader := record.Reader{SkipCredibility: true, DateOrder: opts.DateOrder}
		for _, name := range scoreFiles {
			if err := readScoreFile(c, name, reader, func(r *record.Record, _ int) error { return add(r) }); err != nil {
				return cli.Exit("kwic: "+err.Error(), exitFailure)
			}
		}
		if c.NArg() > 0 {
			src := func(emit func(*corpus.Article) error) error { return readInput(c, opts, emit) }
			err := pipeline.Score(c.Context, matchers, pipeline.Options{Workers: workers}, src,
				func(_ *corpus.Article, recs []*record.Record) error { return add(recs[0]) })
			if err != nil {
				return err
			}
		}
		if err := open(nil); err != nil {
			return err
		}
		kwic.SortLines(kept, by)
		for _, l := range kept {
			if err := kw.Write(l); err != nil {
				return err
			}
		}
		if err := kw.Close(); err != nil {
			return cli.Exit(fmt.Errorf("kwic: writing output: %w", err), exitFailure)
		}
		return nil
	})
}
