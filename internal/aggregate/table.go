package aggregate

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/record"
)

// writeComparisonTable prints the comparison for reading: one section per
// question, each opening with a line saying what its numbers mean.
func writeComparisonTable(w io.Writer, c *Comparison) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	by := c.By
	p := func(format string, args ...any) { fmt.Fprintf(tw, format, args...) }
	section := func(title, meaning string) {
		tw.Flush()
		p("\n%s\n%s\n\n", title, meaning)
	}

	p("compare stats: %s, %s by %s", refString(c.Lexicon), english.Count(c.Articles, "article", "articles"), by)
	if c.DateRange[0] != "" {
		p(", %s to %s", c.DateRange[0], c.DateRange[1])
	}
	if c.Duplicates > 0 {
		p("; %s left out", english.Count(c.Duplicates, "duplicate record", "duplicate records"))
	}
	p("\n")

	section(strings.ToUpper(by)+"S",
		"Articles and tokens; loaded terms per 1,000 tokens (mean [95% CI] over articles); share of loaded terms in each voice (reported: in indirect speech, \"X said that ...\").")
	// A group's own group would be "GROUP GROUP": only outlets have one.
	groupCol := func(g string) string {
		if by == "group" {
			return ""
		}
		return dash(record.OneLine(g)) + "\t"
	}
	p("%s\t%sARTICLES\tTOKENS\tLOADED/1K [95%% CI]\tAUTHOR\tQUOTE\tDISTANCED\tREPORTED\tTESTS\n", strings.ToUpper(by), groupCol("GROUP"))
	for _, u := range c.Units {
		tested := "yes"
		if !u.Tested {
			tested = "no: " + u.Excluded
		}
		p("%s\t%s%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", record.OneLine(u.Name), groupCol(u.Group), u.Articles, u.Tokens,
			meanCI(u.LoadedPer1k, 1), share(u.VoiceShare, record.Author), share(u.VoiceShare, record.Quote), share(u.VoiceShare, record.Distanced),
			share(u.VoiceShare, record.Reported), tested)
	}

	if hasCredibility(c) {
		section("SOURCING",
			"How articles support their claims (pooled over the "+by+"'s articles): attributions per 1,000 tokens; share of claims with no identifiable source; share of attributions with a loaded verb (claimed, admitted); share of words inside quotations; hedges and intensifiers per 1,000 tokens outside quotes; most cited sides. This describes sourcing, never truth.")
		p("%s\tATTRIB/1K\tUNSOURCED\tLOADED VERBS\tQUOTED\tHEDGES/1K\tINTENS/1K\tCITED SIDES\n", strings.ToUpper(by))
		for _, u := range c.Units {
			cr := u.Credibility
			if cr == nil {
				continue
			}
			p("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", record.OneLine(u.Name), num(cr.AttributionsPer1k, 1), pct(cr.UnsourcedShare), pct(cr.LoadedShare),
				pct(cr.QuoteShare), num(cr.HedgesPer1k, 1), num(cr.IntensifiersPer1k, 1), topSides(cr.Sides, 3))
		}
	}

	section("STANCE BY AXIS",
		"Article stance scores from -1 to +1: mean [95% CI], SD, median (IQR, type-7 quartiles); n = articles with at least one term bearing on the axis.")
	for _, ax := range c.Axes {
		p("%s\n", axisTitle(ax))
		p("  %s\tN\tMEAN [95%% CI]\tSD\tMEDIAN (IQR)\n", strings.ToUpper(by))
		for _, u := range c.Units {
			s := u.Axes.Get(ax.ID)
			p("  %s\t%d\t%s\t%s\t%s\n", record.OneLine(u.Name), s.N, meanCI(s, 2), num(s.SD, 2), medianIQR(s))
		}
		tw.Flush()
	}

	section("FRAMING BY TARGET",
		"Mean valence of the words an outlet itself uses for a target, from -1 (hostile) to +1 (favourable); n = articles that name the target in their own voice. Rows with n = 0 are left out.")
	p("TARGET\t%s\tN\tMEAN [95%% CI]\tSD\tMEDIAN (IQR)\n", strings.ToUpper(by))
	for _, t := range c.Targets {
		for _, u := range c.Units {
			s := u.Targets.Get(t.ID)
			if s.N == 0 {
				continue
			}
			p("%s\t%s\t%d\t%s\t%s\t%s\n", t.ID, record.OneLine(u.Name), s.N, meanCI(s, 2), num(s.SD, 2), medianIQR(s))
		}
	}

	section("DIFFERENCES",
		fmt.Sprintf("Does one %s's articles score higher than another's? Kruskal–Wallis across all tested %ss, then each pair: Mann–Whitney p (Holm-adjusted) and Cliff's δ (the share of article pairs where the first scores higher minus the share where it scores lower).", by, by))
	all := append(slices.Clone(c.Tests), c.TargetTests...)
	sameReason := len(all) > 0
	for _, t := range all {
		sameReason = sameReason && t.KruskalWallis == nil && t.Skipped == all[0].Skipped
	}
	writeTests := func(ts []AxisTests, title func(AxisTests) string) {
		for _, t := range ts {
			kw := t.KruskalWallis
			if kw == nil {
				p("%s: not tested: %s\n", title(t), t.Skipped)
				continue
			}
			p("%s\n", title(t))
			p("  Kruskal–Wallis H = %.3f, df = %d, p %s (%s: %s)\n", kw.H, kw.DF, formatP(kw.P), english.Count(len(t.Units), by, by+"s"), strings.Join(t.Units, ", "))
			if r := ReachSentence(&t, by); r != "" {
				p("  %s\n", r)
			}
			for _, pr := range t.Pairs {
				p("  - %s\n", record.OneLine(pr.Sentence))
			}
			if t.PairsOmitted != "" {
				p("  no pairs: %s\n", t.PairsOmitted)
			}
			for _, unit := range slices.Sorted(maps.Keys(t.Excluded)) {
				p("  left out: %s (%s)\n", record.OneLine(unit), t.Excluded[unit])
			}
		}
	}
	if sameReason {
		p("Not tested: %s.\n", all[0].Skipped)
	} else {
		writeTests(c.Tests, func(t AxisTests) string { return "axis " + t.Axis })
		writeTests(c.TargetTests, func(t AxisTests) string { return "framing of " + t.Target })
	}

	section("NAMING",
		fmt.Sprintf("Which lexicon entries each %s uses for each target in its own voice: count (share of its own references to the target) and the forms it wrote. Uses inside quotations (a speaker's words) and held at a distance (\"so-called\") are listed beside and not counted.", by))
	for _, n := range c.Naming {
		p("%s\n", targetTitle(c.Targets, n.Target))
		p("  %s\tENTRY\tVALENCE\tCATEGORY\tOWN VOICE\tWRITTEN\tQUOTED OR DISTANCED\n", strings.ToUpper(by))
		used := n.UsedBy()
		for _, u := range c.Units {
			// Each unit's entries, most used in its own voice first.
			labels := used[u.Name]
			slices.SortStableFunc(labels, func(x, y *NamingLabel) int { return cmp.Compare(y.Counts[u.Name], x.Counts[u.Name]) })
			for _, l := range labels {
				k, quoted, distanced := l.Counts[u.Name], l.Quoted[u.Name], l.Distanced[u.Name]
				own := "-"
				if k > 0 {
					own = fmt.Sprintf("%d (%.0f%%)", k, 100*n.Share(l, u.Name))
				}
				var others []string
				if len(quoted) > 0 {
					others = append(others, "quoted: "+FormList(quoted))
				}
				if len(distanced) > 0 {
					others = append(others, "distanced: "+FormList(distanced))
				}
				p("  %s\t%s\t%+.2f\t%s\t%s\t%s\t%s\n", record.OneLine(u.Name), record.OneLine(l.Label), l.Valence, l.Category,
					own, dash(record.OneLine(FormList(l.Forms[u.Name]))), dash(record.OneLine(strings.Join(others, "; "))))
			}
		}
		tw.Flush()
		p("\n")
	}

	section("DISTINCTIVE TERMS",
		fmt.Sprintf("Words and phrases %s uses more than all others: log-odds z with an informative Dirichlet prior (Monroe et al. 2008), counts here and in the rest. LEXICON says whether the term is, or holds, a lexicon form; a term that is not is a candidate entry.", anA(by)))
	p("%s\tTERM\tZ\tCOUNT\tOTHERS\tLEXICON\n", strings.ToUpper(by))
	writeTermRows(p, c.Distinctive)

	if m := c.Map; m != nil {
		section("OUTLET MAP",
			fmt.Sprintf("Correspondence analysis of %ss × lexicon entries (author voice): %ss that use entries in similar proportions lie close, and near the entries they favour. Axis 1 holds %.0f%% of the inertia, axis 2 %.0f%%.",
				by, by, 100*m.Inertia[0], 100*m.Inertia[1]))
		p("\tNAME\tX\tY\tMASS\n")
		for _, pt := range m.Units {
			p("%s\t%s\t%s\t%s\t%.3f\n", by, record.OneLine(pt.Name), coord(pt.X), coord(pt.Y), pt.Mass)
		}
		for _, pt := range m.Entries {
			p("entry\t%s\t%s\t%s\t%.3f\n", record.OneLine(cmp.Or(pt.Label, pt.Name)), coord(pt.X), coord(pt.Y), pt.Mass)
		}
	}

	if w := c.WithinEvents; w != nil {
		writeWithinEventsTable(p, section, c, w)
	}
	if c.Trends != nil {
		writeTrendsTable(p, section, tw.Flush, c)
	}
	if c.Baseline != nil {
		writeBaselineTable(p, section, tw.Flush, c)
	}

	section("NOTES", "What these numbers can and cannot tell.")
	for _, n := range c.Notes {
		p("- %s\n", n)
	}
	return tw.Flush()
}

