package record

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Formats lists the output formats of NewWriter.
var Formats = []string{"table", "jsonl", "json", "csv"}

// RecordWriter writes score records in one format. Close flushes and
// finishes the output (the closing bracket of a JSON array, the table).
type RecordWriter interface {
	Write(*Record) error
	Close() error
}

// NewWriter returns a RecordWriter for format, one of Formats.
func NewWriter(w io.Writer, format string) (RecordWriter, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	switch format {
	case "jsonl":
		return &jsonlWriter{w: bw}, nil
	case "json":
		return &jsonWriter{w: bw}, nil
	case "csv":
		return &csvWriter{bw: bw, w: csv.NewWriter(bw)}, nil
	case "table":
		return &tableWriter{bw: bw, w: tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

type jsonlWriter struct {
	w   *bufio.Writer
	buf []byte
}

func (j *jsonlWriter) Write(r *Record) error {
	var err error
	j.buf, err = appendJSON(j.buf[:0], r)
	if err != nil {
		return err
	}
	j.buf = append(j.buf, '\n')
	_, err = j.w.Write(j.buf)
	return err
}

func (j *jsonlWriter) Close() error { return j.w.Flush() }

func appendJSON(dst []byte, r *Record) ([]byte, error) {
	b, err := appendRecord(dst, r)
	if err != nil {
		return dst, fmt.Errorf("encoding record %s: %w", r.ID, err)
	}
	return b, nil
}

type jsonWriter struct {
	w *bufio.Writer
	n int
}

func (j *jsonWriter) Write(r *Record) error {
	b, err := json.MarshalIndent(r, "  ", "  ")
	if err != nil {
		return fmt.Errorf("encoding record %s: %w", r.ID, err)
	}
	sep := ",\n  "
	if j.n == 0 {
		sep = "[\n  "
	}
	j.n++
	j.w.WriteString(sep)
	_, err = j.w.Write(b)
	return err
}

func (j *jsonWriter) Close() error {
	if j.n == 0 {
		j.w.WriteString("[")
	}
	j.w.WriteString("\n]\n")
	return j.w.Flush()
}

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

// tableWriter prints a readable summary: one line per article with its
// stance, then its loaded terms with their voice.
type tableWriter struct {
	bw   *bufio.Writer
	w    *tabwriter.Writer
	axes []string
}

func (t *tableWriter) Write(r *Record) error {
	if t.axes == nil {
		t.axes = slices.Sorted(maps.Keys(r.Stance))
		fmt.Fprint(t.w, "ID\tOUTLET\tTOKENS\tLOADED/1K")
		for _, a := range t.axes {
			fmt.Fprintf(t.w, "\t%s (n)", strings.ToUpper(a))
		}
		if r.Credibility != nil {
			fmt.Fprint(t.w, "\tSOURCING")
		}
		fmt.Fprint(t.w, "\tLOADED TERMS (author voice)\n")
	}
	fmt.Fprintf(t.w, "%s\t%s\t%d\t%.1f", OneLine(r.ID), OneLine(r.Outlet), r.Tokens, r.LoadedPer1k)
	for _, a := range t.axes {
		s := r.Stance[a]
		fmt.Fprintf(t.w, "\t%+.2f (%d)", s.Score, s.N)
	}
	if r.Credibility != nil {
		fmt.Fprintf(t.w, "\t%s", sourcingSummary(r))
	}
	fmt.Fprintf(t.w, "\t%s\n", termSummary(r, 4))
	return nil
}

func (t *tableWriter) Close() error {
	if t.axes != nil {
		fmt.Fprint(t.w, "\nStance: mean of the author's own loaded and neutral terms, -1..+1; n = terms counted.\n")
		fmt.Fprint(t.w, "Sourcing: claims without an identifiable source / attributed claims; sides of the media and bodies cited. It describes sourcing, not truth.\n")
		fmt.Fprint(t.w, "Lexicon scoring sees word choice only: not sarcasm, not which facts were selected, not stance outside the lexicon.\n")
	}
	if err := t.w.Flush(); err != nil {
		return err
	}
	return t.bw.Flush()
}

// termSummary lists the most frequent loaded terms in the author's voice.
func termSummary(r *Record, max int) string {
	counts := map[string]int{}
	var order []string
	for _, m := range r.Matches {
		if m.Voice != Author || !m.Loaded {
			continue
		}
		key := strings.ToLower(OneLine(m.Text))
		if counts[key] == 0 {
			order = append(order, key)
		}
		counts[key]++
	}
	sort.SliceStable(order, func(i, j int) bool { return counts[order[i]] > counts[order[j]] })
	var parts []string
	for i, k := range order {
		if i == max {
			parts = append(parts, fmt.Sprintf("+%d more", len(order)-max))
			break
		}
		if counts[k] > 1 {
			parts = append(parts, fmt.Sprintf("%s ×%d", k, counts[k]))
		} else {
			parts = append(parts, k)
		}
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}

// OneLine replaces tabs, line breaks and other control characters with
// spaces, so that untrusted text (ids, outlet names, matched terms) cannot
// break the layout of a table: the record table here and the comparison
// table of package aggregate.
func OneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

func itoa(n int) string { return strconv.Itoa(n) }

func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// sourcingSummary says in a few words how the article sources its claims.
func sourcingSummary(r *Record) string {
	c := r.Credibility
	out := fmt.Sprintf("unsourced %d/%d", c.Sourcing.Unsourced, c.Sourcing.Claims)
	var sides []string
	for _, side := range slices.Sorted(maps.Keys(c.Sides)) {
		if n := c.Sides[side]; n > 0 {
			sides = append(sides, fmt.Sprintf("%s %d", side, n))
		}
	}
	if len(sides) > 0 {
		out += "; cites " + strings.Join(sides, ", ")
	}
	return out
}
