package aggregate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/compare-tool/compare/internal/dates"
	"github.com/compare-tool/compare/internal/record"
)

// TestJSONStreamedAsWhole checks that the JSON written a piece at a time
// (writeComparisonJSON) is byte for byte encoding/json's encoding of the
// whole Comparison, on the hand records, on records with trends and a
// baseline, and on 3,000 outlets of one or two articles each, whose
// naming lists every outlet for every entry (without distinctive terms,
// whose ranking of a thousand outlets would take the test seconds).
func TestJSONStreamedAsWhole(t *testing.T) {
	many := spreadOver(syntheticRecords(4_000), 3_000)
	withBaseline := func() *Comparison {
		batch, base := baselineAggregators(DefaultOptions())
		c, err := batch.ResultAgainst(base)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	for _, tc := range []struct {
		name string
		c    func() *Comparison
	}{
		{"hand", func() *Comparison { return aggregate(t, readRecordsFile(t, handFile), DefaultOptions()) }},
		{"hand by group", func() *Comparison {
			return aggregate(t, readRecordsFile(t, handFile), options(func(o *Options) { o.By = "group" }))
		}},
		{"trends", func() *Comparison {
			return aggregate(t, trendRecords(), options(func(o *Options) { o.Period = dates.Month }))
		}},
		{"baseline", withBaseline},
		{"empty", func() *Comparison { return New(DefaultOptions()).Result() }},
		{"3000 outlets by month", func() *Comparison {
			return aggregate(t, many, options(func(o *Options) { o.Period = dates.Month; o.Bootstrap = 50; o.Top = 0 }))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c()
			var whole bytes.Buffer
			enc := json.NewEncoder(&whole)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(c); err != nil {
				t.Fatal(err)
			}
			got := comparisonJSON(t, c)
			if !bytes.Equal(got, whole.Bytes()) {
				t.Fatalf("streamed JSON (%d bytes) differs from the whole encoding (%d bytes) at %s", len(got), whole.Len(), firstDiff(got, whole.Bytes()))
			}
			if tc.name != "empty" && len(c.Units) == 0 {
				t.Error("no units: the case tests nothing")
			}
		})
	}
}

// TestSummariesJSON checks that Summaries read and write as the map of
// their summaries by id, keys in order and strings as written.
func TestSummariesJSON(t *testing.T) {
	one := 0.5
	m := map[string]Summary{"b<&>": {N: 1, Mean: &one}, "a": {N: 0}}
	s := NewSummaries(m)
	want, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Summaries as JSON\n got %s\nwant %s", got, want)
	}
	var back Summaries
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	if back.Len() != 2 || back.Get("b<&>").N != 1 || *back.Get("b<&>").Mean != 0.5 || back.Get("missing").N != 0 {
		t.Errorf("read back %+v", back)
	}
}

