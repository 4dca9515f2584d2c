#!/usr/bin/env bash
# validate-abp.sh: the held-out numbers of the README's Validity section for
# us-politics, from the labelled ABP articles in ../shared/abp.
#
#   scripts/validate-abp.sh [LEXICON] [FORMAT]    e.g. scripts/validate-abp.sh us-politics table
#
# It scores ABP's `valid` split with LEXICON (default us-politics; a name or
# a YAML file) and measures it against the AllSides rating in each article's
# `bias` field, ordered left < center < right. The outlets of ABP's `train`
# split are the training outlets: the 11 outlets that are in both splits are
# left out and named, so every number is measured on outlets the lexicon was
# never grown on. Bootstrap intervals use 2000 resamples, seed 1: the output
# is the same on every run. FORMAT is table (default), json or csv.
#
# ABP lives outside the repository (ABP=DIR overrides ../shared/abp). It
# takes a minute or two on two cores; it is not part of make test.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
abp=${ABP:-$here/../shared/abp}
lexicon=${1:-us-politics}
format=${2:-table}
for f in "$abp/train.jsonl.gz" "$abp/valid.jsonl.gz"; do
	[ -r "$f" ] || { echo "validate-abp: $f not found (set ABP=DIR)" >&2; exit 1; }
done
bin=$(mktemp -d)/compare
trap 'rm -rf "$(dirname "$bin")"' EXIT
(cd "$here" && go build -o "$bin" ./cmd/compare)
"$bin" validate --no-progress --lexicon "$lexicon" --label-field bias --order left,center,right \
	--train-outlets "$abp/train.jsonl.gz" --format "$format" "$abp/valid.jsonl.gz"
