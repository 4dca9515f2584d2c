package lexicon

import "testing"

func TestAlike(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"mullahs' regime", "regime of the mullahs", true}, // same words, function words aside
		{"mullahs’ regime", "mullah regime", true},         // plural -s, curly apostrophe
		{"Rouhani", "President Rouhani", true},             // one form's words within the other's
		{"Assad's regime", "Assad regime", true},           // possessive
		{"pro-Assad forces", "Assad forces", true},         // hyphens split
		{"terrorists", "terrorist groups", true},
		{"mercenar*", "Afghan mercenaries", true}, // a glob stands for the words it begins
		{"Hezbollah", "Hezbollah leader", true},
		{"Hassan Rouhani", "Ebrahim Raisi", false},
		{"Hassan Rouhani", "President Rouhani", false}, // each has a word the other lacks
		{"President Rouhani", "President Raisi", false},
		{"mullahs' regime", "mullahs' dictatorship", false},
		{"Khamenei", "Iran's leaders", false},
		{"Hezbollah", "Hizbollah", false}, // spellings are not told apart
		{"the", "of", true},               // no content words: nothing to tell apart
	}
	for _, tt := range tests {
		t.Run(tt.a+" ~ "+tt.b, func(t *testing.T) {
			if got := Alike(tt.a, tt.b); got != tt.want {
				t.Errorf("Alike(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := Alike(tt.b, tt.a); got != tt.want {
				t.Errorf("Alike(%q, %q) = %v, want %v (Alike is symmetric)", tt.b, tt.a, got, tt.want)
			}
		})
	}
}

func TestEntryName(t *testing.T) {
	tests := []struct {
		name  string
		entry Entry
		want  string
	}{
		{"label", Entry{ID: "iranian-officials", Label: "named Iranian officials", Terms: []string{"Hassan Rouhani", "Ebrahim Raisi"}}, "named Iranian officials"},
		{"alike forms", Entry{ID: "supreme-leader", Terms: []string{"Supreme Leader", "Iran's Supreme Leader"}}, "Supreme Leader"},
		{"no terms", Entry{ID: "x"}, "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.entry.Name(); got != tt.want {
				t.Errorf("Name() = %q, want %q", got, tt.want)
			}
		})
	}
}
