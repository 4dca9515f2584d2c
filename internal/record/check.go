package record

import (
	"fmt"

	"github.com/compare-tool/compare/internal/corpus"
)

// checkRanges returns an error naming the first field whose value no
// record compare writes can hold: a negative count, or an offset outside
// the article text (checked against the text when the record carries it).
// The aggregator and the report trust these numbers; a corrupt or
// hand-edited file must not reach them (a token count of −6 once did).
func (r *Record) checkRanges() error {
	counts := []struct {
		field string
		n     int
	}{{"tokens", r.Tokens}, {"loaded", r.Loaded}}
	for _, c := range counts {
		if c.n < 0 {
			return negative(c.field, c.n, "")
		}
	}
	if r.LoadedPer1k < 0 {
		return fmt.Errorf("field %q: %v is negative", "loaded_per_1k", r.LoadedPer1k)
	}
	for v, n := range r.LoadedByVoice {
		if n < 0 {
			return negative("loaded_by_voice", n, fmt.Sprintf(" (%s)", v))
		}
	}
	for c, n := range r.Categories {
		if n < 0 {
			return negative("categories", n, fmt.Sprintf(" (%s)", c))
		}
	}
	for id, t := range r.Targets {
		for _, c := range []struct {
			field string
			n     int
		}{{"references", t.References}, {"author", t.Author}, {"loaded", t.Loaded}} {
			if c.n < 0 {
				return negative("targets."+c.field, c.n, fmt.Sprintf(" (target %s)", id))
			}
		}
	}
	for id, a := range r.Stance {
		for _, c := range []struct {
			field string
			n     int
		}{{"n", a.N}, {"quote_n", a.QuoteN}, {"distanced_n", a.DistancedN}, {"reported_n", a.ReportedN}} {
			if c.n < 0 {
				return negative("stance."+c.field, c.n, fmt.Sprintf(" (axis %s)", id))
			}
		}
	}
	for i, m := range r.Matches {
		if err := r.checkSpan("matches", i, m.Start, m.End); err != nil {
			return err
		}
		if m.Line < 0 || m.Col < 0 {
			return negative("matches.line", min(m.Line, m.Col), fmt.Sprintf(" (match %d)", i+1))
		}
	}
	for _, list := range []struct {
		field string
		spans []corpus.Span
	}{{"quotes", r.Quotes}, {"dropped", r.Dropped}} {
		for i, s := range list.spans {
			if err := r.checkSpan(list.field, i, s.Start, s.End); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkSpan checks the i-th span of field: 0 ≤ start ≤ end, and end within
// the text when the record has it.
func (r *Record) checkSpan(field string, i, start, end int) error {
	if start >= 0 && end >= start && (r.Text == "" || end <= len(r.Text)) {
		return nil
	}
	which := fmt.Sprintf(" (%s %d)", singular[field], i+1)
	switch {
	case start < 0:
		return negative(field+".start", start, which)
	case end < start:
		return fmt.Errorf("field %q: %d is before start %d%s", field+".end", end, start, which)
	}
	return fmt.Errorf("field %q: %d is past the end of the text (%d bytes)%s", field+".end", end, len(r.Text), which)
}

var singular = map[string]string{"matches": "match", "quotes": "quote", "dropped": "dropped span"}

func negative(field string, n int, which string) error {
	return fmt.Errorf("field %q: %d is negative%s", field, n, which)
}
