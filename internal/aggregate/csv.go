package aggregate

import (
	"encoding/csv"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/record"
)

// CSVHeader is the header of the tidy CSV form of a Comparison.
var CSVHeader = []string{"section", "unit", "other", "axis_or_target", "term", "statistic", "value", "text"}

// writeComparisonCSV writes one value a row. section says which part of
// the comparison a row belongs to; unit and other name the units (other
// only for pairs; in naming_form rows it is the entry); axis_or_target the
// axis or target id; term a lexicon entry, a form a unit wrote (naming_form,
// with the voice as statistic and the count as value) or a distinctive word
// or phrase.
//
// value holds numbers only, so that R's read.csv and pandas.read_csv read
// the column as numeric without help: counts, statistics, and booleans as
// 1 or 0. text holds what is not a number: names, hashes, methods,
// sentences and notes, and "true" or "false" beside a boolean's 1 or 0. A
// row has a value, a text, or both; the codebook (compare schema
// stats-csv) says which for each statistic.
func writeComparisonCSV(w io.Writer, c *Comparison) error {
	cw := csv.NewWriter(w)
	t := &tidy{cw}
	row, num, count, flag := t.text, t.num, t.count, t.flag
	cw.Write(CSVHeader)
	row("meta", "", "", "", "", "schema", c.Schema)
	row("meta", "", "", "", "", "lexicon", c.Lexicon.Name)
	row("meta", "", "", "", "", "lexicon_version", c.Lexicon.Version)
	row("meta", "", "", "", "", "lexicon_sha256", c.Lexicon.SHA256)
	row("meta", "", "", "", "", "by", c.By)
	count("meta", "", "", "", "", "articles", c.Articles)
	if c.Duplicates > 0 {
		count("meta", "", "", "", "", "duplicates", c.Duplicates)
	}
	count("meta", "", "", "", "", "bootstrap", c.Bootstrap)
	cw.Write([]string{"meta", "", "", "", "", "seed", strconv.FormatUint(c.Seed, 10), ""})
	count("meta", "", "", "", "", "min_articles", c.MinArticles)
	row("meta", "", "", "", "", "quantiles", c.Quantiles)
	if c.DateRange[0] != "" {
		row("meta", "", "", "", "", "date_first", c.DateRange[0])
		row("meta", "", "", "", "", "date_last", c.DateRange[1])
	}
	summary := func(section, unit, axis string, s Summary) {
		t.summary(section, unit, axis, "", s)
	}
	for _, u := range c.Units {
		if u.Group != "" {
			row("unit", u.Name, "", "", "", "group", u.Group)
		}
		count("unit", u.Name, "", "", "", "articles", u.Articles)
		count("unit", u.Name, "", "", "", "tokens", u.Tokens)
		flag("unit", u.Name, "", "", "", "tested", u.Tested)
		if u.Excluded != "" {
			row("unit", u.Name, "", "", "", "excluded", u.Excluded)
		}
		for _, v := range record.Voices {
			if s, ok := u.VoiceShare[v]; ok {
				num("voice_share", u.Name, "", "", "", string(v), s)
			}
		}
		summary("loaded_per_1k", u.Name, "", u.LoadedPer1k)
		for _, ax := range c.Axes {
			summary("axis", u.Name, ax.ID, u.Axes.Get(ax.ID))
		}
		for _, t := range c.Targets {
			summary("target", u.Name, t.ID, u.Targets.Get(t.ID))
		}
		if cr := u.Credibility; cr != nil {
			for _, f := range credibilityFields(cr) {
				if f.v != nil {
					num("credibility", u.Name, "", "", "", f.name, *f.v)
				}
			}
			for _, side := range slices.Sorted(maps.Keys(cr.Sides)) {
				count("credibility_side", u.Name, "", "", side, "citations", cr.Sides[side])
			}
			for _, nc := range cr.Cited {
				count("credibility_cited", u.Name, "", "", nc.Name, "citations", nc.Count)
			}
		}
	}
	tests := func(section string, ts []AxisTests) {
		for _, t := range ts {
			id := t.Axis + t.Target
			if t.KruskalWallis != nil {
				num(section+"_kruskal_wallis", "", "", id, "", "h", t.KruskalWallis.H)
				count(section+"_kruskal_wallis", "", "", id, "", "df", t.KruskalWallis.DF)
				num(section+"_kruskal_wallis", "", "", id, "", "p", t.KruskalWallis.P)
			}
			if t.Skipped != "" {
				row(section+"_kruskal_wallis", "", "", id, "", "skipped", t.Skipped)
			}
			if t.MinPHolm > 0 {
				num(section+"_pair", "", "", id, "", "min_p_holm", t.MinPHolm)
			}
			if t.Needed > 0 {
				count(section+"_pair", "", "", id, "", "articles_needed", t.Needed)
			}
			if t.PairsOmitted != "" {
				row(section+"_pair", "", "", id, "", "omitted", t.PairsOmitted)
			}
			for _, unit := range slices.Sorted(maps.Keys(t.Excluded)) {
				row(section+"_kruskal_wallis", unit, "", id, "", "excluded", t.Excluded[unit])
			}
			for _, p := range t.Pairs {
				pair := func(stat string, v float64) { num(section+"_pair", p.A, p.B, id, "", stat, v) }
				pair("n_a", float64(p.NA))
				pair("n_b", float64(p.NB))
				pair("u", p.U)
				pair("p", p.P)
				flag(section+"_pair", p.A, p.B, id, "", "exact", p.Exact)
				pair("min_p", p.MinP)
				pair("p_holm", p.PHolm)
				pair("cliffs_delta", p.CliffsDelta)
				row(section+"_pair", p.A, p.B, id, "", "sentence", p.Sentence)
			}
		}
	}
	tests("axis", c.Tests)
	tests("target", c.TargetTests)
	for _, n := range c.Naming {
		referring := slices.Sorted(maps.Keys(n.References))
		for i := range n.Labels {
			l := &n.Labels[i]
			row("naming", "", "", n.Target, l.Entry, "label", l.Label)
			for _, unit := range referring {
				count("naming", unit, "", n.Target, l.Entry, "count", l.Counts[unit])
				num("naming", unit, "", n.Target, l.Entry, "share", n.Share(l, unit))
			}
			for _, v := range []struct {
				voice record.Voice
				forms map[string][]FormCount
			}{{record.Author, l.Forms}, {record.Quote, l.Quoted}, {record.Distanced, l.Distanced}} {
				for _, unit := range slices.Sorted(maps.Keys(v.forms)) {
					for _, f := range v.forms[unit] {
						count("naming_form", unit, l.Entry, n.Target, f.Form, string(v.voice), f.Count)
					}
				}
			}
		}
	}
	for _, d := range c.Distinctive {
		t.terms("distinctive", "others", d)
	}
	if m := c.Map; m != nil {
		num("map", "", "", "", "", "inertia_1", m.Inertia[0])
		num("map", "", "", "", "", "inertia_2", m.Inertia[1])
		for _, p := range m.Units {
			num("map_unit", p.Name, "", "", "", "x", p.X)
			num("map_unit", p.Name, "", "", "", "y", p.Y)
			num("map_unit", p.Name, "", "", "", "mass", p.Mass)
		}
		for _, p := range m.Entries {
			num("map_entry", "", "", "", p.Name, "x", p.X)
			num("map_entry", "", "", "", p.Name, "y", p.Y)
			num("map_entry", "", "", "", p.Name, "mass", p.Mass)
		}
	}
	if w := c.WithinEvents; w != nil {
		writeWithinEventsCSV(t, w)
	}
	if tr := c.Trends; tr != nil {
		writeTrendsCSV(t, tr)
	}
	if b := c.Baseline; b != nil {
		writeBaselineCSV(t, b)
	}
	for i, n := range c.Notes {
		t.note("note", i+1, n)
	}
	cw.Flush()
	return cw.Error()
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
func writeWithinEventsCSV(t *tidy, w *WithinEvents) {
	t.text("within_events", "", "", "", "", "window", w.Window)
	t.num("within_events", "", "", "", "", "threshold", w.Threshold)
	t.count("within_events", "", "", "", "", "events", w.Events)
	t.count("within_events", "", "", "", "", "min_shared", w.MinShared)
	for _, ax := range w.Axes {
		t.count("within_events", "", "", ax.Axis, "", "tested", ax.Tested)
		if ax.HolmShared > 0 {
			t.count("within_events", "", "", ax.Axis, "", "holm_shared", ax.HolmShared)
		}
		for _, p := range ax.Pairs {
			pair := func(stat string, v float64) { t.num("within_pair", p.A, p.B, ax.Axis, "", stat, v) }
			pair("shared", float64(p.Shared))
			pair("paired", float64(p.Paired))
			for _, f := range []namedValue{{"mean_diff", p.MeanDiff}, {"overall_diff", p.OverallDiff}, {"v", p.V}, {"p", p.P}} {
				if f.v != nil {
					pair(f.name, *f.v)
				}
			}
			if p.P != nil {
				t.flag("within_pair", p.A, p.B, ax.Axis, "", "exact", p.Exact)
			}
			for _, f := range []namedValue{{"p_holm", p.PHolm}, {"rank_biserial", p.RankBiserial}, {"overall_p_holm", p.OverallPHolm}} {
				if f.v != nil {
					pair(f.name, *f.v)
				}
			}
			t.text("within_pair", p.A, p.B, ax.Axis, "", "verdict", p.Verdict)
			t.text("within_pair", p.A, p.B, ax.Axis, "", "sentence", p.Sentence)
		}
	}
}

// CSVNumber writes a number for a CSV column that R's read.csv and
// pandas.read_csv must read as numeric: the fewest digits that read back
// as the same float64, and infinities and NaN as R writes them ("Inf",
// "-Inf", "NaN"; Go would write "+Inf").
func CSVNumber(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	case math.IsNaN(f):
		return "NaN"
	}
	return ftoa(f)
}

