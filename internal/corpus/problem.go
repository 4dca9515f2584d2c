package corpus

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/dates"
)

// Options says how Read interprets its inputs. The zero value reads every
// supported format with the default field names and size limit, no outlet
// metadata and no deduplication.
type Options struct {
	// Fields maps our field names (id, outlet, title, date, url, author,
	// text, group) to the key or column that holds them in the input
	// ("text" → "body"). Unmapped fields are looked up under their own name
	// and a few common alternatives (see FieldAlternatives). Names match
	// case-insensitively. Use ParseFields to build it from "text=body".
	Fields map[string]string
	// MaxBytes is the size limit of one article (one file, line or row);
	// bigger ones are skipped. 0 means DefaultMaxBytes.
	MaxBytes int64
	// Outlets, when not nil, folds outlet aliases into canonical names and
	// fills Article.Group.
	Outlets *Outlets
	// Dedupe removes duplicates: "id" skips a record whose id was already
	// seen, "content" one whose text (whitespace collapsed) was. "" keeps
	// duplicates and only warns about repeated ids.
	Dedupe string
	// Stdin is read for the path "-".
	Stdin io.Reader
	// StdinFormat is the format of Stdin: "jsonl", "json", "csv", "tsv",
	// "txt" or "html"; "" (or "auto") detects JSON Lines, JSON, HTML or
	// plain text from the first bytes. Standard input said to be JSON that
	// has no line beginning with { or [ is skipped whole as ReasonNotJSON.
	// Gzip-compressed input is recognised by its magic number.
	StdinFormat string
	// Debris are the rules for page furniture; nil means DefaultDebris().
	Debris *Debris
	// DateOrder reads all-numeric dates whose day and month could be
	// either way round ("04/06/2024"). OrderUnknown (the zero value)
	// reports them as ambiguous-date warnings and leaves the article
	// without a date rather than guess.
	DateOrder dates.Order
	// Progress, when not nil, is called with the number of bytes read
	// from the input files (as stored, before decompression) each time a
	// buffer is filled: a progress bar's feed.
	Progress func(n int64)
}

// DefaultMaxBytes is the article size limit when Options.MaxBytes is 0.
const DefaultMaxBytes = 16 << 20

// MaxArticleBytes is the largest sensible Options.MaxBytes: scoring holds
// tens of times an article's size in memory.
const MaxArticleBytes = 1 << 30

// StdinName is the file name problems and sources use for the path "-".
const StdinName = "<stdin>"

// Problem is one thing wrong with the input: a record Read skipped, or one
// it emitted after repairing or completing it.
type Problem struct {
	// File is the path as given (or as found while walking a folder).
	File string `json:"file"`
	// Line is the 1-based line number of the record (for JSON arrays the
	// element number), 0 when the problem concerns a whole file.
	Line int `json:"line,omitempty"`
	// Field is the article field at fault ("outlet", "text"), when one is.
	Field string `json:"field,omitempty"`
	// Reason is a short machine-readable code; see the Reason constants.
	Reason string `json:"reason"`
	// Message is a sentence for people.
	Message string `json:"message"`
	// Skipped is true when the record was not emitted, false when the
	// problem is a warning about a record that was emitted (possibly
	// repaired).
	Skipped bool `json:"skipped"`
	// Record is the raw record, cut to its first 1 KiB, when there is one
	// worth showing.
	Record string `json:"record,omitempty"`
}

