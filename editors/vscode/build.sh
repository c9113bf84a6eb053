#!/usr/bin/env bash
# Builds specc.vsix, the VS Code extension, in this folder:
#   editors/vscode/build.sh
# then: code --install-extension editors/vscode/specc.vsix
# Needs Node.js (20 or later) and npm, and the npm registry (or a warm cache).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if [[ -f package-lock.json ]]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi

# The manifest and entry-point tests (no VS Code needed).
node --test test/*.test.js

rm -f specc.vsix
# Packs the production dependencies (vscode-languageclient) from node_modules.
# The repository has no LICENSE file of its own; the manifest says Apache-2.0.
npx --no-install vsce package --skip-license -o specc.vsix

if [[ ! -f specc.vsix ]]; then
  echo "build.sh: specc.vsix was not written" >&2
  exit 1
fi
listing=$(python3 -m zipfile -l specc.vsix)
for entry in extension/package.json extension/extension.js extension/node_modules/vscode-languageclient/; do
  if ! grep -qF "$entry" <<<"$listing"; then
    echo "build.sh: specc.vsix lacks $entry" >&2
    exit 1
  fi
done
for entry in extension/build.sh extension/test/ extension/node_modules/@vscode/vsce/; do
  if grep -qF "$entry" <<<"$listing"; then
    echo "build.sh: specc.vsix should not hold $entry" >&2
    exit 1
  fi
done
# The packed extension loads from what the .vsix holds alone (vscode itself is
# stood in for: only VS Code provides it).
unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
python3 -m zipfile -e specc.vsix "$unpacked"
node -e '
const Module = require("module");
const load = Module._load;
const stub = () => new Proxy(function () {}, { get: (t, k) => (k === "prototype" ? {} : undefined) });
const vscode = new Proxy({}, { get: (t, k) => (t[k] ??= stub()) });
Module._load = function (request, ...rest) {
  return request === "vscode" ? vscode : load.call(this, request, ...rest);
};
const root = process.argv[1] + "/extension";
const ext = require(root + "/extension.js");
if (typeof ext.activate !== "function" || typeof ext.deactivate !== "function") {
  throw new Error("extension.js does not export activate and deactivate");
}
require(root + "/node_modules/vscode-languageclient/node");
console.log("specc.vsix: extension.js and vscode-languageclient/node load from the package");
' "$unpacked"

size=$(wc -c <specc.vsix | tr -d ' ')
echo "specc.vsix: $size bytes ($(( (size + 1023) / 1024 )) KiB), $(grep -c '^extension/' <<<"$listing") files under extension/"
