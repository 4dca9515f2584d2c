package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/dates"
	"github.com/compare-tool/compare/internal/english"
)

// Reading articles: exit statuses.
//
// Every command that reads articles (score, stats, report) ends with one
// summary line on standard error:
//
//	compare: read 12 records: 10 scored, 2 skipped (1 malformed-json, 1 binary); 1 warning (1 missing-outlet)
//
// and exits with
//
//	0 (exitOK)       every record was scored, or some were skipped without --strict
//	2 (exitUsage)    a bad --field, --max-bytes, --dedupe or --stdin-format value
//	1 (exitFailure)  the --outlets or --errors file could not be used
//	3 (exitSkipped)  --strict, and at least one record was skipped (the good ones
//	                 are still written)
//	4 (exitNoInput)  nothing could be read: no record was scored
//
// Skipped records and warnings are printed to standard error, the first
// maxProblemLines of them; --errors FILE lists them all as JSON Lines.

// maxProblemLines caps the problems printed to standard error.
const maxProblemLines = 20

// inputFlags are the flags of every command that reads articles.
func inputFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "field", Usage: "map an article `FIELD=KEY` to another JSON key or CSV column, e.g. text=body,outlet=source (fields: " + strings.Join(corpus.FieldNames, ", ") + ")"},
		&cli.StringFlag{Name: "outlets", Usage: "outlet metadata `FILE` (YAML or CSV): canonical names, aliases, group, country, notes"},
		&cli.StringFlag{Name: "max-bytes", Usage: "skip articles (files, lines, rows) larger than `SIZE` (bytes, or with KB, MB, GB, KiB, MiB, GiB; default 16 MiB, at most 1 GiB)"},
		&cli.StringFlag{Name: "dedupe", Usage: "skip duplicate articles by `KEY`: id (same id) or content (same text up to white space)"},
		&cli.StringFlag{Name: "errors", Usage: "write every skipped record and warning to `FILE` as JSON Lines, with file, line and reason"},
		&cli.BoolFlag{Name: "strict", Usage: "exit with status 3 when any record was skipped"},
		&cli.StringFlag{Name: "date-order", Usage: "read all-numeric dates such as 04/06/2024 as `ORDER`: day-first (4 June) or month-first (April 6); without it they are reported as ambiguous-date and left unread, never guessed"},
		&cli.StringFlag{Name: "stdin-format", Usage: "`FORMAT` of standard input (-): jsonl, json, csv, tsv, txt or html (default: detected, JSON Lines, JSON, HTML or plain text)"},
		&cli.BoolFlag{Name: "progress", Usage: "show a progress bar on standard error even when it is not a terminal"},
		&cli.BoolFlag{Name: "no-progress", Usage: "show no progress bar and no closing throughput line"},
	}
}

// readInput reads the command's PATH arguments with opts (from
// inputOptions, called before any output is opened), calls emit for each
// article, writes --errors records, prints problems and the one-line
// summary on c.App.ErrWriter, and returns a cli.Exit error with the
// statuses above. An error from emit is returned as it is. The --errors
// file is kept when the reading was finished, whatever its outcome.
func readInput(c *cli.Context, opts corpus.Options, emit func(*corpus.Article) error) error {
	return withErrorsFile(c, func(errorsOut io.Writer) (bool, error) {
		return readArticles(c, opts, c.Args().Slice(), "", errorsOut, emit)
	})
}

// withErrorsFile calls read with the --errors file to write problems to
// (nil without --errors), and keeps the file when read says the reading
// finished, whatever its outcome. Several readings in one read share the
// file.
func withErrorsFile(c *cli.Context, read func(errorsOut io.Writer) (finished bool, err error)) error {
	path := c.String("errors")
	if path == "" {
		_, err := read(nil)
		return err
	}
	finished := false
	return writeOutput(c, "--errors", path, func(error) bool { return finished }, func(w io.Writer) error {
		var err error
		finished, err = read(w)
		return err
	})
}

