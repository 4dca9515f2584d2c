// Package serve is `compare serve`: a local web page for the classroom,
// where a teacher pastes an article or drops a file, picks a lexicon
// (built-in, or a YAML file checked with the messages of `compare lexicon
// check`), and sees the article annotated with numbered notes (package
// annotate's handout); a second article, the same event told by another
// outlet, is laid beside it target by target (sameevent.Compare), and a
// print button gives the handout.
//
// The page needs no script and no network: everything it shows is
// rendered on the server by html/template, with the report's kind of
// Content-Security-Policy (no script at all here). Nothing is written to
// disk: request bodies are read into memory, at most Options.MaxBody
// bytes of them, and a larger one gets a page that says so (413).
package serve

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"mime"
	"net"
	"net/http"
	"path"
	"slices"
	"strings"

	"github.com/compare-tool/compare/internal/annotate"
	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/lexicon"
	"github.com/compare-tool/compare/internal/record"
	"github.com/compare-tool/compare/internal/sameevent"
	"github.com/compare-tool/compare/internal/stance"
	"github.com/compare-tool/compare/internal/view"
)

// DefaultMaxBody is the request size limit when Options.MaxBody is 0:
// ample for an article, a saved page and a lexicon.
const DefaultMaxBody = 4 << 20

// CSP is the page's Content-Security-Policy: no script, no request but
// the form's own, styles inline, no framing.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Options configure the server.
type Options struct {
	// MaxBody is the largest request body read, in bytes; 0 means
	// DefaultMaxBody.
	MaxBody int64
	// Loopback refuses (421) requests whose Host is not this computer
	// (localhost, 127.0.0.0/8, ::1): a server bound to loopback then
	// cannot be reached through a name that points there by DNS
	// rebinding, from another site's page.
	Loopback bool
}

// Server serves the page. Its zero value is not usable: see New.
type Server struct {
	maxBody  int64
	loopback bool
	builtin  map[string]*lexicon.Matcher
	names    []string
	mux      *http.ServeMux
	template *template.Template
}

//go:embed page.html.tmpl
var pageTemplate string

//go:embed page.css
var pageCSS string

// New compiles the built-in lexicons once and returns the server.
func New(opt Options) (*Server, error) {
	s := &Server{maxBody: opt.MaxBody, loopback: opt.Loopback, builtin: map[string]*lexicon.Matcher{}, names: lexicon.Builtin(), mux: http.NewServeMux()}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBody
	}
	for _, name := range s.names {
		lex, err := lexicon.Load(name)
		if err != nil {
			return nil, err
		}
		s.builtin[name] = lexicon.Compile(lex)
	}
	s.template = template.Must(template.New("page").Funcs(template.FuncMap{
		"bytes": func(n int64) string { return corpus.FormatBytes(n) },
	}).Parse(pageTemplate))
	s.mux.HandleFunc("GET /{$}", s.page)
	s.mux.HandleFunc("POST /{$}", s.annotate)
	s.mux.HandleFunc("POST /handout", s.handout)
	return s, nil
}

// ServeHTTP serves the page, with the headers that keep it inert.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", CSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cache-Control", "no-store")
	if s.loopback && !isLoopbackHost(r.Host) {
		http.Error(w, "compare serve answers only to this computer: open it as http://127.0.0.1 or http://localhost", http.StatusMisdirectedRequest)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// isLoopbackHost reports whether host (a Host header, with or without a
// port) names this computer.
func isLoopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// pageData is what the page template reads.
type pageData struct {
	CSS, HandoutCSS template.CSS
	Lexicons        []string
	MaxBody         int64
	Form            form
	Errors          []string
	Warnings        []string
	Articles        []template.HTML // each a handout's body
	Side            *sideView
}

// form is what the teacher sent, shown again in the form.
type form struct {
	Lexicon       string
	LexiconFile   string
	Text, Outlet  [2]string
	Title, Source [2]string
}

func (s *Server) render(w http.ResponseWriter, status int, d pageData) {
	d.CSS, d.HandoutCSS = template.CSS(pageCSS), template.CSS(annotate.HandoutCSS)
	d.Lexicons, d.MaxBody = s.names, s.maxBody
	if d.Form.Lexicon == "" {
		d.Form.Lexicon = lexicon.Default
	}
	var b bytes.Buffer
	if err := s.template.Execute(&b, d); err != nil {
		http.Error(w, "compare serve: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

func (s *Server) page(w http.ResponseWriter, r *http.Request) { s.render(w, http.StatusOK, pageData{}) }

// request is a form as read: its fields and its files, in memory.
type request struct {
	values map[string]string
	files  map[string]upload
}

type upload struct {
	name string
	data []byte
}

// read reads the form, at most s.maxBody bytes of it, into memory
// (http.Request.ParseMultipartForm would put large files on disk).
func (s *Server) read(w http.ResponseWriter, r *http.Request) (*request, error) {
	r.Body = http.MaxBytesReader(w, r.Body, s.maxBody)
	req := &request{values: map[string]string{}, files: map[string]upload{}}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
		for k, v := range r.PostForm {
			req.values[k] = v[0]
		}
		return req, nil
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, err
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return req, nil
		}
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return nil, err
		}
		if part.FileName() != "" {
			if len(data) > 0 {
				req.files[part.FormName()] = upload{name: path.Base(part.FileName()), data: data}
			}
			continue
		}
		req.values[part.FormName()] = string(data)
	}
}

// readError answers a request that could not be read: too large (413,
// with the limit), or malformed (400).
func (s *Server) readError(w http.ResponseWriter, err error) {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		s.render(w, http.StatusRequestEntityTooLarge, pageData{Errors: []string{fmt.Sprintf(
			"The request is larger than the limit of %s: paste a shorter article, or drop a smaller file (the limit is compare serve --max-body).",
			corpus.FormatBytes(s.maxBody))}})
		return
	}
	s.render(w, http.StatusBadRequest, pageData{Errors: []string{"The form could not be read: " + err.Error()}})
}

