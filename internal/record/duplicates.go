package record

import (
	"fmt"
	"hash/fnv"
)

// Duplicates keeps the first record of each article and notes every later
// copy: records with the same outlet, id and lexicon (name and SHA-256) are one
// article scored with one lexicon, read twice (score files that overlap, a
// shard given twice). Counting both would double the article's weight and
// narrow every interval. Records without an id are always kept.
//
// Articles are told apart by a 64-bit hash of outlet, id and lexicon:
// the chance that two of a million articles share one is below one in ten
// million, and such a pair would be reported like any duplicate. The zero
// value is ready to use; it is not safe for concurrent use.
type Duplicates struct {
	first map[uint64]Position
	files []fileRead
	last  int // the line of the record before
	// Found lists the records left out, in the order they were seen.
	Found []Duplicate
}

// fileRead is one reading of a file: the nth of that name.
type fileRead struct {
	name string
	n    int
}

// Position is where a record was read: a file's line, in the file's nth
// reading when the same file was read more than once.
type Position struct {
	File    string
	Line    int
	Reading int
}

func (p Position) String() string {
	if p.Reading > 1 {
		return fmt.Sprintf("%s:%d (reading %d of the file)", p.File, p.Line, p.Reading)
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// Duplicate is a record left out as a copy of an earlier one.
type Duplicate struct {
	Outlet, ID string
	// First is where the record kept was read, Again where the copy was.
	First, Again Position
}

func (d Duplicate) String() string {
	return fmt.Sprintf("%s: record %q of %s repeats %s (same outlet, id and lexicon): left out", d.Again, d.ID, d.Outlet, d.First)
}

// Keep reports whether r, read at line of file, is the first record of its
// article, and remembers where it was read if it is; otherwise it adds r
// to Found. Records of a file are given in line order, one file after
// another: a record of a file named before, that does not follow the one
// before it, starts a new reading of that file.
func (d *Duplicates) Keep(r *Record, file string, line int) bool {
	if n := len(d.files); n == 0 || d.files[n-1].name != file || line <= d.last {
		reading := 1
		for _, f := range d.files {
			if f.name == file {
				reading++
			}
		}
		d.files = append(d.files, fileRead{file, reading})
	}
	d.last = line
	if r.ID == "" {
		return true
	}
	if d.first == nil {
		d.first = map[uint64]Position{}
	}
	h := fnv.New64a()
	for _, s := range []string{r.Outlet, r.ID, r.Lexicon.Name, r.Lexicon.SHA256} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	k := h.Sum64()
	f := d.files[len(d.files)-1]
	at := Position{File: f.name, Line: line, Reading: f.n}
	if p, dup := d.first[k]; dup {
		d.Found = append(d.Found, Duplicate{Outlet: r.Outlet, ID: r.ID, First: p, Again: at})
		return false
	}
	d.first[k] = at
	return true
}
