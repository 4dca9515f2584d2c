package dates

import "time"

// zone is a zone name that maps to one offset from UTC. witness is an IANA
// location that uses the name at the witness date, which the tests check
// against the tz database: the offset is the database's, not ours.
type zone struct {
	offset  time.Duration
	witness string
	at      string
}

// zoneNames maps the zone names found in feeds to their offsets. Go's time
// package knows a name only when the location it parses in uses it, and
// otherwise reads the time as UTC under that name: "10:00 CEST" would
// silently be two hours off. The list is the RFC 822 / RFC 5322 names
// (where CST is North American Central time) and names in current use in
// the tz database that mean a single offset. Names with several meanings
// (IST is India, Ireland or Israel; BST is British Summer Time or
// Bangladesh; AST is Atlantic or Arabia) are left out on purpose, so such
// a date is an error asking for a numeric offset rather than a guess.
var zoneNames = map[string]zone{
	// RFC 822 section 5.1 and RFC 5322 section 4.3.
	"UT":  {0, "UTC", "2024-01-15"},
	"UTC": {0, "UTC", "2024-01-15"},
	"GMT": {0, "Europe/London", "2024-01-15"},
	"EST": {-5 * time.Hour, "America/New_York", "2024-01-15"},
	"EDT": {-4 * time.Hour, "America/New_York", "2024-07-15"},
	"CST": {-6 * time.Hour, "America/Chicago", "2024-01-15"},
	"CDT": {-5 * time.Hour, "America/Chicago", "2024-07-15"},
	"MST": {-7 * time.Hour, "America/Denver", "2024-01-15"},
	"MDT": {-6 * time.Hour, "America/Denver", "2024-07-15"},
	"PST": {-8 * time.Hour, "America/Los_Angeles", "2024-01-15"},
	"PDT": {-7 * time.Hour, "America/Los_Angeles", "2024-07-15"},
	// tz database abbreviations with one meaning.
	"WET":  {0, "Europe/Lisbon", "2024-01-15"},
	"WEST": {1 * time.Hour, "Europe/Lisbon", "2024-07-15"},
	"CET":  {1 * time.Hour, "Europe/Paris", "2024-01-15"},
	"CEST": {2 * time.Hour, "Europe/Paris", "2024-07-15"},
	"EET":  {2 * time.Hour, "Europe/Athens", "2024-01-15"},
	"EEST": {3 * time.Hour, "Europe/Athens", "2024-07-15"},
	"MSK":  {3 * time.Hour, "Europe/Moscow", "2024-07-15"},
	"EAT":  {3 * time.Hour, "Africa/Nairobi", "2024-07-15"},
	"WAT":  {1 * time.Hour, "Africa/Lagos", "2024-07-15"},
	"SAST": {2 * time.Hour, "Africa/Johannesburg", "2024-07-15"},
	"PKT":  {5 * time.Hour, "Asia/Karachi", "2024-07-15"},
	"HKT":  {8 * time.Hour, "Asia/Hong_Kong", "2024-07-15"},
	"JST":  {9 * time.Hour, "Asia/Tokyo", "2024-07-15"},
	"KST":  {9 * time.Hour, "Asia/Seoul", "2024-07-15"},
	"AWST": {8 * time.Hour, "Australia/Perth", "2024-07-15"},
	"ACST": {9*time.Hour + 30*time.Minute, "Australia/Adelaide", "2024-07-15"},
	"AEST": {10 * time.Hour, "Australia/Sydney", "2024-07-15"},
	"AEDT": {11 * time.Hour, "Australia/Sydney", "2024-01-15"},
	"NZST": {12 * time.Hour, "Pacific/Auckland", "2024-07-15"},
	"NZDT": {13 * time.Hour, "Pacific/Auckland", "2024-01-15"},
	"HST":  {-10 * time.Hour, "Pacific/Honolulu", "2024-07-15"},
	"AKST": {-9 * time.Hour, "America/Anchorage", "2024-01-15"},
	"AKDT": {-8 * time.Hour, "America/Anchorage", "2024-07-15"},
	// Iran Standard and Daylight Time: Iranian sites still write them,
	// though the tz database now writes "+0330" (and Iran dropped daylight
	// time in 2022); the witnesses check the offsets.
	"IRST": {3*time.Hour + 30*time.Minute, "Asia/Tehran", "2024-07-15"},
	"IRDT": {4*time.Hour + 30*time.Minute, "Asia/Tehran", "2021-07-15"},
}
