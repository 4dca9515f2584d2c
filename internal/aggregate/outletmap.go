package aggregate

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/compare-tool/compare/internal/stats"
)

// outletMap runs the correspondence analysis of units × entries
// (author-voice uses), of the MaxListedUnits largest units: the table is
// dense, and its decomposition grows with units × entries.
func (a *Aggregator) outletMap(units []*unitAcc, names map[string]string) (*OutletMap, string) {
	left := ""
	if len(units) > MaxListedUnits {
		left = fmt.Sprintf(" The outlet map places the %d largest of %d %ss; the other %d are left out of its correspondence analysis.",
			MaxListedUnits, len(units), a.opt.By, len(units)-MaxListedUnits)
		units = units[:MaxListedUnits]
	}
	m, note := a.correspondence(units, names)
	return m, strings.TrimSpace(note + left)
}

// correspondence maps units and entries (see outletMap).
func (a *Aggregator) correspondence(units []*unitAcc, names map[string]string) (*OutletMap, string) {
	entries := slices.Sorted(maps.Keys(a.entries))
	table := make([][]float64, len(units))
	for i, u := range units {
		table[i] = make([]float64, len(entries))
		uses := a.authorUses(u)
		for j, id := range entries {
			table[i][j] = float64(uses[id])
		}
	}
	res, err := stats.CorrespondenceAnalysis(table)
	if err != nil {
		return nil, fmt.Sprintf("No outlet map: correspondence analysis needs at least two %ss and two lexicon entries used in the author's voice.", a.opt.By)
	}
	if math.IsNaN(res.Share[0]) {
		return nil, fmt.Sprintf("No outlet map: every %s uses the lexicon entries in the same proportions.", a.opt.By)
	}
	k := len(res.Inertia)
	m := &OutletMap{Units: []MapPoint{}, Entries: []MapPoint{}}
	m.Inertia[0] = res.Share[0]
	if k > 1 {
		m.Inertia[1] = res.Share[1]
	}
	var total float64
	rowSum := make([]float64, len(units))
	colSum := make([]float64, len(entries))
	for i := range units {
		for j := range entries {
			v := table[i][j]
			rowSum[i] += v
			colSum[j] += v
			total += v
		}
	}
	point := func(name string, at func(i, j int) float64, i int, mass float64) (MapPoint, bool) {
		x := at(i, 0)
		if math.IsNaN(x) {
			return MapPoint{}, false
		}
		y := 0.0
		if k > 1 {
			y = at(i, 1)
		}
		return MapPoint{Name: name, X: x, Y: y, Mass: mass}, true
	}
	for i, u := range units {
		if p, ok := point(u.name, res.RowCoords.At, i, rowSum[i]/total); ok {
			m.Units = append(m.Units, p)
		}
	}
	for j, id := range entries {
		if p, ok := point(id, res.ColCoords.At, j, colSum[j]/total); ok {
			p.Label = cmp.Or(names[id], id)
			m.Entries = append(m.Entries, p)
		}
	}
	note := ""
	if k == 1 {
		note = "The outlet map has one dimension only (two units or two entries): y is 0."
	}
	return m, note
}
