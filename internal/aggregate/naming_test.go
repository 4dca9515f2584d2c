package aggregate

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

const officialsLexicon = `name: officials
version: 1
targets: [{id: gov, label: The government}]
axes: [{id: ax, label: axis, weights: {gov: 1}}]
entries:
  - id: iranian-officials
    terms: [Hassan Rouhani, Rouhani, Ebrahim Raisi, Raisi, Amir-Abdollahian]
    label: named Iranian officials
    target: gov
    valence: 0
    category: neutral
  - id: mullahs-regime
    terms: ["mullahs' regime"]
    target: gov
    valence: -1
    category: pejorative
`

// TestNamingForms checks that the naming matrix names an entry by its
// label and shows, per unit, the forms it wrote, counted in its own voice,
// with its quoted and distanced uses beside and out of the counts.
func TestNamingForms(t *testing.T) {
	lex, err := lexicon.Parse("officials.yaml", []byte(officialsLexicon))
	if err != nil {
		t.Fatal(err)
	}
	ref := record.LexiconRef{Name: lex.Name, Version: lex.Version, SHA256: lex.Hash}
	match := func(text, entry string, v record.Voice) record.MatchRecord {
		m := record.MatchRecord{Text: text, Entry: entry, Target: "gov", Category: "neutral", Voice: v}
		if entry == "mullahs-regime" {
			m.Valence, m.Category, m.Contrib, m.Loaded = -1, "pejorative", map[string]float64{"ax": -1}, true
		}
		return m
	}
	recs := []*record.Record{
		// The targets compared are those the records name (no lexicon).
		{ID: "c1", Outlet: "caspian", Lexicon: ref, Targets: map[string]record.TargetScore{"gov": {}}, Matches: []record.MatchRecord{
			match("Raisi", "iranian-officials", record.Author), match("Raisi", "iranian-officials", record.Author),
			match("RAISI", "iranian-officials", record.Author), match("Amir-Abdollahian", "iranian-officials", record.Author),
			match("mullahs' regime", "mullahs-regime", record.Quote)}},
		{ID: "e1", Outlet: "exile", Lexicon: ref, Matches: []record.MatchRecord{
			match("mullahs’ regime", "mullahs-regime", record.Author), match("mullahs' regime", "mullahs-regime", record.Author),
			match("Raisi", "iranian-officials", record.Distanced)}},
	}
	opt := DefaultOptions()
	opt.Lexicon = lex
	c := aggregate(t, recs, opt)
	if len(c.Naming) != 1 || len(c.Naming[0].Labels) != 2 {
		t.Fatalf("naming: %+v", c.Naming)
	}
	officials, mullahs := c.Naming[0].Labels[0], c.Naming[0].Labels[1]
	if officials.Label != "named Iranian officials" || mullahs.Label != "mullahs' regime" {
		t.Errorf("labels %q, %q: want the lexicon label, and the first form of an entry without one", officials.Label, mullahs.Label)
	}
	if officials.Loaded || !mullahs.Loaded {
		t.Errorf("loaded: officials %v, mullahs %v", officials.Loaded, mullahs.Loaded)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		// "RAISI" folds like "Raisi", and is shown as written most often.
		{"caspian's forms", officials.Forms["caspian"], []FormCount{{"Raisi", 3}, {"Amir-Abdollahian", 1}}},
		{"caspian's count", officials.Counts["caspian"], 4},
		{"caspian's share", c.Naming[0].Share(&officials, "caspian"), 1.0},
		{"caspian's quoted regime", mullahs.Quoted["caspian"], []FormCount{{"mullahs' regime", 1}}},
		{"caspian's own regime", mullahs.Counts["caspian"], 0},
		{"exile's forms", mullahs.Forms["exile"], []FormCount{{"mullahs' regime", 1 + 1}}},
		{"exile's distanced Raisi", officials.Distanced["exile"], []FormCount{{"Raisi", 1}}},
		{"exile's own officials", officials.Counts["exile"], 0},
		{"no forms where nothing was written", officials.Forms["exile"], []FormCount(nil)},
		{"users", c.Naming[0].Users, 2},
	}
	for _, ck := range checks {
		t.Run(ck.name, func(t *testing.T) {
			if !reflect.DeepEqual(ck.got, ck.want) {
				t.Errorf("got %#v, want %#v", ck.got, ck.want)
			}
		})
	}
	// The map names entries by label too.
	if c.Map == nil {
		t.Fatal("no outlet map")
	}
	for _, p := range c.Map.Entries {
		if p.Name == "iranian-officials" && p.Label != "named Iranian officials" {
			t.Errorf("map entry %q labelled %q", p.Name, p.Label)
		}
	}
}

