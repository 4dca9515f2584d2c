package validate

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

// entryCorpus has 150 left, 10 center and 120 right articles, each using
// entries as follows (author voice):
//
//	r-word   lean +1: 30 right articles (5 of them twice), 10 left
//	misused  lean −1: the same articles as r-word
//	rare     lean +1: 2 right, 1 left
//	even     lean +0.5: 12 right, 15 left (the same share, 10%)
//	neutral  lean 0: 20 right, 40 left
//	unused   lean +1: none
//	other    no lean on left-right
func entryCorpus() ([]Article, []Entry) {
	var as []Article
	add := func(label string, n int, uses func(i int) []string) {
		for i := range n {
			as = append(as, art(fmt.Sprintf("%s-%03d", label, i), fmt.Sprintf("%s-outlet-%d", label, i%4), label, 0.1, 1, uses(i)...))
		}
	}
	add("right", 120, func(i int) []string {
		var u []string
		if i < 30 {
			u = append(u, "r-word", "misused")
		}
		if i < 5 {
			u = append(u, "r-word", "misused")
		}
		if i >= 100 && i < 102 {
			u = append(u, "rare")
		}
		if i >= 30 && i < 42 {
			u = append(u, "even")
		}
		if i < 5 {
			for range 8 {
				u = append(u, "repeated")
			}
		}
		if i >= 50 && i < 70 {
			u = append(u, "neutral", "other")
		}
		return u
	})
	add("left", 150, func(i int) []string {
		var u []string
		if i < 10 {
			u = append(u, "r-word", "misused")
		}
		if i == 140 {
			u = append(u, "rare")
		}
		if i >= 20 && i < 35 {
			u = append(u, "even")
		}
		if i >= 50 && i < 90 {
			u = append(u, "neutral")
		}
		if i >= 100 && i < 130 {
			u = append(u, "repeated")
		}
		return u
	})
	add("center", 10, func(int) []string { return nil })
	entries := []Entry{
		{ID: "neutral", Lean: map[string]float64{axis: 0}},
		{ID: "repeated", Lean: map[string]float64{axis: 0}},
		{ID: "r-word", Lean: map[string]float64{axis: 1}},
		{ID: "misused", Lean: map[string]float64{axis: -1}},
		{ID: "rare", Lean: map[string]float64{axis: 1}},
		{ID: "even", Lean: map[string]float64{axis: 0.5}},
		{ID: "unused", Lean: map[string]float64{axis: 1}},
		{ID: "other", Lean: map[string]float64{"other": 1}},
	}
	return as, entries
}

