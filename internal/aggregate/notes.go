package aggregate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

// smallCI is the sample size below which percentile bootstrap intervals
// are known to be too narrow, which the notes say.
const smallCI = 10

// LexiconCaveat is the first note of every Comparison: what lexicon
// scoring cannot see. Reports that say it at more length leave it out.
const LexiconCaveat = "Lexicon scoring sees word choice only: it cannot see sarcasm, the selection of facts, or stance carried by words outside the lexicon."

// notes says in plain language what the numbers can and cannot tell.
func (a *Aggregator) notes(c *Comparison, units []*unitAcc, lex *lexicon.Lexicon) []string {
	by, minN := a.opt.By, a.opt.MinArticles
	notes := []string{
		LexiconCaveat,
		"An article counts toward an axis only when it uses at least one term bearing on it (stance n > 0), and toward a target's framing only when it names the target in its own voice: no evidence is not a neutral stance.",
	}
	var excluded []string
	for _, u := range units {
		if u.articles < minN {
			excluded = append(excluded, fmt.Sprintf("%s (%d)", u.name, u.articles))
		}
	}
	switch {
	case maxArticles(units) == 1 && len(units) > 1:
		notes = append(notes, fmt.Sprintf("One article per %s: per-%s tests need at least %d articles per %s, so no p-values are given. The summaries describe single articles, not %ss.", by, by, minN, by, by))
	case len(excluded) == len(units) && len(units) > 1:
		notes = append(notes, fmt.Sprintf("No %s has %d articles: per-%s tests need at least %d articles per %s, so no p-values are given.", by, minN, by, minN, by))
	case len(excluded) > 0:
		notes = append(notes, fmt.Sprintf("%s fewer than %d articles and %s listed but left out of the tests: %s.",
			english.Count(len(excluded), by, by+"s")+" "+english.Plural(len(excluded), "has", "have"), minN, english.Plural(len(excluded), "is", "are"), listSome(excluded, 10)))
	}
	if a.dupes > 0 {
		notes = append(notes, fmt.Sprintf("%s %s the outlet and id of an earlier record (first: %q), and both are counted: if they are one article read twice, read it once (compare --dedupe id keeps the first of each id in a corpus).",
			english.Count(a.dupes, "record", "records"), english.Plural(a.dupes, "repeats", "repeat"), a.dupeID))
	}
	switch tr := c.Trends; {
	case tr != nil && tr.Dated == 0:
		notes = append(notes, fmt.Sprintf("No trends: no record has a date (%s).", strings.TrimSuffix(undatedNote(a.undated, a.unreadDates, a.n), ".")))
	case tr != nil:
		if a.undated > 0 {
			notes = append(notes, undatedNote(a.undated, a.unreadDates, a.n)+" They are left out of the trends, and the date range is that of the others.")
		}
		notes = append(notes,
			fmt.Sprintf("Trends by %s: %s Periods with fewer than %d articles with evidence are marked and left out of the line. Trend p-values are Holm-adjusted over the %ss of each axis; a trend is called reliable when the adjusted p is below %g.", tr.Period, TrendLevel, tr.MinArticles, by, Alpha),
			"The trend test treats articles as independent. Articles of the same news cycle are not, which makes its p-value too small: read a trend with the period means beside it.")
	case a.undated > 0 && a.undated < a.n:
		notes = append(notes, undatedNote(a.undated, a.unreadDates, a.n)+" The date range is that of the others.")
	}
	if by == "group" {
		if _, ok := a.units["(no group)"]; ok {
			notes = append(notes, "Articles without an outlet group are counted together as \"(no group)\".")
		}
	} else {
		for _, u := range units {
			if gs := a.groupsOf(u); len(gs) > 1 {
				notes = append(notes, fmt.Sprintf("Outlet %s has articles in several groups (%s); its most common group is shown.", u.name, strings.Join(gs, ", ")))
			}
		}
	}
	if lex == nil {
		if a.opt.Lexicon != nil {
			notes = append(notes, fmt.Sprintf("The lexicon given (%s) is not the one the records were scored with (%s): ids stand in for labels.",
				refString(record.LexiconRef{Name: a.opt.Lexicon.Name, Version: a.opt.Lexicon.Version, SHA256: a.opt.Lexicon.Hash}), refString(a.lex)))
		} else {
			notes = append(notes, fmt.Sprintf("The lexicon the records were scored with (%s) was not available: ids stand in for labels.", refString(a.lex)))
		}
	}
	if a.opt.Bootstrap > 0 {
		notes = append(notes, fmt.Sprintf("Intervals are 95%% percentile bootstrap intervals of the mean (%d resamples, seed %d). Each unit and variable draws from its own stream derived from the seed, so adding another %s does not change the others' intervals.", a.opt.Bootstrap, a.opt.Seed, by))
		small, normal := false, false
		// From the values summarised, not the Units: those past
		// Options.ListUnits carry no summary of most of them.
		for _, u := range units {
			for _, n := range a.sampleSizes(c, u) {
				small = small || (n >= 2 && n < smallCI)
				normal = normal || n > bootstrapMaxN // the normal interval (summary)
			}
		}
		if small {
			notes = append(notes, fmt.Sprintf("Intervals from fewer than %d articles are too narrow (the percentile bootstrap undercovers in small samples): read them as rough.", smallCI))
		}
		if normal {
			notes = append(notes, fmt.Sprintf("Samples of more than %d articles get the normal interval mean ± 1.96·sd/√n, which the bootstrap would reproduce to within its own noise.", bootstrapMaxN))
		}
	} else {
		notes = append(notes, "No confidence intervals: the bootstrap was turned off.")
	}
	tested := false
	for _, t := range append(slices.Clone(c.Tests), c.TargetTests...) {
		tested = tested || t.KruskalWallis != nil
	}
	var cannot []string
	for _, t := range append(slices.Clone(c.Tests), c.TargetTests...) {
		if t.CannotTell() {
			cannot = append(cannot, familyName(c, t))
		}
	}
	if len(cannot) > 0 {
		notes = append(notes, fmt.Sprintf("Too few articles for the tests to find any difference, however large, on %s: no pair there can reach p < %g after Holm's adjustment. Their sentences say \"the data cannot tell\"; that is not evidence that the %ss are alike.",
			listSome(cannot, 10), Alpha, by))
	}
	if tested {
		notes = append(notes,
			"Tests: Kruskal–Wallis (tie-corrected) across the tested units, then Mann–Whitney for each pair: exact p when both have fewer than 50 articles and there are no ties, else the normal approximation with tie and continuity correction (as R's kruskal.test and wilcox.test). Cliff's δ sizes each difference (Romano et al. 2006: below 0.147 negligible, 0.33 small, 0.474 medium, else large).",
			fmt.Sprintf("Pair p-values are Holm-adjusted within each axis and within each target, not across them; a difference is called reliable when the adjusted p is below %g.", Alpha),
			"The tests treat articles as independent. Articles about the same event or by the same author are not, which makes p-values too small.")
	}
	return notes
}

