package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

// withLateFlags returns a context in which flags written after the first
// PATH count too. urfave/cli v2 stops parsing flags at the first
// positional argument, but people (and the README) write
// `compare report corpus/ -o reports/corpus.html`. The late flags are set
// on c; the returned context's Args are the PATHs alone. A lone "--" ends
// the flags.
func withLateFlags(c *cli.Context) (*cli.Context, error) {
	args := c.Args().Slice()
	var paths []string
	late := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			paths = append(paths, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			paths = append(paths, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := lookupFlag(c.Command.Flags, name)
		if f == nil {
			return nil, cli.Exit(fmt.Sprintf("%s: flag provided but not defined: %s (see --help)", c.Command.Name, a), exitUsage)
		}
		if !hasValue {
			if _, ok := f.(*cli.BoolFlag); ok {
				value = "true"
			} else if i+1 < len(args) {
				i++
				value = args[i]
			} else {
				return nil, cli.Exit(fmt.Sprintf("%s: flag needs an argument: %s (see --help)", c.Command.Name, a), exitUsage)
			}
		}
		if err := c.Set(f.Names()[0], value); err != nil {
			return nil, cli.Exit(fmt.Sprintf("%s: invalid value %q for flag %s: %v", c.Command.Name, value, a, err), exitUsage)
		}
		late = true
	}
	if !late {
		return c, nil
	}
	set := flag.NewFlagSet(c.Command.Name, flag.ContinueOnError)
	if err := set.Parse(append([]string{"--"}, paths...)); err != nil {
		return nil, err
	}
	// Flag lookups fall through to c, which holds every flag's value.
	nc := cli.NewContext(c.App, set, c)
	nc.Command = c.Command
	return nc, nil
}

func lookupFlag(flags []cli.Flag, name string) cli.Flag {
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				return f
			}
		}
	}
	return nil
}

// byFlag reads --by: outlet or group, what cmd compares.
func byFlag(c *cli.Context, cmd string) (string, error) {
	by := c.String("by")
	if by != "outlet" && by != "group" {
		return "", cli.Exit(fmt.Sprintf("%s: --by %q: want outlet or group", cmd, by), exitUsage)
	}
	return by, nil
}
