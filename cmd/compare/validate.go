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

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/validate"
)

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "measure how well scores separate outlets or articles of known labels (AUC, Spearman, per-entry diagnostics)",
		ArgsUsage: "[PATH...] (articles to score first; or give --scores)",
		Description: `validate asks whether the scores measure what a lexicon claims: do articles of
outlets labelled right score above those labelled left? Labels come from a
labels file (--labels: outlet or article id → label, CSV or YAML) or from a
field of each record (--label-field bias reads the "bias" field the input
kept as metadata). Labels compare ignoring case.

Per axis it reports: evidence coverage (articles with n > 0); the AUC of
each pair of labels at article level and over outlet means, each over all
articles and over those with evidence, with stratified bootstrap intervals
(--bootstrap, --seed); with --order, Spearman's rho of outlet means against
the label's rank; and each lexicon entry's use by label, with a verdict on
whether it works with its lean, against it, or carries no signal (those
that do not work first).

Held out: a lexicon grown on some outlets must be judged on others.
--train-outlets FILE names the outlets it was fitted on (a list, one a line,
in a .txt file; or a file of articles whose outlets are taken): they are
left out of the measurement and listed. --test-outlets FILE measures only
those outlets. --split outlet --folds K checks by K-fold cross-validation
over outlets whether dropping the entries that work against their lean on
the other folds helps on each fold's unseen outlets; it also gives each
fold's own AUC, and for each entry the folds whose articles use it with its
lean, against it, or not at all.

Examples:
   compare validate --outlets testdata/sample-outlets.yaml --label-field group \
       --order 'opposition,wire,state media' testdata/sample
   compare score --lexicon us-politics --format jsonl --no-text ../shared/abp/valid.jsonl.gz > valid.jsonl
   compare validate --label-field bias --order left,center,right --scores valid.jsonl \
       --train-outlets ../shared/abp/train.jsonl.gz
   compare validate --label-field bias --order left,center,right --scores train.jsonl --split outlet --folds 5

Caveats: an AUC says how well scores rank articles by label in these data;
it does not show that a lexicon measures ideology, and outlet labels given
to every article also reflect the topics and formats outlets favour.`,
		Flags: append([]cli.Flag{
			&cli.StringSliceFlag{Name: "scores", Aliases: []string{"s"},
				Usage: "read score records from `FILE` (JSON Lines of compare score --format jsonl; .gz is decompressed; - is standard input); repeat for shards"},
			&cli.StringFlag{Name: "lexicon", Aliases: []string{"l"},
				Usage: "lexicon `NAME` or YAML FILE: scores PATHs with it, keeps only --scores records scored with it, and supplies every entry for the diagnostics"},
			&cli.StringFlag{Name: "split", Usage: "cross-check by `outlet`: K-fold cross-validation of pruning entries by their verdicts (needs --order)"},
			&cli.IntFlag{Name: "folds", Value: 5, Usage: "folds (`K`) of --split"},
			&cli.IntFlag{Name: "bootstrap", Value: validate.DefaultOptions().Resamples, Usage: "bootstrap resamples (`N`) of each AUC interval; 0 leaves them out"},
			&cli.Uint64Flag{Name: "seed", Value: validate.DefaultOptions().Seed, Usage: "`SEED` of the bootstraps and folds; recorded in the output"},
			&cli.IntFlag{Name: "min-articles", Value: validate.DefaultOptions().MinOutletArticles, Usage: "fewest articles (`N`) an outlet needs to enter the outlet-level statistics"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table",
				Usage: "output `FORMAT`: " + strings.Join(validate.Formats, ", ") + " (csv is tidy: one value a row)"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
			&cli.IntFlag{Name: "workers", Aliases: []string{"j"}, Usage: "scoring goroutines (`N`) for PATHs; 0 = one per CPU, at most 4 per CPU. Output is the same for any N"},
		}, append(labelFlags(), inputFlags()...)...),
		Action: runValidate,
	}
}

func runValidate(c *cli.Context) error {
	if len(c.StringSlice("scores")) == 0 && c.NArg() == 0 {
		return cli.Exit("validate: give --scores FILE or at least one PATH of articles to score", exitUsage)
	}
	format := c.String("format")
	if !slices.Contains(validate.Formats, format) {
		return cli.Exit(fmt.Sprintf("validate: --format %q: want one of %s", format, strings.Join(validate.Formats, ", ")), exitUsage)
	}
	plan, lab, err := validationPlan(c, "validate")
	if err != nil {
		return err
	}
	if lab == nil {
		return cli.Exit("validate: give --labels FILE or --label-field FIELD", exitUsage)
	}
	switch split := c.String("split"); split {
	case "":
	case "outlet":
		if c.Int("folds") < 2 {
			return cli.Exit(fmt.Sprintf("validate: --folds %d: at least 2", c.Int("folds")), exitUsage)
		}
		if plan.Order == nil {
			return cli.Exit("validate: --split outlet judges entries by their lean: give --order", exitUsage)
		}
		plan.Folds = c.Int("folds")
	default:
		return cli.Exit(fmt.Sprintf("validate: --split %q: want outlet", split), exitUsage)
	}
	sel, err := aggregate.NewSelection(c.String("lexicon"))
	if err != nil {
		return cli.Exit(err, exitFailure)
	}
	var col *validate.Collector
	_, err = eachRecord(c, "validate", sel, true, func(r *record.Record) error {
		if col == nil {
			lex := sel.Lexicon()
			if lex == nil {
				lex = aggregate.BuiltinFor(r.Lexicon)
			}
			col = validate.NewCollector(lab, lex)
		}
		return col.Add(r)
	})
	if err != nil {
		return err
	}
	if col == nil {
		msg := "validate: no score records to validate"
		if skipped := sel.Skipped(); skipped != "" {
			msg = fmt.Sprintf("validate: no record was scored with lexicon %s; the input holds %s", c.String("lexicon"), skipped)
		}
		return cli.Exit(msg, exitNoInput)
	}
	v, err := col.Validate(plan)
	if err != nil {
		return cli.Exit("validate: "+err.Error(), exitFailure)
	}
	return withOutput(c, func(out io.Writer) error {
		if err := validate.WriteValidation(out, v, format); err != nil {
			return cli.Exit(fmt.Errorf("validate: writing output: %w", err), exitFailure)
		}
		return nil
	})
}

