package stats

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// smoke is Greenacre's smoking data (staff groups × smoking categories),
// the smoke data set of R's ca package.
var smoke = []float64{
	4, 2, 3, 2,
	4, 3, 7, 4,
	25, 10, 12, 4,
	18, 24, 33, 13,
	10, 6, 7, 2,
}

// Reference values from R 4.2.2, printed %.17g:
//
//	N <- matrix(c(4,2,3,2, 4,3,7,4, 25,10,12,4, 18,24,33,13, 10,6,7,2),
//	            nrow = 5, byrow = TRUE)
//	P <- N/sum(N); r <- rowSums(P); cm <- colSums(P)
//	S <- diag(1/sqrt(r)) %*% (P - r %o% cm) %*% diag(1/sqrt(cm))
//	s <- svd(S); K <- 3
//	s$d[1:K]^2; s$d[1:K]^2 / sum(s$d^2); sum(S^2)
//	F <- diag(1/sqrt(r)) %*% s$u[, 1:K] %*% diag(s$d[1:K])
//	G <- diag(1/sqrt(cm)) %*% s$v[, 1:K] %*% diag(s$d[1:K])
//
// The ca package (0.71.1, Debian r-cran-ca), ca(N)$rowcoord %*%
// diag(ca(N)$sv) and likewise for columns, gives the same coordinates and
// signs to within 2e-16 absolute. svd() returned dimensions 1 and 2 with
// the largest-|G| column negative (columns 1 and 4), so caSigns flips them
// to match CorrespondenceAnalysis's convention; dimension 3's largest
// |G| (column 4, 0.0262) is already positive.
var (
	caInertia = []float64{0.074759105885755711, 0.010017180512228774, 0.00041357407985622498}
	caShare   = []float64{0.87755873136101448, 0.11758653501767864, 0.0048547336213069919}
	caTotal   = 0.08518986047784069 // also chisq.test(N)$statistic / sum(N)
	caSigns   = []float64{-1, -1, 1}
	caF       = [][]float64{
		{-0.06576838388025906, -0.19373700362161017, 0.070981028412563762},
		{0.25895842143040226, -0.24330457490146229, -0.033705189737183019},
		{-0.38059488705021305, -0.010659907204889494, -0.0051557574972504712},
		{0.23295190822271838, 0.057743907753215765, 0.0033053709190992717},
		{-0.20108912188410918, 0.078911230929216591, -0.0080810762315949875},
	}
	caG = [][]float64{
		{-0.39330844857871849, -0.030492071109187353, -0.00089048268610865779},
		{0.099455920793376937, 0.14106428920014946, 0.021998034929648479},
		{0.19632095639529029, 0.0073591085867477013, -0.025659086695107833},
		{0.29377598524367521, -0.1977656563489861, 0.026210849884604915},
	}
)

func checkCoords(t *testing.T, name string, got *mat.Dense, rows []int, want [][]float64) {
	t.Helper()
	for a, i := range rows {
		for d, w := range want[a] {
			// gonum's and LAPACK's SVDs agreed to 3e-14 relative here.
			if g := got.At(i, d); !nearRel(g, caSigns[d]*w, relTol) {
				t.Errorf("%s[%d, %d] = %.17g, want %.17g", name, i, d, g, caSigns[d]*w)
			}
		}
	}
}

func TestCorrespondenceAnalysis(t *testing.T) {
	res, err := CorrespondenceAnalysis(rowsOf(mat.NewDense(5, 4, smoke)))
	if err != nil {
		t.Fatal(err)
	}
	if r, c := res.RowCoords.Dims(); r != 5 || c != 3 {
		t.Fatalf("RowCoords is %d × %d, want 5 × 3", r, c)
	}
	if r, c := res.ColCoords.Dims(); r != 4 || c != 3 {
		t.Fatalf("ColCoords is %d × %d, want 4 × 3", r, c)
	}
	checkSlice(t, "Inertia", res.Inertia, caInertia, relTol)
	checkSlice(t, "Share", res.Share, caShare, relTol)
	if !nearRel(res.TotalInertia, caTotal, relTol) {
		t.Errorf("TotalInertia = %.17g, want %.17g", res.TotalInertia, caTotal)
	}
	checkCoords(t, "RowCoords", res.RowCoords, []int{0, 1, 2, 3, 4}, caF)
	checkCoords(t, "ColCoords", res.ColCoords, []int{0, 1, 2, 3}, caG)
}

