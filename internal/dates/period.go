package dates

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Period is a length of calendar time into which dates are grouped.
type Period uint8

const (
	// Day is a calendar day, labelled "2024-06-04".
	Day Period = iota + 1
	// Week is an ISO 8601 week, Monday to Sunday, labelled with its ISO
	// year and number, "2024-W23". The ISO year of the days around New
	// Year can differ from their calendar year: 2024-12-30 is in
	// "2025-W01" and 2021-01-03 in "2020-W53".
	Week
	// Month is a calendar month, labelled "2024-06".
	Month
	// Quarter is a calendar quarter (January–March is Q1), labelled
	// "2024-Q2".
	Quarter
	// Year is a calendar year, labelled "2024".
	Year
)

// Periods lists every Period from the shortest to the longest.
var Periods = []Period{Day, Week, Month, Quarter, Year}

// String returns the Period's name: "day", "week", "month", "quarter" or
// "year", as ParsePeriod accepts; "" for the zero Period.
func (p Period) String() string {
	switch p {
	case Day:
		return "day"
	case Week:
		return "week"
	case Month:
		return "month"
	case Quarter:
		return "quarter"
	case Year:
		return "year"
	}
	return ""
}

// ParsePeriod reads a Period from its name (see String).
func ParsePeriod(s string) (Period, error) {
	for _, p := range Periods {
		if s == p.String() {
			return p, nil
		}
	}
	return 0, fmt.Errorf("unknown period %q (want day, week, month, quarter or year)", s)
}

// Bucket is one period of time: a Period and the day it starts.
// Buckets of one Period are ordered by Compare, which is also the order of
// their labels as strings. The zero Bucket has no Period and is not a
// valid period.
type Bucket struct {
	// Period is the length of the bucket.
	Period Period
	// Start is midnight UTC at the start of its first day.
	Start time.Time
}

// Of returns the bucket of Period p that holds d, by the calendar day of
// d.Time in UTC. It panics if p is not a valid Period or d is the zero
// Date (misuse: callers bucket only dated articles).
func (p Period) Of(d Date) Bucket {
	if d.IsZero() {
		panic("dates: bucket of the zero Date")
	}
	return p.OfTime(d.Time)
}

// OfTime returns the bucket of Period p that holds the calendar day of t in
// UTC. It panics if p is not a valid Period.
func (p Period) OfTime(t time.Time) Bucket {
	t = t.UTC()
	y, m, d := t.Date()
	var start time.Time
	switch p {
	case Day:
		start = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	case Week:
		// Monday of t's week; Go numbers Sunday 0.
		back := (int(t.Weekday()) + 6) % 7
		start = time.Date(y, m, d-back, 0, 0, 0, 0, time.UTC)
	case Month:
		start = time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	case Quarter:
		start = time.Date(y, (m-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC)
	case Year:
		start = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	default:
		panic(fmt.Sprintf("dates: invalid Period %d", p))
	}
	return Bucket{Period: p, Start: start}
}

// End returns the start of the next bucket: b covers [b.Start, b.End()).
func (b Bucket) End() time.Time { return b.Next().Start }

// Next returns the bucket that follows b.
func (b Bucket) Next() Bucket {
	s := b.Start
	switch b.Period {
	case Day:
		s = s.AddDate(0, 0, 1)
	case Week:
		s = s.AddDate(0, 0, 7)
	case Month:
		s = s.AddDate(0, 1, 0)
	case Quarter:
		s = s.AddDate(0, 3, 0)
	case Year:
		s = s.AddDate(1, 0, 0)
	default:
		panic(fmt.Sprintf("dates: invalid Period %d", b.Period))
	}
	return Bucket{Period: b.Period, Start: s}
}

// Contains reports whether d falls in b, by its calendar day in UTC.
func (b Bucket) Contains(d Date) bool {
	return !d.IsZero() && b.Period.Of(d) == b
}

// Label returns the bucket's label: "2024-06-04", "2024-W23", "2024-06",
// "2024-Q2" or "2024" for Day, Week, Month, Quarter and Year. Labels of
// one Period sort as strings in the order of time (for years 0–9999).
func (b Bucket) Label() string {
	s := b.Start
	switch b.Period {
	case Day:
		return s.Format(time.DateOnly)
	case Week:
		y, w := s.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case Month:
		return s.Format("2006-01")
	case Quarter:
		return fmt.Sprintf("%04d-Q%d", s.Year(), (int(s.Month())+2)/3)
	case Year:
		return fmt.Sprintf("%04d", s.Year())
	}
	return ""
}

// String returns b.Label().
func (b Bucket) String() string { return b.Label() }

// Compare orders buckets by Period, then by start: −1, 0 or +1.
func (b Bucket) Compare(c Bucket) int {
	switch {
	case b.Period < c.Period:
		return -1
	case b.Period > c.Period:
		return 1
	}
	return b.Start.Compare(c.Start)
}

// Span returns every bucket from first to last inclusive, in order, with
// the ones no article fell in: a trend over periods must show its gaps. It
// returns nil when last is before first, and panics if their Periods
// differ.
func Span(first, last Bucket) []Bucket {
	if first.Period != last.Period {
		panic("dates: Span of buckets of different Periods")
	}
	var out []Bucket
	for b := first; b.Compare(last) <= 0; b = b.Next() {
		out = append(out, b)
	}
	return out
}

var labelPattern = regexp.MustCompile(`^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|W(\d{2})|Q([1-4])))?$`)

// ParseBucket reads a label written by Label back into its Bucket; the
// shape of the label gives the Period. Labels that name no real period
// ("2024-W54", "2023-W53", "2024-13") are errors.
func ParseBucket(label string) (Bucket, error) {
	m := labelPattern.FindStringSubmatch(label)
	bad := fmt.Errorf("period label %q is not YYYY, YYYY-Qn, YYYY-MM, YYYY-Www or YYYY-MM-DD", label)
	if m == nil {
		return Bucket{}, bad
	}
	num := func(s string) int { n, _ := strconv.Atoi(s); return n }
	y := num(m[1])
	var b Bucket
	switch {
	case m[3] != "":
		b = Day.OfTime(time.Date(y, time.Month(num(m[2])), num(m[3]), 0, 0, 0, 0, time.UTC))
	case m[2] != "":
		b = Month.OfTime(time.Date(y, time.Month(num(m[2])), 1, 0, 0, 0, 0, time.UTC))
	case m[4] != "":
		// ISO week 1 is the week with 4 January in it.
		b = Week.OfTime(time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*(num(m[4])-1)))
	case m[5] != "":
		b = Quarter.OfTime(time.Date(y, time.Month(3*num(m[5])-2), 1, 0, 0, 0, 0, time.UTC))
	default:
		b = Year.OfTime(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
	}
	// time.Date normalises out-of-range fields (month 13, day 31 in June,
	// week 53 of a 52-week year): such a label does not round-trip.
	if b.Label() != label {
		return Bucket{}, bad
	}
	return b, nil
}