// labelFlags are the flags of validate and report that give articles
// labels and say which outlets a lexicon was fitted on.
func labelFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "labels", Usage: "labels `FILE` (CSV or YAML): outlet → label, or article id → label"},
		&cli.StringFlag{Name: "label-field", Usage: "take each article's label from its record's `FIELD` (\"group\", or a metadata key such as bias)"},
		&cli.StringFlag{Name: "order", Usage: "ordinal labels from the negative pole of the axes to the positive one, e.g. `left,center,right`; without it labels are categorical"},
		&cli.StringFlag{Name: "train-outlets", Usage: "outlets the lexicon was fitted on (`FILE`: one a line in a .txt file, or articles whose outlets are taken): never measured"},
		&cli.StringFlag{Name: "test-outlets", Usage: "measure only these outlets (`FILE`, as --train-outlets)"},
	}
}

// validationPlan reads the flags validate and report share: the labels
// (--labels or --label-field; nil when neither is given), --order, the
// held-out outlets and the statistics' settings.
func validationPlan(c *cli.Context, cmd string) (validate.Plan, validate.Labeller, error) {
	plan := validate.Plan{Options: validate.DefaultOptions()}
	var lab validate.Labeller
	file, field := c.String("labels"), c.String("label-field")
	switch {
	case file != "" && field != "":
		return plan, nil, cli.Exit(cmd+": give --labels or --label-field, not both", exitUsage)
	case file != "":
		l, err := validate.LoadLabels(file)
		if err != nil {
			return plan, nil, cli.Exit(fmt.Sprintf("%s: --labels: %v", cmd, err), exitFailure)
		}
		lab, plan.Labels = l, fmt.Sprintf("%s (by %s)", file, l.Key)
	case field != "":
		lab, plan.Labels = validate.FieldLabels(field), fmt.Sprintf("the field %q of each record", field)
	}
	if s := c.String("order"); s != "" {
		for _, l := range strings.Split(s, ",") {
			plan.Order = append(plan.Order, strings.TrimSpace(l))
		}
	}
	if n := c.Int("bootstrap"); n < 0 {
		return plan, nil, cli.Exit(fmt.Sprintf("%s: --bootstrap %d: must not be negative", cmd, n), exitUsage)
	}
	if n := c.Int("min-articles"); n < 0 {
		return plan, nil, cli.Exit(fmt.Sprintf("%s: --min-articles %d: must not be negative", cmd, n), exitUsage)
	}
	plan.Resamples = c.Int("bootstrap")
	plan.Seed = c.Uint64("seed")
	plan.MinOutletArticles = max(1, c.Int("min-articles"))
	for _, f := range []struct {
		flag string
		to   *[]string
	}{{"train-outlets", &plan.TrainOutlets}, {"test-outlets", &plan.TestOutlets}} {
		path := c.String(f.flag)
		if path == "" {
			continue
		}
		names, err := readOutletList(c, path)
		if err != nil {
			return plan, nil, cli.Exit(fmt.Sprintf("%s: --%s: %v", cmd, f.flag, err), exitFailure)
		}
		*f.to = names
	}
	return plan, lab, nil
}

// readOutletList reads the outlets of --train-outlets or --test-outlets:
// one a line in a .txt file, else the outlets of the articles in the file
// (read with the input flags). --outlets folds aliases in both, as it does
// in the scored articles.
func readOutletList(c *cli.Context, path string) ([]string, error) {
	opts, err := inputOptions(c)
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(filepath.Ext(path), ".txt") {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		names, err := validate.ParseOutletList(path, data)
		for i, n := range names {
			names[i], _ = opts.Outlets.Resolve(n)
		}
		return names, err
	}
	seen := map[string]bool{}
	var names []string
	skipped := 0
	_, err = corpus.Read(c.Context, []string{path}, opts, func(a *corpus.Article) error {
		if !seen[a.Outlet] {
			seen[a.Outlet] = true
			names = append(names, a.Outlet)
		}
		return nil
	}, func(p corpus.Problem) {
		if p.Skipped {
			skipped++
		}
	})
	if err != nil {
		return nil, err
	}
	if skipped > 0 {
		return nil, fmt.Errorf("%s: %d records could not be read, and their outlets would be missing from the list (check them with compare score)", path, skipped)
	}
	if len(names) == 0 {
		return nil, errors.New(path + ": no articles, so no outlets")
	}
	return names, nil
}
