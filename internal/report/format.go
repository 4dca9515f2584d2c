package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/compare-tool/compare/internal/aggregate"
)

// Formatting helpers for the template. Missing values print as an en dash.

func formatNum(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	s := fmt.Sprintf("%.2f", x)
	if s == "-0.00" {
		s = "0.00"
	}
	return strings.Replace(s, "-", "−", 1)
}

func formatNumPtr(x *float64) string {
	if x == nil {
		return "–"
	}
	return formatNum(*x)
}

func formatPct(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", 100*x)
}

func formatP(p float64) string {
	switch {
	case math.IsNaN(p):
		return "–"
	case p < 0.001:
		return "< 0.001"
	}
	return fmt.Sprintf("%.3f", p)
}

func formatPPtr(p *float64) string {
	if p == nil {
		return "–"
	}
	return formatP(*p)
}

// formatPoints writes a change of share in percentage points: "+12".
func formatPoints(x float64) string {
	s := fmt.Sprintf("%+.0f", 100*x)
	if s == "-0" || s == "+0" {
		return "0"
	}
	return strings.Replace(s, "-", "−", 1)
}

func formatInt(n int) string {
	s := fmt.Sprint(n)
	if n < 10000 && n > -10000 {
		return s
	}
	var out []byte
	for i, c := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			out = append(out, ',')
		}
		out = append(out, c)
	}
	return string(out)
}

func formatCI(s aggregate.Summary) string {
	if s.CILow == nil || s.CIHigh == nil {
		return "–"
	}
	return "[" + formatNum(*s.CILow) + ", " + formatNum(*s.CIHigh) + "]"
}

// sortKey is the value a sortable table column sorts by.
func sortKey(x *float64) string {
	if x == nil {
		return ""
	}
	return fmt.Sprintf("%g", *x)
}

func fixed(v *float64, digits int) string {
	if v == nil {
		return "–"
	}
	return strconv.FormatFloat(*v, 'f', digits, 64)
}

func percent(v *float64) string {
	if v == nil {
		return "–"
	}
	return strconv.FormatFloat(100**v, 'f', 0, 64) + "%"
}
