package lexicon

import (
	"strings"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/english"
	"github.com/compare-tool/compare/internal/phrase"
)

// Name returns what to call the entry where one name must stand for all
// its forms (a chart legend, a map point, a table row): its Label, or, for
// an entry without one, its first form. A checked lexicon only has entries
// without a label whose forms are all alike their first (see Alike), so the
// first form then says what each of them says.
//
// A name is never evidence of what an outlet wrote: outputs show the forms
// that matched beside it.
func (e *Entry) Name() string {
	if e.Label != "" {
		return e.Label
	}
	if len(e.Terms) == 0 {
		return e.ID
	}
	return e.Terms[0]
}

// Alike reports whether two surface forms say the same thing in other
// words: the content words of one are all among the content words of the
// other. Content words are a form's words folded as the matcher folds them
// (so "Assad’s" is "assad"), split at hyphens ("pro-Assad" is "pro" and
// "assad"), without the function words of english.Stopword ("the", "of"),
// and with a plural -s dropped from words of more than three letters
// ("mullahs" is "mullah"); a word ending in * stands for every word it
// begins. So "regime of the mullahs" and "mullahs' regime" are alike, as
// are "Rouhani" and "President Rouhani"; "Hassan Rouhani" and "Ebrahim
// Raisi" are not, nor are "Hassan Rouhani" and "President Rouhani" (each
// has a word the other lacks), nor "mullahs' regime" and "mullahs'
// dictatorship".
func Alike(a, b string) bool { return alike(contentWords(a), contentWords(b)) }

// alike is Alike for two forms' content words.
func alike(wa, wb []contentWord) bool { return within(wa, wb) || within(wb, wa) }

// contentWord is a content word of a form; glob when it ended in *.
type contentWord struct {
	text string
	glob bool
}

func contentWords(form string) []contentWord {
	var out []contentWord
	for _, w := range phrase.Words(form) {
		parts := strings.Split(w.Text, "-")
		for i, p := range parts {
			if p == "" || english.Stopword(p) {
				continue
			}
			glob := w.Glob && i == len(parts)-1
			if !glob && utf8.RuneCountInString(p) > 3 && strings.HasSuffix(p, "s") && !strings.HasSuffix(p, "ss") {
				p = p[:len(p)-1]
			}
			out = append(out, contentWord{p, glob})
		}
	}
	return out
}

// within reports whether every word of a is a word of b.
func within(a, b []contentWord) bool {
	for _, x := range a {
		found := false
		for _, y := range b {
			if x.text == y.text || x.glob && strings.HasPrefix(y.text, x.text) || y.glob && strings.HasPrefix(x.text, y.text) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// unlikeForms returns the forms of e that are not alike its first form.
func (e *Entry) unlikeForms() []string {
	var out []string
	first := contentWords(e.Terms[0])
	for _, t := range e.Terms[1:] {
		if !alike(first, contentWords(t)) {
			out = append(out, t)
		}
	}
	return out
}
