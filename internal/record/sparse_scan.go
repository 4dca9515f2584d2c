package record

import (
	"strconv"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
)

// This file holds the sparse decoder's fast path: a byte scanner for
// record lines as compare score writes them (encode.go), which reads the
// fields a sparse record holds and steps over the rest byte by byte,
// checking it is well-formed JSON, where the token decoder (decodeTokens)
// reads every value through jsontext (reading, mostly skipping, was 70%
// of stats on a million records).
//
// It accepts no line the token decoder would not read, and reads each
// line it accepts into the same record: it reads values with the token
// decoder's rules (ints with strconv.ParseInt, floats with
// strconv.ParseFloat, strings with escapes or invalid UTF-8 with
// jsontext.AppendUnquote, names checked as object and entries check them)
// and gives up on the line, leaving it to the token decoder, at the first
// thing it does not expect: a number not of the form a field wants, an
// escaped name, a name given twice or not in lower-case ASCII, a \u
// escape of a UTF-16 surrogate, nesting deeper than maxScanDepth, a value
// of another type, or a line that is not JSON. FuzzScanSparse holds it to
// the token decoder.

// scanner reads one line for sparseDecoder.scan. A read that fails calls
// fail, which moves to the end of the line: every read after it fails at
// once, loops end, and scan gives the line up.
type scanner struct {
	b   []byte
	i   int
	bad bool
	ld  *sparseDecoder
	// others holds the names of the open objects of fields that are not
	// in their field set (fieldSet), to tell one given twice.
	others [][]byte
}

func (s *scanner) fail() {
	s.bad = true
	s.i = len(s.b)
}

// scan reads line as decodeTokens does, or returns nil when it gives the
// line up. A record taken from the recycled ones for a line given up is
// put back.
func (ld *sparseDecoder) scan(line []byte) *Record {
	s := &ld.sc
	s.b, s.i, s.bad, s.ld = line, 0, false, ld
	s.others = s.others[:0]
	r := ld.newRecord()
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == '{' {
		s.record(r)
	} else {
		s.fail()
	}
	s.ws()
	if s.bad || s.i != len(s.b) {
		if ld.recycled != nil {
			ld.recycled.Put(r)
		}
		s.b = nil
		return nil
	}
	s.b = nil
	return r
}

// The fields of a record, in the order compare score writes them; the
// names of the objects of fields below are in the same order.
const (
	fSchema = iota
	fID
	fOutlet
	fGroup
	fTitle
	fDate
	fDateOriginal
	fDateSource
	fURL
	fSource
	fTextLine
	fMeta
	fLexicon
	fTokens
	fLoaded
	fLoadedPer1k
	fLoadedByVoice
	fCategories
	fTargets
	fStance
	fMatches
	fDropped
	fQuotes
	fCredibility
	fText
)

var recordFields = newFieldSet([]string{fSchema: "schema", fID: "id", fOutlet: "outlet", fGroup: "group",
	fTitle: "title", fDate: "date", fDateOriginal: "date_original", fDateSource: "date_source",
	fURL: "url", fSource: "source", fTextLine: "text_line", fMeta: "meta", fLexicon: "lexicon",
	fTokens: "tokens", fLoaded: "loaded", fLoadedPer1k: "loaded_per_1k", fLoadedByVoice: "loaded_by_voice",
	fCategories: "categories", fTargets: "targets", fStance: "stance", fMatches: "matches",
	fDropped: "dropped", fQuotes: "quotes", fCredibility: "credibility", fText: "text"}...)

