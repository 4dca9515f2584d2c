package lexicon

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Describe writes a lexicon for people, as `compare lexicon show` prints
// it: name, version, language and hash, the description, the targets, each
// axis with its poles and weights, then the entries by target with their
// valence, category, leans, neutral alternatives and note.
func Describe(w io.Writer, lex *Lexicon) error {
	bw := bufio.NewWriter(w)
	w = bw
	fmt.Fprintf(w, "%s %s (%s) sha256:%s\n", lex.Name, lex.Version, lex.Language, lex.Hash[:12])
	fmt.Fprintf(w, "%s\n\n", strings.TrimSpace(lex.Description))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TARGET\tLABEL")
	for _, t := range lex.Targets {
		fmt.Fprintf(tw, "%s\t%s\n", t.ID, t.Label)
	}
	tw.Flush()
	for _, a := range lex.Axes {
		fmt.Fprintf(w, "\nAxis %s: %s\n  -1 = %s\n  +1 = %s\n  weights:", a.ID, a.Label, a.Negative, a.Positive)
		for _, t := range lex.Targets {
			if wt, ok := a.Weights[t.ID]; ok {
				fmt.Fprintf(w, " %s=%g", t.ID, wt)
			}
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "\n%d entries\n", len(lex.Entries))
	for _, t := range lex.Targets {
		first := true
		for _, e := range lex.Entries {
			if e.Target != t.ID {
				continue
			}
			if first {
				fmt.Fprintf(w, "\n== %s (%s)\n", t.Label, t.ID)
				first = false
			}
			// A label heads its entry, with the forms it names below.
			head := strings.Join(e.Terms, " | ")
			if e.Label != "" {
				head = e.Label
			}
			fmt.Fprintf(w, "  %-40s %+.1f  %s", head, e.Valence, e.Category)
			for _, ax := range lex.Axes {
				if v, ok := e.Lean[ax.ID]; ok {
					fmt.Fprintf(w, "  lean %s=%+g", ax.ID, v)
				}
			}
			fmt.Fprintln(w)
			if e.Label != "" {
				fmt.Fprintf(w, "      forms: %s\n", strings.Join(e.Terms, " | "))
			}
			if len(e.Neutral) > 0 {
				fmt.Fprintf(w, "      neutral: %s\n", strings.Join(e.Neutral, "; "))
			}
			if e.Note != "" {
				fmt.Fprintf(w, "      %s\n", strings.TrimSpace(e.Note))
			}
		}
	}
	return bw.Flush()
}
