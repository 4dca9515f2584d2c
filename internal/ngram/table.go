package ngram

import (
	"encoding/binary"

	"github.com/compare-tool/compare/internal/token"
)

// MaxOrder is the longest phrase counted, in words.
const MaxOrder = 3

// Filter says which words and phrases a Table counts. Phrases are
// sequences of folded tokens (package token) that run over no phrase
// boundary. Numbers (tokens of digits, commas and points) and tokens that
// fold to nothing are never counted and end a phrase: they name
// quantities and dates, not actors.
type Filter struct {
	// NameBreaks ends phrases where a name ends (Tokens.NameBreak: also
	// at a comma, a bracket, a quotation mark or dropped page debris)
	// instead of where a phrase ends (token.BreaksPhrase: sentence
	// punctuation, ; : or a line break).
	NameBreaks bool
	// Stopwords leaves out every word and phrase that starts or ends with
	// a stopword or a one-letter word (IsStopword): "the regime" and
	// "regime has" are fragments of the text, not names. A stopword may
	// stand inside a phrase ("leader of the revolution").
	Stopwords bool
}

// Phrases counts every word and phrase within a phrase: what distinctive
// terms count.
var Phrases = Filter{}

// Candidates counts what could be a lexicon entry: no phrase runs over a
// name boundary, and none starts or ends with a stopword. Suggestions
// count these.
var Candidates = Filter{NameBreaks: true, Stopwords: true}

// Table counts words and phrases per unit, in at most its cap of (unit,
// phrase) entries. When it grows past the cap it drops the entries with
// the lowest counts until at most cap/2 remain (the "lossy counting" of
// Manku and Motwani 2002, with a threshold chosen to halve the table). A
// dropped entry that occurs again starts from zero, so once the table has
// been pruned the counts of rare phrases are lower bounds; phrases
// frequent enough never to fall under a threshold are counted exactly.
// The per-unit totals stay exact.
//
// A Table is not safe for concurrent use.
type Table struct {
	filter Filter
	cap    int
	// betweenTexts defers pruning to the end of a text.
	betweenTexts bool
	// cells finds a key by its 64-bit hash and holds its count (high 32
	// bits) and its slot in keys (low 32 bits): one memory access per
	// phrase, where a map keyed by strings costs three. Two phrases of a
	// table share a hash with probability about n²/2⁶⁵, below 10⁻⁶ for the
	// few million phrases a table sees; they would then be counted as one.
	cells map[uint64]uint64
	keys  []string // slot → key, "" when free
	free  []uint32
	// totals[u][k] counts every (k+1)-word phrase of unit u, pruned or
	// not, so that the log-odds denominators stay exact.
	totals map[int]*[MaxOrder]int64
	prunes int
	floor  int64 // highest count ever pruned
	key    []byte
}

// NewTable returns an empty table that counts what filter admits in at
// most cap entries, pruning as soon as it passes the cap.
func NewTable(filter Filter, cap int) *Table {
	return &Table{
		filter: filter,
		cap:    cap,
		// Not sized for cap: most tables never reach it, and a map
		// grows by doubling at small cost.
		cells:  map[uint64]uint64{},
		totals: map[int]*[MaxOrder]int64{},
	}
}

// PruneBetweenTexts makes t prune only at the end of a text, so that a
// text is always counted whole before the rarest entries go. It returns t.
func (t *Table) PruneBetweenTexts() *Table {
	t.betweenTexts = true
	return t
}

// A key is the phrase's order (1–3) as one byte, the unit's index as a
// uvarint, then the folded words joined by spaces.
func (t *Table) start(order, unit int) {
	t.key = append(t.key[:0], byte(order))
	t.key = binary.AppendUvarint(t.key, uint64(unit))
}

