package report

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestFramingCellsShowN checks that every cell of the framing heat map
// carries its number of articles, shown in the cell, and that a cell of
// one article is paler than one of many.
func TestFramingCellsShowN(t *testing.T) {
	in := tinyInput(t, false)
	b := &builder{in: in, opt: DefaultOptions(), cmp: in.Comparison}
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

// TestDistinctiveScale checks that every unit's distinctive-term chart has
// the same x-axis, holding every bar, and that candidates are marked by
// something that cannot be read as the lexicon's * wildcard.
func TestDistinctiveScale(t *testing.T) {
	in := tinyInput(t, false)
	b := &builder{in: in, opt: DefaultOptions(), cmp: in.Comparison}
	b.index()
	v := b.distinctive()
	if len(v.Charts) < 2 {
		t.Fatalf("%d distinctive charts, want 2", len(v.Charts))
	}
	var maxes []any
	for _, c := range b.charts {
		x := c.Option["xAxis"].([]any)[0].(map[string]any)
		maxes = append(maxes, x["max"])
		for _, s := range c.Option["series"].([]any) {
			for _, d := range s.(map[string]any)["data"].([]any) {
				z, _ := d.(map[string]any)["value"].(json.Number).Float64()
				if max, _ := x["max"].(json.Number).Float64(); z > max {
					t.Errorf("%s: bar %v beyond the axis's max %v", c.ID, z, x["max"])
				}
			}
		}
		labels := strings.Join(toStrings(c.Option["yAxis"].([]any)[0].(map[string]any)["data"].([]any)), "|")
		if strings.Contains(labels, "*") {
			t.Errorf("%s: labels %q use *", c.ID, labels)
		}
	}
	for _, m := range maxes[1:] {
		if m != maxes[0] {
			t.Errorf("x-axis maxima %v differ", maxes)
		}
	}
	// Daily Example's title is not in the lexicon: a candidate, marked.
	if labels := toStrings(b.charts[0].Option["yAxis"].([]any)[0].(map[string]any)["data"].([]any)); labels[1] != candidateMark+in.Comparison.Distinctive[0].Terms[1].Term {
		t.Errorf("candidate label %q, want it marked with %q", labels[1], candidateMark)
	}
}

func toStrings(a []any) []string {
	out := make([]string, len(a))
	for i, v := range a {
		out[i], _ = v.(string)
	}
	return out
}
