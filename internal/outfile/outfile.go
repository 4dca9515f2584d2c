// Package outfile writes the files commands produce (scores, reports,
// statistics, error lists, generated corpora) so that a run that fails, is
// interrupted or is killed never leaves a cut file under the final name:
// the output goes to a temporary file in the same folder, which Commit
// renames over the destination only when the run succeeded.
//
// The temporary file is named after the destination with a leading dot and
// a random number (".scores.jsonl4021779"), so folders read by compare skip
// it; a run killed with SIGKILL can leave one behind, and the destination
// is then as it was before the run.
package outfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/google/renameio/v2"
)

// File is an output file being written. Write to it, then call Commit to
// put it in place or Abort to throw it away; Abort after Commit does
// nothing, so `defer f.Abort()` is safe.
type File struct {
	path    string
	pending *renameio.PendingFile // nil when writing in place
	direct  *os.File
	done    bool
}

// Create starts writing path, creating missing folders. A regular file, or
// a new one, is written to a temporary file beside it. A path that exists
// and is not a regular file (a device such as /dev/null or /dev/stdout, a
// named pipe) is written in place: it cannot be replaced by renaming and
// holds nothing that a failed run could cut. Through a symbolic link the
// file it names is replaced. Create refuses a folder.
func Create(path string) (*File, error) {
	info, err := os.Stat(path)
	switch {
	case err == nil && info.IsDir():
		return nil, fmt.Errorf("%s is a folder", path)
	case err == nil && !info.Mode().IsRegular():
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, err
		}
		return &File{path: path, direct: f}, nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	target := path
	if err == nil {
		// Through a symbolic link the file it names is replaced, not the link.
		if target, err = filepath.EvalSymlinks(path); err != nil {
			return nil, err
		}
	}
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	// 0666 less the umask, as os.Create; an existing file keeps its mode.
	p, err := renameio.NewPendingFile(target, renameio.WithTempDir(dir), renameio.WithPermissions(0o666), renameio.WithExistingPermissions())
	if err != nil {
		return nil, err
	}
	return &File{path: path, pending: p}, nil
}

// Name returns the destination path.
func (f *File) Name() string { return f.path }

// Write writes to the temporary file (or in place).
func (f *File) Write(p []byte) (int, error) {
	if f.direct != nil {
		return f.direct.Write(p)
	}
	return f.pending.Write(p)
}

// Commit flushes the file to disk and renames it over the destination.
// After an error the destination is as it was and the temporary file is
// gone.
func (f *File) Commit() error {
	if f.done {
		return errors.New("outfile: Commit after Commit or Abort")
	}
	f.done = true
	if f.direct != nil {
		return f.direct.Close()
	}
	if err := f.pending.CloseAtomicallyReplace(); err != nil {
		f.pending.Cleanup()
		return err
	}
	return nil
}

// Abort removes the temporary file, leaving the destination as it was. It
// does nothing after Commit or Abort.
func (f *File) Abort() error {
	if f.done {
		return nil
	}
	f.done = true
	if f.direct != nil {
		return f.direct.Close()
	}
	return f.pending.Cleanup()
}
