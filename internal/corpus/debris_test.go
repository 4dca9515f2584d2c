package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
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

// referenceDebrisReason is the debris rules' contract written plainly: a
// rule applies to a line when the normalised line is no longer than its
// max_len, when it has no contains words or one of them begins a word of
// the lowered line, and when one of its patterns matches. The line's
// first byte (Debris.first) and the contains words' first two bytes
// (Debris.pairs) only skip work: Mark must find what this finds.
func referenceDebrisReason(d *Debris, contains [][]string, line string) string {
	trimmed := strings.TrimSpace(line)
	if trimmed == "" || len(trimmed) > d.maxLen+16 {
		return ""
	}
	norm := normalizeDebrisLine(trimmed)
	if norm == "" {
		return ""
	}
	lower := strings.ToLower(norm)
	for i, r := range d.rules {
		if len(norm) > r.maxLen {
			continue
		}
		if r.gated {
			found := false
			for j := range lower {
				if j > 0 && isWordByte(lower[j-1]) {
					continue
				}
				for _, c := range contains[i] {
					found = found || strings.HasPrefix(lower[j:], c)
				}
			}
			if !found {
				continue
			}
		}
		if r.pattern.MatchString(norm) {
			return r.reason
		}
	}
	return ""
}

// FuzzDebris holds the built-in rules' shortcuts to referenceDebrisReason,
// on lines made of the rules' own words.
func FuzzDebris(f *testing.F) {
	var doc struct {
		Rules []struct {
			Contains []string `yaml:"contains"`
		} `yaml:"rules"`
	}
	if err := yaml.Unmarshal(defaultDebrisYAML, &doc); err != nil {
		f.Fatal(err)
	}
	contains := make([][]string, len(doc.Rules))
	for i, r := range doc.Rules {
		for _, c := range r.Contains {
			contains[i] = append(contains[i], strings.ToLower(strings.TrimSpace(c)))
		}
	}
	for _, s := range []string{"Share", "• Follow\u00a0us on Twitter", "© 2016 Example. All rights reserved.", "(c) 2020 x",
		"nine − 7 =", "Tags: a", "KELVIN \u212aeyword", "Related: x", "\xffcomment", "Sign up for our newsletter today",
		"The story continues below", "12 Comments", "_ + 3 = 7", "Weather", "ſhare", "ſubscribe"} {
		f.Add(s)
	}
	d := DefaultDebris()
	f.Fuzz(func(t *testing.T, line string) {
		line = strings.ReplaceAll(line, "\n", " ")
		want := referenceDebrisReason(d, contains, line)
		a := &Article{Text: line}
		d.Mark(a)
		got := ""
		if len(a.Dropped) == 1 {
			got = a.Dropped[0].Reason
		}
		if got != want {
			t.Errorf("line %q: Mark gives %q, the rules %q", line, got, want)
		}
	})
}

// TestFirstBytes checks the bytes a pattern's matches may begin with.
func TestFirstBytes(t *testing.T) {
	tests := []struct {
		expr      string
		in, notIn string
	}{
		{`^(?i:share|tweet)$`, "sStT", "aAxX0 "},
		{`^(?i:(the )?(story|article) continues)$`, "tTsSaA", "cC x"},
		{`^(?i:(\d{1,2}|nine|_+|\?)\s*=)$`, "0123456789nN_?", "aAxX= "},
		{`^(?i:(\d{1,2})?\s*=)$`, "0123456789=\t ", "aAxX"},
		{`^(?i:.*\bfollow us)$`, "aZ \xc3", ""},
		{`^(?i:(©|\(c\)|copyright).*)$`, "\xc2(cC", "aA©"},
		{`^(?i:ks)$`, "kK\xe2", "sS"}, // the Kelvin sign folds to k
		{`^(?i:x?)$`, "xX\x00a\xff", ""},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			set := firstBytes(tt.expr)
			for _, b := range []byte(tt.in) {
				if !set[b] {
					t.Errorf("byte %q not among the first bytes", b)
				}
			}
			for _, b := range []byte(tt.notIn) {
				if set[b] && b < utf8.RuneSelf {
					t.Errorf("byte %q among the first bytes", b)
				}
			}
		})
	}
}

// BenchmarkMarkDebrisReal marks the page debris of 2,000 real news
// articles (the shared Article-Bias-Prediction training split, about
// 12 MB of text), in bytes of text per second; skipped without the data.
func BenchmarkMarkDebrisReal(b *testing.B) {
	const path = "../../../shared/abp/train.jsonl.gz"
	if _, err := os.Stat(path); err != nil {
		b.Skipf("no real news: %v", err)
	}
	var arts []*Article
	stop := errors.New("enough")
	_, err := Read(context.Background(), []string{path}, Options{}, func(a *Article) error {
		if arts = append(arts, a); len(arts) == 2000 {
			return stop
		}
		return nil
	}, nil)
	if !errors.Is(err, stop) {
		b.Fatalf("reading %s: %v", path, err)
	}
	var n int64
	for _, a := range arts {
		n += int64(len(a.Text))
	}
	d := DefaultDebris()
	b.SetBytes(n)
	for b.Loop() {
		for _, a := range arts {
			d.Mark(a)
		}
	}
}

// FuzzPlainSpaces holds plainSpaces's eight bytes at a time to the byte
// loop (plainSpacesFrom), on lines with double spaces, tabs, control
// characters and non-ASCII text on either side of each eighth byte.
func FuzzPlainSpaces(f *testing.F) {
	for _, s := range []string{"Share this article now", "1234567  x", "12345678  x", "1234567 ", "1234567  ", "abcdefg\t1234567",
		"abcdefgh\x01 x", "abc“def”ghijk  l", "a \u00a0b", "abcdefghijklmno\xff", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f \x7f", "        "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := plainSpaces(s), plainSpacesFrom(s, 0); got != want {
			t.Errorf("plainSpaces(%q) = %v, byte by byte %v", s, got, want)
		}
	})
}
