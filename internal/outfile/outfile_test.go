package outfile

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// files lists the names in dir.
func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func write(t *testing.T, path, text string) *File {
	t.Helper()
	f, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte(text)); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestCommitAndAbort(t *testing.T) {
	tests := []struct {
		name   string
		before string // "" means no file
		commit bool
		want   string // content afterwards; "" means no file
	}{
		{"new file, committed", "", true, "new"},
		{"new file, aborted", "", false, ""},
		{"existing file, committed", "old", true, "new"},
		{"existing file, aborted: left as it was", "old", false, "old"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.jsonl")
			if tt.before != "" {
				if err := os.WriteFile(path, []byte(tt.before), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			f := write(t, path, "new")
			// Until Commit the destination is untouched and the output
			// is a hidden file beside it.
			temps := 0
			for _, name := range files(t, dir) {
				if strings.HasPrefix(name, ".out.jsonl") {
					temps++
				}
			}
			if temps != 1 {
				t.Errorf("files while writing: %q, want one hidden temporary file", files(t, dir))
			}
			if b, _ := os.ReadFile(path); string(b) != tt.before {
				t.Errorf("destination while writing: %q, want %q", b, tt.before)
			}
			var err error
			if tt.commit {
				err = f.Commit()
			} else {
				err = f.Abort()
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := f.Abort(); err != nil {
				t.Errorf("Abort after the end: %v", err)
			}
			b, err := os.ReadFile(path)
			if tt.want == "" {
				if !os.IsNotExist(err) {
					t.Errorf("destination exists: %q %v", b, err)
				}
			} else if string(b) != tt.want {
				t.Errorf("destination %q, want %q", b, tt.want)
			}
			want := []string{"out.jsonl"}
			if tt.want == "" {
				want = nil
			}
			if got := files(t, dir); !slices.Equal(got, want) {
				t.Errorf("files afterwards %q, want %q (no temporary file left)", got, want)
			}
		})
	}
}

func TestCreate(t *testing.T) {
	t.Run("missing folders are made", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "reports", "new", "r.html")
		if err := write(t, path, "x").Commit(); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(path); string(b) != "x" {
			t.Errorf("content %q", b)
		}
	})
	t.Run("a folder is refused", func(t *testing.T) {
		if _, err := Create(t.TempDir()); err == nil {
			t.Error("no error")
		}
	})
	t.Run("an existing file keeps its mode", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "private.jsonl")
		if err := os.WriteFile(path, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := write(t, path, "x").Commit(); err != nil {
			t.Fatal(err)
		}
		if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("mode %v (%v), want 0600", info.Mode(), err)
		}
	})
	t.Run("through a symbolic link the file is replaced, not the link", func(t *testing.T) {
		dir := t.TempDir()
		real, link := filepath.Join(dir, "real.jsonl"), filepath.Join(dir, "link.jsonl")
		if err := os.WriteFile(real, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("real.jsonl", link); err != nil {
			t.Fatal(err)
		}
		if err := write(t, link, "new").Commit(); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(real); string(b) != "new" {
			t.Errorf("file %q, want new", b)
		}
		if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the link was replaced: %v %v", info.Mode(), err)
		}
	})
	t.Run("a device is written in place", func(t *testing.T) {
		f := write(t, os.DevNull, "discarded")
		if f.pending != nil {
			t.Error("writing /dev/null through a temporary file would replace the device")
		}
		if err := f.Commit(); err != nil {
			t.Fatal(err)
		}
		if info, err := os.Stat(os.DevNull); err != nil || info.Mode().IsRegular() {
			t.Fatalf("%s: %v %v", os.DevNull, info.Mode(), err)
		}
	})
}
