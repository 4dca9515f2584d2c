package credibility

import (
	"iter"
	"slices"
	"sort"
	"strings"
	"unique"
)

// Profile pools the signals of a unit's articles (an outlet or a group).
// The zero value is an empty profile ready to use. It is not safe for
// concurrent use.
//
// A comparison of 200,000 outlets of an article or two holds one Profile
// an outlet, so it is kept small: the counts by side and by cited name
// are short lists sorted by name, not maps (a map of a few entries costs
// hundreds of bytes), holding the names cited only, and their names are
// interned, one copy shared by every profile. The sides seen but never
// cited (Signals.Sides lists every side of the rules, mostly with 0) are
// one interned list too, which the profiles of articles analysed with
// the same rules share.
type Profile struct {
	articles, tokens                 int
	attributions, loaded             int
	claims, unsourced, vague         int
	quoteWords, quotations           int
	hedges, certainty, intensifiers  int
	debris, citations, selfCitations int
	sides                            []NameCount // sides cited
	cited                            []NameCount
	seen                             nameSet // every side seen, cited or not
}

// Add adds one article's signals; tokens is the article's word count
// outside dropped debris (stance's Record.Tokens). A nil s is ignored: the
// article was not analysed.
func (p *Profile) Add(s *Signals, tokens int) {
	if s == nil {
		return
	}
	p.articles++
	p.tokens += tokens
	p.attributions += len(s.Attributions)
	p.loaded += s.Sourcing.Loaded
	p.claims += s.Sourcing.Claims
	p.unsourced += s.Sourcing.Unsourced
	for _, v := range s.VagueSources {
		if !v.Attribution {
			p.vague++
		}
	}
	p.quoteWords += s.Quotes.Words
	p.quotations += s.Quotes.Count
	p.hedges += s.Hedges.Author
	p.certainty += s.Certainty.Author
	p.intensifiers += s.Intensifiers.Author
	p.debris += s.Debris.Count
	for side, n := range s.Sides {
		if n != 0 {
			p.sides = addCount(p.sides, side, n)
			p.citations += n
		}
	}
	p.seen = p.seen.with(s.Sides)
	for _, c := range s.Cited {
		if c.Self {
			p.selfCitations += c.Citations
			continue
		}
		if c.Citations > 0 {
			p.cited = addCount(p.cited, c.Name, c.Citations)
		}
	}
}

// addCount adds n to name's count in list, sorted by name, and returns
// the list.
func addCount(list []NameCount, name string, n int) []NameCount {
	i, ok := slices.BinarySearchFunc(list, name, func(c NameCount, name string) int { return strings.Compare(c.Name, name) })
	if ok {
		list[i].Count += n
		return list
	}
	return slices.Insert(list, i, NameCount{Name: unique.Make(name).Value(), Count: n})
}

// nameSet is a set of names, interned: sets of the same names are one
// string, the names sorted and each followed by a NUL byte. The zero
// value is the empty set.
type nameSet struct {
	h unique.Handle[string]
}

// names returns the set's names, each followed by a NUL byte.
func (s nameSet) names() string {
	if s == (nameSet{}) {
		return ""
	}
	return s.h.Value()
}

// has reports whether name is in s.
func (s nameSet) has(name string) bool {
	for n := range s.all() {
		if n == name {
			return true
		}
	}
	return false
}

// with returns s with the keys of m added.
func (s nameSet) with(m map[string]int) nameSet {
	var add []string
	for name := range m {
		if !s.has(name) {
			add = append(add, name)
		}
	}
	if len(add) == 0 {
		return s
	}
	add = slices.AppendSeq(add, s.all())
	slices.Sort(add)
	var b strings.Builder
	for _, name := range add {
		b.WriteString(name)
		b.WriteByte(0)
	}
	return nameSet{unique.Make(b.String())}
}

// all yields the names of s, in order.
func (s nameSet) all() iter.Seq[string] {
	return func(yield func(string) bool) {
		for all := s.names(); len(all) > 0; {
			end := strings.IndexByte(all, 0)
			if !yield(all[:end]) {
				return
			}
			all = all[end+1:]
		}
	}
}

