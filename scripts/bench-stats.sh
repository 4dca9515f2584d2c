#!/usr/bin/env bash
# bench-stats.sh: `compare stats --scores` on ARTICLES score records, as a
# table and with trends by month (--period month): wall-clock and CPU time
# and peak RSS of each, with the load average.
#
#   scripts/bench-stats.sh [ARTICLES] [WORKDIR] [SCORE-FLAGS...]
#   e.g. scripts/bench-stats.sh 100000 /tmp/bench
#        scripts/bench-stats.sh 1000000 /tmp/bench --no-text
#
# The records are those of a generated 10 MB corpus (compare generate
# corpus --seed 7, 40 outlets, about 2,500 articles dated 2024-01-01 to
# 2025-12-31, so that a month holds about 1,000 articles of each outlet at
# a million) scored once with SCORE-FLAGS, repeated with new ids up to
# ARTICLES: the statistics cannot tell, and the file is written at disk
# speed instead of scored. Full records are about 12.7 kB each (12.7 GB at
# a million), with --no-text about 8.7 kB. Needs GNU time (/usr/bin/time)
# and perl. COMPARE=BINARY times that binary instead of building one (to
# compare two builds on the same file, alternating runs). On a shared
# machine the wall-clock time also measures the others' load: the CPU time
# is what the run needs.
set -euo pipefail
n=${1:-100000}
work=${2:-${TMPDIR:-/tmp}/compare-bench}
shift $(($# < 2 ? $# : 2))
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { echo "bench-stats: /usr/bin/time not found (apt-get install time)" >&2; exit 1; }

bin=${COMPARE:-$work/compare}
[ -n "${COMPARE:-}" ] || (cd "$here" && go build -o "$bin" ./cmd/compare)
corpus=$work/stats-corpus.jsonl
[ -s "$corpus" ] || "$bin" generate corpus --size 10MB --seed 7 --from 2024-01-01 --to 2025-12-31 -o "$corpus" 2>/dev/null
tag=$(echo "$*" | tr -c 'a-z0-9\n' '-')
base=$work/stats-base$tag.jsonl
[ -s "$base" ] || "$bin" score --no-progress --format jsonl "$@" -o "$base" "$corpus" 2>/dev/null
scores=$work/stats-$n$tag.jsonl
[ -s "$scores" ] || perl -e '
	my ($n, $f) = @ARGV; open my $h, "<", $f or die "$f: $!"; my @l = <$h>; close $h;
	for my $i (0 .. $n - 1) { my $s = $l[$i % @l]; $s =~ s/"id":"[^"]*"/"id":"r-$i"/; print $s }
' "$n" "$base" >"$scores"
echo "scores: $scores ($(awk -v b="$(stat -c %s "$scores")" 'BEGIN { printf "%.1f", b / 1e6 }') MB, $n records), $(nproc) cores, $("$bin" --version)"
for period in "" month; do
	echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
	/usr/bin/time -f '%e %U %S %M' -o "$work/time.log" "$bin" stats --scores "$scores" ${period:+--period "$period"} >/dev/null
	read -r wall user sys rss <"$work/time.log"
	echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
	awk -v p="${period:+ --period $period}" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
		printf "compare stats%s: %.1f s wall-clock, %.1f s CPU (user %.1f + system %.1f), peak RSS %.0f MB\n", p, w, u + s, u, s, r / 1024
	}'
done
