#!/usr/bin/env bash
# bench-events.sh: `compare events` end to end on a generated news-like
# corpus with planted events (compare generate events): wall-clock and CPU
# time, peak RSS, events found, and, with jq, pairwise precision and recall
# of the planted events.
#
#   scripts/bench-events.sh [ARTICLES] [WORKDIR]    e.g. scripts/bench-events.sh 100000 /tmp/bench
#
# Needs GNU time (/usr/bin/time); jq (apt-get install jq) for precision and
# recall. The CPU time (user + system) is what the run needs on idle cores;
# on a shared machine the wall-clock time also measures the others' load,
# so the load average is printed before and after.
set -euo pipefail
n=${1:-100000}
work=${2:-${TMPDIR:-/tmp}/compare-bench}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { echo "bench-events: /usr/bin/time not found (apt-get install time)" >&2; exit 1; }

bin=$work/compare
(cd "$here" && go build -o "$bin" ./cmd/compare)
corpus=$work/events-$n.jsonl
[ -s "$corpus" ] || "$bin" generate events --articles "$n" --seed 1 -o "$corpus"
echo "corpus: $corpus ($(awk -v b="$(stat -c %s "$corpus")" 'BEGIN { printf "%.1f", b / 1e6 }') MB, $n articles), $(nproc) cores, $("$bin" --version)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$corpus" >/dev/null # from the page cache
out=$work/events-$n.out.jsonl
/usr/bin/time -f '%e %U %S %M' -o "$work/time.log" "$bin" events --no-progress --format jsonl -o "$out" "$corpus" 2>/dev/null
read -r wall user sys rss <"$work/time.log"
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v e="$(wc -l <"$out")" 'BEGIN {
	printf "compare events: %.1f s wall-clock, %.1f s CPU (user %.1f + system %.1f), peak RSS %.0f MB, %d events\n", w, u + s, u, s, r / 1024, e
}'
if command -v jq >/dev/null; then
	# Pairwise: a pair of articles is predicted when one event holds both,
	# and true when both carry one planted event.
	jq -r '[.id, (.meta.event // .event // "")] | @tsv' "$corpus" >"$work/labels.tsv"
	jq -r '.id as $e | .articles[] | [$e, .id] | @tsv' "$out" >"$work/found.tsv"
	awk -F'\t' '
		FNR == NR { if ($2 != "") { label[$1] = $2; size[$2]++ } next }
		{ found[$1]++; if ($2 in label) both[$1 SUBSEP label[$2]]++ }
		END {
			for (k in size) t += size[k] * (size[k] - 1) / 2
			for (k in found) p += found[k] * (found[k] - 1) / 2
			for (k in both) c += both[k] * (both[k] - 1) / 2
			printf "planted events: precision %.3f (%d of %d predicted pairs), recall %.3f (%d of %d pairs)\n", c / p, c, p, c / t, c, t
		}' "$work/labels.tsv" "$work/found.tsv"
fi
