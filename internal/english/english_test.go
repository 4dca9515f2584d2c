package english

import "testing"

func TestEnglish(t *testing.T) {
	tests := []struct{ got, want string }{
		{Plural(1, "has", "have"), "has"},
		{Plural(0, "has", "have"), "have"},
		{Plural(2, "has", "have"), "have"},
		{Count(1, "entry", "entries"), "1 entry"},
		{Count(0, "entry", "entries"), "0 entries"},
		{Count(12, "entry", "entries"), "12 entries"},
		{Times(1), "once"},
		{Times(3), "3 times"},
		{Times(0), "0 times"},
		{List(nil), ""},
		{List([]string{"a"}), "a"},
		{List([]string{"a", "b"}), "a and b"},
		{List([]string{"a", "b", "c"}), "a, b and c"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}
