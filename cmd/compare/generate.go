package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/compare-tool/compare/internal/gencorpus"
	"github.com/compare-tool/compare/internal/lexicon"
)

func generateCommand() *cli.Command {
	return &cli.Command{
		Name:  "generate",
		Usage: "write synthetic corpora and lexicons for benchmarks and scale tests",
		Description: `The output is deterministic: the same seed and options give the same bytes.
The text is shaped like news copy (word frequencies, sentence lengths, quotations,
lexicon terms at about one word in 60, outlets that lean to a side) but is not
language: use it to measure speed and memory, never to study framing.

Examples:
   compare generate corpus --size 100MB -o /tmp/corpus.jsonl
   compare generate lexicon --entries 10000 -o /tmp/lex10k.yaml`,
		Subcommands: []*cli.Command{
			{
				Name:  "corpus",
				Usage: "write a JSON Lines corpus of about --size bytes",
				Flags: []cli.Flag{
					lexiconFlag(),
					&cli.StringFlag{Name: "size", Value: "10MB", Usage: "approximate `SIZE` (B, KB, MB, GB; powers of 1000)"},
					&cli.IntFlag{Name: "outlets", Value: 40, Usage: "number of outlets"},
					&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "random seed"},
					&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
				},
				Action: func(c *cli.Context) error {
					size, err := parseSize(c.String("size"))
					if err != nil {
						return cli.Exit("generate corpus: "+err.Error(), exitUsage)
					}
					lex, err := lexicon.Load(c.StringSlice("lexicon")[0])
					if err != nil {
						return cli.Exit(err, exitFailure)
					}
					return withOutput(c, func(w io.Writer) error {
						st, err := gencorpus.Corpus(w, lex, gencorpus.Options{Bytes: size, Outlets: c.Int("outlets"), Seed: c.Uint64("seed")})
						if err == nil {
							fmt.Fprintf(c.App.ErrWriter, "compare: generated %d articles, %d words, about %d bytes\n", st.Articles, st.Words, st.Bytes)
						}
						return err
					})
				},
			},
			{
				Name:  "lexicon",
				Usage: "write a lexicon of --entries entries: a real lexicon's entries plus synthetic terms that never occur in generated text",
				Flags: []cli.Flag{
					lexiconFlag(),
					&cli.IntFlag{Name: "entries", Value: 1000, Usage: "number of entries `N`"},
					&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "random seed"},
					&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
				},
				Action: func(c *cli.Context) error {
					lex, err := lexicon.Load(c.StringSlice("lexicon")[0])
					if err != nil {
						return cli.Exit(err, exitFailure)
					}
					return withOutput(c, func(w io.Writer) error {
						_, err := io.WriteString(w, gencorpus.Lexicon(lex, c.Int("entries"), c.Uint64("seed")))
						return err
					})
				},
			},
		},
	}
}

// parseSize reads sizes such as 500KB, 100MB, 2GB (powers of 1000) or a
// plain byte count.
func parseSize(s string) (int64, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, suf := range []struct {
		s string
		m int64
	}{{"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"G", 1e9}, {"M", 1e6}, {"K", 1e3}, {"B", 1}} {
		if strings.HasSuffix(u, suf.s) {
			u, mult = strings.TrimSuffix(u, suf.s), suf.m
			break
		}
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(u), 64)
	if err != nil || f <= 0 {
		return 0, fmt.Errorf("size %q: want a positive number with an optional unit (KB, MB, GB)", s)
	}
	return int64(f * float64(mult)), nil
}
