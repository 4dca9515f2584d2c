package record

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
)

// This file reads records for Reader.Sparse: a streaming decoder over
// jsontext tokens that fills only the fields a sparse record holds, with no
// reflection (decodeTokens; it reads the lines the byte scanner of
// sparse_scan.go gives up, which reads the others twice as fast, into the
// same records). Anything it does not expect (a field name with a capital or
// a non-ASCII byte, a name given twice, an escaped name, a value of
// another type or null where the record has no pointer, a number that is
// not a plain integer where one is due) makes it give up on the line,
// which the library then decodes in full, with its checks and messages:
// the sparse reader never accepts what the full one refuses in the fields it
// reads, and never says what is wrong in other words.

// errNotSparse is a line the sparse decoder leaves to the full one.
var errNotSparse = errors.New("record: not read by the sparse decoder")

// sparseOptions read strings as decodeOptions do.
var sparseOptions = json.JoinOptions(jsontext.AllowInvalidUTF8(true), jsontext.AllowDuplicateNames(true))

// sparseDecoder decodes sparse records, reusing its buffers. It is not safe
// for concurrent use.
type sparseDecoder struct {
	dec jsontext.Decoder
	buf []byte // unquoted strings
	// seen[d] holds the hashes of the names read so far in the object at
	// depth d, to tell a name given twice.
	seen  [][]uint64
	depth int
	// names holds the short strings that repeat across records (entry,
	// target and category ids, voices, matched words), so that each is
	// allocated about once per decoder rather than once per match: a
	// direct-mapped cache, each string in the slot of its hash, replacing
	// what the slot held. A lookup is a hash and one comparison, cheaper
	// than a map's, and the cache does not grow with a file of ever new
	// words.
	names *[internSlots]string
	// skipCred leaves the credibility signals out.
	skipCred bool
	// sizes holds how many entries each map or list field (sizeTargets,
	// sizeMatches, …) had in the record read last: the next record's map
	// or slice is made that size at once, since the records of a file are
	// alike, rather than grown entry by entry (growing maps was a
	// twentieth of decoding, growing slices a tenth of the bytes it
	// allocated).
	sizes [numSized]int
	// contrib holds the non-zero contributions of the match being read.
	contrib []axisContrib
	// recycled holds the records the consumer is done with (Reader.Reuse),
	// or is nil; spare holds the maps and slices of the last one taken,
	// until a record needs them.
	recycled *sync.Pool
	spare    spareParts
	// sc reads the lines it can before the token decoder (sparse_scan.go).
	sc scanner
}

// spareParts are the maps and slices of a recycled record, made again for
// the next records that have the field. Dropped is not among them: the
// aggregator keeps it with the text.
type spareParts struct {
	targets      map[string]TargetScore
	stance       map[string]AxisScore
	voice        map[Voice]int
	categories   map[string]int
	matches      []MatchRecord
	quotes       []corpus.Span
	signals      *credibility.Signals
	sides        map[string]int
	reasons      map[string]int
	attributions []credibility.Attribution
	vague        []credibility.Vague
	cited        []credibility.Citation
}

// newRecord returns an empty record: a recycled one, its maps and slices
// kept as spares, when there is one.
func (ld *sparseDecoder) newRecord() *Record {
	var r *Record
	if ld.recycled != nil {
		r, _ = ld.recycled.Get().(*Record)
	}
	if r == nil {
		return new(Record)
	}
	sp := &ld.spare
	keepMap(&sp.targets, r.Targets)
	keepMap(&sp.stance, r.Stance)
	keepMap(&sp.voice, r.LoadedByVoice)
	keepMap(&sp.categories, r.Categories)
	keepSlice(&sp.matches, r.Matches)
	keepSlice(&sp.quotes, r.Quotes)
	if s := r.Credibility; s != nil {
		keepMap(&sp.sides, s.Sides)
		keepMap(&sp.reasons, s.Debris.Reasons)
		keepSlice(&sp.attributions, s.Attributions)
		keepSlice(&sp.vague, s.VagueSources)
		keepSlice(&sp.cited, s.Cited)
		*s = credibility.Signals{}
		sp.signals = s
	}
	*r = Record{}
	return r
}

