package agree

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/compare-tool/compare/internal/rulefile"
)

// Gold holds human annotations of articles, of two kinds: spans (where a
// coder marked a naming of an actor) and ratings (a coder's value for a
// whole article, such as its stance on a scale).
type Gold struct {
	File string
	// Spans maps an article id to its annotated spans. An article listed
	// with no spans was coded and has none, so every match the tool finds
	// in it is a false positive; articles not listed were not coded.
	Spans map[string][]GoldSpan
	// SpanArticles lists the ids in Spans in file order.
	SpanArticles []string
	// Ratings are in file order; Coders lists the coders in order of
	// first appearance, missing values included.
	Ratings []Rating
	Coders  []string
}

// GoldSpan is one annotated span: byte offsets [Start, End) into the
// article text as compare reads it, and an optional label.
type GoldSpan struct {
	Start, End int
	Label      string
	Line       int
}

// Rating is one coder's value for one article.
type Rating struct {
	ID, Coder string
	Value     float64
	Line      int
}

// ReadGold reads a gold file in CSV (or TSV, by the .tsv extension) with a
// header row, or in JSON Lines (by the .jsonl/.json extension, or a first
// character {). Columns, by name:
//
//	id,start,end[,label]   span level: byte offsets into the article text
//	id,coder,value         article level: a coder's number for the article
//
// A file may hold both kinds; each row is of the kind whose columns it
// fills, and CSV lines starting with # are comments. A span row with empty
// start and end records an article coded with no spans; a rating of "",
// NA, N/A, NaN or "." is a missing value. "article" and "article_id" are
// accepted for id. Every problem is returned at once as a
// *rulefile.CheckError naming file:line.
func ReadGold(file string, data []byte) (*Gold, error) {
	g := &Gold{File: file, Spans: map[string][]GoldSpan{}}
	var errs []rulefile.Problem
	coders := map[string]bool{}
	add := func(line int, id string, cells map[string]string, has func(string) bool) {
		fail := func(format string, args ...any) { errs = append(errs, rulefile.Problemf(file, line, format, args...)) }
		if id == "" {
			fail("missing article id")
			return
		}
		spanFilled := cells["start"] != "" || cells["end"] != ""
		ratingFilled := cells["coder"] != "" || cells["value"] != ""
		switch {
		case spanFilled:
			start, err1 := strconv.Atoi(cells["start"])
			end, err2 := strconv.Atoi(cells["end"])
			switch {
			case err1 != nil || start < 0:
				fail("article %q: start %q is not a byte offset", id, cells["start"])
			case err2 != nil || end < 0:
				fail("article %q: end %q is not a byte offset", id, cells["end"])
			case end <= start:
				fail("article %q: span [%d, %d) is empty or reversed", id, start, end)
			default:
				if _, ok := g.Spans[id]; !ok {
					g.SpanArticles = append(g.SpanArticles, id)
				}
				g.Spans[id] = append(g.Spans[id], GoldSpan{Start: start, End: end, Label: cells["label"], Line: line})
			}
		case ratingFilled:
			coder := cells["coder"]
			if coder != "" && !coders[coder] {
				coders[coder] = true
				g.Coders = append(g.Coders, coder)
			}
			v, err := strconv.ParseFloat(cells["value"], 64)
			switch {
			case coder == "":
				fail("article %q: missing coder", id)
			case missingValue(cells["value"]):
				// A coder who did not code the article.
			case err != nil || math.IsInf(v, 0):
				fail("article %q, coder %q: value %q is not a number", id, coder, cells["value"])
			default:
				g.Ratings = append(g.Ratings, Rating{ID: id, Coder: coder, Value: v, Line: line})
			}
		case has("start"):
			// An article coded with no spans.
			if _, ok := g.Spans[id]; !ok {
				g.SpanArticles = append(g.SpanArticles, id)
				g.Spans[id] = nil
			}
		default:
			fail("a row needs start and end (a span) or coder and value (a rating)")
		}
	}

	ext := strings.ToLower(filepath.Ext(file))
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
	if ext == ".jsonl" || ext == ".json" || ext == ".ndjson" || len(trimmed) > 0 && trimmed[0] == '{' {
		readGoldJSONL(file, data, add, &errs)
	} else {
		readGoldCSV(file, data, ext == ".tsv", add, &errs)
	}
	seen := map[[2]string]int{}
	for _, r := range g.Ratings {
		k := [2]string{r.ID, r.Coder}
		if prev, ok := seen[k]; ok {
			errs = append(errs, rulefile.Problemf(file, r.Line, "article %q: coder %q already rated it at line %d", r.ID, r.Coder, prev))
			continue
		}
		seen[k] = r.Line
	}
	if len(errs) == 0 && len(g.Spans) == 0 && len(g.Ratings) == 0 {
		errs = append(errs, rulefile.Problemf(file, 0, "no annotations: want rows of id,start,end[,label] or id,coder,value"))
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
		return nil, &rulefile.CheckError{File: file, Problems: errs}
	}
	return g, nil
}

