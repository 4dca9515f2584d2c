package record

import "testing"

func TestLeanLevel(t *testing.T) {
	for _, tt := range []struct {
		c    float64
		want int
	}{{-1, -2}, {-0.5, -2}, {-0.49, -1}, {-0.01, -1}, {0, 0}, {0.01, 1}, {0.49, 1}, {0.5, 2}, {1, 2}} {
		if got := LeanLevel(tt.c); got != tt.want {
			t.Errorf("LeanLevel(%v) = %d, want %d", tt.c, got, tt.want)
		}
	}
}
