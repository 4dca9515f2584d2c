package main

import (
	"bufio"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/compare-tool/compare/internal/lexicon"
)

func lexiconCommand() *cli.Command {
	return &cli.Command{
		Name:  "lexicon",
		Usage: "list, show, check, import, export and grow framing lexicons",
		Description: `A lexicon is a YAML file of targets (who is named), axes (stance dimensions)
and entries (surface forms with target, valence, category, neutral
alternatives and a note). The README documents the format.`,
		Subcommands: []*cli.Command{
			{
				Name:  "list",
				Usage: "list the built-in lexicons",
				Action: func(c *cli.Context) error {
					w := tabwriter.NewWriter(c.App.Writer, 0, 0, 2, ' ', 0)
					fmt.Fprintln(w, "NAME\tVERSION\tENTRIES\tDESCRIPTION")
					for _, name := range lexicon.Builtin() {
						lex, err := lexicon.Load(name)
						if err != nil {
							return cli.Exit(err, exitFailure)
						}
						fmt.Fprintf(w, "%s\t%s\t%d\t%s\n", lex.Name, lex.Version, len(lex.Entries), firstSentence(lex.Description))
					}
					return w.Flush()
				},
			},
			{
				Name:      "show",
				Usage:     "show a lexicon's targets, axes and entries, with the note on each",
				ArgsUsage: "NAME|FILE",
				Flags: []cli.Flag{
					&cli.BoolFlag{Name: "yaml", Usage: "print the YAML source instead"},
				},
				Action: runLexiconShow,
			},
			{
				Name:      "terms",
				Usage:     "print every surface form, one per line (for grep -f or rg -f; a trailing * is dropped)",
				ArgsUsage: "NAME|FILE",
				Action: func(c *cli.Context) error {
					if c.NArg() != 1 {
						return cli.Exit("lexicon terms: name one lexicon", exitUsage)
					}
					lex, err := lexicon.Load(c.Args().First())
					if err != nil {
						return cli.Exit(err, exitFailure)
					}
					w := bufio.NewWriter(c.App.Writer)
					for _, e := range lex.Entries {
						for _, t := range e.Terms {
							fmt.Fprintln(w, strings.ReplaceAll(t, "*", ""))
						}
					}
					return w.Flush()
				},
			},
			{
				Name:      "check",
				Usage:     "check lexicon files and report every problem as file:line: message",
				ArgsUsage: "FILE...",
				Action:    runLexiconCheck,
			},
			lexiconImportCommand(),
			lexiconExportCommand(),
			lexiconSuggestCommand(),
			lexiconCoverageCommand(),
		},
	}
}

func runLexiconShow(c *cli.Context) error {
	if c.NArg() != 1 {
		return cli.Exit("lexicon show: name one lexicon (see compare lexicon list)", exitUsage)
	}
	ref := c.Args().First()
	if c.Bool("yaml") {
		data, err := lexicon.BuiltinSource(ref)
		if err != nil {
			return cli.Exit(err, exitFailure)
		}
		_, err = c.App.Writer.Write(data)
		return err
	}
	lex, err := lexicon.Load(ref)
	if err != nil {
		return cli.Exit(err, exitFailure)
	}
	return lexicon.Describe(c.App.Writer, lex)
}

func runLexiconCheck(c *cli.Context) error {
	return checkFiles(c, "lexicon check", "lexicons", func(path string) (string, error) {
		lex, err := lexicon.Load(path)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s %s, %d targets, %d axes, %d entries", lex.Name, lex.Version, len(lex.Targets), len(lex.Axes), len(lex.Entries)), nil
	})
}

// checkFiles loads each FILE argument with load, prints "FILE: ok: summary"
// for the good ones and every problem of the others on standard error, and
// exits with exitCheckBad when any had problems.
func checkFiles(c *cli.Context, cmd, what string, load func(path string) (summary string, err error)) error {
	if c.NArg() == 0 {
		return cli.Exit(cmd+": name at least one FILE", exitUsage)
	}
	bad := 0
	for _, path := range c.Args().Slice() {
		summary, err := load(path)
		if err != nil {
			bad++
			fmt.Fprintln(c.App.ErrWriter, err) // a *rulefile.CheckError lists file:line: message lines
			continue
		}
		fmt.Fprintf(c.App.Writer, "%s: ok: %s\n", path, summary)
	}
	if bad > 0 {
		return cli.Exit(fmt.Sprintf("%s: %d of %d %s have problems", cmd, bad, c.NArg(), what), exitCheckBad)
	}
	return nil
}

func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}
