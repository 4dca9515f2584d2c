package aggregate

import (
	"fmt"
	"maps"
	"math"
	"slices"
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

// tooFew returns the units with fewer than MinArticles articles, with why
// they are left out of every test: the start of each AxisTests.Excluded.
// Tens of thousands of small units share a handful of reasons: one
// string each, not one a unit.
func (a *Aggregator) tooFew(units []*unitAcc) map[string]string {
	few := map[int]string{}
	out := map[string]string{}
	for _, u := range units {
		if u.articles < a.opt.MinArticles {
			if few[u.articles] == "" {
				few[u.articles] = fmt.Sprintf("%s; tests need at least %d", english.Count(u.articles, "article", "articles"), a.opt.MinArticles)
			}
			out[u.name] = few[u.articles]
		}
	}
	return out
}

// test runs the tests of differences between units on one axis (axis set)
// or one target's framing (target set). few is tooFew(units): it becomes
// t.Excluded, shared with the other families' (never written to) unless
// the family leaves out other units too, which a copy adds.
func (a *Aggregator) test(units []*unitAcc, few map[string]string, axis, target, label string, values func(*unitAcc) []float64) AxisTests {
	t := AxisTests{Axis: axis, Target: target, Units: []string{}, Pairs: []Pair{}}
	what := "score"
	if target != "" {
		what = "framing"
	}
	var tested []*unitAcc
	excluded, own := few, false
	for _, u := range units {
		n := len(values(u))
		switch {
		case u.articles < a.opt.MinArticles:
		case n < a.opt.MinArticles:
			if !own {
				excluded, own = make(map[string]string, len(few)+1), true
				maps.Copy(excluded, few)
			}
			excluded[u.name] = fmt.Sprintf("%d of %s %s a %s; tests need at least %d", n, english.Count(u.articles, "article", "articles"),
				english.Plural(n, "has", "have"), valueOf(what, label), a.opt.MinArticles)
		default:
			tested = append(tested, u)
			t.Units = append(t.Units, u.name)
		}
	}
	if len(excluded) > 0 {
		t.Excluded = excluded
	}
	if len(tested) < 2 {
		switch {
		case len(units) < 2:
			t.Skipped = "only one " + a.opt.By + ": nothing to compare"
		case len(tested) == 0 && maxArticles(units) < a.opt.MinArticles:
			t.Skipped = fmt.Sprintf("every %s has fewer than %d articles: per-%s tests need at least %d articles per %s",
				a.opt.By, a.opt.MinArticles, a.opt.By, a.opt.MinArticles, a.opt.By)
		default:
			t.Skipped = fmt.Sprintf("%s of %d %ss %s at least %d articles with a %s; tests need two",
				countWord(len(tested)), len(units), a.opt.By, english.Plural(len(tested), "has", "have"), a.opt.MinArticles, valueOf(what, label))
		}
		return t
	}
	samples := make([][]float64, len(tested))
	for i, u := range tested {
		samples[i] = values(u)
	}
	t.MinPHolm, t.Needed = reach(samples)
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
				U: mw.U, P: mw.P, Exact: mw.Exact, MinP: stats.MannWhitneyMinP(len(samples[i]), len(samples[j])),
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
		p.Sentence = sentence(p, label, target != "", t.MinPHolm, len(t.Pairs))
	}
	return t
}

// reach returns the smallest Holm-adjusted p a family of pairwise tests of
// these samples can give (see AxisTests.MinPHolm) and, when it is not
// below Alpha, the articles per unit that would make it so. The smallest
// pair p depends on the pair's sample sizes only, so it is sought over
// pairs of distinct sizes: at most √(2·articles) of them, where pairs of
// units would be quadratic in the units.
func reach(samples [][]float64) (minHolm float64, needed int) {
	k := len(samples)
	pairs := float64(k) * float64(k-1) / 2
	units := map[int]int{} // sample size → units of that size
	for _, s := range samples {
		units[len(s)]++
	}
	sizes := slices.Sorted(maps.Keys(units))
	minP := 1.0
	for i, n := range sizes {
		if units[n] > 1 {
			minP = math.Min(minP, stats.MannWhitneyMinP(n, n))
		}
		for _, m := range sizes[i+1:] {
			minP = math.Min(minP, stats.MannWhitneyMinP(n, m))
		}
	}
	minHolm = math.Min(1, pairs*minP)
	if minHolm < Alpha {
		return minHolm, 0
	}
	for n := 2; ; n++ {
		if pairs*stats.MannWhitneyMinP(n, n) < Alpha {
			return minHolm, n
		}
	}
}

