package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/compare-tool/compare/internal/aggregate"
	"github.com/compare-tool/compare/internal/token"
)

// TestWordsOccurInOutlets checks the promise that every word the outputs
// attribute to an outlet is a word that outlet wrote: each form in the
// naming section and each distinctive term, in the stats table, JSON and
// CSV and in the report (its tables and its charts' data), occurs in that
// outlet's articles. An entry's first form once stood in for the entry
// and credited caspiannews.com with "Hassan Rouhani", whom it never named.
// It runs on the seeds (skipped without them) and on the built-in sample.
func TestWordsOccurInOutlets(t *testing.T) {
	tests := []struct {
		name string
		args func(t *testing.T) []string
	}{
		{"seeds", func(t *testing.T) []string { return []string{filepath.Join(seedsDir(t), "seeds.jsonl")} }},
		{"sample", func(t *testing.T) []string {
			return []string{"--outlets", "../../testdata/sample-outlets.yaml", sampleDir}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args(t)
			stdout, stderr, code := compare(t, "", append([]string{"score", "--format", "jsonl"}, args...)...)
			if code != exitOK {
				t.Fatalf("score: exit %d: %s", code, stderr)
			}
			written := map[string]string{} // outlet → its articles' folded words, joined
			for _, r := range decodeRecords(t, stdout) {
				written[r.Outlet] += " " + folded(r.Text) + " "
			}
			check := func(where string, claims []claim) {
				t.Helper()
				if len(claims) == 0 {
					t.Errorf("%s: no word attributed to any outlet: the test reads nothing", where)
				}
				for _, c := range claims {
					text, ok := written[c.unit]
					if !ok {
						t.Errorf("%s: %q is attributed to %q, which has no articles", where, c.form, c.unit)
						continue
					}
					if f := folded(c.form); f == "" || !strings.Contains(text, " "+f+" ") {
						t.Errorf("%s: %q is attributed to %s, whose articles never have it", where, c.form, c.unit)
					}
				}
			}

			stdout, stderr, code = compare(t, "", append([]string{"stats", "--format", "json"}, args...)...)
			if code != exitOK {
				t.Fatalf("stats json: exit %d: %s", code, stderr)
			}
			var cmp aggregate.Comparison
			if err := json.Unmarshal([]byte(stdout), &cmp); err != nil {
				t.Fatal(err)
			}
			check("stats json", jsonClaims(&cmp))

			stdout, stderr, code = compare(t, "", append([]string{"stats", "--format", "csv"}, args...)...)
			if code != exitOK {
				t.Fatalf("stats csv: exit %d: %s", code, stderr)
			}
			check("stats csv", csvClaims(t, stdout))

			stdout, stderr, code = compare(t, "", append([]string{"stats"}, args...)...)
			if code != exitOK {
				t.Fatalf("stats table: exit %d: %s", code, stderr)
			}
			check("stats table", tableClaims(t, stdout))

			out := filepath.Join(t.TempDir(), "report.html")
			if _, stderr, code = compare(t, "", append([]string{"report", "-o", out}, args...)...); code != exitOK {
				t.Fatalf("report: exit %d: %s", code, stderr)
			}
			page, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			tables, charts := reportClaims(t, page)
			check("report tables", tables)
			check("report chart data", charts)
		})
	}
}

// claim is a word or phrase an output says a unit wrote.
type claim struct{ unit, form string }

// folded is text as the matcher reads it: folded words joined by spaces.
func folded(text string) string {
	var tz token.Tokenizer
	ts := tz.Tokenize(text)
	words := make([]string, ts.Len())
	for i := range words {
		words[i] = ts.NormString(i)
	}
	return strings.Join(words, " ")
}

func jsonClaims(c *aggregate.Comparison) []claim {
	var out []claim
	for _, n := range c.Naming {
		for _, l := range n.Labels {
			for _, byUnit := range []map[string][]aggregate.FormCount{l.Forms, l.Quoted, l.Distanced} {
				for unit, fs := range byUnit {
					for _, f := range fs {
						out = append(out, claim{unit, f.Form})
					}
				}
			}
		}
	}
	for _, d := range c.Distinctive {
		for _, term := range d.Terms {
			out = append(out, claim{d.Unit, term.Term})
		}
	}
	return out
}

