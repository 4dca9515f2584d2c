package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/coverage"
	"github.com/compare-tool/compare/internal/dictionary"
	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/rulefile"
	"github.com/compare-tool/compare/internal/suggest"
	"github.com/compare-tool/compare/internal/validate"
)

// The lexicon workbench: import, export, suggest and coverage, appended to
// the subcommands of `compare lexicon`.

func lexiconImportCommand() *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "turn a LIWC (.dic) or quanteda (YAML) dictionary into a lexicon",
		ArgsUsage: "FILE",
		Description: `import writes a lexicon in our YAML format. Each dictionary category becomes a
target (nested quanteda keys as parent.child); words in exactly the same
categories form one entry, whose note lists the categories when there are
several. Valence 0 and category neutral are placeholders to fill in. What cannot
be carried over (LIWC's conditional codes, ? globs, a * inside a word) and what
had to change (category names that are not valid ids, forms that fold alike in
different categories) is listed on standard error as file:line: message.

Examples:
   compare lexicon import --from liwc LIWC2015.dic -o liwc.yaml
   compare lexicon import moral-foundations.yml > mf.yaml`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "from", Usage: "dictionary `FORMAT`: liwc or quanteda (default: by extension, .dic or .yml/.yaml)"},
			&cli.StringFlag{Name: "name", Usage: "lexicon `NAME` (default: the file name)"},
			&cli.StringFlag{Name: "language", Value: "en", Usage: "language `CODE` recorded in the lexicon"},
			outputFlag(),
		},
		Action: runLexiconImport,
	}
}

func runLexiconImport(c *cli.Context) error {
	if c.NArg() != 1 {
		return cli.Exit("lexicon import: name one dictionary FILE", exitUsage)
	}
	path := c.Args().First()
	from := strings.ToLower(c.String("from"))
	if from == "" {
		if from = dictionary.FormatOf(path); from == "" {
			return cli.Exit(fmt.Sprintf("lexicon import: cannot tell the format of %s from its extension: give --from liwc or --from quanteda", path), exitUsage)
		}
	}
	if !slices.Contains(dictionary.ImportFormats, from) {
		return cli.Exit(fmt.Sprintf("lexicon import: --from %q: want liwc or quanteda", c.String("from")), exitUsage)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return cli.Exit(err, exitFailure)
	}
	d, notes, err := dictionary.Read(path, from, data)
	if err != nil {
		return checkFailure(c, "lexicon import", path, err)
	}
	im, err := dictionary.Import(d, dictionary.ImportOptions{Name: c.String("name"), Language: c.String("language"), Source: path})
	if err != nil {
		return cli.Exit(err, exitFailure)
	}
	notes = append(notes, im.Notes...)
	for _, n := range notes {
		fmt.Fprintf(c.App.ErrWriter, "compare: %s\n", n)
	}
	if err := withOutput(c, func(w io.Writer) error { _, err := w.Write(im.YAML); return err }); err != nil {
		return err
	}
	lex := im.Lexicon
	terms := 0
	for _, e := range lex.Entries {
		terms += len(e.Terms)
	}
	fmt.Fprintf(c.App.ErrWriter, "compare: imported %s: %d %s as targets, %d %s in %d %s%s\n",
		path, len(lex.Targets), english.Plural(len(lex.Targets), "category", "categories"),
		terms, english.Plural(terms, "pattern", "patterns"), len(lex.Entries), english.Plural(len(lex.Entries), "entry", "entries"),
		noteCount(len(notes)))
	return nil
}

func noteCount(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("; %d %s above", n, english.Plural(n, "note", "notes"))
}

// checkFailure prints every problem of a *rulefile.CheckError as
// file:line: message and fails; other errors fail as they are.
func checkFailure(c *cli.Context, cmd, path string, err error) error {
	var ce *rulefile.CheckError
	if errors.As(err, &ce) {
		fmt.Fprintln(c.App.ErrWriter, ce.Error())
		return cli.Exit(fmt.Sprintf("%s: %s has %d %s", cmd, path, len(ce.Problems), english.Plural(len(ce.Problems), "problem", "problems")), exitFailure)
	}
	return cli.Exit(err, exitFailure)
}

