package report

import (
	"cmp"
	"fmt"
	"html/template"
	"maps"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/view"
)

// articlesView is the article section: the shown articles, and how many
// there are in all.
type articlesView struct {
	Shown, Total int
	Max          int
	PerUnitMax   int
	Units        []string // units with shown articles, for the filter
	// PerUnit says how many of each unit's articles are shown, for the
	// units with views; UnitsWithout counts the units without.
	PerUnit      []unitShown
	UnitsWithout int
	List         []articleView
	Disabled     bool
}

// unitShown is how many of a unit's articles have a view.
type unitShown struct {
	Unit         string
	Shown, Total int
}

type articleView struct {
	ID      string // element id: article-<record index>
	Title   string
	Unit    string
	Outlet  string
	Group   string
	Date    string
	URL     string
	Link    string // URL when it is http(s), for the href
	Source  string
	RecID   string
	Tokens  int
	Loaded  int
	Stance  []articleAxis
	Quotes  int
	Dropped int
	Body    template.HTML
	Open    bool
	// ShownBytes of TextBytes bytes of text are shown when the text was
	// longer than Options.MaxBodyBytes; both are 0 otherwise.
	ShownBytes, TextBytes int
	// Legend lists the article's loaded terms with what the tooltips say
	// of them, as text: a phone cannot hover and paper cannot either.
	Legend []termLegend
}

// termLegend is one entry's loaded uses in one voice in an article: the
// forms written, with counts, and the lexicon's view of them.
type termLegend struct {
	Forms    []aggregate.FormCount
	Label    string // the entry's label, when it has one
	Target   string
	Valence  float64
	Category string
	Voice    record.Voice
	Neutral  string
	Note     string
}

type articleAxis struct {
	Label        string
	Score        float64
	N            int
	FromReported bool
	QuoteN       int
	ReportedN    int
	DistancedN   int
}

// entryInfo is what a term's tooltip says about its lexicon entry.
type entryInfo struct {
	// Label names the entry (lexicon.Entry.Name) when it has a label of its
	// own; the tooltip heads with the matched text itself.
	Label    string             `json:"label,omitempty"`
	Target   string             `json:"target"`
	Valence  float64            `json:"valence"`
	Category string             `json:"category"`
	Lean     map[string]float64 `json:"lean,omitempty"`
	Neutral  []string           `json:"neutral,omitempty"`
	Note     string             `json:"note,omitempty"`
}

func articleID(i int) string { return fmt.Sprintf("article-%d", i) }

// selectArticles picks the records that get an article view: up to
// MaxArticles, taken from the listed units' samples in turn (largest unit
// first)
// so that every unit is represented, each sample in its hash order, and
// reads them back.
func (b *builder) selectArticles() error {
	b.shown = map[int]*record.Record{}
	g := b.g
	if g == nil || b.opt.MaxArticles == 0 {
		return nil
	}
	// Only the listed units (Options.MaxUnits) get views, as they alone
	// have rows in the tables.
	var order []*gatheredUnit
	for _, u := range b.cmp.Units {
		if !b.tableUnits[u.Name] {
			break
		}
		if k, ok := g.unitIndex[u.Name]; ok {
			order = append(order, &g.units[k])
		}
	}
	for k := range g.units {
		if b.unitByName[g.units[k].name] == nil && len(b.tableUnits) == len(b.cmp.Units) {
			order = append(order, &g.units[k])
		}
	}
	sample := make([]candidates, len(order))
	for k, u := range order {
		sample[k] = slices.Clone(u.cands)
		slices.SortFunc(sample[k], func(x, y candidate) int {
			if c := cmp.Compare(x.hash, y.hash); c != 0 {
				return c
			}
			return cmp.Compare(x.index, y.index)
		})
	}
	left := b.opt.MaxArticles
	for round := 0; left > 0; round++ {
		took := false
		for k := range order {
			if left == 0 {
				break
			}
			if round < len(sample[k]) {
				c := sample[k][round]
				r, err := g.load(c)
				if err != nil {
					return err
				}
				b.shown[c.index] = r
				left--
				took = true
			}
		}
		if !took {
			break
		}
	}
	return nil
}

