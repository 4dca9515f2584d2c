package phrase

import (
	"maps"
	"slices"
	"sync"

	"github.com/compare-tool/compare/internal/token"
)

// Kind is the caller's name for a kind of pattern ("term", "distance
// cue"). The matcher does not interpret it: it hands it back with every
// Match.
type Kind uint8

// Pattern is one pattern to compile: its text (see the package comment)
// and the Kind and Entry its matches carry.
type Pattern struct {
	Text  string
	Kind  Kind
	Entry int
}

// Match is one occurrence of a pattern in a text.
type Match struct {
	// Start and End are byte offsets into the text, [Start, End).
	Start, End int
	// FirstToken and LastToken index the tokens the match covers, inclusive.
	FirstToken, LastToken int
	// Kind and Entry are those of the Pattern that matched.
	Kind  Kind
	Entry int
}

// Matcher finds patterns in tokenized text. It is built once by Compile and
// is safe for concurrent use.
//
// Patterns are sequences of folded words stored in a trie whose edges are
// found by hashing (node, word), so the cost of matching is per token and
// does not grow with the number of patterns. Where patterns overlap, the
// leftmost match wins, and among those starting at the same token, the
// longest; an exact word beats a * glob of the same length.
type Matcher struct {
	words    map[string]int32 // folded word → symbol
	globs    map[string]int32 // folded word beginning → symbol
	globLens []int            // distinct byte lengths of glob beginnings
	// wordBits and globBits are Bloom-style filters that turn away most
	// tokens before any map lookup: wordBits by the token's hash,
	// globBits by its first two bytes (globShort when a glob is shorter).
	wordBits []uint64
	wordMask uint64 // len(wordBits) - 1, a power of two minus one
	// wordTable is words again, as an open-addressing table keyed by the
	// token hash the tokenizer already computed: no string hashing per
	// lookup.
	wordTable wordTable
	globBits  []uint64
	globShort bool
	edges     map[uint64]int32 // node<<32 | symbol → child node
	final     []int32          // node → pattern index + 1, 0 when none
	// rootChild[symbol] is the root's child for a symbol (most lookups
	// start there), and leaf[node] says a node has no children, so the
	// search stops without looking at the next token.
	rootChild []int32
	leaf      []bool
	patterns  []compiled
}

// compiled is a pattern in the trie: what its matches carry.
type compiled struct {
	kind  Kind
	entry int
}

// Compile builds the matcher for patterns, which should pass Check (a
// pattern that folds to no words is left out). When several patterns fold
// to the same words (the same Key), the first one wins.
func Compile(patterns []Pattern) *Matcher {
	m := &Matcher{
		words: make(map[string]int32),
		globs: make(map[string]int32),
		edges: make(map[uint64]int32),
		final: []int32{0},
	}
	var tz token.Tokenizer
	var words []Word
	for _, p := range patterns {
		words = appendWords(words[:0], &tz, p.Text)
		m.add(words, compiled{kind: p.Kind, entry: p.Entry})
	}
	lens := map[int]bool{}
	// About 32 bits a word keeps false positives near 3%, and small
	// filters stay in the processor's first-level cache.
	size := 64
	for size < len(m.words)/2 {
		size *= 2
	}
	m.wordBits = make([]uint64, size)
	m.wordMask = uint64(size - 1)
	for w := range m.words {
		h := token.HashString(w)
		m.wordBits[h>>6&m.wordMask] |= 1 << (h & 63)
	}
	m.wordTable = newWordTable(m.words)
	m.globBits = make([]uint64, 1<<16/64)
	for g := range m.globs {
		lens[len(g)] = true
		if len(g) < 2 {
			m.globShort = true
			continue
		}
		k := twoBytes(g)
		m.globBits[k>>6] |= 1 << (k & 63)
	}
	for n := range lens {
		m.globLens = append(m.globLens, n)
	}
	slices.Sort(m.globLens)
	m.rootChild = make([]int32, len(m.words)+len(m.globs)+1)
	m.leaf = make([]bool, len(m.final))
	for i := range m.leaf {
		m.leaf[i] = true
	}
	for key, child := range m.edges {
		parent, sym := int32(key>>32), int32(uint32(key))
		m.leaf[parent] = false
		if parent == 0 {
			m.rootChild[sym] = child
		}
	}
	return m
}

// Len returns the number of distinct patterns compiled.
func (m *Matcher) Len() int { return len(m.patterns) }

func (m *Matcher) symbol(table map[string]int32, w string) int32 {
	if s, ok := table[w]; ok {
		return s
	}
	s := int32(len(m.words) + len(m.globs) + 1)
	table[w] = s
	return s
}

func (m *Matcher) add(words []Word, p compiled) {
	node := int32(0)
	for _, w := range words {
		var sym int32
		if w.Glob {
			sym = m.symbol(m.globs, w.Text)
		} else {
			sym = m.symbol(m.words, w.Text)
		}
		key := uint64(node)<<32 | uint64(uint32(sym))
		child, ok := m.edges[key]
		if !ok {
			child = int32(len(m.final))
			m.final = append(m.final, 0)
			m.edges[key] = child
		}
		node = child
	}
	if len(words) == 0 || m.final[node] != 0 {
		// An empty pattern matches nothing; a repeated one keeps the
		// first pattern's kind and entry.
		return
	}
	m.patterns = append(m.patterns, p)
	m.final[node] = int32(len(m.patterns))
}

// Scanner matches texts against a Matcher, reusing its buffers between
// calls. It is not safe for concurrent use; give each goroutine its own.
type Scanner struct {
	m    *Matcher
	cand []int32 // tokens with at least one symbol
	out  []Match
}

