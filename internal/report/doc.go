// Package report renders the comparison of outlets as one self-contained
// HTML file. (Single articles for the terminal are package annotate's; what
// the two views share, such as which words are marked and the colour of a
// lean, is package view's.)
//
// The HTML report inlines ECharts (see assets.go) and everything it shows,
// so it opens from a file with no network. Article text, titles and outlet
// names are untrusted: HTML goes through html/template or
// template.HTMLEscapeString, chart options are serialised with
// encoding/json (which writes <, > and & as \u003c, \u003e and \u0026) into
// a <script type="application/json"> block that the page parses, and the
// page's tooltip formatters escape every value they put into markup. A
// Content-Security-Policy allows only the report's own two scripts, by
// hash, and no network at all, as a second line of defence.
//
// A report of any corpus fits in memory: Records keeps each article's
// numbers and a seeded per-unit sample of article views (on disk until
// the page is built), and Options caps the units the tables list and the
// text of an article view; the page says what each cap left out.
//
// Output is deterministic: chart ids are fixed ("chart-stance-0"), every
// list has a stable order, and nothing depends on the clock unless
// Options.Date is set.
package report
