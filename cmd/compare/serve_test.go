package main

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// serveFor runs compare serve with args until it says where it listens,
// then stops it as Ctrl-C would (exit status 130), and returns its
// standard error and exit status. A run that fails returns by itself.
func serveFor(t *testing.T, args ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	errOut := &announceWriter{cancel: cancel}
	var out bytes.Buffer
	code := run(ctx, append([]string{"compare", "serve"}, args...), strings.NewReader(""), &out, errOut)
	errOut.mu.Lock()
	defer errOut.mu.Unlock()
	return errOut.buf.String(), code
}

// announceWriter keeps what is written and calls cancel once serve has
// said where it listens.
type announceWriter struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	cancel func()
}

func (w *announceWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.buf.Write(p)
	if strings.Contains(w.buf.String(), "Ctrl-C stops)") {
		w.cancel()
	}
	return n, err
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
		{"bad address", []string{"--addr", "127.0.0.1:99999"}, exitFailure, "serve: listen tcp: address 99999: invalid port"},
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
