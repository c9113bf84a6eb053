# Sourced by the end-to-end scripts (from the repository's root): sets `specc`
# to the debug specc of this checkout and `specc_dir` to its folder (for PATH).
#
# Under scripts/test, SPECC_BIN names the binary its `cargo test --workspace
# --all-targets` built. `cargo build -p specc` would resolve the dependencies'
# features without the workspace's dev-dependencies and compile some sixty
# crates (TLS, HTTP, URL parsing, every specc crate) a second time: about 140 s
# of a cold CI run, measured 2026-12-07. Run alone, a script builds specc here.
if [ -n "${SPECC_BIN:-}" ]; then
  specc=$SPECC_BIN
else
  cargo build -q -p specc
  specc_target=${CARGO_TARGET_DIR:-target}
  case "$specc_target" in /*) ;; *) specc_target="$(pwd)/$specc_target" ;; esac
  specc="$specc_target/debug/specc"
fi
[ -x "$specc" ] && [ "$(basename "$specc")" = specc ] \
  || { echo "FAILED: $(basename "$0"): no executable named specc at $specc (SPECC_BIN='${SPECC_BIN:-}')" >&2; exit 1; }
specc_dir=$(dirname "$specc")
