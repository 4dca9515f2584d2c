package credibility

// Test helpers for the external tests (seeds_test.go), which cannot be in
// this package: they use package stance, which imports this one.
var (
	CheckSpans  = checkSpans
	CheckCounts = checkCounts
)
