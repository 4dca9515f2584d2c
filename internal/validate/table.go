package validate

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/stats"
)

// TableEntries is how many entries of each verdict the table lists; the
// JSON and CSV forms list them all.
const TableEntries = 15

// writeValidationTable prints the validation for reading: one section per
// question, each opening with a line saying what its numbers mean.
func writeValidationTable(w io.Writer, v *Validation) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	p := func(format string, args ...any) { fmt.Fprintf(tw, format, args...) }
	r := v.Result
	p("compare validate: lexicon %s %s (sha256 %.12s…) against labels from %s\n", v.Lexicon.Name, v.Lexicon.Version, v.Lexicon.SHA256, v.Labels)
	p("%s\n", r.DescribeLabels())
	if h := v.HeldOut; h != nil {
		p("\nHELD OUT\n")
		for _, line := range h.Describe() {
			p("%s\n", line)
		}
	}
	writeResultTable(tw, p, r)
	if cc := v.CrossCheck; cc != nil {
		tw.Flush()
		p("\nCROSS-CHECK: PRUNING ENTRIES BY DATA (%d folds by outlet, seed %d)\n", cc.Folds, cc.Seed)
		p("Each fold's outlets were scored again without the entries that the other folds' outlets found working against their lean; no outlet was scored by entries judged on it.\n\n")
		p("FOLD\tTRAIN OUTLETS\tTEST OUTLETS\tARTICLES\tDROPPED ENTRIES\n")
		for _, f := range cc.Splits {
			p("%s\t%d\t%d\t%d\t%s\n", f.Split, f.TrainOutlets, f.TestOutlets, f.TestArticles, dashIfEmpty(strings.Join(f.Dropped, ", ")))
		}
		tw.Flush()
		p("\nArticle-level AUC of the lexicon as written and of the articles scored by their folds' pruned lexicons, measured together:\n")
		for i, ar := range cc.Fitted.Axes {
			if len(cc.Fitted.Axes) > 1 {
				p("axis %s\n", ar.Axis)
			}
			p("PAIR\tAS WRITTEN\tPRUNED\tAS WRITTEN, WITH EVIDENCE\tPRUNED, WITH EVIDENCE\n")
			for j, pr := range ar.ArticleAUC {
				w := r.Axes[i].ArticleAUC[j]
				p("%s > %s\t%s\t%s\t%s\t%s\n", pr.Higher, pr.Lower, w.All.String(), pr.All.String(), w.WithEvidence.String(), pr.WithEvidence.String())
			}
			if sp, w := ar.Spearman, r.Axes[i].Spearman; sp != nil && w != nil {
				p("Spearman's rho of outlet means: as written %s, pruned %s; with evidence as written %s, pruned %s.\n",
					RhoString(w.All), RhoString(sp.All),
					RhoString(w.WithEvidence), RhoString(sp.WithEvidence))
			}
			tw.Flush()
		}
		writeFoldsTable(tw, p, cc)
	}
	return tw.Flush()
}

// DescribeLabels says in a sentence which labels were compared, how many
// articles and outlets each has, and how many articles had no label.
func (r *Result) DescribeLabels() string {
	var parts []string
	for i, l := range r.Labels {
		parts = append(parts, fmt.Sprintf("%s %d", l, r.ByLabel[i]))
	}
	kind := "Categorical labels"
	if r.Ordinal {
		kind = "Ordinal labels " + strings.Join(r.Labels, " < ")
	}
	s := fmt.Sprintf("%s: %s (%s) of %s", kind, english.Count(r.Articles, "labelled article", "labelled articles"), strings.Join(parts, ", "), english.Count(len(r.Outlets), "outlet", "outlets"))
	if r.Unlabelled > 0 {
		s += fmt.Sprintf("; %s without a label left out", english.Count(r.Unlabelled, "article", "articles"))
	}
	return s
}