// TestCompactLayout checks what the Aggregator keeps of each unit, in
// slices indexed by name, against the records counted by hand: groups,
// voices, per-article values of axes and targets, and each form's uses.
func TestCompactLayout(t *testing.T) {
	lex := record.LexiconRef{Name: "l", SHA256: "h"}
	f := func(v float64) *float64 { return &v }
	rec := func(outlet, group string, voices map[record.Voice]int, stance map[string]record.AxisScore, targets map[string]record.TargetScore, matches ...record.MatchRecord) *record.Record {
		return &record.Record{ID: fmt.Sprint(len(outlet), len(matches), len(stance), len(targets), group), Outlet: outlet, Group: group, Lexicon: lex, Tokens: 100,
			LoadedByVoice: voices, Stance: stance, Targets: targets, Matches: matches}
	}
	m := func(entry, text string, v record.Voice) record.MatchRecord {
		return record.MatchRecord{Entry: entry, Text: text, Target: "t1", Voice: v, Valence: -1, Loaded: true}
	}
	recs := []*record.Record{
		// x: two articles in group g2, one in g1; y: one article naming
		// only t2, with an axis y alone has.
		rec("x", "g2", map[record.Voice]int{record.Author: 2, record.Quote: 1}, map[string]record.AxisScore{"a1": {Score: 0.5, N: 2}},
			map[string]record.TargetScore{"t1": {Framing: f(-1)}, "t2": {}}, m("e1", "Foo", record.Author), m("e1", "foo", record.Author), m("e2", "bar", record.Quote)),
		rec("x", "g1", map[record.Voice]int{record.Author: 1}, map[string]record.AxisScore{"a1": {N: 0}},
			map[string]record.TargetScore{"t1": {Framing: f(0.5)}}, m("e1", "Foo", record.Author)),
		rec("x", "g2", nil, map[string]record.AxisScore{"a1": {Score: -0.25, N: 1}}, nil),
		rec("y", "g1", map[record.Voice]int{record.Distanced: 3}, map[string]record.AxisScore{"a2": {Score: 1, N: 1}},
			map[string]record.TargetScore{"t2": {Framing: f(0.25)}}, m("e2", "bar", record.Distanced), m("e2", "bar", record.Author)),
	}
	agg := New(DefaultOptions())
	for _, r := range recs {
		if err := agg.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	type uses map[formUse]int
	for _, tc := range []struct {
		unit           string
		group          string
		groups         []string
		voice          map[record.Voice]int
		a1, a2, t1, t2 []float64
		forms          uses
		author         map[string]int
	}{
		{unit: "x", group: "g2", groups: []string{"g1", "g2"}, voice: map[record.Voice]int{record.Author: 3, record.Quote: 1},
			a1: []float64{0.5, -0.25}, t1: []float64{-1, 0.5},
			forms:  uses{{"e1", record.Author, "Foo"}: 2, {"e1", record.Author, "foo"}: 1, {"e2", record.Quote, "bar"}: 1},
			author: map[string]int{"e1": 3}},
		{unit: "y", group: "g1", groups: []string{"g1"}, voice: map[record.Voice]int{record.Distanced: 3},
			a2: []float64{1}, t2: []float64{0.25},
			forms:  uses{{"e2", record.Distanced, "bar"}: 1, {"e2", record.Author, "bar"}: 1},
			author: map[string]int{"e2": 1}},
	} {
		t.Run(tc.unit, func(t *testing.T) {
			u := agg.units[tc.unit]
			if g := agg.mainGroup(u); g != tc.group {
				t.Errorf("main group %q, want %q", g, tc.group)
			}
			if gs := agg.groupsOf(u); fmt.Sprint(gs) != fmt.Sprint(tc.groups) {
				t.Errorf("groups %v, want %v", gs, tc.groups)
			}
			for _, v := range record.Voices {
				got := 0
				if i, ok := agg.voices.index[v]; ok && i < len(u.voice) {
					got = u.voice[i]
				}
				if got != tc.voice[v] {
					t.Errorf("voice %s: %d, want %d", v, got, tc.voice[v])
				}
			}
			for _, c := range []struct {
				name      string
				got, want []float64
			}{
				{"a1", agg.axes.at(u.axes, "a1"), tc.a1}, {"a2", agg.axes.at(u.axes, "a2"), tc.a2},
				{"t1", agg.targets.at(u.targets, "t1"), tc.t1}, {"t2", agg.targets.at(u.targets, "t2"), tc.t2},
				{"unknown", agg.axes.at(u.axes, "a9"), nil},
			} {
				if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
					t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
				}
			}
			got := uses{}
			for _, fc := range u.forms {
				got[agg.forms[fc.form]] += int(fc.n)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.forms) {
				t.Errorf("forms %v, want %v", got, tc.forms)
			}
			if a := agg.authorUses(u); fmt.Sprint(a) != fmt.Sprint(tc.author) {
				t.Errorf("author uses %v, want %v", a, tc.author)
			}
		})
	}
	// Adding after Result counts on from what Result read.
	_ = agg.Result()
	if err := agg.Add(rec("y", "g1", nil, nil, nil, m("e2", "bar", record.Author))); err != nil {
		t.Fatal(err)
	}
	if a := agg.authorUses(agg.units["y"]); a["e2"] != 2 {
		t.Errorf("after another record, y's author uses of e2: %d, want 2", a["e2"])
	}
}

