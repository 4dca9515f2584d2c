package lexicon

import "github.com/compare-tool/compare/internal/token"

// Cover scans texts with several matchers at once and marks the tokens
// their matches cover (a term, an except phrase or a distance cue): the
// text the lexicons already see, which suggestions and coverage checks
// leave out. It reuses its buffers and is not safe for concurrent use.
type Cover struct {
	scanners []*Scanner
	// Covered marks, for each token of the last text scanned, whether a
	// match covers it.
	Covered []bool
	// Terms are the term matches of the last text, by matcher.
	Terms [][]Match
}

// NewCover returns a Cover for the matchers.
func NewCover(ms []*Matcher) *Cover {
	c := &Cover{Terms: make([][]Match, len(ms))}
	for _, m := range ms {
		c.scanners = append(c.scanners, m.NewScanner())
	}
	return c
}

// Scan matches the tokens of one text (tokenized as the scorer does, with
// its debris dropped: token.Drop) and fills Covered and Terms.
func (c *Cover) Scan(ts *token.Tokens) {
	if n := ts.Len(); cap(c.Covered) < n {
		c.Covered = make([]bool, n)
	} else {
		c.Covered = c.Covered[:n]
		clear(c.Covered)
	}
	for mi, sc := range c.scanners {
		c.Terms[mi] = c.Terms[mi][:0]
		for _, m := range sc.Scan(ts) {
			for t := m.FirstToken; t <= m.LastToken; t++ {
				c.Covered[t] = true
			}
			if m.Kind == KindTerm {
				c.Terms[mi] = append(c.Terms[mi], m)
			}
		}
	}
}
