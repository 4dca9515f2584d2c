package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/record"
	"github.com/urfave/cli/v2"
)

// TestOutputsNeverDestroyed runs commands whose outputs must be refused, or
// must not be put in place, and checks that the files they name keep their
// contents and that no temporary file is left behind.
func TestOutputsNeverDestroyed(t *testing.T) {
	const article = `{"id": "a", "outlet": "O", "text": "The regime said so."}` + "\n"
	const earlier = "earlier contents\n"
	tests := []struct {
		name string
		args []string // DIR stands for the test's folder
		code int
		msg  string // in stderr
	}{
		{"output that is the input", []string{"score", "-o", "DIR/in.jsonl", "DIR/in.jsonl"}, exitUsage, "--output DIR/in.jsonl is also an input"},
		{"output that is the input, named differently", []string{"score", "-o", "DIR/./in.jsonl", "DIR/in.jsonl"}, exitUsage, "is also an input"},
		{"--errors that is the input", []string{"score", "--errors", "DIR/in.jsonl", "DIR/in.jsonl"}, exitUsage, "--errors DIR/in.jsonl is also an input"},
		{"output inside an input folder", []string{"score", "-o", "DIR/corpus/scores.jsonl", "DIR/corpus"}, exitUsage, "is inside the input folder DIR/corpus"},
		{"stats output that is a score file", []string{"stats", "--scores", "DIR/old.jsonl", "-o", "DIR/old.jsonl"}, exitUsage, "is also an input"},
		{"report output that is an input", []string{"report", "-o", "DIR/in.jsonl", "DIR/in.jsonl"}, exitUsage, "is also an input"},
		{"bad format checked before the output is opened", []string{"score", "--format", "bogus", "-o", "DIR/old.jsonl", "DIR/in.jsonl"}, exitUsage, `--format "bogus"`},
		{"bad --max-bytes checked before the output is opened", []string{"score", "--max-bytes", "lots", "-o", "DIR/old.jsonl", "DIR/in.jsonl"}, exitUsage, "--max-bytes"},
		{"a typo in the input keeps the earlier output", []string{"score", "-o", "DIR/old.jsonl", "DIR/typo.jsonl"}, exitNoInput, "no such file or folder"},
		{"a bad lexicon keeps the earlier output", []string{"score", "--lexicon", "DIR/in.jsonl", "-o", "DIR/old.jsonl", "DIR/in.jsonl"}, exitFailure, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{"in.jsonl": article, "corpus/a.jsonl": article, "corpus/scores.jsonl": earlier, "old.jsonl": earlier}
			for name, data := range files {
				p := filepath.Join(dir, name)
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			args := make([]string, len(tt.args))
			for i, a := range tt.args {
				args[i] = strings.ReplaceAll(a, "DIR", dir)
			}
			_, stderr, code := compare(t, "", args...)
			stderr = strings.ReplaceAll(stderr, dir, "DIR")
			if code != tt.code || !strings.Contains(stderr, tt.msg) {
				t.Errorf("exit %d, want %d; stderr lacks %q:\n%s", code, tt.code, tt.msg, stderr)
			}
			for name, data := range files {
				if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(b) != data {
					t.Errorf("%s: %q %v, want it unchanged", name, b, err)
				}
			}
			checkNoTemporaryFiles(t, dir)
		})
	}
}

// checkNoTemporaryFiles fails when a hidden temporary output is left in dir.
func checkNoTemporaryFiles(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
}