// ProfileResult is a unit's pooled credibility profile. Rates and shares
// pool the unit's articles (sums over sums), so long articles weigh more
// than short ones; a field is null when its denominator is zero.
//
//	attributions_per_1k   1000 × attributions / tokens
//	unsourced_share       unsourced claims / claims
//	loaded_share          attributions with a loaded verb / attributions
//	quote_share           words inside direct quotations / tokens
//	hedges_per_1k         1000 × hedges outside quotations / tokens (so certainty, intensifiers)
//	debris_per_article    dropped debris lines / articles
//	side_share[s]         citations of side s / citations (self-citations excluded)
type ProfileResult struct {
	Articles     int `json:"articles"`
	Tokens       int `json:"tokens"`
	Attributions int `json:"attributions"`
	Claims       int `json:"claims"`
	Unsourced    int `json:"unsourced"`
	// VaguePhrases counts vague-source phrases that are claims of their
	// own (not part of an attribution).
	VaguePhrases  int `json:"vague_phrases"`
	Quotations    int `json:"quotations"`
	Citations     int `json:"citations"`
	SelfCitations int `json:"self_citations"`
	Debris        int `json:"debris"`
	Hedges        int `json:"hedges"`
	Certainty     int `json:"certainty"`
	Intensifiers  int `json:"intensifiers"`

	AttributionsPer1k *float64 `json:"attributions_per_1k"`
	UnsourcedShare    *float64 `json:"unsourced_share"`
	LoadedShare       *float64 `json:"loaded_share"`
	QuoteShare        *float64 `json:"quote_share"`
	HedgesPer1k       *float64 `json:"hedges_per_1k"`
	CertaintyPer1k    *float64 `json:"certainty_per_1k"`
	IntensifiersPer1k *float64 `json:"intensifiers_per_1k"`
	DebrisPerArticle  *float64 `json:"debris_per_article"`
	// Sides counts citations by side (every side seen in the signals, 0
	// included); SideShare divides by Citations and is empty when there
	// are none.
	Sides     map[string]int     `json:"sides"`
	SideShare map[string]float64 `json:"side_share"`
	// Cited are the most cited registry entities, most cited first, then by
	// name.
	Cited []NameCount `json:"cited"`
}

// NameCount is a name with a count.
type NameCount struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Result returns the pooled profile.
func (p *Profile) Result() ProfileResult {
	r := ProfileResult{
		Articles: p.articles, Tokens: p.tokens, Attributions: p.attributions,
		Claims: p.claims, Unsourced: p.unsourced, VaguePhrases: p.vague, Quotations: p.quotations,
		Citations: p.citations, SelfCitations: p.selfCitations, Debris: p.debris,
		Hedges: p.hedges, Certainty: p.certainty, Intensifiers: p.intensifiers,
		Sides: map[string]int{}, SideShare: map[string]float64{}, Cited: []NameCount{},
	}
	ratio := func(num, den int, scale float64) *float64 {
		if den == 0 {
			return nil
		}
		v := scale * float64(num) / float64(den)
		return &v
	}
	r.AttributionsPer1k = ratio(p.attributions, p.tokens, 1000)
	r.UnsourcedShare = ratio(p.unsourced, p.claims, 1)
	r.LoadedShare = ratio(p.loaded, p.attributions, 1)
	r.QuoteShare = ratio(p.quoteWords, p.tokens, 1)
	r.HedgesPer1k = ratio(p.hedges, p.tokens, 1000)
	r.CertaintyPer1k = ratio(p.certainty, p.tokens, 1000)
	r.IntensifiersPer1k = ratio(p.intensifiers, p.tokens, 1000)
	r.DebrisPerArticle = ratio(p.debris, p.articles, 1)
	for side := range p.seen.all() {
		r.Sides[side] = 0
		if p.citations > 0 {
			r.SideShare[side] = 0
		}
	}
	for _, s := range p.sides {
		r.Sides[s.Name] = s.Count
		if p.citations > 0 {
			r.SideShare[s.Name] = float64(s.Count) / float64(p.citations)
		}
	}
	r.Cited = append(r.Cited, p.cited...)
	sort.Slice(r.Cited, func(i, j int) bool {
		if r.Cited[i].Count != r.Cited[j].Count {
			return r.Cited[i].Count > r.Cited[j].Count
		}
		return r.Cited[i].Name < r.Cited[j].Name
	})
	return r
}
