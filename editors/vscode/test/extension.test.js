// Runs extension.js against stand-ins for `vscode` and
// `vscode-languageclient/node` (neither is needed to run this): the client it
// builds, the message when specc cannot be found, and deactivate.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');

function load(settings) {
  const calls = { errors: [], clients: [], commands: [] };
  class LanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      this.id = id;
      this.serverOptions = serverOptions;
      this.clientOptions = clientOptions;
      this.started = false;
      this.stopped = false;
      calls.clients.push(this);
    }
    async start() {
      this.started = true;
    }
    async stop() {
      this.stopped = true;
    }
    async dispose() {}
  }
  const disposable = () => ({ dispose() {} });
  const vscode = {
    workspace: {
      workspaceFolders: undefined,
      getConfiguration: () => ({ get: (key) => settings[key] }),
      createFileSystemWatcher: (glob) => ({ glob, dispose() {} }),
      onDidChangeConfiguration: disposable,
    },
    window: {
      createOutputChannel: () => ({ appendLine() {}, dispose() {} }),
      showErrorMessage: async (message) => {
        calls.errors.push(message);
        return undefined;
      },
    },
    commands: {
      registerCommand: (name) => {
        calls.commands.push(name);
        return { dispose() {} };
      },
      executeCommand: async () => {},
    },
  };
  const stubs = {
    vscode,
    'vscode-languageclient/node': { LanguageClient, TransportKind: { stdio: 0 } },
  };
  const original = Module._load;
  Module._load = function (request, parent, isMain) {
    if (Object.prototype.hasOwnProperty.call(stubs, request)) return stubs[request];
    return original.call(this, request, parent, isMain);
  };
  const file = require.resolve('../extension.js');
  delete require.cache[file];
  try {
    return { extension: require(file), calls };
  } finally {
    Module._load = original;
  }
}

const context = () => ({ subscriptions: [] });

test('starts `<specc.path> lsp` over stdio for Markdown and specc.toml', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'specc-ext-'));
  const fake = path.join(dir, process.platform === 'win32' ? 'specc.cmd' : 'specc');
  fs.writeFileSync(fake, '#!/bin/sh\n', { mode: 0o755 });
  const { extension, calls } = load({ path: fake });
  const ctx = context();
  await extension.activate(ctx);
  assert.deepEqual(calls.errors, []);
  assert.equal(calls.clients.length, 1);
  const client = calls.clients[0];
  assert.equal(client.id, 'specc');
  assert.ok(client.started);
  assert.equal(client.serverOptions.command, fake);
  assert.deepEqual(client.serverOptions.args, ['lsp']);
  assert.equal(client.serverOptions.transport, 0);
  assert.deepEqual(client.clientOptions.documentSelector, [
    { scheme: 'file', language: 'markdown' },
    { scheme: 'file', pattern: '**/specc.toml' },
  ]);
  const globs = client.clientOptions.synchronize.fileEvents.map((w) => w.glob);
  assert.deepEqual(globs, ['**/*.md', '**/specc.toml']);
  assert.ok(calls.commands.includes('specc.restartServer'));
  await extension.deactivate();
  assert.ok(client.stopped);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('says how to install specc when it cannot be found', async () => {
  const { extension, calls } = load({ path: 'specc-that-does-not-exist-anywhere' });
  await extension.activate(context());
  assert.equal(calls.clients.length, 0, 'no client for a missing executable');
  assert.equal(calls.errors.length, 1);
  assert.match(calls.errors[0], /specc was not found/);
  assert.match(calls.errors[0], /cargo install --locked --path crates\/specc/);
  assert.match(calls.errors[0], /specc\.path/);
  await extension.deactivate();
});