func TestOutputsWritten(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	data := `{"id": "a", "outlet": "O", "text": "The regime said so."}` + "\n" + "{broken\n"
	if err := os.WriteFile(in, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs := filepath.Join(dir, "out", "scores.jsonl"), filepath.Join(dir, "errors.jsonl")
	// --strict fails the run for the skipped record, but the good one is
	// still written, and the errors file lists the bad one.
	_, stderr, code := compare(t, "", "score", "--strict", "--format", "jsonl", "-o", out, "--errors", errs, in)
	if code != exitSkipped {
		t.Fatalf("exit %d, want %d:\n%s", code, exitSkipped, stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !bytes.Contains(b, []byte(`"id":"a"`)) {
		t.Errorf("scores: %q %v", b, err)
	}
	if b, err := os.ReadFile(errs); err != nil || !bytes.Contains(b, []byte(`"malformed-json"`)) {
		t.Errorf("errors: %q %v", b, err)
	}
	checkNoTemporaryFiles(t, dir)

	// Nothing readable: the errors file says why; the scores file is not
	// replaced by an empty one.
	if err := os.WriteFile(in, []byte("{broken\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(out)
	_, _, code = compare(t, "", "score", "--format", "jsonl", "-o", out, "--errors", errs, in)
	if code != exitNoInput {
		t.Errorf("exit %d, want %d", code, exitNoInput)
	}
	if b, _ := os.ReadFile(out); !bytes.Equal(b, before) {
		t.Errorf("scores replaced by %q", b)
	}
	if b, _ := os.ReadFile(errs); bytes.Count(b, []byte("\n")) != 1 {
		t.Errorf("errors: %q, want the one bad record", b)
	}
	checkNoTemporaryFiles(t, dir)
}

// TestOutputWriteError writes to a full disk (/dev/full): a clear error,
// exit status 1.
func TestOutputWriteError(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(in, []byte(`{"id": "a", "outlet": "O", "text": "Text."}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"score", "--format", "jsonl", "-o", "/dev/full", in},
		{"stats", "-o", "/dev/full", in},
		{"generate", "corpus", "--size", "1MB", "-o", "/dev/full"},
	} {
		_, stderr, code := compare(t, "", args...)
		if code != exitFailure || !strings.Contains(stderr, "no space left on device") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}

// TestInterrupted cancels the run as SIGINT does: exit status 130, a
// message, and the earlier output left as it was.
func TestInterrupted(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.jsonl"), filepath.Join(dir, "out.jsonl")
	var corpus strings.Builder
	for i := 0; i < 2000; i++ {
		corpus.WriteString(`{"outlet": "O", "text": "The regime said so, officials said."}` + "\n")
	}
	if err := os.WriteFile(in, []byte(corpus.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, []byte("earlier\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	scores := filepath.Join(t.TempDir(), "scores.jsonl")
	if _, stderr, code := compare(t, "", "score", "--format", "jsonl", "-o", scores, in); code != exitOK {
		t.Fatalf("score: exit %d, %s", code, stderr)
	}
	labels := filepath.Join(t.TempDir(), "labels.csv")
	if err := os.WriteFile(labels, []byte("outlet,label\nO,left\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	interrupt := errors.New("interrupt signal received")
	for _, cmd := range [][]string{
		{"score", "--format", "jsonl", "-o", out, in},
		{"report", "-o", out, in},
		{"generate", "corpus", "--size", "5MB", "-o", out},
		{"stats", "-o", out, "--scores", scores},
		{"report", "-o", out, "--scores", scores},
		{"validate", "--labels", labels, "-o", out, "--scores", scores},
	} {
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(interrupt)
		var stdout, stderr bytes.Buffer
		code := run(ctx, append([]string{"compare"}, cmd...), strings.NewReader(""), &stdout, &stderr)
		if code != exitInterrupted || !strings.Contains(stderr.String(), "compare: stopped: interrupt signal received; files being written were removed") {
			t.Errorf("%v: exit %d, stderr %q", cmd, code, stderr.String())
		}
		if b, _ := os.ReadFile(out); string(b) != "earlier\n" {
			t.Errorf("%v: output %.40q, want it unchanged", cmd, b)
		}
		names, _ := os.ReadDir(dir)
		if got := len(names); got != 2 || !slices.ContainsFunc(names, func(e os.DirEntry) bool { return e.Name() == "out.jsonl" }) {
			t.Errorf("%v: files %v", cmd, names)
		}
	}
}

// TestReadScoreFileStops: once the run's context is cancelled (a signal),
// reading score records stops at the next record with the context's
// error, rather than reading the rest of a file of millions.
func TestReadScoreFileStops(t *testing.T) {
	dir := t.TempDir()
	in, scores := filepath.Join(dir, "in.jsonl"), filepath.Join(dir, "scores.jsonl")
	if err := os.WriteFile(in, []byte(strings.Repeat(`{"outlet": "O", "text": "The regime said so."}`+"\n", 50)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := compare(t, "", "score", "--format", "jsonl", "-o", scores, in); code != exitOK {
		t.Fatalf("score: exit %d, %s", code, stderr)
	}
	interrupt := errors.New("interrupt signal received")
	for _, after := range []int{0, 1, 10} {
		ctx, cancel := context.WithCancelCause(context.Background())
		c := cli.NewContext(newApp(strings.NewReader(""), io.Discard, io.Discard), nil, nil)
		c.Context = ctx
		if after == 0 {
			cancel(interrupt)
		}
		read := 0
		err := readScoreFile(c, scores, record.Reader{}, func(*record.Record, int) error {
			read++
			if read == after {
				cancel(interrupt)
			}
			return nil
		})
		if !errors.Is(err, context.Canceled) || read != after {
			t.Errorf("cancelled after %d records: read %d, error %v; want %d and context.Canceled", after, read, err, after)
		}
	}
}