func lexiconExportCommand() *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "write a lexicon as a LIWC (.dic) or quanteda (YAML) dictionary, or as a CSV table",
		ArgsUsage: "NAME|FILE",
		Description: `export writes each target as a dictionary category and every surface form under
its entry's target (and the other categories of a "dictionary categories:" note
line, as import writes them). What the format cannot hold is listed on standard
error: valence, lean, category, neutral alternatives, notes, except phrases, axes
and distance cues for liwc and quanteda; the targets, axes and cues for csv, which
has one row per surface form with every entry field.

Examples:
   compare lexicon export --to liwc iran-syria > iran-syria.dic
   compare lexicon export --to csv -o terms.csv my-lexicon.yaml`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "to", Usage: "`FORMAT`: " + strings.Join(dictionary.ExportFormats, ", ") + " (required)"},
			outputFlag(),
		},
		Action: runLexiconExport,
	}
}

func runLexiconExport(c *cli.Context) error {
	if c.NArg() != 1 {
		return cli.Exit("lexicon export: name one lexicon (built-in NAME or YAML FILE)", exitUsage)
	}
	to := strings.ToLower(c.String("to"))
	if to == "" {
		return cli.Exit("lexicon export: give --to "+strings.Join(dictionary.ExportFormats, ", --to "), exitUsage)
	}
	if !slices.Contains(dictionary.ExportFormats, to) {
		return cli.Exit(fmt.Sprintf("lexicon export: --to %q: want one of %s", c.String("to"), strings.Join(dictionary.ExportFormats, ", ")), exitUsage)
	}
	lex, err := lexicon.Load(c.Args().First())
	if err != nil {
		return cli.Exit(err, exitFailure)
	}
	var loss *dictionary.Loss
	err = withOutput(c, func(w io.Writer) error {
		var err error
		loss, err = dictionary.Write(w, lex, to)
		return err
	})
	if err != nil {
		return err
	}
	for _, m := range loss.Messages() {
		fmt.Fprintln(c.App.ErrWriter, "compare:", m)
	}
	return nil
}

func lexiconSuggestCommand() *cli.Command {
	return &cli.Command{
		Name:      "suggest",
		Usage:     "suggest new entries: words and phrases that distinguish outlets and the lexicon does not match",
		ArgsUsage: "PATH... (files, folders, or - for standard input)",
		Description: `suggest counts the words and 2-3 word phrases of each outlet (or group, with
--outlets metadata and --by group), leaving out text the lexicon already matches,
numbers, and phrases that start or end with a stopword. It ranks each outlet's
phrases against all others by the log-odds ratio with an informative Dirichlet
prior (Monroe, Colaresi and Quinn 2008; the prior is the corpus counts divided by
the number of outlets) and writes the best, with z >= 1.96, as YAML entries to fill
in: each commented with its uses per outlet, its z-score and a few lines of context.

With labels (--labels FILE or --label-field FIELD, and --order from the
negative pole of the axis to the positive) it suggests entries with a lean:
phrases are ranked between the articles of the two ends of the order (right
against left; center is shown as a check), the lean is the sign of z, and
guards refuse a phrase used by fewer than --min-outlets outlets of its group
and flag one that most of the group's outlets do not share. Only training
outlets are read: --train-outlets FILE (only these), --test-outlets FILE (not
these), or --split outlet --folds K --seed S --fold I (all but fold I, the
fold validate --split outlet tests with the same K and S). The output names
them: judge the lexicon on other outlets only.

Examples:
   compare lexicon suggest corpus/ > suggestions.yaml
   compare lexicon suggest --by group --outlets outlets.yaml --top 20 corpus/
   compare lexicon suggest --lexicon us-politics --label-field bias --order left,center,right \
       --test-outlets ../shared/abp/valid.jsonl.gz --top 40 ../shared/abp/train.jsonl.gz`,
		Flags: append([]cli.Flag{
			lexiconFlag(),
			&cli.StringFlag{Name: "by", Value: "outlet", Usage: "compare each `outlet` or each group of outlets (group)"},
			&cli.IntFlag{Name: "top", Value: suggest.DefaultTop, Usage: "suggestions (`N`) per outlet or group"},
			&cli.IntFlag{Name: "min-count", Value: suggest.DefaultMinCount, Usage: "fewest uses (`N`) a phrase needs in the outlet or group"},
			&cli.IntFlag{Name: "contexts", Value: suggest.DefaultContexts, Usage: "lines of context (`N`) per suggestion"},
			&cli.IntFlag{Name: "ngram-cap", Value: suggest.DefaultCap, Usage: "word and phrase counts (`N`) kept in memory; past it rare ones are pruned and the output says so"},
			&cli.StringFlag{Name: "axis", Usage: "with labels: the `AXIS` of the suggested leans (default: the first lexicon's only axis)"},
			&cli.StringFlag{Name: "split", Usage: "with labels: hold out a fold of `outlet`s (--folds, --seed, --fold)"},
			&cli.IntFlag{Name: "folds", Value: 5, Usage: "folds (`K`) of --split"},
			&cli.Uint64Flag{Name: "seed", Value: validate.DefaultOptions().Seed, Usage: "`SEED` of --split's folds, as validate's"},
			&cli.IntFlag{Name: "fold", Value: 1, Usage: "the fold (`I`, 1 to K) held out by --split: never read"},
			&cli.IntFlag{Name: "min-outlets", Value: suggest.DefaultMinOutlets, Usage: "with labels: fewest outlets (`N`) of its group that must use a phrase"},
			outputFlag(),
		}, append(labelFlags(), inputFlags()...)...),
		Action: runLexiconSuggest,
	}
}

