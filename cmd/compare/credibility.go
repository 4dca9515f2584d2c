package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/compare-tool/compare/internal/credibility"
)

func credibilityFlag() cli.Flag {
	return &cli.StringFlag{
		Name:  "credibility",
		Value: credibility.Default,
		Usage: "credibility rules: built-in `NAME`, a YAML FILE, or none to leave the signals out",
	}
}

// loadCredibility compiles the rules named by --credibility, or returns
// nil for "none".
func loadCredibility(c *cli.Context) (*credibility.Analyzer, error) {
	ref := c.String("credibility")
	if ref == "none" || ref == "off" {
		return nil, nil
	}
	rules, err := credibility.Load(ref)
	if err != nil {
		return nil, cli.Exit(err, exitFailure)
	}
	return credibility.Compile(rules), nil
}

func credibilityCommand() *cli.Command {
	return &cli.Command{
		Name:  "credibility",
		Usage: "show and check the rules for credibility signals (sourcing, citations, quotes, hedges)",
		Description: `Credibility rules are a YAML file of attribution verbs, vague-source phrases,
hedges, certainty markers, emotive intensifiers, and a registry of media and
organisations with the side each belongs to. The signals describe how an
article sources its claims; they never say whether a claim is true.`,
		Subcommands: []*cli.Command{
			{
				Name:      "show",
				Usage:     "list a rule set's sides and registry",
				ArgsUsage: "[NAME|FILE]",
				Flags:     []cli.Flag{&cli.BoolFlag{Name: "yaml", Usage: "print the YAML source of a built-in rule set"}},
				Action: func(c *cli.Context) error {
					ref := c.Args().First()
					if ref == "" {
						ref = credibility.Default
					}
					if c.Bool("yaml") {
						data, err := credibility.BuiltinSource(ref)
						if err != nil {
							return cli.Exit(err, exitFailure)
						}
						_, err = c.App.Writer.Write(data)
						return err
					}
					rules, err := credibility.Load(ref)
					if err != nil {
						return cli.Exit(err, exitFailure)
					}
					w := tabwriter.NewWriter(c.App.Writer, 0, 0, 2, ' ', 0)
					fmt.Fprintf(w, "%s %s sha256:%s\n\n", rules.Name, rules.Version, rules.Hash[:12])
					fmt.Fprintln(w, "SIDE\tLABEL\tREGISTRY ENTRIES")
					for _, s := range rules.Sides {
						var names []string
						for _, e := range rules.Registry {
							if e.Side == s.ID {
								names = append(names, e.Name)
							}
						}
						fmt.Fprintf(w, "%s\t%s\t%s\n", s.ID, s.Label, strings.Join(names, ", "))
					}
					return w.Flush()
				},
			},
			{
				Name:      "check",
				Usage:     "check rule files; every problem as file:line: message",
				ArgsUsage: "FILE...",
				Action: func(c *cli.Context) error {
					return checkFiles(c, "credibility check", "rule files", func(path string) (string, error) {
						rules, err := credibility.LoadFile(path)
						if err != nil {
							return "", err
						}
						return fmt.Sprintf("%s %s, %d sides, %d registry entries", rules.Name, rules.Version, len(rules.Sides), len(rules.Registry)), nil
					})
				},
			},
		},
	}
}
