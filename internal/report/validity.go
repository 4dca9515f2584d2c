package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"math"
	"strings"

	"github.com/compare-tool/compare/internal/stats"
	"github.com/compare-tool/compare/internal/validate"
)

// The Validity section shows how well the scores separate outlets or
// articles of known labels (compare validate, shown when the report is
// given labels). It has its own template, validity.html.tmpl, parsed into
// the page's.

//go:embed validity.html.tmpl
var validityTemplateText string

// withValidity adds the section's template to the page's, whose funcs it
// uses, and returns the page's.
func withValidity(page *template.Template) *template.Template {
	template.Must(page.New("validity.html.tmpl").Parse(validityTemplateText))
	return page
}

// validityEntries is how many entries of the diagnostics the section
// lists: those that work against their lean, then those without signal.
const validityEntries = 12

// validityView is the model of the Validity section.
type validityView struct {
	Lexicon, Labels, Describe string
	HeldOut                   []string
	Axes                      []validityAxis
	Warnings, Notes           []string
}

type validityAxis struct {
	Axis             string
	Coverage         float64
	CoverageByLabel  []validate.LabelCoverage
	Articles         []validityPair
	Outlets          []validityPair
	Spearman         string
	Entries          []validate.EntryDiagnostic
	Against, NoSigns int
	With, Shown      int
}

type validityPair struct {
	Pair          string
	All, Evidence string
	NAll, NEv     string
}

// validity builds the section's model; nil without a validation.
func validity(v *validate.Validation) *validityView {
	if v == nil || v.Result == nil {
		return nil
	}
	r := v.Result
	vv := &validityView{
		Lexicon:  fmt.Sprintf("%s %s", v.Lexicon.Name, v.Lexicon.Version),
		Labels:   v.Labels,
		Describe: r.DescribeLabels(),
		Warnings: r.Warnings,
		Notes:    append(append([]string(nil), validate.Limits...), r.Notes...),
	}
	if v.HeldOut != nil {
		vv.HeldOut = v.HeldOut.Describe()
	}
	for _, ar := range r.Axes {
		va := validityAxis{Axis: ar.Axis, Coverage: ar.Coverage.Share, CoverageByLabel: ar.Coverage.ByLabel}
		pairs := func(ps []validate.PairAUC) []validityPair {
			var out []validityPair
			for _, p := range ps {
				out = append(out, validityPair{
					Pair: p.Higher + " > " + p.Lower,
					All:  p.All.String(), Evidence: p.WithEvidence.String(),
					NAll: fmt.Sprintf("%d / %d", p.All.NHigher, p.All.NLower), NEv: fmt.Sprintf("%d / %d", p.WithEvidence.NHigher, p.WithEvidence.NLower),
				})
			}
			return out
		}
		va.Articles, va.Outlets = pairs(ar.ArticleAUC), pairs(ar.OutletAUC)
		if sp := ar.Spearman; sp != nil {
			va.Spearman = spearmanSentence(sp)
		}
		for _, d := range ar.Entries {
			switch d.Verdict {
			case validate.AgainstLean:
				va.Against++
			case validate.NoSignal:
				va.NoSigns++
			case validate.WithLean, validate.Separates:
				va.With++
			}
			if (d.Verdict == validate.AgainstLean || d.Verdict == validate.NoSignal) && len(va.Entries) < validityEntries && usedAtAll(d) {
				va.Entries = append(va.Entries, d)
			}
		}
		va.Shown = len(va.Entries)
		vv.Axes = append(vv.Axes, va)
	}
	return vv
}

// spearmanSentence says what Spearman's ρ of outlet means is, over all
// articles and over those with evidence.
func spearmanSentence(sp *validate.OutletSpearman) string {
	one := func(r stats.SpearmanResult, over string) string {
		if math.IsNaN(r.Rho) {
			return fmt.Sprintf("cannot be computed over %s (%d outlets)", over, r.N)
		}
		return fmt.Sprintf("is %s over %s (%d outlets, p %s)", strings.ReplaceAll(validate.RhoString(r), "-", "−"), over, r.N, pWords(r.P))
	}
	return "Spearman’s ρ of outlet means with the rank of their label " + one(sp.All, "all articles") + ", and " + one(sp.WithEvidence, "articles with evidence") + "."
}

func usedAtAll(d validate.EntryDiagnostic) bool {
	for _, u := range d.Uses {
		if u.Uses > 0 {
			return true
		}
	}
	return false
}

// pWords writes a p-value after "p": "< 0.001" or "= 0.012".
func pWords(p float64) string {
	if p < 0.001 {
		return "< 0.001"
	}
	return "= " + formatP(p)
}
