package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/view"
)

// TestBidiSpoofing renders a report whose outlet name and lexicon version
// end in U+202E (RIGHT-TO-LEFT OVERRIDE), which made the findings sentence
// and the lede display backwards. No override may reach the page outside
// article bodies, names in sentences are isolated, and an article keeps
// the controls it was written with, as character references.
func TestBidiSpoofing(t *testing.T) {
	const rlo = "\u202e"
	in := tinyInputNamed(t, false, "Alpha"+rlo, "Beta\u2067")
	in.Comparison.Lexicon.Version = "1.0" + rlo
	in.Comparison.Axes[0].Label = "axis" + rlo
	in.Records[0].Text = strings.Replace(in.Records[0].Text, "disagree", "dis"+rlo+"agree", 1)
	var buf bytes.Buffer
	if err := Write(&buf, in, DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, r := range page {
		if view.IsBidiControl(r) {
			t.Fatalf("bidirectional control U+%04X in the page", r)
		}
	}
	for _, want := range []string{
		`<li><bdi>Beta</bdi>&#39;s articles score higher on the axis than <bdi>Alpha</bdi>&#39;s (Cliff&#39;s δ = 1.00, large; Holm p = 0.03).</li>`,
		`scored with the lexicon <strong><bdi>tiny</bdi></strong> <bdi>1.0</bdi>.`,
		`dis&#x202E;agree`, // the article as written, isolated
		`"Alpha"`,          // chart data, without the override
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

func TestIsolateNames(t *testing.T) {
	tests := []struct {
		sentence string
		names    []string
		want     string
	}{
		{"A's articles score higher than AB's.", []string{"A", "AB"}, "<bdi>A</bdi>&#39;s articles score higher than <bdi>AB</bdi>&#39;s."},
		{"bdi beats b.", []string{"b", "bdi"}, "<bdi>bdi</bdi> <bdi>b</bdi>eats <bdi>b</bdi>."},
		{"x < y", []string{"<"}, "x <bdi>&lt;</bdi> y"},
		{"no names", nil, "no names"},
	}
	for _, tt := range tests {
		if got := string(isolateNames(tt.sentence, tt.names...)); got != tt.want {
			t.Errorf("isolateNames(%q, %q) = %q, want %q", tt.sentence, tt.names, got, tt.want)
		}
	}
}
