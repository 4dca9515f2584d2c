package annotate

import (
	"bytes"
	_ "embed"
	"html/template"
	"io"
	"strings"

	"github.com/compare-tool/compare/internal/view"
)

//go:embed handout.html.tmpl
var handoutTemplate string

// HandoutCSS is the handout's style sheet, for pages that show a
// handout's body (HandoutBody) inside their own.
//
//go:embed handout.css
var HandoutCSS string

// HandoutCSP is the handout page's Content-Security-Policy: no script,
// no request of any kind, styles inline.
const HandoutCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

var handoutTmpl = template.Must(template.New("handout").Funcs(template.FuncMap{
	"cite":      Cite,
	"noteVoice": noteVoice,
	"leanMark":  func(n view.Note) string { return view.LeanMark[n.Level+2] },
	"join":      func(s []string) string { return clean(strings.Join(s, "; ")) },
	"markClass": markClass,
}).Parse(handoutTemplate))

// LeanClass is the HTML class of a term of lean level (record.LeanLevel)
// in the handout's style sheet (HandoutCSS): lean-neg, lean-pos, or
// lean-none for a loaded term without lean.
func LeanClass(level int) string {
	switch {
	case level < 0:
		return "lean-neg"
	case level > 0:
		return "lean-pos"
	}
	return "lean-none"
}

// markClass is the HTML class of a marked term: its lean's side, its
// strength, its voice.
func markClass(p Piece) string {
	c := LeanClass(p.Note.Level)
	if p.Note.Level == -2 || p.Note.Level == 2 {
		c += " strong"
	}
	return c + " voice-" + string(p.Voice)
}

// handoutData is what the template reads; the can-and-cannot lists come
// from view.
type handoutData struct {
	*Handout
	CanTell, CannotTell []string
}

// HandoutBody renders the handout's body (no <html>, <head> or style
// sheet: see HandoutCSS), all text escaped by html/template.
func (h *Handout) HandoutBody() (template.HTML, error) {
	var b bytes.Buffer
	if err := handoutTmpl.ExecuteTemplate(&b, "body", handoutData{h, view.CanTell, view.CannotTell}); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil // escaped by html/template
}

func (h *Handout) writeHTML(w io.Writer) error { return h.writeHTMLPage(w, "page", nil) }

// writeHTMLPage writes the template name ("page": the handout, with the
// questions answered when qs is not empty; "student": an exercise's sheet)
// as a whole page.
func (h *Handout) writeHTMLPage(w io.Writer, name string, qs []Question) error {
	var b bytes.Buffer
	err := handoutTmpl.ExecuteTemplate(&b, name, struct {
		H         handoutData
		CSP       string
		CSS       template.CSS
		Questions []Question
	}{handoutData{h, view.CanTell, view.CannotTell}, HandoutCSP, template.CSS(HandoutCSS), qs})
	if err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}
