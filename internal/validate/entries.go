package validate

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/stats"
)

// Verdict says whether a lexicon entry separates the labels the way its
// lean claims.
type Verdict string

// The verdicts, in the order diagnostics list them for ordinal labels.
const (
	// AgainstLean: the entry is used more by the label its lean points
	// away from (a "right" word used more by left outlets).
	AgainstLean Verdict = "works AGAINST its lean"
	// NoSignal: too few uses, or no reliable difference in use.
	NoSignal Verdict = "no signal"
	// WithLean: the entry is used more by the label its lean points to.
	WithLean Verdict = "works with its lean"
	// Neutral: the entry has no lean on the axis (a neutral wording that
	// counts toward the mean); its direction is shown, not judged.
	Neutral Verdict = "neutral"
	// Separates: categorical labels, which have no direction to check a
	// lean against: the entry's use differs reliably between two labels.
	Separates Verdict = "separates labels"
)

// EntryDiagnostic says how one lexicon entry is used by each label and
// whether its use separates the labels in the direction of its lean.
//
// For each pair of labels (as in PairAUC) the contrast compares the
// number of author-voice uses in each article of Higher with that in each
// article of Lower by the Mann-Whitney test (stats.MannWhitney, R's
// wilcox.test): AUC is the probability that an article of Higher uses the
// entry more often than one of Lower, ties (mostly articles of both that
// do not use it) counted one half, and P the two-sided p-value. Articles,
// not matches, are the units: one article repeating a phrase ten times is
// ten uses but one piece of evidence about its outlet's habits. For a
// rare entry the AUC stays near 0.5 even when one label uses it several
// times as often (used by 6% of one label's articles and 1% of the
// other's, AUC = 0.525): the rates per 1,000 articles beside it show the
// ratio, P whether it is more than chance.
//
// For ordinal labels the verdict reads the widest contrast, the last label
// of the order against the first: an entry used in fewer than
// MinEntryArticles of their articles, or with P ≥ Alpha, has no signal;
// otherwise it works with its lean when the label using it more is the
// one its lean points to (a positive lean points to the last label), and
// against it when not. Entries with lean 0 are Neutral. For categorical
// labels an entry Separates when any contrast has P < Alpha on enough
// uses.
type EntryDiagnostic struct {
	Entry string `json:"entry"`
	// Lean is the entry's contribution to the axis.
	Lean float64 `json:"lean"`
	// Uses gives its use by each label, in the order of Result.Labels.
	Uses []LabelUses `json:"uses"`
	// Contrasts compare each pair of labels, in the order of the AUCs.
	Contrasts []Contrast `json:"contrasts"`
	Verdict   Verdict    `json:"verdict"`
	// Reason says in words why the verdict was given.
	Reason string `json:"reason"`
}

// LabelUses is an entry's use by the articles of one label.
type LabelUses struct {
	Label string
	// Uses counts author-voice matches; Articles the articles with at
	// least one.
	Uses, Articles int
	// Per1000 is 1000 × Uses / (articles of the label): uses per 1,000
	// articles, NaN when the label has no articles.
	Per1000 float64
}

// Contrast compares the use of an entry per article between two labels
// (see EntryDiagnostic). AUC and P are NaN when a label has no articles;
// P also when no article of either uses the entry.
type Contrast struct {
	Higher, Lower string
	AUC, P        float64
}

// entries diagnoses the entries bearing on axis.
func (m *measurer) entries(axis string, entries []Entry) []EntryDiagnostic {
	res := m.res
	nl := len(res.Labels)
	var out []EntryDiagnostic
	index := map[string]int{}
	for _, e := range entries {
		lean, ok := e.Lean[axis]
		if !ok {
			continue
		}
		if _, dup := index[e.ID]; dup {
			continue
		}
		index[e.ID] = len(out)
		d := EntryDiagnostic{Entry: e.ID, Lean: lean, Uses: make([]LabelUses, nl)}
		for l := range d.Uses {
			d.Uses[l].Label = res.Labels[l]
		}
		out = append(out, d)
	}
	// counts[i][l] lists the uses of entry i in each article of label l.
	counts := make([][][]float64, len(out))
	for i := range counts {
		counts[i] = make([][]float64, nl)
		for l := range counts[i] {
			counts[i][l] = make([]float64, 0, res.ByLabel[l])
		}
	}
	for _, a := range m.articles {
		l := m.rank[a.Label]
		uses := a.usesOn(axis)
		for i := range out {
			n := uses[out[i].Entry]
			counts[i][l] = append(counts[i][l], float64(n))
			if n > 0 {
				u := &out[i].Uses[l]
				u.Uses += n
				u.Articles++
			}
		}
	}
	for i := range out {
		d := &out[i]
		for l := range d.Uses {
			d.Uses[l].Per1000 = 1000 * share(d.Uses[l].Uses, res.ByLabel[l])
		}
		for _, p := range m.pairs {
			c := Contrast{Higher: res.Labels[p[0]], Lower: res.Labels[p[1]], AUC: math.NaN(), P: math.NaN()}
			if hi, lo := counts[i][p[0]], counts[i][p[1]]; len(hi) > 0 && len(lo) > 0 {
				mw := stats.MannWhitney(hi, lo)
				c.AUC, c.P = mw.U/(float64(len(hi))*float64(len(lo))), mw.P
			}
			d.Contrasts = append(d.Contrasts, c)
		}
		counts[i] = nil
		m.judge(d)
	}
	rankOf := map[Verdict]int{AgainstLean: 0, NoSignal: 1, WithLean: 2, Separates: 2, Neutral: 3}
	slices.SortFunc(out, func(a, b EntryDiagnostic) int {
		if c := cmp.Compare(rankOf[a.Verdict], rankOf[b.Verdict]); c != 0 {
			return c
		}
		if a.Verdict == NoSignal {
			// The most used first: they are the ones that dilute scores.
			if c := cmp.Compare(totalUses(b), totalUses(a)); c != 0 {
				return c
			}
		} else if c := cmp.Compare(minP(a), minP(b)); c != 0 {
			return c
		}
		return cmp.Compare(a.Entry, b.Entry)
	})
	return out
}

