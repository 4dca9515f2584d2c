package annotate

import (
	"fmt"
	"io"
	"strings"

	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/view"
)

// Question is one question of an exercise, with its answer for the key.
type Question struct {
	Ask, Answer string
}

// maxPerKind caps the questions of each kind, so that a long article
// gives a worksheet and not a test.
const maxPerKind = 3

// Questions generates an exercise's questions from the article's own
// loaded terms (h.Notes): how it names each target, what a neutral word
// would change, whose words the quoted or distanced terms are, and which
// way the whole leans. The answers come from the lexicon.
func (h *Handout) Questions() []Question {
	var qs []Question
	if len(h.Notes.Items) == 0 {
		return []Question{{
			Ask:    "The lexicon found no word that takes a side. Do you find any? Which words would you add to it, and why?",
			Answer: "No loaded term: the article names the actors in words the lexicon counts as neutral, or in words it does not list.",
		}}
	}
	// How each target is named.
	var targets []string
	byTarget := map[string][]string{}
	for _, n := range h.Notes.Items {
		if _, ok := byTarget[n.Target]; !ok {
			targets = append(targets, n.Target)
		}
		byTarget[n.Target] = append(byTarget[n.Target], fmt.Sprintf("“%s” (%s)", clean(n.Match.Text), n.Lean))
	}
	for _, t := range targets[:min(len(targets), maxPerKind)] {
		qs = append(qs, Question{
			Ask:    fmt.Sprintf("Underline every word the article uses to name %s. Which of them take a side, and whose?", clean(t)),
			Answer: strings.Join(byTarget[t], "; ") + ".",
		})
	}
	// What a neutral word would change: the outlet's own words first.
	k := 0
	for _, own := range []bool{true, false} {
		for _, n := range h.Notes.Items {
			if len(n.Neutral) == 0 || (n.Match.Voice == record.Author) != own || k == maxPerKind {
				continue
			}
			k++
			a := "A neutral word: " + clean(strings.Join(n.Neutral, "; ")) + "."
			if n.Teaching != "" {
				a += " " + clean(n.Teaching)
			}
			qs = append(qs, Question{
				Ask:    fmt.Sprintf("The article writes “%s”. Which more neutral word could a reporter use, and what would the reader then not be told?", clean(n.Match.Text)),
				Answer: a,
			})
		}
	}
	// Whose words the quoted and distanced terms are.
	k = 0
	for _, n := range h.Notes.Items {
		if n.Match.Voice == record.Author || k == maxPerKind {
			continue
		}
		k++
		qs = append(qs, Question{
			Ask:    fmt.Sprintf("Whose word is “%s”: the outlet's, or someone it quotes or keeps at a distance? Does it matter?", clean(n.Match.Text)),
			Answer: "It is " + noteVoice(&n) + ".",
		})
	}
	// The whole.
	var own []string
	for _, n := range h.Notes.Items {
		if n.Match.Voice == record.Author && n.Level != 0 {
			own = append(own, fmt.Sprintf("“%s” %s", clean(n.Match.Text), view.LeanMark[n.Level+2]))
		}
	}
	answer := strings.Join(h.Stance, "; ") + "."
	if len(own) > 0 {
		answer += " The outlet's own words that take a side: " + strings.Join(own, ", ") + "."
	}
	qs = append(qs, Question{
		Ask:    "Toward whose vocabulary does the article lean, if any? Which words tell you, and which words would you need to see to be sure?",
		Answer: answer,
	})
	return qs
}

// WriteExercise writes the two halves of an exercise in format f: the
// student's sheet to student (the article without marks, room to
// underline, a table to fill, the questions) and the key to key (the
// handout with the questions answered). lex may be nil.
func WriteExercise(student, key io.Writer, r *record.Record, lex *lexicon.Lexicon, f Format) error {
	h := NewHandout(r, lex)
	qs := h.Questions()
	switch f {
	case HTML:
		if err := h.writeHTMLPage(student, "student", qs); err != nil {
			return err
		}
		return h.writeHTMLPage(key, "page", qs)
	case Markdown, Text:
		md := f == Markdown
		if err := h.writeStudentText(student, qs, md); err != nil {
			return err
		}
		if err := h.writeText(key, md); err != nil {
			return err
		}
		return writeAnswers(key, qs, md)
	}
	return fmt.Errorf("unknown handout format %q (want html, md or text)", f)
}

// writeStudentText writes the student's sheet as text or Markdown.
func (h *Handout) writeStudentText(w io.Writer, qs []Question, md bool) error {
	var b strings.Builder
	esc := func(s string) string { return s }
	if md {
		esc = escapeMarkdown
	}
	b.WriteString(textTitle(h.Title, md))
	if h.Outlet != "" {
		b.WriteString(esc(h.Outlet) + "\n\n")
	}
	b.WriteString(esc("Read the article. Underline the words it uses to name the people, groups, states and events it writes about, and write beside each whose vocabulary you think it is.") + "\n\n")
	for _, para := range h.Paragraphs {
		for _, p := range para {
			b.WriteString(esc(p.Text))
		}
		b.WriteString("\n\n")
	}
	if md {
		b.WriteString("## Questions\n\n")
	} else {
		b.WriteString("Questions\n---------\n\n")
	}
	for i, q := range qs {
		fmt.Fprintf(&b, "%d. %s\n\n   ________________________________________________\n\n", i+1, esc(q.Ask))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeAnswers ends a text or Markdown key with the questions answered.
func writeAnswers(w io.Writer, qs []Question, md bool) error {
	var b strings.Builder
	esc := func(s string) string { return s }
	if md {
		esc = escapeMarkdown
		b.WriteString("\n## Questions and answers\n\n")
	} else {
		b.WriteString("\nQuestions and answers\n---------------------\n\n")
	}
	for i, q := range qs {
		fmt.Fprintf(&b, "%d. %s\n   Answer: %s\n", i+1, esc(q.Ask), esc(q.Answer))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
