package record

import (
	"bufio"
	"encoding/csv"
	"maps"
	"slices"
	"strconv"
)

// csvWriter writes one row per record: the article, its counts, its stance
// on every axis and its framing of every target. Columns come from the
// first record's lexicon.
type csvWriter struct {
	bw      *bufio.Writer
	w       *csv.Writer
	axes    []string
	targets []string
}

func (c *csvWriter) Write(r *Record) error {
	if c.axes == nil {
		c.axes = slices.Sorted(maps.Keys(r.Stance))
		c.targets = slices.Sorted(maps.Keys(r.Targets))
		head := []string{"id", "outlet", "group", "date", "lexicon", "tokens", "loaded", "loaded_per_1k", "loaded_author", "loaded_quote", "loaded_distanced"}
		for _, a := range c.axes {
			head = append(head, "stance."+a+".score", "stance."+a+".n", "stance."+a+".quote_score", "stance."+a+".quote_n")
		}
		for _, t := range c.targets {
			head = append(head, "target."+t+".references", "target."+t+".framing")
		}
		if err := c.w.Write(head); err != nil {
			return err
		}
	}
	row := []string{r.ID, r.Outlet, r.Group, r.Date, r.Lexicon.Name, itoa(r.Tokens), itoa(r.Loaded), ftoa(r.LoadedPer1k),
		itoa(r.LoadedByVoice[Author]), itoa(r.LoadedByVoice[Quote]), itoa(r.LoadedByVoice[Distanced])}
	for _, a := range c.axes {
		s := r.Stance[a]
		row = append(row, ftoa(s.Score), itoa(s.N), ftoa(s.QuoteScore), itoa(s.QuoteN))
	}
	for _, t := range c.targets {
		ts := r.Targets[t]
		f := ""
		if ts.Framing != nil {
			f = ftoa(*ts.Framing)
		}
		row = append(row, itoa(ts.References), f)
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