func (s *scanner) record(r *Record) {
	ld := s.ld
	for o := s.object(recordFields); s.field(&o); {
		switch o.k {
		case fSchema:
			s.str(&r.Schema, false)
		case fID:
			s.str(&r.ID, false)
		case fOutlet:
			s.str(&r.Outlet, true)
		case fGroup:
			s.str(&r.Group, true)
		case fDate:
			s.str(&r.Date, true)
		case fDateOriginal:
			s.str(&r.DateOriginal, true)
		case fDateSource:
			s.str(&r.DateSource, true)
		case fLexicon:
			s.ref(&r.Lexicon.Name, &r.Lexicon.Version, &r.Lexicon.SHA256)
		case fTextLine:
			s.int(&r.TextLine)
		case fTokens:
			s.int(&r.Tokens)
		case fLoaded:
			s.int(&r.Loaded)
		case fLoadedPer1k:
			s.float(&r.LoadedPer1k)
		case fLoadedByVoice:
			scanCounts(s, sizeVoice, &r.LoadedByVoice, &ld.spare.voice)
		case fCategories:
			scanCounts(s, sizeCategories, &r.Categories, &ld.spare.categories)
		case fTargets:
			s.targets(r)
		case fStance:
			s.stance(r)
		case fMatches:
			s.matches(r)
		case fDropped:
			var none []corpus.Span // Dropped is not recycled
			s.spans(sizeDropped, &r.Dropped, &none)
		case fQuotes:
			s.spans(sizeQuotes, &r.Quotes, &ld.spare.quotes)
		case fCredibility:
			if ld.skipCred {
				s.skip()
			} else {
				s.credibility(r)
			}
		case fText:
			s.str(&r.Text, false)
		default:
			s.skip() // title, url, source, meta, and names compare does not write
		}
	}
}

// The fields of a lexicon's or the credibility rules' reference.
var refFields = newFieldSet("name", "version", "sha256")

func (s *scanner) ref(name, version, sha256 *string) {
	for o := s.object(refFields); s.field(&o); {
		switch o.k {
		case 0: // name
			s.str(name, true)
		case 1: // version
			s.str(version, true)
		case 2: // sha256
			s.str(sha256, true)
		default:
			s.skip()
		}
	}
}

var targetFields = newFieldSet("references", "author", "loaded", "framing", "quote_framing")

func (s *scanner) targets(r *Record) {
	ld := s.ld
	if !s.openObject() {
		ld.sizes[sizeTargets] = 0
		return
	}
	r.Targets = newMap(&ld.spare.targets, ld.sizes[sizeTargets])
	n := 0
	for id := ""; s.entry(&id, n); n++ {
		var t TargetScore
		for o := s.object(targetFields); s.field(&o); {
			switch o.k {
			case 0: // references
				s.int(&t.References)
			case 1: // author
				s.int(&t.Author)
			case 2: // loaded
				s.int(&t.Loaded)
			case 3: // framing
				s.optFloat(&t.Framing)
			case 4: // quote_framing
				s.optFloat(&t.QuoteFraming)
			default:
				s.skip()
			}
		}
		if r.Targets[id] = t; len(r.Targets) == n {
			s.fail() // id given twice
			break
		}
	}
	ld.sizes[sizeTargets] = n
}

var axisFields = newFieldSet("score", "n", "quote_score", "quote_n", "reported_score", "reported_n", "from_reported", "distanced_n")

func (s *scanner) stance(r *Record) {
	ld := s.ld
	if !s.openObject() {
		ld.sizes[sizeStance] = 0
		return
	}
	r.Stance = newMap(&ld.spare.stance, ld.sizes[sizeStance])
	n := 0
	for id := ""; s.entry(&id, n); n++ {
		var a AxisScore
		for o := s.object(axisFields); s.field(&o); {
			switch o.k {
			case 0: // score
				s.float(&a.Score)
			case 1: // n
				s.int(&a.N)
			case 2: // quote_score
				s.float(&a.QuoteScore)
			case 3: // quote_n
				s.int(&a.QuoteN)
			case 4: // reported_score
				s.float(&a.ReportedScore)
			case 5: // reported_n
				s.int(&a.ReportedN)
			case 6: // from_reported
				s.bool(&a.FromReported)
			case 7: // distanced_n
				s.int(&a.DistancedN)
			default:
				s.skip()
			}
		}
		if r.Stance[id] = a; len(r.Stance) == n {
			s.fail() // id given twice
			break
		}
	}
	ld.sizes[sizeStance] = n
}

// The fields of a match.
const (
	mStart = iota
	mEnd
	mLine
	mCol
	mText
	mEntry
	mTarget
	mValence
	mCategory
	mVoice
	mContrib
	mCue
)

var matchFields = newFieldSet([]string{mStart: "start", mEnd: "end", mLine: "line", mCol: "col", mText: "text",
	mEntry: "entry", mTarget: "target", mValence: "valence", mCategory: "category", mVoice: "voice",
	mContrib: "contrib", mCue: "cue"}...)

// noFields is the field set of an object whose names are ids (a match's
// contributions), read with the checks of an object of fields.
var noFields = newFieldSet()

