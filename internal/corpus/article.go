package corpus

import "github.com/compare-tool/compare/internal/dates"

// Article is one news article as read from its source.
type Article struct {
	ID     string `json:"id"`
	Outlet string `json:"outlet"`
	// Group is the outlet's group from the outlet metadata ("state media",
	// "opposition", "wire"), or "".
	Group string `json:"group,omitempty"`
	Title string `json:"title,omitempty"`
	// Date is the publication date as written in the input (a date field,
	// front matter, an HTML meta tag), trimmed; Published is what it says.
	Date string `json:"date,omitempty"`
	// Published is the date read from Date with package dates, or from the
	// URL when Date is empty; the zero Date when neither holds one, or
	// when Date cannot be read and the URL has no date (Read then reports
	// a warning). Its Source says which.
	Published dates.Date `json:"-"`
	URL       string     `json:"url,omitempty"`
	Author    string     `json:"author,omitempty"`
	// Text is the article text, valid UTF-8. Offsets in scores are byte
	// offsets into Text.
	Text string `json:"text"`
	// Meta holds fields the reader does not know, as text.
	Meta map[string]string `json:"meta,omitempty"`
	// Source says where the article was read: "path" or "path:line".
	Source string `json:"source,omitempty"`
	// TextLine is the line of the file at Source on which Text begins,
	// when that is not its first line: the line after a text file's front
	// matter. 0 means the first line, or not known (a record of a JSON
	// Lines or CSV file, whose text is a field).
	TextLine int `json:"text_line,omitempty"`
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

// Bounds returns the span's offsets, so that token.Drop can leave the
// tokens inside it out.
func (s Span) Bounds() (start, end int) { return s.Start, s.End }
