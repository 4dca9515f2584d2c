package record

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strings"
	"sync"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"

	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/dates"
	"github.com/compare-tool/compare/internal/fanout"
)

// MaxRecordBytes is the default limit on one line of a score file: four
// times the largest article compare score reads by default (16 MiB), room
// for its text, escaped, and its matches. A longer line is an error; it is
// never held in memory whole.
const MaxRecordBytes = 64 << 20

// scoresHead is how a score file starts: a JSON object whose first key is
// "schema", naming a score record format (the scorer writes it first).
var scoresHead = regexp.MustCompile(`^\x{FEFF}?\s*\{\s*"schema"\s*:\s*"` + regexp.QuoteMeta(schemaPrefix))

// LooksLikeScores reports whether head, the first bytes of a file (512
// are plenty), is the start of score records as compare score writes
// them, rather than of articles: a JSON object whose first key is
// "schema" with a compare.score version. Commands that take either kind
// of input tell them apart by it.
func LooksLikeScores(head []byte) bool {
	return scoresHead.Match(head)
}

// ReadRecords reads score records in JSON Lines, as `compare score
// --format jsonl` writes them, and calls fn for each in order. name is
// used in error messages ("scores.jsonl:17: …"). Blank lines are skipped;
// lines may be of any length up to MaxRecordBytes.
//
// ReadRecords stops at the first line that is not a score record of a
// supported schema (see SchemaMajor) or holds a value out of range (a
// negative count, an offset outside the text), and at the first error fn
// returns, and returns that error prefixed with name and the line number.
// It does not skip bad lines: statistics computed on the part of a file
// that happened to parse would describe a corpus nobody chose.
//
// Lines are decoded on GOMAXPROCS goroutines, a batch at a time, while fn
// runs on the caller's goroutine, always in file order. fn owns each
// record it is given.
func ReadRecords(r io.Reader, name string, fn func(*Record) error) error {
	return Reader{}.Read(r, name, fn)
}

// Reader reads score records like ReadRecords, with options. The zero
// value reads every field, with lines up to MaxRecordBytes.
type Reader struct {
	// SkipCredibility leaves the credibility signals out: they are checked
	// to be well-formed JSON but not decoded, and Credibility stays nil.
	// That saves about a quarter of the decoding time of records that
	// carry them (BenchmarkReadRecords).
	SkipCredibility bool
	// Sparse reads of each record what comparing outlets reads, for a large
	// score file: the ids, outlet, group and date (with its original and
	// source), the lexicon, every count and score, the text, the dropped
	// spans and quotations, and of each match its span, position, words,
	// entry, target, valence, category, voice and Loaded, and its
	// non-zero contributions only when it has no valence (its lean), not
	// its cue. Of the credibility signals it reads the
	// counts: rules, sourcing (without its spans), sides, quotation counts,
	// marker counts, debris counts and reasons, the number of attributions
	// (as that many zero values: comparing outlets counts them, and
	// reading each was a tenth of reading a record), each vague source's
	// Rule and Attribution, and each citation without its spans. Title, URL, Source and Meta are left
	// out. What it leaves out is checked to be well-formed JSON, not
	// decoded; what it reads is checked as always, and a line it cannot
	// read this way (a name in other case or given twice, a value of
	// another type) is read in full, errors and all. Reading takes about
	// two fifths of the CPU time of reading every field
	// (BenchmarkReadRecords, records with text): lines as compare score
	// writes them are read by a byte scanner, the others through
	// jsontext's tokens, in twice the time (BenchmarkSparseDecode).
	Sparse bool
	// Reuse, with Sparse, recycles each record once fn returns: its maps and
	// slices are emptied and filled again by a later line, instead of made
	// anew for every line (making them was about a tenth of reading). fn
	// may keep a record's strings and its Dropped spans, but not the
	// record, nor its other maps and slices (the aggregator's Add keeps
	// nothing else). A record fn returns an error for is not recycled.
	Reuse bool
	// MaxBytes bounds one line; 0 means MaxRecordBytes.
	MaxBytes int
	// DateOrder reads the all-numeric dates of records of schema version
	// 1.0, which carry the date as written in the input (see Record.Date):
	// with OrderUnknown an ambiguous one ("04/06/2024") is left unread.
	DateOrder dates.Order
}

