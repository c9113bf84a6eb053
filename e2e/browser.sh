#!/usr/bin/env bash
# Browser test of `specc build --target html` in headless Chromium (Debian's
# `chromium`, installed with apt-get when missing). For the build fixture
# (whose BAD answer holds `<script>alert(1)</script>` and
# `"><img src=x onerror=alert(1)>`) and, when ../shared/corpus is present, the
# 2025-12-18 Model Spec, it builds the site and runs e2e/browser_check.py,
# which drives Chromium over the DevTools protocol on a pipe (no port) and
# checks the live DOM: anchors for every section, links that resolve, clicks
# on every navigation link landing on their section, example counts equal to
# `specc check`, the XSS strings as text with no <script>/<img> element, and
# no request beyond file:/data:. Then the report: it runs `specc test` twice on
# crates/specc/tests/fixtures/report against e2e/report_server.py (a scripted
# OpenAI-compatible stub on 127.0.0.1; the second run's Tone answers carry the
# XSS strings), writes `specc report`, and e2e/report_check.py checks anchors,
# the CSS-only filters, the charts, escaping (no dialog, nothing executes) and
# no remote request; with the corpus, the same for the Model Spec's report of a
# run where the stub's grader fails all 463 answers: `specc test` must exit 1,
# and report_check.py counts the 463 in the IR, the results database, the
# results table and the lists of failing answers, each under its own clause or
# section (every link resolves). Without the corpus the Model Spec parts are
# skipped by name (e2e/projects.sh), in a SKIPPED line and in the last line.
# Screenshots go to target/e2e-artifacts/. Any failure,
# including Chromium not installing, fails the script with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# Where cargo builds (and the venvs and models live): shared with an outer run.
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target="$root/$target" ;; esac
artifacts="$target/e2e-artifacts"
mkdir -p "$artifacts"

browser=""
for b in chromium chromium-browser; do
  if command -v "$b" >/dev/null 2>&1; then browser=$(command -v "$b"); break; fi
done
if [ -z "$browser" ]; then
  echo "e2e/browser.sh: chromium is missing; installing it with apt-get"
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  if ! { $sudo apt-get update -q && $sudo apt-get install -y -q chromium; }; then
    echo "FAILED: e2e/browser.sh could not install chromium (apt-get install -y chromium failed; see above)" >&2
    exit 1
  fi
  browser=$(command -v chromium) || { echo "FAILED: chromium installed but not on PATH" >&2; exit 1; }
fi
echo "browser: $($browser --version 2>/dev/null || echo "$browser")"

source e2e/projects.sh

