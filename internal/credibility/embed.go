package credibility

import (
	"embed"
	"fmt"

	"github.com/compare-tool/compare/internal/rulefile"
)

//go:embed rules/*.yaml
var builtin embed.FS

// Default is the name of the rules used when none are named.
const Default = "default"

var builtinSet = rulefile.EmbeddedSet{FS: builtin, Dir: "rules", What: "rules"}

// Builtin returns the names of the embedded rule sets, sorted.
func Builtin() []string { return builtinSet.Names() }

// BuiltinSource returns the YAML text of an embedded rule set.
func BuiltinSource(name string) ([]byte, error) {
	data, err := builtinSet.Source(name)
	if err != nil {
		return nil, fmt.Errorf("credibility: %w", err)
	}
	return data, nil
}

// Load returns the embedded rules with the given name or, when ref names
// an existing file or contains a path separator or a .yaml/.yml suffix,
// the rules in that file. An empty ref means Default.
func Load(ref string) (*Rules, error) {
	if ref == "" {
		ref = Default
	}
	if rulefile.IsFileRef(ref) {
		return LoadFile(ref)
	}
	data, err := BuiltinSource(ref)
	if err != nil {
		return nil, err
	}
	return Parse("embedded:"+ref+".yaml", data)
}
