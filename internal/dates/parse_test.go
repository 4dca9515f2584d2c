package dates

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zone tests must not depend on the machine's tz database

	"go.yaml.in/yaml/v3"
)

func TestParse(t *testing.T) {
	tehran, err := time.LoadLocation("Asia/Tehran")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		in      string
		p       Parser
		want    string // Date.String()
		prec    Precision
		assumed bool
	}{
		// RFC 3339 and ISO 8601, as in JSON exports and HTML meta tags
		// (article:published_time, datePublished, <time datetime>).
		{name: "rfc3339 Z", in: "2024-06-04T10:00:00Z", want: "2024-06-04T10:00:00Z", prec: PrecisionTime},
		{name: "rfc3339 offset", in: "2024-06-04T10:00:00+04:30", want: "2024-06-04T05:30:00Z", prec: PrecisionTime},
		{name: "rfc3339 offset crosses day", in: "2024-06-04T01:00:00+04:30", want: "2024-06-03T20:30:00Z", prec: PrecisionTime},
		{name: "rfc3339 fraction", in: "2024-06-04T10:00:00.123-07:00", want: "2024-06-04T17:00:00.123Z", prec: PrecisionTime},
		{name: "html meta millis Z", in: "2024-06-04T10:00:00.000Z", want: "2024-06-04T10:00:00Z", prec: PrecisionTime},
		{name: "html meta offset no colon", in: "2024-06-04T10:00:00+0000", want: "2024-06-04T10:00:00Z", prec: PrecisionTime},
		{name: "html meta minutes only", in: "2024-06-04T10:00+02:00", want: "2024-06-04T08:00:00Z", prec: PrecisionTime},
		{name: "iso date", in: "2024-06-04", want: "2024-06-04", prec: PrecisionDay},
		{name: "iso date spaces", in: "  2024-06-04\n", want: "2024-06-04", prec: PrecisionDay},
		{name: "iso date time no zone", in: "2024-06-04 10:00:00", want: "2024-06-04T10:00:00Z", prec: PrecisionTime, assumed: true},
		{name: "no zone in given location", in: "2024-06-04 10:00", p: Parser{Location: tehran},
			want: "2024-06-04T06:30:00Z", prec: PrecisionTime, assumed: true},
		{name: "iso date time UTC name", in: "2024-06-04 10:00:00 UTC", want: "2024-06-04T10:00:00Z", prec: PrecisionTime},
		// RFC 1123 / RFC 822, as in RSS pubDate and HTTP headers.
		{name: "rfc1123 GMT", in: "Tue, 04 Jun 2024 10:00:00 GMT", want: "2024-06-04T10:00:00Z", prec: PrecisionTime},
		{name: "rfc1123 numeric zone", in: "Tue, 04 Jun 2024 10:00:00 +0200", want: "2024-06-04T08:00:00Z", prec: PrecisionTime},
		{name: "rfc822 EDT", in: "Tue, 4 Jun 2024 10:00:00 EDT", want: "2024-06-04T14:00:00Z", prec: PrecisionTime},
		{name: "rfc822 PST next day", in: "Tue, 04 Jun 2024 22:00:00 PST", want: "2024-06-05T06:00:00Z", prec: PrecisionTime},
		{name: "rfc822 UT", in: "Tue, 04 Jun 2024 10:00:00 UT", want: "2024-06-04T10:00:00Z", prec: PrecisionTime},
		{name: "rfc822 two-digit year", in: "Tue, 04 Jun 24 10:00:00 GMT", want: "2024-06-04T10:00:00Z", prec: PrecisionTime},
		{name: "rfc822 no seconds", in: "Tue, 04 Jun 2024 10:00 GMT", want: "2024-06-04T10:00:00Z", prec: PrecisionTime},
		{name: "zone name CEST", in: "04 Jun 2024 10:00 CEST", want: "2024-06-04T08:00:00Z", prec: PrecisionTime},
		{name: "zone name IRST", in: "04 June 2024 10:00 IRST", want: "2024-06-04T06:30:00Z", prec: PrecisionTime},
		{name: "offset wins over name", in: "Tue, 04 Jun 2024 10:00:00 -0700 (PDT)", want: "2024-06-04T17:00:00Z", prec: PrecisionTime},
		{name: "offset and UTC", in: "Tue, 04 Jun 2024 10:00:00 +0000 UTC", want: "2024-06-04T10:00:00Z", prec: PrecisionTime},
		{name: "rfc850", in: "Tuesday, 04-Jun-24 10:00:00 GMT", want: "2024-06-04T10:00:00Z", prec: PrecisionTime},
		{name: "unix date", in: "Tue Jun  4 10:00:00 UTC 2024", want: "2024-06-04T10:00:00Z", prec: PrecisionTime},
		{name: "asctime", in: "Tue Jun  4 10:00:00 2024", want: "2024-06-04T10:00:00Z", prec: PrecisionTime, assumed: true},
		// Dates written out, as on article pages and in bylines.
		{name: "month day year", in: "June 4, 2024", want: "2024-06-04", prec: PrecisionDay},
		{name: "day month year", in: "4 June 2024", want: "2024-06-04", prec: PrecisionDay},
		{name: "weekday month day year", in: "Tuesday, June 4, 2024", want: "2024-06-04", prec: PrecisionDay},
		{name: "ordinal", in: "June 4th, 2024", want: "2024-06-04", prec: PrecisionDay},
		{name: "ordinal day first", in: "4th June 2024", want: "2024-06-04", prec: PrecisionDay},
		{name: "abbreviated month dot", in: "Sept. 4, 2024", want: "2024-09-04", prec: PrecisionDay},
		{name: "day-month-year hyphens", in: "04-Jun-2024", want: "2024-06-04", prec: PrecisionDay},
		{name: "short month time zone", in: "Jun 4 2024 10:00 GMT", want: "2024-06-04T10:00:00Z", prec: PrecisionTime},
		{name: "12-hour clock", in: "June 4, 2024 at 10:00 pm", want: "2024-06-04T22:00:00Z", prec: PrecisionTime, assumed: true},
		{name: "12-hour clock zone", in: "June 4, 2024 10:00 AM EDT", want: "2024-06-04T14:00:00Z", prec: PrecisionTime},
		// Numeric dates.
		{name: "slashes year first", in: "2024/06/04", want: "2024-06-04", prec: PrecisionDay},
		{name: "dots year first", in: "2024.06.04", want: "2024-06-04", prec: PrecisionDay},
		{name: "dots day first", in: "04.06.2024", p: Parser{Order: DayFirst}, want: "2024-06-04", prec: PrecisionDay},
		{name: "dots month first", in: "04.06.2024", p: Parser{Order: MonthFirst}, want: "2024-04-06", prec: PrecisionDay},
		{name: "slashes day first", in: "04/06/2024", p: Parser{Order: DayFirst}, want: "2024-06-04", prec: PrecisionDay},
		{name: "slashes month first", in: "04/06/2024", p: Parser{Order: MonthFirst}, want: "2024-04-06", prec: PrecisionDay},
		{name: "hyphens month first", in: "04-06-2024", p: Parser{Order: MonthFirst}, want: "2024-04-06", prec: PrecisionDay},
		{name: "single digits day first", in: "4/6/2024", p: Parser{Order: DayFirst}, want: "2024-06-04", prec: PrecisionDay},
		{name: "ambiguous with time", in: "04/06/2024 13:05", p: Parser{Order: DayFirst}, want: "2024-06-04T13:05:00Z", prec: PrecisionTime, assumed: true},
		{name: "only day first possible", in: "13/06/2024", want: "2024-06-13", prec: PrecisionDay},
		{name: "only day first, order month first", in: "13.06.2024", p: Parser{Order: MonthFirst}, want: "2024-06-13", prec: PrecisionDay},
		{name: "only month first possible", in: "06/13/2024", p: Parser{Order: DayFirst}, want: "2024-06-13", prec: PrecisionDay},
		{name: "day equals month", in: "04/04/2024", want: "2024-04-04", prec: PrecisionDay},
		{name: "two-digit year month first", in: "7/23/17", want: "2017-07-23", prec: PrecisionDay},
		{name: "two-digit year by order", in: "12/1/16", p: Parser{Order: MonthFirst}, want: "2016-12-01", prec: PrecisionDay},
		{name: "two-digit year 1900s", in: "4.6.69", p: Parser{Order: DayFirst}, want: "1969-06-04", prec: PrecisionDay},
		{name: "two-digit year words", in: "4-Jun-24", want: "2024-06-04", prec: PrecisionDay},
		{name: "compact date", in: "20240604", want: "2024-06-04", prec: PrecisionDay},
		{name: "compact date time", in: "20240604123456", want: "2024-06-04T12:34:56Z", prec: PrecisionTime, assumed: true},
		// Unix times.
		{name: "unix seconds", in: "1717495200", want: "2024-06-04T10:00:00Z", prec: PrecisionTime},
		{name: "unix seconds 1990", in: "631152000", want: "1990-01-01T00:00:00Z", prec: PrecisionTime},
		{name: "unix milliseconds", in: "1717495200123", want: "2024-06-04T10:00:00.123Z", prec: PrecisionTime},
		{name: "unix seconds fraction", in: "1717495200.5", want: "2024-06-04T10:00:00.5Z", prec: PrecisionTime},
		// YAML front matter: Jekyll's and Hugo's forms, and YAML 1.1's
		// lowercase t.
		{name: "jekyll", in: "2024-06-04 10:00:00 +0200", want: "2024-06-04T08:00:00Z", prec: PrecisionTime},
		{name: "yaml lowercase t", in: "2001-12-14t21:59:43.10-05:00", want: "2001-12-15T02:59:43.1Z", prec: PrecisionTime},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := tt.p.Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got := d.String(); got != tt.want {
				t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
			}
			if d.Precision != tt.prec || d.ZoneAssumed != tt.assumed {
				t.Errorf("Parse(%q): precision %v, zone assumed %v; want %v, %v", tt.in, d.Precision, d.ZoneAssumed, tt.prec, tt.assumed)
			}
			if d.Original != tt.in || d.Source != SourceText {
				t.Errorf("Parse(%q): Original %q, Source %v", tt.in, d.Original, d.Source)
			}
			if d.Time.Location() != time.UTC {
				t.Errorf("Parse(%q): Time in %v, want UTC", tt.in, d.Time.Location())
			}
			// The normalised form reads back to the same date.
			back, err := tt.p.Parse(d.String())
			if err != nil || back.String() != d.String() || back.Precision != d.Precision {
				t.Errorf("Parse(%q) = %v, %v: does not read back", d.String(), back, err)
			}
		})
	}
}

