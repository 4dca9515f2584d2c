package validate

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/rulefile"
)

type lookup struct {
	ref  Ref
	want string
}

func TestParseLabels(t *testing.T) {
	tests := []struct {
		name, file, data string
		key              Key
		values           []string
		lookups          []lookup
	}{
		{
			name: "csv outlets", file: "l.csv", key: ByOutlet,
			data:   "outlet,label\nFox News,right\nReuters, center \n\"New York Times - News\",left\nFox News,right\n",
			values: []string{"center", "left", "right"},
			lookups: []lookup{
				{Ref{Outlet: "fox  news"}, "right"}, {Ref{Outlet: "REUTERS"}, "center"},
				{Ref{Outlet: "New York Times - News"}, "left"}, {Ref{Outlet: "Axios"}, ""},
			},
		},
		{
			name: "csv ids, columns swapped, BOM", file: "l.CSV", key: ByID,
			data:    "\ufeffLabel,ID\nleft,004Gt3gcsotuiYmz\nright,00eP4XDdAYxCrBxB\n",
			values:  []string{"left", "right"},
			lookups: []lookup{{Ref{ID: "004Gt3gcsotuiYmz"}, "left"}, {Ref{ID: "004gt3gcsotuiymz"}, ""}, {Ref{ID: "00eP4XDdAYxCrBxB", Outlet: "x"}, "right"}},
		},
		{
			name: "tsv", file: "l.tsv", key: ByOutlet,
			data:    "outlet\tlabel\nPress TV\tstate media\n",
			values:  []string{"state media"},
			lookups: []lookup{{Ref{Outlet: "press tv"}, "state media"}},
		},
		{
			name: "yaml map", file: "l.yaml", key: ByOutlet,
			data:    "# AllSides\nFox News: right\nReuters: center\n2: 1\n",
			values:  []string{"1", "center", "right"},
			lookups: []lookup{{Ref{Outlet: "Fox News"}, "right"}, {Ref{Outlet: "2"}, "1"}},
		},
		{
			name: "yaml list of ids", file: "l.yml", key: ByID,
			data:    "- {id: a1, label: left}\n- id: a2\n  label: right\n",
			values:  []string{"left", "right"},
			lookups: []lookup{{Ref{ID: "a1"}, "left"}, {Ref{ID: "a2"}, "right"}, {Ref{ID: "a3"}, ""}},
		},
		{
			name: "yaml list of outlets", file: "l.yaml", key: ByOutlet,
			data:    "- outlet: Fox News\n  label: right\n",
			values:  []string{"right"},
			lookups: []lookup{{Ref{Outlet: "fox news"}, "right"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ParseLabels(tt.file, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if l.Key != tt.key || !slices.Equal(l.Values(), tt.values) {
				t.Errorf("key %q, values %q; want %q, %q", l.Key, l.Values(), tt.key, tt.values)
			}
			for _, lk := range tt.lookups {
				if got := l.Label(lk.ref); got != lk.want {
					t.Errorf("Label(%+v) = %q, want %q", lk.ref, got, lk.want)
				}
			}
		})
	}
}

func TestParseLabelsErrors(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             string
	}{
		{"csv no label column", "l.csv", "outlet,bias\nFox,right\n",
			"l.csv:1: unknown column \"bias\" (want outlet or id, and label)\nl.csv:1: no \"label\" column"},
		{"csv both keys", "l.csv", "outlet,id,label\n", `l.csv:1: id: a labels file labels outlets or ids, not both (columns "outlet" and "id")`},
		{"csv empty", "l.csv", "", "l.csv: empty file: want a header row with the columns outlet (or id) and label"},
		{"csv header only", "l.csv", "outlet,label\n", "l.csv: no labels"},
		{"csv bad rows", "l.csv", "outlet,label\nFox News,right\n,left\nReuters,\nFox News,left\nAxios\n\"a,b\n",
			"l.csv:3: outlet: empty\n" +
				"l.csv:4: label: outlet \"Reuters\" has an empty label (leave it out to leave it unlabelled)\n" +
				"l.csv:5: outlet: \"Fox News\" is labelled \"left\" here and \"right\" on line 2\n" +
				"l.csv:6: 1 fields; the header has 2\n" +
				"l.csv:7: extraneous or missing \" in quoted-field"},
		{"yaml syntax", "l.yaml", "Fox: right\n  bad: [\n", "l.yaml:2: mapping values are not allowed in this context"},
		{"yaml scalar", "l.yaml", "right\n", "l.yaml:1: want a mapping of outlet to label, or a list of {outlet or id, label}"},
		{"yaml nested label", "l.yaml", "Fox: [right]\n", `l.yaml:1: label: the label of outlet "Fox" must be a single value`},
		{"yaml empty", "l.yaml", "# nothing\n", "l.yaml: no labels"},
		{"yaml list problems", "l.yaml", "- {outlet: Fox, label: right}\n- {id: x, label: left}\n- {outlet: A}\n- {outlet: B, label: left, bias: 1}\n- plain\n- {outlet: C, id: c, label: left}\n",
			"l.yaml:2: id: this file labels outlets: every item needs \"outlet\"\n" +
				"l.yaml:3: an item needs outlet (or id) and label\n" +
				"l.yaml:4: bias: unknown key (want outlet or id, and label)\n" +
				"l.yaml:5: each item must be a mapping with outlet (or id) and label\n" +
				"l.yaml:6: id: an item has outlet or id, not both"},
		{"case differs, not a conflict", "l.csv", "outlet,label\nFox,right\nfox,Right\nFox,left\n", `l.csv:4: outlet: "Fox" is labelled "left" here and "right" on line 2`},
		{"yaml empty label", "l.yaml", "Fox: \"\"\n", `l.yaml:1: label: outlet "Fox" has an empty label (leave it out to leave it unlabelled)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseLabels(tt.file, []byte(tt.data))
			var ce *rulefile.CheckError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v, want a *rulefile.CheckError", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n%s\nwant\n%s", err, tt.want)
			}
		})
	}
	if _, err := ParseLabels("labels.txt", []byte("x")); err == nil || err.Error() != "labels.txt: labels file must be .csv, .tsv, .yaml or .yml" {
		t.Errorf("unknown extension: %v", err)
	}
}

func TestLoadLabels(t *testing.T) {
	l, err := LoadLabels("testdata/labels.csv")
	if err != nil {
		t.Fatal(err)
	}
	if l.File != "testdata/labels.csv" || l.Len() != 3 || l.Label(Ref{Outlet: "the guardian"}) != "left" {
		t.Errorf("labels %+v", l)
	}
	if _, err := LoadLabels("testdata/missing.csv"); err == nil {
		t.Error("a missing file gave no error")
	}
	var none *Labels
	if got := none.Label(Ref{Outlet: "x"}); got != "" || none.Len() != 0 || none.Values() != nil {
		t.Errorf("nil labels gave %q, %d, %q", got, none.Len(), none.Values())
	}
}

func TestFieldLabels(t *testing.T) {
	ref := Ref{ID: "1", Outlet: "o", Group: " state media ", Meta: map[string]string{"bias": "left", "Bias": "right"}}
	tests := []struct {
		field FieldLabels
		want  string
	}{
		{"group", "state media"},
		{"bias", "left"},
		{"Bias", "right"},
		{"rating", ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.field), func(t *testing.T) {
			if got := tt.field.Label(ref); got != tt.want {
				t.Errorf("%q: %q, want %q", tt.field, got, tt.want)
			}
		})
	}
	var _ Labeller = FieldLabels("bias")
	var _ Labeller = (*Labels)(nil)
}

func TestCheckOrder(t *testing.T) {
	present := []string{"right", "left", "center"}
	tests := []struct {
		name  string
		order []string
		want  string
	}{
		{"ok", []string{"left", "center", "right"}, ""},
		{"unknown", []string{"left", "centre", "right"}, `order: unknown label "centre" (the labels are "center", "left", "right")`},
		{"missing", []string{"left", "right"}, `order: label "center" is missing (the labels are "center", "left", "right")`},
		{"twice", []string{"left", "left", "center", "right"}, `order: label "left" is given twice`},
		{"one", []string{"left"}, "an order needs at least two labels"},
		{"case ignored", []string{"Left", "CENTER", " right"}, ""},
		{"twice in two cases", []string{"left", "Left", "center", "right"}, `order: label "Left" is given twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckOrder(tt.order, present)
			if got := errString(err); got != tt.want {
				t.Errorf("error %q, want %q", got, tt.want)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func FuzzParseLabels(f *testing.F) {
	f.Add("l.csv", "outlet,label\nFox News,right\n")
	f.Add("l.csv", "label,id\n,\n\"x\",y\n")
	f.Add("l.tsv", "outlet\tlabel\na\tb\n")
	f.Add("l.yaml", "Fox: right\nReuters: center\n")
	f.Add("l.yaml", "- {id: a, label: b}\n- {outlet: c, label: d}\n")
	f.Fuzz(func(t *testing.T, file, data string) {
		l, err := ParseLabels(file, []byte(data))
		if err != nil {
			return
		}
		if l.Len() == 0 || len(l.Values()) == 0 || (l.Key != ByOutlet && l.Key != ByID) {
			t.Fatalf("parsed labels with %d names, values %q, key %q", l.Len(), l.Values(), l.Key)
		}
		for _, v := range l.Values() {
			if v == "" || v != strings.TrimSpace(v) {
				t.Fatalf("label %q is empty or untrimmed", v)
			}
		}
	})
}