func (b *builder) articles() articlesView {
	v := articlesView{Max: b.opt.MaxArticles, Disabled: b.opt.MaxArticles == 0}
	if b.g != nil {
		v.Total = b.g.Len()
	}
	// Group the views by unit, in the comparison's order.
	rank := map[string]int{}
	for i, u := range b.cmp.Units {
		rank[u.Name] = i
	}
	idx := slices.Sorted(maps.Keys(b.shown))
	sort.SliceStable(idx, func(x, y int) bool {
		rx, okx := rank[b.recUnit(idx[x])]
		ry, oky := rank[b.recUnit(idx[y])]
		if okx != oky {
			return okx
		}
		if rx != ry {
			return rx < ry
		}
		if !okx && b.recUnit(idx[x]) != b.recUnit(idx[y]) {
			return b.recUnit(idx[x]) < b.recUnit(idx[y])
		}
		return idx[x] < idx[y]
	})
	seen := map[string]bool{}
	for _, i := range idx {
		r := b.shown[i]
		av := articleView{ID: articleID(i), Title: r.Title, Unit: b.recUnit(i), Outlet: r.Outlet, Group: r.Group,
			Date: r.Date, URL: r.URL, Link: safeLink(r.URL), Source: r.Source, RecID: r.ID, Tokens: r.Tokens,
			Loaded: r.Loaded, Quotes: len(r.Quotes), Dropped: len(r.Dropped)}
		if av.Title == "" {
			av.Title = r.ID
		}
		for _, ax := range b.cmp.Axes {
			s := r.Stance[ax.ID]
			av.Stance = append(av.Stance, articleAxis{Label: ax.Label, Score: s.Score, N: s.N, FromReported: s.FromReported,
				QuoteN: s.QuoteN, ReportedN: s.ReportedN, DistancedN: s.DistancedN})
		}
		if n := b.opt.MaxBodyBytes; n > 0 && len(r.Text) > n {
			// Spans past the cut are dropped by renderText's checks.
			av.TextBytes = len(r.Text)
			for n > 0 && !view.Boundary(r.Text, n) {
				n--
			}
			cut := *r
			cut.Text = r.Text[:n]
			av.ShownBytes = n
			r = &cut
		}
		av.Body = b.articleBody(r)
		av.Legend = b.termLegend(r)
		if !seen[av.Unit] {
			seen[av.Unit] = true
			v.Units = append(v.Units, av.Unit)
		}
		v.List = append(v.List, av)
	}
	v.Shown = len(v.List)
	v.PerUnitMax = b.opt.ArticlesPerUnit
	if b.g != nil {
		v.PerUnitMax = b.g.perUnit
		shown := map[string]int{}
		for _, av := range v.List {
			shown[av.Unit]++
		}
		for _, u := range v.Units {
			v.PerUnit = append(v.PerUnit, unitShown{Unit: u, Shown: shown[u], Total: b.g.units[b.g.unitIndex[u]].n})
		}
		v.UnitsWithout = len(b.g.units) - len(v.Units)
	}
	// A handful of articles reads best open; hundreds would be a wall.
	if v.Shown <= 12 {
		for i := range v.List {
			v.List[i].Open = true
		}
	}
	return v
}

// termLegend lists the loaded terms of r by entry and voice, in order of
// first use, with the forms written and their counts.
func (b *builder) termLegend(r *record.Record) []termLegend {
	type key struct {
		entry string
		voice record.Voice
	}
	var order []key
	uses := map[key]map[string]int{}
	first := map[key]*record.MatchRecord{}
	for i := range r.Matches {
		m := &r.Matches[i]
		if !m.Loaded {
			continue
		}
		k := key{m.Entry, m.Voice}
		if uses[k] == nil {
			uses[k] = map[string]int{}
			first[k] = m
			order = append(order, k)
		}
		uses[k][m.Text]++
	}
	out := make([]termLegend, 0, len(order))
	for _, k := range order {
		m := first[k]
		l := termLegend{Forms: aggregate.Forms(uses[k]), Target: b.targetLabel(m.Target), Valence: m.Valence, Category: m.Category, Voice: m.Voice}
		if e := b.entry(m.Entry); e != nil {
			l.Label, l.Neutral, l.Note = e.Label, strings.Join(e.Neutral, "; "), e.Note
		}
		out = append(out, l)
	}
	return out
}

// safeLink returns u when it is an absolute http or https URL, else "":
// a javascript: or data: URL in an article's metadata must not become a
// link.
func safeLink(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}

// entry returns the lexicon's entry id, or nil without a lexicon.
func (b *builder) entry(id string) *lexicon.Entry {
	if b.in.Lexicon == nil {
		return nil
	}
	return b.in.Lexicon.Entry(id)
}

// noteEntry records what the tooltip of a match says, once per entry.
func (b *builder) noteEntry(m *record.MatchRecord) {
	if _, ok := b.entries[m.Entry]; ok {
		return
	}
	info := entryInfo{Target: b.targetLabel(m.Target), Valence: m.Valence, Category: m.Category}
	if e := b.entry(m.Entry); e != nil {
		info.Label = e.Label
		info.Lean = e.Lean
		info.Neutral = e.Neutral
		info.Note = e.Note
	}
	b.entries[m.Entry] = info
}

