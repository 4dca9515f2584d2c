package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/compare-tool/compare/internal/dates"
)

// Read reads the articles under paths, in the order given, and calls emit
// for each usable one and report for each problem. A path is a file, a
// folder (walked recursively in lexical order, skipping names that start
// with "."), or "-" for opts.Stdin.
//
// The format of a file follows from its extension, after a ".gz" one
// (gzip is also recognised by its magic number):
//
//	.txt .text .md .markdown   one article, optional YAML front matter
//	.jsonl .ndjson             one JSON object a line
//	.json                      a JSON array of objects, or objects one after another
//	.csv .tsv .tab             a header row, then one article a row
//	.html .htm .xhtml          a saved web page; the main text is extracted
//
// A file named on the command line with another extension is sniffed (JSON,
// HTML, else text); one found in a folder is skipped as "unsupported-format".
//
// Nothing is dropped silently: every record is either emitted or reported
// with Skipped set, so Summary.Read equals Summary.Emitted plus the skipped
// counts. Repairs (invalid UTF-8, a missing outlet) are reported as
// warnings. Every emitted article has valid UTF-8 fields, non-blank Text,
// a non-empty ID and Outlet ("unknown" when the input has none), and its
// Dropped spans filled by MarkDebris.
//
// Read streams: it holds one record at a time (plus, for deduplication, a
// small entry per id and per text), so inputs of any size need bounded
// memory. It returns a non-nil error only when emit fails (that error) or
// ctx is cancelled; unreadable paths are reported and skipped. report may
// be nil.
func Read(ctx context.Context, paths []string, opts Options, emit func(*Article) error, report func(Problem)) (Summary, error) {
	r := newRun(ctx, opts, emit, report)
	for _, p := range paths {
		if err := r.path(p); err != nil {
			return r.sum, err
		}
	}
	return r.sum, nil
}

func newRun(ctx context.Context, opts Options, emit func(*Article) error, report func(Problem)) *run {
	r := &run{
		ctx:    ctx,
		opts:   opts,
		max:    opts.MaxBytes,
		emit:   emit,
		report: report,
		fields: newFieldMapper(opts.Fields),
		ids:    map[uint64]location{},
		seed:   maphash.MakeSeed(),
		sum:    Summary{Skipped: map[string]int{}, Warned: map[string]int{}},
	}
	if r.max <= 0 {
		r.max = DefaultMaxBytes
	}
	if r.report == nil {
		r.report = func(Problem) {}
	}
	switch opts.Dedupe {
	case "", "id":
	case "content":
		r.texts = map[[16]byte]location{}
	default:
		panic(fmt.Sprintf("corpus: Options.Dedupe is %q, want \"\", \"id\" or \"content\"", opts.Dedupe))
	}
	return r
}

// location is where a record was read, compactly, for duplicate messages.
type location struct {
	file int32 // index into run.files
	line int32
}

// run is the state of one Read call.
type run struct {
	ctx    context.Context
	opts   Options
	max    int64
	emit   func(*Article) error
	report func(Problem)
	fields *fieldMapper
	sum    Summary

	// For duplicates, a few bytes per record: 64-bit hashes of ids (a
	// collision is as likely as one in 10^12 for ten million ids) and
	// 128-bit hashes of texts, each with where it was first read.
	files    []string
	ids      map[uint64]location
	seed     maphash.Seed
	texts    map[[16]byte]location
	unlisted map[string]bool
}

// source describes the input a record comes from.
type source struct {
	name   string // path as given or found, or StdinName
	rel    string // path relative to the folder walked; default ids derive from it
	folder string // name of the parent folder, the outlet of last resort
	index  int32  // into run.files
}

// record is one record on its way to emit.
type record struct {
	src      *source
	line     int
	raw      []byte   // for Problem.Record
	repaired int      // invalid UTF-8 bytes already repaired by the reader
	dupKeys  []string // JSON keys given more than once
	id       string   // id to use when the record has none
}

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
			r.skip(Problem{File: StdinName, Reason: ReasonUnsupported, Message: fmt.Sprintf("unknown stdin format %q (want jsonl, json, csv, tsv, txt or html)", r.opts.StdinFormat)})
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

var stdinFormats = map[string]string{"": "jsonl", "jsonl": "jsonl", "ndjson": "jsonl", "json": "json", "csv": "csv", "tsv": "tsv", "txt": "txt", "text": "txt", "md": "txt", "html": "html", "htm": "html"}

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

// sniffSize is how much of a file is looked at to tell its kind.
const sniffSize = 8 << 10

