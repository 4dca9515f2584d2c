// Package dates reads the publication dates that news feeds, archives and
// saved pages carry, and groups them into calendar periods.
//
// Parse accepts RFC 3339 and ISO 8601 timestamps, RFC 1123 / RFC 822 dates
// with numeric zones or zone names, written-out dates ("June 4, 2024",
// "4 June 2024", "Jun 4 2024 10:00 GMT"), numeric dates ("2024-06-04",
// "2024/06/04", "04.06.2024", "20240604"), Unix times in seconds or
// milliseconds, and the same strings as they appear in YAML front matter
// and HTML meta tags. The formats themselves are recognised by
// github.com/itlightning/dateparse; this package adds what a researcher
// needs on top: day/month orders are never guessed (see Order and
// AmbiguousError), zone names are mapped to their offsets or refused
// rather than read as UTC, numbers are read as Unix times only in a
// plausible range, and every result says what precision it has and keeps
// the text it came from (see Parser.Parse). FromURL finds a date in an
// article's URL as a fallback, and Parser.Resolve chooses between the two.
// Dates in other languages ("4 juin 2024") or other digits (Persian,
// Arabic) are not read.
//
// A Date prints as ISO 8601: "2024-06-04" when only the day is known,
// "2024-06-04T08:00:00Z" (RFC 3339 in UTC) when a time is known. A Period
// (day, ISO week, month, quarter, year) maps a Date to a Bucket with a
// stable label ("2024-06-04", "2024-W23", "2024-06", "2024-Q2", "2024")
// whose order is the order of time. Dates with a time are placed in
// periods by their calendar day in UTC, the same clock for every outlet.
//
// Errors are values (*Error, *AmbiguousError) whose messages name the text
// at fault and whose ReasonOf is a short code; a reader adds the file, line
// and field. The package does no I/O and keeps no state: a Parser may be
// used by several goroutines at once.
package dates