// decodeOptions read a record as encoding/json did, so that the switch
// to the library changed how no record reads: names matched ignoring
// case (but not "_" or "-"), invalid UTF-8 replaced with U+FFFD, a
// repeated name's last value kept. (The library's full encoding/json
// emulation, jsonv1.DefaultOptionsV1, takes about 1.7 times as long on
// the same records.)
var decodeOptions = json.JoinOptions(
	json.MatchCaseInsensitiveNames(true),
	jsonv1.MatchCaseSensitiveDelimiter(true),
	jsontext.AllowInvalidUTF8(true),
	jsontext.AllowDuplicateNames(true),
)

// skipCredibility decodes records leaving the credibility signals out.
var skipCredibility = json.JoinOptions(decodeOptions, json.WithUnmarshalers(
	json.UnmarshalFromFunc(func(dec *jsontext.Decoder, _ **credibility.Signals) error {
		return dec.SkipValue()
	})))

// Read reads the records of r as ReadRecords does.
func (rr Reader) Read(r io.Reader, name string, fn func(*Record) error) error {
	return rr.ReadLines(r, name, func(rec *Record, _ int) error { return fn(rec) })
}

// ReadLines is Read telling fn the line each record was read from.
func (rr Reader) ReadLines(r io.Reader, name string, fn func(rec *Record, line int) error) error {
	opts := decodeOptions
	if rr.SkipCredibility {
		opts = skipCredibility
	}
	max := rr.MaxBytes
	if max <= 0 {
		max = MaxRecordBytes
	}
	src := func(emit func(*batch) error) error { return readBatches(r, max, emit) }
	parser := dates.Parser{Order: rr.DateOrder}
	var recycled *sync.Pool
	if rr.Sparse && rr.Reuse {
		recycled = new(sync.Pool)
	}
	decode := func() func(*batch) []decoded {
		var ld *sparseDecoder
		if rr.Sparse {
			ld = &sparseDecoder{skipCred: rr.SkipCredibility, recycled: recycled}
		}
		return func(b *batch) []decoded { return b.decode(opts, parser, ld) }
	}
	deliver := func(b *batch, recs []decoded) error {
		for i, d := range recs {
			line := b.first + i
			if d.err != nil {
				return fmt.Errorf("%s:%d: %w", name, line, d.err)
			}
			if d.rec == nil {
				continue
			}
			if err := fn(d.rec, line); err != nil {
				return fmt.Errorf("%s:%d: %w", name, line, err)
			}
			if recycled != nil {
				recycled.Put(d.rec)
			}
		}
		return nil
	}
	// Batches in flight hold at most twice the longest line allowed, so a
	// file of huge records costs a bounded amount of memory.
	lim := fanout.Limits[*batch]{Weight: func(b *batch) int64 { return int64(b.size) }, MaxWeight: 2 * int64(max)}
	err := fanout.Ordered(context.Background(), lim, src, decode, deliver)
	var le *lineError
	if errors.As(err, &le) {
		if le.tooLong {
			return fmt.Errorf("%s:%d: %w", name, le.line, le.err)
		}
		return fmt.Errorf("%s: line %d: %w", name, le.line, le.err)
	}
	return err
}

// batch is a run of consecutive lines of a score file.
type batch struct {
	first int      // line number of lines[0]
	lines [][]byte // raw lines; blank ones are skipped
	size  int      // bytes in lines
	// slab holds the lines that fit in it, back to back: one buffer a
	// batch, reused once the batch is decoded (slabs), rather than a new
	// one a line (the lines were half the bytes reading allocated, and so
	// of the garbage collector's work).
	slab *[]byte
}

// decoded is one line's record, or why it is not one.
type decoded struct {
	rec *Record
	err error
}

