package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/validate"
)

// labelsByOutlet labels each article by its outlet.
type labelsByOutlet map[string]string

func (l labelsByOutlet) Label(ref validate.Ref) string { return l[ref.Outlet] }

// tinyValidity validates the tiny input's records with their outlets
// labelled a and b.
func tinyValidity(t *testing.T, in Input, a, b string) *validate.Validation {
	t.Helper()
	col := validate.NewCollector(labelsByOutlet{in.Comparison.Units[0].Name: a, in.Comparison.Units[1].Name: b}, in.Lexicon)
	for _, r := range in.Records {
		if err := col.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	plan := validate.Plan{Options: validate.DefaultOptions(), Labels: "outlets.csv (by outlet)"}
	plan.Order = []string{a, b}
	plan.MinOutletArticles = 1
	v, err := col.Validate(plan)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestValiditySection(t *testing.T) {
	in := tinyInput(t, false)
	var without bytes.Buffer
	if err := Write(&without, in, DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(without.String(), `id="validity"`) || strings.Contains(without.String(), `href="#validity"`) {
		t.Error("a report without labels has a Validity section")
	}

	in.Validity = tinyValidity(t, in, "opposition", "government")
	var buf bytes.Buffer
	if err := Write(&buf, in, DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	ar := in.Validity.Result.Axes[0]
	for _, want := range []string{
		`<li><a href="#validity">Validity</a></li>`,
		`<section id="validity">`,
		"<h3>Axis pro-gov</h3>",
		"<td><bdi>government &gt; opposition</bdi></td><td>" + ar.ArticleAUC[0].All.String() + "</td><td>2 / 2</td>",
		"Spearman’s ρ of outlet means with the rank of their label cannot be computed over all articles (2 outlets)",
		"What these numbers do not show",
		validate.Limits[0],
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// The section comes after the tests and before the credibility profile.
	if i, j, k := strings.Index(page, `<section id="tests">`), strings.Index(page, `<section id="validity">`), strings.Index(page, `<section id="credibility">`); !(i < j && j < k) {
		t.Errorf("sections at %d (tests), %d (validity), %d (credibility)", i, j, k)
	}
}

// TestValiditySectionEscapes: labels come from users' files and data.
func TestValiditySectionEscapes(t *testing.T) {
	in := tinyInput(t, false)
	in.Validity = tinyValidity(t, in, `<script>window.__pwned=1</script>`, `<img src=x onerror="window.__pwned=1">`)
	var buf bytes.Buffer
	if err := Write(&buf, in, DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	section := buf.String()[strings.Index(buf.String(), `<section id="validity">`):]
	section = section[:strings.Index(section, "</section>")]
	if strings.Contains(section, "<script>") || strings.Contains(section, "<img") {
		t.Errorf("a label reached the page as markup:\n%s", section)
	}
}
