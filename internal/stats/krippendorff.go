package stats

import (
	"fmt"
	"math"
	"slices"
	"sort"
)

// Metric is the level of measurement of the values coded in reliability
// data, which decides how far apart two values are for KrippendorffAlpha.
type Metric int

const (
	// Nominal values are categories: δ²(c, k) = 0 if c = k, else 1.
	Nominal Metric = iota
	// Ordinal values are ranks: δ²(c, k) = (Σ_{g=c}^{k} n_g − (n_c+n_k)/2)²,
	// where n_g counts the pairable values equal to g and the sum runs
	// over the distinct values from c to k in order.
	Ordinal
	// Interval values are differences on a scale: δ²(c, k) = (c − k)².
	Interval
	// Ratio values are non-negative magnitudes with a true zero:
	// δ²(c, k) = ((c − k)/(c + k))², taken as 0 when c = k = 0.
	Ratio
)

// String returns the name of the metric, such as "nominal".
func (m Metric) String() string {
	switch m {
	case Nominal:
		return "nominal"
	case Ordinal:
		return "ordinal"
	case Interval:
		return "interval"
	case Ratio:
		return "ratio"
	}
	return fmt.Sprintf("Metric(%d)", int(m))
}

// KrippendorffAlpha returns Krippendorff's alpha, the agreement among
// coders corrected for the agreement expected by chance (K. Krippendorff,
// "Computing Krippendorff's Alpha-Reliability", 2011, Annenberg School
// for Communication, University of Pennsylvania).
//
// data holds one row per coder and one column per unit; data[i][u] is
// coder i's value for unit u, or NaN where coder i did not code unit u.
// A unit with fewer than two values cannot be paired and is ignored.
// With m_u the number of values of unit u and n = Σ m_u over the pairable
// units,
//
//	D_o = 1/n · Σ_u 1/(m_u−1) · Σ_{i≠j in u} δ²(v_i, v_j),
//	D_e = 1/(n(n−1)) · Σ_{i≠j over all pairable values} δ²(v_i, v_j),
//	α   = 1 − D_o/D_e,
//
// which is the paper's coincidence-matrix formula
// α = 1 − (n−1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck written out pair by pair;
// δ² is given by metric (see Metric). α is 1 for perfect agreement and
// about 0 for chance agreement.
//
// It returns NaN if there is no pairable unit, or if all pairable values
// are equal (D_e = 0), where α is undefined. It panics if the rows of
// data differ in length or metric is not one of the four defined. The
// cost is O(Σ m_u² + V²) for V distinct values (O(Σ m_u² + V log V) for
// the nominal and interval metrics).
func KrippendorffAlpha(data [][]float64, metric Metric) float64 {
	if metric < Nominal || metric > Ratio {
		panic("stats: unknown Krippendorff metric")
	}
	units := 0
	if len(data) > 0 {
		units = len(data[0])
	}
	for _, row := range data {
		if len(row) != units {
			panic("stats: reliability data rows differ in length")
		}
	}

	// Collect the pairable units' values.
	var pairable [][]float64
	var all []float64
	for u := 0; u < units; u++ {
		var vals []float64
		for _, row := range data {
			if !math.IsNaN(row[u]) {
				vals = append(vals, row[u])
			}
		}
		if len(vals) >= 2 {
			pairable = append(pairable, vals)
			all = append(all, vals...)
		}
	}
	if len(pairable) == 0 {
		return math.NaN()
	}
	n := float64(len(all))

	// Distinct values and their frequencies n_c.
	slices.Sort(all)
	var values, freq []float64
	for i := 0; i < len(all); {
		j := i + 1
		for j < len(all) && all[j] == all[i] {
			j++
		}
		values = append(values, all[i])
		freq = append(freq, float64(j-i))
		i = j
	}
	// cum[c] = Σ_{g<c} n_g, for the ordinal metric.
	cum := make([]float64, len(values)+1)
	for c, f := range freq {
		cum[c+1] = cum[c] + f
	}
	index := func(v float64) int { return sort.SearchFloat64s(values, v) }
	delta2 := func(c, k int) float64 {
		switch metric {
		case Nominal:
			if c == k {
				return 0
			}
			return 1
		case Ordinal:
			if c > k {
				c, k = k, c
			}
			d := cum[k+1] - cum[c] - (freq[c]+freq[k])/2
			return d * d
		case Interval:
			d := values[c] - values[k]
			return d * d
		default: // Ratio
			s := values[c] + values[k]
			if s == 0 {
				return 0
			}
			d := (values[c] - values[k]) / s
			return d * d
		}
	}

	var observed float64
	for _, vals := range pairable {
		var sum float64
		for i, vi := range vals {
			ci := index(vi)
			for j, vj := range vals {
				if i != j {
					sum += delta2(ci, index(vj))
				}
			}
		}
		observed += sum / float64(len(vals)-1)
	}
	observed /= n

	var expected float64
	switch metric {
	case Nominal:
		// Σ_{c≠k} n_c n_k = n² − Σ n_c².
		expected = n * n
		for _, f := range freq {
			expected -= f * f
		}
	case Interval:
		// Σ_{c,k} n_c n_k (c−k)² = 2n Σ n_c (c − mean)².
		var mean float64
		for c, f := range freq {
			mean += f * values[c]
		}
		mean /= n
		for c, f := range freq {
			d := values[c] - mean
			expected += 2 * n * f * d * d
		}
	default:
		for c, fc := range freq {
			for k, fk := range freq {
				expected += fc * fk * delta2(c, k)
			}
		}
	}
	expected /= n * (n - 1)
	if expected == 0 {
		return math.NaN()
	}
	return 1 - observed/expected
}
