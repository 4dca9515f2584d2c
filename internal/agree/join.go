package agree

import (
	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

// Join gathers the tool's records of the articles a gold file codes,
// matched by article id: Wants says which articles to score, Add takes
// their records, Compare measures. It is not safe for concurrent use.
type Join struct {
	gold  *Gold
	coded map[string]bool
	taken map[string]bool
	recs  map[string]*record.Record
	// Repeated counts the coded articles read again under an id already
	// taken: the first of each is compared.
	Repeated int
}

// NewJoin returns a Join for the coded articles of g.
func NewJoin(g *Gold) *Join {
	j := &Join{gold: g, coded: map[string]bool{}, taken: map[string]bool{}, recs: map[string]*record.Record{}}
	for id := range g.Spans {
		j.coded[id] = true
	}
	for _, r := range g.Ratings {
		j.coded[r.ID] = true
	}
	return j
}

// Wants reports whether a is a coded article not seen before, whose record
// Add should get.
func (j *Join) Wants(a *corpus.Article) bool {
	if !j.coded[a.ID] {
		return false
	}
	if j.taken[a.ID] {
		j.Repeated++
		return false
	}
	j.taken[a.ID] = true
	return true
}

// Add takes the record of an article Wants asked for.
func (j *Join) Add(r *record.Record) { j.recs[r.ID] = r }

// Coded returns the number of articles the gold file codes.
func (j *Join) Coded() int { return len(j.coded) }

// Found returns the number of coded articles with a record.
func (j *Join) Found() int { return len(j.recs) }

// Compare compares the records with the gold file (see Compare).
func (j *Join) Compare(lex *lexicon.Lexicon, opt Options) (*Agreement, error) {
	return Compare(j.gold, lex, j.recs, opt)
}
