// Checks the extension's manifest and entry point without VS Code or
// node_modules: `node --test editors/vscode/test/*.test.js` (a bare directory
// argument works on Node 20 only: later releases read it as a module).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const source = fs.readFileSync(path.join(root, 'extension.js'), 'utf8');

test('activates on a specc project, not on every Markdown file', () => {
  const events = manifest.activationEvents || [];
  assert.ok(events.includes('workspaceContains:**/specc.toml'), JSON.stringify(events));
  assert.ok(events.includes('workspaceContains:**/model_spec.md'), JSON.stringify(events));
  assert.ok(!events.includes('*'), 'activates on startup of every window');
  // onLanguage:markdown alone would start specc for any folder with a README.
  if (events.includes('onLanguage:markdown')) {
    assert.ok(events.some((e) => e.startsWith('workspaceContains:')), JSON.stringify(events));
  }
});

test('main names an existing entry point', () => {
  assert.equal(typeof manifest.main, 'string');
  assert.ok(fs.existsSync(path.join(root, manifest.main)), `${manifest.main} is missing`);
});

test('the manifest has what the marketplace and vsce need', () => {
  for (const key of ['name', 'displayName', 'publisher', 'version', 'license', 'repository']) {
    assert.ok(manifest[key], `${key} is missing`);
  }
  assert.match(manifest.engines.vscode, /^\^1\.\d+\.\d+$/);
  assert.ok(manifest.dependencies['vscode-languageclient'], 'vscode-languageclient is not a dependency');
  const props = manifest.contributes.configuration.properties;
  assert.equal(props['specc.path'].type, 'string');
  assert.equal(props['specc.path'].default, 'specc');
  assert.deepEqual(props['specc.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.equal(props['specc.trace.server'].default, 'off');
});

test('extension.js starts `specc lsp` through vscode-languageclient/node', () => {
  assert.match(source, /require\(\s*['"]vscode-languageclient\/node['"]\s*\)/);
  assert.match(source, /args:\s*\[\s*['"]lsp['"]\s*\]/);
  assert.match(source, /exports|module\.exports/);
});
