// Package browsertest starts a headless Chromium for the browser tests
// of the report, the handout and `compare serve`, and watches what a page
// does that it should not. It is imported by tests only.
//
// Tests skip when no Chromium is installed, except in CI (CI=true), where
// a missing browser fails: .ci/run installs it.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// ChromiumPath finds a Chromium: $CHROMIUM, Debian's /usr/bin/chromium,
// or one on $PATH; "" when there is none.
func ChromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Tool returns the path of a command-line tool a browser test needs
// (pdftotext), skipping the test when it is missing, except in CI.
func Tool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no %s found (apt-get install %s); CI must run the browser tests", name, pkg)
		}
		t.Skipf("no %s found: install %s to run this test", name, pkg)
	}
	return p
}

// Start starts a headless Chromium for one test and returns a tab's
// context, stopped when the test ends (60 s at most).
func Start(t *testing.T) context.Context {
	t.Helper()
	return StartFor(t, 60*time.Second)
}

// StartFor is Start for a test that may take d (printing a long page
// under -race on a busy machine takes minutes).
func StartFor(t *testing.T, d time.Duration) context.Context {
	t.Helper()
	path := ChromiumPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no Chromium found (set CHROMIUM or install Debian's chromium); CI must run the browser tests")
		}
		t.Skip("no Chromium found: install chromium (apt-get install chromium) or set CHROMIUM to run the browser tests")
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests may run as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, d)
	t.Cleanup(func() {
		cancelTime()
		cancelTab()
		cancelAlloc()
	})
	return ctx
}

// Log collects what a page did that it should not: requests it was not
// allowed, console errors and warnings, exceptions, and browser log
// errors (CSP violations and failed loads among them).
type Log struct {
	mu       sync.Mutex
	problems []string
}

func (l *Log) add(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.problems = append(l.problems, fmt.Sprintf(format, args...))
}

// Check fails the test with every problem collected.
func (l *Log) Check(t *testing.T) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range l.problems {
		t.Error(p)
	}
}

// Watch starts collecting the problems of the pages of ctx; allowed says
// which request URLs are the page's own (data: URLs always are).
func Watch(t *testing.T, ctx context.Context, allowed func(url string) bool) *Log {
	t.Helper()
	pl := &Log{}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			u := ev.Request.URL
			if !allowed(u) && !strings.HasPrefix(u, "data:") {
				pl.add("network request to %s", u)
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range ev.Args {
					if a.Value != nil {
						parts = append(parts, string(a.Value))
					} else {
						parts = append(parts, a.Description)
					}
				}
				pl.add("console.%s: %s", ev.Type, strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			pl.add("exception at %d:%d: %s", d.LineNumber, d.ColumnNumber, msg)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				pl.add("browser log %s (%s): %s %s", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return pl
}

// Eval evaluates js in the page and returns its value.
func Eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}
