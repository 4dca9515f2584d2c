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
		if format == "json" && src.name == StdinName && oneObjectALine(head) {
			format = "jsonl"
		}
	} else if (format == "jsonl" || format == "json") && src.name == StdinName && !hasJSONLine(head) {
		// Every line would be skipped as malformed JSON: say once what the
		// input is instead.
		r.skip(Problem{File: src.name, Reason: ReasonNotJSON, Message: "this is plain text, not JSON: no line begins with { or ["})
		return nil
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

// oneObjectALine reports whether the first line of head that is not blank
// holds a whole JSON object, as in JSON Lines (a JSON object written over
// several lines is read as JSON).
func oneObjectALine(head []byte) bool {
	for line := range bytes.Lines(head) {
		t := bytes.TrimSpace(line)
		if len(t) == 0 {
			continue
		}
		return t[0] == '{' && t[len(t)-1] == '}'
	}
	return false
}

// hasJSONLine reports whether some line of head begins, after white
// space, with { or [: whether head may be JSON or JSON Lines at all.
func hasJSONLine(head []byte) bool {
	for line := range bytes.Lines(head) {
		if t := bytes.TrimLeft(line, " \t\r\n"); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
			return true
		}
	}
	return false
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
