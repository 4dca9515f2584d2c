package main

import (
	"fmt"
	"io"
	"math/big"
	"regexp"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/events"
	"github.com/compare-tool/compare/internal/gencorpus"
	"github.com/compare-tool/compare/internal/lexicon"
)

// maxGenerateSize bounds generate corpus --size.
const maxGenerateSize = 1 << 40

func generateCommand() *cli.Command {
	return &cli.Command{
		Name:  "generate",
		Usage: "write synthetic corpora and lexicons for benchmarks and scale tests",
		Description: `The output is deterministic: the same seed and options give the same bytes.
The text is shaped like news copy (word frequencies, sentence lengths, quotations,
lexicon terms at about one word in 60, outlets that lean to a side) but is not
language: use it to measure speed and memory, never to study framing.

--from and --to date the articles over those days (each day as likely);
--shift-outlet, --shift-date and --shift-lean plant a change of vocabulary:
from that day on, that outlet uses the lexicon's terms as an outlet of that
lean would (-1 the negative side of the first axis, +1 the positive), so
that trends and baselines can be checked to find it, at that period and
with that sign.

Examples:
   compare generate corpus --size 100MB -o /tmp/corpus.jsonl
   compare generate corpus --size 20MB --outlets 8 --from 2024-01-01 --to 2024-06-30 \
       --shift-outlet courier-01 --shift-date 2024-04-01 --shift-lean 1 -o /tmp/shift.jsonl
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
					&cli.StringFlag{Name: "from", Usage: "first `DAY` articles are dated (YYYY-MM-DD); with --to"},
					&cli.StringFlag{Name: "to", Usage: "last `DAY` articles are dated (YYYY-MM-DD); with --from"},
					&cli.StringFlag{Name: "shift-outlet", Usage: "plant a change of vocabulary in the outlet `NAME` (herald-00, courier-01, …)"},
					&cli.StringFlag{Name: "shift-date", Usage: "first `DAY` of the shifted outlet's new vocabulary"},
					&cli.Float64Flag{Name: "shift-lean", Value: 1, Usage: "the shifted outlet's new lean, `L` in [-1, 1]"},
					outputFlag(),
				},
				Action: func(c *cli.Context) error {
					size, err := parseSize(c.String("size"), maxGenerateSize)
					if err != nil {
						return cli.Exit("generate corpus: "+err.Error(), exitUsage)
					}
					opt := gencorpus.Options{Bytes: size, Outlets: c.Int("outlets"), Seed: c.Uint64("seed")}
					if err := generateDates(c, &opt); err != nil {
						return err
					}
					lex, err := lexicon.Load(c.StringSlice("lexicon")[0])
					if err != nil {
						return cli.Exit(err, exitFailure)
					}
					return withOutput(c, func(w io.Writer) error {
						st, err := gencorpus.Corpus(w, lex, opt)
						if err == nil {
							fmt.Fprintf(c.App.ErrWriter, "compare: generated %d articles, %d words, about %d bytes\n", st.Articles, st.Words, st.Bytes)
						}
						return err
					})
				},
			},
			{
				Name:  "events",
				Usage: "write a JSON Lines corpus of --articles news-like articles with planted events, for compare events at scale",
				Description: `The articles are not language but have the statistics event grouping depends on
(rare words, names and numbers shared by the reports of one event; topics shared
by many articles): 40 outlets, dates over 2023 (2% undated), and about 37% of
the articles reporting planted events, two to five reports each within two days.
Each line carries the planted event in "event" ("e17"; none for the others), so
that the grouping can be measured against it. The events package's benchmark
uses the same generator (see scripts/bench-events.sh).`,
				Flags: []cli.Flag{
					&cli.IntFlag{Name: "articles", Value: 10000, Usage: "number of articles `N`"},
					&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "random seed"},
					outputFlag(),
				},
				Action: func(c *cli.Context) error {
					n := c.Int("articles")
					if n <= 0 || n > 10_000_000 {
						return cli.Exit(fmt.Sprintf("generate events: --articles %d: want 1 to 10,000,000", n), exitUsage)
					}
					return withOutput(c, func(w io.Writer) error {
						size, err := gencorpus.WriteNews(w, gencorpus.News(n, c.Uint64("seed"), events.Stopwords()))
						if err == nil {
							fmt.Fprintf(c.App.ErrWriter, "compare: generated %d articles, %d bytes\n", n, size)
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
					outputFlag(),
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

// generateDates reads the date and shift flags of generate corpus into
// opt, and checks them before any output is opened.
func generateDates(c *cli.Context, opt *gencorpus.Options) error {
	day := func(flag string) (time.Time, error) {
		s := c.String(flag)
		if s == "" {
			return time.Time{}, nil
		}
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return d, cli.Exit(fmt.Sprintf("generate corpus: --%s %q: want a day as YYYY-MM-DD", flag, s), exitUsage)
		}
		return d, nil
	}
	var err error
	if opt.From, err = day("from"); err != nil {
		return err
	}
	if opt.To, err = day("to"); err != nil {
		return err
	}
	if name := c.String("shift-outlet"); name != "" || c.String("shift-date") != "" {
		at, err := day("shift-date")
		if err != nil {
			return err
		}
		if name == "" || at.IsZero() {
			return cli.Exit("generate corpus: a shift needs both --shift-outlet and --shift-date", exitUsage)
		}
		opt.Shift = &gencorpus.Shift{Outlet: name, At: at, Lean: c.Float64("shift-lean")}
	}
	if err := opt.Check(); err != nil {
		return cli.Exit("generate corpus: "+err.Error(), exitUsage)
	}
	return nil
}

// sizePattern is a size as people write it: a number, maybe with a
// fraction, and a unit.
var sizePattern = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)$`)

// sizeUnits are the units parseSize knows: KB, MB and GB are powers of
// 1000, KiB, MiB and GiB powers of 1024.
var sizeUnits = map[string]int64{
	"": 1, "b": 1,
	"k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30,
}

// parseSize reads sizes such as 500KB, 100MB, 2GB, 16MiB or a plain byte
// count. It refuses what is not a whole number of bytes from 1 to most
// ("0.5", "1.5B"), and numbers past most ("1e30" is not a size at all), so
// that no value silently falls back to a default.
func parseSize(s string, most int64) (int64, error) {
	m := sizePattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, fmt.Errorf("size %q: want a number with an optional unit (KB, MB, GB, KiB, MiB, GiB)", s)
	}
	mult, ok := sizeUnits[strings.ToLower(m[2])]
	if !ok {
		return 0, fmt.Errorf("size %q: unknown unit %q (want KB, MB, GB, KiB, MiB or GiB)", s, m[2])
	}
	n, _ := new(big.Rat).SetString(m[1]) // the pattern admits only decimals
	n.Mul(n, new(big.Rat).SetInt64(mult))
	switch {
	case !n.IsInt():
		return 0, fmt.Errorf("size %q is not a whole number of bytes", s)
	case n.Sign() == 0:
		return 0, fmt.Errorf("size %q: must be at least 1 byte", s)
	case n.Cmp(new(big.Rat).SetInt64(most)) > 0:
		return 0, fmt.Errorf("size %q is more than the most allowed, %s", s, corpus.FormatBytes(most))
	}
	return n.Num().Int64(), nil
}