// prepared is a request made ready: the lexicon and the scored articles.
type prepared struct {
	form     form
	lex      *lexicon.Lexicon
	records  []*record.Record
	errors   []string
	warnings []string
}

// prepare reads the lexicon and the (one or two) articles of req and
// scores them.
func (s *Server) prepare(ctx context.Context, req *request) *prepared {
	p := &prepared{}
	f := &p.form
	f.Lexicon = req.values["lexicon"]
	var m *lexicon.Matcher
	if up, ok := req.files["lexicon-file"]; ok {
		f.LexiconFile = up.name
		lex, err := lexicon.Parse(up.name, up.data)
		if err != nil {
			// The messages of compare lexicon check: file:line: message.
			p.errors = append(p.errors, "The lexicon "+up.name+" has problems:\n"+err.Error())
			return p
		}
		m = lexicon.Compile(lex)
	} else {
		if f.Lexicon == "" {
			f.Lexicon = lexicon.Default
		}
		m = s.builtin[f.Lexicon]
		if m == nil {
			p.errors = append(p.errors, fmt.Sprintf("There is no built-in lexicon %q (there are %s).", f.Lexicon, strings.Join(s.names, ", ")))
			return p
		}
	}
	p.lex = m.Lexicon
	scorer := stance.NewScorer(m)
	for i := range 2 {
		n := fmt.Sprint(i + 1)
		f.Text[i], f.Outlet[i], f.Title[i] = req.values["text"+n], strings.TrimSpace(req.values["outlet"+n]), strings.TrimSpace(req.values["title"+n])
		name, data, format := "pasted text", []byte(f.Text[i]), "txt"
		if up, ok := req.files["file"+n]; ok {
			name, data, format = up.name, up.data, formatOf(up.name)
			f.Source[i] = up.name
		} else if strings.TrimSpace(f.Text[i]) == "" {
			if i == 0 {
				p.errors = append(p.errors, "Paste an article, or drop a file (.txt, .html or .json) on the first article's file field.")
			}
			continue
		}
		a, warnings, err := readArticle(ctx, name, data, format, f.Outlet[i] != "")
		p.warnings = append(p.warnings, warnings...)
		if err != nil {
			p.errors = append(p.errors, fmt.Sprintf("Article %d: %v", i+1, err))
			continue
		}
		if f.Outlet[i] != "" {
			a.Outlet = f.Outlet[i]
		}
		if f.Title[i] != "" {
			a.Title = f.Title[i]
		}
		if a.Title == "" {
			a.Title = fmt.Sprintf("Article %d", i+1)
		}
		a.ID = fmt.Sprintf("article-%d", i+1)
		p.records = append(p.records, scorer.Score(a))
	}
	return p
}

// formatOf is the corpus format of a dropped file, by its extension; ""
// lets corpus detect it.
func formatOf(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".md", ".text":
		return "txt"
	case ".html", ".htm":
		return "html"
	case ".json":
		return "json"
	case ".jsonl", ".ndjson":
		return "jsonl"
	}
	return ""
}

// readArticle reads the first article of data with package corpus, as
// compare reads standard input, and returns its problems as sentences
// naming the file. A missing outlet is no problem when the form gives
// one.
func readArticle(ctx context.Context, name string, data []byte, format string, hasOutlet bool) (*corpus.Article, []string, error) {
	var first *corpus.Article
	n := 0
	var problems []string
	var skipped []string
	_, err := corpus.Read(ctx, []string{"-"}, corpus.Options{Stdin: bytes.NewReader(data), StdinFormat: format}, func(a *corpus.Article) error {
		n++
		if first == nil {
			first = a
		}
		return nil
	}, func(p corpus.Problem) {
		if p.Reason == corpus.ReasonMissingOutlet && hasOutlet {
			return
		}
		p.File = name
		if p.Skipped {
			skipped = append(skipped, p.String())
			return
		}
		problems = append(problems, p.String())
	})
	if err != nil {
		return nil, problems, err
	}
	if first == nil {
		if len(skipped) > 0 {
			return nil, problems, errors.New(strings.Join(skipped, "; "))
		}
		return nil, problems, fmt.Errorf("%s holds no article", name)
	}
	problems = append(problems, skipped...)
	if n > 1 {
		problems = append(problems, fmt.Sprintf("%s holds %d articles: the first is shown", name, n))
	}
	return first, problems, nil
}