// judge gives d its verdict and reason.
func (m *measurer) judge(d *EntryDiagnostic) {
	if !m.res.Ordinal {
		m.judgeCategorical(d)
		return
	}
	// The widest contrast: the last label of the order against the first.
	c := d.Contrasts[0]
	used := d.Uses[len(m.res.Labels)-1].Articles + d.Uses[0].Articles
	switch {
	case d.Lean == 0:
		d.Verdict = Neutral
		d.Reason = "no lean on the axis"
		if !math.IsNaN(c.P) {
			d.Reason += "; " + m.describeContrast(d, 0)
		}
	case used < m.opt.MinEntryArticles:
		d.Verdict = NoSignal
		d.Reason = fmt.Sprintf("used in %s of %s and %s; needs %d", english.Count(used, "article", "articles"), c.Higher, c.Lower, m.opt.MinEntryArticles)
	case !(c.P < m.opt.Alpha):
		d.Verdict = NoSignal
		d.Reason = fmt.Sprintf("no reliable difference between %s and %s (%s)", c.Higher, c.Lower, describeP(c.P))
	case (c.AUC > 0.5) == (d.Lean > 0):
		d.Verdict = WithLean
		d.Reason = fmt.Sprintf("leans %+g; %s", d.Lean, m.describeContrast(d, 0))
	default:
		d.Verdict = AgainstLean
		d.Reason = fmt.Sprintf("leans %+g toward %s, but %s", d.Lean, m.pole(d.Lean), m.describeContrast(d, 0))
	}
}

// describeContrast says which label of d's contrast i uses the entry
// more, with both labels' uses per 1,000 articles and the p-value.
func (m *measurer) describeContrast(d *EntryDiagnostic, i int) string {
	c, p := d.Contrasts[i], m.pairs[i]
	more, less := p[0], p[1]
	if c.AUC < 0.5 {
		more, less = less, more
	}
	if d.Uses[more].Per1000 < d.Uses[less].Per1000 {
		// The test compares how many articles use the entry; repeated
		// uses in fewer articles can put the other label ahead in uses.
		return fmt.Sprintf("used in more articles by %s: %.1f%% of its articles against %.1f%% by %s, though the articles of %s use it more often (%.1f uses per 1,000 articles against %.1f) (%s)",
			m.res.Labels[more], 100*share(d.Uses[more].Articles, m.res.ByLabel[more]), 100*share(d.Uses[less].Articles, m.res.ByLabel[less]), m.res.Labels[less],
			m.res.Labels[less], d.Uses[less].Per1000, d.Uses[more].Per1000, describeP(c.P))
	}
	return fmt.Sprintf("used more by %s: %.1f uses per 1,000 articles against %.1f by %s (%s)",
		m.res.Labels[more], d.Uses[more].Per1000, d.Uses[less].Per1000, m.res.Labels[less], describeP(c.P))
}

func describeP(p float64) string {
	if math.IsNaN(p) {
		return "no p-value"
	}
	if p < 0.001 {
		return "p < 0.001"
	}
	return fmt.Sprintf("p = %.3f", p)
}

// pole names the label a lean points to: the last of the order for a
// positive lean, the first for a negative one.
func (m *measurer) pole(lean float64) string {
	if lean > 0 {
		return m.res.Labels[len(m.res.Labels)-1]
	}
	return m.res.Labels[0]
}

func (m *measurer) judgeCategorical(d *EntryDiagnostic) {
	best := -1
	for i, c := range d.Contrasts {
		p := m.pairs[i]
		if d.Uses[p[0]].Articles+d.Uses[p[1]].Articles < m.opt.MinEntryArticles || !(c.P < m.opt.Alpha) {
			continue
		}
		if best < 0 || c.P < d.Contrasts[best].P {
			best = i
		}
	}
	if best < 0 {
		d.Verdict = NoSignal
		d.Reason = fmt.Sprintf("no pair of labels differs reliably in its use (p ≥ %g, or fewer than %d articles)", m.opt.Alpha, m.opt.MinEntryArticles)
		return
	}
	d.Verdict = Separates
	d.Reason = m.describeContrast(d, best)
}

func totalUses(d EntryDiagnostic) int {
	n := 0
	for _, u := range d.Uses {
		n += u.Uses
	}
	return n
}

// minP is the smallest p-value of d's contrasts, 1 when none has one.
func minP(d EntryDiagnostic) float64 {
	p := 1.0
	for _, c := range d.Contrasts {
		if c.P < p {
			p = c.P
		}
	}
	return p
}
