package ngram

import (
	"strings"
	"testing"
)

func TestContext(t *testing.T) {
	text := "One two three four five six seven eight nine ten eleven twelve."
	start := strings.Index(text, "six")
	tests := []struct {
		width int
		want  string
	}{
		{100, "One two three four five [six] seven eight nine ten eleven twelve."},
		{12, "… four five [six] seven eight …"},
		{0, "… [six] …"},
	}
	for _, tt := range tests {
		if got := Context(text, start, start+3, tt.width); got != tt.want {
			t.Errorf("Context(width %d) = %q, want %q", tt.width, got, tt.want)
		}
	}
	// Multi-byte runes are never cut.
	if got := Context("ééééé X ééééé", 11, 12, 3); got != "… [X] …" {
		t.Errorf("got %q", got)
	}
}