func TestParseEmpty(t *testing.T) {
	for _, in := range []string{"", "   ", "\t\n"} {
		d, err := Parse(in)
		if err != nil || !d.IsZero() || d.String() != "" {
			t.Errorf("Parse(%q) = %#v, %v; want the zero Date", in, d, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		p        Parser
		reason   string
		detail   string // part of the message
	}{
		{name: "ambiguous slashes", in: "04/06/2024", reason: ReasonAmbiguous, detail: "2024-06-04 if the day comes first, 2024-04-06 if the month comes first"},
		{name: "ambiguous dots", in: "04.06.2024", reason: ReasonAmbiguous, detail: "2024-06-04 if the day comes first"},
		{name: "ambiguous hyphens", in: "04-06-2024", reason: ReasonAmbiguous, detail: "2024-04-06 if the month comes first"},
		{name: "ambiguous two-digit year", in: "12/1/16", reason: ReasonAmbiguous, detail: "2016-01-12 if the day comes first, 2016-12-01 if the month comes first"},
		{name: "ambiguous two-digit year hyphens", in: "08-03-18", reason: ReasonAmbiguous, detail: "2018-03-08 if the day comes first"},
		{name: "year only", in: "2024", reason: ReasonIncomplete, detail: "a year, a month and a day"},
		{name: "year and month", in: "2024-06", reason: ReasonIncomplete},
		{name: "compact year and month", in: "202406", reason: ReasonIncomplete},
		{name: "month and year words", in: "June 2024", reason: ReasonUnreadable},
		{name: "ambiguous zone name", in: "Tue, 04 Jun 2024 10:00:00 IST", reason: ReasonUnknownZone, detail: `zone name "IST"`},
		{name: "unknown zone name", in: "Tue, 04 Jun 2024 10:00:00 XYZ", reason: ReasonUnknownZone},
		{name: "day out of range", in: "2024-06-31", reason: ReasonUnreadable, detail: "day out of range"},
		{name: "month out of range", in: "2024-13-01", reason: ReasonUnreadable, detail: "month out of range"},
		{name: "no such day either way", in: "31/02/2024", reason: ReasonUnreadable},
		{name: "compact not a date", in: "20241304", reason: ReasonUnreadable},
		{name: "small number", in: "123", reason: ReasonImplausible},
		{name: "seconds before 1990", in: "631151999", reason: ReasonImplausible},
		{name: "seconds after 2099", in: "4102444800", reason: ReasonImplausible},
		{name: "between seconds and millis", in: "99999999999", reason: ReasonImplausible},
		{name: "millis after 2099", in: "4102444800000", reason: ReasonImplausible},
		{name: "huge number", in: "123456789012345678901234567890", reason: ReasonImplausible},
		{name: "millis with fraction", in: "1717495200123.5", reason: ReasonImplausible},
		{name: "relative", in: "yesterday", reason: ReasonUnreadable, detail: "not a date format we know"},
		{name: "words", in: "4 de junio de 2024", reason: ReasonUnreadable},
		{name: "trailing text", in: "2024-06-04 updated", reason: ReasonUnreadable},
		{name: "bad offset", in: "2024-06-04T10:00:00+25:00", reason: ReasonUnreadable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := tt.p.Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want an error", tt.in, d)
			}
			if !d.IsZero() {
				t.Errorf("Parse(%q) returned %v with its error", tt.in, d)
			}
			if got := ReasonOf(err); got != tt.reason {
				t.Errorf("Parse(%q): reason %q, want %q (%v)", tt.in, got, tt.reason, err)
			}
			msg := err.Error()
			if !strings.Contains(msg, `"`+tt.in+`"`) || !strings.Contains(msg, tt.detail) {
				t.Errorf("Parse(%q): message %q lacks the text or %q", tt.in, msg, tt.detail)
			}
		})
	}
}

