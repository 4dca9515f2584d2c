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

// EmbeddedSet is a folder of YAML files compiled into the binary: the
// built-in lexicons, or the built-in credibility rules.
type EmbeddedSet struct {
	FS   fs.FS
	Dir  string // folder in FS holding NAME.yaml files
	What string // what the files are, for messages: "lexicon"
}

// Names returns the names of the embedded files, sorted.
func (e EmbeddedSet) Names() []string {
	files, _ := fs.Glob(e.FS, e.Dir+"/*.yaml")
	names := make([]string, 0, len(files))
	for _, f := range files {
		names = append(names, strings.TrimSuffix(path.Base(f), ".yaml"))
	}
	sort.Strings(names)
	return names
}

// Source returns the YAML text of the embedded file name.
func (e EmbeddedSet) Source(name string) ([]byte, error) {
	data, err := fs.ReadFile(e.FS, e.Dir+"/"+name+".yaml")
	if err != nil {
		return nil, fmt.Errorf("no built-in %s %q (built-in: %s)", e.What, name, strings.Join(e.Names(), ", "))
	}
	return data, nil
}

// IsFileRef reports whether ref, as given to a --lexicon or --credibility
// flag, names a file rather than a built-in: it contains a path separator,
// ends in .yaml or .yml, or is an existing file.
func IsFileRef(ref string) bool {
	if strings.ContainsRune(ref, os.PathSeparator) || strings.ContainsRune(ref, '/') ||
		strings.HasSuffix(ref, ".yaml") || strings.HasSuffix(ref, ".yml") {
		return true
	}
	_, err := os.Stat(ref)
	return err == nil
}

var builtinSet = EmbeddedSet{FS: builtin, Dir: "lexicons", What: "lexicon"}

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
// a file (see IsFileRef), the lexicon in that file.
func Load(ref string) (*Lexicon, error) {
	if IsFileRef(ref) {
		return LoadFile(ref)
	}
	data, err := BuiltinSource(ref)
	if err != nil {
		return nil, err
	}
	return Parse("embedded:"+ref+".yaml", data)
}
