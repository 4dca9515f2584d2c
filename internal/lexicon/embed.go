package lexicon

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
)

//go:embed lexicons/*.yaml
var builtin embed.FS

// Default is the name of the lexicon used when none is named.
const Default = "iran-syria"

// Builtin returns the names of the embedded lexicons, sorted.
func Builtin() []string {
	files, _ := fs.Glob(builtin, "lexicons/*.yaml")
	names := make([]string, 0, len(files))
	for _, f := range files {
		names = append(names, strings.TrimSuffix(path.Base(f), ".yaml"))
	}
	sort.Strings(names)
	return names
}

// BuiltinSource returns the YAML text of an embedded lexicon.
func BuiltinSource(name string) ([]byte, error) {
	data, err := builtin.ReadFile("lexicons/" + name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("lexicon: no built-in lexicon %q (built-in: %s)", name, strings.Join(Builtin(), ", "))
	}
	return data, nil
}

// Load returns the embedded lexicon with the given name or, when ref names
// an existing file or contains a path separator or .yaml/.yml suffix, the
// lexicon in that file.
func Load(ref string) (*Lexicon, error) {
	if looksLikeFile(ref) {
		return LoadFile(ref)
	}
	data, err := BuiltinSource(ref)
	if err != nil {
		return nil, err
	}
	return Parse("embedded:"+ref+".yaml", data)
}

func looksLikeFile(ref string) bool {
	if strings.ContainsRune(ref, os.PathSeparator) || strings.HasSuffix(ref, ".yaml") || strings.HasSuffix(ref, ".yml") {
		return true
	}
	_, err := os.Stat(ref)
	return err == nil
}
