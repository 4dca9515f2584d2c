package validate

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"
)

// CSVHeader is the header of the tidy CSV form of a Validation.
var CSVHeader = []string{"section", "subset", "axis", "label", "other", "name", "statistic", "value"}

// writeValidationCSV writes one value a row. section says which part of
// the validation a row belongs to (a cross-check's measurement repeats the
// sections with the prefix "cross_check_"); subset is "all" or
// "with_evidence" for AUCs and correlations; label and other are the
// labels compared (other only for pairs); name an outlet, entry or fold.
// Numbers that could not be computed are NA.
func writeValidationCSV(w io.Writer, v *Validation) error {
	cw := csv.NewWriter(w)
	cw.Write(CSVHeader)
	row := func(section, subset, axis, label, other, name, stat, value string) {
		cw.Write([]string{section, subset, axis, label, other, name, stat, value})
	}
	meta := func(stat, value string) { row("meta", "", "", "", "", "", stat, value) }
	meta("schema", v.Schema)
	meta("lexicon", v.Lexicon.Name)
	meta("lexicon_version", v.Lexicon.Version)
	meta("lexicon_sha256", v.Lexicon.SHA256)
	meta("labels", v.Labels)
	writeResultCSV(row, "", v.Result)
	if h := v.HeldOut; h != nil {
		row("held_out", "", "", "", "", "", "train_outlets", strconv.Itoa(h.TrainOutlets))
		row("held_out", "", "", "", "", "", "shared_articles", strconv.Itoa(h.SharedArticles))
		row("held_out", "", "", "", "", "", "other_articles", strconv.Itoa(h.OtherArticles))
		for _, o := range h.Tested {
			row("held_out_outlet", "", "", "", "", o, "tested", "true")
		}
		for _, o := range h.Shared {
			row("held_out_outlet", "", "", "", "", o, "tested", "false")
		}
	}
	if cc := v.CrossCheck; cc != nil {
		row("cross_check", "", "", "", "", "", "folds", strconv.Itoa(cc.Folds))
		row("cross_check", "", "", "", "", "", "seed", strconv.FormatUint(cc.Seed, 10))
		for _, f := range cc.Splits {
			row("cross_check_fold", "", "", "", "", f.Split, "train_outlets", strconv.Itoa(f.TrainOutlets))
			row("cross_check_fold", "", "", "", "", f.Split, "test_outlets", strconv.Itoa(f.TestOutlets))
			row("cross_check_fold", "", "", "", "", f.Split, "test_articles", strconv.Itoa(f.TestArticles))
			for _, e := range f.Dropped {
				row("cross_check_dropped", "", "", "", "", f.Split, "entry", e)
			}
			for _, e := range f.Ends {
				row("cross_check_fold_auc", "all", e.Axis, e.Higher, e.Lower, f.Split, "auc_written", ftoa(e.Written))
				row("cross_check_fold_auc", "all", e.Axis, e.Higher, e.Lower, f.Split, "auc_pruned", ftoa(e.Pruned))
			}
		}
		for _, e := range cc.Entries {
			row("cross_check_entry", "", e.Axis, "", "", e.Entry, "lean", ftoa(e.Lean))
			row("cross_check_entry", "", e.Axis, "", "", e.Entry, "folds_with", strconv.Itoa(e.With))
			row("cross_check_entry", "", e.Axis, "", "", e.Entry, "folds_against", strconv.Itoa(e.Against))
			row("cross_check_entry", "", e.Axis, "", "", e.Entry, "folds_unused", strconv.Itoa(e.Unused))
		}
		writeResultCSV(row, "cross_check_", cc.Fitted)
	}
	cw.Flush()
	return cw.Error()
}