// missingValue reports whether a rating cell says "not coded": empty, or
// R's and spreadsheets' NA, N/A, NaN and ".".
func missingValue(s string) bool {
	switch strings.ToLower(s) {
	case "", "na", "n/a", "nan", ".":
		return true
	}
	return false
}

var idColumns = []string{"id", "article", "article_id"}

func readGoldCSV(file string, data []byte, tsv bool, add func(int, string, map[string]string, func(string) bool), errs *[]rulefile.Problem) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	if tsv {
		// Leading white space would swallow empty fields.
		r.Comma, r.TrimLeadingSpace = '\t', false
	}
	r.Comment = '#'
	header, err := r.Read()
	if err != nil {
		*errs = append(*errs, csvProblem(file, err, "no header row: want id,start,end[,label] or id,coder,value"))
		return
	}
	cols := map[string]int{}
	for i, h := range header {
		cols[strings.ToLower(strings.TrimSpace(h))] = i
	}
	idCol := -1
	for _, name := range idColumns {
		if i, ok := cols[name]; ok {
			idCol = i
			break
		}
	}
	hasCol := func(name string) bool { _, ok := cols[name]; return ok }
	if idCol < 0 || !(hasCol("start") && hasCol("end") || hasCol("coder") && hasCol("value")) {
		*errs = append(*errs, rulefile.Problemf(file, 1, "header %q: want columns id,start,end[,label] (spans) or id,coder,value (ratings)", strings.Join(header, ",")))
		return
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			*errs = append(*errs, csvProblem(file, err, ""))
			return
		}
		line, _ := r.FieldPos(0)
		cells := map[string]string{}
		for name, i := range cols {
			if i < len(rec) {
				cells[name] = strings.TrimSpace(rec[i])
			}
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		add(line, cells[header[idCol]], cells, hasCol)
	}
}

func csvProblem(file string, err error, fallback string) rulefile.Problem {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return rulefile.Problemf(file, pe.Line, "%v", pe.Err)
	}
	if fallback != "" {
		return rulefile.Problemf(file, 0, "%s", fallback)
	}
	return rulefile.Problemf(file, 0, "%v", err)
}

func readGoldJSONL(file string, data []byte, add func(int, string, map[string]string, func(string) bool), errs *[]rulefile.Problem) {
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	sc.Buffer(nil, 16<<20)
	line := 0
	for sc.Scan() {
		line++
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		var obj map[string]any
		dec := json.NewDecoder(bytes.NewReader(text))
		dec.UseNumber()
		if err := dec.Decode(&obj); err != nil {
			*errs = append(*errs, rulefile.Problemf(file, line, "not a JSON object: %v", err))
			continue
		}
		cells := map[string]string{}
		for k, v := range obj {
			k = strings.ToLower(k)
			switch v := v.(type) {
			case nil:
				cells[k] = ""
			case string:
				cells[k] = v
			case json.Number:
				cells[k] = v.String()
			default:
				cells[k] = fmt.Sprint(v)
			}
		}
		id := ""
		for _, name := range idColumns {
			if v, ok := cells[name]; ok {
				id = v
				break
			}
		}
		has := func(name string) bool { _, ok := cells[name]; return ok }
		if !has("start") && !has("end") && !has("coder") && !has("value") {
			// {"id": "a1"}: an article coded with no spans.
			cells["start"], cells["end"] = "", ""
			has = func(name string) bool { return name == "start" || name == "end" }
		}
		add(line, id, cells, has)
	}
	if err := sc.Err(); err != nil {
		*errs = append(*errs, rulefile.Problemf(file, line, "%v", err))
	}
}
