// Reads the two Parquet tables of `compare score --format parquet` with
// DuckDB, an independent reader, and prints what it read as JSON: the
// column types DuckDB gives each table, and every row (BIGINTs as numbers,
// STRUCTs as objects, LISTs as arrays, JSON columns as text). The Go test
// TestParquetDuckDB (cmd/compare/parquet_test.go) compares it with the
// JSON Lines records of the same articles.
//   node read-parquet.mjs ARTICLES.parquet MATCHES.parquet
import { DuckDBInstance } from '@duckdb/node-api';

const [articles, matches] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();

async function table(path) {
  const quoted = "'" + path.replaceAll("'", "''") + "'";
  const types = {};
  const desc = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quoted})`);
  for (const row of desc.getRowObjectsJS()) types[row.column_name] = row.column_type;
  const rows = await conn.runAndReadAll(`SELECT * FROM read_parquet(${quoted})`);
  return { types, rows: rows.getRowObjectsJS() };
}

const out = { articles: await table(articles), matches: await table(matches) };
process.stdout.write(JSON.stringify(out, (_, v) => (typeof v === 'bigint' ? Number(v) : v)));
