package sameevent

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/dates"
	"github.com/compare-tool/compare/internal/record"
)

// Article is what the same-event comparison keeps of one article.
type Article struct {
	// ID must be unique among the articles given to Group; Group leaves a
	// repeated id out and says so.
	ID string
	// Outlet published the article; Unit is what it is compared as: the
	// outlet, or its group (record.UnitOf).
	Outlet, Unit string
	// Title, Date, URL and Source are as read. Date is the date as
	// written; Group resolves it (or the URL's date) with package dates,
	// unless Published holds it already.
	Title, Date, URL, Source string
	// Published is the date as the reader resolved it (corpus.Article.
	// Published, record.Record.Published), in the --date-order given
	// there; the zero Date leaves it to Group.
	Published dates.Date
	// Text is what Group compares; it is not needed after grouping.
	Text string
	// Stance is the article's stance per axis; nil when the article was
	// not scored.
	Stance map[string]record.AxisScore
	// Forms are the forms the article wrote for each target, counted, in
	// order of target, voice (author, quote, distanced), count (most
	// first) and text.
	Forms []Form
}

// Scored reports whether the article carries scores: its stance and
// forms.
func (a *Article) Scored() bool { return a.Stance != nil }

// Form is one way an article named a target: a matched text as written.
type Form struct {
	Target string `json:"target"`
	// Text is the matched text as written, its runs of white space (a line
	// break inside a term) made one space.
	Text  string       `json:"text"`
	Entry string       `json:"entry"`
	Voice record.Voice `json:"voice"`
	// Valence and Category are the entry's.
	Valence  float64 `json:"valence"`
	Category string  `json:"category"`
	// Loaded says whether the entry carries a judgement (record.IsLoaded);
	// Contrib is its contribution to each axis it bears on.
	Loaded  bool               `json:"loaded"`
	Contrib map[string]float64 `json:"contrib,omitempty"`
	// Count is how many times it was written.
	Count int `json:"count"`
}

// FromRecord keeps of a score record what the comparison needs. by is
// "outlet" or "group", as in record.UnitOf. The record's text is kept by
// reference, not copied.
func FromRecord(r *record.Record, by string) Article {
	a := Article{
		ID: r.ID, Outlet: r.Outlet, Unit: record.UnitOf(r, by),
		Title: r.Title, Date: r.Date, URL: r.URL, Source: r.Source, Text: r.Text, Published: r.Published(),
		Stance: maps.Clone(r.Stance),
	}
	if a.Stance == nil {
		a.Stance = map[string]record.AxisScore{}
	}
	a.Forms = formsOf(r.Matches)
	return a
}

// FromArticle keeps an article that was not scored, for grouping alone.
func FromArticle(c *corpus.Article) Article {
	unit := c.Outlet
	if unit == "" {
		unit = "(no outlet)"
	}
	return Article{
		ID: c.ID, Outlet: c.Outlet, Unit: unit,
		Title: c.Title, Date: c.Date, URL: c.URL, Source: c.Source, Text: c.Text, Published: c.Published,
	}
}

// formsOf counts the matches by target, entry, text and voice.
func formsOf(matches []record.MatchRecord) []Form {
	type key struct {
		target, entry, text string
		voice               record.Voice
	}
	index := map[key]int{}
	var forms []Form
	for _, m := range matches {
		k := key{m.Target, m.Entry, strings.Join(strings.Fields(m.Text), " "), m.Voice}
		if i, ok := index[k]; ok {
			forms[i].Count++
			continue
		}
		index[k] = len(forms)
		forms = append(forms, Form{Target: m.Target, Text: k.text, Entry: m.Entry, Voice: m.Voice,
			Valence: m.Valence, Category: m.Category, Loaded: m.Loaded, Contrib: maps.Clone(m.Contrib), Count: 1})
	}
	sortForms(forms)
	return forms
}

// sortForms orders forms by target, voice (author, quote, distanced),
// count (most first), text and entry.
func sortForms(forms []Form) {
	slices.SortStableFunc(forms, func(a, b Form) int {
		return cmp.Or(cmp.Compare(a.Target, b.Target), cmp.Compare(voiceRank(a.Voice), voiceRank(b.Voice)),
			cmp.Compare(b.Count, a.Count), cmp.Compare(a.Text, b.Text), cmp.Compare(a.Entry, b.Entry))
	})
}

func voiceRank(v record.Voice) int {
	if i := slices.Index(record.Voices, v); i >= 0 {
		return i
	}
	return len(record.Voices)
}
