// The specc extension: starts `specc lsp` (the spec compiler's language
// server, over stdio) for the Markdown files and specc.toml of a workspace
// that holds a specc project. Plain CommonJS: no build step.
'use strict';

const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

const INSTALL_HINT =
  'install it with `cargo install --locked --path crates/specc` or set specc.path';

/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.OutputChannel | undefined} */
let output;
/** @type {vscode.FileSystemWatcher[]} */
let watchers = [];

/** The configured executable (`specc.path`), `specc` when unset or blank. */
function speccPath() {
  const configured = vscode.workspace.getConfiguration('specc').get('path');
  return typeof configured === 'string' && configured.trim() !== '' ? configured.trim() : 'specc';
}

/** The server and client options: `<specc.path> lsp` over stdio. */
function options(command) {
  const serverOptions = {
    command,
    args: ['lsp'],
    transport: TransportKind.stdio,
  };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', pattern: '**/specc.toml' },
    ],
    synchronize: {
      // Test files, specs and the configuration changed outside the editor.
      fileEvents: watchers,
    },
    outputChannel: output,
  };
  return { serverOptions, clientOptions };
}

/** Whether `file` is a file that may be run. */
function runnable(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch (_) {
    return false;
  }
}

/**
 * The executable that `command` names, or undefined when it cannot be found:
 * a path (a relative one is taken from the first workspace folder, and made
 * absolute) or a bare name looked up on PATH, as spawn would. Checked first,
 * so that a missing specc gets one clear message rather than the client's
 * generic "couldn't create connection to server".
 */
function resolveCommand(command) {
  const extensions =
    process.platform === 'win32'
      ? [''].concat((process.env.PATHEXT || '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean))
      : [''];
  const found = (candidate) => extensions.some((ext) => runnable(candidate + ext));
  if (command.includes('/') || command.includes(path.sep)) {
    const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
    const base = folder && folder.uri.scheme === 'file' ? folder.uri.fsPath : process.cwd();
    const absolute = path.resolve(base, command);
    return found(absolute) ? absolute : undefined;
  }
  const dirs = (process.env.PATH || '').split(path.delimiter).filter(Boolean);
  return dirs.some((dir) => found(path.join(dir, command))) ? command : undefined;
}

/** Whether an error from starting the server means the executable is missing. */
function notFound(err) {
  const text = String((err && (err.code || err.message)) || err);
  return /ENOENT|EACCES|Launching server using command/i.test(text);
}

async function showNotFound(command) {
  const choice = await vscode.window.showErrorMessage(
    `specc was not found (specc.path is \`${command}\`): ${INSTALL_HINT}.`,
    'Open Settings',
  );
  if (choice === 'Open Settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'specc.path');
  }
}

async function start() {
  const command = speccPath();
  const executable = resolveCommand(command);
  if (executable === undefined) {
    void showNotFound(command);
    return;
  }
  const { serverOptions, clientOptions } = options(executable);
  const next = new LanguageClient('specc', 'specc', serverOptions, clientOptions);
  client = next;
  try {
    await next.start();
  } catch (err) {
    client = undefined;
    if (notFound(err)) {
      void showNotFound(command);
    } else {
      void vscode.window.showErrorMessage(
        `The specc language server (\`${command} lsp\`) could not be started: ${err && err.message ? err.message : err}`,
      );
    }
    try {
      await next.dispose();
    } catch (_) {
      // The process never ran: nothing to stop.
    }
  }
}

async function stop() {
  const current = client;
  client = undefined;
  if (current) {
    try {
      await current.stop();
    } catch (_) {
      // Already stopped, or never started.
    }
  }
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  output = vscode.window.createOutputChannel('specc');
  context.subscriptions.push(output);
  watchers = [
    vscode.workspace.createFileSystemWatcher('**/*.md'),
    vscode.workspace.createFileSystemWatcher('**/specc.toml'),
  ];
  context.subscriptions.push(...watchers);
  context.subscriptions.push(
    vscode.commands.registerCommand('specc.restartServer', async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('specc.path')) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
