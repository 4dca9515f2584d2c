// Package agree compares the tool with human coders (`compare agree`):
// precision, recall and F1 over annotated spans, and Krippendorff's alpha
// and Spearman's rho over article-level ratings. ReadGold reads the
// coders' file; a Join gathers the tool's records of the coded articles;
// Compare measures; Write writes the result.
package agree

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/stats"
)

// Options configure Compare.
type Options struct {
	// Axis is the stance axis whose score is the tool's rating; "" means
	// the lexicon's first axis.
	Axis string
	// Scale is the human rating scale [low, high] onto which the tool's
	// scores in [-1, 1] are mapped for alpha. Nil infers it: [-1, 1] when
	// every human value lies in it, else the range of the human values.
	Scale *[2]float64
}

// Agreement compares the tool with human coders.
type Agreement struct {
	Gold    string `json:"gold"`
	Lexicon string `json:"lexicon"`
	Version string `json:"version"`
	// Spans is nil when the gold file has no span annotations, Ratings
	// when it has no ratings.
	Spans   *SpanAgreement   `json:"spans,omitempty"`
	Ratings *RatingAgreement `json:"ratings,omitempty"`
}

// SpanAgreement compares the spans the tool matched with those coders
// marked, in the coded articles found in the corpus.
type SpanAgreement struct {
	Articles int `json:"articles"`
	// Missing lists coded articles that are not in the corpus.
	Missing []string `json:"missing,omitempty"`
	Gold    int      `json:"gold_spans"`
	Tool    int      `json:"tool_spans"`
	// Exact counts a span as found when the other side has the same
	// offsets; Overlap when it shares at least one byte.
	Exact   PRF `json:"exact"`
	Overlap PRF `json:"overlap"`
	// LabelField is what the gold labels name, "category", "target" or
	// "entry", or "" when there are no labels or they name none of these.
	LabelField string     `json:"label_field,omitempty"`
	ByLabel    []LabelPRF `json:"by_label,omitempty"`
	// UnknownLabels are gold labels that are no value of LabelField.
	UnknownLabels []string `json:"unknown_labels,omitempty"`
}

// PRF is precision, recall and F1, null where undefined (no spans).
type PRF struct {
	// ToolFound counts tool spans that match a gold span, GoldFound gold
	// spans that match a tool span (they differ for overlaps).
	ToolFound int      `json:"tool_found"`
	GoldFound int      `json:"gold_found"`
	Precision *float64 `json:"precision"`
	Recall    *float64 `json:"recall"`
	F1        *float64 `json:"f1"`
}

// LabelPRF is the comparison restricted to one label.
type LabelPRF struct {
	Label   string `json:"label"`
	Gold    int    `json:"gold_spans"`
	Tool    int    `json:"tool_spans"`
	Exact   PRF    `json:"exact"`
	Overlap PRF    `json:"overlap"`
}

// RatingAgreement compares article-level ratings.
type RatingAgreement struct {
	Units   int      `json:"articles"`
	Coders  []string `json:"coders"`
	Ratings int      `json:"ratings"`
	Missing []string `json:"missing,omitempty"`
	Axis    string   `json:"axis"`
	// Scale is the human scale the tool's scores are mapped onto, and
	// ScaleFrom says where it came from.
	Scale     [2]float64 `json:"scale"`
	ScaleFrom string     `json:"scale_from"`
	// Rounded says whether the tool's values were rounded to whole scale
	// points for the ordinal alpha (the human values all are whole).
	Rounded bool `json:"rounded_for_ordinal"`
	// Humans is alpha among the human coders; WithTool with the tool
	// added as one more coder.
	Humans   Alphas `json:"humans"`
	WithTool Alphas `json:"with_tool"`
	// ToolUnits counts the coded articles the tool scored, NoEvidence
	// those of them with no match bearing on the axis (score 0).
	ToolUnits  int `json:"tool_articles"`
	NoEvidence int `json:"no_evidence"`
	// Spearman is rho between the mean human value and the tool's score,
	// over SpearmanN articles.
	Spearman  *float64 `json:"spearman"`
	SpearmanN int      `json:"spearman_n"`
}

// Alphas are Krippendorff's alpha at two levels of measurement.
type Alphas struct {
	Interval *float64 `json:"interval"`
	Ordinal  *float64 `json:"ordinal"`
	// Units counts the articles with at least two values (pairable).
	Units int `json:"pairable_articles"`
}

