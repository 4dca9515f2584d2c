package phrase

import (
	"cmp"
	"maps"
	"math/bits"
	"slices"
	"strings"

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

// Matcher finds patterns in tokenized text. It is built once by Compile
// (one list of patterns) or CompileLists (several) and is safe for
// concurrent use.
//
// Patterns are sequences of folded words stored in a trie whose edges are
// found from the token's hash and its node, so the cost of matching is per
// token and does not grow with the number of patterns. The trie and the
// word table are laid out compactly (a node's children side by side, a
// word's slot 8 bytes), because with 10,000 entries their size, not the
// number of steps, decides the speed: what does not fit the processor's
// caches is fetched from memory. Where patterns of one list
// overlap, the leftmost match wins, and among those starting at the same
// token, the longest; an exact word beats a * glob of the same length.
// Lists never hide each other: each has its own root in the trie, and its
// matches are resolved as if it had been compiled alone, while every token
// is looked up once for all of them.
type Matcher struct {
	lists int // number of pattern lists; list l's root is node l
	// Patterns are sequences of symbols, one for each folded word and one
	// for each glob beginning (see builder).
	//
	// globsByHead lists the glob beginnings of two bytes or more by their
	// first two bytes, and globsShort those of one byte, each shortest
	// first: a token has at most a few candidates to compare. The globs of
	// the head of rank r among globBits' bits are
	// globsByHead[globStart[r]:globStart[r+1]], and globRank[k] counts the
	// bits of globBits[:k].
	globsByHead []glob
	globStart   []int32
	globRank    []int32
	globsShort  []glob
	// wordBits is a Bloom-style filter that turns away most tokens before
	// any lookup, by the token's hash; globBits has a bit for the first
	// two bytes of each glob of two bytes or more.
	wordBits []uint64
	wordMask uint64 // len(wordBits) - 1, a power of two minus one
	// wordTable maps folded words to their symbols, as an
	// open-addressing table keyed by the token hash the tokenizer already
	// computed: no string hashing per lookup.
	wordTable wordTable
	globBits  []uint64
	// nodes[node] holds the node's pattern and the range of its children
	// in kids, sorted by symbol: one node's children are side by side, so
	// looking one up reads a cache line or two. A node without children
	// (a leaf) stops the search without looking at the next token.
	nodes []node
	kids  []kid
	// rootChild[symbol*lists+l] is the child of list l's root for a
	// symbol (most lookups start there), and firstIn[symbol] has bit l set
	// when that child exists.
	rootChild []int32
	firstIn   []uint64
	patterns  []compiled
}

// node is a trie node: final is its pattern index + 1 (0 when none), and
// its children are kids[lo:hi].
type node struct{ final, lo, hi int32 }

// kid is a child of a node, by the symbol that leads to it.
type kid struct{ sym, node int32 }

// child returns the child of node nd by symbol sym, or 0.
func (m *Matcher) child(nd *node, sym int32) int32 {
	kids := m.kids[nd.lo:nd.hi]
	if len(kids) > 8 {
		i, _ := slices.BinarySearchFunc(kids, sym, func(k kid, sym int32) int { return cmp.Compare(k.sym, sym) })
		kids = kids[i:]
	}
	for _, k := range kids {
		if k.sym >= sym {
			if k.sym == sym {
				return k.node
			}
			return 0
		}
	}
	return 0
}

// MaxLists is the most pattern lists CompileLists takes.
const MaxLists = 64

// glob is a glob beginning and its symbol.
type glob struct {
	text string
	sym  int32
}

// compiled is a pattern in the trie: what its matches carry.
type compiled struct {
	kind  Kind
	entry int
}

// Compile builds the matcher for patterns, which should pass Check (a
// pattern that folds to no words is left out). When several patterns fold
// to the same words (the same Key), the first one wins.
func Compile(patterns []Pattern) *Matcher { return CompileLists(patterns) }

// CompileLists builds one matcher for several lists of patterns, each
// compiled as Compile would compile it alone: Scanner.ScanLists returns
// for each list exactly the matches a matcher of that list alone would
// find, in one pass over the tokens. It panics with more than MaxLists
// lists.
func CompileLists(lists ...[]Pattern) *Matcher {
	if len(lists) > MaxLists {
		panic("phrase: more than MaxLists pattern lists")
	}
	m := &Matcher{lists: max(len(lists), 1)}
	n := 0
	for _, patterns := range lists {
		n += len(patterns)
	}
	b := newBuilder(m.lists, n)
	var tz token.Tokenizer
	for l, patterns := range lists {
		for _, p := range patterns {
			if b.add(int32(l), &tz, p.Text) {
				m.patterns = append(m.patterns, compiled{kind: p.Kind, entry: p.Entry})
			}
		}
	}
	// About 32 bits a word keeps false positives near 3%, and small
	// filters stay in the processor's first-level cache.
	size := 64
	for size < len(b.words)/2 {
		size *= 2
	}
	m.wordBits = make([]uint64, size)
	m.wordMask = uint64(size - 1)
	for w := range b.words {
		h := token.HashString(w)
		m.wordBits[h>>6&m.wordMask] |= 1 << (h & 63)
	}
	m.wordTable = newWordTable(b.texts, b.words)
	m.globBits = make([]uint64, 1<<16/64)
	byHead := map[uint16][]glob{}
	for _, g := range slices.SortedFunc(maps.Keys(b.globs), func(a, b string) int { return cmp.Or(len(a)-len(b), strings.Compare(a, b)) }) {
		if len(g) < 2 {
			m.globsShort = append(m.globsShort, glob{g, b.globs[g]})
			continue
		}
		k := twoBytes(g)
		m.globBits[k>>6] |= 1 << (k & 63)
		byHead[k] = append(byHead[k], glob{g, b.globs[g]})
	}
	m.globRank = make([]int32, len(m.globBits))
	m.globStart = []int32{0}
	rank := int32(0)
	for w, word := range m.globBits {
		m.globRank[w] = rank
		for ; word != 0; word &= word - 1 {
			k := uint16(w<<6 | bits.TrailingZeros64(word))
			m.globsByHead = append(m.globsByHead, byHead[k]...)
			m.globStart = append(m.globStart, int32(len(m.globsByHead)))
			rank++
		}
	}
	syms := len(b.texts)
	m.rootChild = make([]int32, syms*m.lists)
	m.firstIn = make([]uint64, syms)
	// By parent, then symbol: a node's children side by side, in order.
	slices.SortFunc(b.edgeList, func(x, y edge) int { return cmp.Compare(x.key, y.key) })
	m.nodes = make([]node, len(b.final))
	m.kids = make([]kid, 0, len(b.edgeList))
	for i := range m.nodes {
		m.nodes[i].final = b.final[i]
	}
	for _, e := range b.edgeList {
		parent, sym := int32(e.key>>32), int32(uint32(e.key))
		if m.nodes[parent].hi == 0 {
			m.nodes[parent].lo = int32(len(m.kids))
		}
		m.kids = append(m.kids, kid{sym, e.child})
		m.nodes[parent].hi = int32(len(m.kids))
		if int(parent) < m.lists {
			m.rootChild[int(sym)*m.lists+int(parent)] = e.child
			m.firstIn[sym] |= 1 << parent
		}
	}
	return m
}

// Len returns the number of distinct patterns compiled, in all lists.
func (m *Matcher) Len() int { return len(m.patterns) }

// Lists returns the number of pattern lists the matcher was compiled
// from: 1 for Compile.
func (m *Matcher) Lists() int { return m.lists }

// builder is what CompileLists needs only while it builds the trie.
type builder struct {
	// words (folded words) and globs (glob beginnings) give each a
	// symbol, numbered from 1 in the order first seen; texts[symbol] is
	// the word or beginning again.
	words, globs map[string]int32
	texts        []string
	// edges finds a node's child by symbol (node<<32 | symbol → child);
	// edgeList holds the same edges in the order made.
	edges    map[uint64]int32
	edgeList []edge
	// final[node] is the node's pattern index + 1, 0 when none, and
	// patterns the number of patterns added.
	final    []int32
	patterns int32
}

// edge is an edge of the trie: key is parent<<32 | symbol.
type edge struct {
	key   uint64
	child int32
}

// newBuilder returns a builder for lists roots and about n patterns.
func newBuilder(lists, n int) *builder {
	b := &builder{
		words: make(map[string]int32, n),
		globs: make(map[string]int32),
		texts: []string{""}, // symbol 0 is none
		edges: make(map[uint64]int32, 2*n),
		final: make([]int32, lists, lists+2*n),
	}
	b.edgeList = make([]edge, 0, 2*n)
	return b
}

// symbol returns the symbol of the word or glob beginning w in table,
// giving it the next one when it has none.
func (b *builder) symbol(table map[string]int32, w []byte) int32 {
	if s, ok := table[string(w)]; ok {
		return s
	}
	text := string(w)
	s := int32(len(b.texts))
	table[text] = s
	b.texts = append(b.texts, text)
	return s
}

// add puts pattern, folded by tz (see Words), in list's trie as the next
// pattern and reports whether it did: an empty pattern matches nothing,
// and a repeated one keeps the first pattern's kind and entry.
func (b *builder) add(list int32, tz *token.Tokenizer, pattern string) bool {
	node := list
	steps := 0
	foldWords(tz, pattern, func(norm []byte, glob bool) {
		steps++
		table := b.words
		if glob {
			table = b.globs
		}
		key := uint64(node)<<32 | uint64(uint32(b.symbol(table, norm)))
		child, ok := b.edges[key]
		if !ok {
			child = int32(len(b.final))
			b.final = append(b.final, 0)
			b.edges[key] = child
			b.edgeList = append(b.edgeList, edge{key, child})
		}
		node = child
	})
	if steps == 0 || b.final[node] != 0 {
		return false
	}
	b.patterns++
	b.final[node] = b.patterns
	return true
}

// Scanner matches texts against a Matcher, reusing its buffers between
// calls. It is not safe for concurrent use; give each goroutine its own.
type Scanner struct {
	m *Matcher
	// rows[i]..rows[i+1] are the positions in syms of token i's symbols:
	// its word, then the glob beginnings it has, shortest first.
	rows []int32
	syms []int32
	cand []candidate
	next []int // per list, the first token not covered by a match
	out  [][]Match
}

// candidate is a token that starts a pattern of the lists in mask.
type candidate struct {
	token int32
	mask  uint64
}

// twoBytes keys the glob filter.
func twoBytes[S ~string | ~[]byte](w S) uint16 { return uint16(w[0])<<8 | uint16(w[1]) }

// NewScanner returns a Scanner for m.
func (m *Matcher) NewScanner() *Scanner {
	return &Scanner{m: m, next: make([]int, m.lists), out: make([][]Match, m.lists)}
}

// Scan returns the matches in ts in text order, without overlaps, of the
// matcher's first list (its only one when it was made by Compile). The
// slice is reused by the next call.
func (s *Scanner) Scan(ts *token.Tokens) []Match { return s.ScanLists(ts)[0] }

// ScanLists returns the matches in ts of each list the matcher was
// compiled from, in the order of CompileLists: each in text order,
// without overlaps within the list. The slices are reused by the next
// call.
func (s *Scanner) ScanLists(ts *token.Tokens) [][]Match {
	m := s.m
	n := ts.Len()
	s.rows = slices.Grow(s.rows[:0], n+1)[:n+1]
	s.syms = s.syms[:0]
	s.cand = s.cand[:0]
	for i := range ts.List {
		t := &ts.List[i]
		s.rows[i] = int32(len(s.syms))
		var mask uint64
		if m.wordBits[t.Hash>>6&m.wordMask]&(1<<(t.Hash&63)) != 0 {
			if sym := m.wordTable.lookup(t.Hash, ts.Norm(i)); sym != 0 {
				s.syms = append(s.syms, sym)
				mask = m.firstIn[sym]
			}
		}
		if len(m.globsShort) > 0 {
			w := ts.Norm(i)
			for _, g := range m.globsShort {
				if len(w) > 0 && w[0] == g.text[0] {
					s.syms = append(s.syms, g.sym)
					mask |= m.firstIn[g.sym]
				}
			}
		}
		if word := m.globBits[t.Head>>6]; t.Head != 0 && word&(1<<(t.Head&63)) != 0 {
			w := ts.Norm(i)
			r := m.globRank[t.Head>>6] + int32(bits.OnesCount64(word&(1<<(t.Head&63)-1)))
			for _, g := range m.globsByHead[m.globStart[r]:m.globStart[r+1]] {
				if len(g.text) > len(w) {
					break
				}
				if string(w[:len(g.text)]) == g.text {
					s.syms = append(s.syms, g.sym)
					mask |= m.firstIn[g.sym]
				}
			}
		}
		if mask != 0 {
			s.cand = append(s.cand, candidate{int32(i), mask})
		}
	}
	s.rows[n] = int32(len(s.syms))
	for l := range s.out {
		s.out[l] = s.out[l][:0]
		s.next[l] = 0
	}
	for _, c := range s.cand {
		i := int(c.token)
		for mask := c.mask; mask != 0; mask &= mask - 1 {
			l := bits.TrailingZeros64(mask)
			if i < s.next[l] {
				continue
			}
			best, bestLen := s.longest(l, i, n)
			if best == 0 {
				continue
			}
			p := m.patterns[best-1]
			s.out[l] = append(s.out[l], Match{
				Start:      ts.List[i].Start,
				End:        ts.List[i+bestLen-1].End,
				FirstToken: i,
				LastToken:  i + bestLen - 1,
				Kind:       p.kind,
				Entry:      p.entry,
			})
			s.next[l] = i + bestLen
		}
	}
	return s.out
}

// longest returns the pattern (index+1) of list l's longest match starting
// at token i, and its length in tokens.
func (s *Scanner) longest(l, i, n int) (best int32, bestLen int) {
	m := s.m
	// Depth-first over the (rarely more than one) symbols of each token;
	// exact words come first in each row, so on equal length they win.
	type frame struct {
		node  int32
		depth int
	}
	var stack [16]frame
	sp := 0
	row := s.syms[s.rows[i]:s.rows[i+1]]
	for k := len(row) - 1; k >= 0; k-- {
		if child := m.rootChild[int(row[k])*m.lists+l]; child != 0 && sp < len(stack) {
			stack[sp] = frame{child, 1}
			sp++
		}
	}
	for sp > 0 {
		sp--
		f := stack[sp]
		nd := &m.nodes[f.node]
		if p := nd.final; p != 0 && f.depth > bestLen {
			best, bestLen = p, f.depth
		}
		t := i + f.depth
		if t >= n || nd.lo == nd.hi {
			continue
		}
		row := s.syms[s.rows[t]:s.rows[t+1]]
		// Push in reverse so that the first symbol is explored first.
		for k := len(row) - 1; k >= 0; k-- {
			if child := m.child(nd, row[k]); child != 0 && sp < len(stack) {
				stack[sp] = frame{child, f.depth + 1}
				sp++
			}
		}
	}
	return best, bestLen
}

// wordTable maps folded words to symbols by their token.HashString hash,
// with linear probing in a table at most half full. A slot holds the
// hash's high half and the symbol, 8 bytes, and the words are kept by
// symbol apart: probing reads one small slot, and the word is compared
// only when the hash agrees.
type wordTable struct {
	slots []wordSlot
	mask  uint64
	words []string // by symbol (glob beginnings too, never compared)
}

type wordSlot struct {
	hash uint32 // the hash's high 32 bits
	sym  int32  // 0: empty
}

// newWordTable builds the table of words, the symbols of which index
// texts. It inserts them in the order of their symbols, so that the
// layout is the same from run to run (lookups find the same symbols
// either way).
func newWordTable(texts []string, words map[string]int32) wordTable {
	size := 8
	for size < 2*len(words) {
		size *= 2
	}
	t := wordTable{slots: make([]wordSlot, size), mask: uint64(size - 1), words: texts}
	for sym, w := range texts {
		if sym == 0 || words[w] != int32(sym) {
			continue // none, or a glob beginning
		}
		h := token.HashString(w)
		i := h & t.mask
		for t.slots[i].sym != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = wordSlot{hash: uint32(h >> 32), sym: int32(sym)}
	}
	return t
}

// lookup returns the symbol of word w with hash h, or 0.
func (t *wordTable) lookup(h uint64, w []byte) int32 {
	high := uint32(h >> 32)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s.sym == 0 {
			return 0
		}
		if s.hash == high && t.words[s.sym] == string(w) {
			return s.sym
		}
	}
}
