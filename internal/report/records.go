package report

import (
	"bytes"
	"container/heap"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/record"
)

// Records gathers what a report needs of the score records while they
// stream past, so that a corpus of any size fits in memory: a few numbers
// per article for the distribution charts (its unit, its stance scores and
// a short title), and a bounded sample of whole articles per unit for the
// article views. Add the records as they come (Add), then give the Records
// to Input.Gathered; Close removes its temporary file (on systems that
// allow it, the file has no name from the start, so that nothing is left
// behind even by a process that is killed).
//
// The sample of a unit is its Options.ArticlesPerUnit articles with the
// smallest seeded hash of outlet and id (ties by input order), so that the
// same input always shows the same articles, whatever order the shards
// came in. The candidates are kept in a temporary file, not in memory: a
// corpus of many small units would otherwise hold one whole record per
// unit. A unit with no more articles than the sample keeps them all.
type Records struct {
	by      string
	perUnit int
	seed    uint64

	unitIndex map[string]int32
	units     []gatheredUnit
	axisIndex map[string]int
	rows      []articleRow

	spill    *os.File
	spillEnd int64
	unlinked bool // spill has no name left to remove
	err      error
}

// gatheredUnit is one unit's article count and sample candidates.
type gatheredUnit struct {
	name  string
	n     int
	cands candidates
}

// articleRow is what the charts keep of one article.
type articleRow struct {
	unit int32
	// title is the chart tooltip's title: the title, or the id when
	// there is none, cut to pointTitleRunes.
	title  string
	scores []axisPoint
}

// axisPoint is an article's stance score on one axis, for the axes where
// it has terms in the outlet's voice (AxisScore.N > 0).
type axisPoint struct {
	axis  int
	score float64
}

// candidate is a record of a unit's sample, stored in the temporary file
// at [off, off+size).
type candidate struct {
	hash      uint64
	index     int
	off, size int64
}

// candidates is a max-heap by (hash, index): the root is the first to
// leave when a better candidate comes.
type candidates []candidate

func (c candidates) Len() int { return len(c) }
func (c candidates) Less(i, j int) bool {
	if c[i].hash != c[j].hash {
		return c[i].hash > c[j].hash
	}
	return c[i].index > c[j].index
}
func (c candidates) Swap(i, j int) { c[i], c[j] = c[j], c[i] }
func (c *candidates) Push(x any)   { *c = append(*c, x.(candidate)) }
func (c *candidates) Pop() any {
	old := *c
	x := old[len(old)-1]
	*c = old[:len(old)-1]
	return x
}

// pointTitleRunes is the longest title a chart's tooltip shows.
const pointTitleRunes = 90

// NewRecords returns an empty Records for units by ("outlet" or "group"),
// sampling opt.ArticlesPerUnit articles per unit with opt.Seed. Call
// Close when done with it.
func NewRecords(by string, opt Options) *Records {
	return &Records{by: by, perUnit: max(opt.ArticlesPerUnit, 0), seed: opt.Seed,
		unitIndex: map[string]int32{}, axisIndex: map[string]int{}}
}

// GatherRecords returns the Records of recs, for inputs small enough to
// hold as a slice (tests, single files).
func GatherRecords(by string, recs []*record.Record, opt Options) (*Records, error) {
	g := NewRecords(by, opt)
	for _, r := range recs {
		if err := g.Add(r); err != nil {
			g.Close()
			return nil, err
		}
	}
	return g, nil
}

// Add takes what the report needs of r. It fails only when the temporary
// file cannot be written, and then keeps failing.
func (g *Records) Add(r *record.Record) error {
	if g.err != nil {
		return g.err
	}
	name := record.UnitOf(r, g.by)
	u, ok := g.unitIndex[name]
	if !ok {
		u = int32(len(g.units))
		g.unitIndex[name] = u
		g.units = append(g.units, gatheredUnit{name: name})
	}
	row := articleRow{unit: u, title: pointTitle(r)}
	for id, s := range r.Stance {
		if s.N == 0 {
			continue
		}
		k, ok := g.axisIndex[id]
		if !ok {
			k = len(g.axisIndex)
			g.axisIndex[id] = k
		}
		row.scores = append(row.scores, axisPoint{axis: k, score: s.Score})
	}
	index := len(g.rows)
	g.rows = append(g.rows, row)
	unit := &g.units[u]
	unit.n++
	if g.perUnit == 0 {
		return nil
	}
	c := candidate{hash: sampleHash(g.seed, r), index: index}
	if len(unit.cands) == g.perUnit {
		if worst := unit.cands[0]; worst.hash < c.hash || (worst.hash == c.hash && worst.index < c.index) {
			return nil
		}
	}
	if err := g.store(r, &c); err != nil {
		g.err = fmt.Errorf("report: keeping an article view: %w", err)
		return g.err
	}
	heap.Push(&unit.cands, c)
	if len(unit.cands) > g.perUnit {
		heap.Pop(&unit.cands)
	}
	return nil
}

// pointTitle is the title of r's point in the distribution charts.
func pointTitle(r *record.Record) string {
	title := r.Title
	if title == "" {
		title = r.ID
	}
	if utf8.RuneCountInString(title) > pointTitleRunes {
		title = string([]rune(title)[:pointTitleRunes-1]) + "…"
	}
	return title
}

// sampleHash orders a unit's articles for its sample: the first 8 bytes
// of the SHA-256 of seed, outlet and id, uniform whatever the ids look
// like (a fraction of a microsecond per article).
func sampleHash(seed uint64, r *record.Record) uint64 {
	h := sha256.New()
	var s [8]byte
	binary.LittleEndian.PutUint64(s[:], seed)
	h.Write(s[:])
	h.Write([]byte(r.Outlet))
	h.Write([]byte{0})
	h.Write([]byte(r.ID))
	var sum [sha256.Size]byte
	return binary.BigEndian.Uint64(h.Sum(sum[:0]))
}

// store appends r to the temporary file and notes where in c.
func (g *Records) store(r *record.Record, c *candidate) error {
	if g.spill == nil {
		f, err := os.CreateTemp("", "compare-report-*.gob")
		if err != nil {
			return err
		}
		g.spill = f
		// Where the system allows it (not Windows), the file is removed
		// at once and lives on only as long as it is open: a process
		// killed at any moment leaves nothing behind.
		g.unlinked = os.Remove(f.Name()) == nil
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(r); err != nil {
		return err
	}
	if _, err := g.spill.WriteAt(buf.Bytes(), g.spillEnd); err != nil {
		return err
	}
	c.off, c.size = g.spillEnd, int64(buf.Len())
	g.spillEnd += c.size
	return nil
}

// load reads the record of c back from the temporary file.
func (g *Records) load(c candidate) (*record.Record, error) {
	var r record.Record
	if err := gob.NewDecoder(io.NewSectionReader(g.spill, c.off, c.size)).Decode(&r); err != nil {
		return nil, fmt.Errorf("report: reading an article view back: %w", err)
	}
	return &r, nil
}

// Len is the number of records added.
func (g *Records) Len() int { return len(g.rows) }

// Close removes the temporary file. The Records cannot be used after.
func (g *Records) Close() error {
	if g.spill == nil {
		return nil
	}
	err := g.spill.Close()
	if !g.unlinked {
		if rerr := os.Remove(g.spill.Name()); err == nil {
			err = rerr
		}
	}
	g.spill = nil
	return err
}
