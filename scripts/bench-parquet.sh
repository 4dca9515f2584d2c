#!/usr/bin/env bash
# bench-parquet.sh: size and speed of score records as Parquet against JSON
# Lines. Generates a corpus of about SIZE (deterministic), scores it once to
# each format (--no-text: records with matches and credibility signals, no
# article text), then reads each back with `compare stats --scores` and
# `compare stats --scores --credibility none`. Prints bytes, seconds and peak
# RSS. DuckDB (scripts/duckdb, make duckdb) also counts the Parquet rows,
# when installed.
#
#   scripts/bench-parquet.sh [SIZE] [WORKDIR]     e.g. scripts/bench-parquet.sh 4GB /tmp/pqbench
#
# 4GB gives about a million articles. Needs GNU time (/usr/bin/time).
set -euo pipefail
size=${1:-400MB}
work=${2:-${TMPDIR:-/tmp}/compare-pqbench}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { echo "bench-parquet: /usr/bin/time not found (apt-get install time)" >&2; exit 1; }

bin=$work/compare
(cd "$here" && go build -o "$bin" ./cmd/compare)
corpus=$work/corpus-$size.jsonl
[ -s "$corpus" ] || "$bin" generate corpus --size "$size" --seed 1 -o "$corpus"
echo "corpus: $corpus ($(stat -c %s "$corpus") bytes), $(nproc) cores"

# measure LABEL CMD...: prints LABEL, seconds and peak RSS in MiB.
measure() {
	local label=$1 log=$work/time.log
	shift
	/usr/bin/time -f '%e %M' -o "$log" "$@" >/dev/null 2>"$work/stderr.log" || { cat "$work/stderr.log" >&2; exit 1; }
	read -r secs kib <"$log"
	printf '%-44s %8.1f s %8d MiB\n' "$label" "$secs" $((kib / 1024))
}

jsonl=$work/scores.jsonl pq=$work/scores.parquet
measure "score --no-text --format jsonl" "$bin" score --no-progress --no-text --format jsonl -o "$jsonl" "$corpus"
measure "score --no-text --format parquet" "$bin" score --no-progress --no-text --format parquet -o "$pq" "$corpus"
echo "records: $(wc -l <"$jsonl")"
printf 'jsonl:   %14d bytes\n' "$(stat -c %s "$jsonl")"
printf 'parquet: %14d bytes (articles %d + matches %d)\n' \
	$(($(stat -c %s "$pq") + $(stat -c %s "${pq%.parquet}.matches.parquet"))) "$(stat -c %s "$pq")" "$(stat -c %s "${pq%.parquet}.matches.parquet")"
for f in "$jsonl" "$pq"; do
	measure "stats --scores $(basename "$f")" "$bin" stats --scores "$f"
	measure "stats --scores $(basename "$f") --credibility none" "$bin" stats --credibility none --scores "$f"
done
duck=$here/scripts/duckdb
if [ -d "$duck/node_modules/@duckdb/node-api" ]; then
	cat >"$work/count.mjs" <<JS
import { DuckDBInstance } from '$duck/node_modules/@duckdb/node-api/lib/index.js';
const c = await (await DuckDBInstance.create(':memory:')).connect();
const r = await c.runAndReadAll("SELECT outlet, count(*), avg(tokens) FROM read_parquet('$pq') GROUP BY outlet");
console.log(r.getRowsJS().length, 'outlets');
JS
	measure "duckdb: articles per outlet (parquet)" node "$work/count.mjs"
fi
