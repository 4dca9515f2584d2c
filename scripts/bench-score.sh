#!/usr/bin/env bash
# bench-score.sh: scoring throughput of `compare score` against ripgrep on the
# same generated corpus and the same lexicon surface forms, for a ~1,000-term
# and a ~10,000-term lexicon. Prints MB/s for both, their ratio, and peak RSS.
#
#   scripts/bench-score.sh [SIZE] [WORKDIR]      e.g. scripts/bench-score.sh 200MB /tmp/bench
#
# Needs ripgrep (apt-get install ripgrep) and GNU time (/usr/bin/time).
# compare writes full JSON Lines records (matches with spans, voice, stance)
# to a file; ripgrep only counts matches (`rg --count-matches -i -w -F -f`).
set -euo pipefail
size=${1:-200MB}
work=${2:-${TMPDIR:-/tmp}/compare-bench}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"

for tool in rg /usr/bin/time; do
	command -v "$tool" >/dev/null || { echo "bench-score: $tool not found (apt-get install ripgrep time)" >&2; exit 1; }
done

bin=$work/compare
(cd "$here" && go build -o "$bin" ./cmd/compare)

corpus=$work/corpus-$size.jsonl
[ -s "$corpus" ] || "$bin" generate corpus --size "$size" --seed 1 -o "$corpus"
bytes=$(stat -c %s "$corpus")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "corpus: $corpus ($mb MB), $(nproc) cores, $("$bin" --version)"
echo "rg: $(rg --version | head -n 1)"

# run LABEL CMD... : time CMD, print seconds and peak RSS (KiB) as "secs rss".
measure() {
	local log=$work/time.log
	/usr/bin/time -f '%e %M' -o "$log" "$@" >/dev/null
	cat "$log"
}

printf '\n%-24s %7s %8s %12s %12s %8s %12s %12s\n' "compare run" terms entries "compare" "rg" ratio "compare RSS" "rg RSS"
for n in 1000 10000; do
	lex=$work/lex-$n.yaml terms=$work/terms-$n.txt
	"$bin" generate lexicon --entries "$n" --seed 1 -o "$lex"
	"$bin" lexicon terms "$lex" >"$terms"
	# warm the page cache so both read from memory
	cat "$corpus" >/dev/null
	read -r rs rrss < <(measure rg --count-matches -i -w -F -f "$terms" "$corpus")
	for cred in default none; do
		read -r cs crss < <(measure "$bin" score --lexicon "$lex" --credibility "$cred" --format jsonl --no-text --no-progress -o "$work/scores-$n.jsonl" "$corpus")
		awk -v label="credibility $cred" -v n="$n" -v t="$(wc -l <"$terms")" -v mb="$mb" -v cs="$cs" -v rs="$rs" -v crss="$crss" -v rrss="$rrss" 'BEGIN {
			c = mb / (cs > 0 ? cs : 0.01); r = mb / (rs > 0 ? rs : 0.01)
			printf "%-24s %7d %8d %7.1f MB/s %7.1f MB/s %7.2fx %9.1f MB %9.1f MB\n", label, t, n, c, r, c / r, crss / 1024, rrss / 1024
		}'
	done
done
echo
echo "ratio = compare MB/s / rg MB/s (>= 1.0: compare at least as fast). compare writes full records"
echo "(matches with spans, voice, stance; with credibility signals unless 'none'); rg only counts matches."