// coord formats a map coordinate, without the "-0.000" of rounding noise.
func coord(v float64) string {
	s := strconv.FormatFloat(v, 'f', 3, 64)
	if s == "-0.000" {
		s = "0.000"
	}
	if v >= 0 || s == "0.000" {
		s = "+" + s
	}
	return s
}

// anA puts the indefinite article before the unit word.
func anA(by string) string {
	if by == "outlet" {
		return "an outlet"
	}
	return "a " + by
}

// FormList writes forms with their counts: "Raisi ×3, Amir-Abdollahian
// ×2".
func FormList(fs []FormCount) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = fmt.Sprintf("%s ×%d", f.Form, f.Count)
	}
	return strings.Join(parts, ", ")
}

func targetTitle(targets []Label, id string) string {
	for _, t := range targets {
		if t.ID == id && t.Label != "" && t.Label != id {
			return fmt.Sprintf("%s (%s)", id, t.Label)
		}
	}
	return id
}

func axisTitle(ax Label) string {
	if ax.Label == "" || ax.Label == ax.ID {
		return "axis " + ax.ID
	}
	return fmt.Sprintf("axis %s (%s)", ax.ID, ax.Label)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// num formats an optional number with prec decimals, "-" when absent.
func num(v *float64, prec int) string {
	if v == nil {
		return "-"
	}
	return strconv.FormatFloat(*v, 'f', prec, 64)
}

func meanCI(s Summary, prec int) string {
	if s.Mean == nil {
		return "-"
	}
	out := num(s.Mean, prec)
	if s.CILow != nil && s.CIHigh != nil {
		out += " [" + num(s.CILow, prec) + ", " + num(s.CIHigh, prec) + "]"
	}
	return out
}

func medianIQR(s Summary) string {
	if s.Median == nil {
		return "-"
	}
	return num(s.Median, 2) + " (" + num(s.IQR, 2) + ")"
}

func share(m map[record.Voice]float64, v record.Voice) string {
	s, ok := m[v]
	if !ok || math.IsNaN(s) {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*s)
}

func hasCredibility(c *Comparison) bool {
	for _, u := range c.Units {
		if u.Credibility != nil {
			return true
		}
	}
	return false
}

// pct writes a share as a percentage, or "-".
func pct(v *float64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100**v)
}

