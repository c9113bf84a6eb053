#!/usr/bin/env bash
# The action's one script (scripts/specc-ci.sh), run here as action.yml runs
# it: on examples/support-spec it must pass and write valid SARIF; on a copy
# with a broken reference it must fail; and with SPECC_TEST against a stub on
# 127.0.0.1, two runs give a Markdown comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# Where cargo builds (and the venvs and models live): shared with an outer run.
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target="$root/$target" ;; esac
source e2e/specc-bin.sh
export SPECC="$specc"
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
server=""
grep -q 'scripts/specc-ci.sh' action.yml || { echo "FAILED: action.yml does not run scripts/specc-ci.sh" >&2; exit 1; }
SPECC_PATH=examples/support-spec SPECC_OUT="$work/out" scripts/specc-ci.sh
python3 -c 'import json, sys; v = json.load(open(sys.argv[1])); assert v["version"] == "2.1.0" and v["runs"][0]["tool"]["driver"]["name"] == "specc", v' "$work/out/lint.sarif"
echo "ok   the example spec passes and its SARIF is valid"
cp -r examples/support-spec "$work/broken"
sed -i '0,/authority=root/s//authority=root} [x](#no_such_section) {#ignored/' "$work/broken/spec/assistant.md" || true
printf '\nSee [nowhere](#no_such_section).\n' >> "$work/broken/spec/assistant.md"
if SPECC_PATH="$work/broken" SPECC_OUT="$work/out2" scripts/specc-ci.sh > "$work/log" 2>&1; then
  cat "$work/log"; echo "FAILED: a broken reference passed" >&2; exit 1
fi
echo "ok   a broken reference fails the step"
python3 e2e/clarify_server.py "$work/port" &
server=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
cp -r crates/specc/tests/fixtures/clarify "$work/tested"
printf '\n[models.target]\nprovider = "openai"\nmodel = "target-m"\nbase-url = "http://127.0.0.1:%s/v1"\n\n[models.grader]\nprovider = "openai"\nmodel = "grader-m"\nbase-url = "http://127.0.0.1:%s/v1"\n' "$port" "$port" >> "$work/tested/specc.toml"
for _ in 1 2; do SPECC_PATH="$work/tested" SPECC_OUT="$work/out3" SPECC_TEST=true scripts/specc-ci.sh > "$work/log" 2>&1 || true; done
grep -q "run 2 against run 1" "$work/log" || { cat "$work/log"; echo "FAILED: no comparison of the two runs" >&2; exit 1; }
grep -q "|" "$work/out3/compare.md" || { cat "$work/out3/compare.md"; echo "FAILED: compare.md holds no table" >&2; exit 1; }
[ -s "$work/out3/junit.xml" ] || { echo "FAILED: no JUnit file" >&2; exit 1; }
echo "ok   with a test run, two runs are compared in Markdown"
echo "e2e/ci-action.sh: passed"
