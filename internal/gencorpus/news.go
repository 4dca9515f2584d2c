package gencorpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"
)

// NewsArticle is an article of News, with the planted event it reports.
type NewsArticle struct {
	ID, Outlet, Title, Text string
	// Date is the zero Time for an undated article.
	Date time.Time
	// Event numbers the planted event the article reports, -1 for none.
	Event int
}

// News generates n articles shaped like a year of news for the event
// grouping benchmark (package events). It is not language, but it has the
// statistics grouping depends on, which Corpus's text does not (its
// 1,900-word vocabulary makes two random articles of it as alike, cosine
// 0.1 to 0.3, as two reports of one event):
//
//   - Words: about 45% function words (drawn from functionWords, which
//     should be the words the grouping ignores), the rest Zipf-distributed
//     (s = 1.07, Corpus's exponent) over a 50,000-word vocabulary; 15% of
//     those come from one of 300 topics (each a 2,000-word slice of the
//     vocabulary, Zipf within it), so that articles on one topic are
//     alike. Of random pairs, 96% then have a similarity below 0.05, 0.3%
//     reach 0.1 and 0.1% reach 0.15; of the real US news in ../shared/abp,
//     85%, 0.4% and 0.03%.
//   - Articles of 250 to 1,150 words in sentences of about 22 words, 40
//     outlets, dates spread evenly over 365 days of 2023, 2% undated.
//   - Planted events, about 37% of the articles: each reported by two to
//     five outlets within two days, with two names of two capitalised
//     words, two numbers and ten words of its topic, which make 4% of
//     each report's words.
//
// The same n, seed and function words give the same articles.
func News(n int, seed uint64, functionWords []string) []NewsArticle {
	rng := rand.New(rand.NewPCG(seed, 0x2545f4914f6cdd1d))
	const (
		vocab   = 50_000
		topics  = 300
		topicSz = 2000
		outlets = 40
	)
	word := func(i int) string { // a pronounceable word for each index
		const cons, vow = "bdfgklmnprstvz", "aeiou"
		var b strings.Builder
		for i++; i > 0; i /= len(cons) * len(vow) {
			b.WriteByte(cons[i%len(cons)])
			b.WriteByte(vow[(i/len(cons))%len(vow)])
		}
		return b.String()
	}
	words := make([]string, vocab)
	for i := range words {
		words[i] = word(i)
	}
	function := functionWords
	if len(function) == 0 {
		function = []string{"the"}
	}

	zipf := rand.NewZipf(rng, 1.07, 2, vocab-1)
	topicZipf := rand.NewZipf(rng, 1.07, 2, topicSz-1)
	topicStart := make([]int, topics)
	for i := range topicStart {
		topicStart[i] = 200 + rng.IntN(vocab-200-topicSz)
	}
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)

	type event struct {
		topic int
		day   int
		terms []string
	}
	var events []event
	arts := make([]NewsArticle, 0, n)
	cap1 := func(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
	write := func(topic int, extra []string) string {
		var b strings.Builder
		length := 250 + rng.IntN(900)
		sentence := 0
		for w := 0; w < length; {
			if sentence > 0 {
				b.WriteString(" ")
				if rng.IntN(4) == 0 {
					b.WriteString("\n\n")
				}
			}
			sentence++
			sl := max(5, int(rng.NormFloat64()*8+22))
			for k := 0; k < sl; k++ {
				var t string
				switch r := rng.Float64(); {
				case len(extra) > 0 && r < 0.04:
					t = extra[rng.IntN(len(extra))]
				case r < 0.45:
					t = function[rng.IntN(len(function))]
				case r < 0.45+0.55*0.15:
					t = words[topicStart[topic]+int(topicZipf.Uint64())]
				default:
					t = words[zipf.Uint64()]
				}
				if k == 0 {
					t = cap1(t)
				} else {
					b.WriteByte(' ')
				}
				b.WriteString(t)
			}
			b.WriteByte('.')
			w += sl
		}
		return b.String()
	}
	for len(arts) < n {
		id := len(arts)
		if rng.Float64() < 0.15 { // a new event: 2 to 5 reports, 60% of articles in all
			ev := event{topic: rng.IntN(topics), day: rng.IntN(365)}
			for range 2 {
				ev.terms = append(ev.terms, cap1(words[rng.IntN(vocab)])+" "+cap1(words[rng.IntN(vocab)]))
			}
			for range 2 {
				ev.terms = append(ev.terms, fmt.Sprint(2+rng.IntN(300)))
			}
			for range 10 {
				ev.terms = append(ev.terms, words[topicStart[ev.topic]+rng.IntN(topicSz)])
			}
			events = append(events, ev)
			first := rng.IntN(outlets)
			reports := 2 + rng.IntN(4)
			for r := 0; r < reports && len(arts) < n; r++ {
				date := start.AddDate(0, 0, ev.day+rng.IntN(3))
				arts = append(arts, NewsArticle{
					ID: fmt.Sprintf("a%06d", len(arts)), Outlet: fmt.Sprintf("outlet-%02d", (first+r*7)%outlets),
					Date: date, Title: cap1(words[rng.IntN(vocab)]) + " " + ev.terms[0], Text: write(ev.topic, ev.terms),
					Event: len(events) - 1,
				})
			}
			continue
		}
		var date time.Time
		if rng.IntN(50) != 0 {
			date = start.AddDate(0, 0, rng.IntN(365))
		}
		arts = append(arts, NewsArticle{
			ID: fmt.Sprintf("a%06d", id), Outlet: fmt.Sprintf("outlet-%02d", rng.IntN(outlets)),
			Date: date, Title: cap1(words[rng.IntN(vocab)]) + " " + words[rng.IntN(vocab)], Text: write(rng.IntN(topics), nil),
			Event: -1,
		})
	}
	return arts
}

// newsRecord is a line of WriteNews.
type newsRecord struct {
	ID     string `json:"id"`
	Outlet string `json:"outlet"`
	Title  string `json:"title"`
	Date   string `json:"date,omitempty"`
	Text   string `json:"text"`
	// Event is the planted event ("e17"), empty for none: compare reads it
	// as metadata, and a script can measure the grouping against it.
	Event string `json:"event,omitempty"`
}

// WriteNews writes articles as JSON Lines (id, outlet, title, date, text,
// and event, the planted event's label) and returns the bytes written.
func WriteNews(w io.Writer, articles []NewsArticle) (int64, error) {
	cw := &countWriter{w: w}
	bw := bufio.NewWriterSize(cw, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, a := range articles {
		r := newsRecord{ID: a.ID, Outlet: a.Outlet, Title: a.Title, Text: a.Text}
		if !a.Date.IsZero() {
			r.Date = a.Date.Format(time.DateOnly)
		}
		if a.Event >= 0 {
			r.Event = fmt.Sprintf("e%d", a.Event)
		}
		if err := enc.Encode(r); err != nil {
			return cw.n, err
		}
	}
	err := bw.Flush()
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