for entry in "${projects[@]}"; do
  name=${entry%%=*}
  dir=${entry#*=}
  site="$work/$name/html"
  "$specc" build "$dir" --target html --out "$site"
  # Both exit 1 when the project has errors; the outputs are what matter here,
  # but anything else (2: it could not run; 101: a panic) is a failure.
  mkdir -p "$work/$name"
  "$specc" check --dump-ir "$dir" > "$work/$name/ir.json" || [ $? -eq 1 ]
  "$specc" check --format json "$dir" > "$work/$name/check.jsonl" || [ $? -eq 1 ]
  tail -n 1 "$work/$name/check.jsonl" > "$work/$name/summary.json"
  xss=""
  if [ "$name" = fixture ]; then xss="--xss"; fi
  mkdir -p "$work/$name/profile"
  if ! timeout 300 python3 e2e/browser_check.py --browser "$browser" --site "$site/index.html" \
      --ir "$work/$name/ir.json" --summary "$work/$name/summary.json" --name "$name" \
      --artifacts "$artifacts" --profile "$work/$name/profile" $xss; then
    echo "FAILED: e2e/browser.sh on $name (chromium log: $work/chromium-cdp.log, kept)" >&2
    KEEP=1
    exit 1
  fi
done
# The report of a run: a results database made by `specc test` against a local stub.
rp="$work/report-project"
cp -r "$root/crates/specc/tests/fixtures/report" "$rp"
python3 e2e/report_server.py "$work/port" "$work/regress" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || { echo "FAILED: e2e/report_server.py did not start" >&2; exit 1; }
port=$(cat "$work/port")
cat >> "$rp/specc.toml" <<TOML

[models.target]
provider = "openai"
model = "target-m"
base-url = "http://127.0.0.1:$port/v1"
temperature = 0.0

[models.grader]
provider = "openai"
model = "grader-m"
base-url = "http://127.0.0.1:$port/v1"
temperature = 0.0

[test]
samples = 3
pass-threshold = 0.5
TOML
"$specc" test "$rp" > "$work/run1.txt"
touch "$work/regress"
# The second run regresses the Tone clause, so it exits 1; that is the point.
code=0
"$specc" test "$rp" --no-cache > "$work/run2.txt" || code=$?
if [ "$code" -ne 1 ]; then
  echo "FAILED: the regressed run of specc test exited $code, expected 1" >&2; cat "$work/run2.txt" >&2; exit 1
fi
if "$specc" compare 1 2 --project "$rp" --format md > "$work/compare.md"; then
  echo "FAILED: specc compare did not report the regression (exit 0)" >&2; exit 1
fi
grep -q 'regressed' "$work/compare.md" || { echo "FAILED: no regression in specc compare's table" >&2; exit 1; }
"$specc" report "$rp" 2 --out "$work/report.html"
"$specc" check --dump-ir "$rp" > "$work/report-ir.json" || [ $? -eq 1 ]
mkdir -p "$work/report-profile"
if ! timeout 300 python3 e2e/report_check.py --browser "$browser" --report "$work/report.html" \
    --ir "$work/report-ir.json" --artifacts "$artifacts" --profile "$work/report-profile" --fixture; then
  echo "FAILED: e2e/browser.sh on the report (chromium log: $work/chromium-cdp.log, kept)" >&2
  KEEP=1
  exit 1
fi
cp "$work/report.html" "$artifacts/report.html"
kill "$server_pid" 2>/dev/null || true

# The Model Spec's report with every answer failing: 463 cases, each answer under its clause.
if [ -n "$model_spec" ]; then
  ms="$work/model-spec-run"
  cp -r "$model_spec" "$ms"
  rm -f "$work/port"
  python3 e2e/report_server.py "$work/port" "$work/regress" --fail-all &
  server_pid=$!
  for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
  [ -s "$work/port" ] || { echo "FAILED: e2e/report_server.py did not start" >&2; exit 1; }
  port=$(cat "$work/port")
  printf '[spec]\nname = "model-spec"\n\n[models.target]\nprovider = "openai"\nmodel = "target-m"\nbase-url = "http://127.0.0.1:%s/v1"\n\n[models.grader]\nprovider = "openai"\nmodel = "grader-m"\nbase-url = "http://127.0.0.1:%s/v1"\n\n[test]\nsamples = 1\nconcurrency = 16\n' "$port" "$port" > "$ms/specc.toml"
  # Every answer fails, so the run is below the pass threshold: exit 1, nothing else.
  code=0
  "$specc" test "$ms" > "$work/ms-run.txt" || code=$?
  kill "$server_pid" 2>/dev/null || true
  if [ "$code" -ne 1 ]; then
    echo "FAILED: specc test on the Model Spec with every answer failing exited $code, expected 1" >&2
    tail -n 20 "$work/ms-run.txt" >&2; exit 1
  fi
  "$specc" report "$ms" --out "$work/ms-report.html"
  "$specc" check --dump-ir "$ms" > "$work/ms-ir.json" || [ $? -eq 1 ]
  mkdir -p "$work/ms-profile"
  if ! timeout 300 python3 e2e/report_check.py --browser "$browser" --report "$work/ms-report.html" \
      --ir "$work/ms-ir.json" --artifacts "$artifacts" --profile "$work/ms-profile" --name model-spec-report \
      --expect-failing 463 --db "$ms/.specc/results.db"; then
    echo "FAILED: e2e/browser.sh on the Model Spec report (chromium log: $work/chromium-cdp.log, kept)" >&2
    KEEP=1
    exit 1
  fi
fi
if [ -n "$skipped" ]; then
  echo "e2e browser: ok for the fixture and the report fixture; SKIPPED, not passed: $skipped (screenshots in $artifacts)"
else
  echo "e2e browser: ok, with the Model Spec site and its 463-answer report (screenshots in $artifacts)"
fi
