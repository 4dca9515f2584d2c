package validate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/stats"
)

// The R 4.2.2 calls quoted beside reference values in these tests are
// collected, with the stats package's, in
// internal/stats/testdata/reference.R; the tests never run R.

const axis = "left-right"

// art returns an article of outlet with label and a score on the axis
// (n = 1 for evidence, 0 for none) using the given entries once each.
func art(id, outlet, label string, score float64, n int, uses ...string) Article {
	a := Article{ID: id, Outlet: outlet, Label: label, Stance: map[string]Stance{axis: {Score: score, N: n}}}
	if len(uses) > 0 {
		a.Uses = map[string]int{}
		for _, u := range uses {
			a.Uses[u]++
		}
	}
	return a
}

// x1, y1: the samples of stats' Mann-Whitney tests, divided by 4 to lie
// in [-1, 1] (exactly: the division by 4 is exact in binary, in Go as in R).
var (
	x1 = []float64{1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30}
	y1 = []float64{0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.07, 3.14, 1.28}
)

// pairCorpus gives right articles the scores x1/4 and left ones y1/4, one
// outlet per article, plus 3 right and 2 left articles without evidence.
func pairCorpus() []Article {
	var as []Article
	for i, v := range x1 {
		as = append(as, art(fmt.Sprint("r", i), fmt.Sprint("R", i), "right", v/4, 1))
	}
	for i, v := range y1 {
		as = append(as, art(fmt.Sprint("l", i), fmt.Sprint("L", i), "left", v/4, 1))
	}
	for i := range 3 {
		as = append(as, art(fmt.Sprint("r0", i), fmt.Sprint("R", i), "right", 0, 0))
	}
	for i := range 2 {
		as = append(as, art(fmt.Sprint("l0", i), fmt.Sprint("L", i), "left", 0, 0))
	}
	return as
}

func TestMeasureArticleAUC(t *testing.T) {
	opt := DefaultOptions()
	opt.Order = []string{"left", "right"}
	res, err := Measure(Input{Articles: pairCorpus()}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Axes) != 1 || res.Axes[0].Axis != axis {
		t.Fatalf("axes %+v, want one, %s", res.Axes, axis)
	}
	ar := res.Axes[0]
	if len(ar.ArticleAUC) != 1 {
		t.Fatalf("%d pairs, want 1", len(ar.ArticleAUC))
	}
	p := ar.ArticleAUC[0]
	if p.Higher != "right" || p.Lower != "left" {
		t.Errorf("pair %s > %s, want right > left", p.Higher, p.Lower)
	}
	// R 4.2.2, x1 and y1 divided by 4:
	//   hi <- c(x1, 0, 0, 0); lo <- c(y1, 0, 0)
	//   wilcox.test(hi, lo)$statistic / (length(hi) * length(lo))  # 0.59848484848484851
	//   wilcox.test(x1, y1)$statistic / 81                          # 0.71604938271604934
	tests := []struct {
		name   string
		got    AUCEstimate
		nh, nl int
		want   float64
		key    string
		hi, lo []float64
	}{
		{"all articles", p.All, 12, 11, 0.59848484848484851, "auc/article/all/left-right/right>left", append(quarter(x1), 0, 0, 0), append(quarter(y1), 0, 0)},
		{"with evidence", p.WithEvidence, 9, 9, 0.71604938271604934, "auc/article/evidence/left-right/right>left", quarter(x1), quarter(y1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got.NHigher != tt.nh || tt.got.NLower != tt.nl {
				t.Errorf("n = %d, %d, want %d, %d", tt.got.NHigher, tt.got.NLower, tt.nh, tt.nl)
			}
			if math.Abs(tt.got.AUC-tt.want) > 1e-12 {
				t.Errorf("AUC %.17g, want %.17g", tt.got.AUC, tt.want)
			}
			// The interval is the stats bootstrap with the seed derived
			// from the documented key.
			lo, hi := stats.AUCBootstrapCI(tt.hi, tt.lo, opt.Resamples, opt.Level, stats.DeriveSeed(opt.Seed, tt.key))
			if tt.got.Lo != lo || tt.got.Hi != hi {
				t.Errorf("interval [%v, %v], want [%v, %v]", tt.got.Lo, tt.got.Hi, lo, hi)
			}
		})
	}
	// Coverage: 18 of 23 articles have evidence; 9 of 12 right, 9 of 11 left.
	cov := ar.Coverage
	if cov.Articles != 23 || cov.WithEvidence != 18 || cov.Share != 18.0/23 {
		t.Errorf("coverage %+v, want 18 of 23", cov)
	}
	wantBy := []LabelCoverage{{"left", 11, 9, 9.0 / 11}, {"right", 12, 9, 9.0 / 12}}
	if !reflect.DeepEqual(cov.ByLabel, wantBy) {
		t.Errorf("coverage by label %+v, want %+v", cov.ByLabel, wantBy)
	}
	// Outlets R0–R2 and L0–L1 have two articles, the others one: with the
	// default minimum of 3 articles no outlet enters the outlet level.
	if o := ar.OutletAUC[0].All; o.NHigher != 0 || o.NLower != 0 || !math.IsNaN(o.AUC) || !math.IsNaN(o.Lo) {
		t.Errorf("outlet AUC %+v, want no outlets and NaN", o)
	}
}