// topSides names the most cited sides, most cited first.
func topSides(sides map[string]int, max int) string {
	ids := slices.Sorted(maps.Keys(sides))
	sort.SliceStable(ids, func(i, j int) bool { return sides[ids[i]] > sides[ids[j]] })
	var parts []string
	for _, id := range ids {
		if sides[id] == 0 || len(parts) == max {
			break
		}
		parts = append(parts, fmt.Sprintf("%s %d", id, sides[id]))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}

// writeWithinEventsTable prints the comparisons within shared events:
// per axis, a row per pair of units that reported an event in common,
// then the verdicts in sentences.
func writeWithinEventsTable(p func(string, ...any), section func(string, string), c *Comparison, w *WithinEvents) {
	by := c.By
	section("WITHIN SHARED EVENTS", fmt.Sprintf("%s grouped by compare events (window %s, threshold %.2f). "+
		"For each pair of %ss, the events both reported: %s's stance on an event is the mean of its terms over its reports of it; "+
		"the paired Wilcoxon signed-rank test asks whether one is higher event by event (Holm over the pairs tested), "+
		"and needs at least %d events with terms from both to reach p < %g. "+
		"VERDICT: naming = the difference holds within shared events; selection = it is in the overall means but not within shared events "+
		"(less than half as large there, or reversed); unclear = as large within but not significant; too-few = not testable; none = no difference either way.",
		english.Count(w.Events, "event", "events")+" reported by two or more "+by+"s,", w.Window, w.Threshold, by, anA(by), w.MinShared, Alpha))
	for _, ax := range w.Axes {
		label := ax.Axis
		for _, l := range c.Axes {
			if l.ID == ax.Axis {
				label = axisTitle(l)
			}
		}
		p("%s\n", label)
		if len(ax.Pairs) == 0 {
			p("  no two %ss reported an event in common\n", by)
			continue
		}
		p("  A\tB\tSHARED\tPAIRED\tMEAN DIFF\tOVERALL DIFF\tV\tP (HOLM)\tOVERALL P (HOLM)\tVERDICT\n")
		for _, pr := range ax.Pairs {
			p("  %s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", record.OneLine(pr.A), record.OneLine(pr.B), pr.Shared, pr.Paired,
				signed(pr.MeanDiff), signed(pr.OverallDiff), num(pr.V, 1), pValue(pr.PHolm), pValue(pr.OverallPHolm), pr.Verdict)
		}
		p("\n")
		for _, pr := range ax.Pairs {
			if pr.Verdict != VerdictTooFew {
				p("  - %s\n", record.OneLine(pr.Sentence))
			}
		}
		if ax.Tested > 0 {
			p("  %s tested; with Holm's adjustment over %d, the most significant needs at least %d shared events to reach p < %g.\n",
				english.Count(ax.Tested, "pair", "pairs"), ax.Tested, ax.HolmShared, Alpha)
		}
		if n := tooFew(ax); n > 0 {
			p("  %s not tested: fewer than %d events with terms from both.\n", english.Count(n, "pair", "pairs"), w.MinShared)
		}
	}
}

// writeTrendsTable prints the trends section: per axis and unit, the
// sentence, then the unit's periods with their means and intervals.
func writeTrendsTable(p func(string, ...any), section func(title, meaning string), flush func() error, c *Comparison) {
	tr := c.Trends
	section("TRENDS BY "+strings.ToUpper(tr.Period),
		fmt.Sprintf("Mean stance per %s and %s [95%% CI]; ARTICLES = dated articles of the %s, N = those with evidence on the axis; * = fewer than %d with evidence (shown, left out of the line, interval rough). Trend: Kendall's τ of each article's score against its date, Holm-adjusted over the %ss of an axis.",
			c.By, tr.Period, tr.Period, tr.MinArticles, c.By))
	if tr.Dated == 0 {
		p("No record has a date.\n")
		return
	}
	p("%d %ss from %s to %s; %d dated records, %d undated.\n", len(tr.Periods), tr.Period, tr.Periods[0], tr.Periods[len(tr.Periods)-1], tr.Dated, tr.Undated)
	for _, at := range tr.Axes {
		p("\n%s\n", axisTitle(labelFor(c.Axes, at.Axis)))
		for _, ut := range at.Units {
			p("%s\n", record.OneLine(ut.Sentence))
			p("  %s\tARTICLES\tN\tMEAN [95%% CI]\n", strings.ToUpper(tr.Period))
			for _, cell := range ut.Cells {
				mark := ""
				if cell.Few {
					mark = "*"
				}
				p("  %s%s\t%d\t%d\t%s\n", cell.Period, mark, cell.Articles, cell.N, meanCI(cell.Summary, 2))
			}
			flush()
		}
	}
}

// signed formats an optional difference with its sign, "-" when absent.
func signed(v *float64) string {
	if v == nil {
		return "-"
	}
	s := fmt.Sprintf("%+.2f", *v)
	if s == "-0.00" || s == "+0.00" {
		return "0.00" // rounding noise has no sign
	}
	return s
}

// pValue formats an optional p-value, "-" when absent.
func pValue(v *float64) string {
	if v == nil {
		return "-"
	}
	return strings.TrimPrefix(formatP(*v), "= ")
}

// tooFew counts the pairs of ax with too few shared events to test.
func tooFew(ax WithinAxis) int {
	n := 0
	for _, p := range ax.Pairs {
		if p.Verdict == VerdictTooFew {
			n++
		}
	}
	return n
}

// labelFor returns the Label of id among ls, or the id alone.
func labelFor(ls []Label, id string) Label {
	for _, l := range ls {
		if l.ID == id {
			return l
		}
	}
	return Label{ID: id, Label: id}
}

// writeBaselineTable prints the comparison with the baseline: per axis a
// row per unit and the sentences of the shifts, then naming changes, new
// terms and the baseline's notes.
func writeBaselineTable(p func(string, ...any), section func(title, meaning string), flush func() error, c *Comparison) {
	b := c.Baseline
	by := strings.ToUpper(c.By)
	section("AGAINST THE BASELINE", fmt.Sprintf("Each %s's new articles against its baseline: mean stance now and before, their difference [95%% CI], Mann–Whitney p (Holm-adjusted over the %ss of an axis) and Cliff's δ (positive: the new articles score higher). %s",
		c.By, c.By, b.Rule))
	p("Baseline: %s", english.Count(b.Articles, "record", "records"))
	if b.DateRange[0] != "" {
		p(", %s to %s", b.DateRange[0], b.DateRange[1])
	}
	p(".\n")
	if len(b.Shifted) == 0 {
		p("Nothing shifted.\n")
	} else {
		p("Shifted: %s.\n", record.OneLine(strings.Join(b.Shifted, ", ")))
	}
	for _, bx := range b.Axes {
		p("\n%s\n", axisTitle(labelFor(c.Axes, bx.Axis)))
		p("  %s\tN\tBASELINE N\tMEAN\tBASELINE\tDIFF [95%% CI]\tHOLM P\tCLIFF'S δ\tSHIFTED\n", by)
		for _, us := range bx.Units {
			if us.Skipped != "" {
				p("  %s\t%d\t%d\t%s\t%s\t-\t-\t-\tnot compared: %s\n", record.OneLine(us.Unit), us.N, us.BaselineN, num(us.Mean, 2), num(us.BaselineMean, 2), us.Skipped)
				continue
			}
			shifted := "no"
			if us.Shifted {
				shifted = "YES"
			}
			p("  %s\t%d\t%d\t%s\t%s\t%s [%s, %s]\t%s\t%+.2f\t%s\n", record.OneLine(us.Unit), us.N, us.BaselineN, num(us.Mean, 2), num(us.BaselineMean, 2),
				num(us.Diff, 2), num(us.CILow, 2), num(us.CIHigh, 2), strings.TrimPrefix(formatP(us.PHolm), "= "), us.CliffsDelta, shifted)
		}
		flush()
		for _, us := range bx.Units {
			if us.Shifted {
				p("  - %s\n", record.OneLine(us.Sentence))
			}
		}
	}
	section("NAMING AGAINST THE BASELINE", fmt.Sprintf("The labels whose share of %s's references to their target changed most: share now (count) and in the baseline (count), change in percentage points.", anA(c.By)))
	p("%s\tTARGET\tLABEL\tNOW\tBASELINE\tCHANGE\tWRITTEN NOW\tWRITTEN BEFORE\n", by)
	for _, ns := range b.Naming {
		for _, l := range ns.Labels {
			p("%s\t%s\t%s\t%.0f%% (%d)\t%.0f%% (%d)\t%+.0f\t%s\t%s\n", record.OneLine(ns.Unit), l.Target, record.OneLine(l.Label), 100*l.Share, l.Count, 100*l.BaselineShare, l.BaselineCount, 100*l.Change,
				dash(record.OneLine(FormList(l.Forms))), dash(record.OneLine(FormList(l.BaselineForms))))
		}
	}
	section("NEW TERMS AGAINST THE BASELINE", fmt.Sprintf("Words and phrases %s's new articles use more than its own baseline: log-odds z with an informative Dirichlet prior, counts now and in the baseline. LEXICON says whether the term is, or holds, a lexicon form; a term that is not is a candidate entry.", anA(c.By)))
	p("%s\tTERM\tZ\tCOUNT\tBASELINE\tLEXICON\n", by)
	writeTermRows(p, b.NewTerms)
	flush()
	for _, n := range b.Notes {
		p("- %s\n", n)
	}
}

// writeTermRows prints one row per term: unit, term, z, the count, the
// count in the reference and whether it is in the lexicon.
func writeTermRows(p func(string, ...any), ds []Distinctive) {
	for _, d := range ds {
		for _, t := range d.Terms {
			in := "yes"
			if !t.Lexicon {
				in = "no: candidate"
			}
			p("%s\t%s\t%.2f\t%d\t%d\t%s\n", record.OneLine(d.Unit), record.OneLine(t.Term), t.Z, t.Count, t.Others, in)
		}
	}
}
