package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Files: how Read finds and opens what it reads (paths, folders walked in
// lexical order, gzip checked whole before use, standard input), and
// InputSize for the progress bar. Reading the records is read.go's.

func (r *run) path(p string) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	if p == "-" {
		if r.opts.Stdin == nil {
			r.skip(Problem{File: StdinName, Reason: ReasonUnreadable, Message: "no standard input to read"})
			return nil
		}
		format, ok := stdinFormats[strings.ToLower(r.opts.StdinFormat)]
		if !ok {
			r.skip(Problem{File: StdinName, Reason: ReasonUnsupported, Message: fmt.Sprintf("unknown stdin format %q (want auto, jsonl, json, csv, tsv, txt or html)", r.opts.StdinFormat)})
			return nil
		}
		return r.stream(r.newSource(StdinName, "stdin", ""), r.counted(r.opts.Stdin), format, true)
	}
	info, err := os.Stat(p)
	if err != nil {
		r.skip(Problem{File: p, Reason: ReasonUnreadable, Message: describeOSError(err)})
		return nil
	}
	if info.IsDir() {
		return r.walk(p)
	}
	return r.file(p, filepath.ToSlash(filepath.Clean(p)), true)
}

// stdinFormats maps Options.StdinFormat to a reader's format; "" is
// detected from the input (see stream).
var stdinFormats = map[string]string{"": "", "auto": "", "jsonl": "jsonl", "ndjson": "jsonl", "json": "json", "csv": "csv", "tsv": "tsv", "txt": "txt", "text": "txt", "md": "txt", "html": "html", "htm": "html"}

func describeOSError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or folder"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

func (r *run) walk(root string) error {
	walkRoot := root
	if info, err := os.Lstat(root); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		// A folder named on the command line is read even through a link:
		// a trailing separator makes the walk follow it.
		walkRoot = root + string(filepath.Separator)
	}
	return filepath.WalkDir(walkRoot, func(p string, d fs.DirEntry, err error) error {
		if cerr := r.ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			r.skip(Problem{File: p, Reason: ReasonUnreadable, Message: describeOSError(err)})
			return nil
		}
		if p != walkRoot && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, rerr := filepath.Rel(walkRoot, p)
		if rerr != nil {
			rel = p
		}
		rel = filepath.ToSlash(rel)
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			info, serr := os.Stat(p)
			if serr != nil {
				r.skip(Problem{File: p, Reason: ReasonUnreadable, Message: "broken symbolic link: " + describeOSError(serr)})
				return nil
			}
			if info.IsDir() {
				// Following links to folders can loop; name the folder instead.
				r.warn(Problem{File: p, Reason: ReasonNotFollowed, Message: "symbolic link to a folder not followed; give the folder itself to read it"})
				return nil
			}
			mode = info.Mode()
		}
		if !mode.IsRegular() {
			// Opening a named pipe would wait for a writer forever, and a
			// device or socket holds no articles: only regular files found
			// in a folder are opened.
			r.skip(Problem{File: p, Reason: ReasonUnreadable, Message: fmt.Sprintf("not a regular file (%s); name it on the command line to read it", describeMode(mode))})
			return nil
		}
		return r.file(p, rel, false)
	})
}

// describeMode names the kind of a file that is not a regular one.
func describeMode(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// formatOf returns the format for a file name, looking through a ".gz"
// extension, or "" when the extension is not an article format.
func formatOf(name string) string {
	name = strings.ToLower(name)
	name = strings.TrimSuffix(name, ".gz")
	switch filepath.Ext(name) {
	case ".txt", ".text", ".md", ".markdown":
		return "txt"
	case ".jsonl", ".ndjson", ".jsonlines":
		return "jsonl"
	case ".json":
		return "json"
	case ".csv":
		return "csv"
	case ".tsv", ".tab":
		return "tsv"
	case ".html", ".htm", ".xhtml":
		return "html"
	}
	return ""
}

func (r *run) newSource(name, rel, folder string) *source {
	r.files = append(r.files, name)
	r.sum.Files++
	return &source{name: name, rel: rel, folder: folder, index: int32(len(r.files) - 1)}
}

func (r *run) file(p, rel string, explicit bool) error {
	f, err := os.Open(p)
	if err != nil {
		r.skip(Problem{File: p, Reason: ReasonUnreadable, Message: describeOSError(err)})
		return nil
	}
	defer f.Close()
	if err := checkGzip(f); err != nil {
		r.newSource(p, rel, "")
		r.skip(Problem{File: p, Reason: ReasonUnreadable, Message: fmt.Sprintf("corrupt gzip data (%v); no record read from the file", err)})
		return nil
	}
	folder := ""
	if abs, err := filepath.Abs(p); err == nil {
		dir := filepath.Dir(abs)
		if base := filepath.Base(dir); dir != filepath.Dir(dir) && base != "." {
			folder = base
		}
	}
	return r.stream(r.newSource(p, rel, folder), r.counted(f), formatOf(p), explicit)
}

// checkGzip reads a gzip-compressed file to its end and back, so that its
// checksum is verified before any record is taken from it: damage inside a
// compressed stream can decode to plausible text, and only the checksum at
// the end tells. It returns nil for a file that is not gzip or cannot be
// rewound (a named pipe), whose records are checked as they come.
func checkGzip(f *os.File) error {
	var magic [2]byte
	n, _ := io.ReadFull(f, magic[:])
	if _, err := f.Seek(0, io.SeekStart); err != nil || n < 2 || !bytes.Equal(magic[:], gzipMagic) {
		return nil
	}
	zr, err := gzip.NewReader(bufio.NewReaderSize(f, 64<<10))
	if err == nil {
		_, err = io.Copy(io.Discard, zr)
	}
	if _, serr := f.Seek(0, io.SeekStart); err == nil {
		err = serr
	}
	return err
}

// counted reports the bytes read from rd to Options.Progress.
func (r *run) counted(rd io.Reader) io.Reader {
	if r.opts.Progress == nil {
		return rd
	}
	return progressReader{rd, r.opts.Progress}
}

type progressReader struct {
	r   io.Reader
	add func(int64)
}

func (p progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if n > 0 {
		p.add(int64(n))
	}
	return n, err
}

// InputSize returns the total size of the files Read would read under
// paths, and false when it cannot be known (standard input).
func InputSize(paths []string) (int64, bool) {
	var total int64
	known := true
	for _, p := range paths {
		if p == "-" {
			known = false
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			if info.Mode().IsRegular() {
				total += info.Size()
			}
			continue
		}
		root := p
		if l, err := os.Lstat(p); err == nil && l.Mode()&fs.ModeSymlink != 0 {
			root += string(filepath.Separator) // as walk does
		}
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if path != root && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if info, err := d.Info(); err == nil && info.Mode().IsRegular() {
				total += info.Size()
			}
			return nil
		})
	}
	return total, known
}

var gzipMagic = []byte{0x1f, 0x8b}
