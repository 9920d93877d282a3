// VS Code client for .rtc files: starts `rtcc lsp` over stdio when rtcc can be
// found. Without rtcc the extension still provides highlighting and snippets
// (they are declarative), so a missing binary is logged, never thrown.
'use strict';

const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

let client;

function isExecutableFile(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch (_) {
    return false;
  }
}

// Resolves `command` the way a shell would: a path is taken as is, a bare name
// is looked up in PATH. Returns undefined when nothing executable is found, so
// the caller can decide not to start a server instead of failing on spawn.
function findExecutable(command, env) {
  if (!command) return undefined;
  if (command.includes('/') || command.includes('\\')) {
    return isExecutableFile(command) ? path.resolve(command) : undefined;
  }
  const exts = process.platform === 'win32'
    ? ['', ...(env.PATHEXT || '.EXE;.CMD;.BAT').split(';')]
    : [''];
  for (const dir of (env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, command + ext);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

async function activate(context) {
  const config = vscode.workspace.getConfiguration('rtc');
  if (!config.get('server.enable', true)) return;

  const output = vscode.window.createOutputChannel('rtc');
  context.subscriptions.push(output);

  const command = config.get('server.path', 'rtcc') || 'rtcc';
  const executable = findExecutable(command, process.env);
  if (!executable) {
    output.appendLine(`rtc: '${command}' was not found on PATH; the language server is off ` +
      '(highlighting and snippets still work). Set rtc.server.path to enable it.');
    return;
  }

  let lc;
  try {
    lc = require('vscode-languageclient/node');
  } catch (err) {
    output.appendLine(`rtc: vscode-languageclient is missing (${err.message}); the language server is off.`);
    return;
  }

  const serverOptions = {
    command: executable,
    args: ['lsp', ...(config.get('server.args', []) || [])],
    transport: lc.TransportKind.stdio,
  };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'rtc' },
      { scheme: 'untitled', language: 'rtc' },
    ],
    outputChannel: output,
  };
  client = new lc.LanguageClient('rtc', 'rtc language server', serverOptions, clientOptions);
  try {
    await client.start();
    output.appendLine(`rtc: started ${executable} lsp`);
  } catch (err) {
    output.appendLine(`rtc: '${executable} lsp' failed to start: ${err && err.message ? err.message : err}`);
    client = undefined;
  }
}

function deactivate() {
  const c = client;
  client = undefined;
  return c ? c.stop() : undefined;
}

module.exports = { activate, deactivate, findExecutable };
