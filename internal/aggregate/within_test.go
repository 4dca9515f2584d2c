package aggregate

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
)

// withinFixture is a comparison of four units on one axis, with the event
// scores of eight events: A and B report all eight, C the first six, D
// the first six too but with no term on the axis in the sixth.
func withinFixture() (*Comparison, []EventScore) {
	mean := func(v float64) Summary { return Summary{N: 10, Mean: &v} }
	c := &Comparison{
		By:   "outlet",
		Axes: []Label{{ID: "ax", Label: "Axis"}},
		Units: []Unit{
			{Name: "A", Axes: NewSummaries(map[string]Summary{"ax": mean(0.55)})},
			{Name: "B", Axes: NewSummaries(map[string]Summary{"ax": mean(0.40)})},
			{Name: "C", Axes: NewSummaries(map[string]Summary{"ax": mean(0.10)})},
			{Name: "D", Axes: NewSummaries(map[string]Summary{"ax": mean(0.30)})},
		},
		Tests: []AxisTests{{Axis: "ax", Pairs: []Pair{
			{A: "A", B: "B", PHolm: 0.01}, {A: "A", B: "C", PHolm: 0.002},
			{A: "B", B: "C", PHolm: 0.5}, {A: "D", B: "A", PHolm: 0.03},
		}}},
	}
	a := []float64{0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2}
	dab := []float64{0.11, 0.12, 0.13, 0.14, 0.15, 0.16, 0.17, 0.18}
	dac := []float64{0.05, -0.1, 0.03, -0.08, 0.06, -0.02}
	var s []EventScore
	for i := range a {
		ev := fmt.Sprintf("e%d", i+1)
		s = append(s, EventScore{Event: ev, Unit: "A", Axis: "ax", Score: a[i], N: 3},
			EventScore{Event: ev, Unit: "B", Axis: "ax", Score: a[i] - dab[i], N: 2})
		if i < 6 {
			s = append(s, EventScore{Event: ev, Unit: "C", Axis: "ax", Score: a[i] - dac[i], N: 1})
			d := EventScore{Event: ev, Unit: "D", Axis: "ax", Score: 0.3, N: 4}
			if i == 5 {
				d.Score, d.N = 0, 0
			}
			s = append(s, d)
		}
	}
	// A unit and an axis the comparison does not know are ignored.
	s = append(s, EventScore{Event: "e1", Unit: "Z", Axis: "ax", Score: 1, N: 1}, EventScore{Event: "e1", Unit: "A", Axis: "other", Score: 1, N: 1})
	return c, s
}

func TestCompareWithinEvents(t *testing.T) {
	c, scores := withinFixture()
	c.CompareWithinEvents(scores, "3d", 0.2)
	w := c.WithinEvents
	if w == nil || w.Events != 8 || w.MinShared != 6 || w.Window != "3d" || w.Threshold != 0.2 || len(w.Axes) != 1 {
		t.Fatalf("within events: %+v", w)
	}
	ax := w.Axes[0]
	// Reference values from R 4.2.2 (the script is in
	// testdata/reference.R under "within events"):
	//   a <- c(0.9,0.8,0.7,0.6,0.5,0.4,0.3,0.2); b <- a - c(0.11,…,0.18)
	//   c6 <- a[1:6] - c(0.05,-0.1,0.03,-0.08,0.06,-0.02)
	//   wilcox.test(a, b, paired = TRUE)             V = 36, p = 0.0078125
	//   wilcox.test(a[1:6], c6, paired = TRUE)        V = 9,  p = 0.84375
	//   wilcox.test(b[1:6], c6, paired = TRUE)        V = 0,  p = 0.035522336623414599 (ties: normal)
	//   p.adjust(c(…), "holm")  0.0234375, 0.84375, 0.071044673246829199
	// Tolerance 1e-12.
	type want struct {
		a, b           string
		shared, paired int
		v, p, holm     float64 // NaN: not tested
		meanDiff       float64
		verdict        string
	}
	nan := math.NaN()
	wants := []want{
		{"A", "B", 8, 8, 36, 0.0078125, 0.0234375, 0.145, VerdictNaming},
		{"A", "C", 6, 6, 9, 0.84375, 0.84375, -0.01, VerdictSelection},
		{"A", "D", 6, 5, nan, nan, nan, 0.4, VerdictTooFew},
		{"B", "C", 6, 6, 0, 0.035522336623414599, 0.071044673246829199, -0.145, VerdictNone},
		{"B", "D", 6, 5, nan, nan, nan, 0.27, VerdictTooFew},
		{"C", "D", 6, 5, nan, nan, nan, 0.408, VerdictTooFew},
	}
	if len(ax.Pairs) != len(wants) {
		t.Fatalf("%d pairs, want %d: %+v", len(ax.Pairs), len(wants), ax.Pairs)
	}
	close := func(got *float64, want float64) bool {
		if math.IsNaN(want) {
			return got == nil
		}
		return got != nil && math.Abs(*got-want) <= 1e-12
	}
	for i, wt := range wants {
		p := ax.Pairs[i]
		t.Run(p.A+"-"+p.B, func(t *testing.T) {
			if p.A != wt.a || p.B != wt.b || p.Shared != wt.shared || p.Paired != wt.paired {
				t.Fatalf("pair %s-%s shared %d paired %d, want %s-%s %d %d", p.A, p.B, p.Shared, p.Paired, wt.a, wt.b, wt.shared, wt.paired)
			}
			if !close(p.V, wt.v) || !close(p.P, wt.p) || !close(p.PHolm, wt.holm) {
				t.Errorf("V %v p %v Holm %v, want %v %v %v", deref(p.V), deref(p.P), deref(p.PHolm), wt.v, wt.p, wt.holm)
			}
			if !close(p.MeanDiff, wt.meanDiff) && math.Abs(deref(p.MeanDiff)-wt.meanDiff) > 1e-9 {
				t.Errorf("mean difference %v, want %v", deref(p.MeanDiff), wt.meanDiff)
			}
			if p.Verdict != wt.verdict || p.Sentence == "" {
				t.Errorf("verdict %q (%s), want %q", p.Verdict, p.Sentence, wt.verdict)
			}
		})
	}
	if ax.Tested != 3 || ax.HolmShared != 7 {
		t.Errorf("tested %d, Holm needs %d events; want 3 and 7 (3·2/2⁷ < 0.05 ≤ 3·2/2⁶)", ax.Tested, ax.HolmShared)
	}
	// The overall p of D-A is found whichever way round the pair was
	// tested.
	if p := ax.Pairs[2]; p.OverallPHolm == nil || *p.OverallPHolm != 0.03 || !strings.Contains(p.Sentence, "cannot be told") {
		t.Errorf("A-D: overall p %v, sentence %q", p.OverallPHolm, p.Sentence)
	}
}

