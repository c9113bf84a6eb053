#!/usr/bin/env bash
# `pip install specc`: builds the maturin wheel (pyproject.toml, `bindings = "bin"`)
# from SRC (default: this checkout), checks its platform tag with `auditwheel show`,
# installs it into a fresh venv and runs the installed `specc` there on the
# example spec. maturin and auditwheel come from PyPI (target/wheel-venv). The
# build shares CARGO_TARGET_DIR, so after e2e/readme.sh's `cargo install` from the
# same clone the dependencies are not compiled again.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# Where cargo builds (and the venvs and models live): shared with an outer run.
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target="$root/$target" ;; esac
src=${1:-$root}
venv="$target/wheel-venv"
if [ ! -x "$venv/bin/maturin" ] || [ ! -x "$venv/bin/auditwheel" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q maturin==1.16.0 auditwheel==6.8.2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$src" && CARGO_TARGET_DIR="$target" "$venv/bin/maturin" build --release --locked --out "$work/dist") > "$work/build.log" 2>&1 \
  || { cat "$work/build.log"; echo "FAILED: maturin build" >&2; exit 1; }
# Right after `cargo install` from the same tree (e2e/readme.sh says so), the
# wheel's build must compile nothing: a flag of maturin's own, or a build script
# that reruns, once cost CI two minutes here (docs/PERFORMANCE.md, 2026-12-08).
if [ -n "${SPECC_WHEEL_AFTER_INSTALL:-}" ] && grep -q '^ *Compiling ' "$work/build.log"; then
  grep '^ *Compiling ' "$work/build.log" >&2
  echo "FAILED: the wheel's build compiled again what \`cargo install\` had just built" >&2
  exit 1
fi
wheels=("$work"/dist/specc-*.whl)
[ ${#wheels[@]} -eq 1 ] && [ -f "${wheels[0]}" ] || { ls -l "$work/dist" >&2; echo "FAILED: expected one specc wheel" >&2; exit 1; }
wheel=${wheels[0]}
name=$(basename "$wheel")
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)
case "$name" in
  "specc-$version-py3-none-manylinux_"*_x86_64.whl|"specc-$version-py3-none-manylinux_"*_aarch64.whl) ;;
  *) echo "FAILED: the wheel $name is not a py3-none-manylinux wheel of version $version" >&2; exit 1 ;;
esac

# auditwheel: the binary links only what the manylinux policy allows, and the
# tag in the file name is one it is consistent with.
"$venv/bin/auditwheel" show "$wheel" > "$work/show.log" 2>&1 || { cat "$work/show.log"; echo "FAILED: auditwheel show" >&2; exit 1; }
tag=$(echo "$name" | sed 's/.*-py3-none-\(.*\)\.whl/\1/')
policy=${tag%%.*}
consistent=$(tr -s '\n ' '  ' < "$work/show.log" | grep -o 'consistent with the following platform tag: "[^"]*"' | head -1 | sed 's/.*: //' | tr -d '"')
[ -n "$consistent" ] || { cat "$work/show.log"; echo "FAILED: auditwheel names no platform tag for $name" >&2; exit 1; }
# The tag auditwheel finds may be older (more compatible) than the wheel's, never newer.
older_or_same() { # policy_a policy_b: manylinux_X_Y of a <= b
  local a=${1#manylinux_} b=${2#manylinux_}
  local am=${a%%_*} bm=${b%%_*} a2=${a#*_} b2=${b#*_}
  local an=${a2%%_*} bn=${b2%%_*}
  [ "$am" -lt "$bm" ] || { [ "$am" -eq "$bm" ] && [ "$an" -le "$bn" ]; }
}
older_or_same "$consistent" "$policy" \
  || { cat "$work/show.log"; echo "FAILED: auditwheel finds $name consistent only with $consistent, newer than its tag $policy" >&2; exit 1; }

# A fresh venv, the wheel alone (no index: it has no dependencies), and the
# installed binary on the example spec.
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --no-index "$wheel"
installed=$("$work/venv/bin/specc" --version)
[ "$installed" = "specc $version" ] || { echo "FAILED: the installed specc says \`$installed\`, not \`specc $version\`" >&2; exit 1; }
"$work/venv/bin/specc" check "$root/examples/support-spec" > "$work/check.log" 2>&1 \
  || { cat "$work/check.log"; echo "FAILED: the wheel's specc check examples/support-spec" >&2; exit 1; }
size=$(du -k "$wheel" | cut -f1)
echo "e2e/wheel.sh: passed: $name (${size} KiB; auditwheel: consistent with $consistent), pip-installed specc checks examples/support-spec"