// tidy writes the rows of the tidy CSV: text rows leave value empty,
// numeric rows leave text empty, and boolean rows fill both (1 or 0, true
// or false).
type tidy struct{ cw *csv.Writer }

func (t *tidy) text(section, unit, other, axis, term, stat, text string) {
	t.cw.Write([]string{section, unit, other, axis, term, stat, "", text})
}

func (t *tidy) num(section, unit, other, axis, term, stat string, v float64) {
	t.cw.Write([]string{section, unit, other, axis, term, stat, CSVNumber(v), ""})
}

func (t *tidy) count(section, unit, other, axis, term, stat string, n int) {
	t.cw.Write([]string{section, unit, other, axis, term, stat, strconv.Itoa(n), ""})
}

func (t *tidy) flag(section, unit, other, axis, term, stat string, b bool) {
	v := "0"
	if b {
		v = "1"
	}
	t.cw.Write([]string{section, unit, other, axis, term, stat, v, strconv.FormatBool(b)})
}

// note writes the i-th note of a section (from 1): statistic "note", its
// number in value and its words in text.
func (t *tidy) note(section string, i int, words string) {
	t.cw.Write([]string{section, "", "", "", "", "note", strconv.Itoa(i), words})
}

// terms writes a unit's distinctive terms, a row per term and statistic;
// others names the statistic of the count in the reference (the other
// units, or the unit's baseline).
func (t *tidy) terms(section, others string, d Distinctive) {
	for _, dt := range d.Terms {
		t.num(section, d.Unit, "", "", dt.Term, "z", dt.Z)
		t.num(section, d.Unit, "", "", dt.Term, "delta", dt.Delta)
		t.count(section, d.Unit, "", "", dt.Term, "count", dt.Count)
		t.count(section, d.Unit, "", "", dt.Term, others, dt.Others)
		t.flag(section, d.Unit, "", "", dt.Term, "in_lexicon", dt.Lexicon)
	}
}

