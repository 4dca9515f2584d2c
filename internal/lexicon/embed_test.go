package lexicon

import "testing"

// TestBuiltinLexicons checks every embedded lexicon and the promises the
// README makes about them: each entry explains itself and offers a
// neutral wording when it is loaded (see TestBuiltinNeutral).
func TestBuiltinLexicons(t *testing.T) {
	names := Builtin()
	if len(names) == 0 {
		t.Fatal("no built-in lexicons")
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			lex, err := Load(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range lex.Entries {
				if e.Note == "" {
					t.Errorf("%s:%d: entry %q has no note", lex.File, e.Line, e.ID)
				}
			}
			m := Compile(lex)
			if m.Len() == 0 {
				t.Errorf("%s compiles to no patterns", name)
			}
		})
	}
}