func TestAmbiguousError(t *testing.T) {
	_, err := Parse("4/6/2024 10:00 GMT")
	var ae *AmbiguousError
	if !errors.As(err, &ae) {
		t.Fatalf("Parse: %v, want an *AmbiguousError", err)
	}
	if ae.DayFirst.String() != "2024-06-04T10:00:00Z" || ae.MonthFirst.String() != "2024-04-06T10:00:00Z" {
		t.Errorf("readings %s, %s", ae.DayFirst, ae.MonthFirst)
	}
	// Each reading is what the Parser with that Order returns.
	for _, c := range []struct {
		o    Order
		want Date
	}{{DayFirst, ae.DayFirst}, {MonthFirst, ae.MonthFirst}} {
		got, err := Parser{Order: c.o}.Parse(ae.Text)
		if err != nil || got != c.want {
			t.Errorf("%v: %v, %v; want %v", c.o, got, err, c.want)
		}
	}
	if ReasonOf(errors.New("other")) != "" {
		t.Error("ReasonOf of a foreign error is not empty")
	}
}

func TestParseOrder(t *testing.T) {
	for _, o := range []Order{OrderUnknown, DayFirst, MonthFirst} {
		if got, err := ParseOrder(o.String()); got != o || err != nil {
			t.Errorf("ParseOrder(%q) = %v, %v", o.String(), got, err)
		}
	}
	if _, err := ParseOrder("dmy"); err == nil || !strings.Contains(err.Error(), "day-first") {
		t.Errorf("ParseOrder(dmy): %v", err)
	}
}

