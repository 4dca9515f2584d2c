package credibility

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
)

//go:embed rules/*.yaml
var builtin embed.FS

// Default is the name of the rules used when none are named.
const Default = "default"

// Builtin returns the names of the embedded rule sets, sorted.
func Builtin() []string {
	files, _ := fs.Glob(builtin, "rules/*.yaml")
	names := make([]string, 0, len(files))
	for _, f := range files {
		names = append(names, strings.TrimSuffix(path.Base(f), ".yaml"))
	}
	sort.Strings(names)
	return names
}

// BuiltinSource returns the YAML text of an embedded rule set.
func BuiltinSource(name string) ([]byte, error) {
	data, err := builtin.ReadFile("rules/" + name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("credibility: no built-in rules %q (built-in: %s)", name, strings.Join(Builtin(), ", "))
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
	if strings.ContainsRune(ref, os.PathSeparator) || strings.ContainsRune(ref, '/') ||
		strings.HasSuffix(ref, ".yaml") || strings.HasSuffix(ref, ".yml") {
		return true
	}
	_, err := os.Stat(ref)
	return err == nil
}