// readArticles does the work of readInput for paths, writing problems as
// JSON Lines to errorsOut when it is not nil; label, when set, names the
// input in the summary line ("compare: baseline: read 12 records: …").
// finished is false when the reading stopped early (emit failed, or the
// run was interrupted) or errorsOut failed.
func readArticles(c *cli.Context, opts corpus.Options, paths []string, label string, errorsOut io.Writer, emit func(*corpus.Article) error) (finished bool, err error) {
	stderr := c.App.ErrWriter
	if stderr == nil {
		stderr = os.Stderr
	}
	var errorsBuf *bufio.Writer
	var errorsEnc *json.Encoder
	if errorsOut != nil {
		errorsBuf = bufio.NewWriter(errorsOut)
		errorsEnc = json.NewEncoder(errorsBuf)
		errorsEnc.SetEscapeHTML(false)
	}

	printed, unprinted := 0, 0
	var writeErr error
	report := func(p corpus.Problem) {
		if p.Reason == corpus.ReasonNotJSON {
			p.Message += fmt.Sprintf("; --stdin-format %s asked for JSON: use --stdin-format txt, or leave the flag out to detect the format", c.String("stdin-format"))
		}
		if errorsEnc != nil && writeErr == nil {
			writeErr = errorsEnc.Encode(p)
		}
		if printed >= maxProblemLines {
			unprinted++
			return
		}
		printed++
		kind := "warning"
		if p.Skipped {
			kind = "skipped"
		}
		fmt.Fprintf(stderr, "compare: %s: %s\n", kind, p)
	}

	prog := startProgress(c, paths)
	opts.Progress = prog.addBytes
	sum, readErr := corpus.Read(c.Context, paths, opts, func(a *corpus.Article) error {
		prog.article()
		return emit(a)
	}, report)
	prog.finish()

	if unprinted > 0 {
		more := "use --errors FILE to list them all"
		if errorsOut != nil {
			more = "see " + corpus.QuoteName(c.String("errors"))
		}
		fmt.Fprintf(stderr, "compare: … %d more %s, %s\n", unprinted, english.Plural(unprinted, "problem", "problems"), more)
	}
	line := summaryLine(sum)
	if label != "" {
		line = strings.Replace(line, "compare: ", "compare: "+label+": ", 1)
	}
	fmt.Fprintln(stderr, line)
	if errorsBuf != nil && writeErr == nil {
		writeErr = errorsBuf.Flush()
	}
	if readErr != nil {
		return false, readErr
	}
	if writeErr != nil {
		return false, cli.Exit(fmt.Sprintf("--errors: %v", writeErr), exitFailure)
	}
	if sum.Emitted == 0 {
		what := "article"
		if label != "" {
			what = label + " article"
		}
		if sum.Read == 0 {
			return true, cli.Exit("no "+what+"s found in "+quoteNames(paths), exitNoInput)
		}
		return true, cli.Exit("no "+what+" could be read", exitNoInput)
	}
	if c.Bool("strict") && sum.SkippedTotal() > 0 {
		n := sum.SkippedTotal()
		return true, cli.Exit(fmt.Sprintf("--strict: %d %s skipped", n, english.Plural(n, "record", "records")), exitSkipped)
	}
	return true, nil
}

// quoteNames joins file names with spaces, each quoted when it needs to be.
func quoteNames(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = corpus.QuoteName(n)
	}
	return strings.Join(q, " ")
}

// prepareInput checks the input flags and the outputs (--output, --errors)
// against the inputs (the PATHs, --scores), before any output is opened,
// and returns the options for readInput.
func prepareInput(c *cli.Context) (corpus.Options, error) {
	opts, err := inputOptions(c)
	if err != nil {
		return opts, err
	}
	inputs := append(c.Args().Slice(), c.StringSlice("scores")...)
	inputs = append(inputs, c.StringSlice("baseline")...)
	return opts, checkOutputs(inputs, output{"--output", c.String("output")}, output{"--errors", c.String("errors")})
}

// inputOptions turns the input flags into corpus options.
func inputOptions(c *cli.Context) (corpus.Options, error) {
	opts := corpus.Options{Stdin: c.App.Reader, StdinFormat: strings.ToLower(c.String("stdin-format"))}
	if opts.Stdin == nil {
		opts.Stdin = os.Stdin
	}
	fields, err := corpus.ParseFields(c.StringSlice("field"))
	if err != nil {
		return opts, cli.Exit("--field: "+err.Error(), exitUsage)
	}
	opts.Fields = fields
	if s := c.String("max-bytes"); s != "" {
		n, err := parseSize(s, corpus.MaxArticleBytes)
		if err != nil {
			return opts, cli.Exit("--max-bytes: "+err.Error(), exitUsage)
		}
		opts.MaxBytes = n
	}
	switch d := strings.ToLower(c.String("dedupe")); d {
	case "", "id", "content":
		opts.Dedupe = d
	default:
		return opts, cli.Exit(fmt.Sprintf("--dedupe %q: want id or content", c.String("dedupe")), exitUsage)
	}
	switch opts.StdinFormat {
	case "", "auto", "jsonl", "ndjson", "json", "csv", "tsv", "txt", "text", "md", "html", "htm":
	default:
		return opts, cli.Exit(fmt.Sprintf("--stdin-format %q: want auto, jsonl, json, csv, tsv, txt or html", c.String("stdin-format")), exitUsage)
	}
	order, err := dates.ParseOrder(c.String("date-order"))
	if err != nil {
		return opts, cli.Exit("--date-order: "+err.Error(), exitUsage)
	}
	opts.DateOrder = order
	if path := c.String("outlets"); path != "" {
		o, err := corpus.LoadOutlets(path)
		if err != nil {
			return opts, cli.Exit("--outlets: "+err.Error(), exitFailure)
		}
		opts.Outlets = o
	}
	return opts, nil
}

// summaryLine says what reading did, in one line:
// "compare: read 12 records: 10 scored, 2 skipped (1 malformed-json, 1 binary); 1 warning (1 missing-outlet)".
func summaryLine(sum corpus.Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "compare: read %d %s: %d scored", sum.Read, english.Plural(sum.Read, "record", "records"), sum.Emitted)
	if n := sum.SkippedTotal(); n > 0 {
		fmt.Fprintf(&b, ", %d skipped (%s)", n, corpus.ReasonCounts(sum.Skipped))
	}
	if n := sum.WarnedTotal(); n > 0 {
		fmt.Fprintf(&b, "; %d %s (%s)", n, english.Plural(n, "warning", "warnings"), corpus.ReasonCounts(sum.Warned))
	}
	return b.String()
}
