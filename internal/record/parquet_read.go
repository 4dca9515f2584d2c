package record

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/parquet-go/parquet-go"

	"github.com/compare-tool/compare/internal/dates"
)

// ReadParquet reads the records of the Parquet tables written by
// NewParquetWriter: the articles table at path and the matches table
// beside it (ParquetMatchesPath), and calls fn for each record in order.
// Records are checked as ReadRecords checks lines (schema, ranges), and
// their dates read as Read reads them (in rr.DateOrder);
// errors name the file and the row ("scores.parquet: row 17: …"), and a
// matches table that does not belong to the articles table is an error.
func (rr Reader) ReadParquet(path string, fn func(*Record) error) error {
	mpath := ParquetMatchesPath(path)
	articles, err := openParquet[ParquetArticle](path)
	if err != nil {
		return err
	}
	defer articles.Close()
	matches, err := openParquet[ParquetMatch](mpath)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%s: the matches table %s is missing; it is written beside the articles table by compare score --format parquet", path, mpath)
		}
		return err
	}
	defer matches.Close()

	opts := decodeOptions
	if rr.SkipCredibility {
		opts = skipCredibility
	}
	parser := dates.Parser{Order: rr.DateOrder}
	arts := make([]ParquetArticle, parquetBatch)
	var pending []ParquetMatch // read but not yet given to an article
	mrow := 0                  // rows of the matches table handed out
	mbuf := make([]ParquetMatch, parquetBatch)
	matchesEOF := false
	// take returns the next n match rows.
	take := func(n int) ([]ParquetMatch, error) {
		for len(pending) < n && !matchesEOF {
			clear(mbuf)
			k, err := matches.r.Read(mbuf)
			pending = append(pending, mbuf[:k]...)
			if err == io.EOF {
				matchesEOF = true
			} else if err != nil {
				return nil, fmt.Errorf("%s: %w", mpath, err)
			}
		}
		if len(pending) < n {
			return nil, fmt.Errorf("%s: %d rows; the articles table %s counts more matches (the two files are not one pair)", mpath, mrow+len(pending), path)
		}
		out := pending[:n:n]
		pending = pending[n:]
		mrow += n
		return out, nil
	}
	row := 0
	for {
		clear(arts)
		k, rerr := articles.r.Read(arts)
		if rerr != nil && rerr != io.EOF {
			return fmt.Errorf("%s: %w", path, rerr)
		}
		for i := range arts[:k] {
			a := &arts[i]
			ms, err := take(a.Matches)
			if err != nil {
				return err
			}
			for j := range ms {
				if ms[j].Article != row {
					return fmt.Errorf("%s: row %d: a match of article row %d where article row %d's were expected (the two files are not one pair)", mpath, mrow-len(ms)+j+1, ms[j].Article, row)
				}
			}
			rec, err := fromParquet(a, ms, rr.SkipCredibility, opts)
			if err == nil {
				err = CheckSchema(rec.Schema)
			}
			if err == nil {
				err = rec.checkRanges()
			}
			if err == nil {
				err = rec.normaliseDate(parser)
			}
			if err == nil {
				err = fn(rec)
			}
			if err != nil {
				return fmt.Errorf("%s: row %d: %w", path, row+1, err)
			}
			row++
		}
		if rerr == io.EOF || k == 0 {
			break
		}
	}
	extra := len(pending)
	if !matchesEOF {
		k, _ := matches.r.Read(mbuf[:1])
		extra += k
	}
	if extra > 0 {
		return fmt.Errorf("%s: more rows than the articles table %s counts (the two files are not one pair)", mpath, path)
	}
	return nil
}

// parquetFile is an open Parquet file and a reader of its rows.
type parquetFile[T any] struct {
	f *os.File
	r *parquet.GenericReader[T]
}

func (p *parquetFile[T]) Close() error {
	p.r.Close()
	return p.f.Close()
}

// openParquet opens the Parquet file at path for rows of type T, and
// checks that its columns are T's.
func openParquet[T any](path string) (*parquetFile[T], error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: not a Parquet file compare wrote: %w", path, err)
	}
	want := parquet.SchemaOf(new(T))
	for _, col := range want.Columns() {
		if _, ok := pf.Schema().Lookup(col...); !ok {
			f.Close()
			return nil, fmt.Errorf("%s: no column %q: not a table of compare score --format parquet", path, strings.Join(col, "."))
		}
	}
	return &parquetFile[T]{f: f, r: parquet.NewGenericReader[T](pf)}, nil
}
