package credibility

import "sort"

// Profile pools the signals of a unit's articles (an outlet or a group).
// The zero value is an empty profile ready to use. It is not safe for
// concurrent use.
type Profile struct {
	articles, tokens                 int
	attributions, loaded             int
	claims, unsourced, vague         int
	quoteWords, quotations           int
	hedges, certainty, intensifiers  int
	debris, citations, selfCitations int
	sides                            map[string]int
	cited                            map[string]int
}

// Add adds one article's signals; tokens is the article's word count
// outside dropped debris (stance's Record.Tokens). A nil s is ignored: the
// article was not analysed.
func (p *Profile) Add(s *Signals, tokens int) {
	if s == nil {
		return
	}
	if p.sides == nil {
		p.sides = map[string]int{}
		p.cited = map[string]int{}
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
		p.sides[side] += n
		p.citations += n
	}
	for _, c := range s.Cited {
		if c.Self {
			p.selfCitations += c.Citations
			continue
		}
		if c.Citations > 0 {
			p.cited[c.Name] += c.Citations
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
	for side, n := range p.sides {
		r.Sides[side] = n
		if p.citations > 0 {
			r.SideShare[side] = float64(n) / float64(p.citations)
		}
	}
	for name, n := range p.cited {
		r.Cited = append(r.Cited, NameCount{Name: name, Count: n})
	}
	sort.Slice(r.Cited, func(i, j int) bool {
		if r.Cited[i].Count != r.Cited[j].Count {
			return r.Cited[i].Count > r.Cited[j].Count
		}
		return r.Cited[i].Name < r.Cited[j].Name
	})
	return r
}
