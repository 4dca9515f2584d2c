package rulefile

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
)

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
	slices.Sort(names)
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
