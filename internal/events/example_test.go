package events_test

import (
	"context"
	"fmt"
	"time"

	"github.com/compare-tool/compare/internal/events"
)

func ExampleGroup() {
	day := func(d int) time.Time { return time.Date(2016, 5, d, 0, 0, 0, 0, time.UTC) }
	articles := []events.Article{
		{ID: "herald-1", Outlet: "tehran-herald", Date: day(7),
			Text: "Thirteen Iranian military advisers were martyred when Takfiri terrorists stormed Khan Touman, south of Aleppo."},
		{ID: "observer-1", Outlet: "levant-observer", Date: day(6),
			Text: "Opposition forces seized Khan Touman south of Aleppo; Iran's Revolutionary Guard said 13 of its members were killed."},
		{ID: "wire-1", Outlet: "wire-desk", Date: day(7),
			Text: "Thirteen members of Iran's Revolutionary Guard were killed near Khan Touman, south of Aleppo, Iranian media said."},
		// The same topic, another event: a strike elsewhere, two days later.
		{ID: "wire-2", Outlet: "wire-desk", Date: day(9),
			Text: "An air strike hit a market in Maarat al-Numan in Idlib province, killing 11 people, rescue workers said."},
	}
	g, err := events.Group(context.Background(), articles, events.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ev := range g.Events {
		fmt.Println(ev.ID, ev.Outlets)
		for _, m := range ev.Articles {
			fmt.Printf("  %s %s\n", m.Date.Format("2006-01-02"), m.ID)
		}
		fmt.Printf("  similarity %.2f to %.2f; first terms: %q, %q\n",
			ev.MinSimilarity, ev.MeanSimilarity, ev.Terms[0].Text, ev.Terms[1].Text)
	}
	// Output:
	// 2016-05-06-861205a1 [levant-observer tehran-herald wire-desk]
	//   2016-05-06 observer-1
	//   2016-05-07 herald-1
	//   2016-05-07 wire-1
	//   similarity 0.42 to 0.58; first terms: "Thirteen", "Khan Touman"
}