func (s *scanner) matches(r *Record) {
	ld := s.ld
	scanList(s, sizeMatches, &r.Matches, &ld.spare.matches, func(m *MatchRecord) {
		ld.contrib = ld.contrib[:0]
		for o := s.object(matchFields); s.field(&o); {
			switch o.k {
			case mStart:
				s.int(&m.Start)
			case mEnd:
				s.int(&m.End)
			case mLine:
				s.int(&m.Line)
			case mCol:
				s.int(&m.Col)
			case mText:
				s.str(&m.Text, true)
			case mEntry:
				s.str(&m.Entry, true)
			case mTarget:
				s.str(&m.Target, true)
			case mValence:
				s.float(&m.Valence)
			case mCategory:
				s.str(&m.Category, true)
			case mVoice:
				var v string
				s.str(&v, true)
				m.Voice = Voice(v)
			case mContrib:
				// As in sparseDecoder.matches: the non-zero contributions
				// wait in ld.contrib until the valence is known.
				for c := s.object(noFields); s.field(&c); {
					axis := c.name
					var v float64
					s.float(&v)
					if v != 0 {
						m.Loaded = true
						if m.Valence == 0 {
							ld.contrib = append(ld.contrib, axisContrib{ld.intern(axis), v})
						}
					}
				}
			default:
				s.skip() // cue
			}
		}
		m.Loaded = m.Loaded || m.Valence != 0
		if m.Valence == 0 && len(ld.contrib) > 0 {
			m.Contrib = make(map[string]float64, len(ld.contrib))
			for _, c := range ld.contrib {
				m.Contrib[c.axis] = c.value
			}
		}
	})
}

var spanFields = newFieldSet("start", "end", "reason")

func (s *scanner) spans(field int, dst, spare *[]corpus.Span) {
	scanList(s, field, dst, spare, func(sp *corpus.Span) {
		for o := s.object(spanFields); s.field(&o); {
			switch o.k {
			case 0: // start
				s.int(&sp.Start)
			case 1: // end
				s.int(&sp.End)
			case 2: // reason
				s.str(&sp.Reason, true)
			default:
				s.skip()
			}
		}
	})
}

// The fields of the credibility signals.
const (
	cRules = iota
	cAttributions
	cVagueSources
	cSourcing
	cCited
	cSides
	cQuotes
	cHedges
	cCertainty
	cIntensifiers
	cDebris
)

var signalFields = newFieldSet([]string{cRules: "rules", cAttributions: "attributions", cVagueSources: "vague_sources",
	cSourcing: "sourcing", cCited: "cited", cSides: "sides", cQuotes: "quotes", cHedges: "hedges",
	cCertainty: "certainty", cIntensifiers: "intensifiers", cDebris: "debris"}...)

var (
	vagueFields    = newFieldSet("start", "end", "text", "rule", "attribution")
	sourcingFields = newFieldSet("claims", "unsourced", "unsourced_share", "loaded", "unsourced_spans")
	citationFields = newFieldSet("name", "kind", "side", "country", "self", "citations", "spans")
	quoteFields    = newFieldSet("count", "scare", "words", "share_of_text", "quotations", "speakers")
	markerFields   = newFieldSet("count", "author", "spans")
	debrisFields   = newFieldSet("count", "reasons", "spans")
)