// undatedNote says how many of n records have no date, and how many of
// those have a date field that could not be read.
func undatedNote(undated, unread, n int) string {
	s := fmt.Sprintf("%s of %d %s no date", english.Count(undated, "record", "records"), n, english.Plural(undated, "has", "have"))
	if unread > 0 {
		s += fmt.Sprintf(" (%d with a date that could not be read: ambiguous day and month, which --date-order settles, or an unknown format)", unread)
	}
	return s + "."
}

// familyName names a family of tests: its axis, or the framing of its
// target, by label.
func familyName(c *Comparison, t AxisTests) string {
	if t.Axis != "" {
		return labelOf(c.Axes, t.Axis)
	}
	return "the framing of " + labelOf(c.Targets, t.Target)
}

func labelOf(ls []Label, id string) string {
	for _, l := range ls {
		if l.ID == id && l.Label != "" {
			return l.Label
		}
	}
	return id
}

// MaxListedUnits is the most units given distinctive terms and placed on
// the outlet map: the largest, by articles then name. Ranking one unit's
// terms is a pass over every phrase counted, and the map's table holds
// every unit × entry, so that tens of thousands of units would cost hours
// and gigabytes; the notes say how many were left out.
const MaxListedUnits = 1000

// rankedUnits returns the units whose distinctive terms are ranked: the
// MaxListedUnits largest of those with at least MinArticles articles (the
// others are left out by distinctiveOfTested, with a note), and a note of
// the units past the cap, "" when none is.
func (a *Aggregator) rankedUnits(units []*unitAcc) (map[*unitAcc]bool, string) {
	ranked := map[*unitAcc]bool{}
	past := 0
	for _, u := range units {
		switch {
		case u.articles < a.opt.MinArticles:
		case len(ranked) < MaxListedUnits:
			ranked[u] = true
		default:
			past++
		}
	}
	if past == 0 {
		return ranked, ""
	}
	return ranked, fmt.Sprintf("Distinctive terms are ranked for the %d largest %ss with at least %d articles; the other %d are left out (ranking each is a pass over every phrase counted), and their texts still count among the others'.",
		MaxListedUnits, a.opt.By, a.opt.MinArticles, past)
}

// distinctiveOfTested keeps the distinctive terms of units with at least
// MinArticles articles, and says which were left out: the words of one or
// two articles are their topic more than their outlet's vocabulary. The
// texts of the units left out still count as the others' background.
func (a *Aggregator) distinctiveOfTested(ds []Distinctive, notes []string) ([]Distinctive, []string) {
	var kept []Distinctive
	var out []string
	for _, d := range ds {
		if u := a.units[d.Unit]; u.articles < a.opt.MinArticles {
			out = append(out, fmt.Sprintf("%s (%d)", d.Unit, u.articles))
			continue
		}
		kept = append(kept, d)
	}
	if len(out) > 0 {
		notes = append(notes, fmt.Sprintf("No distinctive terms are listed for %s with fewer than %d articles: %s. A few articles' words say more about their topic than about the %s's vocabulary; their texts still count among the others'.",
			english.Plural(len(out), a.opt.By, a.opt.By+"s"), a.opt.MinArticles, listSome(out, 10), a.opt.By))
	}
	if kept == nil {
		kept = []Distinctive{}
	}
	return kept, notes
}

// sampleSizes returns the number of values of each of the unit's
// summaries: loaded terms per 1,000 tokens, each axis, each target.
func (a *Aggregator) sampleSizes(c *Comparison, u *unitAcc) []int {
	ns := []int{len(u.loadedPer1k)}
	for _, ax := range c.Axes {
		ns = append(ns, len(a.axes.at(u.axes, ax.ID)))
	}
	for _, t := range c.Targets {
		ns = append(ns, len(a.targets.at(u.targets, t.ID)))
	}
	return ns
}

// listSome joins up to max items and says how many more there are.
func listSome(items []string, max int) string {
	if len(items) <= max {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:max], ", ") + fmt.Sprintf(" and %d more", len(items)-max)
}