// stream reads one file or stdin: it undoes gzip and byte-order marks, sets
// aside binary and empty files, and hands the rest to the reader of format.
func (r *run) stream(src *source, rd io.Reader, format string, explicit bool) error {
	br := bufio.NewReaderSize(rd, 64<<10)
	if head, _ := br.Peek(2); bytes.Equal(head, gzipMagic) {
		gz, err := gzip.NewReader(br)
		if err != nil {
			r.skip(Problem{File: src.name, Reason: ReasonUnreadable, Message: "bad gzip data: " + err.Error()})
			return nil
		}
		defer gz.Close()
		br = bufio.NewReaderSize(gz, 64<<10)
	}
	head, _ := br.Peek(sniffSize)
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		br.Discard(len(bomUTF8))
	case bytes.HasPrefix(head, bomUTF16LE), bytes.HasPrefix(head, bomUTF16BE):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10)
	default:
		if order, ok := sniffUTF16(head); ok {
			dec := unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder()
			br = bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10)
		}
	}
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		r.skip(Problem{File: src.name, Reason: ReasonUnreadable, Message: err.Error()})
		return nil
	}
	if len(bytes.TrimSpace(head)) == 0 && len(head) < sniffSize {
		r.skip(Problem{File: src.name, Reason: ReasonEmpty, Message: "empty file"})
		return nil
	}
	// In JSON Lines and TSV one line with a NUL byte is one bad record,
	// judged when it is read, not a reason to drop the whole file.
	if looksBinary(head, format == "jsonl" || format == "tsv") {
		r.skip(Problem{File: src.name, Reason: ReasonBinary, Message: "binary file, not text"})
		return nil
	}
	if format == "" {
		if !explicit {
			r.skip(Problem{File: src.name, Reason: ReasonUnsupported, Message: "not an article format (.txt, .md, .jsonl, .json, .csv, .tsv, .html, optionally .gz)"})
			return nil
		}
		format = sniffFormat(head)
	}
	before := r.sum.Read
	switch format {
	case "txt":
		err = r.readText(src, br)
	case "jsonl":
		err = r.readJSONL(src, br)
	case "json":
		err = r.readJSON(src, br)
	case "csv":
		err = r.readCSV(src, br)
	case "tsv":
		err = r.readTSV(src, br)
	case "html":
		err = r.readHTML(src, br)
	default:
		panic("corpus: unknown format " + format)
	}
	if err == nil && r.sum.Read == before {
		// A header without rows, "[]", only blank lines: say so rather than
		// let the file vanish from the counts.
		r.skip(Problem{File: src.name, Reason: ReasonEmpty, Message: "no records in the file"})
	}
	return err
}

// sniffFormat guesses the format of a file whose extension says nothing.
func sniffFormat(head []byte) string {
	t := bytes.TrimSpace(head)
	switch {
	case len(t) > 0 && (t[0] == '{' || t[0] == '['):
		return "json"
	case len(t) > 0 && t[0] == '<':
		l := bytes.ToLower(t[:min(len(t), 512)])
		if bytes.Contains(l, []byte("<html")) || bytes.Contains(l, []byte("<!doctype html")) || bytes.Contains(l, []byte("<head")) || bytes.Contains(l, []byte("<body")) {
			return "html"
		}
	}
	return "txt"
}

// readAll reads a whole-file article, at most r.max bytes. It reports and
// returns ok=false when the file is too large or unreadable.
func (r *run) readAll(src *source, br *bufio.Reader) (data []byte, ok bool) {
	data, err := io.ReadAll(io.LimitReader(br, r.max+1))
	if err != nil {
		r.skip(Problem{File: src.name, Reason: ReasonUnreadable, Message: err.Error(), Record: clip(data)})
		return nil, false
	}
	if int64(len(data)) > r.max {
		r.skip(Problem{File: src.name, Reason: ReasonTooLarge, Message: fmt.Sprintf("article is larger than the limit of %s", FormatBytes(r.max)), Record: clip(data)})
		return nil, false
	}
	return data, true
}

// recordLimit is the size of Problem.Record.
const recordLimit = 1 << 10

// clip returns the first KiB of a record as text, cut at a rune boundary.
func clip(b []byte) string {
	if len(b) > recordLimit {
		b = b[:recordLimit]
		for i := 0; i < utf8.UTFMax && len(b) > 0 && !utf8.Valid(b); i++ {
			b = b[:len(b)-1]
		}
	}
	return string(b)
}

// FormatBytes writes a size in the largest binary unit that divides it:
// "16 MiB", "1 GiB", "1000 bytes".
func FormatBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return strconv.FormatInt(n>>30, 10) + " GiB"
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

func (r *run) skip(p Problem) {
	p.Skipped = true
	r.sum.Read++
	r.sum.Skipped[p.Reason]++
	r.report(p)
}

func (r *run) warn(p Problem) {
	p.Skipped = false
	r.sum.Warned[p.Reason]++
	r.report(p)
}

