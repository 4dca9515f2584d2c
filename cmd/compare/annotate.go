package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

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
otherwise terms are marked [[like this]] with their lean after them ([−−] [−]
toward the negative end, [+] [++] toward the positive end, [0] none), then
(quote) or (distanced) when they are not in the outlet's own voice, and debris
~~like this~~. On a terminal, lines wrap at word boundaries (--width sets the
width elsewhere). One article shows no progress bar (--progress forces one).

--format html|md|text writes a handout for a class instead, of one article
(choose it with --id in a file of many): the article with each loaded term
marked and numbered, its lean shown by the line under it and signs after it
(−− − + ++, so that a black-and-white print keeps it), numbered notes with the
neutral alternatives and the lexicon's teaching note, the marks explained in
plain words from the lexicon's axis, and what lexicon scoring can and cannot
tell. html is one self-contained printable page without script; md is
Markdown for slides; text is plain text.

--exercise (with --format and -o FILE) writes the student's sheet to FILE: the
article without marks, with room to underline and name the framing, a table
to fill and questions generated from the article's own terms; and the key to
FILE with -key before its extension (handout-key.html): the handout with the
questions answered.

Examples:
   compare annotate ../shared/seeds/000_0b915b6a2679d979.txt
   compare annotate --id 000_0b915b6a2679d979 ../shared/seeds/seeds.jsonl
   compare annotate --color always article.txt | less -R
   compare annotate --format html -o handout.html article.txt
   pbpaste | compare annotate --format md -
   compare annotate --format html --exercise -o sheet.html article.txt`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "lexicon", Aliases: []string{"l"}, Value: lexicon.Default,
				Usage: "built-in lexicon `NAME` or YAML FILE"},
			&cli.StringFlag{Name: "id", Usage: "print only the article with this `ID` (from a file of many)"},
			&cli.StringFlag{Name: "color", Value: "auto", Usage: "`WHEN` to colour: auto, always or never"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "terminal", Usage: "`FORMAT`: terminal, or a handout: html, md or text"},
			&cli.BoolFlag{Name: "exercise", Usage: "write the student's sheet to -o FILE and the key beside it (FILE-key), in --format html, md or text"},
			&cli.IntFlag{Name: "width", Usage: "wrap the terminal view at `COLUMNS` (default: the terminal's width; 0 in a pipe: no wrapping)"},
			outputFlag(),
		}, inputFlags()...),
		Action: runAnnotate,
	}
}

func runAnnotate(c *cli.Context) error {
	if c.NArg() == 0 {
		return cli.Exit("annotate: name a FILE (an article, a folder, or a JSON Lines file)", exitUsage)
	}
	format := c.String("format")
	handout := format != "terminal"
	if handout && !slices.Contains(annotate.Formats, annotate.Format(format)) {
		return cli.Exit(fmt.Sprintf("annotate: --format %q: want terminal, html, md or text", format), exitUsage)
	}
	color, err := useColor(c.String("color"), c.App.Writer)
	if err != nil {
		return cli.Exit("annotate: "+err.Error(), exitUsage)
	}
	exercise := c.Bool("exercise")
	keyPath := ""
	if exercise {
		out := c.String("output")
		if !handout || out == "" || out == "-" {
			return cli.Exit("annotate: --exercise writes two files, the student's sheet and the key: give --format html, md or text and -o FILE", exitUsage)
		}
		ext := filepath.Ext(out)
		keyPath = strings.TrimSuffix(out, ext) + "-key" + ext
	}
	if err := checkOutputs(c.Args().Slice(), output{"--output", c.String("output")}, output{"the key", keyPath}); err != nil {
		return err
	}
	if !c.IsSet("progress") {
		// One article is read in a blink: a bar would only flicker.
		if err := c.Set("no-progress", "true"); err != nil {
			return err
		}
	}
	opts, err := prepareInput(c)
	if err != nil {
		return err
	}
	matchers, err := loadMatchers([]string{c.String("lexicon")})
	if err != nil {
		return err
	}
	lex := matchers[0].Lexicon
	id := c.String("id")
	src := func(emit func(*corpus.Article) error) error {
		return readInput(c, opts, func(a *corpus.Article) error {
			if id != "" && a.ID != id {
				return nil
			}
			return emit(a)
		})
	}
	return withOutput(c, func(w io.Writer) error {
		n := 0
		var first *record.Record
		err := pipeline.Score(c.Context, matchers, pipeline.Options{}, src, func(_ *corpus.Article, recs []*record.Record) error {
			n++
			if handout {
				if n > 1 {
					return cli.Exit("annotate: --format "+format+" makes a handout of one article, and the input has several: choose one with --id ID", exitUsage)
				}
				first = recs[0]
				return nil
			}
			if n > 1 {
				fmt.Fprintln(w, "\n"+"────────────────────────────────────────────────────────────────────────")
			}
			return annotate.Write(w, recs[0], lex, annotate.Options{Color: color, Width: termWidth(c)})
		})
		var ec cli.ExitCoder
		if errors.As(err, &ec) {
			return err
		}
		if err != nil {
			return cli.Exit("annotate: "+err.Error(), exitFailure)
		}
		if n == 0 {
			if id != "" {
				return cli.Exit(fmt.Sprintf("annotate: no article with id %q", id), exitNoInput)
			}
			return cli.Exit("annotate: no article found", exitNoInput)
		}
		if exercise {
			return writeOutput(c, "the key", keyPath, keepOnSuccess, func(key io.Writer) error {
				return annotate.WriteExercise(w, key, first, lex, annotate.Format(format))
			})
		}
		if handout {
			return annotate.WriteHandout(w, first, lex, annotate.Format(format))
		}
		return nil
	})
}

// termWidth is --width, or the width of standard output when it is a
// terminal, or 0 (no wrapping).
func termWidth(c *cli.Context) int {
	if c.IsSet("width") {
		return c.Int("width")
	}
	if f, ok := c.App.Writer.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil {
			return w
		}
	}
	return 0
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