// TestZoneNames checks every zone name's offset against the tz database
// (embedded by time/tzdata) at its witness location and date.
func TestZoneNames(t *testing.T) {
	for name, z := range zoneNames {
		t.Run(name, func(t *testing.T) {
			loc, err := time.LoadLocation(z.witness)
			if err != nil {
				t.Fatal(err)
			}
			at, err := time.ParseInLocation(time.DateOnly, z.at, loc)
			if err != nil {
				t.Fatal(err)
			}
			if _, off := at.Zone(); time.Duration(off)*time.Second != z.offset {
				t.Errorf("%s: offset %v, but %s on %s is %v", name, z.offset, z.witness, z.at, time.Duration(off)*time.Second)
			}
			// The name is read as that offset in a date.
			d, err := Parse("Tue, 04 Jun 2024 10:00:00 " + name)
			want := time.Date(2024, 6, 4, 10, 0, 0, 0, time.UTC).Add(-z.offset)
			if err != nil || !d.Time.Equal(want) {
				t.Errorf("Parse with %s: %v, %v; want %v", name, d, err, want)
			}
		})
	}
}

// TestFrontMatter reads dates the way the corpus reader takes them from
// YAML front matter: the text of the YAML scalar, quoted or not (an
// unquoted timestamp is still a string to a yaml.Node).
func TestFrontMatter(t *testing.T) {
	const doc = `
jekyll: 2024-06-04 10:00:00 +0200
hugo: 2024-06-04T10:00:00+02:00
plain: 2024-06-04
quoted: "June 4, 2024"
yaml11: 2024-06-04t08:00:00Z
`
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(doc), &n); err != nil {
		t.Fatal(err)
	}
	m := n.Content[0]
	want := map[string]string{
		"jekyll": "2024-06-04T08:00:00Z", "hugo": "2024-06-04T08:00:00Z", "plain": "2024-06-04",
		"quoted": "2024-06-04", "yaml11": "2024-06-04T08:00:00Z",
	}
	if len(m.Content) != 2*len(want) {
		t.Fatalf("front matter has %d nodes, want %d", len(m.Content), 2*len(want))
	}
	for i := 0; i < len(m.Content); i += 2 {
		k, v := m.Content[i].Value, m.Content[i+1].Value
		d, err := Parse(v)
		if err != nil || d.String() != want[k] {
			t.Errorf("%s: Parse(%q) = %v, %v; want %s", k, v, d, err, want[k])
		}
	}
}

