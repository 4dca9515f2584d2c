package sameevent

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/dates"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

const axis = "tehran-damascus"

// match makes a match of a record.
func match(target, text, entry string, voice record.Voice, valence, contrib float64) record.MatchRecord {
	m := record.MatchRecord{Target: target, Text: text, Entry: entry, Voice: voice, Valence: valence, Category: "neutral"}
	if contrib != 0 {
		m.Contrib = map[string]float64{axis: contrib}
	}
	m.Loaded = record.IsLoaded(m.Valence, m.Contrib)
	return m
}

// rec makes a score record with one axis.
func rec(id, outlet, date string, score float64, n int, matches ...record.MatchRecord) *record.Record {
	return &record.Record{ID: id, Outlet: outlet, Date: date, Title: "Title of " + id, Source: id + ".txt",
		Stance: map[string]record.AxisScore{axis: {Score: score, N: n}}, Matches: matches}
}

func TestFromRecordForms(t *testing.T) {
	r := rec("a", "herald", "2016-05-07", 0.8, 4,
		match("iran-forces", "military\nadvisers", "advisers", record.Author, 0.6, 0.8),
		match("iran-forces", "military advisers", "advisers", record.Author, 0.6, 0.8),
		match("casualties", "martyrs", "martyr", record.Quote, 0.8, 0.6),
		match("iran-forces", "Revolutionary Guard", "irgc", record.Author, 0, 0),
		match("iran-forces", "mercenaries", "mercenaries", record.Distanced, -0.8, -0.8),
	)
	r.Group = "state media"
	a := FromRecord(r, "group")
	if a.Unit != "state media" || a.Outlet != "herald" || !a.Scored() || a.Stance[axis].N != 4 {
		t.Fatalf("article %+v", a)
	}
	var got []string
	for _, f := range a.Forms {
		got = append(got, f.Target+"|"+f.Text+"|"+string(f.Voice)+"|"+strings.Repeat("*", f.Count))
	}
	want := []string{
		"casualties|martyrs|quote|*",
		// A line break inside a term is written as a space, and the two
		// writings are one form.
		"iran-forces|military advisers|author|**",
		"iran-forces|Revolutionary Guard|author|*",
		"iran-forces|mercenaries|distanced|*",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("forms\n got %q\nwant %q", got, want)
	}
	if a.Forms[2].Loaded || !a.Forms[1].Loaded || a.Forms[1].Contrib[axis] != 0.8 {
		t.Errorf("loaded or contribution wrong: %+v", a.Forms)
	}
	// The forms own their contributions.
	r.Matches[0].Contrib[axis] = 0
	if a.Forms[1].Contrib[axis] != 0.8 {
		t.Error("a form shares its contribution map with the record")
	}
}

func testLexicon(t testing.TB) *lexicon.Lexicon {
	t.Helper()
	lex, err := lexicon.Load(lexicon.Default)
	if err != nil {
		t.Fatal(err)
	}
	return lex
}

// TestCompareTwoArticles is the classroom case: two articles of one event
// laid side by side.
func TestCompareTwoArticles(t *testing.T) {
	herald := FromRecord(rec("h", "tehran-herald", "2016-05-07", 0.8, 2,
		match("iran-forces", "military advisers", "advisers", record.Author, 0.6, 0.8),
		match("jihadists", "Takfiri terrorists", "takfiri", record.Author, -0.8, 0.8)), "outlet")
	exile := FromRecord(rec("e", "exile-monitor", "2016-05-09", -1, 1,
		match("iran-forces", "mercenaries", "mercenaries", record.Author, -0.8, -1)), "outlet")
	s := Compare([]Article{exile, herald}, testLexicon(t))
	if len(s.Units) != 2 || s.Units[0].Unit != "tehran-herald" || s.Units[1].Unit != "exile-monitor" {
		t.Fatalf("units %+v: want the highest stance first", s.Units)
	}
	if s.Units[0].Articles[0].Index != 1 || s.Units[1].Articles[0].Index != 0 {
		t.Errorf("article indexes %+v", s.Units)
	}
	if len(s.Axes) != 1 || s.Axes[0].ID != axis || s.Axes[0].Negative == "" {
		t.Errorf("axes %+v: want the lexicon's, with the meaning of their ends", s.Axes)
	}
	// Targets in the lexicon's order (iran-forces before jihadists), with
	// labels, one cell per unit in the units' order.
	if len(s.Targets) != 2 || s.Targets[0].Target != "iran-forces" || s.Targets[1].Target != "jihadists" || s.Targets[0].Label != "Iranian and Iran-backed forces in Syria" {
		t.Fatalf("targets %+v", s.Targets)
	}
	if c := s.Targets[0].Cells; c[0][0].Text != "military advisers" || c[1][0].Text != "mercenaries" {
		t.Errorf("iran-forces cells %+v", c)
	}
	if c := s.Targets[1].Cells; len(c[0]) != 1 || len(c[1]) != 0 {
		t.Errorf("jihadists cells %+v: the exile outlet does not name them", c)
	}
	spread, hi, lo, ok := s.Spread(axis)
	if !ok || math.Abs(spread-1.8) > 1e-12 || hi != "tehran-herald" || lo != "exile-monitor" {
		t.Errorf("spread %v %s %s %v, want 1.8 from exile-monitor to tehran-herald", spread, hi, lo, ok)
	}
}