// credibility reads the signals' counts, as sparseDecoder.credibility does.
func (s *scanner) credibility(r *Record) {
	ld := s.ld
	s.ws()
	if s.literal(nullLiteral) {
		return
	}
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		s.fail()
		return
	}
	c := ld.spare.takeSignals()
	r.Credibility = c
	for o := s.object(signalFields); s.field(&o); {
		switch o.k {
		case cRules:
			s.ref(&c.Rules.Name, &c.Rules.Version, &c.Rules.SHA256)
		case cAttributions:
			scanCounted(s, &c.Attributions, &ld.spare.attributions)
		case cVagueSources:
			scanList(s, sizeVague, &c.VagueSources, &ld.spare.vague, func(v *credibility.Vague) {
				for o := s.object(vagueFields); s.field(&o); {
					switch o.k {
					case 3: // rule
						s.str(&v.Rule, true)
					case 4: // attribution
						s.bool(&v.Attribution)
					default:
						s.skip()
					}
				}
			})
		case cSourcing:
			so := &c.Sourcing
			for o := s.object(sourcingFields); s.field(&o); {
				switch o.k {
				case 0: // claims
					s.int(&so.Claims)
				case 1: // unsourced
					s.int(&so.Unsourced)
				case 2: // unsourced_share
					s.optFloat(&so.UnsourcedShare)
				case 3: // loaded
					s.int(&so.Loaded)
				default:
					s.skip()
				}
			}
		case cCited:
			scanList(s, sizeCited, &c.Cited, &ld.spare.cited, func(ci *credibility.Citation) {
				for o := s.object(citationFields); s.field(&o); {
					switch o.k {
					case 0: // name
						s.str(&ci.Name, true)
					case 1: // kind
						s.str(&ci.Kind, true)
					case 2: // side
						s.str(&ci.Side, true)
					case 3: // country
						s.str(&ci.Country, true)
					case 4: // self
						s.bool(&ci.Self)
					case 5: // citations
						s.int(&ci.Citations)
					default:
						s.skip()
					}
				}
			})
		case cSides:
			scanCounts(s, sizeSides, &c.Sides, &ld.spare.sides)
		case cQuotes:
			q := &c.Quotes
			for o := s.object(quoteFields); s.field(&o); {
				switch o.k {
				case 0: // count
					s.int(&q.Count)
				case 1: // scare
					s.int(&q.Scare)
				case 2: // words
					s.int(&q.Words)
				case 3: // share_of_text
					s.float(&q.ShareOfText)
				default:
					s.skip()
				}
			}
		case cHedges:
			s.markers(&c.Hedges)
		case cCertainty:
			s.markers(&c.Certainty)
		case cIntensifiers:
			s.markers(&c.Intensifiers)
		case cDebris:
			for o := s.object(debrisFields); s.field(&o); {
				switch o.k {
				case 0: // count
					s.int(&c.Debris.Count)
				case 1: // reasons
					scanCounts(s, sizeReasons, &c.Debris.Reasons, &ld.spare.reasons)
				default:
					s.skip()
				}
			}
		default:
			s.skip()
		}
	}
}

func (s *scanner) markers(m *credibility.Markers) {
	for o := s.object(markerFields); s.field(&o); {
		switch o.k {
		case 0: // count
			s.int(&m.Count)
		case 1: // author
			s.int(&m.Author)
		default:
			s.skip()
		}
	}
}

// scanList reads an array of objects as list does: into the spare slice
// or a new one sized from the last record, nil for null; read reads one
// element.
func scanList[T any](s *scanner, field int, dst, spare *[]T, read func(*T)) {
	ld := s.ld
	if !s.openArray() {
		ld.sizes[field] = 0
		return
	}
	*dst = newSlice(spare, ld.sizes[field])
	n := 0
	for ; s.more(']', n); n++ {
		*dst = append(*dst, *new(T))
		read(&(*dst)[n])
	}
	ld.sizes[field] = n
}

// scanCounted reads an array the sparse record only counts, as counted
// does: each element checked to be well-formed JSON, not decoded, and as
// many zero values in the spare slice when it has room, or a new one
// (null leaves it nil).
func scanCounted[T any](s *scanner, dst, spare *[]T) {
	if !s.openArray() {
		return
	}
	n := 0
	for ; s.more(']', n); n++ {
		s.skip()
	}
	if sp := *spare; sp != nil && cap(sp) >= n {
		*spare = nil
		*dst = sp[:n]
		clear(*dst)
	} else {
		*dst = make([]T, n)
	}
}

// scanCounts reads an object of integers as counts does, into the spare
// map or a new one (null leaves it nil).
func scanCounts[K ~string](s *scanner, field int, m, spare *map[K]int) {
	ld := s.ld
	if !s.openObject() {
		ld.sizes[field] = 0
		return
	}
	*m = newMap(spare, ld.sizes[field])
	n := 0
	for id := ""; s.entry(&id, n); n++ {
		var v int
		s.int(&v)
		if (*m)[K(id)] = v; len(*m) == n {
			s.fail() // id given twice
			break
		}
	}
	ld.sizes[field] = n
}

// fieldSet names the fields of an object of fields the scanner reads,
// each at its index, in the order compare score writes them: at most 32.
type fieldSet struct {
	names []string
	// members holds each name as a member after another starts: quoted,
	// after a comma and before a colon (`,"name":`).
	members []string
}

