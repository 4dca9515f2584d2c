package validate

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/stats"
)

// This file holds the measurer: what Measure computes per axis and per
// outlet (coverage, AUCs with their intervals, Spearman, entry verdicts,
// notes); measure.go holds the inputs, options and results.

// measurer carries what every axis' measurement shares.
type measurer struct {
	opt      Options
	res      *Result
	articles []Article // labelled, sorted by outlet and id
	rank     map[string]int
	pairs    [][2]int
	// outletOf[i] is the index in res.Outlets of article i's outlet.
	outletOf []int
}

// outlets fills res.Outlets, giving each outlet the label of most of its
// articles, and warns about outlets whose articles carry several labels.
func (m *measurer) outlets() {
	res := m.res
	m.outletOf = make([]int, len(m.articles))
	for i, a := range m.articles {
		if n := len(res.Outlets); n == 0 || res.Outlets[n-1].Outlet != a.Outlet {
			res.Outlets = append(res.Outlets, OutletLabel{Outlet: a.Outlet, ByLabel: make([]int, len(res.Labels))})
		}
		o := &res.Outlets[len(res.Outlets)-1]
		o.Articles++
		o.ByLabel[m.rank[a.Label]]++
		m.outletOf[i] = len(res.Outlets) - 1
	}
	for i := range res.Outlets {
		o := &res.Outlets[i]
		best, tie := 0, false
		for l, c := range o.ByLabel {
			switch {
			case c > o.ByLabel[best]:
				best, tie = l, false
			case l != best && c == o.ByLabel[best]:
				tie = true
			}
		}
		if !o.Mixed() {
			o.Label = res.Labels[best]
			continue
		}
		counts := o.describeCounts(res.Labels)
		if tie {
			res.Warnings = append(res.Warnings, fmt.Sprintf("outlet %q has articles of several labels (%s) and no majority: left out of the outlet-level statistics", o.Outlet, counts))
			continue
		}
		o.Label = res.Labels[best]
		res.Warnings = append(res.Warnings, fmt.Sprintf("outlet %q has articles of several labels (%s): counted as %q at outlet level, each article with its own label at article level", o.Outlet, counts, o.Label))
	}
}

func (o OutletLabel) describeCounts(labels []string) string {
	var parts []string
	for l, c := range o.ByLabel {
		if c > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c, labels[l]))
		}
	}
	return strings.Join(parts, ", ")
}

