package record

// Exported for the tests in package record_test, which score articles
// with package stance.
var (
	DecodeFast   = decodeFast
	AppendRecord = appendRecord
)
