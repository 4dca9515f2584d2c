package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// serveFor runs compare serve with args until it has listened for a
// moment, then stops it as Ctrl-C would (exit status 130), and returns
// its standard error and exit status.
func serveFor(t *testing.T, args ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	var out, errOut bytes.Buffer
	code := run(ctx, append([]string{"compare", "serve"}, args...), strings.NewReader(""), &out, &errOut)
	return errOut.String(), code
}

func TestServeCommand(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"loopback", []string{"--addr", "127.0.0.1:0"}, exitInterrupted, "(only this computer can reach it; Ctrl-C stops)"},
		{"all interfaces", []string{"--addr", "0.0.0.0:0"}, exitInterrupted, "NOT only on this computer: other machines that can reach it can use it"},
		{"bad size", []string{"--max-body", "lots"}, exitUsage, "serve: --max-body: size \"lots\""},
		{"bad address", []string{"--addr", "nowhere:-1"}, exitFailure, "serve: listen tcp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stderr, code := serveFor(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.code, tt.stderr)
			}
		})
	}
}
