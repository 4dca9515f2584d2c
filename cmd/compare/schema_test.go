package main

import (
	"strings"
	"testing"

	"github.com/compare-tool/compare/internal/golden"
)

// TestSchema checks compare schema: the list, one schema (golden
// schema-kwic.txt), and an unknown name.
func TestSchema(t *testing.T) {
	list, stderr, code := compare(t, "", "schema")
	if code != 0 || !strings.Contains(list, "stats-csv") || !strings.Contains(list, "parquet-matches") {
		t.Fatalf("exit %d: %s%s", code, list, stderr)
	}
	kwic, stderr, code := compare(t, "", "schema", "kwic")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden.Check(t, "testdata/golden/schema-kwic.txt", kwic)
	_, stderr, code = compare(t, "", "schema", "nope")
	if code != exitUsage || !strings.Contains(stderr, `no schema "nope"`) {
		t.Errorf("unknown schema: exit %d, %s", code, stderr)
	}
}