// render prints a result with its Spearman correlations, not their
// addresses, for comparing results that may hold NaN.
func render(r *Result) string {
	var b strings.Builder
	c := *r
	c.Axes = nil
	fmt.Fprintf(&b, "%+v\n", c)
	for _, a := range r.Axes {
		sp := a.Spearman
		a.Spearman = nil
		fmt.Fprintf(&b, "%+v\n", a)
		if sp != nil {
			fmt.Fprintf(&b, "%+v\n", *sp)
		}
	}
	return b.String()
}

func quarter(x []float64) []float64 {
	q := make([]float64, len(x))
	for i, v := range x {
		q[i] = v / 4
	}
	return q
}

func TestMeasureDeterministic(t *testing.T) {
	as := pairCorpus()
	opt := DefaultOptions()
	opt.Order = []string{"left", "right"}
	opt.MinOutletArticles = 1
	first, err := Measure(Input{Articles: as}, opt)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3 {
		shuffled := slices.Clone(as)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		again, err := Measure(Input{Articles: shuffled}, opt)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := render(again), render(first); got != want {
			t.Fatalf("shuffled input changed the result:\n%s\nwant\n%s", got, want)
		}
	}
	opt.Seed = 2
	other, err := Measure(Input{Articles: as}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := other.Axes[0].ArticleAUC[0].All, first.Axes[0].ArticleAUC[0].All; a.AUC != b.AUC || (a.Lo == b.Lo && a.Hi == b.Hi) {
		t.Errorf("seed 2 gave %+v, seed 1 %+v: want the same AUC and another interval", a, b)
	}
}

// outletCorpus builds twelve outlets of four articles each whose means
// are m3 and whose labels have the ranks rank3 (1 left, 2 center,
// 3 right); one article of each has no evidence.
func outletCorpus() []Article {
	rank3 := []int{1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3}
	m3 := []float64{-0.21, -0.05, -0.12, 0.02, -0.03, 0.04, 0.01, 0.11, 0.07, -0.02, 0.19, 0.08}
	labels := []string{"", "left", "center", "right"}
	var as []Article
	for i, m := range m3 {
		o := fmt.Sprintf("outlet-%02d", i)
		l := labels[rank3[i]]
		// Scores 4m/3 three times and 0 without evidence: the mean over
		// all articles is m, over those with evidence 4m/3.
		as = append(as,
			art(o+"/a", o, l, 4*m/3, 2),
			art(o+"/b", o, l, 0, 0),
			art(o+"/c", o, l, 4*m/3, 1),
			art(o+"/d", o, l, 4*m/3, 3))
	}
	return as
}

func TestMeasureOutletLevel(t *testing.T) {
	opt := DefaultOptions()
	opt.Order = []string{"left", "center", "right"}
	res, err := Measure(Input{Articles: outletCorpus()}, opt)
	if err != nil {
		t.Fatal(err)
	}
	ar := res.Axes[0]
	var pairs []string
	for _, p := range ar.OutletAUC {
		pairs = append(pairs, p.Higher+">"+p.Lower)
	}
	if want := []string{"right>left", "right>center", "center>left"}; !slices.Equal(pairs, want) {
		t.Errorf("pairs %v, want %v", pairs, want)
	}
	// Outlet means: left −0.21 −0.05 −0.12 0.02; center −0.03 0.04 0.01;
	// right 0.11 0.07 −0.02 0.19 0.08. Counted by hand, no ties:
	// right > left 19 of 20 pairs (−0.02 loses to 0.02); right > center
	// 13 of 15 (−0.02 beats only −0.03); center > left 10 of 12 (−0.03
	// and 0.01 lose to 0.02).
	want := map[string]float64{"right>left": 19.0 / 20, "right>center": 13.0 / 15, "center>left": 10.0 / 12}
	for _, p := range ar.OutletAUC {
		k := p.Higher + ">" + p.Lower
		for _, e := range []AUCEstimate{p.All, p.WithEvidence} {
			if math.Abs(e.AUC-want[k]) > 1e-12 {
				t.Errorf("%s: outlet AUC %v, want %v", k, e.AUC, want[k])
			}
			if !(e.Lo <= e.AUC && e.AUC <= e.Hi) {
				t.Errorf("%s: interval [%v, %v] does not contain %v", k, e.Lo, e.Hi, e.AUC)
			}
		}
	}
	// R 4.2.2 (see stats.TestSpearmanTest):
	//   cor.test(rank3, m3, method = "spearman", exact = FALSE)
	// gives rho 0.77105801956173792, p 0.0033232070493004772, and the
	// Bonett–Wright interval [0.27180788379538756, 0.94328507676270534].
	// The means with evidence are 4/3 of those over all articles: the
	// same ranks, the same rho.
	for name, s := range map[string]stats.SpearmanResult{"all": ar.Spearman.All, "evidence": ar.Spearman.WithEvidence} {
		if s.N != 12 || math.Abs(s.Rho-0.77105801956173792) > 1e-12 || math.Abs(s.P-0.0033232070493004772) > 1e-12 ||
			math.Abs(s.Lo-0.27180788379538756) > 1e-12 || math.Abs(s.Hi-0.94328507676270534) > 1e-12 {
			t.Errorf("%s: Spearman %+v, want n 12, rho 0.7711, p 0.00332, [0.2718, 0.9433]", name, s)
		}
	}
	if len(res.Notes) == 0 || !strings.Contains(res.Notes[0], "4 left, 3 center, 5 right") {
		t.Errorf("notes %q: want the first to count the outlets per label", res.Notes)
	}
}

func TestMeasureMixedOutlets(t *testing.T) {
	as := []Article{
		// ProPublica-like: more center than left articles.
		art("p1", "Mixed", "center", 0.1, 1), art("p2", "Mixed", "center", 0, 0), art("p3", "Mixed", "left", -0.2, 1),
		art("t1", "Tied", "center", 0.1, 1), art("t2", "Tied", "left", 0.3, 1),
		art("c1", "Pure", "left", -0.5, 1),
		art("u1", "Pure", "", 0.9, 1),
	}
	opt := DefaultOptions()
	opt.Order = []string{"left", "center"}
	opt.MinOutletArticles = 1
	res, err := Measure(Input{Articles: as}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Unlabelled != 1 || res.Articles != 6 || !slices.Equal(res.ByLabel, []int{3, 3}) {
		t.Errorf("articles %d (by label %v), unlabelled %d; want 6 (3, 3), 1", res.Articles, res.ByLabel, res.Unlabelled)
	}
	want := []OutletLabel{
		{Outlet: "Mixed", Label: "center", Articles: 3, ByLabel: []int{1, 2}},
		{Outlet: "Pure", Label: "left", Articles: 1, ByLabel: []int{1, 0}},
		{Outlet: "Tied", Label: "", Articles: 2, ByLabel: []int{1, 1}},
	}
	if !reflect.DeepEqual(res.Outlets, want) {
		t.Errorf("outlets %+v, want %+v", res.Outlets, want)
	}
	wantWarnings := []string{
		`outlet "Mixed" has articles of several labels (1 left, 2 center): counted as "center" at outlet level, each article with its own label at article level`,
		`outlet "Tied" has articles of several labels (1 left, 1 center) and no majority: left out of the outlet-level statistics`,
	}
	if !slices.Equal(res.Warnings, wantWarnings) {
		t.Errorf("warnings\n%q\nwant\n%q", res.Warnings, wantWarnings)
	}
	// Outlet level: Mixed (center, mean −0.1/3) against Pure (left, −0.5);
	// Tied is left out.
	if o := res.Axes[0].OutletAUC[0].All; o.NHigher != 1 || o.NLower != 1 || o.AUC != 1 {
		t.Errorf("outlet AUC %+v, want 1 center outlet above 1 left outlet", o)
	}
	// Article level uses each article's own label: center 0.1, 0, 0.1
	// against left −0.2, 0.3, −0.5: 6 wins and 0 ties of 9.
	if a := res.Axes[0].ArticleAUC[0].All; a.NHigher != 3 || a.NLower != 3 || math.Abs(a.AUC-6.0/9) > 1e-15 {
		t.Errorf("article AUC %+v, want 6/9 over 3 and 3", a)
	}
}

func TestMeasureCategorical(t *testing.T) {
	as := []Article{
		art("1", "A", "wire", 0, 1), art("2", "B", "state", 0.8, 1), art("3", "C", "opposition", -0.7, 1),
		art("4", "D", "state", 0.4, 1), art("5", "E", "opposition", -0.1, 1), art("6", "F", "wire", 0.1, 1),
	}
	opt := DefaultOptions()
	res, err := Measure(Input{Articles: as}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Ordinal || !slices.Equal(res.Labels, []string{"opposition", "state", "wire"}) {
		t.Errorf("labels %v (ordinal %v), want sorted and categorical", res.Labels, res.Ordinal)
	}
	var got []string
	for _, p := range res.Axes[0].ArticleAUC {
		got = append(got, fmt.Sprintf("%s>%s %.2f", p.Higher, p.Lower, p.All.AUC))
	}
	want := []string{"opposition>state 0.00", "opposition>wire 0.00", "state>wire 1.00"}
	if !slices.Equal(got, want) {
		t.Errorf("pairs %v, want %v", got, want)
	}
	if res.Axes[0].Spearman != nil {
		t.Errorf("categorical labels got a Spearman correlation")
	}
}

func TestMeasureErrors(t *testing.T) {
	two := []Article{art("1", "A", "left", 0, 0), art("2", "B", "right", 0, 0)}
	tests := []struct {
		name     string
		articles []Article
		edit     func(*Options)
		want     string
	}{
		{"label not in order", append(two, art("3", "C", "centre", 0, 0)), func(o *Options) { o.Order = []string{"left", "center", "right"} },
			`article "3" of "C": label "centre" is not in the order (left, center, right)`},
		{"one label", []Article{art("1", "A", "left", 0, 0), art("2", "B", "", 0, 0)}, nil,
			`validation needs articles of at least two labels; found 1 labelled articles with only the label "left" and 1 unlabelled`},
		{"no labels", []Article{art("1", "A", "", 0, 0)}, nil,
			"validation needs articles of at least two labels; found 0 labelled articles with no label and 1 unlabelled"},
		{"order repeats", two, func(o *Options) { o.Order = []string{"left", "right", "left"} }, `order: label "left" is given twice`},
		{"order of one", two, func(o *Options) { o.Order = []string{"left"} }, "an order needs at least two labels"},
		{"negative resamples", two, func(o *Options) { o.Resamples = -1 }, "resamples must be 0 or more, not -1"},
		{"zero options", two, func(o *Options) { *o = Options{} }, "confidence level must be between 0 and 1, not 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := DefaultOptions()
			if tt.edit != nil {
				tt.edit(&opt)
			}
			_, err := Measure(Input{Articles: tt.articles}, opt)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestMeasureEmptyLabelAndNoResamples(t *testing.T) {
	opt := DefaultOptions()
	opt.Order = []string{"left", "center", "right"}
	opt.Resamples = 0
	res, err := Measure(Input{Articles: pairCorpus()}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if want := `no articles labelled "center": its comparisons are empty`; !slices.Contains(res.Warnings, want) {
		t.Errorf("warnings %q lack %q", res.Warnings, want)
	}
	for _, p := range res.Axes[0].ArticleAUC {
		e := p.All
		empty := p.Higher == "center" || p.Lower == "center"
		if empty != math.IsNaN(e.AUC) {
			t.Errorf("%s > %s: AUC %v", p.Higher, p.Lower, e.AUC)
		}
		if !math.IsNaN(e.Lo) || !math.IsNaN(e.Hi) {
			t.Errorf("%s > %s: interval [%v, %v] without resamples", p.Higher, p.Lower, e.Lo, e.Hi)
		}
	}
}

// TestMeasureLabelCase: labels written in several cases are one label,
// spelled as the order spells it (else as most articles do), with a
// warning naming the spellings; the numbers equal those of labels written
// one way.
func TestMeasureLabelCase(t *testing.T) {
	tests := []struct {
		name   string
		order  []string
		labels map[string]string // as written → as the pair corpus writes it
		want   []string
		warn   []string
	}{
		{"ordinal", []string{"Left", "right"}, map[string]string{"left": "left", "right": "RIGHT"}, []string{"Left", "right"}, []string{
			`the label is written "left" (11 articles): counted as one label, "Left" (labels compare ignoring case)`,
			`the label is written "RIGHT" (12 articles): counted as one label, "right" (labels compare ignoring case)`,
		}},
		{"categorical, most articles win", nil, map[string]string{"left": "Left", "right": "right"}, []string{"Left", "right"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as := pairCorpus()
			for i := range as {
				as[i].Label = tt.labels[as[i].Label]
			}
			opt := DefaultOptions()
			opt.Order = tt.order
			res, err := Measure(Input{Articles: as}, opt)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Labels, tt.want) || !slices.Equal(res.Warnings, tt.warn) {
				t.Errorf("labels %q, warnings %q; want %q, %q", res.Labels, res.Warnings, tt.want, tt.warn)
			}
			if got := res.Axes[0].ArticleAUC[0].All.AUC; tt.order != nil && math.Abs(got-0.59848484848484851) > 1e-12 {
				t.Errorf("AUC %v, want that of TestMeasureArticleAUC", got)
			}
		})
	}
	// Two spellings of one label in the data.
	as := pairCorpus()
	as[0].Label = "Right"
	opt := DefaultOptions()
	opt.Order = []string{"left", "right"}
	res, err := Measure(Input{Articles: as}, opt)
	if err != nil {
		t.Fatal(err)
	}
	want := `the label is written "Right" (1 article), "right" (11 articles): counted as one label, "right" (labels compare ignoring case)`
	if !slices.Equal(res.Warnings, []string{want}) || res.ByLabel[1] != 12 {
		t.Errorf("warnings %q, by label %v; want %q, 12 right", res.Warnings, res.ByLabel, want)
	}
}