func TestDateCompare(t *testing.T) {
	day, _ := Parse("2024-06-04")
	midnight, _ := Parse("2024-06-04T00:00:00Z")
	later, _ := Parse("2024-06-04T00:00:01Z")
	ordered := []Date{{}, day, midnight, later}
	for i, a := range ordered {
		for j, b := range ordered {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := a.Compare(b); got != want {
				t.Errorf("%q.Compare(%q) = %d, want %d", a, b, got, want)
			}
		}
	}
}

// FuzzParse checks that Parse never panics, that what it accepts is a
// complete date which reads back from its normalised form, and that an
// ambiguity names two different valid readings.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"2024-06-04T10:00:00+04:30", "Tue, 04 Jun 2024 10:00:00 GMT", "June 4, 2024", "4 June 2024",
		"04/06/2024", "13.06.2024", "1717495200", "1717495200123", "20240604", "2024/06/04 10:00 PM",
		"Tue, 04 Jun 2024 10:00:00 IST", "08-03-18", "", "2001-12-14t21:59:43.10-05:00", "4-Jun-24",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		var ae *AmbiguousError
		switch {
		case errors.As(err, &ae):
			if ae.DayFirst == ae.MonthFirst || ae.DayFirst.IsZero() || ae.MonthFirst.IsZero() {
				t.Errorf("Parse(%q): ambiguity between %v and %v", s, ae.DayFirst, ae.MonthFirst)
			}
			for _, o := range []Order{DayFirst, MonthFirst} {
				if _, err := (Parser{Order: o}).Parse(s); err != nil {
					t.Errorf("Parse(%q) with %v: %v", s, o, err)
				}
			}
		case err != nil:
			if ReasonOf(err) == "" {
				t.Errorf("Parse(%q): error without a reason: %v", s, err)
			}
		case strings.TrimSpace(s) == "":
			if !d.IsZero() {
				t.Errorf("Parse(%q) = %v, want the zero Date", s, d)
			}
		default:
			if d.IsZero() || d.Original != s {
				t.Fatalf("Parse(%q) = %#v", s, d)
			}
			back, err := Parse(d.String())
			if err != nil || back.Time != d.Time || back.Precision != d.Precision {
				t.Errorf("Parse(%q) = %s, which reads back as %v, %v", s, d, back, err)
			}
			// The fast path for normalised forms agrees with dateparse.
			text := strings.TrimSpace(s)
			if _, fast := parseNormalised(s, text); fast {
				slow, err := Parser{}.parseAny(s, normalise(text))
				if err != nil || slow != d {
					t.Errorf("Parse(%q) = %#v, but dateparse gives %#v, %v", s, d, slow, err)
				}
			}
		}
	})
}