func (s *Server) annotate(w http.ResponseWriter, r *http.Request) {
	req, err := s.read(w, r)
	if err != nil {
		s.readError(w, err)
		return
	}
	p := s.prepare(r.Context(), req)
	d := pageData{Form: p.form, Errors: p.errors, Warnings: p.warnings}
	for i, rec := range p.records {
		h := annotate.NewHandout(rec, p.lex)
		h.Anchor = fmt.Sprintf("a%d-note", i+1)
		body, err := h.HandoutBody()
		if err != nil {
			http.Error(w, "compare serve: "+err.Error(), http.StatusInternalServerError)
			return
		}
		d.Articles = append(d.Articles, body)
	}
	if len(p.records) == 2 {
		d.Side = side(p.records, p.lex)
	}
	status := http.StatusOK
	if len(p.errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, status, d)
}

// handout answers the print button: the handout page of the article the
// button names (1 or 2), to print from the browser.
func (s *Server) handout(w http.ResponseWriter, r *http.Request) {
	req, err := s.read(w, r)
	if err != nil {
		s.readError(w, err)
		return
	}
	p := s.prepare(r.Context(), req)
	i := 0
	if r.URL.Query().Get("article") == "2" {
		i = 1
	}
	if len(p.errors) > 0 || i >= len(p.records) {
		errs := p.errors
		if len(errs) == 0 {
			errs = []string{fmt.Sprintf("There is no article %d to print.", i+1)}
		}
		s.render(w, http.StatusUnprocessableEntity, pageData{Form: p.form, Errors: errs, Warnings: p.warnings})
		return
	}
	var b bytes.Buffer
	if err := annotate.WriteHandout(&b, p.records[i], p.lex, annotate.HTML); err != nil {
		http.Error(w, "compare serve: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Security-Policy", annotate.HandoutCSP)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b.Bytes())
}

// sideView is two articles laid side by side, target by target.
type sideView struct {
	Units []sideUnit
	Rows  []sideRow
	Axis  string // the first axis in plain words
}

type sideUnit struct {
	Name, Stance string
}

type sideRow struct {
	Target string
	Cells  [][]sideForm
}

type sideForm struct {
	Text, Mark, Class, Voice string
	Count                    int
}

// side lines up how the two articles name each target, with
// sameevent.Compare, each article its own unit.
func side(recs []*record.Record, lex *lexicon.Lexicon) *sideView {
	arts := make([]sameevent.Article, len(recs))
	for i, r := range recs {
		arts[i] = sameevent.FromRecord(r, "outlet")
		arts[i].Unit = fmt.Sprintf("Article %d · %s", i+1, view.Remove(r.Outlet, view.IsControl))
	}
	cmp := sameevent.Compare(arts, lex)
	// The teacher's order, article 1 first, rather than by stance.
	if len(cmp.Units) == 2 && cmp.Units[0].Unit > cmp.Units[1].Unit {
		slices.Reverse(cmp.Units)
		for _, row := range cmp.Targets {
			slices.Reverse(row.Cells)
		}
	}
	ax := view.FirstAxis(recs[0], lex)
	v := &sideView{Axis: ax.Label}
	for _, u := range cmp.Units {
		var st string
		for _, a := range cmp.Axes {
			if a.ID == ax.ID {
				st = view.PlainStance(ax, u.Stance[a.ID])
			}
		}
		v.Units = append(v.Units, sideUnit{Name: u.Unit, Stance: st})
	}
	for _, row := range cmp.Targets {
		label := row.Label
		if label == "" {
			label = row.Target
		}
		sr := sideRow{Target: label}
		for _, cell := range row.Cells {
			var forms []sideForm
			for _, f := range cell {
				sf := sideForm{Text: view.Remove(f.Text, view.IsControl), Count: f.Count}
				if f.Loaded {
					level := record.LeanLevel(f.Contrib[ax.ID])
					sf.Mark, sf.Class = view.LeanMark[level+2], annotate.LeanClass(level)
				}
				if f.Voice != record.Author {
					sf.Voice = string(f.Voice)
				}
				forms = append(forms, sf)
			}
			sr.Cells = append(sr.Cells, forms)
		}
		v.Rows = append(v.Rows, sr)
	}
	return v
}
