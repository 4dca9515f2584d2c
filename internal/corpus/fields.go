package corpus

import (
	"fmt"
	"slices"
	"strings"
)

// FieldNames are the article fields a record's keys or columns can map to.
var FieldNames = []string{"id", "outlet", "title", "date", "url", "author", "text", "group"}

// FieldAlternatives are the keys tried, in order, for a field that
// Options.Fields does not map and whose own name is absent from a record.
// They cover common exports (Media Cloud's media_name and publish_date,
// scrapers' body and headline). A field mapped in Options.Fields is looked
// up under the mapped key only.
var FieldAlternatives = map[string][]string{
	"text":   {"body", "content", "full_text", "fulltext", "article", "article_text"},
	"outlet": {"media_name", "media", "publisher", "site_name", "source_name", "domain"},
	"title":  {"headline"},
	"date":   {"publish_date", "published", "published_at", "pub_date", "pubdate", "datetime"},
	"url":    {"link", "canonical_url"},
	"author": {"byline", "authors"},
}

// ParseFields turns mappings such as "text=body" or "text=body,outlet=source"
// into an Options.Fields map. It rejects unknown field names, empty keys and
// a field mapped twice.
func ParseFields(specs []string) (map[string]string, error) {
	m := map[string]string{}
	for _, spec := range specs {
		for _, part := range strings.Split(spec, ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			field, key, ok := strings.Cut(part, "=")
			field, key = strings.ToLower(strings.TrimSpace(field)), strings.TrimSpace(key)
			if !ok || key == "" {
				return nil, fmt.Errorf("field mapping %q: want FIELD=KEY, such as text=body", part)
			}
			if !slices.Contains(FieldNames, field) {
				return nil, fmt.Errorf("field mapping %q: unknown field %q (known: %s)", part, field, strings.Join(FieldNames, ", "))
			}
			if old, dup := m[field]; dup && old != key {
				return nil, fmt.Errorf("field mapping %q: %s is already mapped to %q", part, field, old)
			}
			m[field] = key
		}
	}
	return m, nil
}

// keyValue is one field of an input record, its value already as text.
type keyValue struct {
	key, value string
}

// fieldMapper finds article fields among a record's keys.
type fieldMapper struct {
	// candidates lists, for each of FieldNames, the keys to try in order.
	candidates map[string][]string
}

func newFieldMapper(fields map[string]string) *fieldMapper {
	fm := &fieldMapper{candidates: map[string][]string{}}
	for _, f := range FieldNames {
		if k, ok := fields[f]; ok {
			fm.candidates[f] = []string{k}
			continue
		}
		fm.candidates[f] = append([]string{f}, FieldAlternatives[f]...)
	}
	return fm
}

// describe names the keys tried for field, for messages: `"body"` or
// `any of "text", "body", …`.
func (fm *fieldMapper) describe(field string) string {
	c := fm.candidates[field]
	if len(c) == 1 {
		return quoteList(c)
	}
	return "any of " + quoteList(c)
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// index returns, for each of FieldNames, the position in keys of the key
// that holds it, or -1. Exact matches win over case-insensitive ones; an
// earlier candidate wins over a later one. skipText leaves "text" out (front
// matter: the text is the body).
func (fm *fieldMapper) index(keys []string, skipText bool) map[string]int {
	idx := make(map[string]int, len(FieldNames))
	taken := make([]bool, len(keys))
	for _, f := range FieldNames {
		idx[f] = -1
		if skipText && f == "text" {
			continue
		}
	find:
		for _, want := range fm.candidates[f] {
			for i, k := range keys {
				if !taken[i] && k == want {
					idx[f] = i
					taken[i] = true
					break find
				}
			}
			for i, k := range keys {
				if !taken[i] && strings.EqualFold(strings.TrimSpace(k), want) {
					idx[f] = i
					taken[i] = true
					break find
				}
			}
		}
	}
	return idx
}

// toArticle builds an article from a record. Keys that are not article
// fields go to Meta. It returns ok=false when the text field is needed
// (needText) and absent.
func (fm *fieldMapper) toArticle(kvs []keyValue, needText bool) (a *Article, textFound bool) {
	keys := make([]string, len(kvs))
	for i, kv := range kvs {
		keys[i] = kv.key
	}
	idx := fm.index(keys, !needText)
	a = &Article{}
	used := make([]bool, len(kvs))
	set := func(f string, dst *string) bool {
		i := idx[f]
		if i < 0 {
			return false
		}
		used[i] = true
		*dst = kvs[i].value
		return true
	}
	set("id", &a.ID)
	set("outlet", &a.Outlet)
	set("title", &a.Title)
	set("date", &a.Date)
	set("url", &a.URL)
	set("author", &a.Author)
	set("group", &a.Group)
	if needText {
		textFound = set("text", &a.Text)
	}
	for i, kv := range kvs {
		if used[i] || kv.value == "" {
			continue
		}
		if a.Meta == nil {
			a.Meta = map[string]string{}
		}
		a.Meta[kv.key] = kv.value
	}
	a.ID = strings.TrimSpace(a.ID)
	a.Outlet = strings.TrimSpace(a.Outlet)
	a.Group = strings.TrimSpace(a.Group)
	a.Title = strings.TrimSpace(a.Title)
	a.Date = strings.TrimSpace(a.Date)
	a.URL = strings.TrimSpace(a.URL)
	a.Author = strings.TrimSpace(a.Author)
	return a, textFound
}
