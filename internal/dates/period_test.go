package dates

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func day(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestBucketLabels(t *testing.T) {
	tests := []struct {
		date                            string
		day, week, month, quarter, year string
		weekStart                       string
	}{
		{"2024-06-04", "2024-06-04", "2024-W23", "2024-06", "2024-Q2", "2024", "2024-06-03"},
		{"2024-06-04T23:59:59-02:00", "2024-06-05", "2024-W23", "2024-06", "2024-Q2", "2024", "2024-06-03"},
		// Monday 1 January 2024 starts week 1 of 2024.
		{"2024-01-01", "2024-01-01", "2024-W01", "2024-01", "2024-Q1", "2024", "2024-01-01"},
		// Sunday 31 December 2023 is in the last week of 2023, week 52.
		{"2023-12-31", "2023-12-31", "2023-W52", "2023-12", "2023-Q4", "2023", "2023-12-25"},
		// Monday 30 December 2024 starts week 1 of ISO year 2025.
		{"2024-12-30", "2024-12-30", "2025-W01", "2024-12", "2024-Q4", "2024", "2024-12-30"},
		{"2024-12-31T12:00:00Z", "2024-12-31", "2025-W01", "2024-12", "2024-Q4", "2024", "2024-12-30"},
		// 2020 has 53 ISO weeks (1 January 2020 was a Wednesday, and it
		// was a leap year); Sunday 3 January 2021 is still in 2020-W53.
		{"2020-12-31", "2020-12-31", "2020-W53", "2020-12", "2020-Q4", "2020", "2020-12-28"},
		{"2021-01-03", "2021-01-03", "2020-W53", "2021-01", "2021-Q1", "2021", "2020-12-28"},
		{"2021-01-04", "2021-01-04", "2021-W01", "2021-01", "2021-Q1", "2021", "2021-01-04"},
		// 2026 has 53 weeks too (1 January 2026 is a Thursday).
		{"2026-12-31", "2026-12-31", "2026-W53", "2026-12", "2026-Q4", "2026", "2026-12-28"},
		{"2027-01-01", "2027-01-01", "2026-W53", "2027-01", "2027-Q1", "2027", "2026-12-28"},
		// Quarter edges and a leap day.
		{"2024-03-31", "2024-03-31", "2024-W13", "2024-03", "2024-Q1", "2024", "2024-03-25"},
		{"2024-04-01", "2024-04-01", "2024-W14", "2024-04", "2024-Q2", "2024", "2024-04-01"},
		{"2024-02-29", "2024-02-29", "2024-W09", "2024-02", "2024-Q1", "2024", "2024-02-26"},
		{"2024-09-30", "2024-09-30", "2024-W40", "2024-09", "2024-Q3", "2024", "2024-09-30"},
		{"2024-10-01", "2024-10-01", "2024-W40", "2024-10", "2024-Q4", "2024", "2024-09-30"},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			d := day(tt.date)
			want := map[Period]string{Day: tt.day, Week: tt.week, Month: tt.month, Quarter: tt.quarter, Year: tt.year}
			for _, p := range Periods {
				b := p.Of(d)
				if b.Label() != want[p] || b.String() != want[p] {
					t.Errorf("%v of %s = %s, want %s", p, tt.date, b.Label(), want[p])
				}
				if !b.Contains(d) || b.Start.After(d.Time) || !d.Time.Before(b.End()) {
					t.Errorf("%v bucket %s [%v, %v) does not hold %s", p, b, b.Start, b.End(), d)
				}
				if back, err := ParseBucket(b.Label()); err != nil || back != b {
					t.Errorf("ParseBucket(%q) = %v, %v; want %v", b.Label(), back, err, b)
				}
			}
			if got := Week.Of(d).Start.Format(time.DateOnly); got != tt.weekStart {
				t.Errorf("week of %s starts %s, want %s", tt.date, got, tt.weekStart)
			}
		})
	}
}

