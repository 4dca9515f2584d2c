package aggregate

import (
	"encoding/csv"
	"io"
	"maps"
	"slices"
	"strconv"

	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/record"
)

// CSVHeader is the header of the tidy CSV form of a Comparison.
var CSVHeader = []string{"section", "unit", "other", "axis_or_target", "term", "statistic", "value"}

// writeComparisonCSV writes one value a row. section says which part of
// the comparison a row belongs to; unit and other name the units (other
// only for pairs); axis_or_target the axis or target id; term a lexicon
// entry or a distinctive word or phrase.
func writeComparisonCSV(w io.Writer, c *Comparison) error {
	cw := csv.NewWriter(w)
	row := func(section, unit, other, axis, term, stat, value string) {
		cw.Write([]string{section, unit, other, axis, term, stat, value})
	}
	cw.Write(CSVHeader)
	row("meta", "", "", "", "", "schema", c.Schema)
	row("meta", "", "", "", "", "lexicon", c.Lexicon.Name)
	row("meta", "", "", "", "", "lexicon_version", c.Lexicon.Version)
	row("meta", "", "", "", "", "lexicon_sha256", c.Lexicon.SHA256)
	row("meta", "", "", "", "", "by", c.By)
	row("meta", "", "", "", "", "articles", strconv.Itoa(c.Articles))
	row("meta", "", "", "", "", "bootstrap", strconv.Itoa(c.Bootstrap))
	row("meta", "", "", "", "", "seed", strconv.FormatUint(c.Seed, 10))
	row("meta", "", "", "", "", "min_articles", strconv.Itoa(c.MinArticles))
	row("meta", "", "", "", "", "quantiles", c.Quantiles)
	if c.DateRange[0] != "" {
		row("meta", "", "", "", "", "date_first", c.DateRange[0])
		row("meta", "", "", "", "", "date_last", c.DateRange[1])
	}
	summary := func(section, unit, axis string, s Summary) {
		summaryRows(func(stat, v string) { row(section, unit, "", axis, "", stat, v) }, s)
	}
	for _, u := range c.Units {
		row("unit", u.Name, "", "", "", "group", u.Group)
		row("unit", u.Name, "", "", "", "articles", strconv.Itoa(u.Articles))
		row("unit", u.Name, "", "", "", "tokens", strconv.Itoa(u.Tokens))
		row("unit", u.Name, "", "", "", "tested", strconv.FormatBool(u.Tested))
		if u.Excluded != "" {
			row("unit", u.Name, "", "", "", "excluded", u.Excluded)
		}
		for _, v := range record.Voices {
			if s, ok := u.VoiceShare[v]; ok {
				row("voice_share", u.Name, "", "", "", string(v), ftoa(s))
			}
		}
		summary("loaded_per_1k", u.Name, "", u.LoadedPer1k)
		for _, ax := range c.Axes {
			summary("axis", u.Name, ax.ID, u.Axes[ax.ID])
		}
		for _, t := range c.Targets {
			summary("target", u.Name, t.ID, u.Targets[t.ID])
		}
		if cr := u.Credibility; cr != nil {
			for _, f := range credibilityFields(cr) {
				if f.v != nil {
					row("credibility", u.Name, "", "", "", f.name, ftoa(*f.v))
				}
			}
			for _, side := range slices.Sorted(maps.Keys(cr.Sides)) {
				row("credibility_side", u.Name, "", "", side, "citations", strconv.Itoa(cr.Sides[side]))
			}
			for _, nc := range cr.Cited {
				row("credibility_cited", u.Name, "", "", nc.Name, "citations", strconv.Itoa(nc.Count))
			}
		}
	}
	tests := func(section string, ts []AxisTests) {
		for _, t := range ts {
			id := t.Axis + t.Target
			if t.KruskalWallis != nil {
				row(section+"_kruskal_wallis", "", "", id, "", "h", ftoa(t.KruskalWallis.H))
				row(section+"_kruskal_wallis", "", "", id, "", "df", strconv.Itoa(t.KruskalWallis.DF))
				row(section+"_kruskal_wallis", "", "", id, "", "p", ftoa(t.KruskalWallis.P))
			}
			if t.Skipped != "" {
				row(section+"_kruskal_wallis", "", "", id, "", "skipped", t.Skipped)
			}
			if t.PairsOmitted != "" {
				row(section+"_pair", "", "", id, "", "omitted", t.PairsOmitted)
			}
			for _, unit := range slices.Sorted(maps.Keys(t.Excluded)) {
				row(section+"_kruskal_wallis", unit, "", id, "", "excluded", t.Excluded[unit])
			}
			for _, p := range t.Pairs {
				pair := func(stat, v string) { row(section+"_pair", p.A, p.B, id, "", stat, v) }
				pair("n_a", strconv.Itoa(p.NA))
				pair("n_b", strconv.Itoa(p.NB))
				pair("u", ftoa(p.U))
				pair("p", ftoa(p.P))
				pair("exact", strconv.FormatBool(p.Exact))
				pair("p_holm", ftoa(p.PHolm))
				pair("cliffs_delta", ftoa(p.CliffsDelta))
				pair("sentence", p.Sentence)
			}
		}
	}
	tests("axis", c.Tests)
	tests("target", c.TargetTests)
	for _, n := range c.Naming {
		for _, l := range n.Labels {
			for _, unit := range slices.Sorted(maps.Keys(l.Counts)) {
				row("naming", unit, "", n.Target, l.Entry, "count", strconv.Itoa(l.Counts[unit]))
				row("naming", unit, "", n.Target, l.Entry, "share", ftoa(l.Shares[unit]))
			}
		}
	}
	for _, d := range c.Distinctive {
		for _, t := range d.Terms {
			row("distinctive", d.Unit, "", "", t.Term, "z", ftoa(t.Z))
			row("distinctive", d.Unit, "", "", t.Term, "delta", ftoa(t.Delta))
			row("distinctive", d.Unit, "", "", t.Term, "count", strconv.Itoa(t.Count))
			row("distinctive", d.Unit, "", "", t.Term, "others", strconv.Itoa(t.Others))
			row("distinctive", d.Unit, "", "", t.Term, "in_lexicon", strconv.FormatBool(t.Lexicon))
		}
	}
	if m := c.Map; m != nil {
		row("map", "", "", "", "", "inertia_1", ftoa(m.Inertia[0]))
		row("map", "", "", "", "", "inertia_2", ftoa(m.Inertia[1]))
		for _, p := range m.Units {
			row("map_unit", p.Name, "", "", "", "x", ftoa(p.X))
			row("map_unit", p.Name, "", "", "", "y", ftoa(p.Y))
			row("map_unit", p.Name, "", "", "", "mass", ftoa(p.Mass))
		}
		for _, p := range m.Entries {
			row("map_entry", "", "", "", p.Name, "x", ftoa(p.X))
			row("map_entry", "", "", "", p.Name, "y", ftoa(p.Y))
			row("map_entry", "", "", "", p.Name, "mass", ftoa(p.Mass))
		}
	}
	if w := c.WithinEvents; w != nil {
		writeWithinEventsCSV(row, w)
	}
	if tr := c.Trends; tr != nil {
		writeTrendsCSV(row, tr)
	}
	if b := c.Baseline; b != nil {
		writeBaselineCSV(row, b)
	}
	for i, n := range c.Notes {
		row("note", "", "", "", "", strconv.Itoa(i+1), n)
	}
	cw.Flush()
	return cw.Error()
}

