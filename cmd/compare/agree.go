package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/compare-tool/compare/internal/agree"
	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/pipeline"
	"github.com/compare-tool/compare/internal/record"
)

func agreeCommand() *cli.Command {
	return &cli.Command{
		Name:      "agree",
		Usage:     "compare the tool with human coders: span precision, recall and F1; Krippendorff's alpha; Spearman's rho",
		ArgsUsage: "PATH... (the coded articles: files, folders, or - for standard input)",
		Description: `agree scores the articles of PATH and compares the result with the human
annotations in the --gold file (CSV with a header, or JSON Lines), matched by
article id. Two kinds of rows, recognised by their columns:

   id,start,end[,label]   a span a coder marked: byte offsets into the article
                          text as compare reads it (the offsets compare score
                          prints). A row with empty start and end: an article
                          coded with no spans.
   id,coder,value         a coder's rating of the whole article on a scale.

Spans give precision, recall and F1 for exact spans (same offsets) and for
overlapping ones, overall and per label when labels name the lexicon's
categories, targets or entries. Ratings give Krippendorff's alpha, interval and
ordinal, among the coders and with the tool as one more coder (its value is the
article's stance on --axis, mapped from [-1, 1] onto the coders' scale), and
Spearman's rho between the mean human value and the tool's score.

Examples:
   compare agree --gold spans.csv coded/
   compare agree --gold ratings.csv --axis tehran-damascus --scale 1:5 coded.jsonl`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "gold", Aliases: []string{"g"}, Usage: "human annotations `FILE` (.csv, .tsv or .jsonl)"},
			singleLexiconFlag(),
			&cli.StringFlag{Name: "axis", Usage: "stance axis `ID` whose score is the tool's rating (default: the lexicon's first)"},
			&cli.StringFlag{Name: "scale", Usage: "the coders' rating scale `LOW:HIGH` onto which scores in [-1, 1] are mapped (default: [-1, 1] if every rating lies in it, else the ratings' range)"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output `FORMAT`: text or json"},
			outputFlag(),
		}, inputFlags()...),
		Action: runAgree,
	}
}

func runAgree(c *cli.Context) error {
	goldPath := c.String("gold")
	if goldPath == "" {
		return cli.Exit("agree: give the human annotations with --gold FILE", exitUsage)
	}
	if c.NArg() == 0 {
		return cli.Exit("agree: name at least one PATH with the coded articles", exitUsage)
	}
	format := c.String("format")
	if format != "text" && format != "json" {
		return cli.Exit(fmt.Sprintf("agree: --format %q: want text or json", format), exitUsage)
	}
	var opt agree.Options
	opt.Axis = c.String("axis")
	if s := c.String("scale"); s != "" {
		scale, err := parseScale(s)
		if err != nil {
			return cli.Exit("agree: --scale: "+err.Error(), exitUsage)
		}
		opt.Scale = scale
	}
	opts, err := prepareInput(c)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(goldPath)
	if err != nil {
		return cli.Exit(fmt.Sprintf("agree: --gold: %v", err), exitFailure)
	}
	gold, err := agree.ReadGold(goldPath, data)
	if err != nil {
		return checkFailure(c, "agree", goldPath, err)
	}
	matchers, err := loadMatchers([]string{c.String("lexicon")})
	if err != nil {
		return err
	}
	join := agree.NewJoin(gold)
	src := func(emit func(*corpus.Article) error) error {
		return readInput(c, opts, func(a *corpus.Article) error {
			if !join.Wants(a) {
				return nil
			}
			return emit(a)
		})
	}
	err = pipeline.Score(c.Context, matchers, pipeline.Options{}, src, func(_ *corpus.Article, recs []*record.Record) error {
		join.Add(recs[0])
		return nil
	})
	if err != nil {
		return err
	}
	if join.Repeated > 0 {
		fmt.Fprintf(c.App.ErrWriter, "compare: %d coded %s appeared more than once; the first of each is compared\n", join.Repeated, english.Plural(join.Repeated, "id", "ids"))
	}
	if join.Found() == 0 {
		return cli.Exit(fmt.Sprintf("agree: none of the %d coded articles of %s is in %s (articles are matched by id)", join.Coded(), goldPath, strings.Join(c.Args().Slice(), " ")), exitNoInput)
	}
	ag, err := join.Compare(matchers[0].Lexicon, opt)
	if err != nil {
		return cli.Exit("agree: "+err.Error(), exitUsage)
	}
	return withOutput(c, func(w io.Writer) error { return agree.Write(w, ag, format) })
}

// parseScale reads LOW:HIGH.
func parseScale(s string) (*[2]float64, error) {
	lo, hi, ok := strings.Cut(s, ":")
	if !ok {
		return nil, fmt.Errorf("%q: want LOW:HIGH, such as 1:5", s)
	}
	a, err1 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
	b, err2 := strconv.ParseFloat(strings.TrimSpace(hi), 64)
	if err1 != nil || err2 != nil || !(a < b) {
		return nil, fmt.Errorf("%q: want two numbers LOW:HIGH with LOW < HIGH", s)
	}
	return &[2]float64{a, b}, nil
}