// writeResultCSV writes the rows of one measurement, each section name
// prefixed with prefix.
func writeResultCSV(row func(section, subset, axis, label, other, name, stat, value string), prefix string, r *Result) {
	meta := func(stat, value string) { row(prefix+"meta", "", "", "", "", "", stat, value) }
	meta("ordinal", strconv.FormatBool(r.Ordinal))
	meta("articles", strconv.Itoa(r.Articles))
	meta("unlabelled", strconv.Itoa(r.Unlabelled))
	meta("resamples", strconv.Itoa(r.Resamples))
	meta("level", ftoa(r.Level))
	meta("seed", strconv.FormatUint(r.Seed, 10))
	for i, l := range r.Labels {
		row(prefix+"label", "", "", l, "", "", "rank", strconv.Itoa(i+1))
		row(prefix+"label", "", "", l, "", "", "articles", strconv.Itoa(r.ByLabel[i]))
	}
	for _, o := range r.Outlets {
		row(prefix+"outlet", "", "", o.Label, "", o.Outlet, "articles", strconv.Itoa(o.Articles))
		for i, n := range o.ByLabel {
			if n > 0 {
				row(prefix+"outlet", "", "", r.Labels[i], "", o.Outlet, "labelled_articles", strconv.Itoa(n))
			}
		}
	}
	for _, ar := range r.Axes {
		ax := ar.Axis
		cov := func(label string, articles, withEvidence int, share float64) {
			row(prefix+"coverage", "", ax, label, "", "", "articles", strconv.Itoa(articles))
			row(prefix+"coverage", "", ax, label, "", "", "with_evidence", strconv.Itoa(withEvidence))
			row(prefix+"coverage", "", ax, label, "", "", "share", ftoa(share))
		}
		cov("", ar.Coverage.Articles, ar.Coverage.WithEvidence, ar.Coverage.Share)
		for _, lc := range ar.Coverage.ByLabel {
			cov(lc.Label, lc.Articles, lc.WithEvidence, lc.Share)
		}
		aucs := func(section string, pairs []PairAUC) {
			for _, p := range pairs {
				for _, s := range []struct {
					subset string
					e      AUCEstimate
				}{{"all", p.All}, {"with_evidence", p.WithEvidence}} {
					row(prefix+section, s.subset, ax, p.Higher, p.Lower, "", "auc", ftoa(s.e.AUC))
					row(prefix+section, s.subset, ax, p.Higher, p.Lower, "", "ci_low", ftoa(s.e.Lo))
					row(prefix+section, s.subset, ax, p.Higher, p.Lower, "", "ci_high", ftoa(s.e.Hi))
					row(prefix+section, s.subset, ax, p.Higher, p.Lower, "", "n_higher", strconv.Itoa(s.e.NHigher))
					row(prefix+section, s.subset, ax, p.Higher, p.Lower, "", "n_lower", strconv.Itoa(s.e.NLower))
				}
			}
		}
		aucs("article_auc", ar.ArticleAUC)
		aucs("outlet_auc", ar.OutletAUC)
		if sp := ar.Spearman; sp != nil {
			for _, s := range []struct {
				subset string
				r      spearmanJSON
			}{{"all", toSpearmanJSON(sp.All)}, {"with_evidence", toSpearmanJSON(sp.WithEvidence)}} {
				row(prefix+"spearman", s.subset, ax, "", "", "", "rho", ftoa(float64(s.r.Rho)))
				row(prefix+"spearman", s.subset, ax, "", "", "", "n", strconv.Itoa(s.r.N))
				row(prefix+"spearman", s.subset, ax, "", "", "", "p", ftoa(float64(s.r.P)))
				row(prefix+"spearman", s.subset, ax, "", "", "", "ci_low", ftoa(float64(s.r.Lo)))
				row(prefix+"spearman", s.subset, ax, "", "", "", "ci_high", ftoa(float64(s.r.Hi)))
			}
		}
		for _, d := range ar.Entries {
			row(prefix+"entry", "", ax, "", "", d.Entry, "lean", ftoa(d.Lean))
			row(prefix+"entry", "", ax, "", "", d.Entry, "verdict", d.Verdict.Code())
			row(prefix+"entry", "", ax, "", "", d.Entry, "reason", d.Reason)
			for _, u := range d.Uses {
				row(prefix+"entry_uses", "", ax, u.Label, "", d.Entry, "uses", strconv.Itoa(u.Uses))
				row(prefix+"entry_uses", "", ax, u.Label, "", d.Entry, "articles", strconv.Itoa(u.Articles))
				row(prefix+"entry_uses", "", ax, u.Label, "", d.Entry, "per_1000_articles", ftoa(u.Per1000))
			}
			for _, c := range d.Contrasts {
				row(prefix+"entry_contrast", "", ax, c.Higher, c.Lower, d.Entry, "auc", ftoa(c.AUC))
				row(prefix+"entry_contrast", "", ax, c.Higher, c.Lower, d.Entry, "p", ftoa(c.P))
			}
		}
	}
	for _, w := range r.Warnings {
		row(prefix+"warning", "", "", "", "", "", "warning", w)
	}
	for _, n := range r.Notes {
		row(prefix+"note", "", "", "", "", "", "note", n)
	}
}

// ftoa formats f in the shortest form that reads back exactly, NA when
// it is NaN or infinite (R's missing value).
func ftoa(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "NA"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