func TestComparePools(t *testing.T) {
	a := rec("a1", "wire", "2016-05-07", 0.5, 2)
	a.Stance[axis] = record.AxisScore{Score: 0.5, N: 2, QuoteScore: 1, QuoteN: 1, DistancedN: 1}
	b := rec("a2", "wire", "2016-05-08", -1, 1)
	b.Stance[axis] = record.AxisScore{Score: -1, N: 1, QuoteScore: -0.5, QuoteN: 2}
	c := rec("b1", "herald", "2016-05-07", 0, 0) // no evidence: last
	d := rec("c1", "observer", "2016-05-07", -0.25, 4)
	arts := []Article{FromRecord(c, "outlet"), FromRecord(a, "outlet"), FromRecord(d, "outlet"), FromRecord(b, "outlet")}
	s := Compare(arts, nil)
	var order []string
	for _, u := range s.Units {
		order = append(order, u.Unit)
	}
	if want := []string{"wire", "observer", "herald"}; !reflect.DeepEqual(order, want) {
		t.Fatalf("units %v, want %v (by pooled stance, no evidence last)", order, want)
	}
	// Pooled: (0.5·2 − 1·1)/3 = 0; quotes (1·1 − 0.5·2)/3 = 0.
	got := s.Units[0].Stance[axis]
	if got.N != 3 || got.Score != 0 || got.QuoteN != 3 || got.QuoteScore != 0 || got.DistancedN != 1 || len(s.Units[0].Articles) != 2 {
		t.Errorf("pooled %+v", got)
	}
	if len(s.Axes) != 1 || s.Axes[0].ID != axis || s.Axes[0].Label != axis {
		t.Errorf("axes without a lexicon %+v", s.Axes)
	}
	if spread, _, _, ok := s.Spread(axis); !ok || spread != 0.25 {
		t.Errorf("spread %v %v: want 0.25 over the two units with evidence", spread, ok)
	}
	if _, _, _, ok := Compare(arts[:1], nil).Spread(axis); ok {
		t.Error("a spread of one unit")
	}
}

// eventArticles are three reports of one event by three outlets, written
// as feeds write dates, an article of another event a week later, and
// articles that cannot be taken as they are.
func eventArticles() []Article {
	text := func(s string) string {
		return s + " The attack on Khan Touman, south of Aleppo, killed thirteen members of the Revolutionary Guard from Mazandaran, and 21 were wounded."
	}
	arts := []Article{
		FromRecord(rec("h1", "tehran-herald", "May 7, 2016", 0.8, 5), "outlet"),
		FromRecord(rec("w1", "wire-desk", "2016-05-07T10:30:00Z", 0, 3), "outlet"),
		FromRecord(rec("o1", "levant-observer", "", -0.6, 4), "outlet"), // dated by its URL
		FromRecord(rec("w2", "wire-desk", "2016-05-16", 0, 2), "outlet"),
		FromRecord(rec("h2", "tehran-herald", "2016-05-17", 0.9, 2), "outlet"),
		FromRecord(rec("w1", "wire-desk", "2016-05-07", 0, 1), "outlet"),      // the id again
		FromRecord(rec("x1", "exile-monitor", "04/05/2016", -1, 2), "outlet"), // day and month cannot be told
	}
	arts[0].Text = text("Takfiri terrorists stormed the village.")
	arts[1].Text = text("Rebels seized the town.")
	arts[2].Text, arts[2].URL = text("Opposition forces took the town."), "https://example.org/2016/05/06/khan-touman"
	arts[3].Text = "Ali Akbar Velayati said in Tehran that President Assad is a red line for the Islamic Republic, a week after talks in Vienna."
	arts[4].Text = "Velayati told visitors in Tehran that Assad staying in office is Iran's red line, and that Vienna would not change it."
	arts[5].Text = arts[1].Text
	arts[6].Text = "A report on the economy of Ahvaz and the price of bread, with no names the others share."
	return arts
}

