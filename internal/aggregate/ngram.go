package aggregate

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/stats"
	"github.com/compare-tool/compare/internal/token"
)

// maxOrder is the longest phrase counted, in words.
const maxOrder = 3

// ngramShards is how many tables the sampled texts are counted in, each
// holding a fixed set of units. It is fixed, not the number of workers,
// so that pruning, and so the output, does not depend on the workers.
const ngramShards = 8

// sampledText is an article text kept for distinctive terms.
type sampledText struct {
	unit    int
	hash    uint64
	text    string
	dropped []corpus.Span
}

// keepText samples article texts for distinctive terms, within
// TextBudget bytes. An article is kept when its hash has at least level
// leading zero bits; when the kept texts outgrow the budget, level goes up
// by one, dropping about half of them. The articles kept at the end are
// therefore all articles whose hash has at least the final number of
// leading zeros, and the final level is the lowest at which those fit the
// budget: both depend on the set of records only, not on their order or
// on how the score files were split.
func (a *Aggregator) keepText(unit int, r *record.Record) {
	h := articleHash(r)
	if bits.LeadingZeros64(h) < a.sampleLevel {
		return
	}
	a.sample = append(a.sample, sampledText{unit: unit, hash: h, text: r.Text, dropped: r.Dropped})
	a.sampleBytes += len(r.Text)
	for a.sampleBytes > a.opt.TextBudget && a.sampleLevel < 64 {
		a.sampleLevel++
		kept := a.sample[:0]
		a.sampleBytes = 0
		for _, s := range a.sample {
			if bits.LeadingZeros64(s.hash) >= a.sampleLevel {
				kept = append(kept, s)
				a.sampleBytes += len(s.text)
			}
		}
		clear(a.sample[len(kept):])
		a.sample = kept
	}
}

