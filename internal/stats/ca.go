package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// CAResult is the outcome of a simple correspondence analysis of an r × c
// contingency table, keeping K = min(r′, c′) − 1 dimensions, where r′
// and c′ count the rows and columns with non-zero totals.
type CAResult struct {
	// RowCoords is r × K: the principal coordinates of the row profiles.
	// Rows with a zero total have no profile; their coordinates are NaN.
	RowCoords *mat.Dense
	// ColCoords is c × K: the principal coordinates of the column
	// profiles, NaN for columns with a zero total.
	ColCoords *mat.Dense
	// Inertia holds the principal inertias σ_k², largest first.
	Inertia []float64
	// Share holds each dimension's share of the total inertia,
	// σ_k² / TotalInertia.
	Share []float64
	// TotalInertia is Σ_ij s_ij² = χ²/n, the table's Pearson χ²
	// statistic divided by its grand total.
	TotalInertia float64
}

// CorrespondenceAnalysis performs a simple correspondence analysis of the
// contingency table (Greenacre 2007, Correspondence Analysis in Practice,
// 2nd ed., appendix A). With P = table/n the correspondence matrix, r and c
// its row and column masses and D_r, D_c diagonal matrices of them, it
// takes the singular value decomposition of the standardized residuals
//
//	S = D_r^{−1/2} (P − r cᵀ) D_c^{−1/2} = U Σ Vᵀ
//
// and returns the row principal coordinates F = D_r^{−1/2} U Σ, the column
// principal coordinates G = D_c^{−1/2} V Σ and the principal inertias σ_k².
// These are the coordinates R's ca package reports as
// ca(table)$rowcoord %*% diag(ca(table)$sv) and likewise for columns.
//
// The sign of each singular vector pair is arbitrary; CorrespondenceAnalysis
// fixes it by making, in every dimension, the column coordinate of largest
// absolute value (the first such column, on ties) positive, so equal input
// gives equal output.
//
// Rows and columns whose total is zero are left out of the analysis and
// get NaN coordinates, so the result stays indexed like the table.
// If the table has no association at all (proportional rows), the total
// inertia is zero and Share is NaN.
//
// The table is given as rows of counts, all of the same length.
// CorrespondenceAnalysis returns an error if the rows differ in length, if
// an entry is negative, NaN or infinite, or if fewer than two rows or two
// columns have non-zero totals.
func CorrespondenceAnalysis(counts [][]float64) (CAResult, error) {
	nr, nc := len(counts), 0
	if nr > 0 {
		nc = len(counts[0])
	}
	if nr == 0 || nc == 0 {
		return CAResult{}, fmt.Errorf("stats: correspondence analysis: table has %d rows and %d columns with non-zero totals; need at least 2 of each", 0, 0)
	}
	table := mat.NewDense(nr, nc, nil)
	for i, row := range counts {
		if len(row) != nc {
			return CAResult{}, fmt.Errorf("stats: correspondence analysis: row %d has %d entries, row 0 has %d", i, len(row), nc)
		}
		table.SetRow(i, row)
	}
	rowSum := make([]float64, nr)
	colSum := make([]float64, nc)
	var total float64
	for i := 0; i < nr; i++ {
		for j := 0; j < nc; j++ {
			v := table.At(i, j)
			if !(v >= 0) || math.IsInf(v, 1) {
				return CAResult{}, fmt.Errorf("stats: correspondence analysis: entry at row %d, column %d is %v; entries must be finite counts ≥ 0", i, j, v)
			}
			rowSum[i] += v
			colSum[j] += v
			total += v
		}
	}
	rows := nonZero(rowSum)
	cols := nonZero(colSum)
	if len(rows) < 2 || len(cols) < 2 {
		return CAResult{}, fmt.Errorf("stats: correspondence analysis: table has %d rows and %d columns with non-zero totals; need at least 2 of each", len(rows), len(cols))
	}

	r := make([]float64, len(rows))
	for a, i := range rows {
		r[a] = rowSum[i] / total
	}
	c := make([]float64, len(cols))
	for b, j := range cols {
		c[b] = colSum[j] / total
	}
	s := mat.NewDense(len(rows), len(cols), nil)
	var totalInertia float64
	for a, i := range rows {
		for b, j := range cols {
			e := r[a] * c[b]
			v := (table.At(i, j)/total - e) / math.Sqrt(e)
			s.Set(a, b, v)
			totalInertia += v * v
		}
	}

	var svd mat.SVD
	if !svd.Factorize(s, mat.SVDThin) {
		return CAResult{}, fmt.Errorf("stats: correspondence analysis: singular value decomposition did not converge")
	}
	sigma := svd.Values(nil)
	var u, v mat.Dense
	svd.UTo(&u)
	svd.VTo(&v)

	k := min(len(rows), len(cols)) - 1
	res := CAResult{
		RowCoords:    mat.NewDense(nr, k, nil),
		ColCoords:    mat.NewDense(nc, k, nil),
		Inertia:      make([]float64, k),
		Share:        make([]float64, k),
		TotalInertia: totalInertia,
	}
	fillNaN(res.RowCoords)
	fillNaN(res.ColCoords)
	for d := 0; d < k; d++ {
		// Sign convention: the largest |V[b, d]| gives the largest
		// |G[b, d]| only up to the column mass, so decide on G itself.
		sign, best := 1.0, -1.0
		for b := range cols {
			g := math.Abs(v.At(b, d)) / math.Sqrt(c[b])
			if g > best {
				best = g
				sign = math.Copysign(1, v.At(b, d))
			}
		}
		for a, i := range rows {
			res.RowCoords.Set(i, d, sign*u.At(a, d)*sigma[d]/math.Sqrt(r[a]))
		}
		for b, j := range cols {
			res.ColCoords.Set(j, d, sign*v.At(b, d)*sigma[d]/math.Sqrt(c[b]))
		}
		res.Inertia[d] = sigma[d] * sigma[d]
		res.Share[d] = res.Inertia[d] / totalInertia
	}
	return res, nil
}

func nonZero(sums []float64) []int {
	var idx []int
	for i, s := range sums {
		if s > 0 {
			idx = append(idx, i)
		}
	}
	return idx
}

func fillNaN(m *mat.Dense) {
	nr, nc := m.Dims()
	for i := 0; i < nr; i++ {
		for j := 0; j < nc; j++ {
			m.Set(i, j, math.NaN())
		}
	}
}
