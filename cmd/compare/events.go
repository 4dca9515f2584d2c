package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/events"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/pipeline"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/sameevent"
)

func eventsCommand() *cli.Command {
	return &cli.Command{
		Name:      "events",
		Usage:     "find the events several outlets report, and lay one event's reports side by side",
		ArgsUsage: "[PATH...] (articles; or give --scores)",
		Description: `events groups articles from different outlets that report the same event (one
funeral, one air strike, one visit): articles whose dates are at most --window
apart and whose texts share rare words, names and numbers (TF-IDF cosine, names
and numbers weighted up, average linkage at --threshold). It prints one record
per event: its id, articles, outlets, dates, similarity and the key terms its
reports share. Articles without a readable date are grouped by text alone and
flagged. The same input always gives the same events and ids.

--show ID lays one event's reports side by side: each outlet's stance on the
event with n, and for each actor the words each outlet wrote, loaded terms
marked with their lean ([−−] [−] [0] [+] [++]) so that it reads without colour.
Articles given as PATHs are scored for it with --lexicon; score records
(--scores, written with their text) are used as they are.

Comparing outlets on the events both reported separates how they name from
which events they cover: see compare stats --events and the report's "Same
event" section.

Examples:
   compare events testdata/sample
   compare events --show 2016-05-06-81793260 testdata/sample
   compare score --format jsonl corpus/ > scores.jsonl
   compare events --scores scores.jsonl --format jsonl > events.jsonl
   compare events --window 2d --threshold 0.25 --format csv corpus/ -o events.csv`,
		Flags: append([]cli.Flag{
			&cli.StringSliceFlag{Name: "scores", Aliases: []string{"s"},
				Usage: "read score records from `FILE` (JSON Lines of compare score --format jsonl, .gz decompressed, or the Parquet articles table of --format parquet; with their text); repeat for shards"},
			&cli.StringFlag{Name: "lexicon", Aliases: []string{"l"},
				Usage: "lexicon `NAME` or YAML FILE: scores PATHs with it for --show (default " + lexicon.Default + "), keeps only --scores records scored with it"},
			windowFlag(),
			thresholdFlag(),
			&cli.StringFlag{Name: "show", Usage: "lay the reports of the event with this `ID` side by side"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table",
				Usage: "output `FORMAT` of the list: " + strings.Join(sameevent.Formats, ", ")},
			&cli.StringFlag{Name: "color", Value: "auto", Usage: "`WHEN` to colour --show: auto, always or never"},
			outputFlag(),
			&cli.IntFlag{Name: "workers", Aliases: []string{"j"}, Usage: "goroutines (`N`); 0 = one per CPU, at most 4 per CPU. Output is the same for any N"},
		}, inputFlags()...),
		Action: runEvents,
	}
}

// windowFlag and thresholdFlag are the grouping's flags, shared by
// events, stats --events and report.
func windowFlag() cli.Flag {
	return &cli.StringFlag{Name: "window", Value: events.FormatWindow(events.DefaultWindow),
		Usage: "largest `SPAN` between the dates of one event's reports: days (3d) or a duration (36h)"}
}

func thresholdFlag() cli.Flag {
	return &cli.Float64Flag{Name: "threshold", Value: events.DefaultThreshold,
		Usage: "similarity (`X`, 0 to 1) two reports, and on average two groups of reports, need to be one event"}
}

// groupingOptions reads --window, --threshold and --workers.
func groupingOptions(c *cli.Context, cmd string) (sameevent.Options, error) {
	var opt sameevent.Options
	w, err := events.ParseWindow(c.String("window"))
	if err != nil {
		return opt, cli.Exit(fmt.Sprintf("%s: --window: %v", cmd, err), exitUsage)
	}
	th := c.Float64("threshold")
	if !(th > 0 && th <= 1) {
		return opt, cli.Exit(fmt.Sprintf("%s: --threshold %v: want a similarity above 0 and at most 1", cmd, th), exitUsage)
	}
	workers, err := workersFlag(c, cmd)
	if err != nil {
		return opt, err
	}
	return sameevent.Options{Window: w, Threshold: th, Workers: workers}, nil
}

func runEvents(c *cli.Context) error {
	scoreFiles := c.StringSlice("scores")
	if len(scoreFiles) == 0 && c.NArg() == 0 {
		return cli.Exit("events: give at least one PATH of articles, or --scores FILE", exitUsage)
	}
	format := c.String("format")
	if !slices.Contains(sameevent.Formats, format) {
		return cli.Exit(fmt.Sprintf("events: --format %q: want one of %s", format, strings.Join(sameevent.Formats, ", ")), exitUsage)
	}
	show := c.String("show")
	color, err := useColor(c.String("color"), c.App.Writer)
	if err != nil {
		return cli.Exit("events: "+err.Error(), exitUsage)
	}
	opt, err := groupingOptions(c, "events")
	if err != nil {
		return err
	}
	inputOpts, err := prepareInput(c)
	if err != nil {
		return err
	}
	arts, lex, err := eventArticles(c, inputOpts, show != "", opt.Workers)
	if err != nil {
		return err
	}
	opt.Lexicon = lex
	res, err := sameevent.Group(c.Context, arts, opt)
	if err != nil {
		return cli.Exit("events: "+err.Error(), exitFailure)
	}
	printProblems(c, res.Problems)
	if show != "" {
		ev := res.Find(show)
		if ev == nil {
			return cli.Exit(fmt.Sprintf("events: no event with id %q among the %s found (compare events without --show lists them)",
				show, english.Count(len(res.Events), "event", "events")), exitNoInput)
		}
		return withOutput(c, func(w io.Writer) error {
			return sameevent.WriteShow(w, ev, sameevent.ShowOptions{Color: color && c.String("output") == ""})
		})
	}
	return withOutput(c, func(w io.Writer) error {
		if err := sameevent.Write(w, res, format); err != nil {
			return cli.Exit(fmt.Errorf("events: writing output: %w", err), exitFailure)
		}
		return nil
	})
}