func runLexiconSuggest(c *cli.Context) error {
	if c.NArg() == 0 {
		return cli.Exit("lexicon suggest: name at least one PATH (a file, a folder, or - for standard input)", exitUsage)
	}
	by, err := byFlag(c, "lexicon suggest")
	if err != nil {
		return err
	}
	for _, f := range []string{"top", "min-count", "contexts", "ngram-cap"} {
		if c.Int(f) < 1 {
			return cli.Exit(fmt.Sprintf("lexicon suggest: --%s %d: must be at least 1", f, c.Int(f)), exitUsage)
		}
	}
	opts, err := prepareInput(c)
	if err != nil {
		return err
	}
	matchers, err := loadMatchers(c.StringSlice("lexicon"))
	if err != nil {
		return err
	}
	lean, err := suggestLean(c, matchers)
	if err != nil {
		return err
	}
	s := suggest.New(matchers, suggest.Options{
		By: by, Top: c.Int("top"), MinCount: c.Int("min-count"), Contexts: c.Int("contexts"), Cap: c.Int("ngram-cap"), Lean: lean,
	})
	if err := readInput(c, opts, func(a *corpus.Article) error { s.Add(a); return nil }); err != nil {
		return err
	}
	res, err := s.Result()
	if errors.Is(err, suggest.ErrOneUnit) {
		hint := ""
		if by == "group" {
			hint = " (groups come from --outlets FILE)"
		}
		return cli.Exit(fmt.Sprintf("lexicon suggest: %v%s", err, hint), exitFailure)
	}
	if err != nil {
		return cli.Exit(err, exitFailure)
	}
	var names []string
	for _, m := range matchers {
		names = append(names, m.Lexicon.Name+" "+m.Lexicon.Version)
	}
	return withOutput(c, func(w io.Writer) error { return suggest.Write(w, res, names) })
}

