package events

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseWindow reads a date window as a command line gives it: a number of
// days ("3d", "1.5d") or a Go duration ("36h", "90m"). The window must be
// positive and at most 366 days.
func ParseWindow(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		f, err := strconv.ParseFloat(days, 64)
		if err != nil {
			return 0, fmt.Errorf("window %q: want days (3d) or a duration (36h)", s)
		}
		d = time.Duration(f * float64(24*time.Hour))
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("window %q: want days (3d) or a duration (36h)", s)
		}
	}
	if d <= 0 || d > 366*24*time.Hour {
		return 0, fmt.Errorf("window %q: want more than 0 and at most 366 days", s)
	}
	return d, nil
}

// FormatWindow writes a window as ParseWindow reads it: whole days as
// "3d", anything else as a Go duration ("36h0m0s").
func FormatWindow(d time.Duration) string {
	if d > 0 && d%(24*time.Hour) == 0 {
		return strconv.FormatInt(int64(d/(24*time.Hour)), 10) + "d"
	}
	return d.String()
}
