package events

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"
)

func TestExtract(t *testing.T) {
	key := func(s string) string { return s }
	tests := []struct {
		name, title, text string
		// want maps terms (folded, phrases space-joined) to "tf×boost".
		want map[string]string
	}{
		{
			name: "names and sentence starts",
			text: "Rebels took Khan Touman. Rebels said the Guards lost men.",
			want: map[string]string{
				"rebels": "2×1", "took": "1×1", "khan": "1×2", "touman": "1×2", "khan touman": "1×2",
				"guards": "1×2", "lost": "1×1", "men": "1×1",
			},
		},
		{
			name: "numbers",
			text: "Thirteen advisers and 13 guards died in 2016; 2,000 fled.",
			want: map[string]string{
				"13": "2×2", "advisers": "1×1", "guards": "1×1", "died": "1×1", "2016": "1×1", "2,000": "1×2", "fled": "1×1",
			},
		},
		{
			name: "possessive ends a name, punctuation splits one",
			text: "He met Iran's Revolutionary Guard, Quds Force and Bashar al-Assad.",
			want: map[string]string{
				"met": "1×1", "iran": "1×2", "revolutionary": "1×2", "guard": "1×2", "revolutionary guard": "1×2",
				"quds": "1×2", "force": "1×2", "quds force": "1×2", "bashar": "1×2", "al-assad": "1×2", "bashar al-assad": "1×2",
			},
		},
		{
			name: "apostrophes and hyphens are token's",
			text: "He met Khameneiʼs Quds Force and Abu Mohammad al–Golani.",
			want: map[string]string{
				"met": "1×1", "khamenei": "1×2", "quds": "1×2", "force": "1×2", "quds force": "1×2",
				"abu": "1×2", "mohammad": "1×2", "al-golani": "1×2", "abu mohammad al-golani": "1×2",
			},
		},
		{
			name:  "title words count, title capitals are not names",
			title: "Rebels Seize Town",
			text:  "The town fell on Friday.",
			want:  map[string]string{"rebels": "1×1", "seize": "1×1", "town": "2×1", "fell": "1×1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			folded := map[uint64]string{}
			e := extractor{surface: func(k uint64, f, _ string) { folded[k] = f }}
			got := map[string]string{}
			for _, term := range e.extract(tt.title, tt.text) {
				got[key(folded[term.key])] = fmt.Sprintf("%d×%g", term.tf, term.boost)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("terms\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

// FuzzGroup checks the invariants of a grouping on arbitrary text.
func FuzzGroup(f *testing.F) {
	f.Add("Rebels took Khan Touman. Thirteen Guards died.", "Khan Touman fell; 13 Guards were killed.", "Another town.", uint8(1))
	f.Add("", "   ", "\n\n", uint8(0))
	f.Fuzz(func(t *testing.T, a, b, c string, days uint8) {
		day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
		arts := []Article{
			{ID: "1", Outlet: "x", Date: day, Text: a},
			{ID: "2", Outlet: "y", Date: day.AddDate(0, 0, int(days%8)), Text: b},
			{ID: "3", Outlet: "z", Text: c + a},
			{ID: "4", Outlet: "x", Date: day, Title: b, Text: c},
		}
		g, err := Group(context.Background(), arts, Options{Threshold: 0.1})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, ev := range g.Events {
			if len(ev.Outlets) < 2 || ev.Pairs == 0 || ev.MinSimilarity > ev.MeanSimilarity+1e-12 || ev.MeanSimilarity > 1+1e-6 {
				t.Errorf("event %+v breaks an invariant", ev)
			}
			for _, m := range ev.Articles {
				if seen[m.ID] {
					t.Errorf("article %s in two events", m.ID)
				}
				seen[m.ID] = true
			}
			if !ev.First.IsZero() && ev.Last.Sub(ev.First) > DefaultWindow {
				t.Errorf("event %s spans %v", ev.ID, ev.Last.Sub(ev.First))
			}
		}
	})
}