// summaryRows writes a Summary one statistic a row: n, then the numbers
// it has, then the interval's method.
func summaryRows(emit func(stat, value string), s Summary) {
	emit("n", strconv.Itoa(s.N))
	for _, f := range []namedValue{{"mean", s.Mean}, {"sd", s.SD}, {"median", s.Median}, {"q1", s.Q1}, {"q3", s.Q3}, {"iqr", s.IQR}, {"ci_low", s.CILow}, {"ci_high", s.CIHigh}} {
		if f.v != nil {
			emit(f.name, ftoa(*f.v))
		}
	}
	if s.CIMethod != "" {
		emit("ci_method", s.CIMethod)
	}
}

type namedValue struct {
	name string
	v    *float64
}

// credibilityFields lists a profile's rates in a fixed order.
func credibilityFields(cr *credibility.ProfileResult) []namedValue {
	return []namedValue{
		{"attributions_per_1k", cr.AttributionsPer1k},
		{"unsourced_share", cr.UnsourcedShare},
		{"loaded_share", cr.LoadedShare},
		{"quote_share", cr.QuoteShare},
		{"hedges_per_1k", cr.HedgesPer1k},
		{"certainty_per_1k", cr.CertaintyPer1k},
		{"intensifiers_per_1k", cr.IntensifiersPer1k},
		{"debris_per_article", cr.DebrisPerArticle},
	}
}