// eventArticles reads the --scores records and the articles at the PATH
// arguments, scoring the articles with --lexicon when score is set. It
// returns the lexicon of the scores when it is known, for labels.
func eventArticles(c *cli.Context, inputOpts corpus.Options, score bool, workers int) ([]sameevent.Article, *lexicon.Lexicon, error) {
	var arts []sameevent.Article
	sel, err := aggregate.NewSelection(c.String("lexicon"))
	if err != nil {
		return nil, nil, cli.Exit(err, exitFailure)
	}
	lex := sel.Lexicon()
	noText := 0
	for _, name := range c.StringSlice("scores") {
		err := readScoreFile(c, name, record.Reader{SkipCredibility: true, DateOrder: inputOpts.DateOrder}, func(r *record.Record, _ int) error {
			if !sel.Keep(r) {
				return nil
			}
			if lex == nil {
				lex = aggregate.BuiltinFor(r.Lexicon)
			}
			if r.Text == "" {
				noText++
				return nil
			}
			arts = append(arts, sameevent.FromRecord(r, "outlet"))
			return nil
		})
		if err != nil {
			return nil, nil, cli.Exit("events: "+err.Error(), exitFailure)
		}
	}
	if noText > 0 {
		if len(arts) == 0 && c.NArg() == 0 {
			return nil, nil, cli.Exit(fmt.Sprintf("events: none of the %s carries its text (compare score --no-text leaves it out); events compares texts", english.Count(noText, "score record", "score records")), exitNoInput)
		}
		fmt.Fprintf(c.App.ErrWriter, "compare: events: %s without text left out (written with --no-text)\n", english.Count(noText, "score record", "score records"))
	}
	if c.NArg() == 0 {
		if len(arts) == 0 {
			return nil, nil, cli.Exit("events: no score records to group", exitNoInput)
		}
		return arts, lex, nil
	}
	if !score {
		err := readInput(c, inputOpts, func(a *corpus.Article) error {
			arts = append(arts, sameevent.FromArticle(a))
			return nil
		})
		return arts, lex, err
	}
	m, err := pathMatcher(c)
	if err != nil {
		return nil, nil, err
	}
	if lex == nil {
		lex = m.Lexicon
	}
	err = scorePaths(c, "events", inputOpts, m, pipeline.Options{Workers: workers}, func(r *record.Record) error {
		arts = append(arts, sameevent.FromRecord(r, "outlet"))
		return nil
	})
	return arts, lex, err
}

// printProblems lists on standard error the articles grouping could not
// take as they were, the first maxProblemLines of them.
func printProblems(c *cli.Context, problems []sameevent.Problem) {
	for i, p := range problems {
		if i == maxProblemLines {
			fmt.Fprintf(c.App.ErrWriter, "compare: events: … %d more\n", len(problems)-i)
			break
		}
		fmt.Fprintf(c.App.ErrWriter, "compare: events: warning: %s\n", record.OneLine(p.String()))
	}
}

// eventsFlag is --events of stats (off by default: it keeps every text in
// memory) and report (on).
func eventsFlag(on bool) cli.Flag {
	return &cli.BoolFlag{Name: "events", Value: on,
		Usage: "find the events several outlets report (as compare events does) and compare outlets within the events both reported: naming or selection?"}
}

// defaultMaxEventArticles is report's --max-event-articles: grouping keeps
// every text and costs about 30 kB per article.
const defaultMaxEventArticles = 10000

// compareWithinEvents reads the grouping flags of cmd, groups what w
// collected into events and compares the units of cmp within them,
// listing on standard error the articles grouping could not take.
func compareWithinEvents(c *cli.Context, cmd string, w *sameevent.Within, cmp *aggregate.Comparison, lex *lexicon.Lexicon) (*sameevent.Result, error) {
	opt, err := groupingOptions(c, cmd)
	if err != nil {
		return nil, err
	}
	opt.Lexicon = lex
	res, err := w.Compare(c.Context, cmp, opt)
	if err != nil {
		return nil, cli.Exit(cmd+": "+err.Error(), exitFailure)
	}
	if res != nil {
		printProblems(c, res.Problems)
	}
	return res, nil
}
