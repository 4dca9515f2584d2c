#!/usr/bin/env bash
# daily.sh: the daily workflow. Score one day's articles into a dated score
# file, compare them with a rolling baseline of the score files of the days
# before, and write the day's stats and report.
#
#   scripts/daily.sh [-n] [-d DAY] ARTICLES SCORES REPORTS
#
#   ARTICLES  the day's articles: a folder or file(s) compare score reads
#   SCORES    folder of dated score files, one per day: DAY.jsonl.gz
#   REPORTS   folder for DAY-stats.txt (compare stats) and DAY.html (compare report)
#   -d DAY    the day, YYYY-MM-DD (default: today, UTC)
#   -n        dry run: print the commands that would run, run nothing
#
# Environment:
#   COMPARE        the compare binary (default: compare on PATH)
#   BASELINE_DAYS  how many days before DAY make the baseline (default 90);
#                  the score files of those days that exist are used
#   COMPARE_FLAGS  flags that score, stats and report all take, e.g.
#                  "--lexicon iran-syria --outlets outlets.yaml --date-order day-first"
#
# Exit status: 0 when nothing shifted (or there is no baseline yet), 6 when
# compare stats found an outlet that shifted against the baseline (the stats
# file and the report say which), anything else when a step failed. A cron
# line that mails when something shifted:
#
#   15 6 * * * cd /srv/news && scripts/daily.sh feeds/$(date -u +\%F) scores reports || [ $? -ne 6 ] || mail -s "compare: shift" desk@example.org < reports/$(date -u +\%F)-stats.txt
#
# Needs bash, gzip and GNU date (on macOS, coreutils' gdate as date).
set -euo pipefail

usage() {
	sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//' >&2
	exit 2
}

dry=false
day=$(date -u +%F)
while getopts "nd:h" opt; do
	case $opt in
	n) dry=true ;;
	d) day=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 3 ] || usage
articles=$1 scores=$2 reports=$3
compare=${COMPARE:-compare}
days=${BASELINE_DAYS:-90}
read -r -a flags <<<"${COMPARE_FLAGS:-}"

# The day must be a real calendar day: it names files.
if ! [[ $day =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || [ "$(date -u -d "$day" +%F 2>/dev/null)" != "$day" ]; then
	echo "daily: -d $day: want a day as YYYY-MM-DD" >&2
	exit 2
fi
[[ $days =~ ^[0-9]+$ ]] || { echo "daily: BASELINE_DAYS=$days: want a number of days" >&2; exit 2; }

# run CMD...: print it, and run it unless this is a dry run.
run() {
	printf '%q ' "$@" | sed 's/ $//' >&2
	echo >&2
	$dry || "$@"
}

today=$scores/$day.jsonl.gz
run mkdir -p "$scores" "$reports"

# 1. Score the day's articles into its dated file, written whole or not at
#    all: compare puts -o in place only on success, and gzip's output is
#    renamed once complete.
run "$compare" score --format jsonl --no-progress "${flags[@]}" -o "$scores/.$day.jsonl" "$articles"
run gzip -n -f "$scores/.$day.jsonl"
run mv -f "$scores/.$day.jsonl.gz" "$today"

# 2. The baseline: the score files of the BASELINE_DAYS days before, those
#    that exist (days without articles have none).
baseline=()
for ((i = days; i >= 1; i--)); do
	d=$(date -u -d "$day - $i days" +%F)
	if [ -e "$scores/$d.jsonl.gz" ]; then
		baseline+=(--baseline "$scores/$d.jsonl.gz")
	fi
done
echo "daily: $day: $((${#baseline[@]} / 2)) score files of the $days days before make the baseline" >&2

# 3. Stats against the baseline (status 6: something shifted), then the
#    report, which is written either way.
status=0
run "$compare" stats "${flags[@]}" --scores "$today" "${baseline[@]}" -o "$reports/$day-stats.txt" || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 6 ]; then
	exit "$status"
fi
title="$day"
[ ${#baseline[@]} -eq 0 ] || title="$day against the $days days before"
run "$compare" report "${flags[@]}" --scores "$today" "${baseline[@]}" --title "$title" -o "$reports/$day.html"
exit "$status"
