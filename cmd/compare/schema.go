package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/compare-tool/compare/internal/codebook"
)

func schemaCommand() *cli.Command {
	return &cli.Command{
		Name:      "schema",
		Usage:     "the codebook: every output's fields with type, unit and meaning",
		ArgsUsage: "[NAME]",
		Description: `schema prints one output schema field by field: each field's type, unit and
meaning, with its formula. Without NAME it lists the schemas. The same
codebook is docs/codebook.md in the repository.

Examples:
   compare schema
   compare schema score
   compare schema stats-csv`,
		Action: runSchema,
	}
}

func runSchema(c *cli.Context) error {
	if c.NArg() > 1 {
		return cli.Exit("schema: name one schema (compare schema lists them)", exitUsage)
	}
	if c.NArg() == 1 {
		s, err := codebook.Lookup(c.Args().First())
		if err != nil {
			return cli.Exit("schema: "+err.Error(), exitUsage)
		}
		return s.WriteText(c.App.Writer)
	}
	all, err := codebook.All()
	if err != nil {
		return cli.Exit(err, exitFailure)
	}
	tw := tabwriter.NewWriter(c.App.Writer, 0, 0, 2, ' ', 0)
	for _, s := range all {
		fmt.Fprintf(tw, "%s\t%s\n", s.Name, s.Title)
	}
	fmt.Fprint(tw, "\ncompare schema NAME prints one.\n")
	return tw.Flush()
}
