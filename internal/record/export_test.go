package record

// SparseReads reports whether the sparse decoder reads line itself, rather
// than leaving it to the full one.
func SparseReads(line []byte) bool {
	_, err := new(sparseDecoder).decode(line)
	return err == nil
}
