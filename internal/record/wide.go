package record

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"

	"github.com/compare-tool/compare/internal/lexicon"
)

// WideKinds lists what a wide table can count per document (WriterOptions.Wide).
var WideKinds = []string{"entries", "categories", "targets"}

// wideWriter writes one row per record and one column per lexicon entry,
// category or target, in lexicon order, all present: the shape of LIWC-22
// output and of quanteda's dfm_lookup. Cells count matches in any voice,
// as the record's categories and targets.T.references do.
type wideWriter struct {
	bw      *bufio.Writer
	w       *csv.Writer
	kind    string
	lex     *lexicon.Lexicon
	columns []string // entry ids, categories or target ids
	index   map[string]int
	counts  []int
}

func newWideWriter(bw *bufio.Writer, kind string, lex *lexicon.Lexicon) (*wideWriter, error) {
	if !slices.Contains(WideKinds, kind) {
		return nil, fmt.Errorf("unknown wide table %q (want one of %s)", kind, strings.Join(WideKinds, ", "))
	}
	if lex == nil {
		return nil, fmt.Errorf("a wide table needs the lexicon the records were scored with")
	}
	w := &wideWriter{bw: bw, w: csv.NewWriter(bw), kind: kind, lex: lex, index: map[string]int{}}
	switch kind {
	case "entries":
		for _, e := range lex.Entries {
			w.columns = append(w.columns, e.ID)
		}
	case "categories":
		w.columns = slices.Clone(lex.Categories)
		if len(w.columns) == 0 {
			w.columns = slices.Clone(lexicon.DefaultCategories)
		}
	case "targets":
		for _, t := range lex.Targets {
			w.columns = append(w.columns, t.ID)
		}
	}
	for i, c := range w.columns {
		w.index[c] = i
	}
	w.counts = make([]int, len(w.columns))
	// The columns are known before any record: the header is written
	// even when no record follows.
	head := slices.Clone(csvArticleColumns)
	for _, c := range w.columns {
		head = append(head, widePrefix[kind]+c)
	}
	return w, w.w.Write(head)
}

// widePrefix names the columns: entry.ID, category.NAME, target.ID.
var widePrefix = map[string]string{"entries": "entry.", "categories": "category.", "targets": "target."}

func (w *wideWriter) Write(r *Record) error {
	if r.Lexicon.SHA256 != w.lex.Hash {
		return fmt.Errorf("record %s was scored with lexicon %s (sha256 %.12s…), not %s: a wide table has the columns of one lexicon",
			r.ID, r.Lexicon.Name, r.Lexicon.SHA256, w.lex.Name)
	}
	clear(w.counts)
	switch w.kind {
	case "entries":
		for _, m := range r.Matches {
			if i, ok := w.index[m.Entry]; ok {
				w.counts[i]++
			}
		}
	case "categories":
		for c, n := range r.Categories {
			if i, ok := w.index[c]; ok {
				w.counts[i] = n
			}
		}
	case "targets":
		for t, s := range r.Targets {
			if i, ok := w.index[t]; ok {
				w.counts[i] = s.References
			}
		}
	}
	row := csvArticle(r)
	for _, n := range w.counts {
		row = append(row, itoa(n))
	}
	return w.w.Write(row)
}

func (w *wideWriter) Close() error {
	w.w.Flush()
	if err := w.w.Error(); err != nil {
		return err
	}
	return w.bw.Flush()
}
