package golden

import "testing"

func TestDiff(t *testing.T) {
	tests := []struct{ name, got, want, msg string }{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"column", "a\nbxc\n", "a\nbyc\n", "f:2:2 differs:\n got …bxc\nwant …byc\n(run go test -update if the change is intended)"},
		{"longer", "a\nb\nc", "a\nb", "f: got 3 lines, want 2 (run go test -update if the change is intended)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Diff("f", tt.got, tt.want); got != tt.msg {
				t.Errorf("Diff = %q, want %q", got, tt.msg)
			}
		})
	}
}
