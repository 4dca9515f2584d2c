package serve

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// post sends fields and files (name → file name, content) as the page's
// form does, and returns the status and the page.
func post(t *testing.T, h http.Handler, target string, fields map[string]string, files map[string][2]string) (int, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for k, f := range files {
		w, err := mw.CreateFormFile(k, f[0])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, f[1])
	}
	mw.Close()
	req := httptest.NewRequest("POST", target, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	return rec.Code, rec.Body.String()
}

func newServer(t *testing.T, maxBody int64) *Server {
	t.Helper()
	s, err := New(Options{MaxBody: maxBody})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestServe(t *testing.T) {
	s := newServer(t, 0)
	seed := ""
	if data, err := os.ReadFile("../../../shared/seeds/000_0b915b6a2679d979.txt"); err == nil {
		seed = string(data)
	}
	tests := []struct {
		name   string
		target string
		fields map[string]string
		files  map[string][2]string
		code   int
		want   []string
		not    []string
	}{
		{"page", "/", nil, nil, http.StatusOK, []string{`<textarea id="text1"`, "<option selected>iran-syria</option>"}, nil},
		{"pasted", "/", map[string]string{"text1": "The mullahs' regime sent IRGC mercenaries.", "outlet1": "Exile"}, nil, http.StatusOK,
			[]string{`<mark class="lean-neg strong voice-author"`, "Neutral alternatives: Iranian government; Iran&#39;s leadership.", "Teaching note: Reduces a state to its clergy"},
			[]string{`id="side"`}},
		{"two articles", "/", map[string]string{"text1": "IRGC mercenaries fought.", "outlet1": "Exile", "text2": "Military advisers fought.", "outlet2": "Herald"}, nil, http.StatusOK,
			[]string{`<tr><th>Target</th><th>Article 1 · Exile`, `<mark class="lean-neg">IRGC mercenaries</mark> [−−]`, `<mark class="lean-pos">Military advisers</mark> [&#43;&#43;]`}, nil},
		{"dropped html", "/", nil, map[string][2]string{"file1": {"page.html", `<html><head><title>Strike</title><meta property="og:site_name" content="Herald"></head><body><article><p>` +
			strings.Repeat("The Syrian Arab Army fought terrorists near Homs today. ", 8) + `</p></article></body></html>`}}, http.StatusOK,
			[]string{"<h1>Strike</h1>", `<p class="meta">Herald</p>`, ">terrorists</mark>"}, nil},
		{"dropped json", "/", nil, map[string][2]string{"file1": {"a.json", `{"id":"j","outlet":"O","title":"From JSON","text":"The regime met."}`}}, http.StatusOK,
			[]string{"<h1>From JSON</h1>"}, nil},
		{"own lexicon with problems", "/", map[string]string{"text1": "The regime."}, map[string][2]string{"lexicon-file": {"mine.yaml", "name: mine\nentries:\n  - terms: [x]\n    target: nope\n"}},
			http.StatusUnprocessableEntity, []string{"The lexicon mine.yaml has problems:\nmine.yaml:1: missing version", `mine.yaml:3: entry &#34;x&#34;: unknown target &#34;nope&#34;`}, nil},
		{"own lexicon", "/", map[string]string{"text1": "The regime met."}, map[string][2]string{"lexicon-file": {"tiny.yaml", mustRead(t, "../lexicon/testdata/tiny.yaml")}},
			http.StatusOK, []string{"Lexicon: tiny 1.0.0", "Teaching note: Calls a government illegitimate."}, nil},
		{"nothing pasted", "/", map[string]string{"text1": "  "}, nil, http.StatusUnprocessableEntity, []string{"Paste an article"}, nil},
		{"unknown lexicon", "/", map[string]string{"text1": "x", "lexicon": "nope"}, nil, http.StatusUnprocessableEntity, []string{"There is no built-in lexicon &#34;nope&#34;"}, nil},
		{"handout", "/handout", map[string]string{"text1": "The mullahs' regime met."}, nil, http.StatusOK,
			[]string{"<!DOCTYPE html>", "What this can and cannot tell", "Teaching note:"}, []string{"<form"}},
		{"handout of the second", "/handout?article=2", map[string]string{"text1": "The regime met.", "text2": "Military advisers met.", "title2": "Second"}, nil, http.StatusOK,
			[]string{"<h1>Second</h1>"}, nil},
		{"seed article", "/", map[string]string{"text1": seed}, nil, http.StatusOK, []string{"<mark class="}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "seed article" && seed == "" {
				t.Skip("seed articles not found")
			}
			var code int
			var page string
			if tt.fields == nil && tt.files == nil {
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, httptest.NewRequest("GET", tt.target, nil))
				code, page = rec.Code, rec.Body.String()
			} else {
				code, page = post(t, s, tt.target, tt.fields, tt.files)
			}
			if code != tt.code {
				t.Errorf("status %d, want %d", code, tt.code)
			}
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("the page lacks %q:\n%s", w, page)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(page, w) {
					t.Errorf("the page has %q", w)
				}
			}
		})
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// A body over the limit is refused with 413 and a sentence naming the
// limit, however it is sent.
func TestServeTooLarge(t *testing.T) {
	s := newServer(t, 1<<10)
	big := strings.Repeat("The regime. ", 200)
	code, page := post(t, s, "/", map[string]string{"text1": big}, nil)
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(page, "The request is larger than the limit of 1 KiB") {
		t.Errorf("multipart: status %d:\n%s", code, page)
	}
	req := httptest.NewRequest("POST", "/", strings.NewReader("text1="+big))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("urlencoded: status %d", rec.Code)
	}
}

// Bound to loopback, the server answers only requests addressed to this
// computer.
func TestServeLoopbackHost(t *testing.T) {
	s, err := New(Options{Loopback: true})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		host string
		code int
	}{
		{"127.0.0.1:8080", http.StatusOK},
		{"localhost:8080", http.StatusOK},
		{"[::1]:8080", http.StatusOK},
		{"127.0.0.1", http.StatusOK},
		{"attacker.example:8080", http.StatusMisdirectedRequest},
		{"10.0.0.5:8080", http.StatusMisdirectedRequest},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/", nil)
			req.Host = tt.host
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Code != tt.code {
				t.Errorf("Host %s: status %d, want %d", tt.host, rec.Code, tt.code)
			}
		})
	}
}
