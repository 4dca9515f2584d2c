// Package codebook documents every output schema of compare field by
// field: score records (compare.score/v1.3), the outlet comparison
// (compare.stats/v2) and its tidy CSV, the score CSV and its wide tables,
// kwic lines, the Parquet tables and lint lines. Each field has a type, a
// unit and a meaning with its formula.
//
// The codebook is data (codebook.yaml, embedded): `compare schema NAME`
// prints a schema from it, and docs/codebook.md is generated from it
// (go test ./internal/codebook -update). Its tests check it against the
// Go structs the outputs are written from (record.Record,
// aggregate.Comparison, kwic.Line, the Parquet rows) and against the CSV
// headers, in both directions: a field without an entry fails, and so does
// an entry for a field that no longer exists.
package codebook