// benchDates is a mix of the formats feeds carry, one of each.
var benchDates = []string{
	"2024-06-04T10:00:00+04:30", "Tue, 04 Jun 2024 10:00:00 GMT", "June 4, 2024", "2024-06-04",
	"04 Jun 2024 10:00 CEST", "1717495200", "13/06/2024", "2024-06-04 10:00:00 +0200",
}

// TestParseConcurrent runs Parse from several goroutines; with -race
// (as make test runs it) it checks that the library's parser pool and
// Parse share nothing unsafely.
func TestParseConcurrent(t *testing.T) {
	want := make([]string, len(benchDates))
	for i, s := range benchDates {
		d, err := Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = d.String()
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			for range 200 {
				for i, s := range benchDates {
					if d, err := Parse(s); err != nil || d.String() != want[i] {
						errs <- fmt.Errorf("Parse(%q) = %v, %v; want %s", s, d, err, want[i])
						return
					}
				}
			}
			errs <- nil
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// BenchmarkParse measures a mix of formats, and the normalised forms
// score records carry both by the fast path and by dateparse.
func BenchmarkParse(b *testing.B) {
	normalised := []string{"2024-06-04", "2024-06-04T10:00:00Z", "2024-06-04T10:00:00.123+04:30"}
	b.Run("mix", func(b *testing.B) {
		for b.Loop() {
			for _, s := range benchDates {
				if _, err := Parse(s); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("normalised", func(b *testing.B) {
		for b.Loop() {
			for _, s := range normalised {
				if _, ok := parseNormalised(s, s); !ok {
					b.Fatal(s)
				}
			}
		}
	})
	b.Run("normalised-dateparse", func(b *testing.B) {
		for b.Loop() {
			for _, s := range normalised {
				if _, err := (Parser{}).parseAny(s, s); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// TestParseNormalisedAgrees checks that the time-package fast path for the
// normalised forms gives what dateparse gives for the same text.
func TestParseNormalisedAgrees(t *testing.T) {
	for _, s := range []string{
		"2024-06-04", "2024-02-29", "1969-07-20", "2024-06-04T10:00:00Z", "2024-06-04T10:00:00+04:30",
		"2024-06-04T01:00:00.123456789-07:00", "2024-06-04T10:00:00.5Z", "2024-12-31T23:59:59-12:00",
	} {
		fast, ok := parseNormalised(s, s)
		if !ok {
			t.Errorf("parseNormalised(%q) failed", s)
			continue
		}
		slow, err := Parser{}.parseAny(s, normalise(s))
		if err != nil || slow != fast {
			t.Errorf("%q: fast path %#v, dateparse %#v, %v", s, fast, slow, err)
		}
	}
	for _, s := range []string{"2024-06-31", "2024-6-04", "04/06/2024", "2024-06-04 10:00:00", "2024-06-04T10:00:00"} {
		if d, ok := parseNormalised(s, s); ok {
			t.Errorf("parseNormalised(%q) = %v, want no match", s, d)
		}
	}
}

func TestScanLayout(t *testing.T) {
	// Layouts as dateparse.ParseFormat returns them.
	tests := []struct {
		layout                                  string
		complete, ambiguous, dayFirst, hour, zn bool
	}{
		{layout: "2006-01-02T15:04:05.000-07:00", complete: true, hour: true},
		{layout: "02 Jan 2006 15:04:05 MST", complete: true, dayFirst: true, hour: true, zn: true},
		{layout: "January 2, 2006 at 15:04 pm", complete: true, hour: true},
		{layout: "02/01/2006", complete: true, ambiguous: true, dayFirst: true},
		{layout: "1/2/06", complete: true, ambiguous: true},
		{layout: "2006/01/02", complete: true},
		{layout: "20060102150405", complete: true, hour: true},
		{layout: "2006-01"},
		{layout: "2.1", ambiguous: true, dayFirst: true},
	}
	for _, tt := range tests {
		f := scanLayout(tt.layout)
		got := []bool{f.complete(), f.ambiguous(), f.dayBeforeMonth, f.has[elHour], f.has[elZoneName]}
		want := []bool{tt.complete, tt.ambiguous, tt.dayFirst, tt.hour, tt.zn}
		if !slices.Equal(got, want) {
			t.Errorf("scanLayout(%q): complete, ambiguous, day first, hour, zone name = %v, want %v", tt.layout, got, want)
		}
	}
}
