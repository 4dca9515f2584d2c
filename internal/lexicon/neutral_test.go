package lexicon_test

import (
	"testing"

	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
)

// TestBuiltinNeutral checks the README's promise that every loaded entry
// of a built-in lexicon offers a neutral wording. An entry is loaded by
// the one rule, record.IsLoaded, applied to its valence and leans (what
// the scorer turns into the contributions of its matches).
func TestBuiltinNeutral(t *testing.T) {
	for _, name := range lexicon.Builtin() {
		t.Run(name, func(t *testing.T) {
			lex, err := lexicon.Load(name)
			if err != nil {
				t.Fatal(err)
			}
			loaded := 0
			for _, e := range lex.Entries {
				if !record.IsLoaded(e.Valence, e.Lean) {
					continue
				}
				loaded++
				if len(e.Neutral) == 0 {
					t.Errorf("%s:%d: loaded entry %q has no neutral alternative", lex.File, e.Line, e.ID)
				}
			}
			if loaded == 0 {
				t.Errorf("%s has no loaded entry", name)
			}
		})
	}
}