// symsPer is the room for symbols per token in the scratch buffer: up to
// symsPer symbols, 0-terminated.
const symsPer = 4

// symsPool holds the per-token scratch buffers of Scan. The buffer is only
// needed during a call, so the scanners used one after another (a scorer
// runs one for framing and five for credibility signals) share one rather
// than each keeping 16 bytes per token of the largest article it saw.
var symsPool = sync.Pool{New: func() any { return new([]int32) }}

// twoBytes keys the glob filter.
func twoBytes[S ~string | ~[]byte](w S) uint16 { return uint16(w[0])<<8 | uint16(w[1]) }

// NewScanner returns a Scanner for m.
func (m *Matcher) NewScanner() *Scanner { return &Scanner{m: m} }

// Scan returns the matches in ts in text order, without overlaps. The slice
// is reused by the next call.
func (s *Scanner) Scan(ts *token.Tokens) []Match {
	m := s.m
	n := ts.Len()
	buf := symsPool.Get().(*[]int32)
	defer symsPool.Put(buf)
	if cap(*buf) < n*symsPer {
		*buf = make([]int32, n*symsPer)
	}
	syms := (*buf)[:n*symsPer]
	s.cand = s.cand[:0]
	for i := range ts.List {
		t := &ts.List[i]
		row := syms[i*symsPer : (i+1)*symsPer]
		k := 0
		if m.wordBits[t.Hash>>6&m.wordMask]&(1<<(t.Hash&63)) != 0 {
			if sym := m.wordTable.lookup(t.Hash, ts.Norm(i)); sym != 0 {
				row[k] = sym
				k++
			}
		}
		if len(m.globLens) > 0 && (m.globShort || t.Head != 0 && m.globBits[t.Head>>6]&(1<<(t.Head&63)) != 0) {
			w := ts.Norm(i)
			for _, gl := range m.globLens {
				if gl > len(w) || k == symsPer {
					break
				}
				if sym, ok := m.globs[string(w[:gl])]; ok {
					row[k] = sym
					k++
				}
			}
		}
		if k < symsPer {
			row[k] = 0 // rows end at the first 0
		}
		if k > 0 {
			s.cand = append(s.cand, int32(i))
		}
	}
	s.out = s.out[:0]
	next := 0 // the first token not covered by a match
	for _, c := range s.cand {
		i := int(c)
		if i < next {
			continue
		}
		best, bestLen := m.longest(syms, i, n)
		if best == 0 {
			continue
		}
		p := m.patterns[best-1]
		s.out = append(s.out, Match{
			Start:      ts.List[i].Start,
			End:        ts.List[i+bestLen-1].End,
			FirstToken: i,
			LastToken:  i + bestLen - 1,
			Kind:       p.kind,
			Entry:      p.entry,
		})
		next = i + bestLen
	}
	return s.out
}

// longest returns the pattern (index+1) of the longest match starting at
// token i, and its length in tokens.
func (m *Matcher) longest(syms []int32, i, n int) (best int32, bestLen int) {
	// Depth-first over the (rarely more than one) symbols of each token;
	// exact words come first in each row, so on equal length they win.
	type frame struct {
		node  int32
		depth int
	}
	var stack [16]frame
	sp := 0
	row := syms[i*symsPer : (i+1)*symsPer]
	for k := rowLen(row) - 1; k >= 0; k-- {
		if child := m.rootChild[row[k]]; child != 0 {
			stack[sp] = frame{child, 1}
			sp++
		}
	}
	for sp > 0 {
		sp--
		f := stack[sp]
		if p := m.final[f.node]; p != 0 && f.depth > bestLen {
			best, bestLen = p, f.depth
		}
		t := i + f.depth
		if t >= n || m.leaf[f.node] {
			continue
		}
		row := syms[t*symsPer : (t+1)*symsPer]
		// Push in reverse so that the first symbol is explored first.
		for k := rowLen(row) - 1; k >= 0; k-- {
			if child, ok := m.edges[uint64(f.node)<<32|uint64(uint32(row[k]))]; ok && sp < len(stack) {
				stack[sp] = frame{child, f.depth + 1}
				sp++
			}
		}
	}
	return best, bestLen
}

// wordTable maps folded words to symbols by their token.HashString hash,
// with linear probing in a table at most half full.
type wordTable struct {
	slots []wordSlot
	mask  uint64
}

type wordSlot struct {
	hash uint64
	sym  int32 // 0: empty
	word string
}

func newWordTable(words map[string]int32) wordTable {
	size := 8
	for size < 2*len(words) {
		size *= 2
	}
	t := wordTable{slots: make([]wordSlot, size), mask: uint64(size - 1)}
	// Insert in a fixed order so that the layout does not depend on map
	// iteration (lookups find the same symbols either way).
	for _, w := range slices.Sorted(maps.Keys(words)) {
		h := token.HashString(w)
		i := h & t.mask
		for t.slots[i].sym != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = wordSlot{hash: h, sym: words[w], word: w}
	}
	return t
}

// lookup returns the symbol of word w with hash h, or 0.
func (t *wordTable) lookup(h uint64, w []byte) int32 {
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.sym == 0 {
			return 0
		}
		if s.hash == h && s.word == string(w) {
			return s.sym
		}
	}
}

// rowLen counts the symbols of a token's row, which ends at the first 0.
func rowLen(row []int32) int {
	n := 0
	for n < len(row) && row[n] != 0 {
		n++
	}
	return n
}
