#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml through pre-commit itself
# (from PyPI, in target/precommit-venv): `pre-commit try-repo` on a temporary
# git repository holding a spec with a broken reference fails the specc-check
# hook; after the fix it passes, and specc-lint passes too.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# Where cargo builds (and the venvs and models live): shared with an outer run.
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target="$root/$target" ;; esac
venv="$target/precommit-venv"
if [ ! -x "$venv/bin/pre-commit" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pre-commit==4.2.0
fi
source e2e/specc-bin.sh
work=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$work" "$log"' EXIT
cd "$work"
git init -q
git config user.email t@example.invalid
git config user.name t
mkdir -p spec examples
printf '[spec]\nname = "hooks"\ndocuments = ["spec/*.md"]\n' > specc.toml
printf '# Support {#support}\n\n## Refunds {#refunds authority=user}\n\nSee [privacy](#privacy). The assistant must confirm the order number before it discusses a refund[^rf1d].\n' > spec/assistant.md
printf 'Examples for [^rf1d] in Refunds:\n\n**Example**: a refund\n\n~~~xml\n<user>\nRefund my order.\n</user>\n~~~\n' > examples/rf1d.md
git add -A
export PATH="$specc_dir:$PATH"
if "$venv/bin/pre-commit" try-repo "$root" specc-check --all-files > "$log" 2>&1; then
  cat "$log"; echo "FAILED: specc-check passed a spec with a broken reference" >&2; exit 1
fi
grep -q "privacy" "$log" || { cat "$log"; echo "FAILED: the hook's output does not name the broken reference" >&2; exit 1; }
echo "ok   specc-check fails on a broken reference"
sed -i 's/See \[privacy\](#privacy). //' spec/assistant.md
git add -A
"$venv/bin/pre-commit" try-repo "$root" specc-check --all-files > "$log" 2>&1 || { cat "$log"; echo "FAILED: specc-check failed a clean spec" >&2; exit 1; }
echo "ok   specc-check passes once it is fixed"
"$venv/bin/pre-commit" try-repo "$root" specc-lint --all-files > "$log" 2>&1 || { cat "$log"; echo "FAILED: specc-lint failed" >&2; exit 1; }
echo "ok   specc-lint passes"
echo "e2e/precommit.sh: passed"