// Describe says in sentences what the held-out measurement measured and
// what it left out.
func (h *HeldOut) Describe() []string {
	var out []string
	if h.TrainOutlets > 0 {
		out = append(out, fmt.Sprintf("Measured on %s that are not among the %s the lexicon was fitted on.",
			english.Count(len(h.Tested), "outlet", "outlets"), english.Count(h.TrainOutlets, "training outlet", "training outlets")))
	} else {
		out = append(out, fmt.Sprintf("Measured on the %s of the test outlets.", english.Count(len(h.Tested), "outlet", "outlets")))
	}
	if len(h.Shared) > 0 {
		out = append(out, fmt.Sprintf("Left out, being training outlets too: %s (%s).", strings.Join(oneLines(h.Shared), ", "), english.Count(h.SharedArticles, "article", "articles")))
	}
	if h.OtherArticles > 0 {
		out = append(out, fmt.Sprintf("Left out: %s of outlets that are not test outlets.", english.Count(h.OtherArticles, "article", "articles")))
	}
	return out
}

// writeResultTable prints the measurements of r, axis by axis, with the
// warnings and what the numbers do not show.
func writeResultTable(tw *tabwriter.Writer, p func(string, ...any), r *Result) {
	for _, ar := range r.Axes {
		tw.Flush()
		p("\nAXIS %s\n", ar.Axis)
		c := ar.Coverage
		var by []string
		for _, lc := range c.ByLabel {
			by = append(by, fmt.Sprintf("%s %s", lc.Label, pct(lc.Share)))
		}
		p("Evidence: %s of %d articles have at least one term bearing on the axis (n > 0): %s.\n", pct(c.Share), c.Articles, strings.Join(by, ", "))
		writeAUCs(p, r, ar)
		writeEntries(tw, p, r, ar)
	}
	if len(r.Warnings) > 0 {
		tw.Flush()
		p("\nWARNINGS\n")
		for _, w := range r.Warnings {
			p("- %s\n", record.OneLine(w))
		}
	}
	tw.Flush()
	p("\nWHAT THESE NUMBERS DO NOT SHOW\n")
	for _, l := range Limits {
		p("- %s\n", l)
	}
	for _, n := range r.Notes {
		p("- %s\n", record.OneLine(n))
	}
}

// writeAUCs prints the AUCs of one axis, at article and outlet level, and
// the rank correlation.
func writeAUCs(p func(string, ...any), r *Result, ar AxisResult) {
	p("\nAUC: the chance that an article of the first label scores higher than one of the second (0.5: no separation, 1: complete), with %s.\n", intervalName(r))
	p("ARTICLES\tALL ARTICLES [CI]\tN\tWITH EVIDENCE [CI]\tN\n")
	for _, pr := range ar.ArticleAUC {
		p("%s > %s\t%s\t%d / %d\t%s\t%d / %d\n", pr.Higher, pr.Lower, pr.All.String(), pr.All.NHigher, pr.All.NLower, pr.WithEvidence.String(), pr.WithEvidence.NHigher, pr.WithEvidence.NLower)
	}
	p("OUTLET MEANS\t\t\t\t\n")
	for _, pr := range ar.OutletAUC {
		p("%s > %s\t%s\t%d / %d\t%s\t%d / %d\n", pr.Higher, pr.Lower, pr.All.String(), pr.All.NHigher, pr.All.NLower, pr.WithEvidence.String(), pr.WithEvidence.NHigher, pr.WithEvidence.NLower)
	}
	if sp := ar.Spearman; sp != nil {
		p("Spearman's rho of outlet means with the label's rank: all articles %s (%s, %s); with evidence %s (%s, %s).\n",
			RhoString(sp.All), english.Count(sp.All.N, "outlet", "outlets"), describeP(sp.All.P),
			RhoString(sp.WithEvidence), english.Count(sp.WithEvidence.N, "outlet", "outlets"), describeP(sp.WithEvidence.P))
	}
}

// writeEntries prints the entry diagnostics of one axis, at most
// TableEntries of each verdict.
func writeEntries(tw *tabwriter.Writer, p func(string, ...any), r *Result, ar AxisResult) {
	if len(ar.Entries) == 0 {
		return
	}
	tw.Flush()
	p("\nENTRIES: how often each label's articles use an entry (per 1,000 articles) and whether that follows its lean; those that do not come first.\n")
	p("ENTRY\tLEAN")
	for _, l := range r.Labels {
		p("\t%s/1K", strings.ToUpper(l))
	}
	p("\tVERDICT\tWHY\n")
	shown, left := map[Verdict]int{}, map[Verdict]int{}
	for _, d := range ar.Entries {
		if shown[d.Verdict] >= TableEntries {
			left[d.Verdict]++
			continue
		}
		shown[d.Verdict]++
		p("%s\t%+.2f", d.Entry, d.Lean)
		for _, u := range d.Uses {
			p("\t%s", rate(u.Per1000))
		}
		p("\t%s\t%s\n", d.Verdict, record.OneLine(d.Reason))
	}
	tw.Flush()
	for _, v := range []Verdict{AgainstLean, NoSignal, WithLean, Separates, Neutral} {
		if n := left[v]; n > 0 {
			p("… and %d more %s with the verdict %q (the csv and json formats list every entry)\n", n, english.Plural(n, "entry", "entries"), string(v))
		}
	}
}

