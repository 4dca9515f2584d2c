package dictionary

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/rulefile"
)

// ReadLIWC reads a LIWC dictionary (.dic): a header of categories between
// two lines holding only %, one "number<TAB>name" a line, then one word a
// line followed by the numbers of its categories, separated by tabs:
//
//	%
//	1	posemo
//	2	negemo
//	%
//	happy	1
//	kind of	1	2
//	hat*	2
//
// Words may be phrases (with spaces) and end in a * glob. A file without
// tabs is read by whitespace, the trailing numbers of a line being its
// categories. Leading tabs in the header (LIWC2015's hierarchy) are
// ignored: every word line lists all its categories anyway.
//
// Lines that LIWC2007 and LIWC2015 code conditionally ("like (02 134)125/464",
// "kind (of)", "<of>") depend on the word before or after, which a lexicon
// cannot express; they are left out and listed in the returned notes, as are
// patterns a lexicon cannot hold (a ? or a * inside a word) and repeated
// words, whose categories are merged. A malformed file (no header, a
// category number that is not a number or not in the header) returns a
// *rulefile.CheckError with every problem as file:line: message.
func ReadLIWC(file string, data []byte) (*Dictionary, []rulefile.Problem, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		data = []byte(strings.ToValidUTF8(string(data), "\ufffd"))
	}
	d := &Dictionary{Format: "LIWC"}
	var notes, errs []rulefile.Problem
	byNumber := map[int]int{}
	byName := map[string]int{}
	byText := map[string]int{}

	section := 0 // 0 before the header, 1 in it, 2 after it
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		raw := strings.TrimRight(sc.Text(), "\r")
		text := strings.TrimSpace(raw)
		if text == "" {
			continue
		}
		if text == "%" {
			if section < 2 {
				section++
				continue
			}
			errs = append(errs, rulefile.Problemf(file, line, "a third %% line: the header is already closed"))
			continue
		}
		switch section {
		case 0:
			errs = append(errs, rulefile.Problemf(file, line, "a LIWC dictionary starts with a line holding only %%, then the categories"))
			return nil, nil, &rulefile.CheckError{File: file, Problems: errs}
		case 1:
			fields := tabFields(raw)
			if len(fields) == 1 {
				fields = strings.Fields(text)
			}
			if len(fields) < 2 {
				errs = append(errs, rulefile.Problemf(file, line, "category line %q: want a number and a name", text))
				continue
			}
			n, err := strconv.Atoi(fields[0])
			if err != nil || n < 1 {
				errs = append(errs, rulefile.Problemf(file, line, "category number %q is not a positive number", fields[0]))
				continue
			}
			name := fields[1]
			if prev, ok := byNumber[n]; ok {
				errs = append(errs, rulefile.Problemf(file, line, "category number %d already names %q at line %d", n, d.Categories[prev].Name(), d.Categories[prev].Line))
				continue
			}
			if prev, ok := byName[name]; ok {
				errs = append(errs, rulefile.Problemf(file, line, "category %q already defined at line %d", name, d.Categories[prev].Line))
				continue
			}
			byNumber[n] = len(d.Categories)
			byName[name] = len(d.Categories)
			d.Categories = append(d.Categories, Category{
				Path: []string{name}, Number: n, Header: strings.Join(fields[2:], "\t"), Line: line,
			})
		case 2:
			if isConditional(text) {
				notes = append(notes, rulefile.Problemf(file, line, "left out %q: LIWC codes it by the word before or after, which a lexicon cannot express", strings.Join(strings.Fields(text), " ")))
				continue
			}
			word, nums, ok := splitWordLine(raw)
			if !ok {
				errs = append(errs, rulefile.Problemf(file, line, "word line %q: want a word and the numbers of its categories", text))
				continue
			}
			var cats []int
			bad := false
			for _, s := range nums {
				n, err := strconv.Atoi(s)
				if err != nil {
					errs = append(errs, rulefile.Problemf(file, line, "word %q: category %q is not a number", word, s))
					bad = true
					continue
				}
				ci, ok := byNumber[n]
				if !ok {
					errs = append(errs, rulefile.Problemf(file, line, "word %q: category %d is not in the header", word, n))
					bad = true
					continue
				}
				cats = append(cats, ci)
			}
			if bad {
				continue
			}
			if msg := patternProblem(word); msg != "" {
				notes = append(notes, rulefile.Problemf(file, line, "left out %q: %s", word, msg))
				continue
			}
			cats = sortedSet(cats)
			if prev, ok := byText[word]; ok {
				p := &d.Patterns[prev]
				p.Categories = sortedSet(append(p.Categories, cats...))
				notes = append(notes, rulefile.Problemf(file, line, "%q repeats line %d; their categories are merged", word, p.Line))
				continue
			}
			byText[word] = len(d.Patterns)
			d.Patterns = append(d.Patterns, Pattern{Text: word, Categories: cats, Line: line})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	switch {
	case section == 0:
		errs = append(errs, rulefile.Problemf(file, line, "no header: a LIWC dictionary starts with a line holding only %%, then the categories, then another %% line"))
	case section == 1:
		errs = append(errs, rulefile.Problemf(file, line, "the header is not closed: a line holding only %% must follow the categories"))
	case len(d.Categories) == 0 && len(errs) == 0:
		errs = append(errs, rulefile.Problemf(file, line, "the header lists no categories"))
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
		return nil, nil, &rulefile.CheckError{File: file, Problems: errs}
	}
	return d, notes, nil
}

