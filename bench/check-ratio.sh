#!/usr/bin/env bash
# Runs the check benchmark (crates/specc_check/benches/check.rs) and prints the
# ratio of specc's parse + structural checks to a bare pulldown-cmark parse of
# the same 2025-12-18 Model Spec release, by median time. Target: within 3x.
# Then the whole check with the conflict checker against the same parse
# (issue 14: within 10x).
#
# Usage: bench/check-ratio.sh [extra divan arguments, e.g. --sample-count 200]
# Exits 0 after printing the ratio, 2 when the benchmark was skipped (no
# corpus) or its output could not be read. It reports; it does not enforce.
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(cargo bench -p specc_check --bench check -- "$@" 2>&1 | tee /dev/stderr)

if grep -q '^skipping' <<<"$out"; then
    echo "check-ratio: benchmark skipped (corpus absent)" >&2
    exit 2
fi

source bench/divan.sh

bare=$(median_ns bare_pulldown_cmark || true)
specc=$(median_ns specc_parse_and_check || true)
if [[ -z "$bare" || -z "$specc" ]]; then
    echo "check-ratio: could not read the medians from the benchmark output" >&2
    exit 2
fi

awk -v b="$bare" -v s="$specc" 'BEGIN {
    printf "bare pulldown-cmark median: %.3f ms\n", b / 1e6
    printf "specc parse+check median:   %.3f ms\n", s / 1e6
    printf "ratio (specc / bare):       %.2fx (target: <= 3x)\n", s / b
}'
# The whole `specc check`, conflicts included (issue 14's bound).
full=$(median_ns specc_parse_and_full_check || true)
if [[ -n "$full" ]]; then
    awk -v b="$bare" -v f="$full" 'BEGIN {
        printf "specc full check median:    %.3f ms\n", f / 1e6
        printf "ratio (full / bare):        %.2fx (target: <= 10x)\n", f / b
    }'
fi
