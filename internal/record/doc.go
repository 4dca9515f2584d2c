// Package record defines the score record, the contract every stage of
// compare exchanges: the scorer (package stance) writes one Record per
// article and lexicon, and the outlet comparison (package aggregate), the
// report, the terminal view and the agreement with coders read them. It knows nothing of who produces
// them.
//
// A Record's JSON form is one line of `compare score --format jsonl`,
// versioned by Schema; ReadRecords and Reader read such lines back,
// checking each record's schema and ranges, and NewWriter writes records
// in one of Formats (jsonl, json, csv and its wide tables, table, lint
// lines), one file per format. NewParquetWriter writes them as two Parquet
// tables, articles and matches, and Reader.ReadParquet reads them back.
//
// Which match is loaded is decided once, by IsLoaded, and kept in
// MatchRecord.Loaded by the scorer and by the reader.
package record
