package lexicon

import (
	"embed"
	"fmt"

	"github.com/compare-tool/compare/internal/rulefile"
)

//go:embed lexicons/*.yaml
var builtin embed.FS

// Default is the name of the lexicon used when none is named.
const Default = "iran-syria"

var builtinSet = rulefile.EmbeddedSet{FS: builtin, Dir: "lexicons", What: "lexicon"}

// Builtin returns the names of the embedded lexicons, sorted.
func Builtin() []string { return builtinSet.Names() }

// BuiltinSource returns the YAML text of an embedded lexicon.
func BuiltinSource(name string) ([]byte, error) {
	data, err := builtinSet.Source(name)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	return data, nil
}

// Load returns the embedded lexicon with the given name or, when ref names
// a file (see rulefile.IsFileRef), the lexicon in that file.
func Load(ref string) (*Lexicon, error) {
	if rulefile.IsFileRef(ref) {
		return LoadFile(ref)
	}
	data, err := BuiltinSource(ref)
	if err != nil {
		return nil, err
	}
	return Parse("embedded:"+ref+".yaml", data)
}
