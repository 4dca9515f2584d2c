//go:build unix

package corpus

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// TestReadSpecialFiles checks that a named pipe in a folder, or a link to
// one, is counted as skipped rather than opened (which waited forever for
// a writer) or passed over in silence, and that a folder named on the
// command line through a symbolic link is read.
func TestReadSpecialFiles(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{"corpus/o/a.txt": []byte("Text.")})
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	corpus := filepath.Join(dir, "corpus")
	if err := syscall.Mkfifo(filepath.Join(corpus, "o", "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "fifo"), filepath.Join(corpus, "o", "link.txt")); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link-to-corpus")
	if err := os.Symlink(corpus, link); err != nil {
		t.Fatal(err)
	}
	for _, root := range []string{corpus, link} {
		t.Run(filepath.Base(root), func(t *testing.T) {
			var ids, problems []string
			sum, err := Read(context.Background(), []string{root}, Options{}, func(a *Article) error {
				ids = append(ids, a.ID)
				return nil
			}, func(p Problem) { problems = append(problems, strings.ReplaceAll(p.String(), root, "ROOT")) })
			if err != nil {
				t.Fatal(err)
			}
			checkSummary(t, sum)
			if want := []string{"o/a.txt"}; !slices.Equal(ids, want) {
				t.Errorf("ids %q, want %q", ids, want)
			}
			want := []string{
				"ROOT/o/link.txt: not a regular file (a named pipe); name it on the command line to read it",
				"ROOT/o/pipe.txt: not a regular file (a named pipe); name it on the command line to read it",
			}
			if !slices.Equal(problems, want) {
				t.Errorf("problems\n got %q\nwant %q", problems, want)
			}
			if want := map[string]int{ReasonUnreadable: 2}; !maps.Equal(sum.Skipped, want) {
				t.Errorf("skipped %v, want %v", sum.Skipped, want)
			}
		})
	}
}
