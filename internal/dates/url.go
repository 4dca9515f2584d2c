package dates

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"time"
)

// urlDatePatterns are the shapes of a date in a URL path that cannot be
// something else, most explicit first: year, month and day as three path
// segments ("/2024/06/04/"), joined by hyphens ("/2024-06-04-title"), or
// written as eight digits ("/20240604/"), each bounded by a slash, hyphen,
// underscore or dot (or the end of the path) so that it is not part of a
// longer number. Years are checked to lie in 1990–2099 afterwards. Eight
// digits can still be an article id (Vox's /2019/12/2/20970521/ has both),
// so they are the last resort.
var urlDatePatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?:^|/)((?:19|20)\d\d)/(\d\d?)/(\d\d?)(?:$|[/._-])`),
	regexp.MustCompile(`(?:^|[/_.-])((?:19|20)\d\d)-(\d\d)-(\d\d)(?:$|[/._-])`),
	regexp.MustCompile(`(?:^|[/_.-])((?:19|20)\d\d)(\d\d)(\d\d)(?:$|[/._-])`),
}

// FromURL returns the date in the path of an article's URL, for articles
// whose date field is missing: "https://example.org/2024/06/04/title",
// ".../news/2024-06-04-title", ".../20240604/title.html". Only the path is
// searched, not the host or query; only dates from 1990 to 2099 that exist
// in the calendar count, and a date of a more explicit shape (see
// urlDatePatterns) hides the less explicit ones. The Date has
// PrecisionDay, Source SourceURL and Original set to the date as written
// in the URL ("2024/06/04").
//
// FromURL returns the zero Date and no error when the URL holds no date,
// and an *Error when it holds two different dates of the same shape.
func FromURL(rawURL string) (Date, error) {
	path := rawURL
	if u, err := url.Parse(rawURL); err == nil {
		path = u.Path
	}
	for _, re := range urlDatePatterns {
		d, err := findURLDate(rawURL, path, re)
		if err != nil || !d.IsZero() {
			return d, err
		}
	}
	return Date{}, nil
}

// findURLDate returns the date of shape re in path, the zero Date if there
// is none, or an error naming rawURL if there are two different ones.
func findURLDate(rawURL, path string, re *regexp.Regexp) (Date, error) {
	var found Date
	for pos := 0; pos < len(path); {
		m := re.FindStringSubmatchIndex(path[pos:])
		if m == nil {
			break
		}
		year, _ := strconv.Atoi(path[pos+m[2] : pos+m[3]])
		month, _ := strconv.Atoi(path[pos+m[4] : pos+m[5]])
		day, _ := strconv.Atoi(path[pos+m[6] : pos+m[7]])
		t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
		// time.Date normalises 2024-02-30 to 2024-03-01: a date that does
		// not round-trip does not exist.
		if year >= 1990 && t.Year() == year && t.Month() == time.Month(month) && t.Day() == day {
			d := Date{Time: t, Precision: PrecisionDay, Original: path[pos+m[2] : pos+m[7]], Source: SourceURL}
			if !found.IsZero() && !found.Time.Equal(t) {
				return Date{}, &Error{Text: rawURL, Reason: ReasonURLConflict,
					Detail: fmt.Sprintf("the URL holds two different dates, %s and %s", found, d)}
			}
			if found.IsZero() {
				found = d
			}
		}
		// Resume at the closing separator, which may open the next date.
		pos += max(m[7], m[1]-1)
	}
	return found, nil
}

// Resolve returns an article's date from its date field's text, or from
// its URL when the text is empty (see Parse and FromURL). When the text
// cannot be read, Resolve returns its error together with the URL's date,
// if the URL has one, so that the caller can report the error and still
// place the article in time; the Date's Source says where it came from.
// An error in the URL itself matters only when the text is empty.
func (p Parser) Resolve(text, rawURL string) (Date, error) {
	d, err := p.Parse(text)
	if err == nil && !d.IsZero() {
		return d, nil
	}
	u, uerr := FromURL(rawURL)
	if err != nil {
		if uerr != nil {
			return Date{}, err
		}
		return u, err
	}
	return u, uerr
}
