package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/pipeline"
	"github.com/compare-tool/compare/internal/stance"
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
their spans unless --credibility none. The other formats summarise.

Lexicon scoring sees word choice only: not sarcasm, not which facts an article
selects, not stance carried by words outside the lexicon.

Examples:
   compare score testdata/sample
   compare score --format jsonl articles.jsonl > scores.jsonl
   compare score --lexicon my-lexicon.yaml --format csv corpus/ > scores.csv`,
		Flags: append([]cli.Flag{
			lexiconFlag(),
			credibilityFlag(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table",
				Usage: "output `FORMAT`: " + strings.Join(stance.Formats, ", ")},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
			&cli.BoolFlag{Name: "no-text", Usage: "leave the article text out of jsonl/json records (smaller output for batch runs)"},
			&cli.IntFlag{Name: "workers", Aliases: []string{"j"}, Usage: "scoring goroutines (`N`); 0 = one per CPU. Output is the same for any N"},
		}, inputFlags()...),
		Action: runScore,
	}
}

func runScore(c *cli.Context) error {
	if c.NArg() == 0 {
		return cli.Exit("score: name at least one PATH (a file, a folder, or - for standard input)", exitUsage)
	}
	matchers, err := loadMatchers(c.StringSlice("lexicon"))
	if err != nil {
		return err
	}
	cred, err := loadCredibility(c)
	if err != nil {
		return err
	}
	out := c.App.Writer
	if path := c.String("output"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			return cli.Exit(err, exitFailure)
		}
		defer f.Close()
		out = f
	}
	rw, err := stance.NewWriter(out, c.String("format"))
	if err != nil {
		return cli.Exit("score: "+err.Error(), exitUsage)
	}
	noText := c.Bool("no-text")
	src := func(emit func(*corpus.Article) error) error { return readInput(c, emit) }
	err = pipeline.Score(c.Context, matchers, pipeline.Options{Workers: c.Int("workers"), Credibility: cred}, src,
		func(_ *corpus.Article, recs []*stance.Record) error {
			for _, r := range recs {
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
