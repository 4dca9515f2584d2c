// Package rulefile holds what every rule file of compare shares: framing
// lexicons (package lexicon), credibility rules (package credibility),
// outlet metadata and debris rules (package corpus) and quanteda
// dictionaries (package dictionary).
//
// A researcher fixes a rule file in one pass when every problem names its
// place, so problems are collected, not returned one by one: a Problem is
// one finding at a line, a *CheckError lists them and reads
// "file:line: message", one a line.
//
// ParseYAML reads a rule file's YAML tree, and a Decoder walks it node by
// node (Text, Bool, List, Mapping, or Decode into a Go value), recording a
// Problem at the node's line for every value of the wrong shape. This
// package is the one place that turns the errors of go.yaml.in/yaml/v3 into
// lines and messages: go-yaml (v3) puts positions only into its message
// text ("yaml: line 3: …", and "line 3: …" for each message of a
// *yaml.TypeError), so AddYAMLError reads them from there and words Go type
// names the way a YAML author knows them ("into a number").
//
// EmbeddedSet serves rule files compiled into the binary (the built-in
// lexicons and credibility rules), and IsFileRef tells a file from the name
// of a built-in one. YAMLString, YAMLNumber and YAMLList write the scalars
// of the rule files compare writes (lexicon import and suggest), so that
// they read back as written.
package rulefile
