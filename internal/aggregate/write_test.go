package aggregate

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestWriteComparison(t *testing.T) {
	c := aggregate(t, readRecordsFile(t, handFile), DefaultOptions())
	t.Run("csv", func(t *testing.T) {
		var b bytes.Buffer
		if err := WriteComparison(&b, c, "csv"); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&b).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(rows[0], CSVHeader) {
			t.Errorf("header %v", rows[0])
		}
		found := false
		for _, r := range rows {
			if r[0] == "axis_pair" && r[1] == "alpha.example" && r[2] == "beta.example" && r[5] == "p" {
				found = r[6] == "0.002664002664002664" && r[7] == ""
			}
		}
		if !found {
			t.Error("no row with the exact alpha–beta p-value")
		}
	})
	t.Run("json", func(t *testing.T) {
		var back Comparison
		if err := json.Unmarshal(comparisonJSON(t, c), &back); err != nil {
			t.Fatal(err)
		}
		if back.Schema != StatsSchema || len(back.Units) != 4 {
			t.Errorf("round trip: %+v", back)
		}
	})
	t.Run("table", func(t *testing.T) {
		var b bytes.Buffer
		if err := WriteComparison(&b, c, "table"); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"OUTLETS", "STANCE BY AXIS", "DIFFERENCES", "NAMING", "DISTINCTIVE TERMS", "OUTLET MAP", "NOTES",
			"alpha.example's articles score higher on tehran-damascus than beta.example's", "left out: delta.example", "sarcasm"} {
			if !strings.Contains(b.String(), want) {
				t.Errorf("table lacks %q", want)
			}
		}
	})
	if err := WriteComparison(&bytes.Buffer{}, c, "yaml"); err == nil {
		t.Error("unknown format accepted")
	}
}