// summary writes a Summary one statistic a row: n, then the numbers it
// has, then the interval's method in text.
func (t *tidy) summary(section, unit, axis, term string, s Summary) {
	t.count(section, unit, "", axis, term, "n", s.N)
	for _, f := range []namedValue{{"mean", s.Mean}, {"sd", s.SD}, {"median", s.Median}, {"q1", s.Q1}, {"q3", s.Q3}, {"iqr", s.IQR}, {"ci_low", s.CILow}, {"ci_high", s.CIHigh}} {
		if f.v != nil {
			t.num(section, unit, "", axis, term, f.name, *f.v)
		}
	}
	if s.CIMethod != "" {
		t.text(section, unit, "", axis, term, "ci_method", s.CIMethod)
	}
}

// writeTrendsCSV writes the trends: section "period" per unit, axis and
// period (term holds the period label), "trend" per unit and axis.
// Numbers go in value, words (the period, the direction, the sentence) in
// text, as in the rest of the tidy CSV.
func writeTrendsCSV(t *tidy, tr *Trends) {
	t.text("meta", "", "", "", "", "period", tr.Period)
	t.count("meta", "", "", "", "", "dated", tr.Dated)
	t.count("meta", "", "", "", "", "undated", tr.Undated)
	for _, at := range tr.Axes {
		for _, ut := range at.Units {
			for _, cell := range ut.Cells {
				t.count("period", ut.Unit, "", at.Axis, cell.Period, "articles", cell.Articles)
				t.flag("period", ut.Unit, "", at.Axis, cell.Period, "few", cell.Few)
				t.summary("period", ut.Unit, at.Axis, cell.Period, cell.Summary)
			}
			num := func(stat string, v float64) { t.num("trend", ut.Unit, "", at.Axis, "", stat, v) }
			text := func(stat, v string) { t.text("trend", ut.Unit, "", at.Axis, "", stat, v) }
			if tt := ut.Test; tt != nil {
				t.count("trend", ut.Unit, "", at.Axis, "", "n", tt.N)
				num("tau", tt.Tau)
				if tt.Z != nil {
					num("z", *tt.Z)
				}
				num("p", tt.P)
				t.flag("trend", ut.Unit, "", at.Axis, "", "exact", tt.Exact)
				num("p_holm", tt.PHolm)
				for _, f := range []namedValue{{"slope_per_period", tt.Slope}, {"from", tt.From}, {"to", tt.To}} {
					if f.v != nil {
						num(f.name, *f.v)
					}
				}
				if tt.FirstPeriod != "" {
					text("first_period", tt.FirstPeriod)
					text("last_period", tt.LastPeriod)
				}
				if tt.Direction != "" {
					text("direction", tt.Direction)
				}
			} else {
				text("skipped", ut.Skipped)
			}
			text("sentence", ut.Sentence)
		}
	}
}

