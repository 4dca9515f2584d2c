package report

import (
	"strings"
	"testing"
)

// TestFramingCellsShowN checks that every cell of the framing heat map
// carries its number of articles, shown in the cell, and that a cell of
// one article is paler than one of many.
func TestFramingCellsShowN(t *testing.T) {
	in := tinyInput(t, false)
	b := &builder{in: in, opt: Options{TopUnits: DefaultTopUnits}, cmp: in.Comparison}
	b.index()
	if b.framingChart("f") == 0 {
		t.Fatal("no framing chart")
	}
	data := b.charts[0].Option["series"].([]any)[0].(map[string]any)["data"].([]any)
	if len(data) == 0 {
		t.Fatal("no cells")
	}
	for _, d := range data {
		cell := d.(map[string]any)
		v := cell["value"].([]any)
		n := v[3].(int)
		if op := cell["itemStyle"].(map[string]any)["opacity"].(float64); op != cellOpacity(n) {
			t.Errorf("cell %v: opacity %v, want %v", v, op, cellOpacity(n))
		}
	}
	if !(cellOpacity(1) < cellOpacity(3) && cellOpacity(3) < cellOpacity(fullCell) && cellOpacity(fullCell) == 1 && cellOpacity(50) == 1) {
		t.Errorf("opacity does not grow with n: 1 → %v, 3 → %v, %d → %v", cellOpacity(1), cellOpacity(3), fullCell, cellOpacity(fullCell))
	}
	if !strings.Contains(pageJS, `'\nn = ' + p.value[3]`) {
		t.Error("the page script does not write n in each framing cell")
	}
}
