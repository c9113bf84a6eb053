#!/usr/bin/env bash
# Runs crates/specc_diff/benches/diff.rs and prints the ratio of a `specc diff`
# of two Model Spec releases to one `specc check` of a release (medians).
# Target: at most 10x. Exits 2 when the corpus is absent. Reports; does not enforce.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(cargo bench -p specc_diff --bench diff -- "$@" 2>&1 | tee /dev/stderr)
if grep -q '^skipping' <<<"$out"; then
    echo "diff-ratio: benchmark skipped (corpus absent)" >&2
    exit 2
fi
source bench/divan.sh
check=$(median_ns check_one_release)
diff=$(median_ns diff_two_releases)
awk -v c="$check" -v d="$diff" 'BEGIN {
    printf "specc check of one release median: %.3f ms\n", c / 1e6
    printf "specc diff of two releases median: %.3f ms\n", d / 1e6
    printf "ratio (diff / check):              %.2fx (target: <= 10x)\n", d / c
}'