func newFieldSet(names ...string) *fieldSet {
	if len(names) > 32 {
		panic("record: more than 32 fields in a field set")
	}
	fs := &fieldSet{names: names}
	for _, n := range names {
		fs.members = append(fs.members, ","+strconv.Quote(n)+":")
	}
	return fs
}

// fieldObject is an object of fields being read (see scanner.object).
type fieldObject struct {
	set *fieldSet
	// k is the index in set of the field whose value is to be read next,
	// -1 for a name not in set, and then name is its name, valid until
	// the next read.
	k    int
	name []byte
	// expect is the index of the field most likely next: the one after the
	// last, as records are written.
	expect int
	seen   uint32 // the indexes of the fields read
	names  int    // how many names were read
	others int    // s.others[others:] are the names not in set
	open   bool
}

// object starts reading an object of the fields of set (null is one
// without fields); field reads each name.
func (s *scanner) object(set *fieldSet) fieldObject {
	o := fieldObject{set: set, others: len(s.others)}
	o.open = s.openObject()
	return o
}

// field reads the next name of o and reports whether there is one, whose
// value the caller is to read: false at the end of the object, or on a
// failure. As sparseDecoder.object, it fails on a name given twice, a
// name with a capital or a non-ASCII byte, and more than maxNames names.
func (s *scanner) field(o *fieldObject) bool {
	if !o.open {
		return false
	}
	k := -1
	set := o.set
	if e := o.expect; e < len(set.members) {
		// The field that follows the last, as compare score writes it, is
		// told in one comparison, with the comma before it.
		m := set.members[e]
		if o.names == 0 {
			m = m[1:]
		}
		if len(s.b)-s.i > len(m) && string(s.b[s.i:s.i+len(m)]) == m {
			k = e
			s.i += len(m)
		}
	}
	if k < 0 {
		if !s.more('}', o.names) {
			o.open = false
			s.others = s.others[:o.others]
			return false
		}
		if !s.key(&o.name) {
			return false
		}
		for j, f := range set.names {
			if string(o.name) == f {
				k = j
				break
			}
		}
		if k < 0 && !s.other(o) {
			return false
		}
	}
	o.names++
	if o.names > maxNames {
		s.fail()
		return false
	}
	if k >= 0 {
		if o.seen&(1<<k) != 0 {
			s.fail()
			return false
		}
		o.seen |= 1 << k
		o.expect = k + 1
	}
	o.k = k
	return true
}

// other checks the name of a field not in o's set, as
// sparseDecoder.object checks every name: in lower-case ASCII, and not
// given twice.
func (s *scanner) other(o *fieldObject) bool {
	for _, c := range o.name {
		if 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf {
			s.fail()
			return false
		}
	}
	for _, other := range s.others[o.others:] {
		if string(other) == string(o.name) {
			s.fail()
			return false
		}
	}
	s.others = append(s.others, o.name)
	return true
}

// entry reads the next id of an object of ids (targets, counts), whose
// n ids before were read, into id, interned: false at the end of the
// object or on a failure. As entries, it fails on an id that is escaped
// or not UTF-8; the caller tells one given twice.
func (s *scanner) entry(id *string, n int) bool {
	if !s.more('}', n) {
		return false
	}
	var name []byte
	if !s.key(&name) {
		return false
	}
	if !utf8.Valid(name) {
		s.fail()
		return false
	}
	*id = s.ld.intern(name)
	return true
}

// openObject reads '{' and reports true, or null and reports false; on
// anything else it fails.
func (s *scanner) openObject() bool {
	return s.open('{')
}

// openArray is openObject for '['.
func (s *scanner) openArray() bool {
	return s.open('[')
}

var nullLiteral = []byte("null")

func (s *scanner) open(c byte) bool {
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	if !s.literal(nullLiteral) {
		s.fail()
	}
	return false
}

// more reads what follows the n members of an open array or object
// before a next one: ',' (reporting true) or close (false); with n = 0,
// close or the first member, not read.
func (s *scanner) more(close byte, n int) bool {
	s.ws()
	if s.i >= len(s.b) {
		s.fail()
		return false
	}
	switch c := s.b[s.i]; {
	case c == close:
		s.i++
		return false
	case n == 0:
		return true
	case c == ',':
		s.i++
		return true
	}
	s.fail()
	return false
}

