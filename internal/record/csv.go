package record

import (
	"bufio"
	"encoding/csv"
	"maps"
	"slices"
	"strconv"
)

// csvWriter writes one row per record: the article, its counts, its stance
// on every axis, its framing of every target, and its credibility counts
// when it has signals. Columns come from the first record.
type csvWriter struct {
	bw      *bufio.Writer
	w       *csv.Writer
	axes    []string
	targets []string
	sides   []string
	// ncred is the number of credibility count columns; 0 when the
	// first record has no signals.
	ncred int
}

// csvArticleColumns are the columns every CSV and wide table starts with.
var csvArticleColumns = []string{"id", "outlet", "group", "date", "title", "url", "lexicon", "tokens"}

func csvArticle(r *Record) []string {
	return []string{r.ID, r.Outlet, r.Group, r.Date, r.Title, r.URL, r.Lexicon.Name, itoa(r.Tokens)}
}

func (c *csvWriter) Write(r *Record) error {
	if c.axes == nil {
		c.axes = slices.Sorted(maps.Keys(r.Stance))
		c.targets = slices.Sorted(maps.Keys(r.Targets))
		head := append(slices.Clone(csvArticleColumns), "loaded", "loaded_per_1k", "loaded_author", "loaded_quote", "loaded_distanced", "loaded_reported")
		for _, a := range c.axes {
			head = append(head, "stance."+a+".score", "stance."+a+".n", "stance."+a+".quote_score", "stance."+a+".quote_n",
				"stance."+a+".reported_score", "stance."+a+".reported_n")
		}
		for _, t := range c.targets {
			head = append(head, "target."+t+".references", "target."+t+".framing")
		}
		if r.Credibility != nil {
			names, _ := CountCredibility(r.Credibility).csvColumns()
			c.ncred = len(names)
			head = append(head, names...)
			c.sides = slices.Sorted(maps.Keys(r.Credibility.Sides))
			for _, s := range c.sides {
				head = append(head, "credibility.side."+s)
			}
		}
		if err := c.w.Write(head); err != nil {
			return err
		}
	}
	row := append(csvArticle(r), itoa(r.Loaded), ftoa(r.LoadedPer1k),
		itoa(r.LoadedByVoice[Author]), itoa(r.LoadedByVoice[Quote]), itoa(r.LoadedByVoice[Distanced]), itoa(r.LoadedByVoice[Reported]))
	for _, a := range c.axes {
		s := r.Stance[a]
		row = append(row, ftoa(s.Score), itoa(s.N), ftoa(s.QuoteScore), itoa(s.QuoteN), ftoa(s.ReportedScore), itoa(s.ReportedN))
	}
	for _, t := range c.targets {
		ts := r.Targets[t]
		f := ""
		if ts.Framing != nil {
			f = ftoa(*ts.Framing)
		}
		row = append(row, itoa(ts.References), f)
	}
	if c.ncred > 0 {
		if r.Credibility == nil {
			row = append(row, make([]string, c.ncred+len(c.sides))...)
		} else {
			_, values := CountCredibility(r.Credibility).csvColumns()
			row = append(row, values...)
			for _, s := range c.sides {
				row = append(row, itoa(r.Credibility.Sides[s]))
			}
		}
	}
	return c.w.Write(row)
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

func itoa(n int) string { return strconv.Itoa(n) }

func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
