package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/report"
	"github.com/compare-tool/compare/internal/sameevent"
	"github.com/compare-tool/compare/internal/validate"
)

func reportCommand() *cli.Command {
	return &cli.Command{
		Name:      "report",
		Usage:     "write a self-contained HTML report comparing outlets, from charts down to the words",
		ArgsUsage: "[PATH...] (articles to score first; or give --scores)",
		Description: `report writes one HTML file that opens offline from disk (ECharts is inlined,
nothing is fetched): summary and provenance, stance by outlet with 95%
intervals, each outlet's articles as points (click one to read it), framing of
each actor, naming choices (who says "terrorists", who says "rebels"),
distinctive terms, a map of outlets, tests with effect sizes in plain language,
a table of every outlet, and the articles themselves with each matched term
highlighted by lean, quoted passages and page debris marked, and a tooltip
with the term's target, valence, category, neutral alternative and note.

The numbers are those of compare stats, with the same flags. Charts show the
--top-outlets largest outlets; the tables, the map and the credibility
profiles list the --max-outlets largest and say how many they leave out
(compare stats lists all). Each outlet gets a sample
of at most --articles-per-outlet article views, chosen by a hash of outlet,
id and --seed (the same input shows the same articles); at most
--max-articles views are included, taken in turn from each outlet's sample,
and each shows at most --max-body bytes of text. The report reads its input
once and keeps only each article's numbers and the samples (in a temporary
file), so that a corpus of a million articles gives a file of a few megabytes
in bounded memory.

The same input and flags always give the same file: nothing in it depends on
the clock unless you set --date. -o is required.

Examples:
   compare report testdata/sample -o reports/sample.html
   compare score --format jsonl corpus/ > scores.jsonl
   compare report --scores scores.jsonl -o reports/corpus.html --top-outlets 30
   compare report --by group --title "State and opposition media" corpus/ -o reports/groups.html`,
		Flags: append([]cli.Flag{
			&cli.StringSliceFlag{Name: "scores", Aliases: []string{"s"},
				Usage: "read score records from `FILE` (JSON Lines of compare score --format jsonl, .gz decompressed; or the Parquet articles table of --format parquet); repeat for shards"},
			&cli.StringFlag{Name: "lexicon", Aliases: []string{"l"},
				Usage: "lexicon `NAME` or YAML FILE: scores PATHs with it (default " + lexicon.Default + "), keeps only --scores records scored with it, and gives terms their notes and neutral alternatives"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the report to `FILE` (required), e.g. reports/corpus.html"},
			credibilityFlag(),
			&cli.StringFlag{Name: "by", Value: "outlet", Usage: "compare each `outlet` or each group of outlets (group)"},
			periodFlag(),
			baselineFlag(),
			&cli.IntFlag{Name: "bootstrap", Value: aggregate.DefaultBootstrap, Usage: "bootstrap resamples (`N`) for the 95% intervals; 0 leaves them out"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "bootstrap `SEED`; printed in the report"},
			&cli.IntFlag{Name: "min-articles", Value: aggregate.DefaultMinArticles, Usage: "fewest articles (`N`) an outlet needs to be tested; smaller ones are greyed"},
			&cli.IntFlag{Name: "top-outlets", Value: report.DefaultTopUnits, Usage: "outlets (`N`), largest first, that the charts show; tables show all"},
			&cli.IntFlag{Name: "max-outlets", Value: report.DefaultMaxUnits, Usage: "outlets (`N`), largest first, that the tables, map and credibility profiles list; the page says how many it leaves out (compare stats lists all); 0 lists all"},
			&cli.IntFlag{Name: "max-articles", Value: report.DefaultMaxArticles, Usage: "article views (`N`) to include, taken in turn from each outlet's sample; 0 leaves them out"},
			&cli.IntFlag{Name: "articles-per-outlet", Value: report.DefaultArticlesPerUnit, Usage: "size (`N`) of each outlet's sample of article views, chosen by a hash of outlet, id and --seed; 0 leaves the views out"},
			&cli.IntFlag{Name: "max-body", Value: report.DefaultMaxBodyBytes, Usage: "bytes (`N`) of an article's text its view shows; a longer text is cut, with a note; 0 shows all"},
			&cli.StringFlag{Name: "title", Usage: "the report's `TITLE` (default \"Outlet comparison\")"},
			&cli.StringFlag{Name: "date", Usage: "`DATE` to print in the report; none by default, so that the file is reproducible"},
			&cli.IntFlag{Name: "workers", Aliases: []string{"j"}, Usage: "goroutines (`N`) for scoring and statistics; 0 = one per CPU, at most 4 per CPU. Output is the same for any N"},
			eventsFlag(true),
			&cli.IntFlag{Name: "max-event-articles", Value: defaultMaxEventArticles, Usage: "articles (`N`) with text that --events groups at most (it keeps every text); past it the section is left out with a note; 0 means no cap"},
			windowFlag(),
			thresholdFlag(),
		}, append(labelFlags(), inputFlags()...)...),
		Action: runReport,
	}
}

func runReport(c *cli.Context) error {
	out := c.String("output")
	if out == "" {
		return cli.Exit("report: name the output file with -o FILE (for example -o reports/report.html)", exitUsage)
	}
	scoreFiles := c.StringSlice("scores")
	if len(scoreFiles) == 0 && c.NArg() == 0 {
		return cli.Exit("report: give --scores FILE or at least one PATH of articles to score", exitUsage)
	}
	by, err := byFlag(c, "report")
	if err != nil {
		return err
	}
	for _, f := range []string{"bootstrap", "min-articles", "top-outlets", "max-articles", "articles-per-outlet", "max-body", "max-outlets", "max-event-articles"} {
		if c.Int(f) < 0 {
			return cli.Exit(fmt.Sprintf("report: --%s %d: must not be negative", f, c.Int(f)), exitUsage)
		}
	}
	if c.Int("top-outlets") < 1 {
		return cli.Exit("report: --top-outlets 0: must be at least 1", exitUsage)
	}
	workers, err := workersFlag(c, "report")
	if err != nil {
		return err
	}
	ropt := report.DefaultOptions()
	ropt.Title = c.String("title")
	ropt.ToolVersion = version
	ropt.Date = c.String("date")
	ropt.TopUnits = c.Int("top-outlets")
	ropt.MaxArticles = c.Int("max-articles")
	ropt.ArticlesPerUnit = c.Int("articles-per-outlet")
	ropt.MaxBodyBytes = c.Int("max-body")
	ropt.MaxUnits = c.Int("max-outlets")
	ropt.Seed = c.Uint64("seed")
	plan, lab, err := validationPlan(c, "report")
	if err != nil {
		return err
	}

	recs := report.NewRecords(by, ropt)
	defer recs.Close()
	each := recs.Add
	var within *sameevent.Within
	if c.Bool("events") {
		within = &sameevent.Within{By: by, Max: c.Int("max-event-articles")}
		each = func(r *record.Record) error {
			within.Add(r)
			return recs.Add(r)
		}
	}
	var col *validate.Collector
	if lab != nil {
		col = validate.NewCollector(lab, nil) // the lexicon is known at the end
		next := each
		each = func(r *record.Record) error {
			if err := col.Add(r); err != nil { // before recs.Add drops the text
				return err
			}
			return next(r)
		}
	}
	opt, err := comparisonOptions(c, "report", by, workers)
	if err != nil {
		return err
	}
	opt.ListUnits = ropt.ListUnits()
	cmp, lex, err := gatherComparison(c, "report", opt, each)
	if err != nil {
		return err
	}
	lex = report.CheckLexicon(cmp, lex)
	var same *sameevent.Result
	if within != nil {
		if same, err = compareWithinEvents(c, "report", within, cmp, lex); err != nil {
			return err
		}
	}

	var validity *validate.Validation
	if col != nil {
		if lex != nil {
			if err := col.SetLexicon(lex); err != nil {
				return cli.Exit("report: validity: "+err.Error(), exitFailure)
			}
		}
		if validity, err = col.Validate(plan); err != nil {
			return cli.Exit("report: validity: "+err.Error(), exitFailure)
		}
	}

	size := 0
	err = writeOutput(c, "--output", out, keepOnSuccess, func(w io.Writer) error {
		cw := &countingWriter{w: w}
		err := report.Write(cw, report.Input{Comparison: cmp, Gathered: recs, Lexicon: lex, SameEvent: same, Validity: validity}, ropt)
		size = cw.n
		if err != nil {
			return cli.Exit(fmt.Errorf("report: %w", err), exitFailure)
		}
		return strictDuplicates(c, cmp)
	})
	if err != nil && !keepOnSuccess(err) {
		return err
	}
	fmt.Fprintf(c.App.Writer, "wrote %s (%s; %s, %s)\n", corpus.QuoteName(out), sizeString(size),
		english.Count(cmp.Articles, "article", "articles"), english.Count(len(cmp.Units), by, by+"s"))
	return err
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}

// sizeString writes a byte count for people.
func sizeString(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
