package dates

import (
	"fmt"
	"time"
)

// Precision says how much of a point in time a Date knows.
type Precision uint8

const (
	// PrecisionNone is the zero Date's precision: there is no date.
	PrecisionNone Precision = iota
	// PrecisionDay means the calendar day is known and the time is not.
	PrecisionDay
	// PrecisionTime means the time of day is known too, to the minute or
	// better.
	PrecisionTime
)

// String returns "day", "time", or "" for PrecisionNone.
func (p Precision) String() string {
	switch p {
	case PrecisionDay:
		return "day"
	case PrecisionTime:
		return "time"
	}
	return ""
}

// Source says where a Date was read from.
type Source uint8

const (
	// SourceText is a date field's own text (a JSON key, a CSV column,
	// front matter, an HTML meta tag).
	SourceText Source = iota
	// SourceURL is a date found in the article's URL by FromURL.
	SourceURL
)

// String returns "text" or "url".
func (s Source) String() string {
	if s == SourceURL {
		return "url"
	}
	return "text"
}

// Date is a publication date as read from a feed or archive.
//
// The zero Date means "no date": IsZero reports true and String returns "".
type Date struct {
	// Time is the instant in UTC. When Precision is PrecisionDay it is
	// midnight UTC at the start of the day as written, so Time's UTC
	// calendar day is the day written.
	Time time.Time
	// Precision is PrecisionDay or PrecisionTime (PrecisionNone only in
	// the zero Date).
	Precision Precision
	// ZoneAssumed is true when the text gave a time of day but no zone,
	// and the Parser's Location was taken as the zone.
	ZoneAssumed bool
	// Original is the text the date was read from, exactly as given to
	// Parse; for a date found by FromURL, the part of the URL that held it
	// ("2024/06/04").
	Original string
	// Source says whether the date came from a date field or a URL.
	Source Source
}

// IsZero reports whether d is the zero Date, meaning no date.
func (d Date) IsZero() bool { return d.Precision == PrecisionNone }

// String returns d in ISO 8601: "2024-06-04" when only the day is known
// and an RFC 3339 timestamp in UTC ("2024-06-04T08:00:00Z", with a
// fraction of a second only when one was given) when the time is known.
// Parse reads the result back to the same Date (less Original). The
// zero Date gives "".
func (d Date) String() string {
	switch d.Precision {
	case PrecisionDay:
		return d.Time.UTC().Format(time.DateOnly)
	case PrecisionTime:
		return d.Time.UTC().Format(time.RFC3339Nano)
	}
	return ""
}

// Compare returns −1, 0 or +1 as d is before, at the same time as, or
// after e, comparing their instants and then their precision (a day
// before a time at midnight of that day). The zero Date sorts first.
func (d Date) Compare(e Date) int {
	if c := d.Time.Compare(e.Time); c != 0 {
		return c
	}
	switch {
	case d.Precision < e.Precision:
		return -1
	case d.Precision > e.Precision:
		return 1
	}
	return 0
}

// Order is the order of day and month in an all-numeric date such as
// "04/06/2024", which can mean 4 June or April 6.
type Order uint8

const (
	// OrderUnknown refuses to choose: a date whose two readings are both
	// valid and differ is an *AmbiguousError. It is the zero value.
	OrderUnknown Order = iota
	// DayFirst reads 04/06/2024 as 4 June 2024 (most of the world).
	DayFirst
	// MonthFirst reads 04/06/2024 as April 6, 2024 (the United States).
	MonthFirst
)

// String returns "day-first", "month-first", or "" for OrderUnknown: the
// names ParseOrder accepts.
func (o Order) String() string {
	switch o {
	case DayFirst:
		return "day-first"
	case MonthFirst:
		return "month-first"
	}
	return ""
}

// ParseOrder reads an Order from its name: "day-first", "month-first",
// or "" for OrderUnknown.
func ParseOrder(s string) (Order, error) {
	for _, o := range []Order{OrderUnknown, DayFirst, MonthFirst} {
		if s == o.String() {
			return o, nil
		}
	}
	return OrderUnknown, fmt.Errorf("unknown date order %q (want day-first or month-first)", s)
}
