package aggregate

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"math/bits"
	"slices"
	"strings"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/ngram"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/token"
)

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

// distinctiveFilter is what distinctive terms count: what lexicon suggest
// counts (ngram.Candidates), so that no list holds a fragment of the text
// ("of the islamic", "or", "regime has": a term that begins or ends with
// a stopword or a one-letter word) or a phrase run over a comma, bracket
// or quotation mark. A lexicon form such as "the war" is counted by its
// content words ("war").
var distinctiveFilter = ngram.Candidates

// distinctive ranks each unit's words and phrases against all other units
// (ngram.Counts.Rank) and keeps each unit's Top terms of highest z over
// all lengths, among those with z ≥ 1.96. The prior divides by the number
// of units with sampled texts. Ranking one unit is a pass over every
// phrase counted, so only the units rank says yes to (nil: every unit)
// are ranked; the others get no terms, and their texts still count among
// the others'. It returns notes on what was left out.
func (a *Aggregator) distinctive(units []*unitAcc, inLexicon map[string]bool, rank func(*unitAcc) bool) ([]Distinctive, []string) {
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
	counts := ngram.Merge(a.countSample(withText)...)
	if counts.Prunes > 0 {
		notes = append(notes, fmt.Sprintf("Distinctive terms are approximate: the word and phrase counts filled their cap (%d) %s, and each time the rarest were dropped (%s), so counts of rarer terms are lower bounds. Raise the cap for exact counts.",
			a.opt.NgramCap, english.Times(counts.Prunes), "those counted "+english.Plural(int(counts.Floor), "once", fmt.Sprintf("up to %d times", counts.Floor))))
	}

	out := make([]Distinctive, len(withText))
	a.parallel(len(withText), func(ui int) {
		u := withText[ui]
		terms := []DistinctiveTerm{}
		if rank != nil && !rank(u) {
			out[ui] = Distinctive{Unit: u.name, Terms: terms}
			return
		}
		for _, r := range counts.Rank(u.index, ngram.RankOptions{Top: a.opt.Top}) {
			terms = append(terms, DistinctiveTerm{Term: r.Phrase, Z: r.Z, Delta: r.Delta, Count: r.Count, Others: r.Others,
				Lexicon: containsForm(r.Phrase, inLexicon)})
		}
		out[ui] = Distinctive{Unit: u.name, Terms: terms}
	})
	return out, notes
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
func (a *Aggregator) countSample(units []*unitAcc) []*ngram.Table {
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
	tables := make([]*ngram.Table, ngramShards)
	a.parallel(ngramShards, func(s int) {
		texts := work[s]
		slices.SortFunc(texts, func(x, y *sampledText) int {
			return cmp.Or(cmp.Compare(x.hash, y.hash), cmp.Compare(x.unit, y.unit), cmp.Compare(x.text, y.text))
		})
		var tz token.Tokenizer
		t := ngram.NewTable(distinctiveFilter, max(a.opt.NgramCap/ngramShards, 1000))
		for _, st := range texts {
			ts := tz.Tokenize(st.text)
			token.Drop(ts, st.dropped)
			t.Count(st.unit, ts, nil)
		}
		tables[s] = t
	})
	return tables
}