// leanClass is the CSS class of a term by its contribution to the first
// axis: the sign, and whether it is strong (record.LeanLevel).
func leanClass(c float64) string {
	return [...]string{"neg2", "neg1", "zero", "pos1", "pos2"}[record.LeanLevel(c)+2]
}

// articleBody renders an article's text as HTML: matched terms as <mark>
// coloured by lean, direct quotations in <q-span> style, dropped debris
// struck out. Every byte of text is escaped; the offsets are the record's
// byte offsets, checked against the text so that a broken record cannot
// cut a character in half.
func (b *builder) articleBody(r *record.Record) template.HTML {
	firstAxis := ""
	if len(b.cmp.Axes) > 0 {
		firstAxis = b.cmp.Axes[0].ID
	}
	for i := range r.Matches {
		b.noteEntry(&r.Matches[i])
	}
	return template.HTML(renderText(r, firstAxis))
}

type span struct{ start, end int }

// renderText is articleBody without the builder, for tests and fuzzing.
func renderText(r *record.Record, axis string) string {
	text := r.Text
	valid := func(s, e int) bool {
		return 0 <= s && s < e && e <= len(text) && view.Boundary(text, s) && view.Boundary(text, e)
	}
	// Keep the valid, non-overlapping spans of each kind, in order.
	clean := func(in []span) []span {
		sort.SliceStable(in, func(i, j int) bool { return in[i].start < in[j].start })
		var out []span
		for _, s := range in {
			if !valid(s.start, s.end) || (len(out) > 0 && s.start < out[len(out)-1].end) {
				continue
			}
			out = append(out, s)
		}
		return out
	}
	var qs, ds, ms []span
	for _, q := range r.Quotes {
		qs = append(qs, span{q.Start, q.End})
	}
	for _, d := range r.Dropped {
		ds = append(ds, span{d.Start, d.End})
	}
	matchAt := map[int]*record.MatchRecord{}
	for _, m := range view.Marks(r) {
		ms = append(ms, span{m.Start, m.End})
		matchAt[m.Start] = m
	}
	qs, ds = clean(qs), clean(ds)

	// Cut the text at every span boundary; each piece then lies wholly
	// inside or outside each span, and the elements nest as
	// quote > del > mark, closed and reopened where spans cross.
	cuts := []int{0, len(text)}
	for _, list := range [][]span{qs, ds, ms} {
		for _, s := range list {
			cuts = append(cuts, s.start, s.end)
		}
	}
	sort.Ints(cuts)
	find := func(list []span, pos int) int {
		i := sort.Search(len(list), func(i int) bool { return list[i].end > pos })
		if i < len(list) && list[i].start <= pos {
			return i
		}
		return -1
	}
	var out strings.Builder
	curQ, curD, curM := -1, -1, -1
	closeM := func() {
		if curM >= 0 {
			out.WriteString("</mark>")
			curM = -1
		}
	}
	closeD := func() {
		closeM()
		if curD >= 0 {
			out.WriteString("</del>")
			curD = -1
		}
	}
	closeQ := func() {
		closeD()
		if curQ >= 0 {
			out.WriteString("</span>")
			curQ = -1
		}
	}
	for k := 0; k+1 < len(cuts); k++ {
		s, e := cuts[k], cuts[k+1]
		if s == e {
			continue
		}
		q, d, m := find(qs, s), find(ds, s), find(ms, s)
		if q != curQ {
			closeQ()
			if q >= 0 {
				out.WriteString(`<span class="quote">`)
				curQ = q
			}
		}
		if d != curD {
			closeD()
			if d >= 0 {
				out.WriteString(`<del title="dropped as page debris: not scored">`)
				curD = d
			}
		}
		if m != curM {
			closeM()
			if m >= 0 {
				out.WriteString(markOpen(matchAt[ms[m].start], axis))
				curM = m
			}
		}
		out.WriteString(escapeBidi(template.HTMLEscapeString(text[s:e])))
	}
	closeQ()
	return out.String()
}

func markOpen(m *record.MatchRecord, axis string) string {
	cls := "t " + leanClass(m.Contrib[axis])
	if !m.Loaded {
		cls = "t plain"
	}
	cls += " v-" + string(m.Voice)
	var b strings.Builder
	b.WriteString(`<mark tabindex="0" class="`)
	b.WriteString(template.HTMLEscapeString(cls))
	b.WriteString(`" data-e="`)
	b.WriteString(template.HTMLEscapeString(m.Entry))
	b.WriteString(`" data-v="`)
	b.WriteString(template.HTMLEscapeString(string(m.Voice)))
	if m.Cue != "" {
		b.WriteString(`" data-cue="`)
		b.WriteString(template.HTMLEscapeString(m.Cue))
	}
	b.WriteString(`" data-c="`)
	b.WriteString(formatNum(m.Contrib[axis]))
	b.WriteString(`">`)
	return b.String()
}