// takeSignals returns the spare signals, emptied, or new ones when there
// are none, leaving no spare.
func (sp *spareParts) takeSignals() *credibility.Signals {
	s := sp.signals
	if s == nil {
		return new(credibility.Signals)
	}
	sp.signals = nil
	return s
}

// keepMap makes m the spare when it is not nil.
func keepMap[K comparable, V any](spare *map[K]V, m map[K]V) {
	if m != nil {
		*spare = m
	}
}

// keepSlice makes s the spare when it is not nil.
func keepSlice[T any](spare *[]T, s []T) {
	if s != nil {
		*spare = s
	}
}

// newMap returns the spare, emptied, or else a new map of size entries.
func newMap[K comparable, V any](spare *map[K]V, size int) map[K]V {
	if m := *spare; m != nil {
		*spare = nil
		clear(m)
		return m
	}
	return make(map[K]V, size)
}

// newSlice returns the spare, emptied, or else a new slice with room for
// size elements.
func newSlice[T any](spare *[]T, size int) []T {
	if s := *spare; s != nil {
		*spare = nil
		return s[:0]
	}
	return make([]T, 0, size)
}

// The map fields entries reads and the list fields list reads, indexing
// sparseDecoder.sizes.
const (
	sizeTargets = iota
	sizeStance
	sizeVoice
	sizeCategories
	sizeSides
	sizeReasons
	sizeMatches
	sizeDropped
	sizeQuotes
	sizeVague
	sizeCited
	numSized
)

// internSlots is the size of the names cache (1<<internBits); strings
// longer than maxInternedLen are not interned.
const (
	internBits     = 13
	internSlots    = 1 << internBits
	maxInternedLen = 64
)

// decode reads one line as a sparse record, or returns errNotSparse: with
// the scanner (scan) when it reads the line, else with decodeTokens.
func (ld *sparseDecoder) decode(line []byte) (*Record, error) {
	if r := ld.scan(line); r != nil {
		return r, nil
	}
	return ld.decodeTokens(line)
}

// decodeTokens reads one line as a sparse record through jsontext's
// tokens, or returns errNotSparse.
func (ld *sparseDecoder) decodeTokens(line []byte) (*Record, error) {
	// jsontext reads a bytes.Buffer's bytes in place.
	ld.dec.Reset(bytes.NewBuffer(line), sparseOptions)
	ld.depth = 0
	r := ld.newRecord()
	err := ld.object(func(name []byte) error {
		switch string(name) {
		case "schema":
			return ld.str(&r.Schema, false)
		case "id":
			return ld.str(&r.ID, false)
		case "outlet":
			return ld.str(&r.Outlet, true)
		case "group":
			return ld.str(&r.Group, true)
		case "date":
			return ld.str(&r.Date, true)
		case "date_original":
			return ld.str(&r.DateOriginal, true)
		case "date_source":
			return ld.str(&r.DateSource, true)
		case "lexicon":
			return ld.object(func(name []byte) error {
				switch string(name) {
				case "name":
					return ld.str(&r.Lexicon.Name, true)
				case "version":
					return ld.str(&r.Lexicon.Version, true)
				case "sha256":
					return ld.str(&r.Lexicon.SHA256, true)
				}
				return ld.skip()
			})
		case "text_line":
			return ld.int(&r.TextLine)
		case "tokens":
			return ld.int(&r.Tokens)
		case "loaded":
			return ld.int(&r.Loaded)
		case "loaded_per_1k":
			return ld.float(&r.LoadedPer1k)
		case "loaded_by_voice":
			return counts(ld, sizeVoice, &r.LoadedByVoice, &ld.spare.voice)
		case "categories":
			return counts(ld, sizeCategories, &r.Categories, &ld.spare.categories)
		case "targets":
			return ld.targets(r)
		case "stance":
			return ld.stance(r)
		case "matches":
			return ld.matches(r)
		case "dropped":
			var none []corpus.Span // Dropped is not recycled
			return ld.spans(sizeDropped, &r.Dropped, &none)
		case "quotes":
			return ld.spans(sizeQuotes, &r.Quotes, &ld.spare.quotes)
		case "credibility":
			if ld.skipCred {
				return ld.skip()
			}
			return ld.credibility(r)
		case "text":
			return ld.str(&r.Text, false)
		}
		return ld.skip() // title, url, source, meta, and names compare does not write
	})
	if err != nil {
		return nil, err
	}
	if _, err := ld.dec.ReadToken(); err != io.EOF {
		return nil, errNotSparse // more than one value on the line
	}
	return r, nil
}

