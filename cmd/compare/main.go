// Command compare scores how news articles name the actors they write
// about, compares outlets with honest statistics, and renders reports.
//
// Run `compare --help` for the commands; the README explains the lexicon
// format and every formula.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"github.com/urfave/cli/v2"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// Exit statuses. The README lists them.
const (
	exitOK       = 0
	exitFailure  = 1 // a command failed: bad flags, unreadable lexicon, write error
	exitUsage    = 2 // the command line is wrong
	exitSkipped  = 3 // --strict and some records were skipped
	exitNoInput  = 4 // nothing could be read
	exitCheckBad = 5 // lexicon check found problems
	exitShifted  = 6 // stats --baseline found a unit that shifted
	exitLoaded   = 7 // score --format lint found a loaded term in the author's voice

	exitInterrupted = 130 // stopped by SIGINT or SIGTERM (128 + SIGINT, as shells report)
)

// memoryLimit is the Go runtime's soft memory limit unless GOMEMLIMIT
// sets another (debug.SetMemoryLimit): past it the garbage collector runs
// more often instead of letting the heap grow to twice what is live. A
// comparison of tens of thousands of outlets keeps 500-700 MB live at
// its peak, which the default pacing would take to 1.5-2 GB; a corpus of
// a few outlets stays far below the limit and is not slowed. It is soft:
// a run that needs more live memory gets it.
const memoryLimit = 800 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	// SIGINT (Ctrl-C) and SIGTERM cancel the context: reading and writing
	// stop, and files being written are removed instead of put in place.
	// A second signal ends the process at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
		if cause := context.Cause(ctx); cause != context.Canceled {
			fmt.Fprintf(os.Stderr, "compare: %v: stopping (a second signal stops at once)\n", cause)
		}
	}()
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run builds the app, runs it, and is the only place that decides the exit
// status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	err := app.RunContext(ctx, args)
	if ctx.Err() != nil {
		fmt.Fprintf(stderr, "compare: stopped: %v; files being written were removed, earlier ones left as they were\n", context.Cause(ctx))
		return exitInterrupted
	}
	if err == nil {
		return exitOK
	}
	var ec cli.ExitCoder
	if errors.As(err, &ec) {
		if msg := err.Error(); msg != "" {
			fmt.Fprintln(stderr, "compare:", msg)
		}
		return ec.ExitCode()
	}
	fmt.Fprintln(stderr, "compare:", err)
	return exitFailure
}

// newApp builds the command-line application.
func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:    "compare",
		Usage:   "compare how news outlets name the actors they write about",
		Version: version,
		Description: `compare reads news articles, finds the loaded and neutral names they use for
each actor (from a YAML lexicon), says in whose voice each word stands (the
outlet's own, a quoted speaker's, or distanced), and sums this up as framing
per actor and stance per axis, with evidence for every number.

Start with the built-in sample:
   compare score testdata/sample
   compare lexicon show iran-syria

Lexicon scoring sees word choice only. It cannot see sarcasm, which facts an
article selects, or stance carried by words that are not in the lexicon.`,
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		// run decides the exit status; the library must never exit.
		ExitErrHandler:       func(*cli.Context, error) {},
		EnableBashCompletion: true,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile to `FILE` (read it with go tool pprof)"},
		},
		Commands: []*cli.Command{
			scoreCommand(),
			statsCommand(),
			reportCommand(),
			annotateCommand(),
			serveCommand(),
			eventsCommand(),
			lexiconCommand(),
			agreeCommand(),
			validateCommand(),
			credibilityCommand(),
			generateCommand(),
			kwicCommand(),
			schemaCommand(),
		},
	}
	app.OnUsageError = usageError
	setUsageError(app.Commands)
	return app
}

// withProfile runs action, profiling it to --cpuprofile when that is
// set. The profile is an output file like any other (writeOutput), kept
// also when the command failed: a profile of a failure is still a profile.
func withProfile(c *cli.Context, action cli.ActionFunc) error {
	path := c.String("cpuprofile")
	if path == "" {
		return action(c)
	}
	var actionErr error
	err := writeOutput(c, "--cpuprofile", path, func(error) bool { return true }, func(w io.Writer) error {
		if err := pprof.StartCPUProfile(w); err != nil {
			return cli.Exit(fmt.Sprintf("--cpuprofile: %v", err), exitFailure)
		}
		actionErr = action(c)
		pprof.StopCPUProfile()
		return nil
	})
	if actionErr != nil {
		return actionErr
	}
	return err
}

// usageError turns a flag parsing error into exit status 2.
func usageError(c *cli.Context, err error, isSub bool) error {
	return cli.Exit(fmt.Sprintf("%v (see --help)", err), exitUsage)
}

// setUsageError sets usageError on every command (urfave/cli asks the
// command, not the app, about its own flags), lets every action see flags
// written after its PATH arguments (see withLateFlags), and profiles it
// when --cpuprofile asks (see withProfile).
func setUsageError(cmds []*cli.Command) {
	for _, c := range cmds {
		if c.OnUsageError == nil {
			c.OnUsageError = usageError
		}
		if action := c.Action; action != nil {
			c.Action = func(ctx *cli.Context) error {
				ctx, err := withLateFlags(ctx)
				if err != nil {
					return err
				}
				return withProfile(ctx, action)
			}
		}
		setUsageError(c.Subcommands)
	}
}
