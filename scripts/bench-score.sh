#!/usr/bin/env bash
# bench-score.sh: scoring throughput of `compare score` against ripgrep, on real
# news and on a generated corpus, with the same lexicon surface forms, for a
# ~1,000-entry and a ~10,000-entry lexicon, with credibility signals (the
# default) and with --credibility none.
#
#   scripts/bench-score.sh [SIZE] [WORKDIR]     e.g. scripts/bench-score.sh 200MB /tmp/bench
#
#   SIZE     size of the generated corpus (default 200MB; `compare generate corpus --size`)
#   WORKDIR  where the binary, corpora, lexicons and term lists go (default
#            $TMPDIR/compare-bench); delete it afterwards: the corpora are large
#   ROUNDS   (environment) runs of each command, interleaved; the best is shown (default 3)
#   ABP      (environment) the real corpus, gzipped JSON Lines (default
#            ../shared/abp/train.jsonl.gz beside the repository); decompressed
#            once into WORKDIR; when absent, only the generated corpus is measured
#
# The commands measured, on each corpus and lexicon, one after the other in
# each round (so that a change in the machine's load touches all three alike):
#   rg --count-matches -i -w -F -f TERMS CORPUS        (TERMS: `compare lexicon terms LEX`)
#   compare score --lexicon LEX --format jsonl --no-text --no-progress CORPUS > /dev/null
#   the same with --credibility none
# compare writes full JSON Lines records (matches with spans, voice, stance; with
# the credibility signals unless none) and uses every core; rg only counts
# matches and, on one file, runs on one core. The table gives, for the best of
# ROUNDS runs: MB/s by wall time, the ratio compare/rg by wall time (the
# issue's target: >= 2 with credibility, >= 3 without), CPU seconds
# (user+sys) of each tool and peak RSS. On a shared machine wall time follows
# the load (printed before and after); CPU time is disturbed less.
#
# Needs ripgrep (apt-get install ripgrep), GNU time (/usr/bin/time) and Go.
set -euo pipefail
size=${1:-200MB}
work=${2:-${TMPDIR:-/tmp}/compare-bench}
rounds=${ROUNDS:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
abp=${ABP:-$here/../shared/abp/train.jsonl.gz}
mkdir -p "$work"

for tool in rg /usr/bin/time go; do
	command -v "$tool" >/dev/null || { echo "bench-score: $tool not found (apt-get install ripgrep time)" >&2; exit 1; }
done

bin=$work/compare
(cd "$here" && go build -o "$bin" ./cmd/compare)

corpora=()
gen=$work/generated-$size.jsonl
[ -s "$gen" ] || "$bin" generate corpus --size "$size" --seed 1 -o "$gen"
corpora+=("$gen")
if [ -s "$abp" ]; then
	real=$work/abp-$(basename "$abp" .gz)
	[ -s "$real" ] || gzip -dc "$abp" >"$real"
	corpora+=("$real")
else
	echo "bench-score: $abp not found: real news left out (set ABP=FILE.jsonl.gz)" >&2
fi

for n in 1000 10000; do
	"$bin" generate lexicon --entries "$n" --seed 1 -o "$work/lex-$n.yaml"
	"$bin" lexicon terms "$work/lex-$n.yaml" >"$work/terms-$n.txt"
done

echo "compare: $("$bin" --version); $(rg --version | sed -n 1p); $(nproc) cores; best of $rounds interleaved runs"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# run LABEL CMD...: run CMD with its output discarded and append "LABEL wall
# cpu rssKiB" to runs.txt; a failing CMD stops the script with its messages.
run() {
	local label=$1 log=$work/time.log
	shift
	if ! /usr/bin/time -f '%e %U %S %M' -o "$log" "$@" >/dev/null 2>"$work/stderr.log"; then
		echo "bench-score: $* failed:" >&2
		cat "$work/stderr.log" >&2
		exit 1
	fi
	awk -v l="$label" '{ printf "%s %s %.2f %s\n", l, $1, $2 + $3, $4 }' "$log" >>"$work/runs.txt"
}

# best LABEL: the best wall and CPU times and the largest RSS of LABEL's runs.
best() {
	awk -v l="$1" '$1 == l {
		if (!n++ || $2 < w) w = $2
		if (n == 1 || $3 < c) c = $3
		if ($4 > m) m = $4
	} END { print w, c, m }' "$work/runs.txt"
}

printf '\n%-10s %-18s %7s %7s %10s %10s %6s %8s %8s %9s %9s\n' corpus "compare run" entries terms compare rg ratio "CPU cmp" "CPU rg" "RSS cmp" "RSS rg"
for corpus in "${corpora[@]}"; do
	name=$(basename "$corpus" .jsonl)
	name=${name%%-*}
	mb=$(awk -v b="$(stat -L -c %s "$corpus")" 'BEGIN { printf "%.1f", b / 1e6 }')
	cat "$corpus" >/dev/null # page cache
	for n in 1000 10000; do
		lex=$work/lex-$n.yaml terms=$work/terms-$n.txt
		: >"$work/runs.txt"
		for ((r = 0; r < rounds; r++)); do
			run rg rg --count-matches -i -w -F -f "$terms" "$corpus"
			for cred in default none; do
				run "$cred" "$bin" score --lexicon "$lex" --credibility "$cred" --format jsonl --no-text --no-progress "$corpus"
			done
		done
		read -r rw rc rm < <(best rg)
		for cred in default none; do
			read -r cw cc cm < <(best "$cred")
			label="credibility $cred"
			awk -v corpus="$name $mb MB" -v label="$label" -v n="$n" -v t="$(wc -l <"$terms")" -v mb="$mb" \
				-v cw="$cw" -v rw="$rw" -v cc="$cc" -v rc="$rc" -v cm="$cm" -v rm="$rm" 'BEGIN {
				c = mb / (cw > 0 ? cw : 0.01); r = mb / (rw > 0 ? rw : 0.01)
				printf "%-10s %-18s %7d %7d %5.1f MB/s %5.1f MB/s %5.2fx %7.1fs %7.1fs %6.0f MB %6.0f MB\n",
					substr(corpus, 1, index(corpus, " ") - 1), label, n, t, c, r, c / r, cc, rc, cm / 1024, rm / 1024
			}'
		done
	done
	echo "  ($name: $mb MB, $(wc -l <"$corpus") articles)"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "ratio = compare MB/s / rg MB/s by wall time (>= 1.0: compare at least as fast)."
echo "CPU = user+sys seconds of the fastest run; RSS = the largest peak of the runs."
rm -f "$work/runs.txt" "$work/time.log" "$work/stderr.log"
