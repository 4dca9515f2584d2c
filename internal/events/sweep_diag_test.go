package events

import (
	"context"
	"fmt"
	"testing"
)

func TestDiagSweep(t *testing.T) {
	set := loadEval(t)
	arts := articlesOf(set)
	for _, th := range []float64{0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.24, 0.26, 0.3} {
		g, _ := Group(context.Background(), arts, Options{Threshold: th})
		fmt.Printf("t=%.2f", th)
		for _, k := range []func(labelled) bool{constructed, fromSample, all} {
			s := scoreEval(set, g, k)
			fmt.Printf("  P=%.3f R=%.3f", s.precision(), s.recall())
		}
		fmt.Println()
	}
}