func intervalName(r *Result) string {
	if r.Resamples == 0 {
		return "no intervals (no resamples)"
	}
	return fmt.Sprintf("%g%% stratified bootstrap intervals (%d resamples, seed %d)", 100*r.Level, r.Resamples, r.Seed)
}

// String writes the AUC with its interval, "0.612 [0.571, 0.655]": the
// AUC alone without an interval, "-" without an AUC.
func (e AUCEstimate) String() string {
	if math.IsNaN(e.AUC) {
		return "-"
	}
	if math.IsNaN(e.Lo) {
		return fmt.Sprintf("%.3f", e.AUC)
	}
	return fmt.Sprintf("%.3f [%.3f, %.3f]", e.AUC, e.Lo, e.Hi)
}

// RhoString writes Spearman's rho with its interval, as AUCEstimate's
// String writes an AUC.
func RhoString(r stats.SpearmanResult) string {
	switch {
	case math.IsNaN(r.Rho):
		return "-"
	case math.IsNaN(r.Lo):
		return fmt.Sprintf("%.3f", r.Rho)
	}
	return fmt.Sprintf("%.3f [%.3f, %.3f]", r.Rho, r.Lo, r.Hi)
}

func pct(f float64) string {
	if math.IsNaN(f) {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*f)
}

func rate(f float64) string {
	if math.IsNaN(f) {
		return "-"
	}
	return fmt.Sprintf("%.1f", f)
}

func dashIfEmpty(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func oneLines(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = record.OneLine(s)
	}
	return out
}

// writeFoldsTable writes each fold's own AUC of the ends of the order and
// the entries whose direction differs from their lean on some fold.
func writeFoldsTable(tw *tabwriter.Writer, p func(string, ...any), cc *CrossCheck) {
	if len(cc.Splits) == 0 || len(cc.Splits[0].Ends) == 0 {
		return
	}
	p("\nEach fold's own articles alone, article-level AUC (held out for pruning; for the lexicon as written only if it was not grown on these outlets):\n")
	for ai, e := range cc.Splits[0].Ends {
		if len(cc.Splits[0].Ends) > 1 {
			p("axis %s\n", e.Axis)
		}
		p("FOLD\t%s > %s AS WRITTEN\tPRUNED\n", e.Higher, e.Lower)
		for _, f := range cc.Splits {
			p("%s\t%s\t%s\n", f.Split, AUCEstimate{AUC: f.Ends[ai].Written, Lo: math.NaN()}, AUCEstimate{AUC: f.Ends[ai].Pruned, Lo: math.NaN()})
		}
		tw.Flush()
	}
	var odd []EntryFolds
	steady := 0
	for _, e := range cc.Entries {
		if e.Against > 0 {
			odd = append(odd, e)
		} else if e.With > 0 {
			steady++
		}
	}
	p("\nEntries by fold: %s follow their lean on every fold whose articles use them at either end; %s go against it on at least one fold",
		english.Count(steady, "entry with a lean", "entries with a lean"), english.Count(len(odd), "entry", "entries"))
	if len(odd) == 0 {
		p(".\n")
		return
	}
	p(" (most folds against first):\n")
	slices.SortStableFunc(odd, func(a, b EntryFolds) int { return cmp.Compare(b.Against-b.With, a.Against-a.With) })
	p("ENTRY\tAXIS\tLEAN\tFOLDS WITH\tAGAINST\tUNUSED\n")
	for _, e := range odd[:min(len(odd), TableEntries)] {
		p("%s\t%s\t%+.2f\t%d\t%d\t%d\n", e.Entry, e.Axis, e.Lean, e.With, e.Against, e.Unused)
	}
	tw.Flush()
	if n := len(odd) - TableEntries; n > 0 {
		p("… and %s (the csv and json formats list every entry)\n", english.Count(n, "more entry", "more entries"))
	}
}
