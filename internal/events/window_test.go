package events

import (
	"strings"
	"testing"
	"time"
)

func TestParseWindow(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want time.Duration
		err  string
	}{
		{"3d", 3 * 24 * time.Hour, ""},
		{" 1.5d", 36 * time.Hour, ""},
		{"36h", 36 * time.Hour, ""},
		{"90m", 90 * time.Minute, ""},
		{"0d", 0, "more than 0"},
		{"-2d", 0, "more than 0"},
		{"400d", 0, "at most 366 days"},
		{"three days", 0, "want days (3d)"},
		{"xd", 0, "want days (3d)"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseWindow(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseWindow(%q) = %v, %v; want an error with %q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseWindow(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			if back, err := ParseWindow(FormatWindow(got)); err != nil || back != got {
				t.Errorf("FormatWindow(%v) = %q reads back as %v, %v", got, FormatWindow(got), back, err)
			}
		})
	}
	if got := FormatWindow(DefaultWindow); got != "3d" {
		t.Errorf("FormatWindow(DefaultWindow) = %q, want 3d", got)
	}
}
