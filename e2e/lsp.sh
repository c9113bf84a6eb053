#!/usr/bin/env bash
# `specc lsp` through a real editor: headless Neovim (Debian's `neovim`,
# installed with apt-get when missing) runs e2e/lsp_neovim.lua on a copy of the
# 2025-12-18 Model Spec: diagnostics on open, hover, definition, references,
# completion, an edit followed by the diagnostic it causes, a code action
# applied, and a rename. Without ../shared/corpus the Model Spec run is skipped
# by name and the same checks run on crates/specc_lsp/tests/fixture.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# Where cargo builds (and the venvs and models live): shared with an outer run.
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target="$root/$target" ;; esac
source e2e/apt.sh
need nvim neovim
source e2e/specc-bin.sh
bin=$specc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() { # folder, document
  echo "e2e/lsp.sh: Neovim $(nvim --version | head -1 | cut -d' ' -f2) on $1"
  SPECC_BIN="$bin" SPECC_LSP_ROOT="$1" SPECC_LSP_DOC="$2" \
    timeout 300 nvim --headless -u NONE -i NONE -n -c "luafile $root/e2e/lsp_neovim.lua" 2>&1
}

release=../shared/corpus/openai-model-spec/2025-12-18
if [ -d "$release" ]; then
  cp -r "$release" "$work/model-spec"
  chmod -R u+w "$work/model-spec"
  run "$work/model-spec" model_spec.md
else
  echo "SKIPPED (not passed): e2e/lsp.sh on the Model Spec, because $release is absent"
fi
cp -r crates/specc_lsp/tests/fixture "$work/fixture"
run "$work/fixture" spec.md
echo "e2e/lsp.sh: passed"
