package aggregate

import (
	"fmt"
	"math"
	"strings"

	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/stats"
)

// Alpha is the significance level of the plain-language sentences: a
// difference is called reliable when its Holm-adjusted p-value is below it.
const Alpha = 0.05

// maxPairUnits is the most units whose pairs are tested: 780 pairs. The
// list would be unreadable beyond it, and each exact Mann–Whitney p costs
// up to n_a²·n_b² operations.
const maxPairUnits = 40

// test runs the tests of differences between units on one axis (axis set)
// or one target's framing (target set).
func (a *Aggregator) test(units []*unitAcc, axis, target, label string, values func(*unitAcc) []float64) AxisTests {
	t := AxisTests{Axis: axis, Target: target, Units: []string{}, Pairs: []Pair{}}
	what := "score"
	if target != "" {
		what = "framing"
	}
	var tested []*unitAcc
	for _, u := range units {
		n := len(values(u))
		switch {
		case u.articles < a.opt.MinArticles:
			t.addExcluded(u.name, fmt.Sprintf("%s; tests need at least %d", english.Count(u.articles, "article", "articles"), a.opt.MinArticles))
		case n < a.opt.MinArticles:
			t.addExcluded(u.name, fmt.Sprintf("%d of %s have a %s %s; tests need at least %d", n, english.Count(u.articles, "article", "articles"), label, what, a.opt.MinArticles))
		default:
			tested = append(tested, u)
			t.Units = append(t.Units, u.name)
		}
	}
	if len(tested) < 2 {
		switch {
		case len(units) < 2:
			t.Skipped = "only one " + a.opt.By + ": nothing to compare"
		case len(tested) == 0 && maxArticles(units) < a.opt.MinArticles:
			t.Skipped = fmt.Sprintf("every %s has fewer than %d articles: per-%s tests need at least %d articles per %s",
				a.opt.By, a.opt.MinArticles, a.opt.By, a.opt.MinArticles, a.opt.By)
		default:
			t.Skipped = fmt.Sprintf("%s of %d %ss %s at least %d articles with a %s %s; tests need two",
				countWord(len(tested)), len(units), a.opt.By, english.Plural(len(tested), "has", "have"), a.opt.MinArticles, label, what)
		}
		return t
	}
	samples := make([][]float64, len(tested))
	for i, u := range tested {
		samples[i] = values(u)
	}
	kw := stats.KruskalWallis(samples...)
	if math.IsNaN(kw.H) {
		t.Skipped = "every tested article has the same " + what + ": there is no difference to test"
		return t
	}
	t.KruskalWallis = &Kruskal{H: kw.H, DF: int(kw.DF), P: kw.P}
	if len(tested) > maxPairUnits {
		t.PairsOmitted = fmt.Sprintf("%d %ss were tested: pairwise tests are listed for at most %d (%d pairs); compare fewer %ss, or groups of them",
			len(tested), a.opt.By, maxPairUnits, maxPairUnits*(maxPairUnits-1)/2, a.opt.By)
		return t
	}
	var ps []float64
	for i := range tested {
		for j := i + 1; j < len(tested); j++ {
			mw := stats.MannWhitney(samples[i], samples[j])
			t.Pairs = append(t.Pairs, Pair{
				A: tested[i].name, B: tested[j].name,
				NA: len(samples[i]), NB: len(samples[j]),
				U: mw.U, P: mw.P, Exact: mw.Exact,
				CliffsDelta: stats.CliffsDelta(samples[i], samples[j]),
			})
			ps = append(ps, mw.P) // NaN when all values are tied: left out of Holm, as R leaves NA
		}
	}
	holm := stats.Holm(ps)
	for k := range t.Pairs {
		p := &t.Pairs[k]
		p.PHolm = holm[k]
		if math.IsNaN(p.P) {
			// Every value of both units is the same: every rearrangement
			// of the labels gives the same U, so the permutation p is 1.
			p.P, p.PHolm = 1, 1
		}
		p.Sentence = sentence(p, label, target != "")
	}
	return t
}

func (t *AxisTests) addExcluded(unit, reason string) {
	if t.Excluded == nil {
		t.Excluded = map[string]string{}
	}
	t.Excluded[unit] = reason
}

func maxArticles(units []*unitAcc) int {
	n := 0
	for _, u := range units {
		n = max(n, u.articles)
	}
	return n
}

func countWord(n int) string {
	switch n {
	case 0:
		return "none"
	case 1:
		return "only one"
	}
	return fmt.Sprint(n)
}

// EffectSize names the size of Cliff's delta by the thresholds of Romano
// et al. (2006), "Appropriate statistics for ordinal level data", Florida
// Association of Institutional Research: |δ| < 0.147 negligible, < 0.33
// small, < 0.474 medium, otherwise large.
func EffectSize(delta float64) string {
	switch d := math.Abs(delta); {
	case d < 0.147:
		return "negligible"
	case d < 0.33:
		return "small"
	case d < 0.474:
		return "medium"
	}
	return "large"
}

// sentence says a pair's result in plain language. A difference is
// reliable when its Holm-adjusted p is below Alpha; a clear difference in
// the sample that is not reliable is said to be possibly chance.
func sentence(p *Pair, label string, framing bool) string {
	hi, lo := p.A, p.B
	if p.CliffsDelta < 0 {
		hi, lo = lo, hi
	}
	higher := fmt.Sprintf("%s's articles score higher on %s than %s's", hi, label, lo)
	if framing {
		higher = fmt.Sprintf("%s's articles name %s more favourably than %s's", hi, label, lo)
	}
	d, size := math.Abs(p.CliffsDelta), EffectSize(p.CliffsDelta)
	switch {
	case p.PHolm < Alpha && p.CliffsDelta != 0:
		return fmt.Sprintf("%s (Cliff's δ = %.2f, %s; Holm p %s).", higher, d, size, formatP(p.PHolm))
	case size == "negligible":
		return fmt.Sprintf("No reliable difference between %s and %s on %s (Cliff's δ = %.2f, %s; Holm p %s).", p.A, p.B, label, d, size, formatP(p.PHolm))
	}
	verb := "score higher"
	if framing {
		verb = "name it more favourably"
	}
	return fmt.Sprintf("No reliable difference between %s and %s on %s: %s's articles %s in this sample (Cliff's δ = %.2f, %s), but with Holm p %s that may be chance.",
		p.A, p.B, label, hi, verb, d, size, formatP(p.PHolm))
}

// formatP writes a p-value with its relation: "= 0.003", "< 0.001".
func formatP(p float64) string {
	if p < 0.001 {
		return "< 0.001"
	}
	return "= " + strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", p), "0"), ".")
}