// suggestLean reads the flags of suggestions with a lean: nil without
// labels.
func suggestLean(c *cli.Context, matchers []*lexicon.Matcher) (*suggest.Lean, error) {
	plan, lab, err := validationPlan(c, "lexicon suggest")
	if err != nil {
		return nil, err
	}
	if lab == nil {
		for _, f := range []string{"order", "train-outlets", "test-outlets", "split", "axis"} {
			if c.IsSet(f) {
				return nil, cli.Exit(fmt.Sprintf("lexicon suggest: --%s needs labels: give --labels FILE or --label-field FIELD", f), exitUsage)
			}
		}
		return nil, nil
	}
	if len(plan.Order) < 2 {
		return nil, cli.Exit("lexicon suggest: labels need --order with at least two labels, from the negative pole of the axis to the positive (e.g. left,center,right)", exitUsage)
	}
	axis := c.String("axis")
	if axis == "" {
		if axes := matchers[0].Lexicon.Axes; len(axes) == 1 {
			axis = axes[0].ID
		} else {
			return nil, cli.Exit(fmt.Sprintf("lexicon suggest: lexicon %s has %d axes: name one with --axis", matchers[0].Lexicon.Name, len(axes)), exitUsage)
		}
	}
	tr := suggest.Training{Outlets: plan.TrainOutlets, Exclude: plan.TestOutlets}
	switch split := c.String("split"); split {
	case "":
		if c.IsSet("fold") || c.IsSet("folds") {
			return nil, cli.Exit("lexicon suggest: --fold and --folds need --split outlet", exitUsage)
		}
	case "outlet":
		k, i := c.Int("folds"), c.Int("fold")
		if k < 2 || i < 1 || i > k {
			return nil, cli.Exit(fmt.Sprintf("lexicon suggest: --folds %d --fold %d: want at least 2 folds and a fold from 1 to K", k, i), exitUsage)
		}
		tr.Folds, tr.Fold, tr.Seed = k, i-1, c.Uint64("seed")
	default:
		return nil, cli.Exit(fmt.Sprintf("lexicon suggest: --split %q: want outlet", split), exitUsage)
	}
	if c.Int("min-outlets") < 1 {
		return nil, cli.Exit(fmt.Sprintf("lexicon suggest: --min-outlets %d: must be at least 1", c.Int("min-outlets")), exitUsage)
	}
	return &suggest.Lean{Labeller: lab, Order: plan.Order, Axis: axis, Training: tr, MinOutlets: c.Int("min-outlets")}, nil
}

// singleLexiconFlag is --lexicon for commands that use exactly one.
func singleLexiconFlag() cli.Flag {
	return &cli.StringFlag{Name: "lexicon", Aliases: []string{"l"}, Value: lexicon.Default,
		Usage: "built-in lexicon `NAME` or YAML FILE"}
}

func lexiconCoverageCommand() *cli.Command {
	return &cli.Command{
		Name:      "coverage",
		Usage:     "check a lexicon against a corpus: entries that never match, targets never named, actors it misses",
		ArgsUsage: "PATH... (files, folders, or - for standard input)",
		Description: `coverage lists the lexicon's entries that match no article (with their lines, to
prune or fix), the share of articles that never name each target, and the most
frequent capitalised phrases that the lexicon does not match: runs of capitalised
words (with "of" and "the" inside) that do not merely start a sentence. These are
often actors or names the lexicon is missing. Matches count in every voice.

Examples:
   compare lexicon coverage corpus/
   compare lexicon coverage --lexicon my-lexicon.yaml --top 50 --format json corpus/`,
		Flags: append([]cli.Flag{
			singleLexiconFlag(),
			&cli.IntFlag{Name: "top", Value: 30, Usage: "capitalised phrases (`N`) to list"},
			&cli.IntFlag{Name: "min-count", Value: 2, Usage: "fewest uses (`N`) of a listed phrase"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output `FORMAT`: text or json"},
			outputFlag(),
		}, inputFlags()...),
		Action: runLexiconCoverage,
	}
}

func runLexiconCoverage(c *cli.Context) error {
	if c.NArg() == 0 {
		return cli.Exit("lexicon coverage: name at least one PATH (a file, a folder, or - for standard input)", exitUsage)
	}
	format := c.String("format")
	if format != "text" && format != "json" {
		return cli.Exit(fmt.Sprintf("lexicon coverage: --format %q: want text or json", format), exitUsage)
	}
	if c.Int("top") < 0 || c.Int("min-count") < 1 {
		return cli.Exit("lexicon coverage: --top must not be negative and --min-count must be at least 1", exitUsage)
	}
	opts, err := prepareInput(c)
	if err != nil {
		return err
	}
	lex, err := lexicon.Load(c.String("lexicon"))
	if err != nil {
		return cli.Exit(err, exitFailure)
	}
	cov := coverage.New(lexicon.Compile(lex))
	if err := readInput(c, opts, func(a *corpus.Article) error { cov.Add(a); return nil }); err != nil {
		return err
	}
	rep := cov.Result(c.Int("top"), c.Int("min-count"))
	return withOutput(c, func(w io.Writer) error { return coverage.Write(w, rep, format) })
}