// finish checks, completes and emits one article.
func (r *run) finish(a *Article, rec record) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	src := rec.src
	problem := func(reason, field, msg string) Problem {
		return Problem{File: src.name, Line: rec.line, Field: field, Reason: reason, Message: msg}
	}
	repaired := rec.repaired
	for _, f := range []*string{&a.ID, &a.Outlet, &a.Group, &a.Title, &a.Date, &a.URL, &a.Author, &a.Text} {
		var n int
		*f, n = repairString(*f)
		repaired += n
	}
	for k, v := range a.Meta {
		k2, n1 := repairString(k)
		v2, n2 := repairString(v)
		if n1+n2 > 0 {
			delete(a.Meta, k)
			a.Meta[k2] = v2
			repaired += n1 + n2
		}
	}

	if strings.TrimSpace(a.Text) == "" {
		p := problem(ReasonEmpty, "text", "no text")
		p.Record = clip(rec.raw)
		r.skip(p)
		return nil
	}
	if a.ID == "" {
		a.ID = rec.id
	}
	here := location{file: src.index, line: int32(rec.line)}
	idKey := maphash.String(r.seed, a.ID)
	firstID, dupID := r.ids[idKey]
	if dupID && r.opts.Dedupe == "id" {
		p := problem(ReasonDuplicateID, "id", fmt.Sprintf("duplicate id %q, first read at %s; skipped", a.ID, r.where(firstID)))
		p.Record = clip(rec.raw)
		r.skip(p)
		return nil
	}
	if r.texts != nil {
		key := contentKey(a.Text)
		if first, dup := r.texts[key]; dup {
			p := problem(ReasonDuplicateContent, "text", fmt.Sprintf("same text as the article first read at %s; skipped", r.where(first)))
			p.Record = clip(rec.raw)
			r.skip(p)
			return nil
		}
		r.texts[key] = here
	}

	// From here on the record is emitted; problems are warnings.
	r.sum.Read++
	if dupID {
		r.warn(problem(ReasonDuplicateID, "id", fmt.Sprintf("duplicate id %q, first read at %s", a.ID, r.where(firstID))))
	} else {
		r.ids[idKey] = here
	}
	if repaired > 0 {
		r.warn(problem(ReasonInvalidUTF8, "", fmt.Sprintf("%d bytes of invalid UTF-8 read as Windows-1252", repaired)))
	}
	for _, k := range rec.dupKeys {
		r.warn(problem(ReasonDuplicateKey, "", fmt.Sprintf("key %q is in the record more than once; its last value is used", k)))
	}
	if a.Outlet == "" {
		a.Outlet = "unknown"
		r.warn(problem(ReasonMissingOutlet, "outlet", `no outlet; counted as "unknown"`))
	}
	if o := r.opts.Outlets; o != nil {
		canonical, group, known := o.resolve(a.Outlet)
		a.Outlet = canonical
		if a.Group == "" {
			a.Group = group
		}
		if !known && a.Outlet != "unknown" {
			if r.unlisted == nil {
				r.unlisted = map[string]bool{}
			}
			if !r.unlisted[a.Outlet] {
				r.unlisted[a.Outlet] = true
				r.warn(problem(ReasonUnlistedOutlet, "outlet", fmt.Sprintf("%q is not in %s (reported once per name)", a.Outlet, o.File)))
			}
		}
	}
	r.readDate(a, problem)
	a.Source = src.name
	if rec.line > 0 {
		a.Source += ":" + strconv.Itoa(rec.line)
	}
	if r.opts.Debris != nil {
		r.opts.Debris.Mark(a)
	} else {
		MarkDebris(a)
	}
	if err := r.emit(a); err != nil {
		return err
	}
	r.sum.Emitted++
	return nil
}

// readDate sets a.Published from a.Date, or from a.URL when a.Date is
// empty (dates.Parser.Resolve), in the day/month order of the options. A
// date that cannot be read is a warning naming the text and the reason;
// the article keeps its URL's date when there is one, and is scored
// either way.
func (r *run) readDate(a *Article, problem func(reason, field, msg string) Problem) {
	d, err := dates.Parser{Order: r.opts.DateOrder}.Resolve(a.Date, a.URL)
	a.Published = d
	if err == nil {
		return
	}
	field, msg := "date", err.Error()
	switch {
	case a.Date == "":
		field = "url"
		msg += "; the article has no date"
	case !d.IsZero():
		msg += "; the date in the URL, " + d.String() + ", is used"
	default:
		msg += "; the article has no date"
	}
	r.warn(problem(dates.ReasonOf(err), field, msg))
}

func (r *run) where(l location) string {
	s := r.files[l.file]
	if l.line > 0 {
		s += ":" + strconv.Itoa(int(l.line))
	}
	return s
}

// contentKey identifies a text up to white space, for Dedupe "content".
func contentKey(text string) [16]byte {
	h := sha256.New()
	for i, w := range strings.Fields(text) {
		if i > 0 {
			h.Write([]byte{' '})
		}
		h.Write([]byte(w))
	}
	var k [16]byte
	copy(k[:], h.Sum(nil))
	return k
}