// axis measures one axis.
func (m *measurer) axis(axis string, entries []Entry) AxisResult {
	res := m.res
	ar := AxisResult{Axis: axis}
	nl := len(res.Labels)
	// Per label: scores of all articles and of those with evidence.
	all, ev := make([][]float64, nl), make([][]float64, nl)
	// Per outlet: sums and counts for both means.
	type acc struct {
		sumAll, sumEv float64
		nAll, nEv     int
	}
	outlets := make([]acc, len(res.Outlets))
	ar.Coverage.ByLabel = make([]LabelCoverage, nl)
	for l := range ar.Coverage.ByLabel {
		ar.Coverage.ByLabel[l].Label = res.Labels[l]
	}
	for i, a := range m.articles {
		s := a.Stance[axis]
		l := m.rank[a.Label]
		o := &outlets[m.outletOf[i]]
		all[l] = append(all[l], s.Score)
		o.sumAll += s.Score
		o.nAll++
		lc := &ar.Coverage.ByLabel[l]
		lc.Articles++
		if s.N > 0 {
			ev[l] = append(ev[l], s.Score)
			o.sumEv += s.Score
			o.nEv++
			lc.WithEvidence++
		}
	}
	for l := range ar.Coverage.ByLabel {
		lc := &ar.Coverage.ByLabel[l]
		lc.Share = share(lc.WithEvidence, lc.Articles)
		ar.Coverage.Articles += lc.Articles
		ar.Coverage.WithEvidence += lc.WithEvidence
	}
	ar.Coverage.Share = share(ar.Coverage.WithEvidence, ar.Coverage.Articles)

	// Outlet means per label, and (rank, mean) pairs for Spearman.
	oAll, oEv := make([][]float64, nl), make([][]float64, nl)
	var rankAll, meanAll, rankEv, meanEv []float64
	for i, o := range res.Outlets {
		if o.Label == "" {
			continue
		}
		l := m.rank[o.Label]
		if s := outlets[i]; s.nAll >= m.opt.MinOutletArticles {
			v := s.sumAll / float64(s.nAll)
			oAll[l] = append(oAll[l], v)
			rankAll, meanAll = append(rankAll, float64(l+1)), append(meanAll, v)
		}
		if s := outlets[i]; s.nEv >= m.opt.MinOutletArticles {
			v := s.sumEv / float64(s.nEv)
			oEv[l] = append(oEv[l], v)
			rankEv, meanEv = append(rankEv, float64(l+1)), append(meanEv, v)
		}
	}
	for _, p := range m.pairs {
		hi, lo := res.Labels[p[0]], res.Labels[p[1]]
		key := axis + "/" + hi + ">" + lo
		ar.ArticleAUC = append(ar.ArticleAUC, PairAUC{
			Higher: hi, Lower: lo,
			All:          m.auc(all[p[0]], all[p[1]], "article/all/"+key),
			WithEvidence: m.auc(ev[p[0]], ev[p[1]], "article/evidence/"+key),
		})
		ar.OutletAUC = append(ar.OutletAUC, PairAUC{
			Higher: hi, Lower: lo,
			All:          m.auc(oAll[p[0]], oAll[p[1]], "outlet/all/"+key),
			WithEvidence: m.auc(oEv[p[0]], oEv[p[1]], "outlet/evidence/"+key),
		})
	}
	if res.Ordinal {
		ar.Spearman = &OutletSpearman{
			All:          stats.SpearmanTest(rankAll, meanAll, m.opt.Level),
			WithEvidence: stats.SpearmanTest(rankEv, meanEv, m.opt.Level),
		}
	}
	ar.Entries = m.entries(axis, entries)
	return ar
}

// auc estimates the AUC of hi against lo with its interval, drawn with
// the seed derived from key.
func (m *measurer) auc(hi, lo []float64, key string) AUCEstimate {
	e := AUCEstimate{NHigher: len(hi), NLower: len(lo), AUC: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	if len(hi) == 0 || len(lo) == 0 {
		return e
	}
	e.AUC = stats.AUC(hi, lo)
	if m.opt.Resamples > 0 {
		e.Lo, e.Hi = stats.AUCBootstrapCI(hi, lo, m.opt.Resamples, m.opt.Level, stats.DeriveSeed(m.opt.Seed, "auc/"+key))
	}
	return e
}

func share(part, whole int) float64 {
	if whole == 0 {
		return math.NaN()
	}
	return float64(part) / float64(whole)
}

// notes adds what limits the reading of the numbers.
func (m *measurer) notes() {
	res := m.res
	// Outlets per label at outlet level, over all articles.
	perLabel := make([]int, len(res.Labels))
	for _, o := range res.Outlets {
		if o.Label != "" && o.Articles >= m.opt.MinOutletArticles {
			perLabel[m.rank[o.Label]]++
		}
	}
	if slices.Min(perLabel) < 10 {
		var parts []string
		for l, n := range perLabel {
			parts = append(parts, fmt.Sprintf("%d %s", n, res.Labels[l]))
		}
		res.Notes = append(res.Notes, fmt.Sprintf("Outlet-level statistics rest on few outlets (%s, counting outlets of at least %d %s): their intervals are wide, and the bootstrap ones too narrow (the percentile bootstrap undercovers in small samples).", strings.Join(parts, ", "), m.opt.MinOutletArticles, english.Plural(m.opt.MinOutletArticles, "article", "articles")))
	}
	res.Notes = append(res.Notes,
		"Article-level intervals treat articles as independent; articles of one outlet are not, so the intervals are too narrow when a few outlets supply most articles of a label.",
		fmt.Sprintf("Entry verdicts test each entry at p < %g without correcting for the number of entries: about %g%% of the entries without any real difference get a verdict by chance.", m.opt.Alpha, 100*m.opt.Alpha))
}
