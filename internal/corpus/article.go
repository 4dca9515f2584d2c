package corpus

import (
	"slices"

	"github.com/compare-tool/compare/internal/token"
)

// Article is one news article as read from its source.
type Article struct {
	ID     string `json:"id"`
	Outlet string `json:"outlet"`
	// Group is the outlet's group from the outlet metadata ("state media",
	// "opposition", "wire"), or "".
	Group  string `json:"group,omitempty"`
	Title  string `json:"title,omitempty"`
	Date   string `json:"date,omitempty"`
	URL    string `json:"url,omitempty"`
	Author string `json:"author,omitempty"`
	// Text is the article text, valid UTF-8. Offsets in scores are byte
	// offsets into Text.
	Text string `json:"text"`
	// Meta holds fields the reader does not know, as text.
	Meta map[string]string `json:"meta,omitempty"`
	// Source says where the article was read: "path" or "path:line".
	Source string `json:"source,omitempty"`
	// Dropped are spans of Text that are page furniture rather than
	// reporting ("Share", "Advertisement", comment forms). Scoring skips
	// them; reports show them struck out.
	Dropped []Span `json:"dropped,omitempty"`
}

// Span is a stretch of an article's text, in byte offsets [Start, End).
type Span struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Reason string `json:"reason,omitempty"`
}

// DropTokens removes from ts the tokens that start inside one of the
// dropped spans (an article's Dropped debris), so that scoring skips them.
func DropTokens(ts *token.Tokens, dropped []Span) {
	if len(dropped) == 0 {
		return
	}
	spans := slices.Clone(dropped)
	slices.SortFunc(spans, func(a, b Span) int { return a.Start - b.Start })
	kept := ts.List[:0]
	k := 0
	for _, t := range ts.List {
		for k < len(spans) && spans[k].End <= t.Start {
			k++
		}
		if k < len(spans) && spans[k].Start <= t.Start && t.Start < spans[k].End {
			continue
		}
		kept = append(kept, t)
	}
	ts.List = kept
}
