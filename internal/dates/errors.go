package dates

import (
	"errors"
	"fmt"
)

// Reasons a date cannot be used: short codes for a reader's problem list.
const (
	ReasonUnreadable  = "unreadable-date"       // no known format matches the text
	ReasonIncomplete  = "incomplete-date"       // a format matched, but the year, month or day is missing
	ReasonAmbiguous   = "ambiguous-date"        // day and month could be either way round (*AmbiguousError)
	ReasonUnknownZone = "unknown-zone"          // a zone name with no single known offset
	ReasonImplausible = "implausible-number"    // a number that is neither YYYYMMDD nor a Unix time from 1990 to 2099
	ReasonURLConflict = "conflicting-url-dates" // a URL holding two different dates
)

// Error is a date that cannot be read. Its message names the text and
// what is wrong with it; the caller adds the file, line and field.
type Error struct {
	// Text is the text as given to Parse or FromURL.
	Text string
	// Reason is one of the Reason constants.
	Reason string
	// Detail says what is wrong, for people.
	Detail string
}

func (e *Error) Error() string {
	return fmt.Sprintf("date %q: %s", e.Text, e.Detail)
}

// AmbiguousError is an all-numeric date whose day and month can be read
// either way round, both readings valid and different ("04/06/2024"),
// met when the Parser's Order is OrderUnknown. It carries both readings so
// that the message can name them and a caller can offer the choice.
type AmbiguousError struct {
	// Text is the text as given to Parse.
	Text string
	// DayFirst and MonthFirst are the two readings.
	DayFirst, MonthFirst Date
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("date %q is ambiguous: %s if the day comes first, %s if the month comes first; give the date order",
		e.Text, e.DayFirst, e.MonthFirst)
}

// ReasonOf returns the Reason code of an error from this package (an
// *Error or *AmbiguousError, possibly wrapped), or "" for any other error.
func ReasonOf(err error) string {
	var ae *AmbiguousError
	if errors.As(err, &ae) {
		return ReasonAmbiguous
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return ""
}