// key reads a member's name, into name (its bytes in the line), and the
// ':' after it, or fails. An escaped name fails, as sparseDecoder.name
// does.
func (s *scanner) key(name *[]byte) bool {
	s.ws()
	end, esc, _ := scanString(s.b, s.i)
	if end < 0 || esc {
		s.fail()
		return false
	}
	*name = s.b[s.i+1 : end-1]
	s.i = end
	s.ws()
	if s.i >= len(s.b) || s.b[s.i] != ':' {
		s.fail()
		return false
	}
	s.i++
	return true
}

// ws skips JSON whitespace.
func (s *scanner) ws() {
	s.i = skipWS(s.b, s.i)
}

func skipWS(b []byte, i int) int {
	for i < len(b) && b[i] <= ' ' && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

// literal reads lit (true, false or null) and reports whether it was
// there; it does not fail.
func (s *scanner) literal(lit []byte) bool {
	if len(s.b)-s.i >= len(lit) && string(s.b[s.i:s.i+len(lit)]) == string(lit) {
		s.i += len(lit)
		return true
	}
	return false
}

var trueLiteral, falseLiteral = []byte("true"), []byte("false")

// bool reads true or false.
func (s *scanner) bool(dst *bool) {
	s.ws()
	switch {
	case s.literal(trueLiteral):
		*dst = true
	case s.literal(falseLiteral):
		*dst = false
	default:
		s.fail()
	}
}

// str reads a string as sparseDecoder.str does; intern shares short ones
// between records.
func (s *scanner) str(dst *string, intern bool) {
	s.ws()
	end, esc, high := scanString(s.b, s.i)
	if end < 0 {
		s.fail()
		return
	}
	raw := s.b[s.i:end]
	s.i = end
	b := raw[1 : len(raw)-1]
	if esc || high && !utf8.Valid(b) {
		var err error
		if s.ld.buf, err = jsontext.AppendUnquote(s.ld.buf[:0], raw); err != nil {
			s.fail()
			return
		}
		b = s.ld.buf
	}
	if intern {
		*dst = s.ld.intern(b)
	} else {
		*dst = string(b)
	}
}

// number reads a JSON number, returning its bytes and whether it is
// written as an integer (no fraction, no exponent).
func (s *scanner) number() (raw []byte, integer bool) {
	s.ws()
	end, integer := scanNumber(s.b, s.i)
	if end < 0 {
		s.fail()
		return nil, false
	}
	raw = s.b[s.i:end]
	s.i = end
	return raw, integer
}

// int reads an integer written as one, as sparseDecoder.int does.
func (s *scanner) int(dst *int) {
	raw, integer := s.number()
	if !integer {
		s.fail()
		return
	}
	digits := raw
	if digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) > 18 {
		// Near the limits of int64: strconv decides, as it does for the
		// token decoder.
		n, err := strconv.ParseInt(string(raw), 10, 0)
		if err != nil {
			s.fail()
			return
		}
		*dst = int(n)
		return
	}
	n := 0
	for _, c := range digits {
		n = n*10 + int(c-'0')
	}
	if raw[0] == '-' {
		n = -n
	}
	*dst = n
}

