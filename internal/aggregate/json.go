package aggregate

import (
	"encoding/json"
	"io"
)

// writeComparisonJSON writes c as it is, indented, with <, > and & as
// written (the output is data, not HTML).
func writeComparisonJSON(w io.Writer, c *Comparison) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(c)
}
