#!/usr/bin/env bash
# The README's two commands, verbatim, in a clone with no ../shared beside it:
# the commands are extracted from README.md's first code block (so they cannot
# drift) and run as a newcomer would. The first (`cargo install --locked` and
# specc on the example spec) installs into a folder of its own
# (CARGO_INSTALL_ROOT, first on PATH), never into ~/.cargo/bin; the wheel is
# then built from the same clone (e2e/wheel.sh); the second, ./scripts/test,
# runs there with SPECC_TEST_NESTED=1 so that it does not clone again.
# Everything builds in this checkout's target folder (CARGO_TARGET_DIR), where
# the venvs and the model also live, so nothing is downloaded twice (a cold
# install is timed in the README).
#
# The clone carries the working tree as it is (edits and new files that git
# does not ignore), so a local run tests what is on disk; in CI the two are the
# same commit.
set -euo pipefail
cd "$(dirname "$0")/.."
# The checkout's binary is not the clone's: the clone's scripts/test finds its own.
unset SPECC_BIN
root=$(pwd)
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target="$root/$target" ;; esac
# SPECC_README_WORK: a folder of the caller's (scripts/test), kept after this
# script, where it runs the clone's test binaries once more with the corpus.
if [ -n "${SPECC_README_WORK:-}" ]; then
  work=$SPECC_README_WORK
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
# The clone sits alone in a folder of its own, `home`, as a newcomer's would:
# no ../shared there (checked below) until scripts/test links the corpus in
# after the clone's suites; the install folder and the logs go beside it.
home="$work/home"
mkdir -p "$home"
git clone -q "$root" "$home/specc"
# The working tree over the clone: every file git tracks or would track, as it
# is on disk (a nested repository, listed as `dir/`, is not part of it) ...
git ls-files -z -c -o --exclude-standard | while IFS= read -r -d '' f; do
  case "$f" in */) continue ;; esac
  if [ -e "$f" ] || [ -L "$f" ]; then
    mkdir -p "$home/specc/$(dirname -- "$f")"
    rm -rf -- "$home/specc/$f"
    cp -P -T -- "$f" "$home/specc/$f"
  fi
done
# ... and what was deleted from it (committed files gone from disk or `git rm`ed).
git -C "$home/specc" ls-files -z | while IFS= read -r -d '' f; do
  [ -e "$f" ] || [ -L "$f" ] || rm -f -- "$home/specc/$f"
done
first=$(awk '/^```sh$/ {inside=1; next} inside {print; exit}' README.md)
second=$(awk '/^```sh$/ {inside=1; next} inside && n++ == 1 {print; exit}' README.md)
[ "$second" = "./scripts/test" ] || { echo "FAILED: the README's second command is \`$second\`, not ./scripts/test" >&2; exit 1; }
case "$first" in
  "cargo install --locked --path crates/specc && "*) ;;
  *) echo "FAILED: the README's first command does not start with the cargo install: $first" >&2; exit 1 ;;
esac
[ ! -e "$home/shared" ] || { echo "FAILED: ../shared exists beside the clone" >&2; exit 1; }

echo "e2e/readme.sh: in a fresh clone: $first"
started=$(date +%s)
(cd "$home/specc" && CARGO_INSTALL_ROOT="$work/install" CARGO_TARGET_DIR="$target" PATH="$work/install/bin:$PATH" bash -euo pipefail -c "$first") > "$work/out.log" 2>&1 \
  || { cat "$work/out.log"; echo "FAILED: the README's first command" >&2; exit 1; }
[ -x "$work/install/bin/specc" ] || { echo "FAILED: cargo install put no specc in $work/install/bin" >&2; exit 1; }
[ -f "$home/specc/target/support-site/index.html" ] || { echo "FAILED: no site was built" >&2; exit 1; }
echo "e2e/readme.sh: the first command passed (install and run in $(( $(date +%s) - started )) s)"

# `pip install specc`: the wheel from the same clone, which reuses its release build.
CARGO_TARGET_DIR="$target" SPECC_WHEEL_AFTER_INSTALL=1 e2e/wheel.sh "$home/specc"

echo "e2e/readme.sh: in the clone: $second"
started=$(date +%s)
# The clone's own crates get another debug level than the checkout's
# (`[profile.dev.package."*"]` keeps the dependencies' as they are, so those are
# shared): with the same settings the two trees would share artifact names,
# and a test binary built in the clone, whose CARGO_MANIFEST_DIR is the
# deleted clone, would later pass for the checkout's as up to date. None at all
# (a failing test still names its file and line; only RUST_BACKTRACE's frames
# lose theirs) is the cheapest to compile and link.
(cd "$home/specc" && SPECC_TEST_NESTED=1 CARGO_TARGET_DIR="$target" CARGO_PROFILE_DEV_DEBUG=0 bash -euo pipefail -c "$second") \
  || { echo "FAILED: the README's second command, $second, in the clone" >&2; exit 1; }
echo "e2e/readme.sh: the second command passed in $(( $(date +%s) - started )) s"