// float reads a number, as sparseDecoder.float does.
func (s *scanner) float(dst *float64) {
	raw, _ := s.number()
	if s.bad {
		return
	}
	if len(raw) == 1 && raw[0] == '0' {
		*dst = 0
		return
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil {
		s.fail()
		return
	}
	*dst = f
}

// optFloat reads a number or null.
func (s *scanner) optFloat(dst **float64) {
	s.ws()
	if s.literal(nullLiteral) {
		*dst = nil
		return
	}
	var f float64
	s.float(&f)
	*dst = &f
}

// maxScanDepth bounds the nesting of a value skip steps over (records
// nest four deep); a deeper one is given up.
const maxScanDepth = 64

// skip steps over a value the sparse record leaves out, checking it is
// well-formed JSON as jsontext's ReadValue does (invalid UTF-8 allowed,
// names given twice allowed), or failing.
func (s *scanner) skip() {
	b, i := s.b, s.i
	var objects uint64 // bit d: the container at depth d is an object
	depth := 0
	name := false // a name and ':' come before the value
	for {
		i = skipWS(b, i)
		if name {
			end, _, _ := scanString(b, i)
			if end < 0 {
				s.fail()
				return
			}
			i = skipWS(b, end)
			if i >= len(b) || b[i] != ':' {
				s.fail()
				return
			}
			i = skipWS(b, i+1)
			name = false
		}
		if i >= len(b) {
			s.fail()
			return
		}
		switch c := b[i]; c {
		case '"':
			i, _, _ = scanString(b, i)
		case '{', '[':
			if depth == maxScanDepth {
				s.fail()
				return
			}
			close := byte('}')
			if c == '[' {
				close = ']'
			}
			if j := skipWS(b, i+1); j < len(b) && b[j] == close {
				i = j + 1
				break // an empty object or array is a whole value
			}
			if c == '{' {
				objects |= 1 << depth
			} else {
				objects &^= 1 << depth
			}
			depth++
			name = c == '{'
			i++
			continue
		case 't':
			i = skipLiteral(b, i, trueLiteral)
		case 'f':
			i = skipLiteral(b, i, falseLiteral)
		case 'n':
			i = skipLiteral(b, i, nullLiteral)
		default:
			i, _ = scanNumber(b, i)
		}
		if i < 0 {
			s.fail()
			return
		}
		// A value is read: close the containers it ends, up to the next
		// member.
		for {
			if depth == 0 {
				s.i = i
				return
			}
			i = skipWS(b, i)
			if i >= len(b) {
				s.fail()
				return
			}
			object := objects&(1<<(depth-1)) != 0
			c := b[i]
			i++
			if c == ',' {
				name = object
				break
			}
			if object && c == '}' || !object && c == ']' {
				depth--
				continue
			}
			s.fail()
			return
		}
	}
}

func skipLiteral(b []byte, i int, lit []byte) int {
	if len(b)-i >= len(lit) && string(b[i:i+len(lit)]) == string(lit) {
		return i + len(lit)
	}
	return -1
}

// plainString marks the bytes a JSON string holds as they are, ending no
// scan: not a control character, a quotation mark, a backslash or a
// non-ASCII byte (which scanString notes).
var plainString = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// scanString reads the JSON string at b[i], returning the index after its
// closing quote, or -1 when it is not one the scanner reads: unclosed, with
// a control character, an escape that is not JSON's or a \u escape of a
// UTF-16 surrogate (which jsontext reads with rules of its own). esc says
// whether it has escapes, high whether it has non-ASCII bytes (not
// checked: jsontext reads invalid UTF-8 in strings, with AllowInvalidUTF8).
func scanString(b []byte, i int) (end int, esc, high bool) {
	if i >= len(b) || b[i] != '"' {
		return -1, false, false
	}
	for i++; i < len(b); i++ {
		c := b[i]
		if plainString[c] {
			continue
		}
		switch {
		case c == '"':
			return i + 1, esc, high
		case c >= utf8.RuneSelf:
			high = true
		case c == '\\':
			esc = true
			if i+1 >= len(b) {
				return -1, false, false
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				if i+5 >= len(b) {
					return -1, false, false
				}
				r := 0
				for _, h := range b[i+2 : i+6] {
					switch {
					case '0' <= h && h <= '9':
						r = r<<4 | int(h-'0')
					case 'a' <= h && h <= 'f':
						r = r<<4 | int(h-'a'+10)
					case 'A' <= h && h <= 'F':
						r = r<<4 | int(h-'A'+10)
					default:
						return -1, false, false
					}
				}
				if 0xD800 <= r && r < 0xE000 {
					return -1, false, false
				}
				i += 5
			default:
				return -1, false, false
			}
		default: // a control character
			return -1, false, false
		}
	}
	return -1, false, false
}

// scanNumber reads the JSON number at b[i] (-?(0|[1-9][0-9]*)(\.[0-9]+)?
// ([eE][+-]?[0-9]+)?), returning the index after it, or -1, and whether
// it is an integer (no fraction, no exponent).
func scanNumber(b []byte, i int) (end int, integer bool) {
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i >= len(b):
		return -1, false
	case b[i] == '0':
		i++
	case '1' <= b[i] && b[i] <= '9':
		for i++; i < len(b) && '0' <= b[i] && b[i] <= '9'; i++ {
		}
	default:
		return -1, false
	}
	integer = true
	if i < len(b) && b[i] == '.' {
		integer = false
		i++
		j := i
		for ; i < len(b) && '0' <= b[i] && b[i] <= '9'; i++ {
		}
		if i == j {
			return -1, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		integer = false
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := i
		for ; i < len(b) && '0' <= b[i] && b[i] <= '9'; i++ {
		}
		if i == j {
			return -1, false
		}
	}
	return i, integer
}
