package lexicon

import (
	"regexp"
	"strconv"
	"strings"
)

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// yamlErrLine pulls the line number out of a go-yaml error message.
func yamlErrLine(err error) int {
	return yamlErrLineMsg(err.Error(), 0)
}

func yamlErrLineMsg(msg string, fallback int) int {
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil {
			return n
		}
	}
	return fallback
}

var yamlPrefixRE = regexp.MustCompile(`^(yaml: )?(line \d+: )?`)

func cleanYAMLErr(err error) string { return cleanYAMLMsg(err.Error()) }

// cleanYAMLMsg drops the "yaml: line N:" prefix, since our messages carry
// the line in file:line form, and names Go types the way a lexicon author
// knows them.
func cleanYAMLMsg(msg string) string {
	msg = yamlPrefixRE.ReplaceAllString(msg, "")
	r := strings.NewReplacer("into float64", "into a number", "into []string", "into a list of strings",
		"into map[string]float64", "into a mapping of numbers", "into string", "into text",
		"into lexicon.Entry", "into an entry", "into lexicon.Target", "into a target", "into lexicon.Axis", "into an axis")
	return r.Replace(msg)
}