// articleHash identifies an article by outlet, id and the start of its
// text, mixed so that its leading bits are uniform.
func articleHash(r *record.Record) uint64 {
	h := fnv.New64a()
	h.Write([]byte(r.Outlet))
	h.Write([]byte{0})
	h.Write([]byte(r.ID))
	h.Write([]byte{0})
	h.Write([]byte(r.Text[:min(len(r.Text), 256)]))
	x := h.Sum64() ^ uint64(len(r.Text))
	// splitmix64's finaliser
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// ngramTable counts words and two- and three-word phrases per unit, in at
// most cap (unit, phrase) entries. When the table grows past cap it drops
// the entries with the lowest counts until at most cap/2 remain (the
// "lossy counting" of Manku and Motwani 2002, with a threshold chosen to
// halve the table). A dropped entry that occurs again starts from zero,
// so once the table has been pruned the counts of rare phrases are lower
// bounds; phrases frequent enough never to fall under a threshold are
// counted exactly.
//
// Phrases are sequences of folded tokens (package token) within a
// sentence: they do not cross . ! ? ; : … or a line break, nor a number.
// Numbers (tokens of digits, commas and points) are not counted: they
// name quantities and dates, not actors.
type ngramTable struct {
	cap int
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
	totals map[int]*[maxOrder]int64
	prunes int
	floor  int64 // highest count ever pruned
	key    []byte
}

func newNgramTable(cap int) *ngramTable {
	return &ngramTable{
		cap:    cap,
		cells:  make(map[uint64]uint64, cap+1),
		totals: map[int]*[maxOrder]int64{},
	}
}

// A key is the phrase's order (1–3) as one byte, the unit's index as a
// uvarint, then the folded words joined by spaces.
func (t *ngramTable) start(order, unit int) {
	t.key = append(t.key[:0], byte(order))
	t.key = binary.AppendUvarint(t.key, uint64(unit))
}

func (t *ngramTable) addText(tz *token.Tokenizer, unit int, text string, dropped []corpus.Span) {
	tot := t.totals[unit]
	if tot == nil {
		tot = new([maxOrder]int64)
		t.totals[unit] = tot
	}
	ts := tz.Tokenize(text)
	if len(dropped) > 0 {
		token.Drop(ts, dropped)
	}
	var win [maxOrder][]byte // the last words of the current run, oldest first
	run := 0
	for i := range ts.List {
		w := ts.Norm(i)
		if len(w) == 0 || isNumber(w) {
			run = 0
			continue
		}
		if run > 0 && token.BreaksPhrase(text[ts.List[i-1].End:ts.List[i].Start]) {
			run = 0
		}
		copy(win[:], win[1:])
		win[maxOrder-1] = w
		run = min(run+1, maxOrder)
		for order := 1; order <= run; order++ {
			t.start(order, unit)
			for k, part := range win[maxOrder-order:] {
				if k > 0 {
					t.key = append(t.key, ' ')
				}
				t.key = append(t.key, part...)
			}
			t.inc()
			tot[order-1]++
		}
	}
}

func (t *ngramTable) inc() {
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
	if len(t.cells) > t.cap {
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
func (t *ngramTable) prune() {
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
	// not grow never clears them.
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

// each calls fn for every key in the table with its count.
func (t *ngramTable) each(fn func(key string, count int64)) {
	for _, c := range t.cells {
		fn(t.keys[uint32(c)], int64(c>>32))
	}
}

// isNumber reports whether a folded token is a number: digits, possibly
// with the , and . of 2,000 and 2.5.
func isNumber(w []byte) bool {
	digit := false
	for i := 0; i < len(w); {
		r, size := rune(w[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(w[i:])
		}
		switch {
		case unicode.IsDigit(r):
			digit = true
		case r == ',' || r == '.':
		default:
			return false
		}
		i += size
	}
	return digit
}

// minZ is the smallest z-score a distinctive term needs: about the 2.5%
// upper tail of the normal distribution, for one term taken alone.
const minZ = 1.96

// containsForm reports whether term is, or contains as whole words, one
// of the lexicon's surface forms: such a term is not a candidate entry.
func containsForm(term string, forms map[string]bool) bool {
	if forms[term] {
		return true
	}
	padded := " " + term + " "
	for f := range forms {
		if f != "" && len(f) < len(term) && strings.Contains(padded, " "+f+" ") {
			return true
		}
	}
	return false
}

// ngramEntry is one counted (unit, phrase) pair.
type ngramEntry struct {
	order, unit int
	term        string
	count       int64
}

// distinctive ranks each unit's words and phrases against all other units
// by the log-odds ratio with an informative Dirichlet prior (Monroe,
// Colaresi and Quinn 2008), separately for each phrase length, and keeps
// each unit's Top terms of highest z over all lengths, among those with
// z ≥ 1.96. The prior is the
// corpus-wide counts divided by the number of units with texts, α_w =
// n_w/k: centred on the corpus rates and as strong as one average unit.
// It returns notes on what was left out.
func (a *Aggregator) distinctive(units []*unitAcc, inLexicon map[string]bool) ([]Distinctive, []string) {
	var notes []string
	switch {
	case a.noText == a.n:
		return []Distinctive{}, []string{"No record has its article text (scored with --no-text), so there are no distinctive terms."}
	case a.noText > 0:
		notes = append(notes, fmt.Sprintf("%s of %d have no text (scored with --no-text); distinctive terms come from the other %d.",
			english.Count(a.noText, "record", "records"), a.n, a.n-a.noText))
	}
	sampled := map[int]int{} // unit index → sampled texts
	for _, st := range a.sample {
		sampled[st.unit]++
	}
	var withText []*unitAcc
	for _, u := range units {
		if sampled[u.index] > 0 {
			withText = append(withText, u)
		}
	}
	if len(withText) < 2 {
		return []Distinctive{}, append(notes, fmt.Sprintf("No distinctive terms: they compare each %s with the others, and only one has texts.", a.opt.By))
	}
	if a.sampleLevel > 0 {
		notes = append(notes, fmt.Sprintf("Distinctive terms come from a sample of %d of the %d article texts (about 1 in %d), to bound time and memory: the articles whose hash of outlet, id and text falls in the lowest 1/%d of its range, the same articles for any order or split of the score files. %s",
			len(a.sample), a.n-a.noText, 1<<a.sampleLevel, 1<<a.sampleLevel, unsampledNote(units, withText, a.opt.By)))
	}
	counted := a.countSample(withText)
	var entries []ngramEntry
	totals := map[int]*[maxOrder]int64{}
	var prunes int
	var floor int64
	for _, t := range counted {
		t.each(func(k string, count int64) {
			unit, n := binary.Uvarint([]byte(k[1:]))
			entries = append(entries, ngramEntry{order: int(k[0]), unit: int(unit), term: k[1+n:], count: count})
		})
		for u, tot := range t.totals {
			totals[u] = tot
		}
		prunes += t.prunes
		floor = max(floor, t.floor)
	}
	if prunes > 0 {
		notes = append(notes, fmt.Sprintf("Distinctive terms are approximate: the word and phrase counts filled their cap (%d) %s, and each time the rarest were dropped (%s), so counts of rarer terms are lower bounds. Raise the cap for exact counts.",
			a.opt.NgramCap, english.Times(prunes), "those counted "+english.Plural(int(floor), "once", fmt.Sprintf("up to %d times", floor))))
	}
	slices.SortFunc(entries, func(x, y ngramEntry) int {
		return cmp.Or(cmp.Compare(x.order, y.order), cmp.Compare(x.term, y.term), cmp.Compare(x.unit, y.unit))
	})

	// Per phrase length: the terms, their totals, and for each unit its
	// (term, count) pairs.
	type cell struct {
		term  int
		count int64
	}
	type lengthTable struct {
		terms  []string
		total  []int64
		byUnit map[int][]cell
	}
	var tables [maxOrder]lengthTable
	for i := range tables {
		tables[i].byUnit = map[int][]cell{}
	}
	for i := 0; i < len(entries); {
		e := entries[i]
		lt := &tables[e.order-1]
		w := len(lt.terms)
		lt.terms = append(lt.terms, e.term)
		var total int64
		for ; i < len(entries) && entries[i].order == e.order && entries[i].term == e.term; i++ {
			lt.byUnit[entries[i].unit] = append(lt.byUnit[entries[i].unit], cell{w, entries[i].count})
			total += entries[i].count
		}
		lt.total = append(lt.total, total)
	}
	var grand [maxOrder]int64
	for _, tot := range totals {
		for k := range grand {
			grand[k] += tot[k]
		}
	}
	k := float64(len(withText))

	out := make([]Distinctive, len(withText))
	a.parallel(len(withText), func(ui int) {
		u := withText[ui]
		var cands []DistinctiveTerm
		for order := range tables {
			lt := &tables[order]
			v := len(lt.terms)
			if v == 0 {
				continue
			}
			// The last slot holds the phrases not in the table
			// (pruned), so that n_a, n_b and α₀ are exact.
			ca := make([]float64, v+1)
			cb := make([]float64, v+1)
			prior := make([]float64, v+1)
			var keptA, keptAll int64
			for _, c := range lt.byUnit[u.index] {
				ca[c.term] = float64(c.count)
				keptA += c.count
			}
			for w := 0; w < v; w++ {
				cb[w] = float64(lt.total[w]) - ca[w]
				prior[w] = float64(lt.total[w]) / k
				keptAll += lt.total[w]
			}
			otherA := totals[u.index][order] - keptA
			otherAll := grand[order] - keptAll
			n := v
			if otherAll > 0 {
				ca[v] = float64(otherA)
				cb[v] = float64(otherAll - otherA)
				prior[v] = float64(otherAll) / k
				n = v + 1
			}
			delta, z := stats.LogOddsDirichlet(ca[:n], cb[:n], prior[:n])
			for w := 0; w < v; w++ {
				if z[w] >= minZ && ca[w] > 0 {
					cands = append(cands, DistinctiveTerm{
						Term: lt.terms[w], Z: z[w], Delta: delta[w],
						Count: int(ca[w]), Others: int(cb[w]),
					})
				}
			}
		}
		slices.SortFunc(cands, func(x, y DistinctiveTerm) int {
			return cmp.Or(cmp.Compare(y.Z, x.Z), cmp.Compare(x.Term, y.Term))
		})
		cands = dropNested(cands, a.opt.Top)
		for i := range cands {
			cands[i].Lexicon = containsForm(cands[i].Term, inLexicon)
		}
		out[ui] = Distinctive{Unit: u.name, Terms: slices.Clip(cands)}
		if out[ui].Terms == nil {
			out[ui].Terms = []DistinctiveTerm{}
		}
	})
	return out, notes
}

// dropNested returns the first top candidates after leaving out every
// word or phrase that only occurs inside a longer listed phrase: one with
// the same counts here and in the rest ("order" and "in order" beside "in
// order to"). It looks at the best 5·top candidates, sorted by z.
func dropNested(cands []DistinctiveTerm, top int) []DistinctiveTerm {
	pool := cands[:min(len(cands), 5*top)]
	out := make([]DistinctiveTerm, 0, top)
	for _, c := range pool {
		nested := false
		for _, d := range pool {
			if len(d.Term) > len(c.Term) && d.Count == c.Count && d.Others == c.Others &&
				strings.Contains(" "+d.Term+" ", " "+c.Term+" ") {
				nested = true
				break
			}
		}
		if !nested {
			out = append(out, c)
		}
		if len(out) == top {
			break
		}
	}
	return out
}

// unsampledNote names the units with texts none of which was sampled.
func unsampledNote(units, sampled []*unitAcc, by string) string {
	in := map[*unitAcc]bool{}
	for _, u := range sampled {
		in[u] = true
	}
	var out []string
	for _, u := range units {
		if u.withText > 0 && !in[u] {
			out = append(out, u.name)
		}
	}
	if len(out) == 0 {
		return ""
	}
	return fmt.Sprintf("No text of %s %s was sampled, so %s no distinctive terms.", listSome(out, 10), english.Plural(len(out), by, by+"s"), english.Plural(len(out), "has", "have"))
}

// countSample counts the words and phrases of the sampled texts of units
// in ngramShards tables, each holding whole units and capped at its share
// of NgramCap. Units go to the shard with the fewest sampled bytes so far,
// largest first; each shard reads its texts in hash order. Which shard
// counts what, and in which order, thus depends on the sample only, and so
// does the output.
func (a *Aggregator) countSample(units []*unitAcc) []*ngramTable {
	bytesOf := map[int]int{}
	for _, st := range a.sample {
		bytesOf[st.unit] += len(st.text)
	}
	order := slices.Clone(units)
	slices.SortStableFunc(order, func(x, y *unitAcc) int { return cmp.Compare(bytesOf[y.index], bytesOf[x.index]) })
	shardOf := map[int]int{}
	var load [ngramShards]int
	for _, u := range order {
		best := 0
		for s := range load {
			if load[s] < load[best] {
				best = s
			}
		}
		shardOf[u.index] = best
		load[best] += bytesOf[u.index]
	}
	work := make([][]*sampledText, ngramShards)
	for i := range a.sample {
		st := &a.sample[i]
		if s, ok := shardOf[st.unit]; ok {
			work[s] = append(work[s], st)
		}
	}
	tables := make([]*ngramTable, ngramShards)
	a.parallel(ngramShards, func(s int) {
		texts := work[s]
		slices.SortFunc(texts, func(x, y *sampledText) int {
			return cmp.Or(cmp.Compare(x.hash, y.hash), cmp.Compare(x.unit, y.unit), cmp.Compare(x.text, y.text))
		})
		var tz token.Tokenizer
		t := newNgramTable(max(a.opt.NgramCap/ngramShards, 1000))
		for _, st := range texts {
			t.addText(&tz, st.unit, st.text, st.dropped)
		}
		tables[s] = t
	})
	return tables
}
