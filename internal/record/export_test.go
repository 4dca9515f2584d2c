package record

import "sync"

// SparseReads reports whether the sparse decoder reads line itself, rather
// than leaving it to the full one.
func SparseReads(line []byte) bool {
	_, err := new(sparseDecoder).decode(line)
	return err == nil
}

// SparseDecodeAfter decodes line with the sparse decoder, in the record
// recycled from prev (Reader.Reuse) when the decoder reads prev.
func SparseDecodeAfter(prev, line []byte) (*Record, error) {
	ld := &sparseDecoder{recycled: new(sync.Pool)}
	if r, err := ld.decode(prev); err == nil {
		ld.recycled.Put(r)
	}
	return ld.decode(line)
}