// Reasons a record is skipped or warned about.
const (
	ReasonUnreadable       = "unreadable"         // skipped: cannot open or read (whole file or rest of file)
	ReasonUnsupported      = "unsupported-format" // skipped: a file in a folder whose extension is not an article format
	ReasonBinary           = "binary"             // skipped: not text
	ReasonEmpty            = "empty"              // skipped: no text
	ReasonTooLarge         = "too-large"          // skipped: over Options.MaxBytes
	ReasonTooDeep          = "too-deeply-nested"  // skipped: an HTML page nested deeper than MaxHTMLDepth
	ReasonMalformedJSON    = "malformed-json"     // skipped: a JSON line that does not parse as an object
	ReasonNotJSON          = "not-json"           // skipped: standard input said to be JSON is plain text
	ReasonMalformedCSV     = "malformed-csv"      // skipped: a CSV/TSV row that does not parse
	ReasonMalformedFront   = "malformed-front-matter"
	ReasonMissingText      = "missing-text"      // skipped: no text field in a JSON or CSV record
	ReasonDuplicateID      = "duplicate-id"      // skipped with Dedupe "id", else a warning
	ReasonDuplicateContent = "duplicate-content" // skipped with Dedupe "content"
	ReasonInvalidUTF8      = "invalid-utf8"      // warning: bytes repaired
	ReasonDuplicateKey     = "duplicate-key"     // warning: a JSON key or table column given twice; the last is used
	ReasonMissingOutlet    = "missing-outlet"    // warning: outlet set to "unknown"
	ReasonUnlistedOutlet   = "unlisted-outlet"   // warning, once per name: outlet not in the outlets file
	ReasonUnclosedFront    = "unclosed-front-matter"
	ReasonNoArticle        = "no-article"   // warning: HTML extraction found no article, or the page is too large for it; page text used
	ReasonNotFollowed      = "not-followed" // warning: a symbolic link to a folder was not walked
	// Dates that cannot be used are warnings with the reasons of package
	// dates (dates.ReasonUnreadable "unreadable-date", dates.ReasonAmbiguous
	// "ambiguous-date", …): the article is still emitted, with the date of
	// its URL when it has one, else without a date.
)

// String formats the problem as "file:line: field: message", leaving out
// the line when it is 0 and the field when it is empty. The file name is
// quoted when it needs to be (see QuoteName).
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(QuoteName(p.File))
	if p.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(p.Line))
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// QuoteName returns a file name as it is when it can be printed safely, and
// quoted in Go syntax when it holds characters that could forge or hide a
// line of a message: control characters (a newline in a name would start
// a fake "compare: skipped: …" line), bidirectional and other invisible
// format characters, spaces other than U+0020, quotation marks, or spaces
// at either end.
func QuoteName(name string) string {
	if name == "" || strings.TrimSpace(name) != name {
		return strconv.Quote(name)
	}
	for _, r := range name {
		if !unicode.IsPrint(r) || r == '"' || r == utf8.RuneError {
			return strconv.Quote(name)
		}
	}
	return name
}

// Summary counts what Read did. Read equals Emitted plus the sum of Skipped.
type Summary struct {
	// Files is the number of files (and stdin) opened.
	Files int
	// Read is the number of records seen, usable or not. A file that could
	// not be read at all counts as one record.
	Read    int
	Emitted int
	// Skipped counts records not emitted, by reason.
	Skipped map[string]int
	// Warned counts warnings about emitted records, by reason.
	Warned map[string]int
}

// SkippedTotal is the number of records skipped for any reason.
func (s Summary) SkippedTotal() int { return total(s.Skipped) }

// WarnedTotal is the number of warnings for any reason.
func (s Summary) WarnedTotal() int { return total(s.Warned) }

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// ReasonCounts lists counts by reason, largest first and then by name:
// "2 malformed-json, 1 binary".
func ReasonCounts(m map[string]int) string {
	type rc struct {
		reason string
		n      int
	}
	list := make([]rc, 0, len(m))
	for r, n := range m {
		if n > 0 {
			list = append(list, rc{r, n})
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].n != list[j].n {
			return list[i].n > list[j].n
		}
		return list[i].reason < list[j].reason
	})
	parts := make([]string, len(list))
	for i, c := range list {
		parts[i] = fmt.Sprintf("%d %s", c.n, c.reason)
	}
	return strings.Join(parts, ", ")
}