// TestNamingPastListUnits checks that the units past Options.ListUnits
// leave no uses of their own in the naming, but still count in its Users
// and in the order of its labels: "quoter", listed last, quotes the
// regime three times, which puts it before the officials (used once in
// the author's voice, by "caspian").
func TestNamingPastListUnits(t *testing.T) {
	ref := record.LexiconRef{Name: "officials", Version: "1", SHA256: "0f"}
	match := func(text, entry string, v record.Voice) record.MatchRecord {
		return record.MatchRecord{Text: text, Entry: entry, Target: "gov", Category: "neutral", Voice: v}
	}
	regime := match("mullahs' regime", "mullahs-regime", record.Quote)
	recs := []*record.Record{
		// The targets compared are those the records name (no lexicon).
		{ID: "c1", Outlet: "caspian", Lexicon: ref, Targets: map[string]record.TargetScore{"gov": {}}, Matches: []record.MatchRecord{match("Raisi", "iranian-officials", record.Author),
			match("mullahs' regime", "mullahs-regime", record.Author)}},
		{ID: "c2", Outlet: "caspian", Lexicon: ref},
		{ID: "q1", Outlet: "quoter", Lexicon: ref, Matches: []record.MatchRecord{regime, regime, regime}},
		{ID: "r1", Outlet: "reporter", Lexicon: ref, Matches: []record.MatchRecord{match("Raisi", "iranian-officials", record.Reported)}},
	}
	for _, tc := range []struct {
		listed    int
		quoted    map[string][]FormCount
		reference map[string]int
	}{
		{0, map[string][]FormCount{"quoter": {{"mullahs' regime", 3}}}, map[string]int{"caspian": 2}},
		{1, nil, map[string]int{"caspian": 2}},
	} {
		t.Run(fmt.Sprintf("ListUnits %d", tc.listed), func(t *testing.T) {
			opt := DefaultOptions()
			opt.Bootstrap, opt.Top, opt.ListUnits = 0, 0, tc.listed
			c := aggregate(t, recs, opt)
			if len(c.Naming) != 1 || len(c.Naming[0].Labels) != 2 {
				t.Fatalf("naming: %+v", c.Naming)
			}
			n := c.Naming[0]
			got := []any{n.Labels[0].Entry, n.Labels[1].Entry, n.Users, n.Labels[0].Quoted, n.References}
			want := []any{"mullahs-regime", "iranian-officials", 2, tc.quoted, tc.reference}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("labels, users, quoted, references: %v, want %v", got, want)
			}
		})
	}
}

func TestForms(t *testing.T) {
	got := Forms(map[string]int{"Mullahs’ regime": 1, "mullahs' regime": 2, "mullahs": 3, "Mullahs": 0})
	want := []FormCount{{"mullahs", 3}, {"mullahs' regime", 3}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Forms = %#v, want %#v", got, want)
	}
}

// TestNamingSparseAsDense checks the sparse naming matrix against the
// dense one, counted here straight from the records as the matrix was
// once built (every target × entry × unit): the JSON lists every unit
// that names the target in its own voice under every entry of it, with
// its count (zeros included) and its share of its references, and the
// sparse counts hold exactly the non-zero ones.
func TestNamingSparseAsDense(t *testing.T) {
	for _, tt := range []struct {
		name string
		recs []*record.Record
	}{
		{"hand records", readRecordsFile(t, handFile)},
		{"synthetic records", syntheticRecords(2000)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// Naming needs neither intervals nor distinctive terms.
			opt := DefaultOptions()
			opt.Bootstrap, opt.Top = 0, 0
			c := aggregate(t, tt.recs, opt)
			// The dense matrix: author-voice uses by target, entry and unit.
			uses := map[string]map[string]map[string]int{} // target → entry → unit → uses
			refs := map[string]map[string]int{}            // target → unit → references
			for _, r := range tt.recs {
				for _, m := range r.Matches {
					if uses[m.Target] == nil {
						uses[m.Target], refs[m.Target] = map[string]map[string]int{}, map[string]int{}
					}
					if uses[m.Target][m.Entry] == nil {
						uses[m.Target][m.Entry] = map[string]int{}
					}
					if m.Voice == record.Author {
						uses[m.Target][m.Entry][r.Outlet]++
						refs[m.Target][r.Outlet]++
					}
				}
			}
			data, err := json.Marshal(c.Naming)
			if err != nil {
				t.Fatal(err)
			}
			var dense []namingJSON
			if err := json.Unmarshal(data, &dense); err != nil {
				t.Fatal(err)
			}
			if len(dense) == 0 {
				t.Fatal("no naming")
			}
			cells := 0
			for i, n := range dense {
				for j, l := range n.Labels {
					want := map[string]int{}
					wantShare := map[string]float64{}
					for u, k := range refs[n.Target] {
						want[u] = uses[n.Target][l.Entry][u]
						wantShare[u] = float64(want[u]) / float64(k)
					}
					if !reflect.DeepEqual(l.Counts, want) || !reflect.DeepEqual(l.Shares, wantShare) {
						t.Errorf("%s %s: counts %v shares %v, want %v %v", n.Target, l.Entry, l.Counts, l.Shares, want, wantShare)
					}
					sparse := c.Naming[i].Labels[j].Counts
					for u, k := range sparse {
						if k == 0 || want[u] != k {
							t.Errorf("%s %s: sparse count %d of %s, want %d and no zeros", n.Target, l.Entry, k, u, want[u])
						}
					}
					for u, k := range want {
						if _, ok := sparse[u]; k > 0 && !ok {
							t.Errorf("%s %s: sparse counts miss %s", n.Target, l.Entry, u)
						}
					}
					cells += len(want)
				}
			}
			// The JSON reads back as the same matrix.
			var back []Naming
			if err := json.Unmarshal(data, &back); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, c.Naming) {
				t.Error("naming read back from JSON differs from the naming written")
			}
			if cells == 0 {
				t.Fatal("no cells compared")
			}
		})
	}
}