// ftoa writes a number in the fewest digits that read back as the same
// float64.
func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// writeWithinEventsCSV writes the comparisons within shared events: the
// settings as within_events rows, each pair's numbers as within_pair rows.
func writeWithinEventsCSV(row func(section, unit, other, axis, term, stat, value string), w *WithinEvents) {
	row("within_events", "", "", "", "", "window", w.Window)
	row("within_events", "", "", "", "", "threshold", ftoa(w.Threshold))
	row("within_events", "", "", "", "", "events", strconv.Itoa(w.Events))
	row("within_events", "", "", "", "", "min_shared", strconv.Itoa(w.MinShared))
	for _, ax := range w.Axes {
		row("within_events", "", "", ax.Axis, "", "tested", strconv.Itoa(ax.Tested))
		if ax.HolmShared > 0 {
			row("within_events", "", "", ax.Axis, "", "holm_shared", strconv.Itoa(ax.HolmShared))
		}
		for _, p := range ax.Pairs {
			pair := func(stat, v string) { row("within_pair", p.A, p.B, ax.Axis, "", stat, v) }
			pair("shared", strconv.Itoa(p.Shared))
			pair("paired", strconv.Itoa(p.Paired))
			for _, f := range []namedValue{{"mean_diff", p.MeanDiff}, {"overall_diff", p.OverallDiff}, {"v", p.V}, {"p", p.P}} {
				if f.v != nil {
					pair(f.name, ftoa(*f.v))
				}
			}
			if p.P != nil {
				pair("exact", strconv.FormatBool(p.Exact))
			}
			for _, f := range []namedValue{{"p_holm", p.PHolm}, {"rank_biserial", p.RankBiserial}, {"overall_p_holm", p.OverallPHolm}} {
				if f.v != nil {
					pair(f.name, ftoa(*f.v))
				}
			}
			pair("verdict", p.Verdict)
			pair("sentence", p.Sentence)
		}
	}
}

