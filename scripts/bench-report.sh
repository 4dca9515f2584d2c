#!/usr/bin/env bash
# bench-report.sh: `compare report --scores` end to end on ARTICLES score
# records: wall-clock and CPU time, peak RSS and the page's size.
#
#   [OUTLETS=N] scripts/bench-report.sh [ARTICLES] [WORKDIR] [SCORE-FLAGS...]
#   e.g. scripts/bench-report.sh 100000 /tmp/bench
#        scripts/bench-report.sh 1000000 /tmp/bench --no-text --credibility none
#        OUTLETS=77944 scripts/bench-report.sh 98628 /tmp/bench
#
# With OUTLETS=N the records are spread over N outlets (record i goes to
# outlet-(i mod N)): ARTICLES a little above N gives most outlets one
# article and some two, the many-outlets case a report must bound. With
# OPEN=1 the page is then opened in headless Chromium, which must draw
# every chart (go test ./internal/report -run TestBrowserOpenFile).
#
# The records are those of a generated 10 MB corpus (compare generate corpus,
# 40 outlets, about 2,500 articles) scored once with SCORE-FLAGS, repeated
# with new ids up to ARTICLES: the report cannot tell, and the file is
# written at disk speed instead of scored (the full records are about 12 kB
# each; --no-text --credibility none about 4 kB). Needs GNU time
# (/usr/bin/time). On a shared machine the wall-clock time also measures the
# others' load, so the load average is printed before and after.
set -euo pipefail
n=${1:-100000}
work=${2:-${TMPDIR:-/tmp}/compare-bench}
shift $(($# < 2 ? $# : 2))
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { echo "bench-report: /usr/bin/time not found (apt-get install time)" >&2; exit 1; }

bin=$work/compare
(cd "$here" && go build -o "$bin" ./cmd/compare)
corpus=$work/report-corpus.jsonl
[ -s "$corpus" ] || "$bin" generate corpus --size 10MB --seed 1 -o "$corpus" 2>/dev/null
tag=$(echo "$*" | tr -c 'a-z0-9\n' '-')
base=$work/report-base$tag.jsonl
[ -s "$base" ] || "$bin" score --no-progress --format jsonl "$@" -o "$base" "$corpus" 2>/dev/null
outlets=${OUTLETS:-0}
scores=$work/report-$n${OUTLETS:+-outlets$outlets}$tag.jsonl
# perl, not awk: awk's sub() on 12 kB lines took minutes for 100k records.
[ -s "$scores" ] || perl -ne 'BEGIN { ($n, $o) = splice @ARGV, 0, 2 } push @l, $_; END {
	for $i (0 .. $n - 1) { $x = $l[$i % @l]; $x =~ s/"id":"[^"]*"/"id":"r-$i"/;
		if ($o > 0) { $j = $i % $o; $x =~ s/"outlet":"[^"]*"/"outlet":"outlet-$j"/ } print $x }
}' "$n" "$outlets" "$base" >"$scores"
echo "scores: $scores ($(awk -v b="$(stat -c %s "$scores")" 'BEGIN { printf "%.1f", b / 1e6 }') MB, $n records), $(nproc) cores, $("$bin" --version)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
page=$work/report-$n${OUTLETS:+-outlets$outlets}$tag.html
/usr/bin/time -f '%e %U %S %M' -o "$work/time.log" "$bin" report --scores "$scores" -o "$page" >/dev/null
read -r wall user sys rss <"$work/time.log"
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v p="$(stat -c %s "$page")" 'BEGIN {
	printf "compare report: %.1f s wall-clock, %.1f s CPU (user %.1f + system %.1f), peak RSS %.0f MB, page %.1f MB\n", w, u + s, u, s, r / 1024, p / 1048576
}'
if [ "${OPEN:-0}" = 1 ]; then
	(cd "$here" && COMPARE_OPEN_REPORT=$page go test -count=1 -run '^TestBrowserOpenFile$' -v ./internal/report | grep -E 'opened|FAIL|ok ')
fi