func TestGroup(t *testing.T) {
	arts := eventArticles()
	res, err := Group(context.Background(), arts, Options{Lexicon: testLexicon(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Events) != 2 || !res.Scored || res.Articles != 6 || res.Undated != 1 {
		t.Fatalf("%d events, scored %v, %d articles, %d undated: %+v", len(res.Events), res.Scored, res.Articles, res.Undated, res.Events)
	}
	ev := res.Events[0]
	var ids []string
	for _, m := range ev.Articles {
		ids = append(ids, m.ID)
		if arts[m.Index].ID != m.ID {
			t.Errorf("member %s has index %d, which is %s", m.ID, m.Index, arts[m.Index].ID)
		}
	}
	// The URL's date (May 6) puts the observer first.
	if want := []string{"o1", "h1", "w1"}; !reflect.DeepEqual(ids, want) || ev.First.Day() != 6 || ev.Last.Day() != 7 {
		t.Errorf("first event %v, %v to %v; want %v, 6 to 7 May", ids, ev.First, ev.Last, want)
	}
	for _, u := range ev.Side.Units {
		for _, a := range u.Articles {
			if arts[a.Index].ID != a.ID {
				t.Errorf("side article %s has index %d", a.ID, a.Index)
			}
		}
	}
	if ev.Side.Units[0].Unit != "tehran-herald" || ev.Side.Units[2].Unit != "levant-observer" {
		t.Errorf("side units %+v", ev.Side.Units)
	}
	if res.Find(ev.ID) != &res.Events[0] || res.Find("nope") != nil {
		t.Error("Find")
	}
	// Problems: the repeated id (left out) and the ambiguous date
	// (grouped by text alone).
	if len(res.Problems) != 2 {
		t.Fatalf("problems %+v", res.Problems)
	}
	if p := res.Problems[0]; p.Field != "id" || p.Index != 5 || !strings.Contains(p.String(), "w1.txt: id \"w1\": id: also the id of w1.txt") {
		t.Errorf("problem %q", p)
	}
	if p := res.Problems[1]; p.Field != "date" || p.Index != 6 || !strings.Contains(p.Message, "grouped by text alone") {
		t.Errorf("problem %q", p)
	}
	// The widest spread first: Khan Touman (0.8 to -0.6) before Velayati
	// (0.9 to 0).
	if by := res.BySpread(axis); by[0].ID != ev.ID {
		t.Errorf("by spread: %s first, want %s", by[0].ID, ev.ID)
	}
	scores := res.Scores()
	want := aggregate.EventScore{Event: ev.ID, Unit: "tehran-herald", Axis: axis, Score: 0.8, N: 5}
	if len(scores) != 5 || scores[0] != want {
		t.Errorf("scores %+v, want 5 starting with %+v", scores, want)
	}
}

func TestGroupUnscored(t *testing.T) {
	arts := eventArticles()
	for i := range arts {
		arts[i].Stance, arts[i].Forms = nil, nil
	}
	res, err := Group(context.Background(), arts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Scored || len(res.Scores()) != 0 || len(res.Events) != 2 {
		t.Fatalf("unscored: scored %v, %d scores, %d events", res.Scored, len(res.Scores()), len(res.Events))
	}
	var buf bytes.Buffer
	if err := WriteShow(&buf, &res.Events[0], ShowOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "were not scored") {
		t.Errorf("show of unscored reports:\n%s", buf.String())
	}
}

func TestWrite(t *testing.T) {
	res, err := Group(context.Background(), eventArticles(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, res, format); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			switch format {
			case "jsonl":
				lines := strings.Split(strings.TrimSpace(out), "\n")
				if len(lines) != 2 {
					t.Fatalf("%d lines", len(lines))
				}
				var e eventJSON
				if err := json.Unmarshal([]byte(lines[0]), &e); err != nil {
					t.Fatal(err)
				}
				if e.Schema != EventSchema || e.First != "2016-05-06" || e.Last != "2016-05-07" || len(e.Articles) != 3 || len(e.KeyTerms) == 0 ||
					e.Articles[0].Title != "Title of o1" || e.Stance[axis].Spread == nil || math.Abs(*e.Stance[axis].Spread-1.4) > 1e-9 {
					t.Errorf("event %+v", e)
				}
			case "csv":
				rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				if len(rows) != 1+5 || !reflect.DeepEqual(rows[0], CSVHeader) || rows[1][9] != "o1" || rows[1][3] != "levant-observer; tehran-herald; wire-desk" {
					t.Errorf("rows %q", rows)
				}
			case "table":
				for _, want := range []string{"compare events: 6 articles, 2 events reported by two or more outlets (window 3d, threshold 0.20); 1 undated",
					"2016-05-06 to 2016-05-07 · 3 outlets", "stance on tehran-damascus: tehran-herald +0.80 (n 5), wire-desk +0.00 (n 3), levant-observer -0.60 (n 4); spread 1.40",
					"  2016-05-06  levant-observer  o1  Title of o1"} {
					if !strings.Contains(out, want) {
						t.Errorf("table lacks %q:\n%s", want, out)
					}
				}
			}
		})
	}
	if err := Write(&bytes.Buffer{}, res, "xml"); err == nil {
		t.Error("format xml accepted")
	}
}

func TestWriteShow(t *testing.T) {
	herald := rec("h", "tehran-herald", "2016-05-07", 0.7, 3,
		match("iran-forces", "military advisers", "advisers", record.Author, 0.6, 0.8),
		match("iran-forces", "military advisers", "advisers", record.Author, 0.6, 0.8),
		match("iran-forces", "Revolutionary Guard", "irgc", record.Author, 0, 0),
		match("casualties", "martyrs", "martyr", record.Quote, 0.8, 0.6))
	exile := rec("e", "exile-\x1b[31mmonitor", "2016-05-07", -0.9, 2,
		match("iran-forces", "IRGC mercenaries", "mercenaries", record.Author, -0.8, -0.9),
		match("iran-forces", "military advisers", "advisers", record.Distanced, 0.6, 0.8))
	for _, r := range []*record.Record{herald, exile} {
		r.Text = "Thirteen members of the Revolutionary Guard from Mazandaran were killed at Khan Touman south of Aleppo."
	}
	res, err := Group(context.Background(), []Article{FromRecord(herald, "outlet"), FromRecord(exile, "outlet")}, Options{Lexicon: testLexicon(t)})
	if err != nil || len(res.Events) != 1 {
		t.Fatalf("%v, %+v", err, res)
	}
	var plain, colour bytes.Buffer
	if err := WriteShow(&plain, &res.Events[0], ShowOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteShow(&colour, &res.Events[0], ShowOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	out := plain.String()
	for _, want := range []string{
		"Event " + res.Events[0].ID + ": 2 reports by 2 outlets, 2016-05-07",
		"Stance on tehran-damascus (Tehran–Damascus vocabulary): −1 ",
		"  tehran-herald       +0.70  n = 3",
		"  exile- [31mmonitor  −0.90  n = 2",
		"spread 1.60, from exile- [31mmonitor to tehran-herald",
		"Iranian and Iran-backed forces in Syria\n  tehran-herald       military advisers [++] ×2 · Revolutionary Guard\n  exile- [31mmonitor  IRGC mercenaries [−−] · military advisers [++] (distanced)",
		"The dead\n  tehran-herald       martyrs [++] (quoted)\n  exile- [31mmonitor  –",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Error("escape codes in plain output (the outlet's name carried one)")
	}
	if c := colour.String(); !strings.Contains(c, "\x1b[1;97;44mmilitary advisers\x1b[0m [++] ×2") || strings.Count(c, "\x1b[") < 4 {
		t.Errorf("colour output lacks coloured terms:\n%s", c)
	}
}

// TestGroupReaderDates: a date the reader resolved (here exile-monitor's
// 04/05/2016, read day-first) stands, although its text is ambiguous to
// the zero Parser, which TestGroup leaves undated.
func TestGroupReaderDates(t *testing.T) {
	arts := eventArticles()
	x1 := len(arts) - 1
	d, err := dates.Parser{Order: dates.DayFirst}.Parse(arts[x1].Date)
	if err != nil {
		t.Fatal(err)
	}
	arts[x1].Published = d
	res, err := Group(context.Background(), arts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Undated != 0 {
		t.Errorf("%d undated", res.Undated)
	}
	for _, p := range res.Problems {
		if p.Field == "date" {
			t.Errorf("date problem: %v", p)
		}
	}
}