func csvClaims(t *testing.T, data string) []claim {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []claim
	for _, r := range rows[1:] { // section,unit,other,axis_or_target,term,statistic,value
		if r[0] == "naming_form" || r[0] == "distinctive" {
			out = append(out, claim{r[1], r[4]})
		}
	}
	return out
}

// tableClaims reads the NAMING and DISTINCTIVE TERMS sections of the
// table, whose columns are separated by two spaces or more.
func tableClaims(t *testing.T, table string) []claim {
	t.Helper()
	cols := regexp.MustCompile(`\s{2,}`)
	forms := regexp.MustCompile(`(?:^|, )(.+?) ×\d+`)
	var out []claim
	section := ""
	for _, line := range strings.Split(table, "\n") {
		if line != "" && line == strings.ToUpper(line) && !strings.HasPrefix(line, " ") && !strings.Contains(line, "  ") {
			section = line
			continue
		}
		f := cols.Split(strings.TrimSpace(line), -1)
		switch {
		case section == "NAMING" && strings.HasPrefix(line, "  ") && len(f) == 7 && f[0] != "OUTLET":
			for _, col := range f[5:] {
				for _, part := range strings.Split(col, "; ") {
					part = strings.TrimPrefix(strings.TrimPrefix(part, "quoted: "), "distanced: ")
					for _, m := range forms.FindAllStringSubmatch(part, -1) {
						out = append(out, claim{f[0], m[1]})
					}
				}
			}
		case section == "DISTINCTIVE TERMS" && len(f) >= 5 && f[0] != "OUTLET":
			out = append(out, claim{f[0], f[1]})
		}
	}
	return out
}

// reportClaims reads the words a report attributes to units: the forms
// in its table rows (tr[data-unit] .form), and the forms in its naming
// charts' data and the terms of its distinctive-term charts.
func reportClaims(t *testing.T, page []byte) (tables, charts []claim) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var data string
	var walk func(n *html.Node, unit string)
	walk = func(n *html.Node, unit string) {
		if n.Type == html.ElementNode {
			if u, ok := attr(n, "data-unit"); ok && n.Data == "tr" {
				unit = u
			}
			if id, _ := attr(n, "id"); id == "report-data" {
				data = text(n)
			}
			if class, _ := attr(n, "class"); unit != "" && strings.Contains(" "+class+" ", " form ") {
				tables = append(tables, claim{unit, text(n)})
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, unit)
		}
	}
	walk(doc, "")
	var d struct {
		Charts []struct {
			Kind string          `json:"kind"`
			Meta json.RawMessage `json:"meta"`
		} `json:"charts"`
	}
	if err := json.Unmarshal([]byte(data), &d); err != nil {
		t.Fatalf("report data: %v", err)
	}
	for _, c := range d.Charts {
		switch c.Kind {
		case "naming":
			var m struct {
				Units  []string `json:"units"`
				Series []struct {
					Forms  [][]aggregate.FormCount `json:"forms"`
					Quoted [][]aggregate.FormCount `json:"quoted"`
				} `json:"series"`
			}
			if err := json.Unmarshal(c.Meta, &m); err != nil {
				t.Fatal(err)
			}
			for _, s := range m.Series {
				for i, u := range m.Units {
					for _, f := range append(s.Forms[i], s.Quoted[i]...) {
						charts = append(charts, claim{u, f.Form})
					}
				}
			}
		case "distinct":
			var m struct {
				Unit  string `json:"unit"`
				Terms []struct {
					Term string `json:"term"`
				} `json:"terms"`
			}
			if err := json.Unmarshal(c.Meta, &m); err != nil {
				t.Fatal(err)
			}
			for _, term := range m.Terms {
				charts = append(charts, claim{m.Unit, term.Term})
			}
		}
	}
	return tables, charts
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// text is the text inside n.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