// object reads a JSON object of fields, calling field with each name
// (valid until the next read) to read its value. A name given twice or
// escaped, more than maxNames names, or a value that is not an object is
// errNotSparse; null leaves the fields as they are, as the library does.
func (ld *sparseDecoder) object(field func(name []byte) error) error {
	if ld.depth == len(ld.seen) {
		ld.seen = append(ld.seen, nil)
	}
	d := ld.depth
	ld.depth++
	defer func() { ld.depth-- }()
	ld.seen[d] = ld.seen[d][:0]
	return ld.members('{', func() error {
		name, err := ld.name()
		if err != nil {
			return err
		}
		// The full decoder matches names ignoring case (Unicode simple
		// folding): a name with a capital or a non-ASCII byte might be a
		// field's, written otherwise. Every field's name is lower-case
		// ASCII. A name given twice is left to the full decoder, which
		// keeps its last value: names are told apart by an FNV-1a hash
		// (two names of one hash are left to it too: slower, never
		// wrong), taken in the same pass.
		h := uint64(14695981039346656037)
		for _, c := range name {
			if 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf {
				return errNotSparse
			}
			h = (h ^ uint64(c)) * 1099511628211
		}
		if len(ld.seen[d]) == maxNames || slices.Contains(ld.seen[d], h) {
			return errNotSparse
		}
		ld.seen[d] = append(ld.seen[d], h)
		return field(name)
	})
}

// maxNames bounds the names of an object of fields: records have about
// twenty at most.
const maxNames = 32

// entries reads a JSON object that maps ids to values of the map field
// field (sizeTargets, …), calling make with the number of entries the
// field had in the record read last when the object is not null, and
// entry with each id. A repeated id is errNotSparse, as in object, and so
// is an id that is not UTF-8; entry reads the value.
func (ld *sparseDecoder) entries(field int, make func(size int), entry func(id string) error) error {
	if ld.dec.PeekKind() == '{' {
		make(ld.sizes[field])
	}
	n := 0
	err := ld.members('{', func() error {
		name, err := ld.name()
		if err != nil {
			return err
		}
		if !utf8.Valid(name) {
			return errNotSparse // the full decoder reads it with U+FFFD
		}
		n++
		return entry(ld.intern(name))
	})
	ld.sizes[field] = n
	return err
}

// counts reads an object of integers into a new map, or the spare (null
// leaves it nil).
func counts[K ~string](ld *sparseDecoder, field int, m, spare *map[K]int) error {
	return ld.entries(field, func(size int) { *m = newMap(spare, size) }, func(id string) error {
		if _, dup := (*m)[K(id)]; dup {
			return errNotSparse
		}
		var n int
		if err := ld.int(&n); err != nil {
			return err
		}
		(*m)[K(id)] = n
		return nil
	})
}

// name reads an object's member name, unescaped.
func (ld *sparseDecoder) name() ([]byte, error) {
	raw, err := ld.dec.ReadValue()
	if err != nil || len(raw) < 2 || bytes.IndexByte(raw, '\\') >= 0 {
		return nil, errNotSparse
	}
	return raw[1 : len(raw)-1], nil
}

// members reads an object ('{') or an array ('['), calling each for every
// member or element; null is no value.
func (ld *sparseDecoder) members(open jsontext.Kind, each func() error) error {
	switch ld.dec.PeekKind() {
	case 'n':
		_, err := ld.dec.ReadToken()
		return err
	case open:
	default:
		return errNotSparse
	}
	if _, err := ld.dec.ReadToken(); err != nil {
		return errNotSparse
	}
	for {
		switch ld.dec.PeekKind() {
		case '}', ']':
			if _, err := ld.dec.ReadToken(); err != nil {
				return errNotSparse
			}
			return nil
		case 0:
			return errNotSparse
		}
		if err := each(); err != nil {
			return err
		}
	}
}