func TestEntryDiagnostics(t *testing.T) {
	as, entries := entryCorpus()
	opt := DefaultOptions()
	opt.Order = []string{"left", "center", "right"}
	res, err := Measure(Input{Axes: []string{axis}, Entries: entries, Articles: as}, opt)
	if err != nil {
		t.Fatal(err)
	}
	diags := res.Axes[0].Entries
	var order []string
	verdicts := map[string]EntryDiagnostic{}
	for _, d := range diags {
		order = append(order, d.Entry)
		verdicts[d.Entry] = d
	}
	// Against its lean first; then no signal, most used first; then
	// with its lean; neutral entries last. "other" does not bear on the axis.
	if want := []string{"misused", "even", "rare", "unused", "r-word", "repeated", "neutral"}; !slices.Equal(order, want) {
		t.Fatalf("entries in order %v, want %v", order, want)
	}
	// AUC and p from R 4.2.2, wilcox.test(hi, lo) with hi and lo the uses
	// per article, W / (length(hi) * length(lo)) and p.value:
	//   r-word, misused: hi <- c(rep(2, 5), rep(1, 25), rep(0, 90)); lo <- c(rep(1, 10), rep(0, 140))
	//     0.59305555555555556, 2.0227988578488735e-05
	//   neutral: c(rep(1, 20), rep(0, 100)) against c(rep(1, 40), rep(0, 110))
	//     0.45000000000000001, 0.050085669242870369 (not below 0.05)
	//   even: c(rep(1, 12), rep(0, 108)) against c(rep(1, 15), rep(0, 135)): 0.5, 1
	//   repeated: c(rep(8, 5), rep(0, 115)) against c(rep(1, 30), rep(0, 120))
	//     0.42499999999999999, 0.00027926783105734488
	tests := []struct {
		entry   string
		verdict Verdict
		reason  string
	}{
		{"misused", AgainstLean, "leans -1 toward left, but used more by right: 291.7 uses per 1,000 articles against 66.7 by left (p < 0.001)"},
		{"even", NoSignal, "no reliable difference between right and left (p = 1.000)"},
		{"rare", NoSignal, "used in 3 articles of right and left; needs 5"},
		{"unused", NoSignal, "used in 0 articles of right and left; needs 5"},
		{"r-word", WithLean, "leans +1; used more by right: 291.7 uses per 1,000 articles against 66.7 by left (p < 0.001)"},
		{"neutral", Neutral, "no lean on the axis; used more by left: 266.7 uses per 1,000 articles against 166.7 by right (p = 0.050)"},
		// Fewer right articles use it, but many times: the test counts
		// articles, and the reason says both.
		{"repeated", Neutral, "no lean on the axis; used in more articles by left: 20.0% of its articles against 4.2% by right, though the articles of right use it more often (333.3 uses per 1,000 articles against 200.0) (p < 0.001)"},
	}
	for _, tt := range tests {
		t.Run(tt.entry, func(t *testing.T) {
			d := verdicts[tt.entry]
			if d.Verdict != tt.verdict || d.Reason != tt.reason {
				t.Errorf("verdict %q (%s), want %q (%s)", d.Verdict, d.Reason, tt.verdict, tt.reason)
			}
		})
	}
	// r-word: 35 uses in 30 of the 120 right articles, 10 in 10 of 150 left.
	d := verdicts["r-word"]
	wantUses := []LabelUses{{"left", 10, 10, 1000 * 10.0 / 150}, {"center", 0, 0, 0}, {"right", 35, 30, 1000 * 35.0 / 120}}
	if !slices.Equal(d.Uses, wantUses) {
		t.Errorf("uses %+v, want %+v", d.Uses, wantUses)
	}
	c := d.Contrasts[0]
	if c.Higher != "right" || c.Lower != "left" || math.Abs(c.AUC-0.59305555555555556) > 1e-12 || math.Abs(c.P-2.0227988578488735e-05) > 1e-9*2.0227988578488735e-05 {
		t.Errorf("contrast %+v, want right against left, AUC 0.59306, p 2.0228e-05", c)
	}
	if c := verdicts["neutral"].Contrasts[0]; math.Abs(c.P-0.050085669242870369) > 1e-12 {
		t.Errorf("neutral: p %.17g, R 0.050085669242870369", c.P)
	}
	if len(d.Contrasts) != 3 || d.Contrasts[1].Lower != "center" || d.Contrasts[2].Higher != "center" {
		t.Errorf("contrasts %+v, want right>left, right>center, center>left", d.Contrasts)
	}
	// Nobody uses "unused": every article ties, and there is no p-value.
	if c := verdicts["unused"].Contrasts[0]; c.AUC != 0.5 || !math.IsNaN(c.P) {
		t.Errorf("unused entry: %+v, want AUC 0.5 and no p-value", c)
	}
}

func TestEntryDiagnosticsCategorical(t *testing.T) {
	as, entries := entryCorpus()
	res, err := Measure(Input{Axes: []string{axis}, Entries: entries, Articles: as}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range res.Axes[0].Entries {
		got[d.Entry] = string(d.Verdict) + ": " + d.Reason
	}
	// Labels sorted: center, left, right. Without an order no lean is
	// judged: r-word and misused separate right from left alike.
	want := map[string]string{
		"r-word":  "separates labels: used more by right: 291.7 uses per 1,000 articles against 66.7 by left (p < 0.001)",
		"misused": "separates labels: used more by right: 291.7 uses per 1,000 articles against 66.7 by left (p < 0.001)",
		"even":    "no signal: no pair of labels differs reliably in its use (p ≥ 0.05, or fewer than 5 articles)",
	}
	for e, w := range want {
		if got[e] != w {
			t.Errorf("%s: %q, want %q", e, got[e], w)
		}
	}
}
