package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/outfile"
)

// Output files.
//
// Every file a command writes (-o/--output, --errors, --cpuprofile) goes
// through writeOutput: it is written to a temporary file beside it and put
// in place only when the command succeeded (or --strict skipped records,
// whose good ones are still written). A failed, interrupted or killed run
// leaves the earlier file as it was. Outputs are opened only after the
// arguments were checked, and checkOutputs refuses an output that is one of
// the inputs or lies in a folder read as input.

// outputFlag is -o/--output of the commands that write one output.
func outputFlag() cli.Flag {
	return &cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"}
}

// writeOutput runs write on the file at path, named by flag, or on
// standard output when path is "" or "-", and keeps the file when keep says
// the command's error allows it and the run was not interrupted. Writes
// fail once the command's context is cancelled (Ctrl-C), so that long
// writers stop.
func writeOutput(c *cli.Context, flag, path string, keep func(error) bool, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(ctxWriter{c.Context, c.App.Writer})
	}
	f, err := outfile.Create(path)
	if err != nil {
		return cli.Exit(fmt.Sprintf("%s: cannot write %s: %v", flag, corpus.QuoteName(path), err), exitFailure)
	}
	defer f.Abort()
	err = write(ctxWriter{c.Context, f})
	if !keep(err) || c.Context.Err() != nil {
		return err
	}
	if cerr := f.Commit(); cerr != nil {
		return cli.Exit(fmt.Sprintf("%s: writing %s: %v; the file was left as it was", flag, corpus.QuoteName(path), cerr), exitFailure)
	}
	return err
}

// keepOnSuccess keeps an output when the command succeeded, or when
// --strict failed it for skipped records (the good ones are written).
func keepOnSuccess(err error) bool {
	var ec cli.ExitCoder
	return err == nil || errors.As(err, &ec) && ec.ExitCode() == exitSkipped
}

// withOutput runs write on --output, or on standard output, and keeps the
// file only when write succeeds.
func withOutput(c *cli.Context, write func(io.Writer) error) error {
	return writeOutput(c, "--output", c.String("output"), keepOnSuccess, write)
}

// ctxWriter fails writes once ctx is cancelled.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (w ctxWriter) Write(p []byte) (int, error) {
	if err := w.ctx.Err(); err != nil {
		return 0, err
	}
	return w.w.Write(p)
}

// output is an output file named by a flag.
type output struct{ flag, path string }

// checkOutputs refuses, with exit status 2, an output file that is one of
// the inputs, or that lies inside a folder read as input (a later run
// would read it as articles). inputs are the PATH arguments and score
// files; outputs "" and "-" (standard output) are ignored.
func checkOutputs(inputs []string, outputs ...output) error {
	for _, o := range outputs {
		flag, out := o.flag, o.path
		if out == "" || out == "-" {
			continue
		}
		outAbs, err := filepath.Abs(out)
		if err != nil {
			continue
		}
		outInfo, outErr := os.Stat(out)
		for _, in := range inputs {
			if in == "-" {
				continue
			}
			inInfo, err := os.Stat(in)
			if err != nil {
				continue
			}
			if outErr == nil && os.SameFile(inInfo, outInfo) {
				return cli.Exit(fmt.Sprintf("%s %s is also an input; write it elsewhere", flag, corpus.QuoteName(out)), exitUsage)
			}
			if !inInfo.IsDir() {
				continue
			}
			inAbs, err := filepath.Abs(in)
			if err != nil {
				continue
			}
			if real, err := filepath.EvalSymlinks(inAbs); err == nil {
				inAbs = real
			}
			if real, err := filepath.EvalSymlinks(filepath.Dir(outAbs)); err == nil {
				outAbs = filepath.Join(real, filepath.Base(outAbs))
			}
			if rel, err := filepath.Rel(inAbs, outAbs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return cli.Exit(fmt.Sprintf("%s %s is inside the input folder %s, where a later run would read it as articles; write it elsewhere", flag, corpus.QuoteName(out), corpus.QuoteName(in)), exitUsage)
			}
		}
	}
	return nil
}