// writeBaselineCSV writes the comparison with the baseline: sections
// baseline_meta, baseline (per unit and axis), baseline_naming (per unit,
// target and entry, with the label in statistic "term"), baseline_new_term
// and baseline_note (statistic "note": its number in value, its words in
// text, as the comparison's notes). Numbers go in value, words in text.
func writeBaselineCSV(t *tidy, b *Baseline) {
	t.count("baseline_meta", "", "", "", "", "articles", b.Articles)
	if b.DateRange[0] != "" {
		t.text("baseline_meta", "", "", "", "", "date_first", b.DateRange[0])
		t.text("baseline_meta", "", "", "", "", "date_last", b.DateRange[1])
	}
	t.num("baseline_meta", "", "", "", "", "alpha", b.Alpha)
	t.text("baseline_meta", "", "", "", "", "shift_rule", b.Rule)
	for _, bx := range b.Axes {
		for _, us := range bx.Units {
			num := func(stat string, v float64) { t.num("baseline", us.Unit, "", bx.Axis, "", stat, v) }
			text := func(stat, v string) { t.text("baseline", us.Unit, "", bx.Axis, "", stat, v) }
			flag := func(stat string, v bool) { t.flag("baseline", us.Unit, "", bx.Axis, "", stat, v) }
			t.count("baseline", us.Unit, "", bx.Axis, "", "n", us.N)
			t.count("baseline", us.Unit, "", bx.Axis, "", "baseline_n", us.BaselineN)
			for _, f := range []namedValue{{"mean", us.Mean}, {"baseline_mean", us.BaselineMean}, {"diff", us.Diff}, {"ci_low", us.CILow}, {"ci_high", us.CIHigh}} {
				if f.v != nil {
					num(f.name, *f.v)
				}
			}
			if us.Skipped != "" {
				text("skipped", us.Skipped)
			} else {
				text("ci_method", us.CIMethod)
				num("u", us.U)
				num("p", us.P)
				flag("exact", us.Exact)
				num("p_holm", us.PHolm)
				num("cliffs_delta", us.CliffsDelta)
			}
			flag("shifted", us.Shifted)
			text("sentence", us.Sentence)
		}
	}
	for _, ns := range b.Naming {
		for _, l := range ns.Labels {
			row := func(stat string, v float64) { t.num("baseline_naming", ns.Unit, "", l.Target, l.Entry, stat, v) }
			t.text("baseline_naming", ns.Unit, "", l.Target, l.Entry, "label", l.Label)
			// A unit that no longer (or not yet) writes the entry has no
			// forms: no row, as the JSON omits them.
			if len(l.Forms) > 0 {
				t.text("baseline_naming", ns.Unit, "", l.Target, l.Entry, "forms", FormList(l.Forms))
			}
			if len(l.BaselineForms) > 0 {
				t.text("baseline_naming", ns.Unit, "", l.Target, l.Entry, "baseline_forms", FormList(l.BaselineForms))
			}
			t.count("baseline_naming", ns.Unit, "", l.Target, l.Entry, "count", l.Count)
			t.count("baseline_naming", ns.Unit, "", l.Target, l.Entry, "baseline_count", l.BaselineCount)
			row("share", l.Share)
			row("baseline_share", l.BaselineShare)
			row("change", l.Change)
		}
	}
	for _, d := range b.NewTerms {
		t.terms("baseline_new_term", "baseline_count", d)
	}
	for i, n := range b.Notes {
		t.note("baseline_note", i+1, n)
	}
}
