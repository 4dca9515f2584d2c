package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// readHTML reads a saved web page. The main text, title, byline and site
// name come from go-readability (a port of Firefox Reader View), which
// drops navigation, ads, share bars and comment sections. The URL comes
// from the canonical link or og:url, and site names the library misses
// from further meta tags. The publication date is the text of the page's
// JSON-LD datePublished, of a meta tag or of the first <time datetime>,
// kept as written (see scanMeta) for Read to parse. The outlet is the site name, else
// the URL's host, else the parent folder's name.
//
// A page nested deeper than the HTML parser allows (MaxHTMLDepth) is
// skipped as too-deeply-nested; one too large or too deeply nested for
// article extraction to finish quickly (maxExtractElements,
// maxExtractWork) is read as all its visible text, with a warning.
func (r *run) readHTML(src *source, br *bufio.Reader) error {
	data, ok := r.readAll(src, br)
	if !ok {
		return nil
	}
	data, repaired := decodeHTML(data)
	rec := record{src: src, raw: data, repaired: repaired, id: src.rel}
	a, fallback, err := extractHTML(data)
	if err != nil {
		r.skip(Problem{File: src.name, Reason: ReasonTooDeep, Message: err.Error(), Record: clip(data)})
		return nil
	}
	if fallback != "" && strings.TrimSpace(a.Text) != "" {
		r.warn(Problem{File: src.name, Reason: ReasonNoArticle, Message: fallback + "; read all its visible text"})
	}
	if a.Outlet == "" {
		a.Outlet = src.folder
	}
	return r.finish(a, rec)
}

// MaxHTMLDepth is how deeply elements may nest in an HTML page: the limit
// of golang.org/x/net/html, which refuses deeper pages (parsing them took
// time quadratic in their size before the limit; CVE-2025-47911).
const MaxHTMLDepth = 512

// Article extraction (go-readability) takes time proportional to the
// page's elements and to its text times the depth at which the text is
// nested: it measures the text under every candidate element. Pages past
// these bounds (far beyond real news pages, where tens of thousands of
// elements and text tens deep are usual) are read as their visible text,
// which takes linear time.
const (
	maxExtractElements = 100_000
	maxExtractWork     = 64 << 20 // bytes of text × the number of elements around them
)

// decodeHTML returns the page as UTF-8. A page that is not valid UTF-8 is
// decoded by its declared charset; without one, invalid bytes are repaired
// (and counted) like other inputs.
func decodeHTML(data []byte) ([]byte, int) {
	if utf8.Valid(data) {
		return data, 0
	}
	head := data[:min(len(data), 1024)]
	enc, name, _ := charset.DetermineEncoding(head, "")
	declared := name != "utf-8" && (name != "windows-1252" || bytes.Contains(bytes.ToLower(head), []byte("charset")))
	if declared {
		if out, err := enc.NewDecoder().Bytes(data); err == nil {
			return out, 0
		}
	}
	return repairUTF8(data)
}

// extractHTML pulls the article out of a page. fallback is "" when the
// extraction library found the article; otherwise it says why the page's
// visible text was used instead. err is set when the page cannot be parsed
// at all (elements nested deeper than MaxHTMLDepth).
func extractHTML(data []byte) (a *Article, fallback string, err error) {
	a = &Article{}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		// html.Parse fails on a byte slice only when the nesting limit is
		// passed ("html: open stack of elements exceeds 512 nodes").
		return nil, "", fmt.Errorf("elements nested more than %d deep; page not read", MaxHTMLDepth)
	}
	meta := scanMeta(doc)
	a.URL = meta.url
	var pageURL *url.URL
	if u, err := url.Parse(meta.url); err == nil && u.IsAbs() {
		pageURL = u
	}

	var art readability.Article
	elements, work := measureHTML(doc)
	switch {
	case elements > maxExtractElements:
		fallback = fmt.Sprintf("page has %d elements, too many for article extraction (limit %d)", elements, maxExtractElements)
	case work > maxExtractWork:
		fallback = "page text is nested too deeply for article extraction"
	default:
		art, err = readability.FromDocument(doc, pageURL)
		if err == nil && art.Node != nil {
			var b strings.Builder
			if art.RenderText(&b) == nil {
				a.Text = tidyText(b.String())
			}
		}
		if strings.TrimSpace(a.Text) == "" {
			fallback = "no article found in the page"
		}
	}
	if fallback != "" {
		a.Text = tidyText(render.InnerText(bodyOf(doc)))
	}
	a.Title = firstNonEmpty(strings.TrimSpace(art.Title()), meta.title)
	a.Author = firstNonEmpty(strings.TrimSpace(art.Byline()), meta.author)
	// The page's own date string is kept as written, as for other formats.
	// (The library's PublishedTime reads the same JSON-LD and meta tags,
	// but loses the text and reads zone names such as EDT as UTC.)
	a.Date = meta.date
	a.Outlet = firstNonEmpty(strings.TrimSpace(art.SiteName()), meta.site)
	if a.Outlet == "" && pageURL != nil {
		a.Outlet = strings.TrimPrefix(pageURL.Hostname(), "www.")
	}
	if lang := firstNonEmpty(strings.TrimSpace(art.Language()), meta.lang); lang != "" {
		a.Meta = map[string]string{"language": lang}
	}
	return a, fallback, nil
}