// TestBucketsCoverDays walks every day from 2015 to 2032 and checks, for
// each Period, that consecutive days stay in a bucket or move to its Next,
// that weeks agree with time.Time.ISOWeek and start on a Monday, and that
// labels sort as strings in the order of time.
func TestBucketsCoverDays(t *testing.T) {
	first := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(2033, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, p := range Periods {
		t.Run(p.String(), func(t *testing.T) {
			prev := p.OfTime(first)
			labels := []string{prev.Label()}
			for d := first.AddDate(0, 0, 1); d.Before(last); d = d.AddDate(0, 0, 1) {
				b := p.OfTime(d)
				switch b {
				case prev:
				case prev.Next():
					labels = append(labels, b.Label())
					if b.Compare(prev) != 1 || prev.Compare(b) != -1 {
						t.Fatalf("%s does not compare after %s", b, prev)
					}
				default:
					t.Fatalf("%s: bucket %s follows %s", d.Format(time.DateOnly), b, prev)
				}
				if p == Week {
					y, w := d.ISOWeek()
					if b.Start.Weekday() != time.Monday || b.Label() != fmt.Sprintf("%04d-W%02d", y, w) {
						t.Fatalf("%s: week %s, ISOWeek %d-%d", d.Format(time.DateOnly), b, y, w)
					}
				}
				prev = b
			}
			if !slices.IsSorted(labels) {
				t.Errorf("%v labels do not sort in time order", p)
			}
			if got := Span(p.OfTime(first), prev); len(got) != len(labels) {
				t.Errorf("Span has %d buckets, the walk %d", len(got), len(labels))
			}
		})
	}
}

func TestSpan(t *testing.T) {
	from, to := Week.Of(day("2020-12-20")), Week.Of(day("2021-01-12"))
	var got []string
	for _, b := range Span(from, to) {
		got = append(got, b.Label())
	}
	want := []string{"2020-W51", "2020-W52", "2020-W53", "2021-W01", "2021-W02"}
	if !slices.Equal(got, want) {
		t.Errorf("Span = %v, want %v", got, want)
	}
	if s := Span(to, from); s != nil {
		t.Errorf("Span backwards = %v, want nil", s)
	}
	if s := Span(from, from); len(s) != 1 || s[0] != from {
		t.Errorf("Span of one = %v", s)
	}
}

func TestParseBucketErrors(t *testing.T) {
	for _, label := range []string{
		"", "24", "2024-W54", "2023-W53", "2024-W00", "2024-13", "2024-00", "2024-06-31", "2024-Q5", "2024-Q0",
		"2024-6", "2024-06-4", "2024-w23", "2024-q2", " 2024", "2024-06-04T00:00:00Z",
	} {
		if b, err := ParseBucket(label); err == nil {
			t.Errorf("ParseBucket(%q) = %v, want an error", label, b)
		}
	}
	if b, err := ParseBucket("2026-W53"); err != nil || b.Start.Format(time.DateOnly) != "2026-12-28" {
		t.Errorf("ParseBucket(2026-W53) = %v, %v", b, err)
	}
}

func TestParsePeriod(t *testing.T) {
	for _, p := range Periods {
		if got, err := ParsePeriod(p.String()); got != p || err != nil {
			t.Errorf("ParsePeriod(%q) = %v, %v", p.String(), got, err)
		}
	}
	if _, err := ParsePeriod("fortnight"); err == nil {
		t.Error("ParsePeriod(fortnight) succeeded")
	}
}

func TestBucketCompareAcrossPeriods(t *testing.T) {
	d := day("2024-06-04")
	buckets := []Bucket{Year.Of(d), Month.Of(d), Day.Of(d), Week.Of(d), Quarter.Of(d)}
	slices.SortFunc(buckets, Bucket.Compare)
	for i, p := range Periods {
		if buckets[i].Period != p {
			t.Fatalf("sorted buckets %v: Period order broken", buckets)
		}
	}
}

func TestBucketPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"zero date":       func() { Day.Of(Date{}) },
		"zero period":     func() { Period(0).OfTime(time.Now()) },
		"next of zero":    func() { Bucket{}.Next() },
		"span of periods": func() { Span(Day.Of(day("2024-06-04")), Week.Of(day("2024-06-04"))) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if r, ok := recover().(string); !ok || !strings.HasPrefix(r, "dates: ") {
					t.Errorf("panic %v, want one starting \"dates: \"", r)
				}
			}()
			f()
		})
	}
}