// valueOf names an article's value: "score on Tehran–Damascus
// vocabulary", "framing of Iranian state and leadership".
func valueOf(what, label string) string {
	if what == "score" {
		return "score on " + label
	}
	return "framing of " + label
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
// the sample that is not reliable is said to be possibly chance. When no
// pair of the family could reach Alpha (minHolm, over pairs pairs), or this
// pair could not at its sample sizes, the sentence says that the test
// cannot tell, never that there is no difference.
func sentence(p *Pair, label string, framing bool, minHolm float64, pairs int) string {
	hi, lo := p.A, p.B
	if p.CliffsDelta < 0 {
		hi, lo = lo, hi
	}
	higher := fmt.Sprintf("%s's articles score higher on %s than %s's", hi, label, lo)
	if framing {
		higher = fmt.Sprintf("%s's articles name %s more favourably than %s's", hi, label, lo)
	}
	d, size := math.Abs(p.CliffsDelta), EffectSize(p.CliffsDelta)
	verb := "score higher"
	if framing {
		verb = "name it more favourably"
	}
	if best := math.Max(minHolm, p.MinP); best >= Alpha {
		sample := fmt.Sprintf("in this sample %s's articles %s (Cliff's δ = %.2f, %s)", hi, verb, d, size)
		if p.CliffsDelta == 0 {
			sample = "in this sample they do not differ (Cliff's δ = 0)"
		}
		return fmt.Sprintf("The data cannot tell whether %s and %s differ on %s: with %d and %d articles%s no test could reach p < %g (the smallest possible Holm p is %s); %s.",
			p.A, p.B, label, p.NA, p.NB, inFamily(pairs), Alpha, strings.TrimPrefix(formatP(best), "= "), sample)
	}
	switch {
	case p.PHolm < Alpha && p.CliffsDelta != 0:
		return fmt.Sprintf("%s (Cliff's δ = %.2f, %s; Holm p %s).", higher, d, size, formatP(p.PHolm))
	case size == "negligible":
		return fmt.Sprintf("No reliable difference between %s and %s on %s (Cliff's δ = %.2f, %s; Holm p %s).", p.A, p.B, label, d, size, formatP(p.PHolm))
	}
	return fmt.Sprintf("No reliable difference between %s and %s on %s: %s's articles %s in this sample (Cliff's δ = %.2f, %s), but with Holm p %s that may be chance.",
		p.A, p.B, label, hi, verb, d, size, formatP(p.PHolm))
}

// inFamily says over how many pairs Holm's adjustment runs, when more
// than one.
func inFamily(pairs int) string {
	if pairs < 2 {
		return ""
	}
	return fmt.Sprintf(", one pair of %d,", pairs)
}

// ReachSentence says what the design of a family of tests allows: the
// smallest Holm p it can reach and, when that is not below Alpha, that the
// tests cannot tell and how many articles per unit they would need. by
// names the units ("outlet"). "" when no pair was tested.
func ReachSentence(t *AxisTests, by string) string {
	if t.MinPHolm == 0 {
		return ""
	}
	pairs := len(t.Units) * (len(t.Units) - 1) / 2
	p := strings.TrimPrefix(formatP(t.MinPHolm), "= ")
	if !t.CannotTell() {
		return fmt.Sprintf("The smallest Holm p these sample sizes allow over %s is %s.", english.Count(pairs, "pair", "pairs"), p)
	}
	return fmt.Sprintf("No pair can reach p < %g: over %s at these sample sizes the smallest possible Holm p is %s, whatever the articles say. These tests cannot tell whether the %ss differ, which is not evidence that they are alike; they would need at least %d articles with a value per %s.",
		Alpha, english.Count(pairs, "pair", "pairs"), p, by, t.Needed, by)
}

// formatP writes a p-value with its relation: "= 0.003", "< 0.001".
func formatP(p float64) string {
	if p < 0.001 {
		return "< 0.001"
	}
	return "= " + strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", p), "0"), ".")
}
