#!/usr/bin/env bash
# The README's first command, verbatim, in a fresh clone with no ../shared
# beside it: the commands are extracted from README.md's first code block (so
# they cannot drift), `cargo install` is replaced by the specc this checkout
# built (a cold install is 15 minutes; its time is in the README), and the rest
# runs as a newcomer would run it. The second command (./scripts/test) is this
# very suite.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
cargo build -q -p specc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$root" "$work/specc"
first=$(awk '/^```sh$/ {inside=1; next} inside {print; exit}' README.md)
second=$(awk '/^```sh$/ {inside=1; next} inside && n++ == 1 {print; exit}' README.md)
[ "$second" = "./scripts/test" ] || { echo "FAILED: the README's second command is \`$second\`, not ./scripts/test" >&2; exit 1; }
case "$first" in
  "cargo install --locked --path crates/specc && "*) rest=${first#cargo install --locked --path crates/specc && } ;;
  *) echo "FAILED: the README's first command does not start with the cargo install: $first" >&2; exit 1 ;;
esac
mkdir -p "$work/bin"
cp target/debug/specc "$work/bin/specc"
[ ! -e "$work/shared" ] || { echo "FAILED: ../shared exists beside the clone" >&2; exit 1; }
echo "e2e/readme.sh: in a fresh clone: $rest"
(cd "$work/specc" && PATH="$work/bin:$PATH" bash -euo pipefail -c "$rest")
[ -f "$work/specc/target/support-site/index.html" ] || { echo "FAILED: no site was built" >&2; exit 1; }
echo "e2e/readme.sh: passed"
