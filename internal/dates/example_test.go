package dates_test

import (
	"fmt"

	"github.com/compare-tool/compare/internal/dates"
)

func ExampleParse() {
	for _, s := range []string{
		"Tue, 04 Jun 2024 10:00:00 +0200",
		"June 4, 2024",
		"1717495200",
		"04/06/2024",
	} {
		d, err := dates.Parse(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(d, d.Precision)
	}
	// Output:
	// 2024-06-04T08:00:00Z time
	// 2024-06-04 day
	// 2024-06-04T10:00:00Z time
	// date "04/06/2024" is ambiguous: 2024-06-04 if the day comes first, 2024-04-06 if the month comes first; give the date order
}

func ExampleParser_Parse() {
	p := dates.Parser{Order: dates.DayFirst}
	for _, s := range []string{"04/06/2024", "06/13/2024"} {
		d, _ := p.Parse(s)
		fmt.Println(s, "→", d)
	}
	// Output:
	// 04/06/2024 → 2024-06-04
	// 06/13/2024 → 2024-06-13
}

func ExampleFromURL() {
	d, _ := dates.FromURL("https://www.nytimes.com/2016/09/20/nyregion/bombing-suspect.html")
	fmt.Println(d, d.Source, d.Original)
	// Output: 2016-09-20 url 2016/09/20
}

func ExamplePeriod_Of() {
	d, _ := dates.Parse("2024-12-30")
	for _, p := range dates.Periods {
		fmt.Printf("%s %s\n", p, p.Of(d))
	}
	// Output:
	// day 2024-12-30
	// week 2025-W01
	// month 2024-12
	// quarter 2024-Q4
	// year 2024
}
