#!/usr/bin/env bash
# The README's first command, verbatim, in a fresh clone with no ../shared
# beside it: the commands are extracted from README.md's first code block (so
# they cannot drift) and run as a newcomer would, `cargo install --locked`
# included. The install goes to a folder of its own (CARGO_INSTALL_ROOT, first
# on PATH), never to ~/.cargo/bin, and builds in this checkout's target folder,
# so the dependencies compiled for the benchmarks' release builds are reused
# (a cold install is timed in the README). The second command (./scripts/test)
# is this very suite.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$root" "$work/specc"
first=$(awk '/^```sh$/ {inside=1; next} inside {print; exit}' README.md)
second=$(awk '/^```sh$/ {inside=1; next} inside && n++ == 1 {print; exit}' README.md)
[ "$second" = "./scripts/test" ] || { echo "FAILED: the README's second command is \`$second\`, not ./scripts/test" >&2; exit 1; }
case "$first" in
  "cargo install --locked --path crates/specc && "*) ;;
  *) echo "FAILED: the README's first command does not start with the cargo install: $first" >&2; exit 1 ;;
esac
[ ! -e "$work/shared" ] || { echo "FAILED: ../shared exists beside the clone" >&2; exit 1; }
target_dir=${CARGO_TARGET_DIR:-$root/target}
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
echo "e2e/readme.sh: in a fresh clone: $first"
started=$(date +%s)
(cd "$work/specc" && CARGO_INSTALL_ROOT="$work/install" CARGO_TARGET_DIR="$target_dir" PATH="$work/install/bin:$PATH" bash -euo pipefail -c "$first") > "$work/out.log" 2>&1 \
  || { cat "$work/out.log"; echo "FAILED: the README's first command" >&2; exit 1; }
[ -x "$work/install/bin/specc" ] || { echo "FAILED: cargo install put no specc in $work/install/bin" >&2; exit 1; }
[ -f "$work/specc/target/support-site/index.html" ] || { echo "FAILED: no site was built" >&2; exit 1; }
echo "e2e/readme.sh: passed (install and run in $(( $(date +%s) - started )) s)"