// Count counts the words and phrases of one text of unit, tokenized (with
// its page debris dropped, token.Drop) in ts. skip, when not nil, marks
// tokens that are not counted and end a phrase, as numbers do: those a
// lexicon already matches, for suggestions. The unit is counted (it has
// totals, and so takes part in ranking) even when the text has no word.
func (t *Table) Count(unit int, ts *token.Tokens, skip []bool) {
	tot := t.totals[unit]
	if tot == nil {
		tot = new([MaxOrder]int64)
		t.totals[unit] = tot
	}
	f := t.filter
	text := ts.Text
	var win [MaxOrder][]byte // the last words of the current run, oldest first
	run := 0
	for i := range ts.List {
		w := ts.Norm(i)
		if len(w) == 0 || IsNumber(w) || skip != nil && skip[i] {
			run = 0
			continue
		}
		if run > 0 && (f.NameBreaks && ts.NameBreak(i) || !f.NameBreaks && token.BreaksPhrase(text[ts.List[i-1].End:ts.List[i].Start])) {
			run = 0
		}
		copy(win[:], win[1:])
		win[MaxOrder-1] = w
		run = min(run+1, MaxOrder)
		if f.Stopwords && IsStopword(w) {
			continue // no phrase ends with a stopword
		}
		for order := 1; order <= run; order++ {
			if f.Stopwords && order > 1 && IsStopword(win[MaxOrder-order]) {
				continue
			}
			t.start(order, unit)
			for k, part := range win[MaxOrder-order:] {
				if k > 0 {
					t.key = append(t.key, ' ')
				}
				t.key = append(t.key, part...)
			}
			t.inc()
			tot[order-1]++
		}
	}
	if t.betweenTexts && len(t.cells) > t.cap {
		t.prune()
	}
}

func (t *Table) inc() {
	h := hashKey(t.key)
	if c, ok := t.cells[h]; ok {
		t.cells[h] = c + 1<<32
		return
	}
	var slot uint32
	if n := len(t.free); n > 0 {
		slot = t.free[n-1]
		t.free = t.free[:n-1]
		t.keys[slot] = string(t.key)
	} else {
		slot = uint32(len(t.keys))
		t.keys = append(t.keys, string(t.key))
	}
	t.cells[h] = 1<<32 | uint64(slot)
	if !t.betweenTexts && len(t.cells) > t.cap {
		t.prune()
	}
}

// hashKey is FNV-1a with splitmix64's finaliser: fixed, so that the
// output never depends on the process.
func hashKey(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	return h ^ h>>31
}

// prune drops the entries with counts up to the smallest threshold that
// leaves at most cap/2 of them.
func (t *Table) prune() {
	const buckets = 1 << 16
	var hist [buckets + 1]int // hist[c] entries with count c; the last bucket holds the rest
	for _, c := range t.cells {
		hist[min(c>>32, buckets)]++
	}
	keep, threshold := len(t.cells), uint64(0)
	for c := 1; c < buckets && keep > t.cap/2; c++ {
		keep -= hist[c]
		threshold = uint64(c)
	}
	// A new map rather than deletes: deleted slots would stay as
	// tombstones that lengthen every later probe, since a map that does
	// not grow never clears them. It is sized for the cap, which a table
	// pruned once reaches again.
	cells := make(map[uint64]uint64, t.cap+1)
	for h, c := range t.cells {
		if c>>32 > threshold {
			cells[h] = c
			continue
		}
		slot := uint32(c)
		t.keys[slot] = ""
		t.free = append(t.free, slot)
	}
	t.cells = cells
	t.prunes++
	t.floor = max(t.floor, int64(threshold))
}

// Len returns the number of (unit, phrase) entries in the table.
func (t *Table) Len() int { return len(t.cells) }

// Prunes returns how many times the table was pruned, and the highest
// count pruned: counts up to it may be lower bounds.
func (t *Table) Prunes() (times int, floor int64) { return t.prunes, t.floor }

// each calls fn for every entry in the table.
func (t *Table) each(fn func(order, unit int, phrase string, count int64)) {
	for _, c := range t.cells {
		k := t.keys[uint32(c)]
		unit, n := binary.Uvarint([]byte(k[1:]))
		fn(int(k[0]), int(unit), k[1+n:], int64(c>>32))
	}
}
