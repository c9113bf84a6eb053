#!/usr/bin/env bash
# The check benchmark's ratios by instructions executed rather than by time:
# `bench/check-ratio.sh` divides two medians of wall time, which on a shared
# 2-core machine moved between 8.5x and 12.8x in one afternoon (the bare parse
# alone between 0.48 and 1.36 ms). Callgrind counts the instructions each
# iteration executes, which do not depend on what else the machine runs.
#
# Each benchmark runs twice under callgrind, with 10 and 30 one-iteration
# samples; the difference divided by 20 is one iteration's cost, without the
# set-up both runs share (reading the corpus, building the tables). One thread
# (RAYON_NUM_THREADS=1): the count is the work done, not how it is spread.
#
# Usage: bench/check-instructions.sh
# Needs valgrind (Debian's `valgrind`). Exits 2 when the corpus is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v valgrind > /dev/null || { echo "check-instructions: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
bin=$(cargo bench -p specc_check --bench check --no-run 2>&1 | sed -n 's/.*Executable benches\/check.rs (\(.*\))/\1/p' | tail -1)
[[ -x "$bin" ]] || { echo "check-instructions: could not build the benchmark" >&2; exit 2; }
if "$bin" --list 2>/dev/null | grep -q '^skipping'; then
    echo "check-instructions: benchmark skipped (corpus absent)" >&2
    exit 2
fi

# Instructions of one run of a benchmark with N one-iteration samples.
refs() {
    (cd crates/specc_check && RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        "../../$bin" --bench --exact "check::$1" --sample-count "$2" --sample-size 1 2>&1) |
        sed -n 's/.*I *refs: *\([0-9,]*\).*/\1/p' | tr -d ,
}

per_iteration() {
    local low high
    low=$(refs "$1" 10)
    high=$(refs "$1" 30)
    echo $(((high - low) / 20))
}

bare=$(per_iteration bare_pulldown_cmark)
check=$(per_iteration specc_parse_and_check)
full=$(per_iteration specc_parse_and_full_check)
awk -v b="$bare" -v c="$check" -v f="$full" 'BEGIN {
    printf "bare pulldown-cmark:        %.2f M instructions per parse\n", b / 1e6
    printf "specc parse+check:          %.2f M (%.2fx, target: <= 3x)\n", c / 1e6, c / b
    printf "specc full check:           %.2f M (%.2fx, target: <= 10x)\n", f / 1e6, f / b
}'
