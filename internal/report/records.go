package report

import "github.com/compare-tool/compare/internal/record"

// Records keeps the score records a report shows, in input order: every
// record, for the distribution charts, but the text, matches, quotations,
// debris and credibility signals only of those that may still get an
// article view (the first maxArticles of each unit), so that a corpus of
// any size fits in memory. Pass Add as the records come; give List to
// Input.Records.
type Records struct {
	by          string
	maxArticles int
	perUnit     map[string]int
	List        []*record.Record
}

// NewRecords returns an empty Records for units by ("outlet" or "group")
// and Options.MaxArticles.
func NewRecords(by string, maxArticles int) *Records {
	return &Records{by: by, maxArticles: maxArticles, perUnit: map[string]int{}}
}

// Add keeps r, trimmed when its unit already has maxArticles records. It
// never fails; its error is for use as a callback.
func (k *Records) Add(r *record.Record) error {
	u := record.UnitOf(r, k.by)
	if k.perUnit[u] >= k.maxArticles {
		r.Text, r.Matches, r.Quotes, r.Dropped, r.Credibility = "", nil, nil, nil, nil
	}
	k.perUnit[u]++
	k.List = append(k.List, r)
	return nil
}
