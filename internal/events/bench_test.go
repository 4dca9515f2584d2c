package events

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// newsLike generates n articles shaped like a year of news for the
// benchmark: it is not language, but it has the statistics the grouping
// depends on, which internal/gencorpus's text does not (its 1,900-word
// vocabulary makes two random articles of it as alike, cosine 0.1 to 0.3,
// as two reports of one event).
//
//   - Words: about 45% function words, the rest Zipf-distributed (s = 1.07,
//     gencorpus's exponent) over a 50,000-word vocabulary; 15% of those
//     come from one of 300 topics (each a 2,000-word slice of the
//     vocabulary, Zipf within it), so that articles on one topic are
//     alike. Of random pairs, 96% then have a similarity below 0.05, 0.3%
//     reach 0.1 and 0.1% reach 0.15; of the real US news in ../shared/abp,
//     85%, 0.4% and 0.03%.
//   - Articles of 250 to 1,150 words in sentences of about 22 words, 40
//     outlets, dates spread evenly over 365 days, 2% undated.
//   - Planted events, about 37% of the articles: each reported by two to
//     five outlets within two days, with two names of two capitalised
//     words, two numbers and ten words of its topic, which make 4% of
//     each report's words.
//
// It returns the articles and the event of each (-1 for none).
func newsLike(n int, seed uint64) ([]Article, []int) {
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
	var function []string
	for w := range stopwords {
		function = append(function, w)
	}
	slices.Sort(function) // map order is random

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
	arts := make([]Article, 0, n)
	label := make([]int, 0, n)
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
				arts = append(arts, Article{
					ID: fmt.Sprintf("a%06d", len(arts)), Outlet: fmt.Sprintf("outlet-%02d", (first+r*7)%outlets),
					Date: date, Title: cap1(words[rng.IntN(vocab)]) + " " + ev.terms[0], Text: write(ev.topic, ev.terms),
				})
				label = append(label, len(events)-1)
			}
			continue
		}
		var date time.Time
		if rng.IntN(50) != 0 {
			date = start.AddDate(0, 0, rng.IntN(365))
		}
		arts = append(arts, Article{
			ID: fmt.Sprintf("a%06d", id), Outlet: fmt.Sprintf("outlet-%02d", rng.IntN(outlets)),
			Date: date, Title: cap1(words[rng.IntN(vocab)]) + " " + words[rng.IntN(vocab)], Text: write(rng.IntN(topics), nil),
		})
		label = append(label, -1)
	}
	return arts, label
}

// cpuSeconds returns the user and system CPU time the process has used.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return math.NaN()
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// plantedRecovery returns the pairwise precision and recall of g on the
// planted events (label[i] is article i's event, -1 for none).
func plantedRecovery(label []int, g *Grouping) (precision, recall float64) {
	events := make([]string, len(label))
	for i, l := range label {
		if l >= 0 {
			events[i] = fmt.Sprint(l)
		}
	}
	s := scorePairs(events, func(int) bool { return true }, g)
	return s.precision(), s.recall()
}

// BenchmarkGroup groups news-like corpora (see newsLike) with the default
// window and threshold. The 100,000-article case is the target of issue
// 17: under two minutes on two cores. Run it alone, once:
//
//	go test -run '^$' -bench 'Group/100000' -benchtime 1x ./internal/events/
//
// It fails unless the planted events are recovered (pairwise recall at
// least 0.9), so that it measures grouping that works, and reports
// precision on them too. Precision falls with density: at 100,000
// articles a year (1,900 in a window) background articles of one topic
// pair up, as the package documentation warns; it is checked to stay at
// 0.8 or more (measured 0.84).
func BenchmarkGroup(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			arts, label := newsLike(n, 1)
			runtime.GC()
			cpu0 := cpuSeconds()
			b.ResetTimer()
			var g *Grouping
			for range b.N {
				var err error
				if g, err = Group(context.Background(), arts, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			// CPU seconds per run: on a shared machine the wall-clock time
			// depends on the others' load, the CPU time much less.
			b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N), "cpu-s/op")
			p, r := plantedRecovery(label, g)
			b.ReportMetric(float64(len(g.Events)), "events")
			b.ReportMetric(p, "precision")
			b.ReportMetric(r, "recall")
			b.ReportMetric(float64(g.Compared)/float64(n), "compared/article")
			if r < 0.9 || p < 0.8 || math.IsNaN(p) {
				b.Fatalf("planted events: precision %.3f, recall %.3f, want ≥ 0.8 and ≥ 0.9", p, r)
			}
		})
	}
}