func TestCorrespondenceAnalysisZeroMargins(t *testing.T) {
	// The smoke table with an empty row inserted at index 2 and an empty
	// column at index 0: those get NaN coordinates and the rest is the
	// analysis of the smoke table.
	const nr, nc = 6, 5
	padded := mat.NewDense(nr, nc, nil)
	rows := []int{0, 1, 3, 4, 5}
	cols := []int{1, 2, 3, 4}
	for a, i := range rows {
		for b, j := range cols {
			padded.Set(i, j, smoke[4*a+b])
		}
	}
	res, err := CorrespondenceAnalysis(rowsOf(padded))
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "Inertia", res.Inertia, caInertia, relTol)
	checkCoords(t, "RowCoords", res.RowCoords, rows, caF)
	checkCoords(t, "ColCoords", res.ColCoords, cols, caG)
	for d := 0; d < 3; d++ {
		if !math.IsNaN(res.RowCoords.At(2, d)) || !math.IsNaN(res.ColCoords.At(0, d)) {
			t.Errorf("dimension %d: empty row/column coordinates %v, %v, want NaN",
				d, res.RowCoords.At(2, d), res.ColCoords.At(0, d))
		}
	}
}

func TestCorrespondenceAnalysisSignConvention(t *testing.T) {
	// Negating is not possible through the input, but permuting columns
	// changes which singular vectors the SVD returns; the convention must
	// still hold, and the coordinates must follow the permutation.
	perm := []int{3, 0, 2, 1}
	permuted := mat.NewDense(5, 4, nil)
	for i := 0; i < 5; i++ {
		for b, j := range perm {
			permuted.Set(i, b, smoke[4*i+j])
		}
	}
	res, err := CorrespondenceAnalysis(rowsOf(permuted))
	if err != nil {
		t.Fatal(err)
	}
	_, k := res.ColCoords.Dims()
	for d := 0; d < k; d++ {
		best := 0
		for j := range perm {
			if math.Abs(res.ColCoords.At(j, d)) > math.Abs(res.ColCoords.At(best, d)) {
				best = j
			}
		}
		if res.ColCoords.At(best, d) < 0 {
			t.Errorf("dimension %d: largest column coordinate %v is negative", d, res.ColCoords.At(best, d))
		}
	}
	for b, j := range perm {
		for d := 0; d < k; d++ {
			if g, w := res.ColCoords.At(b, d), caSigns[d]*caG[j][d]; !nearRel(g, w, relTol) {
				t.Errorf("permuted column %d, dimension %d = %.17g, want %.17g", b, d, g, w)
			}
		}
	}
}

func TestCorrespondenceAnalysisErrors(t *testing.T) {
	tests := []struct {
		name    string
		table   *mat.Dense
		wantErr string
	}{
		{"negative", mat.NewDense(2, 2, []float64{1, -2, 3, 4}), "row 0, column 1 is -2"},
		{"NaN", mat.NewDense(2, 2, []float64{1, 2, math.NaN(), 4}), "row 1, column 0 is NaN"},
		{"infinite", mat.NewDense(2, 2, []float64{1, 2, 3, math.Inf(1)}), "row 1, column 1 is +Inf"},
		{"one row", mat.NewDense(2, 3, []float64{1, 2, 3, 0, 0, 0}), "1 rows and 3 columns"},
		{"one column", mat.NewDense(3, 2, []float64{1, 0, 2, 0, 3, 0}), "3 rows and 1 columns"},
		{"all zero", mat.NewDense(2, 2, nil), "0 rows and 0 columns"},
		{"ragged", nil, "row 1 has 1 entries, row 0 has 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := CorrespondenceAnalysis(rowsOf(tt.table))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// rowsOf returns the rows of m; nil gives a ragged table.
func rowsOf(m *mat.Dense) [][]float64 {
	if m == nil {
		return [][]float64{{1, 2}, {3}}
	}
	r, _ := m.Dims()
	rows := make([][]float64, r)
	for i := range rows {
		rows[i] = mat.Row(nil, i, m)
	}
	return rows
}
