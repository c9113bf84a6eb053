#!/usr/bin/env bash
# `specc clarify` as a person uses it: tmux (Debian's, installed with apt-get
# when missing) runs it in a real terminal on a copy of
# crates/specc/tests/fixtures/clarify, after `specc test` against
# e2e/clarify_server.py (a stub on 127.0.0.1 whose grader finds every answer
# unclear) filled the results database; e2e/clarify_tmux.py sends keys,
# captures the pane and asserts on it, then checks the spec, clarifications.md
# and the new precedent, and that a second run does not ask again.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# Where cargo builds (and the venvs and models live): shared with an outer run.
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target="$root/$target" ;; esac
source e2e/apt.sh
need tmux tmux
source e2e/specc-bin.sh
bin=$specc
work=$(mktemp -d)
port_file="$work/port"
python3 e2e/clarify_server.py "$port_file" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do [ -s "$port_file" ] && break; sleep 0.1; done
port=$(cat "$port_file")
cp -r crates/specc/tests/fixtures/clarify "$work/project"
cat >> "$work/project/specc.toml" <<TOML

[models.target]
provider = "openai"
model = "target-m"
base-url = "http://127.0.0.1:$port/v1"

[models.grader]
provider = "openai"
model = "grader-m"
base-url = "http://127.0.0.1:$port/v1"
TOML
"$bin" test "$work/project" 2>&1 | tail -3 || true
cp -r crates/specc/tests/fixtures/clarify-gaps "$work/gaps"
python3 e2e/clarify_tmux.py "$bin" "$work/project" "$work/gaps"
echo "e2e/clarify.sh: passed"
