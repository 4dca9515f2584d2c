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

func TestStopword(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"the", true},
		{"of", true},
		{"said", true},
		{"us", false}, // folds like "US"
		{"regime", false},
		{"mullahs", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := Stopword(tt.word); got != tt.want {
				t.Errorf("Stopword(%q) = %v, want %v", tt.word, got, tt.want)
			}
			if got := Stopword([]byte(tt.word)); got != tt.want {
				t.Errorf("Stopword([]byte(%q)) = %v, want %v", tt.word, got, tt.want)
			}
		})
	}
}
