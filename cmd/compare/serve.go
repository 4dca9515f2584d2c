package main

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/compare-tool/compare/internal/serve"
)

func serveCommand() *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "a local web page for the classroom: paste an article, see its words, lay two side by side, print a handout",
		Description: `serve starts a web page on this computer (stdlib net/http, everything
embedded, no network needed, no script in the page). Paste an article or drop a
file (txt, html or json), pick a built-in lexicon or send your own YAML (checked
with the messages of compare lexicon check), and the article appears with its
loaded terms marked and numbered notes: neutral alternatives and the lexicon's
teaching note. A second article, the same event from another outlet, is laid
beside it target by target. "Print handout" opens the handout of compare
annotate --format html, ready to print.

Nothing is written to disk, request bodies are limited (--max-body), and the
text pasted is shown as text, never run. serve listens on 127.0.0.1 (this
computer only) unless --addr says otherwise, and says so when it does not; on
loopback it answers only requests addressed to this computer (localhost,
127.0.0.1, ::1).

Examples:
   compare serve
   compare serve --addr 127.0.0.1:9000`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Usage: "listen on `HOST:PORT` (a host other than a loopback address lets other machines in)"},
			&cli.StringFlag{Name: "max-body", Value: "4MiB", Usage: "refuse requests larger than `SIZE` (bytes, or with KB, MB, KiB, MiB)"},
		},
		Action: runServe,
	}
}

func runServe(c *cli.Context) error {
	maxBody, err := parseSize(c.String("max-body"), 1<<30)
	if err != nil {
		return cli.Exit("serve: --max-body: "+err.Error(), exitUsage)
	}
	ln, err := net.Listen("tcp", c.String("addr"))
	if err != nil {
		return cli.Exit("serve: "+err.Error(), exitFailure)
	}
	defer ln.Close()
	addr := ln.Addr().(*net.TCPAddr)
	srv, err := serve.New(serve.Options{MaxBody: maxBody, Loopback: addr.IP.IsLoopback()})
	if err != nil {
		return cli.Exit("serve: "+err.Error(), exitFailure)
	}
	if addr.IP.IsLoopback() {
		fmt.Fprintf(c.App.ErrWriter, "compare serve: open http://%s in a browser (only this computer can reach it; Ctrl-C stops)\n", addr)
	} else {
		fmt.Fprintf(c.App.ErrWriter, "compare serve: listening on %s, NOT only on this computer: other machines that can reach it can use it (Ctrl-C stops)\n", addr)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, WriteTimeout: time.Minute}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err = <-done:
	case <-c.Context.Done():
		err = hs.Close()
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return cli.Exit("serve: "+err.Error(), exitFailure)
	}
	return nil
}
