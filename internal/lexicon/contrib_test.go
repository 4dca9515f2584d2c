package lexicon

import (
	"maps"
	"math"
	"testing"
)

func TestContrib(t *testing.T) {
	lex := &Lexicon{Axes: []Axis{
		{ID: "a", Weights: map[string]float64{"gov": 1, "opp": -1}},
		{ID: "b", Weights: map[string]float64{"gov": 0.5}},
	}}
	tests := []struct {
		name string
		e    Entry
		want map[string]float64
	}{
		{"weights times valence", Entry{Target: "gov", Valence: -0.8}, map[string]float64{"a": -0.8, "b": -0.4}},
		{"lean overrides one axis", Entry{Target: "gov", Valence: -0.8, Lean: map[string]float64{"a": 0.3}}, map[string]float64{"a": 0.3, "b": -0.4}},
		{"no weight: not on the axis", Entry{Target: "opp", Valence: 1}, map[string]float64{"a": -1}},
		{"neutral lean 0 bears on the axis", Entry{Target: "other", Lean: map[string]float64{"b": 0}}, map[string]float64{"b": 0}},
		{"on no axis", Entry{Target: "other", Valence: 1}, nil},
		{"zero valence gives 0, not -0", Entry{Target: "opp", Valence: 0}, map[string]float64{"a": 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lex.Contrib(&tt.e)
			if !maps.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
				t.Errorf("Contrib = %v, want %v", got, tt.want)
			}
			for axis, v := range got {
				if v == 0 && math.Signbit(v) {
					t.Errorf("axis %s: -0", axis)
				}
			}
		})
	}
}
