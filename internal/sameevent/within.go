package sameevent

import (
	"context"
	"fmt"
	"strconv"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/events"
	"github.com/compare-tool/compare/internal/record"
)

// Within collects, while a comparison is aggregated, what grouping its
// articles into events needs, and then compares the comparison's units
// within the events (stats --events, the report's within-events test).
type Within struct {
	// By is the record field that names a unit ("outlet" or a metadata
	// field), as in FromRecord.
	By string
	// Max caps the articles kept for grouping (0: no cap). Grouping keeps
	// every text, about 30 kB an article; past Max none is kept and the
	// comparison says why.
	Max int

	arts   []Article
	noText int
	over   int // the articles with text, once there were more than Max
}

// Add keeps what grouping needs of a record, before anything of it is
// dropped. It never fails; the error is there to fit a record callback.
func (w *Within) Add(r *record.Record) error {
	switch {
	case r.Text == "":
		w.noText++
	case w.over > 0:
		w.over++
	case w.Max > 0 && len(w.arts) == w.Max:
		w.over = len(w.arts) + 1
		w.arts = nil
	default:
		w.arts = append(w.arts, FromRecord(r, w.By))
	}
	return nil
}

// Compare groups the collected articles into events and compares the
// units of cmp within them (cmp.CompareWithinEvents), adding to cmp.Notes
// what it left out and why. It returns a nil Result, and no error, when
// nothing could be grouped (no record had its text, or more than Max
// had). The articles are released either way.
func (w *Within) Compare(ctx context.Context, cmp *aggregate.Comparison, opt Options) (*Result, error) {
	arts := w.arts
	w.arts = nil
	if w.over > 0 {
		cmp.Notes = append(cmp.Notes, fmt.Sprintf("%s text, more than the %s that --max-event-articles lets the report group into events, so outlets were not compared within shared events; compare events groups any number.",
			english.Count(w.over, "record has", "records have"), strconv.Itoa(w.Max)))
		return nil, nil
	}
	if len(arts) == 0 {
		cmp.Notes = append(cmp.Notes, "No record has its text (they were scored with --no-text), so no events could be found and outlets were not compared within shared events.")
		return nil, nil
	}
	res, err := Group(ctx, arts, opt)
	if err != nil {
		return nil, err
	}
	cmp.CompareWithinEvents(res.Scores(), events.FormatWindow(res.Window), res.Threshold)
	if w.noText > 0 { // some records have their text, others not
		cmp.Notes = append(cmp.Notes, fmt.Sprintf("%s no text (scored with --no-text) and could not be grouped into events.",
			english.Count(w.noText, "record has", "records have")))
	}
	return res, nil
}