// lineError is an error reading a line (not decoding it): an I/O error,
// or a line too long to be a record.
type lineError struct {
	line    int
	err     error
	tooLong bool
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %v", e.line, e.err) }

// batchBytes is about how much text one batch holds.
const batchBytes = 1 << 20

// slabs holds the slabs of decoded batches (*[]byte of capacity
// slabBytes): a batch is full at batchBytes, so its lines fit in one unless
// they are long.
var slabs = sync.Pool{New: func() any { b := make([]byte, 0, slabBytes); return &b }}

const slabBytes = batchBytes + batchBytes/4

// newBatch returns an empty batch starting at line first, with a slab.
func newBatch(first int) *batch {
	slab := slabs.Get().(*[]byte)
	*slab = (*slab)[:0]
	return &batch{first: first, slab: slab}
}

// keep adds a line to the batch. text is in a buffer that the next read
// reuses unless owned: it is copied into the slab when it fits, else on
// its own.
func (b *batch) keep(text []byte, owned bool) {
	line := text
	if s := *b.slab; cap(s)-len(s) >= len(text) {
		start := len(s)
		s = append(s, text...)
		*b.slab = s
		line = s[start:len(s):len(s)]
	} else if !owned {
		line = append([]byte(nil), text...)
	}
	b.lines = append(b.lines, line)
	b.size += len(line)
}

// release hands the batch's slab back to be reused: its lines are no
// longer read.
func (b *batch) release() {
	b.lines = nil
	if b.slab != nil {
		slabs.Put(b.slab)
		b.slab = nil
	}
}

// readBatches splits r into batches of lines and hands each to emit. A
// line longer than max is an error as soon as max bytes of it are read.
func readBatches(r io.Reader, max int, emit func(*batch) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	b := newBatch(1)
	for line := 1; ; line++ {
		text, err := br.ReadSlice('\n')
		owned := false
		if errors.Is(err, bufio.ErrBufferFull) {
			whole := append([]byte(nil), text...)
			for errors.Is(err, bufio.ErrBufferFull) && len(whole) <= max {
				text, err = br.ReadSlice('\n')
				whole = append(whole, text...)
			}
			text, owned = whole, true
		}
		if len(bytes.TrimRight(text, "\r\n")) > max {
			if eerr := emit(b); eerr != nil {
				return eerr
			}
			return &lineError{line: line, tooLong: true,
				err: fmt.Errorf("line longer than %s: not a score record (records are at most a few times the size of their article)", sizeString(max))}
		}
		if err != nil && err != io.EOF {
			if eerr := emit(b); eerr != nil {
				return eerr
			}
			return &lineError{line: line, err: err}
		}
		b.keep(text, owned)
		if err == io.EOF {
			return emit(b)
		}
		if b.size >= batchBytes {
			if eerr := emit(b); eerr != nil {
				return eerr
			}
			b = newBatch(line + 1)
		}
	}
}

func sizeString(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// decode decodes the batch's lines, with ld when it is not nil (Sparse).
func (b *batch) decode(opts json.Options, parser dates.Parser, ld *sparseDecoder) []decoded {
	out := make([]decoded, len(b.lines))
	for i, line := range b.lines {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		out[i].rec, out[i].err = decodeRecord(line, opts, parser, ld)
	}
	b.release() // the records do not refer to the lines
	return out
}

// decodeRecord decodes and checks one line, sparsely when ld is not nil,
// and normalises its date.
func decodeRecord(line []byte, opts json.Options, parser dates.Parser, ld *sparseDecoder) (*Record, error) {
	var rec *Record
	if ld != nil {
		rec, _ = ld.decode(line)
	}
	if rec == nil {
		rec = new(Record)
		if err := json.Unmarshal(line, rec, opts); err != nil {
			return nil, jsonError(err, line)
		}
	}
	if err := CheckSchema(rec.Schema); err != nil {
		return nil, err
	}
	if err := rec.checkRanges(); err != nil {
		return nil, err
	}
	if err := rec.normaliseDate(parser); err != nil {
		return nil, err
	}
	if ld == nil {
		for i := range rec.Matches {
			m := &rec.Matches[i]
			m.Loaded = IsLoaded(m.Valence, m.Contrib)
		}
	}
	return rec, nil
}

// normaliseDate reads Date. A record of schema version 1.0 carries the
// date as written in the input: it is normalised, with the text kept in
// DateOriginal, and a date that cannot be read (ambiguous without a
// DateOrder, or in no known format) leaves Date empty, the text still in
// DateOriginal, as the scorer does now. Later versions carry Date
// normalised, and a Date that is not a date is an error.
//
// A record whose date field could not be read (Date empty, DateOriginal
// set) is read again in the parser's Order, when it has one: an
// ambiguous date scored without --date-order gets its date from stats
// and report given one.
func (r *Record) normaliseDate(parser dates.Parser) error {
	if r.Date == "" {
		if r.DateOriginal != "" && parser.Order != dates.OrderUnknown {
			if d, err := parser.Parse(r.DateOriginal); err == nil {
				r.SetDate(d, r.DateOriginal)
			}
		}
		return nil
	}
	d, err := parser.Parse(r.Date)
	if schemaMinor(r.Schema) == 0 {
		if err != nil {
			d = dates.Date{}
		}
		r.SetDate(d, r.Date)
		return nil
	}
	if err != nil {
		return fmt.Errorf("field %q: %v; %s records carry it in ISO 8601", "date", err, r.Schema)
	}
	r.Date = d.String()
	return nil
}

// jsonError says what is wrong with a line in the words compare has
// always used: "invalid JSON at byte N: …" for a syntax error, with N the
// 1-based position of the offending byte (or the line's length when it is
// cut short), and `field "a.b": string is not a valid int` for a value of
// the wrong type, with the field path of encoding/json (struct fields
// joined by dots, without array indexes or map keys).
func jsonError(err error, line []byte) error {
	var syn *jsontext.SyntacticError
	var sem *json.SemanticError
	switch {
	case errors.As(err, &syn):
		at, reason := syn.ByteOffset, syn.Err
		if at < int64(len(line)) {
			at++
		}
		if errors.Is(reason, io.ErrUnexpectedEOF) {
			reason = errors.New("unexpected end of JSON input")
		}
		return fmt.Errorf("invalid JSON at byte %d: %v", at, reason)
	case errors.As(err, &sem):
		value := kindName(sem.JSONKind)
		if sem.JSONKind == '0' && sem.GoType != nil && reflect.Int <= sem.GoType.Kind() && sem.GoType.Kind() <= reflect.Float64 {
			value += " " + string(sem.JSONValue)
		}
		if sem.JSONPointer == "" {
			return fmt.Errorf("a score record is a JSON object, not %s", value)
		}
		return fmt.Errorf("field %q: %s is not a valid %v", fieldPath(sem.JSONPointer), value, sem.GoType)
	}
	return err
}

// kindName names a JSON kind as encoding/json's messages did.
func kindName(k jsontext.Kind) string {
	switch k {
	case '"':
		return "string"
	case '0':
		return "number"
	case 't', 'f':
		return "bool"
	case '{':
		return "object"
	case '[':
		return "array"
	}
	return "null"
}

// fieldPath names the field of a Record a JSON pointer leads to, as
// encoding/json did: struct field names joined by dots, without array
// indexes or map keys ("/matches/3/start" is "matches.start").
func fieldPath(p jsontext.Pointer) string {
	t := reflect.TypeFor[Record]()
	var names []string
	for tok := range p.Tokens() {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Slice, reflect.Array, reflect.Map:
			t = t.Elem() // tok is an index or a key
			continue
		case reflect.Struct:
			names = append(names, tok)
			if f, ok := fieldByJSONName(t, tok); ok {
				t = f.Type
				continue
			}
		}
		break
	}
	return strings.Join(names, ".")
}

// fieldByJSONName finds the field of struct type t whose JSON name is
// name, ignoring case as decoding does.
func fieldByJSONName(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if tag == "" {
			tag = f.Name
		}
		if f.IsExported() && tag != "-" && strings.EqualFold(tag, name) {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