// tabFields splits a line at tabs and drops empty fields, so that leading
// tabs (LIWC2015's hierarchy) and doubled tabs do not count.
func tabFields(line string) []string {
	var out []string
	for _, f := range strings.Split(line, "\t") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// splitWordLine splits a word line into the word and its category numbers.
// With tabs, the first field is the word (it may hold spaces) and the
// others hold numbers; without, the trailing numeric fields are the numbers.
func splitWordLine(raw string) (word string, nums []string, ok bool) {
	if strings.Contains(strings.TrimSpace(raw), "\t") {
		fields := tabFields(raw)
		if len(fields) < 2 {
			return "", nil, false
		}
		for _, f := range fields[1:] {
			nums = append(nums, strings.Fields(f)...)
		}
		return fields[0], nums, true
	}
	fields := strings.Fields(raw)
	i := len(fields)
	for i > 1 && isDigits(fields[i-1]) {
		i--
	}
	if i == len(fields) {
		return "", nil, false
	}
	return strings.Join(fields[:i], " "), fields[i:], true
}

// isConditional reports whether a LIWC word line codes its categories by
// context: parenthesised codes, slashes between alternatives, or <of> tags.
func isConditional(text string) bool {
	return strings.ContainsAny(text, "()/<>")
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// sortedSet sorts ints and removes repeats.
func sortedSet(x []int) []int {
	slices.Sort(x)
	return slices.Compact(x)
}

// WriteLIWC writes d as a LIWC dictionary: the categories in d's order with
// their numbers (numbered 1, 2, … where Number is 0), then every pattern
// with its category numbers, tab-separated, patterns sorted by their
// lower-case form as LIWC's own dictionaries are. Patterns are written as
// they are; the caller leaves out those LIWC cannot read (see Export).
func WriteLIWC(w io.Writer, d *Dictionary) error {
	numbers := liwcNumbers(d.Categories)
	bw := bufio.NewWriter(w)
	bw.WriteString("%\n")
	for i, c := range d.Categories {
		fmt.Fprintf(bw, "%d\t%s", numbers[i], c.Name())
		if c.Header != "" {
			fmt.Fprintf(bw, "\t%s", c.Header)
		}
		bw.WriteByte('\n')
	}
	bw.WriteString("%\n")
	pats := append([]Pattern(nil), d.Patterns...)
	sort.SliceStable(pats, func(i, j int) bool {
		a, b := strings.ToLower(pats[i].Text), strings.ToLower(pats[j].Text)
		if a != b {
			return a < b
		}
		return pats[i].Text < pats[j].Text
	})
	for _, p := range pats {
		nums := make([]int, len(p.Categories))
		for i, ci := range p.Categories {
			nums[i] = numbers[ci]
		}
		sort.Ints(nums)
		bw.WriteString(p.Text)
		for _, n := range nums {
			fmt.Fprintf(bw, "\t%d", n)
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// liwcNumbers gives each category its number: its own, or the next free
// one above the highest in use.
func liwcNumbers(cats []Category) []int {
	used := map[int]bool{}
	next := 0
	for _, c := range cats {
		if c.Number > 0 {
			used[c.Number] = true
			next = max(next, c.Number)
		}
	}
	out := make([]int, len(cats))
	for i, c := range cats {
		if c.Number > 0 {
			out[i] = c.Number
			continue
		}
		next++
		for used[next] {
			next++
		}
		out[i] = next
	}
	return out
}