// TestExcludedShared checks the families' lists of units left out: the
// units with too few articles in every family (one map, shared), and a
// unit without values on one family in that family's alone.
func TestExcludedShared(t *testing.T) {
	var recs []*record.Record
	for i, o := range []string{"a", "a", "a", "b", "b", "b", "c", "d", "d", "d"} {
		r := datedRecord(o, fmt.Sprint(i), "", float64(i%4)/4)
		r.Targets = map[string]record.TargetScore{"t": {}}
		if o != "b" {
			f := float64(i%3) / 3
			r.Targets["t"] = record.TargetScore{Framing: &f}
		}
		recs = append(recs, r)
	}
	c := aggregate(t, recs, DefaultOptions())
	for _, tc := range []struct {
		name string
		got  map[string]string
		want string
	}{
		{"axis x", c.Tests[0].Excluded, "map[c:1 article; tests need at least 3]"},
		{"target t", c.TargetTests[0].Excluded, "map[b:0 of 3 articles have a framing of t; tests need at least 3 c:1 article; tests need at least 3]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fmt.Sprint(tc.got); got != tc.want {
				t.Errorf("excluded %s, want %s", got, tc.want)
			}
		})
	}
}

// TestListUnits checks that the units past Options.ListUnits keep their
// names, counts and axes but no other summary, that the naming holds the
// listed units' uses only, its labels in the same order and its Users
// still counting every unit, and that nothing else in the comparison
// changes: tests, notes (which look at every unit's sample sizes) and the
// listed units themselves.
func TestListUnits(t *testing.T) {
	recs := readRecordsFile(t, handFile)
	all := aggregate(t, recs, DefaultOptions())
	some := aggregate(t, recs, options(func(o *Options) { o.ListUnits = 1 }))
	asJSON := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"listed unit", some.Units[0], all.Units[0]},
		{"tests", some.Tests, all.Tests},
		{"target tests", some.TargetTests, all.TargetTests},
		{"naming", some.Naming, namingOf(all.Naming, all.Units[0].Name)},
		{"naming users", namingUsers(some.Naming), namingUsers(all.Naming)},
		// The hand file's four units all name both targets.
		{"naming users of all", namingUsers(all.Naming), map[string]int{"iran-gov": 4, "syria-opposition": 4}},
		{"notes", some.Notes, all.Notes},
		{"map", some.Map, all.Map},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if g, w := asJSON(tc.got), asJSON(tc.want); g != w {
				t.Errorf("with ListUnits 1:\n%s\nwithout:\n%s", g, w)
			}
		})
	}
	if len(some.Units) < 2 {
		t.Fatal("one unit: nothing past ListUnits")
	}
	for i, u := range some.Units[1:] {
		w := all.Units[i+1]
		t.Run(u.Name, func(t *testing.T) {
			if u.Name != w.Name || u.Articles != w.Articles || u.Tokens != w.Tokens || u.Tested != w.Tested || u.Excluded != w.Excluded ||
				asJSON(u.Axes) != asJSON(w.Axes) {
				t.Errorf("past ListUnits: %+v, want the names, counts and axes of %+v", u, w)
			}
			if u.Targets.Len() != 0 || u.VoiceShare != nil || u.Credibility != nil || u.LoadedPer1k.N != 0 {
				t.Errorf("past ListUnits, summaries kept: targets %d, voices %v, credibility %v, loaded n %d", u.Targets.Len(), u.VoiceShare, u.Credibility, u.LoadedPer1k.N)
			}
		})
	}
}

// namingOf returns ns with the uses of the named unit only.
func namingOf(ns []Naming, unit string) []Naming {
	only := func(m map[string][]FormCount) map[string][]FormCount {
		if fs, ok := m[unit]; ok {
			return map[string][]FormCount{unit: fs}
		}
		return nil
	}
	var out []Naming
	for _, n := range ns {
		refs := n.References
		n.References = map[string]int{}
		if k, ok := refs[unit]; ok {
			n.References[unit] = k
		}
		n.Labels = slices.Clone(n.Labels)
		for i := range n.Labels {
			l := &n.Labels[i]
			counts, forms := l.Counts, l.Forms
			l.Counts, l.Forms = map[string]int{}, map[string][]FormCount{}
			if k, ok := counts[unit]; ok {
				l.Counts[unit] = k
			}
			if fs, ok := forms[unit]; ok {
				l.Forms[unit] = fs
			}
			l.Quoted, l.Distanced = only(l.Quoted), only(l.Distanced)
		}
		out = append(out, n)
	}
	return out
}

// namingUsers returns each target's Users.
func namingUsers(ns []Naming) map[string]int {
	out := map[string]int{}
	for _, n := range ns {
		out[n.Target] = n.Users
	}
	return out
}