// Compare compares the tool with the gold annotations. recs maps article
// ids to the tool's records (scored with lex); coded articles without one
// are listed as missing.
func Compare(g *Gold, lex *lexicon.Lexicon, recs map[string]*record.Record, opt Options) (*Agreement, error) {
	a := &Agreement{Gold: g.File, Lexicon: lex.Name, Version: lex.Version}
	if len(g.Spans) > 0 {
		a.Spans = agreeSpans(g, lex, recs)
	}
	if len(g.Ratings) > 0 {
		r, err := agreeRatings(g, lex, recs, opt)
		if err != nil {
			return nil, err
		}
		a.Ratings = r
	}
	return a, nil
}

type span struct {
	start, end int
	label      string
}

func agreeSpans(g *Gold, lex *lexicon.Lexicon, recs map[string]*record.Record) *SpanAgreement {
	sa := &SpanAgreement{}
	// Which lexicon field do the gold labels name? The one most of them
	// are values of.
	labels := map[string]bool{}
	for _, id := range g.SpanArticles {
		for _, s := range g.Spans[id] {
			if s.Label != "" {
				labels[s.Label] = true
			}
		}
	}
	fields := []struct {
		name   string
		values map[string]bool
	}{{"category", map[string]bool{}}, {"target", map[string]bool{}}, {"entry", map[string]bool{}}}
	for _, c := range lex.Categories {
		fields[0].values[c] = true
	}
	for _, t := range lex.Targets {
		fields[1].values[t.ID] = true
	}
	for _, e := range lex.Entries {
		fields[2].values[e.ID] = true
	}
	best, bestN := -1, 0
	for i, f := range fields {
		n := 0
		for l := range labels {
			if f.values[l] {
				n++
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	if best >= 0 {
		sa.LabelField = fields[best].name
		for _, l := range slices.Sorted(maps.Keys(labels)) {
			if !fields[best].values[l] {
				sa.UnknownLabels = append(sa.UnknownLabels, l)
			}
		}
	}
	toolLabel := func(m record.MatchRecord) string {
		switch sa.LabelField {
		case "category":
			return m.Category
		case "target":
			return m.Target
		case "entry":
			return m.Entry
		}
		return ""
	}

	var gold, tool [][]span // per article found in the corpus
	for _, id := range g.SpanArticles {
		r := recs[id]
		if r == nil {
			sa.Missing = append(sa.Missing, id)
			continue
		}
		sa.Articles++
		var gs, ts []span
		for _, s := range g.Spans[id] {
			gs = append(gs, span{s.Start, s.End, s.Label})
		}
		for _, m := range r.Matches {
			ts = append(ts, span{m.Start, m.End, toolLabel(m)})
		}
		gold = append(gold, dedupe(gs))
		tool = append(tool, dedupe(ts))
	}
	for i := range gold {
		sa.Gold += len(gold[i])
		sa.Tool += len(tool[i])
	}
	sa.Exact, sa.Overlap = compareSpans(gold, tool, func(span) bool { return true })
	if sa.LabelField != "" {
		present := map[string]bool{}
		for i := range gold {
			for _, s := range gold[i] {
				present[s.label] = true
			}
			for _, s := range tool[i] {
				present[s.label] = true
			}
		}
		for _, l := range slices.Sorted(maps.Keys(present)) {
			if l == "" {
				continue
			}
			keep := func(s span) bool { return s.label == l }
			lp := LabelPRF{Label: l}
			for i := range gold {
				lp.Gold += countIf(gold[i], keep)
				lp.Tool += countIf(tool[i], keep)
			}
			lp.Exact, lp.Overlap = compareSpans(gold, tool, keep)
			sa.ByLabel = append(sa.ByLabel, lp)
		}
	}
	return sa
}

func dedupe(s []span) []span {
	slices.SortFunc(s, func(x, y span) int {
		if x.start != y.start {
			return x.start - y.start
		}
		if x.end != y.end {
			return x.end - y.end
		}
		return strings.Compare(x.label, y.label)
	})
	return slices.CompactFunc(s, func(x, y span) bool { return x == y })
}

func countIf(s []span, keep func(span) bool) int {
	n := 0
	for _, x := range s {
		if keep(x) {
			n++
		}
	}
	return n
}

// compareSpans computes exact and overlap precision, recall and F1 over
// the spans keep selects, article by article.
func compareSpans(gold, tool [][]span, keep func(span) bool) (exact, overlap PRF) {
	var nGold, nTool int
	for i := range gold {
		var gs, ts []span
		for _, s := range gold[i] {
			if keep(s) {
				gs = append(gs, s)
			}
		}
		for _, s := range tool[i] {
			if keep(s) {
				ts = append(ts, s)
			}
		}
		nGold += len(gs)
		nTool += len(ts)
		same := func(x, y span) bool { return x.start == y.start && x.end == y.end }
		overlaps := func(x, y span) bool { return x.start < y.end && y.start < x.end }
		for _, t := range ts {
			if slices.ContainsFunc(gs, func(g span) bool { return same(t, g) }) {
				exact.ToolFound++
			}
			if slices.ContainsFunc(gs, func(g span) bool { return overlaps(t, g) }) {
				overlap.ToolFound++
			}
		}
		for _, g := range gs {
			if slices.ContainsFunc(ts, func(t span) bool { return same(t, g) }) {
				exact.GoldFound++
			}
			if slices.ContainsFunc(ts, func(t span) bool { return overlaps(t, g) }) {
				overlap.GoldFound++
			}
		}
	}
	exact.fill(nGold, nTool)
	overlap.fill(nGold, nTool)
	return exact, overlap
}

// fill computes precision = ToolFound/tool, recall = GoldFound/gold and
// their harmonic mean.
func (p *PRF) fill(gold, tool int) {
	var prec, rec float64 = math.NaN(), math.NaN()
	if tool > 0 {
		prec = float64(p.ToolFound) / float64(tool)
	}
	if gold > 0 {
		rec = float64(p.GoldFound) / float64(gold)
	}
	p.Precision, p.Recall = finite(prec), finite(rec)
	if prec+rec > 0 {
		p.F1 = finite(2 * prec * rec / (prec + rec))
	} else if prec == 0 && rec == 0 {
		p.F1 = finite(0)
	}
}

func finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func agreeRatings(g *Gold, lex *lexicon.Lexicon, recs map[string]*record.Record, opt Options) (*RatingAgreement, error) {
	axis := opt.Axis
	if axis == "" {
		if len(lex.Axes) == 0 {
			return nil, fmt.Errorf("lexicon %s has no axes, so the tool has no article-level value to compare with the ratings", lex.Name)
		}
		axis = lex.Axes[0].ID
	} else if !slices.ContainsFunc(lex.Axes, func(a lexicon.Axis) bool { return a.ID == axis }) {
		var ids []string
		for _, a := range lex.Axes {
			ids = append(ids, a.ID)
		}
		return nil, fmt.Errorf("lexicon %s has no axis %q (axes: %s)", lex.Name, axis, strings.Join(ids, ", "))
	}
	ra := &RatingAgreement{Axis: axis, Ratings: len(g.Ratings)}

	unitIndex, coderIndex := map[string]int{}, map[string]int{}
	var units []string
	for _, r := range g.Ratings {
		if _, ok := unitIndex[r.ID]; !ok {
			unitIndex[r.ID] = len(units)
			units = append(units, r.ID)
		}
	}
	for _, c := range g.Coders {
		coderIndex[c] = len(ra.Coders)
		ra.Coders = append(ra.Coders, c)
	}
	for _, r := range g.Ratings {
		if _, ok := coderIndex[r.Coder]; !ok {
			coderIndex[r.Coder] = len(ra.Coders)
			ra.Coders = append(ra.Coders, r.Coder)
		}
	}
	ra.Units = len(units)
	humans := make([][]float64, len(ra.Coders))
	for i := range humans {
		humans[i] = nanSlice(len(units))
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	whole := true
	for _, r := range g.Ratings {
		humans[coderIndex[r.Coder]][unitIndex[r.ID]] = r.Value
		lo, hi = min(lo, r.Value), max(hi, r.Value)
		if r.Value != math.Trunc(r.Value) {
			whole = false
		}
	}
	switch {
	case opt.Scale != nil:
		ra.Scale, ra.ScaleFrom = *opt.Scale, "--scale"
	case lo >= -1 && hi <= 1:
		ra.Scale, ra.ScaleFrom = [2]float64{-1, 1}, "the tool's own scale (every human value lies in [-1, 1])"
	default:
		ra.Scale, ra.ScaleFrom = [2]float64{lo, hi}, "the range of the human values"
	}
	ra.Rounded = whole

	tool := nanSlice(len(units))
	toolOrdinal := nanSlice(len(units))
	var meanHuman, toolRaw []float64
	for u, id := range units {
		r := recs[id]
		if r == nil {
			ra.Missing = append(ra.Missing, id)
			continue
		}
		ra.ToolUnits++
		as := r.Stance[axis]
		if as.N == 0 {
			ra.NoEvidence++
		}
		v := ra.Scale[0] + (as.Score+1)/2*(ra.Scale[1]-ra.Scale[0])
		tool[u] = v
		toolOrdinal[u] = v
		if whole {
			toolOrdinal[u] = math.Round(v)
		}
		var sum float64
		n := 0
		for c := range humans {
			if x := humans[c][u]; !math.IsNaN(x) {
				sum += x
				n++
			}
		}
		if n > 0 {
			meanHuman = append(meanHuman, sum/float64(n))
			toolRaw = append(toolRaw, as.Score)
		}
	}
	ra.Humans = alphas(humans, humans)
	ra.WithTool = alphas(append(slices.Clone(humans), tool), append(slices.Clone(humans), toolOrdinal))
	ra.SpearmanN = len(meanHuman)
	ra.Spearman = finite(stats.Spearman(meanHuman, toolRaw))
	return ra, nil
}

func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}

// alphas computes interval alpha on one reliability matrix and ordinal on
// another (the same but for the tool's rounded values).
func alphas(interval, ordinal [][]float64) Alphas {
	var a Alphas
	if len(interval) >= 2 {
		a.Interval = finite(stats.KrippendorffAlpha(interval, stats.Interval))
		a.Ordinal = finite(stats.KrippendorffAlpha(ordinal, stats.Ordinal))
	}
	if len(interval) > 0 {
		for u := range interval[0] {
			n := 0
			for c := range interval {
				if !math.IsNaN(interval[c][u]) {
					n++
				}
			}
			if n >= 2 {
				a.Units++
			}
		}
	}
	return a
}

// Write writes the comparison as text, or as JSON when format is
// "json".
func Write(w io.Writer, a *Agreement, format string) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(a)
	}
	fmt.Fprintf(w, "Agreement of lexicon %s %s with the human coders of %s\n", a.Lexicon, a.Version, a.Gold)
	if s := a.Spans; s != nil {
		fmt.Fprintf(w, "\nSpans: %d coded %s in the corpus, %d marked by coders, %d found by the tool\n",
			s.Articles, english.Plural(s.Articles, "article", "articles"), s.Gold, s.Tool)
		if len(s.Missing) > 0 {
			fmt.Fprintf(w, "  not in the corpus, left out: %s\n", strings.Join(s.Missing, ", "))
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  MATCH\tLABEL\tGOLD\tTOOL\tPRECISION\tRECALL\tF1")
		row := func(kind, label string, gold, tool int, p PRF) {
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\t%s\t%s\t%s\n", kind, label, gold, tool, num3(p.Precision), num3(p.Recall), num3(p.F1))
		}
		row("exact", "(all)", s.Gold, s.Tool, s.Exact)
		row("overlap", "(all)", s.Gold, s.Tool, s.Overlap)
		for _, l := range s.ByLabel {
			row("exact", l.Label, l.Gold, l.Tool, l.Exact)
			row("overlap", l.Label, l.Gold, l.Tool, l.Overlap)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if s.LabelField != "" {
			fmt.Fprintf(w, "  labels compared with each match's %s", s.LabelField)
			if len(s.UnknownLabels) > 0 {
				fmt.Fprintf(w, "; not a %s of the lexicon: %s", s.LabelField, strings.Join(s.UnknownLabels, ", "))
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, "  exact: same offsets; overlap: at least one byte shared (precision over tool spans, recall over gold spans)")
	}
	if r := a.Ratings; r != nil {
		fmt.Fprintf(w, "\nRatings: %d %s by %d %s (%s), %d values\n", r.Units, english.Plural(r.Units, "article", "articles"),
			len(r.Coders), english.Plural(len(r.Coders), "coder", "coders"), strings.Join(r.Coders, ", "), r.Ratings)
		fmt.Fprintf(w, "  tool: stance on axis %s for %d of them (%d with no evidence, scored 0), mapped from [-1, 1] onto [%g, %g] (%s)",
			r.Axis, r.ToolUnits, r.NoEvidence, r.Scale[0], r.Scale[1], r.ScaleFrom)
		if r.Rounded {
			fmt.Fprint(w, "; rounded to whole points for the ordinal alpha")
		}
		fmt.Fprintln(w)
		if len(r.Missing) > 0 {
			fmt.Fprintf(w, "  not in the corpus (no tool value): %s\n", strings.Join(r.Missing, ", "))
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  KRIPPENDORFF'S ALPHA\tINTERVAL\tORDINAL\tPAIRABLE ARTICLES")
		fmt.Fprintf(tw, "  among the coders\t%s\t%s\t%d\n", num3(r.Humans.Interval), num3(r.Humans.Ordinal), r.Humans.Units)
		fmt.Fprintf(tw, "  coders and the tool\t%s\t%s\t%d\n", num3(r.WithTool.Interval), num3(r.WithTool.Ordinal), r.WithTool.Units)
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(w, "  Spearman's rho, mean human value vs tool score: %s (n = %d)\n", num3(r.Spearman), r.SpearmanN)
		fmt.Fprintln(w, "  alpha: Krippendorff (2011), 1 = perfect agreement, 0 = chance; n/a where undefined (one coder, or no variation)")
	}
	return nil
}

func num3(v *float64) string {
	if v == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.3f", *v)
}
