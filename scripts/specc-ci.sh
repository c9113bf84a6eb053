#!/usr/bin/env bash
# One step for CI, the one action.yml runs: check the spec (fails on errors),
# lint it into SARIF for code scanning, and, when asked, run `specc test` and
# write `specc compare` against a base run as Markdown for a pull-request comment.
#
# Environment (all optional):
#   SPECC          the specc executable (default: specc on PATH)
#   SPECC_PATH     the spec project (default: .)
#   SPECC_OUT      where outputs go (default: specc-out)
#   SPECC_TEST     "true" to run `specc test` (needs [models.*] and their keys); when the
#                  results database (restored from the base branch's CI cache) then holds
#                  an earlier run, the new run is compared with it into compare.md
set -euo pipefail
specc=${SPECC:-specc}
path=${SPECC_PATH:-.}
out=${SPECC_OUT:-specc-out}
mkdir -p "$out"
echo "specc-ci: $("$specc" --version) on $path"
status=0
"$specc" check "$path" --format json > "$out/check.jsonl" || status=$?
{ "$specc" check "$path" --color never || true; } | tail -1
if [ "$status" -ge 2 ]; then
  echo "specc-ci: specc check could not read the project (exit $status)" >&2
  "$specc" check "$path" --color never >&2 || true
  exit "$status"
fi
"$specc" lint "$path" --format sarif > "$out/lint.sarif" || true
echo "specc-ci: SARIF in $out/lint.sarif"
if [ "${SPECC_TEST:-false}" = "true" ]; then
  "$specc" test "$path" --format junit > "$out/junit.xml" || status=1
  runs=$("$specc" runs "$path" --format json | python3 -c 'import json, sys; v = json.load(sys.stdin); rs = v["runs"] if isinstance(v, dict) else v; print(" ".join(str(r["id"]) for r in rs[:2]))')
  set -- $runs
  if [ "$#" -eq 2 ]; then
    "$specc" compare "$2" "$1" "$path" --format md > "$out/compare.md" || status=1
    echo "specc-ci: run $1 against run $2 in $out/compare.md"
  fi
fi
exit "$status"
