package aggregate

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"maps"
	"math"
	"slices"

	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/stats"
)

// QuantileDefinition names the quantiles of every median, quartile and
// IQR in a Comparison.
const QuantileDefinition = "R type 7 (Hyndman & Fan 1996; R's quantile() default): linear interpolation between order statistics at positions (k-1)/(n-1)"

// bootstrapMaxN is the largest sample whose interval is bootstrapped.
// Beyond it the percentile bootstrap interval of a mean agrees with the
// normal interval mean ± 1.96·sd/√n to well within the bootstrap's own
// Monte Carlo error, and resampling would cost Bootstrap·n draws.
const bootstrapMaxN = 5_000

// summarise fills c.Units, one unit at a time on opt.Workers goroutines;
// each summary has its own seed, so the result does not depend on which
// goroutine computes it. A unit's summaries go straight into its Unit:
// with tens of thousands of units, a job per summary and a copy of every
// summary cost as much again as the Units.
func (a *Aggregator) summarise(c *Comparison, units []*unitAcc) {
	c.Units = make([]Unit, len(units))
	axisIDs, targetIDs := sortedIDs(c.Axes), sortedIDs(c.Targets)
	a.parallel(len(units), func(i int) {
		u := units[i]
		unit := Unit{
			Name:     u.name,
			Group:    a.mainGroup(u),
			Articles: u.articles,
			Tokens:   u.tokens,
			Axes:     Summaries{ids: axisIDs},
			Tested:   u.articles >= a.opt.MinArticles,
		}
		if !unit.Tested {
			unit.Excluded = fmt.Sprintf("%s; tests need at least %d", english.Count(u.articles, "article", "articles"), a.opt.MinArticles)
		}
		for k, id := range axisIDs {
			unit.Axes.set(k, a.summary(a.axes.at(u.axes, id), "axis\x00"+id+"\x00"+u.name))
		}
		if a.opt.ListUnits > 0 && i >= a.opt.ListUnits {
			// Sorted as a summary would have them: what follows reads
			// the same values in the same order either way.
			slices.Sort(u.loadedPer1k)
			for _, v := range u.targets {
				slices.Sort(v.x)
			}
			c.Units[i] = unit
			return
		}
		unit.LoadedPer1k = a.summary(u.loadedPer1k, "loaded_per_1k\x00\x00"+u.name)
		unit.VoiceShare = map[record.Voice]float64{}
		unit.Targets = Summaries{ids: targetIDs}
		if u.cred != nil {
			p := u.cred.Result()
			unit.Credibility = &p
		}
		var loaded int
		for _, n := range u.voice {
			loaded += n
		}
		if loaded > 0 {
			for _, v := range record.Voices {
				n := 0
				if i, ok := a.voices.index[v]; ok && i < len(u.voice) {
					n = u.voice[i]
				}
				unit.VoiceShare[v] = float64(n) / float64(loaded)
			}
		}
		for k, id := range targetIDs {
			unit.Targets.set(k, a.summary(a.targets.at(u.targets, id), "target\x00"+id+"\x00"+u.name))
		}
		c.Units[i] = unit
	})
}

// sortedIDs returns the ids of ls, sorted and each once.
func sortedIDs(ls []Label) []string {
	ids := make([]string, len(ls))
	for i, l := range ls {
		ids[i] = l.ID
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// summary describes x, sorting it in place. key names the unit and
// variable for the bootstrap seed.
func (a *Aggregator) summary(x []float64, key string) Summary {
	s := Summary{N: len(x)}
	if len(x) == 0 {
		return s
	}
	// Sorting makes the bootstrap independent of the order records came in.
	slices.Sort(x)
	mean, sd := stats.MeanStd(x)
	s.Mean = finite(mean)
	if len(x) > 1 {
		s.SD = finite(sd)
	}
	s.Median = finite(stats.Quantile7(0.5, x))
	q1, q3 := stats.Quantile7(0.25, x), stats.Quantile7(0.75, x)
	s.Q1, s.Q3, s.IQR = finite(q1), finite(q3), finite(q3-q1)
	if a.opt.Bootstrap > 0 && len(x) > 1 {
		var lo, hi float64
		if len(x) <= bootstrapMaxN {
			lo, hi = stats.BootstrapCI(x, stats.Mean, a.opt.Bootstrap, 0.95, a.seedFor(key))
			s.CIMethod = "percentile bootstrap"
		} else {
			lo, hi = stats.NormalCI(mean, sd, len(x), 0.95)
			s.CIMethod = "normal"
		}
		s.CILow, s.CIHigh = finite(lo), finite(hi)
	}
	return s
}

// seedFor derives the seed of one bootstrap from the user's seed and key.
func (a *Aggregator) seedFor(key string) uint64 {
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], a.opt.Seed)
	h.Write(b[:])
	h.Write([]byte(key))
	return h.Sum64()
}

func finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// mostCommon returns the most frequent non-empty key, the first by name
// on ties, so that the result does not depend on record order.
func mostCommon(m map[string]int) string {
	best, n := "", 0
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if k != "" && m[k] > n {
			best, n = k, m[k]
		}
	}
	return best
}
