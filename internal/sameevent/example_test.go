package sameevent_test

import (
	"fmt"

	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/sameevent"
)

// Two reports of one event, as a teacher might pick them, laid side by
// side: each outlet's stance with its n, and the words each wrote.
func ExampleCompare() {
	advisers := record.MatchRecord{Target: "iran-forces", Text: "military advisers", Entry: "advisers", Voice: record.Author,
		Valence: 0.6, Contrib: map[string]float64{"tehran-damascus": 0.8}, Loaded: true}
	mercenaries := record.MatchRecord{Target: "iran-forces", Text: "IRGC mercenaries", Entry: "mercenaries", Voice: record.Author,
		Valence: -0.8, Contrib: map[string]float64{"tehran-damascus": -0.9}, Loaded: true}
	herald := &record.Record{ID: "herald-1", Outlet: "tehran-herald",
		Stance: map[string]record.AxisScore{"tehran-damascus": {Score: 0.8, N: 2}}, Matches: []record.MatchRecord{advisers, advisers}}
	exile := &record.Record{ID: "exile-1", Outlet: "exile-monitor",
		Stance: map[string]record.AxisScore{"tehran-damascus": {Score: -0.9, N: 1}}, Matches: []record.MatchRecord{mercenaries}}

	s := sameevent.Compare([]sameevent.Article{sameevent.FromRecord(exile, "outlet"), sameevent.FromRecord(herald, "outlet")}, nil)
	for i, u := range s.Units {
		st := u.Stance["tehran-damascus"]
		fmt.Printf("%s: stance %+.1f (n = %d)", u.Unit, st.Score, st.N)
		for _, f := range s.Targets[0].Cells[i] {
			fmt.Printf(", %q ×%d %s", f.Text, f.Count, sameevent.LeanMark[record.LeanLevel(f.Contrib["tehran-damascus"])+2])
		}
		fmt.Println()
	}
	spread, high, low, _ := s.Spread("tehran-damascus")
	fmt.Printf("spread %.1f, from %s to %s\n", spread, low, high)
	// Output:
	// tehran-herald: stance +0.8 (n = 2), "military advisers" ×2 [++]
	// exile-monitor: stance -0.9 (n = 1), "IRGC mercenaries" ×1 [−−]
	// spread 1.7, from exile-monitor to tehran-herald
}