// writeTrendsCSV writes the trends: section "period" per unit, axis and
// period (term holds the period label), "trend" per unit and axis.
func writeTrendsCSV(row func(section, unit, other, axis, term, stat, value string), tr *Trends) {
	row("meta", "", "", "", "", "period", tr.Period)
	row("meta", "", "", "", "", "dated", strconv.Itoa(tr.Dated))
	row("meta", "", "", "", "", "undated", strconv.Itoa(tr.Undated))
	for _, at := range tr.Axes {
		for _, ut := range at.Units {
			for _, cell := range ut.Cells {
				row("period", ut.Unit, "", at.Axis, cell.Period, "articles", strconv.Itoa(cell.Articles))
				row("period", ut.Unit, "", at.Axis, cell.Period, "few", strconv.FormatBool(cell.Few))
				summaryRows(func(stat, v string) { row("period", ut.Unit, "", at.Axis, cell.Period, stat, v) }, cell.Summary)
			}
			tt := func(stat, v string) { row("trend", ut.Unit, "", at.Axis, "", stat, v) }
			if t := ut.Test; t != nil {
				tt("n", strconv.Itoa(t.N))
				tt("tau", ftoa(t.Tau))
				if t.Z != nil {
					tt("z", ftoa(*t.Z))
				}
				tt("p", ftoa(t.P))
				tt("exact", strconv.FormatBool(t.Exact))
				tt("p_holm", ftoa(t.PHolm))
				for _, f := range []namedValue{{"slope_per_period", t.Slope}, {"from", t.From}, {"to", t.To}} {
					if f.v != nil {
						tt(f.name, ftoa(*f.v))
					}
				}
				if t.FirstPeriod != "" {
					tt("first_period", t.FirstPeriod)
					tt("last_period", t.LastPeriod)
				}
				if t.Direction != "" {
					tt("direction", t.Direction)
				}
			} else {
				tt("skipped", ut.Skipped)
			}
			tt("sentence", ut.Sentence)
		}
	}
}

// writeBaselineCSV writes the comparison with the baseline: sections
// baseline_meta, baseline (per unit and axis), baseline_naming (per unit,
// target and entry, with the label in statistic "term"), baseline_new_term
// and baseline_note.
func writeBaselineCSV(row func(section, unit, other, axis, term, stat, value string), b *Baseline) {
	meta := func(stat, v string) { row("baseline_meta", "", "", "", "", stat, v) }
	meta("articles", strconv.Itoa(b.Articles))
	if b.DateRange[0] != "" {
		meta("date_first", b.DateRange[0])
		meta("date_last", b.DateRange[1])
	}
	meta("alpha", ftoa(b.Alpha))
	meta("shift_rule", b.Rule)
	for _, bx := range b.Axes {
		for _, us := range bx.Units {
			r := func(stat, v string) { row("baseline", us.Unit, "", bx.Axis, "", stat, v) }
			r("n", strconv.Itoa(us.N))
			r("baseline_n", strconv.Itoa(us.BaselineN))
			for _, f := range []namedValue{{"mean", us.Mean}, {"baseline_mean", us.BaselineMean}, {"diff", us.Diff}, {"ci_low", us.CILow}, {"ci_high", us.CIHigh}} {
				if f.v != nil {
					r(f.name, ftoa(*f.v))
				}
			}
			if us.Skipped != "" {
				r("skipped", us.Skipped)
			} else {
				r("ci_method", us.CIMethod)
				r("u", ftoa(us.U))
				r("p", ftoa(us.P))
				r("exact", strconv.FormatBool(us.Exact))
				r("p_holm", ftoa(us.PHolm))
				r("cliffs_delta", ftoa(us.CliffsDelta))
			}
			r("shifted", strconv.FormatBool(us.Shifted))
			r("sentence", us.Sentence)
		}
	}
	for _, ns := range b.Naming {
		for _, l := range ns.Labels {
			r := func(stat, v string) { row("baseline_naming", ns.Unit, "", l.Target, l.Entry, stat, v) }
			r("term", l.Term)
			r("count", strconv.Itoa(l.Count))
			r("baseline_count", strconv.Itoa(l.BaselineCount))
			r("share", ftoa(l.Share))
			r("baseline_share", ftoa(l.BaselineShare))
			r("change", ftoa(l.Change))
		}
	}
	for _, d := range b.NewTerms {
		for _, t := range d.Terms {
			r := func(stat, v string) { row("baseline_new_term", d.Unit, "", "", t.Term, stat, v) }
			r("z", ftoa(t.Z))
			r("delta", ftoa(t.Delta))
			r("count", strconv.Itoa(t.Count))
			r("baseline_count", strconv.Itoa(t.Others))
			r("in_lexicon", strconv.FormatBool(t.Lexicon))
		}
	}
	for i, n := range b.Notes {
		row("baseline_note", "", "", "", "", strconv.Itoa(i+1), n)
	}
}
