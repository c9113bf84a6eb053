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
# no request beyond file:/data:. Screenshots go to target/e2e-artifacts/. Any
# failure, including Chromium not installing, fails the script with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
artifacts="$root/target/e2e-artifacts"
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

cargo build -q -p specc
specc="$root/target/debug/specc"
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

projects=("fixture=$root/crates/specc/tests/fixtures/build")
corpus="$root/../shared/corpus/openai-model-spec/2025-12-18"
if [ -f "$corpus/model_spec.md" ]; then
  projects+=("model-spec=$corpus")
else
  echo "SKIPPED (corpus part): $corpus is absent"
fi

for entry in "${projects[@]}"; do
  name=${entry%%=*}
  dir=${entry#*=}
  site="$work/$name/html"
  "$specc" build "$dir" --target html --out "$site"
  # Both exit 1 when the project has errors; the outputs are what matter here.
  "$specc" check --dump-ir "$dir" > "$work/$name/ir.json" || true
  "$specc" check --format json "$dir" | tail -n 1 > "$work/$name/summary.json" || true
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
echo "e2e browser: ok (screenshots in $artifacts)"