// measureHTML counts a page's elements and the work of extracting its
// article: the bytes of each text node times the elements around it.
func measureHTML(doc *html.Node) (elements int, work int64) {
	var walk func(n *html.Node, depth int64)
	walk = func(n *html.Node, depth int64) {
		switch n.Type {
		case html.ElementNode:
			elements++
			depth++
		case html.TextNode:
			work += int64(len(n.Data)) * depth
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth)
		}
	}
	walk(doc, 0)
	return elements, work
}

// tidyText trims lines and collapses runs of blank lines into one, so that
// extracted text reads like a plain-text article: paragraphs separated by a
// blank line.
func tidyText(s string) string {
	var b strings.Builder
	blank := false
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(line)
	}
	return b.String()
}

func bodyOf(doc *html.Node) *html.Node {
	var body *html.Node
	walkHTML(doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			body = n
			return false
		}
		return body == nil
	})
	if body == nil {
		return doc
	}
	return body
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// pageMeta is what the page says about itself outside the article text.
type pageMeta struct {
	url, title, author, date, site, lang string
}

// dateMetaKeys are meta names and properties that hold a publication date,
// best first: those the extraction library reads, and more.
var dateMetaKeys = []string{
	"article:published_time", "og:article:published_time", "datepublished",
	"dc.date.issued", "dcterms.issued", "dcterms.available", "dcterms.created", "dc.date", "dcterms.date", "date",
	"pubdate", "publishdate", "publish-date", "publication_date", "sailthru.date",
	"parsely-pub-date", "article.published", "og:published_time", "weibo:article:create_at",
}

// scanMeta reads the head's meta tags, canonical link, <html lang>, the
// first <time datetime> and the datePublished of JSON-LD scripts. The
// date is, best first, JSON-LD's (as the extraction library ranks it), a
// meta tag's (dateMetaKeys), then the <time> element's.
func scanMeta(doc *html.Node) pageMeta {
	var m pageMeta
	values := map[string]string{}
	var timeDate, canonical, titleTag, ldDate string
	walkHTML(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		switch n.DataAtom {
		case atom.Html:
			m.lang = attr(n, "lang")
		case atom.Meta:
			content := strings.TrimSpace(attr(n, "content"))
			if content == "" {
				return true
			}
			for _, k := range []string{attr(n, "property"), attr(n, "name"), attr(n, "itemprop")} {
				k = strings.ToLower(strings.TrimSpace(k))
				if _, seen := values[k]; k != "" && !seen {
					values[k] = content
				}
			}
		case atom.Link:
			if strings.EqualFold(attr(n, "rel"), "canonical") && canonical == "" {
				canonical = strings.TrimSpace(attr(n, "href"))
			}
		case atom.Time:
			if timeDate == "" {
				timeDate = strings.TrimSpace(attr(n, "datetime"))
			}
		case atom.Title:
			if titleTag == "" && n.FirstChild != nil {
				titleTag = strings.TrimSpace(n.FirstChild.Data)
			}
		case atom.Script:
			if ldDate == "" && strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
				ldDate = jsonLDDate(n.FirstChild.Data)
			}
			return false
		case atom.Style:
			return false
		}
		return true
	})
	m.url = firstNonEmpty(canonical, values["og:url"], values["twitter:url"])
	m.title = firstNonEmpty(values["og:title"], values["twitter:title"], titleTag)
	m.author = firstNonEmpty(values["author"], values["article:author"], values["dc.creator"])
	m.site = firstNonEmpty(values["og:site_name"], values["application-name"], values["publisher"])
	m.date = ldDate
	for _, k := range dateMetaKeys {
		if v := values[k]; v != "" && m.date == "" {
			m.date = v
		}
	}
	if m.date == "" {
		m.date = timeDate
	}
	return m
}

// jsonLDDate returns the datePublished of a JSON-LD script: of its object,
// or the first one found among the objects of an array or of an @graph
// list (one level down, where publishers put it). It returns "" when
// there is none or the script is not JSON.
func jsonLDDate(script string) string {
	var v any
	if json.Unmarshal([]byte(script), &v) != nil {
		return ""
	}
	var find func(v any, depth int) string
	find = func(v any, depth int) string {
		switch x := v.(type) {
		case map[string]any:
			if d, ok := x["datePublished"].(string); ok && strings.TrimSpace(d) != "" {
				return strings.TrimSpace(html.UnescapeString(d))
			}
			if depth > 0 {
				return find(x["@graph"], depth-1)
			}
		case []any:
			for _, e := range x {
				if d := find(e, depth); d != "" {
					return d
				}
			}
		}
		return ""
	}
	return find(v, 1)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// walkHTML visits nodes depth first; visit returns false to skip a node's
// children.
func walkHTML(n *html.Node, visit func(*html.Node) bool) {
	if !visit(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkHTML(c, visit)
	}
}