// skip reads a value the sparse record leaves out: it is checked to be
// well-formed JSON, not decoded. (ReadValue reads an object or an array
// in one scan, where SkipValue reads it token by token: the score lines
// of the million-record benchmark scan whole in about two thirds of the
// time it takes to read their tokens.)
func (ld *sparseDecoder) skip() error {
	if _, err := ld.dec.ReadValue(); err != nil {
		return errNotSparse
	}
	return nil
}

// str reads a string; intern shares short ones between records.
func (ld *sparseDecoder) str(dst *string, intern bool) error {
	raw, err := ld.dec.ReadValue()
	if err != nil || len(raw) < 2 || raw[0] != '"' {
		return errNotSparse
	}
	b := raw[1 : len(raw)-1]
	if bytes.IndexByte(b, '\\') >= 0 || !utf8.Valid(b) {
		if ld.buf, err = jsontext.AppendUnquote(ld.buf[:0], raw); err != nil {
			return errNotSparse
		}
		b = ld.buf
	}
	if !intern {
		*dst = string(b)
		return nil
	}
	*dst = ld.intern(b)
	return nil
}

// int reads an integer written as one (no fraction, no exponent).
func (ld *sparseDecoder) int(dst *int) error {
	raw, err := ld.dec.ReadValue()
	if err != nil {
		return errNotSparse
	}
	n, err := strconv.ParseInt(string(raw), 10, 0)
	if err != nil {
		return errNotSparse
	}
	*dst = int(n)
	return nil
}

// float reads a number.
func (ld *sparseDecoder) float(dst *float64) error {
	raw, err := ld.dec.ReadValue()
	if err != nil || len(raw) == 0 || raw[0] != '-' && (raw[0] < '0' || raw[0] > '9') {
		return errNotSparse
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil {
		return errNotSparse
	}
	*dst = f
	return nil
}

// optFloat reads a number or null.
func (ld *sparseDecoder) optFloat(dst **float64) error {
	if ld.dec.PeekKind() == 'n' {
		*dst = nil
		_, err := ld.dec.ReadToken()
		return err
	}
	var f float64
	if err := ld.float(&f); err != nil {
		return err
	}
	*dst = &f
	return nil
}

// bool reads true or false.
func (ld *sparseDecoder) bool(dst *bool) error {
	tok, err := ld.dec.ReadToken()
	if err != nil {
		return errNotSparse
	}
	switch tok.Kind() {
	case 't', 'f':
		*dst = tok.Bool()
		return nil
	}
	return errNotSparse
}

// intern returns name as a string, shared when it is short.
func (ld *sparseDecoder) intern(name []byte) string {
	if len(name) > maxInternedLen {
		return string(name)
	}
	if ld.names == nil {
		ld.names = new([internSlots]string)
	}
	slot := &ld.names[internHash(name)>>(64-internBits)]
	if *slot != string(name) {
		*slot = string(name)
	}
	return *slot
}

// internHash hashes a name of at most maxInternedLen bytes for the names
// cache, which takes the top internBits bits: a few loads and
// multiplications, where hash/maphash's call was a third of interning. A poor spread only costs hits (two names of one
// slot take turns in it), never a wrong string.
func internHash(b []byte) uint64 {
	const m = 0x9E3779B97F4A7C15
	h := uint64(len(b)) * m
	for len(b) > 8 {
		h = (h ^ binary.LittleEndian.Uint64(b)) * m
		h ^= h >> 32
		b = b[8:]
	}
	// The last 1 to 8 bytes, as two loads that overlap (or bytes, when
	// fewer than 4).
	var w uint64
	switch n := len(b); {
	case n >= 4:
		w = uint64(binary.LittleEndian.Uint32(b))<<32 | uint64(binary.LittleEndian.Uint32(b[n-4:]))
	case n > 0:
		w = uint64(b[0])<<16 | uint64(b[n/2])<<8 | uint64(b[n-1])
	}
	return (h ^ w) * m // its top bits, taken, depend on every byte
}
