package record

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"sync"
)

// ReadRecords reads score records in JSON Lines, as `compare score
// --format jsonl` writes them, and calls fn for each in order. name is
// used in error messages ("scores.jsonl:17: …"). Blank lines are skipped;
// lines may be of any length.
//
// ReadRecords stops at the first line that is not a score record of a
// supported schema (see SchemaMajor), and at the first error fn returns,
// and returns that error prefixed with name and the line number. It does
// not skip bad lines: statistics computed on the part of a file that
// happened to parse would describe a corpus nobody chose.
//
// Lines are decoded on GOMAXPROCS goroutines, a batch at a time, while fn
// runs on the caller's goroutine, always in file order. fn owns each
// record it is given.
func ReadRecords(r io.Reader, name string, fn func(*Record) error) error {
	return Reader{}.Read(r, name, fn)
}

// Reader reads score records like ReadRecords, leaving out fields
// its reader does not need. The zero value reads every field.
type Reader struct {
	// Skip lists top-level fields, by JSON name, whose values are checked
	// but not decoded: they stay zero in the records. Leaving out
	// "credibility" saves about half the decoding time of records that
	// carry credibility signals.
	Skip []string
}

// Read reads the records of r as ReadRecords does.
func (rr Reader) Read(r io.Reader, name string, fn func(*Record) error) error {
	workers := runtime.GOMAXPROCS(0)
	if workers == 1 {
		return readBatches(r, func(b *recordBatch) error {
			b.decode(rr.Skip)
			return b.deliver(name, fn)
		})
	}
	// Batches go to the workers through jobs and, in file order, to the
	// caller through order; each batch says on done when it is decoded.
	jobs := make(chan *recordBatch, workers)
	order := make(chan *recordBatch, 2*workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range jobs {
				b.decode(rr.Skip)
				close(b.done)
			}
		}()
	}
	stop := make(chan struct{})
	readErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(jobs)
		readErr <- readBatches(r, func(b *recordBatch) error {
			b.done = make(chan struct{})
			select {
			case order <- b:
			case <-stop:
				return errStopped
			}
			jobs <- b
			return nil
		})
	}()
	var err error
	for b := range order {
		<-b.done
		if err == nil {
			if err = b.deliver(name, fn); err != nil {
				close(stop)
			}
		}
	}
	wg.Wait()
	if rerr := <-readErr; err == nil && rerr != nil {
		err = rerr
	}
	return err
}

var errStopped = errors.New("stopped")

// recordBatch is a run of consecutive lines of a score file.
type recordBatch struct {
	first int      // line number of lines[0]
	lines [][]byte // raw lines; blank ones are skipped
	recs  []*Record
	errs  []error
	// readErr is an error reading the line after the batch.
	readErr error
	done    chan struct{}
}

// batchBytes is about how much text one batch holds.
const batchBytes = 1 << 20

// readBatches splits r into batches of lines and hands each to emit.
func readBatches(r io.Reader, emit func(*recordBatch) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	b := &recordBatch{first: 1}
	size := 0
	for line := 1; ; line++ {
		text, err := br.ReadSlice('\n')
		var whole []byte
		if errors.Is(err, bufio.ErrBufferFull) {
			whole = append(whole, text...)
			for errors.Is(err, bufio.ErrBufferFull) {
				text, err = br.ReadSlice('\n')
				whole = append(whole, text...)
			}
		} else {
			whole = append([]byte(nil), text...)
		}
		if err != nil && err != io.EOF {
			b.readErr = fmt.Errorf("line %d: %w", line, err)
			return emit(b)
		}
		b.lines = append(b.lines, whole)
		size += len(whole)
		if err == io.EOF {
			return emit(b)
		}
		if size >= batchBytes {
			if eerr := emit(b); eerr != nil {
				return eerr
			}
			b = &recordBatch{first: line + 1}
			size = 0
		}
	}
}

func (b *recordBatch) decode(skip []string) {
	b.recs = make([]*Record, len(b.lines))
	b.errs = make([]error, len(b.lines))
	for i, line := range b.lines {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		b.recs[i], b.errs[i] = decodeRecord(line, skip)
		b.lines[i] = nil // the record does not refer to it
	}
}

// deliver hands the batch's records to fn in order.
func (b *recordBatch) deliver(name string, fn func(*Record) error) error {
	for i := range b.recs {
		line := b.first + i
		if b.errs[i] != nil {
			return fmt.Errorf("%s:%d: %w", name, line, b.errs[i])
		}
		if b.recs[i] == nil {
			continue
		}
		if err := fn(b.recs[i]); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
		b.recs[i] = nil
	}
	if b.readErr != nil {
		return fmt.Errorf("%s: %w", name, b.readErr)
	}
	return nil
}

// decodeRecord decodes and checks one line.
func decodeRecord(line []byte, skip []string) (*Record, error) {
	rec := new(Record)
	if decodeFast(line, rec, skip) {
		if err := CheckSchema(rec.Schema); err != nil {
			return nil, err
		}
		setLoaded(rec)
		return rec, nil
	}
	rec = new(Record)
	if err := json.Unmarshal(line, rec); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, fmt.Errorf("invalid JSON at byte %d: %v", se.Offset, se)
		case errors.As(err, &te) && te.Field == "":
			return nil, fmt.Errorf("a score record is a JSON object, not %s", te.Value)
		case errors.As(err, &te):
			return nil, fmt.Errorf("field %q: %s is not a valid %s", te.Field, te.Value, te.Type)
		}
		return nil, err
	}
	if err := CheckSchema(rec.Schema); err != nil {
		return nil, err
	}
	for _, f := range skip {
		if idx, ok := recordIndex[f]; ok {
			v := reflect.ValueOf(rec).Elem().FieldByIndex(idx)
			v.SetZero()
		}
	}
	setLoaded(rec)
	return rec, nil
}

// setLoaded sets every match's Loaded, which records do not carry.
func setLoaded(r *Record) {
	for i := range r.Matches {
		m := &r.Matches[i]
		m.Loaded = IsLoaded(m.Valence, m.Contrib)
	}
}
