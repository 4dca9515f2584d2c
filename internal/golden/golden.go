// Package golden compares test output with golden files and reads test
// fixtures, for the tests of every package: one place that says how a
// golden file is read, rewritten (go test -update) and where it differs
// (file:line:column). Only tests import it.
package golden

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update is the -update flag of every test binary that imports golden.
var update = flag.Bool("update", false, "rewrite the golden files instead of comparing with them")

// Updating reports whether the tests run with -update.
func Updating() bool { return *update }

// Check compares got with the golden file at path, or writes got there
// (creating its folder) when the tests run with -update. A difference
// fails the test at its first differing line and column.
func Check(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if msg := Diff(path, got, string(want)); msg != "" {
		t.Fatal(msg)
	}
}

// Diff describes where got first differs from want, the text of the file
// at path: "path:line:column differs" with both lines around that column,
// or the line counts when one is a prefix of the other. It is "" when they
// are equal.
func Diff(path, got, want string) string {
	if got == want {
		return ""
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(gl) && i < len(wl); i++ {
		if gl[i] == wl[i] {
			continue
		}
		col := 0
		for col < len(gl[i]) && col < len(wl[i]) && gl[i][col] == wl[i][col] {
			col++
		}
		lo := max(col-80, 0)
		return fmt.Sprintf("%s:%d:%d differs:\n got …%.200s\nwant …%.200s\n(run go test -update if the change is intended)",
			path, i+1, col+1, gl[i][lo:], wl[i][lo:])
	}
	return fmt.Sprintf("%s: got %d lines, want %d (run go test -update if the change is intended)", path, len(gl), len(wl))
}

// ReadFile reads a test fixture, or stops the test when it cannot.
func ReadFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
