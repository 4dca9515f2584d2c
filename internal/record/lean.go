package record

// LeanLevel grades a match's contribution c to an axis for showing it:
// −2 for a strong lean toward the negative end (c ≤ −0.5), −1 for a
// weaker one, +1 and +2 likewise toward the positive end, and 0 for none.
// The report's colours and the terminal's marks follow it, so that a term
// shown as strong in one is strong in the other.
func LeanLevel(c float64) int {
	switch {
	case c <= -0.5:
		return -2
	case c < 0:
		return -1
	case c >= 0.5:
		return 2
	case c > 0:
		return 1
	}
	return 0
}