func deref(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

func TestWithinVerdict(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	ax := Label{ID: "ax", Label: "Axis"}
	tests := []struct {
		name string
		p    WithinPair
		want string
		says []string
	}{
		{"naming", WithinPair{A: "A", B: "B", Shared: 7, Paired: 7, MeanDiff: f(-0.3), PHolm: f(0.01), OverallPHolm: f(0.2)},
			VerdictNaming, []string{"Within the 7 events both reported, B's wording scores higher on Axis than A's (mean difference 0.30; paired Wilcoxon, Holm p = 0.01)"}},
		{"selection", WithinPair{A: "A", B: "B", Shared: 6, Paired: 6, MeanDiff: f(0.1), OverallDiff: f(0.4), PHolm: f(0.3), OverallPHolm: f(0.001)},
			VerdictSelection, []string{"but not within the 6 events", "comes from which events they cover"}},
		{"selection, reversed", WithinPair{A: "A", B: "B", Shared: 6, Paired: 6, MeanDiff: f(-0.3), OverallDiff: f(0.4), PHolm: f(0.3), OverallPHolm: f(0.001)},
			VerdictSelection, nil},
		{"unclear", WithinPair{A: "A", B: "B", Shared: 6, Paired: 6, MeanDiff: f(0.3), OverallDiff: f(0.4), PHolm: f(0.06), OverallPHolm: f(0.001)},
			VerdictUnclear, []string{"about as large (0.30 against 0.40 overall)", "cannot be told"}},
		{"too few", WithinPair{A: "A", B: "B", Shared: 5, Paired: 4, MeanDiff: f(0.3), OverallPHolm: f(0.3)},
			VerdictTooFew, []string{"A and B both reported 5 events, 4 of them with terms bearing on Axis in both: too few for a paired test, which needs at least 6"}},
		{"none", WithinPair{A: "A", B: "B", Shared: 9, Paired: 8, MeanDiff: f(0.01), OverallDiff: f(0.02), PHolm: f(0.8)},
			VerdictNone, []string{"No reliable difference between A and B on Axis", "9 events (8 with terms bearing on Axis in both)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, s := verdict(&tt.p, ax, 6)
			if got != tt.want {
				t.Errorf("verdict %q, want %q (%s)", got, tt.want, s)
			}
			for _, want := range tt.says {
				if !strings.Contains(s, want) {
					t.Errorf("sentence %q lacks %q", s, want)
				}
			}
		})
	}
}

// TestWithinEventsWritten checks that the table and CSV formats write the
// comparison within events, and that without it they write nothing of
// it (JSON leaves the field out).
func TestWithinEventsWritten(t *testing.T) {
	c, scores := withinFixture()
	c.Schema = StatsSchema
	for _, format := range ComparisonFormats {
		var buf bytes.Buffer
		if err := WriteComparison(&buf, c, format); err != nil {
			t.Fatal(err)
		}
		if s := buf.String(); strings.Contains(s, "WITHIN SHARED EVENTS") || strings.Contains(s, "within_") {
			t.Errorf("%s without events mentions them", format)
		}
	}
	c.CompareWithinEvents(scores, "3d", 0.2)
	for _, tt := range []struct {
		format string
		want   []string
	}{
		{"table", []string{"WITHIN SHARED EVENTS", "8 events reported by two or more outlets", "A  B  8       8       +0.15", "naming", "3 pairs tested; with Holm's adjustment over 3, the most significant needs at least 7 shared events", "3 pairs not tested: fewer than 6 events"}},
		{"csv", []string{"within_events,,,,,min_shared,6,", "within_pair,A,B,ax,,p_holm,0.0234375,", "within_pair,A,D,ax,,verdict,,too-few"}},
		{"json", []string{`"within_events": {`, `"verdict": "selection"`, `"min_shared": 6`}},
	} {
		t.Run(tt.format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteComparison(&buf, c, tt.format); err != nil {
				t.Fatal(err)
			}
			for _, want := range tt.want {
				if !strings.Contains(buf.String(), want) {
					t.Errorf("output lacks %q:\n%s", want, buf.String())
				}
			}
		})
	}
}
