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

// ScanReads reports whether the sparse decoder's scanner reads line,
// rather than leaving it to the token decoder.
func ScanReads(line []byte) bool {
	return new(sparseDecoder).scan(line) != nil
}

// ScanDecode decodes line with the scanner alone, and with the token
// decoder alone: scanned is nil when the scanner gives the line up,
// tokens is nil when the token decoder does.
func ScanDecode(line []byte) (scanned, tokens *Record) {
	scanned = new(sparseDecoder).scan(line)
	tokens, _ = new(sparseDecoder).decodeTokens(line)
	return scanned, tokens
}

// ScanDecodeAfter decodes line with the scanner alone, in the record
// recycled from prev (Reader.Reuse) when the scanner reads prev.
func ScanDecodeAfter(prev, line []byte) *Record {
	ld := &sparseDecoder{recycled: new(sync.Pool)}
	if r := ld.scan(prev); r != nil {
		ld.recycled.Put(r)
	}
	return ld.scan(line)
}

// SparseDecodeTokens decodes line with the sparse decoder's token decoder
// alone.
func SparseDecodeTokens(line []byte) (*Record, error) {
	return new(sparseDecoder).decodeTokens(line)
}

// SparseLineDecoder returns a function that decodes a line with one sparse
// decoder, recycling each record (Reader.Reuse), and reports whether it
// read the line: with the scanner, falling back on the token decoder, as
// Reader.Sparse does, or with the token decoder alone (tokensOnly).
func SparseLineDecoder(tokensOnly bool) func(line []byte) bool {
	ld := &sparseDecoder{recycled: new(sync.Pool)}
	return func(line []byte) bool {
		var r *Record
		if tokensOnly {
			r, _ = ld.decodeTokens(line)
		} else {
			r = ld.scan(line)
		}
		if r == nil {
			return false
		}
		ld.recycled.Put(r)
		return true
	}
}
