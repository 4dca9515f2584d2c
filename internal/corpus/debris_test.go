package corpus

import (
	"fmt"
	"strings"
	"testing"
)

func TestMarkDebris(t *testing.T) {
	dropped := []struct{ line, reason string }{
		{"Share", "share button"},
		{"  SHARE  ", "share button"},
		{"Share this article", "share button"},
		{"Share on Facebook", "share button"},
		{"Tweet", "share button"},
		{"Advertisement", "advertisement"},
		{"ADVERTISEMENT", "advertisement"},
		{"Story continues below advertisement", "advertisement"},
		{"For the latest on Syria and the Kurdish region, follow us on Twitter :", "social media prompt"},
		{"Follow us on Telegram", "social media prompt"},
		{"  • Short link :", "short link"},
		{"Short URL: https://example.org/x1", "short link"},
		{"Leave a comment", "comment section"},
		{"Leave a Reply", "comment section"},
		{"12 Comments", "comment section"},
		{"Your email address will not be published. Required fields are marked *", "comment section"},
		{"nine − 7 =", "comment-form arithmetic"},
		{"three + 4 =", "comment-form arithmetic"},
		{"5 × two = ?", "comment-form arithmetic"},
		{"_ + 3 = 7", "comment-form arithmetic"},
		{"Sign up for our daily newsletter", "newsletter prompt"},
		{"Read more: Earlier protests in the capital", "related links"},
		{"Related Articles", "related links"},
		{"You may also like", "related links"},
		{"Skip to content", "navigation"},
		{"Back to top", "navigation"},
		{"This site uses cookies to improve your experience.", "cookie notice"},
		{"© 2016 Example News. All rights reserved.", "copyright line"},
		{"Tags: Iran, Syria, IRGC", "tag list"},
	}
	kept := []string{
		// Credits are part of the article.
		"Reporting by: Salman Mohammed",
		"Source: ARA News",
		"ARA News",
		// Headlines and captions, however short.
		"Iran reaffirms support for Syria’s Assad",
		"Syria in civil war",
		"Iranian Millitary",
		"Sharing the burden",
		"Shares in the company fell 3%.",
		"Advertisements for the rally appeared across the city on Monday.",
		"Home Office rejects asylum claim",
		"He asked his followers to follow us on Twitter, an aide said, but the account was closed." + strings.Repeat(" More reporting follows in this long paragraph.", 4),
		"The minister said 2 + 2 = 4 in a speech mocking the budget.",
		"Comments by the minister drew criticism.",
		"Tags were found on the missiles.",
		"",
		"\u00a0",
	}
	for _, tt := range dropped {
		t.Run("drop/"+tt.line, func(t *testing.T) {
			a := &Article{Text: "First paragraph of reporting.\n" + tt.line + "\nLast paragraph."}
			MarkDebris(a)
			if len(a.Dropped) != 1 {
				t.Fatalf("dropped %+v, want the line %q", a.Dropped, tt.line)
			}
			d := a.Dropped[0]
			if got, want := a.Text[d.Start:d.End], strings.TrimSpace(tt.line); got != want {
				t.Errorf("dropped %q, want %q", got, want)
			}
			if d.Reason != "debris: "+tt.reason {
				t.Errorf("reason %q, want %q", d.Reason, "debris: "+tt.reason)
			}
		})
	}
	for _, line := range kept {
		t.Run("keep/"+line, func(t *testing.T) {
			a := &Article{Text: line}
			MarkDebris(a)
			if a.Dropped != nil {
				t.Errorf("dropped %+v from %q", a.Dropped, line)
			}
		})
	}
}

func TestMarkDebrisOffsets(t *testing.T) {
	a := &Article{Text: "Share\r\n\r\nText.\n  Advertisement  \nMore.\nnine − 7 =", Dropped: []Span{{0, 1, "stale"}}}
	MarkDebris(a)
	want := []Span{{0, 5, "debris: share button"}, {17, 30, "debris: advertisement"}, {39, 51, "debris: comment-form arithmetic"}}
	if fmt.Sprint(a.Dropped) != fmt.Sprint(want) {
		t.Errorf("got %+v, want %+v", a.Dropped, want)
	}
}

func TestParseDebrisErrors(t *testing.T) {
	tests := []struct{ data, want string }{
		{"rules:\n  - reason: x\n    patterns: ['(unclosed']\n", "d.yaml:3: x: error parsing regexp: missing closing ): `(unclosed`"},
		{"rules:\n  - reason: x\n    patterns: 'not a list'\n", "d.yaml:3: x: patterns must be a list of regular expressions"},
		{"rules:\n  - patterns: [a]\n", "d.yaml:2: rule has no reason"},
		{"rules:\n  - reason: x\n    pattern: [a]\n", `d.yaml:3: unknown key "pattern"`},
	}
	for _, tt := range tests {
		_, err := ParseDebris("d.yaml", []byte(tt.data))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("ParseDebris(%q) = %v, want %s", tt.data, err, tt.want)
		}
	}
}

func TestCustomDebris(t *testing.T) {
	d, err := ParseDebris("d.yaml", []byte("rules:\n  - reason: sponsor\n    patterns: ['brought to you by .*']\n    max_len: 60\n"))
	if err != nil {
		t.Fatal(err)
	}
	a := &Article{Text: "Brought to you by Acme\nShare"}
	d.Mark(a)
	if len(a.Dropped) != 1 || a.Dropped[0].Reason != "debris: sponsor" {
		t.Errorf("dropped %+v", a.Dropped)
	}
}

func ExampleMarkDebris() {
	a := &Article{Text: "Talks resumed on Monday.\nAdvertisement\nBoth sides said progress was made.\nLeave a comment\nnine − 7 ="}
	MarkDebris(a)
	for _, d := range a.Dropped {
		fmt.Printf("%d-%d %q %s\n", d.Start, d.End, a.Text[d.Start:d.End], d.Reason)
	}
	// Output:
	// 25-38 "Advertisement" debris: advertisement
	// 74-89 "Leave a comment" debris: comment section
	// 90-102 "nine − 7 =" debris: comment-form arithmetic
}

// TestNormalizeDebrisLine pins the line the rules see: bullets and
// trailing colons gone, white space runs (no-break spaces included) one
// space, invalid bytes and U+FFFD dropped where they stand.
func TestNormalizeDebrisLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Share this article", "Share this article"},
		{"• Share:", "Share"},
		{"►  Read more |", "Read more"},
		{"Follow\u00a0us\u00a0 on\tTwitter", "Follow us on Twitter"},
		{"“Tags”: Iran, Syria", "“Tags”: Iran, Syria"},
		{"a\xffb", "ab"},
		{"a \ufffd b", "a  b"},
		{"- – — * |", ""},
		{"Comments (12)::", "Comments (12)"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := normalizeDebrisLine(tt.in); got != tt.want {
				t.Errorf("normalizeDebrisLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
