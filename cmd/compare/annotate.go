package main

import (
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/compare-tool/compare/internal/annotate"
	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/pipeline"
	"github.com/compare-tool/compare/internal/record"
)

func annotateCommand() *cli.Command {
	return &cli.Command{
		Name:      "annotate",
		Usage:     "print an article with its loaded terms coloured by lean, and a legend with neutral alternatives",
		ArgsUsage: "FILE... (an article, a folder, or a JSON Lines file; - for standard input)",
		Description: `annotate is for reading one article closely, in class or at the terminal. It
prints the text with each lexicon term marked: red leans toward the negative
end of the lexicon's first axis, blue toward the positive end, strong colours
for strong lean; quoted terms in italics, distanced and neutral ones
underlined, page debris struck out. A legend lists each loaded term with its
target, valence, category, voice, the neutral alternatives and the lexicon's
note.

Colours are used when standard output is a terminal and NO_COLOR is not set;
otherwise terms are marked [[like this]] (with (quote) or (distanced) after
them when they are not in the outlet's own voice) and debris ~~like this~~.

Examples:
   compare annotate ../shared/seeds/000_0b915b6a2679d979.txt
   compare annotate --id 000_0b915b6a2679d979 ../shared/seeds/seeds.jsonl
   compare annotate --color always article.txt | less -R`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "lexicon", Aliases: []string{"l"}, Value: lexicon.Default,
				Usage: "built-in lexicon `NAME` or YAML FILE"},
			&cli.StringFlag{Name: "id", Usage: "print only the article with this `ID` (from a file of many)"},
			&cli.StringFlag{Name: "color", Value: "auto", Usage: "`WHEN` to colour: auto, always or never"},
		}, inputFlags()...),
		Action: runAnnotate,
	}
}

func runAnnotate(c *cli.Context) error {
	if c.NArg() == 0 {
		return cli.Exit("annotate: name a FILE (an article, a folder, or a JSON Lines file)", exitUsage)
	}
	color, err := useColor(c.String("color"), c.App.Writer)
	if err != nil {
		return cli.Exit("annotate: "+err.Error(), exitUsage)
	}
	opts, err := prepareInput(c)
	if err != nil {
		return err
	}
	matchers, err := loadMatchers([]string{c.String("lexicon")})
	if err != nil {
		return err
	}
	id := c.String("id")
	src := func(emit func(*corpus.Article) error) error {
		return readInput(c, opts, func(a *corpus.Article) error {
			if id != "" && a.ID != id {
				return nil
			}
			return emit(a)
		})
	}
	n := 0
	err = pipeline.Score(c.Context, matchers, pipeline.Options{}, src, func(_ *corpus.Article, recs []*record.Record) error {
		if n > 0 {
			fmt.Fprintln(c.App.Writer, "\n"+"────────────────────────────────────────────────────────────────────────")
		}
		n++
		return annotate.Write(c.App.Writer, recs[0], matchers[0].Lexicon, annotate.Options{Color: color})
	})
	if err != nil {
		return cli.Exit("annotate: "+err.Error(), exitFailure)
	}
	if n == 0 {
		if id != "" {
			return cli.Exit(fmt.Sprintf("annotate: no article with id %q", id), exitNoInput)
		}
		return cli.Exit("annotate: no article found", exitNoInput)
	}
	return nil
}

// useColor decides whether to write ANSI colours: "auto" colours a
// terminal unless NO_COLOR is set (https://no-color.org) or TERM is dumb.
func useColor(when string, w io.Writer) (bool, error) {
	switch when {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
	default:
		return false, fmt.Errorf("--color %q: want auto, always or never", when)
	}
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false, nil
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd())), nil
}
