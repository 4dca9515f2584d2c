package gencorpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestNews(t *testing.T) {
	fw := []string{"the", "of", "and", "to", "in"}
	a, b, c := News(2000, 3, fw), News(2000, 3, fw), News(2000, 4, fw)
	if !reflect.DeepEqual(a, b) || reflect.DeepEqual(a, c) {
		t.Fatal("News is not a function of its seed")
	}
	if len(a) != 2000 {
		t.Fatalf("%d articles, want 2000", len(a))
	}
	byEvent := map[int][]NewsArticle{}
	undated, outlets := 0, map[string]bool{}
	for _, x := range a {
		outlets[x.Outlet] = true
		if x.Date.IsZero() {
			undated++
		}
		if x.Event >= 0 {
			byEvent[x.Event] = append(byEvent[x.Event], x)
		}
	}
	planted := 0
	for e, reports := range byEvent {
		planted += len(reports)
		// A planted event's reports are by different outlets, within two
		// days, and share its first name (in their titles).
		first, last := reports[0].Date, reports[0].Date
		seen := map[string]bool{}
		for _, r := range reports {
			if seen[r.Outlet] {
				t.Errorf("event %d: two reports by %s", e, r.Outlet)
			}
			seen[r.Outlet] = true
			if r.Date.Before(first) {
				first = r.Date
			}
			if r.Date.After(last) {
				last = r.Date
			}
			if !strings.HasSuffix(r.Title, strings.SplitN(reports[0].Title, " ", 2)[1]) {
				t.Errorf("event %d: titles %q and %q share no name", e, r.Title, reports[0].Title)
			}
		}
		if last.Sub(first).Hours() > 48 {
			t.Errorf("event %d spans %v", e, last.Sub(first))
		}
	}
	// About 37% of the articles report planted events, 2% are undated.
	if share := float64(planted) / 2000; share < 0.3 || share > 0.45 || undated < 15 || undated > 70 || len(outlets) != 40 {
		t.Errorf("%.0f%% in planted events, %d undated, %d outlets", 100*share, undated, len(outlets))
	}
	var buf bytes.Buffer
	n, err := WriteNews(&buf, a[:50])
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("WriteNews: %d bytes, %v; wrote %d", n, err, buf.Len())
	}
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<20)
	for i := 0; sc.Scan(); i++ {
		var r newsRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		if r.ID != a[i].ID || (r.Event == "") != (a[i].Event < 0) || (r.Date == "") != a[i].Date.IsZero() {
			t.Errorf("line %d: %+v for %+v", i+1, r, a[i])
		}
	}
}
