// Loads editors/vscode/extension.js against stub `vscode` and
// `vscode-languageclient/node` modules and checks that the client starts
// `rtcc lsp` only when rtcc is found, and never throws when it is not.
// Usage: node extension_test.js  (prints PASS/FAIL lines; exit 1 on failure)
'use strict';

const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');

const extDir = path.resolve(__dirname, '../../editors/vscode');

// ---- stubs -----------------------------------------------------------------
const state = { config: {}, lines: [], clients: [], startError: null };

const vscodeStub = {
  workspace: {
    getConfiguration: (section) => ({
      get: (key, dflt) => {
        const full = `${section}.${key}`;
        return Object.prototype.hasOwnProperty.call(state.config, full) ? state.config[full] : dflt;
      },
    }),
  },
  window: {
    createOutputChannel: () => ({ appendLine: (l) => state.lines.push(l), dispose() {} }),
  },
};

class FakeLanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions, started: false, stopped: false });
    state.clients.push(this);
  }
  async start() {
    if (state.startError) throw state.startError;
    this.started = true;
  }
  async stop() { this.stopped = true; }
}
const lcStub = { LanguageClient: FakeLanguageClient, TransportKind: { stdio: 0 } };

const realLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscodeStub;
  if (request === 'vscode-languageclient/node') return lcStub;
  return realLoad.call(this, request, parent, isMain);
};

const ext = require(path.join(extDir, 'extension.js'));

// ---- helpers ---------------------------------------------------------------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rtc-ext-test-'));
const binDir = path.join(tmp, 'bin');
const emptyDir = path.join(tmp, 'empty');
fs.mkdirSync(binDir);
fs.mkdirSync(emptyDir);
const fakeRtcc = path.join(binDir, 'rtcc');
fs.writeFileSync(fakeRtcc, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
fs.writeFileSync(path.join(emptyDir, 'rtcc'), 'not executable\n', { mode: 0o644 });

function reset(config, pathDirs) {
  state.config = config;
  state.lines = [];
  state.clients = [];
  state.startError = null;
  process.env.PATH = pathDirs.join(path.delimiter);
}
const context = () => ({ subscriptions: [] });

const tests = [];
function test(name, fn) { tests.push({ name, fn }); }

// ---- tests -----------------------------------------------------------------
test('activate_without_rtcc_on_path_does_not_throw_or_start_a_client', async () => {
  reset({}, [emptyDir]);
  await ext.activate(context());
  assert.strictEqual(state.clients.length, 0);
  assert.ok(state.lines.some((l) => l.includes('not found on PATH')), state.lines.join('\n'));
});

test('activate_with_rtcc_on_path_starts_rtcc_lsp_over_stdio', async () => {
  reset({}, [emptyDir, binDir]);
  await ext.activate(context());
  assert.strictEqual(state.clients.length, 1);
  const c = state.clients[0];
  assert.strictEqual(c.serverOptions.command, fakeRtcc);
  assert.deepStrictEqual(c.serverOptions.args, ['lsp']);
  assert.strictEqual(c.serverOptions.transport, lcStub.TransportKind.stdio);
  assert.ok(c.clientOptions.documentSelector.some((s) => s.language === 'rtc'));
  assert.ok(c.started);
  await ext.deactivate();
  assert.ok(c.stopped);
});

test('server_path_and_args_settings_are_honoured', async () => {
  reset({ 'rtc.server.path': fakeRtcc, 'rtc.server.args': ['--log', 'x'] }, [emptyDir]);
  await ext.activate(context());
  assert.strictEqual(state.clients.length, 1);
  assert.deepStrictEqual(state.clients[0].serverOptions.args, ['lsp', '--log', 'x']);
  await ext.deactivate();
});

test('server_disabled_setting_starts_nothing', async () => {
  reset({ 'rtc.server.enable': false }, [binDir]);
  await ext.activate(context());
  assert.strictEqual(state.clients.length, 0);
});

test('failing_server_start_is_logged_not_thrown', async () => {
  reset({}, [binDir]);
  state.startError = new Error('spawn EACCES');
  await ext.activate(context());
  assert.ok(state.lines.some((l) => l.includes('failed to start') && l.includes('EACCES')), state.lines.join('\n'));
  assert.strictEqual(ext.deactivate(), undefined);
});

test('deactivate_without_activation_is_harmless', async () => {
  assert.strictEqual(ext.deactivate(), undefined);
});

test('real_vscode_languageclient_dependency_is_resolvable', async () => {
  const resolved = require.resolve('vscode-languageclient/node', { paths: [extDir] });
  assert.ok(resolved.includes('vscode-languageclient'));
});

test('package_json_declares_language_grammar_snippets_and_main', async () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(extDir, 'package.json'), 'utf8'));
  const lang = pkg.contributes.languages.find((l) => l.id === 'rtc');
  assert.ok(lang && lang.extensions.includes('.rtc'));
  for (const rel of [lang.configuration, pkg.contributes.grammars[0].path, pkg.contributes.snippets[0].path, pkg.main]) {
    assert.ok(fs.existsSync(path.join(extDir, rel)), `missing ${rel}`);
  }
  assert.strictEqual(pkg.contributes.grammars[0].scopeName, 'source.rtc');
  assert.ok(pkg.dependencies['vscode-languageclient']);
  const snippets = JSON.parse(fs.readFileSync(path.join(extDir, pkg.contributes.snippets[0].path), 'utf8'));
  for (const kind of ['user', 'group', 'group_membership', 'policy', 'role', 'policy_attachment', 'order',
    'project', 'cluster', 'job', 'variable', 'output', 'let', 'import']) {
    assert.ok(snippets[kind] && snippets[kind].prefix === kind, `snippet ${kind}`);
  }
  const lc = JSON.parse(fs.readFileSync(path.join(extDir, lang.configuration), 'utf8'));
  assert.strictEqual(lc.comments.lineComment, '//');
  assert.deepStrictEqual(lc.comments.blockComment, ['/*', '*/']);
  const opens = lc.autoClosingPairs.map((p) => (Array.isArray(p) ? p[0] : p.open));
  for (const o of ['{', '[', '(', '"', '`']) assert.ok(opens.includes(o), `auto-close ${o}`);
  const inc = new RegExp(lc.indentationRules.increaseIndentPattern);
  const dec = new RegExp(lc.indentationRules.decreaseIndentPattern);
  assert.ok(inc.test('cluster analytics {'));
  assert.ok(!inc.test('master { model = "8c32g" }'));
  assert.ok(!inc.test('// a comment {'));
  assert.ok(dec.test('  }'));
});

// Expands a snippet body the way VS Code does when every placeholder keeps
// its default (first choice for `${n|a,b|}`; mirrors `${n}` / `$n` repeat it).
function expandSnippet(body) {
  const values = {};
  let text = body.join('\n');
  for (let guard = 0; guard < 50 && /\$\{\d+[:|]/.test(text); guard++) {
    text = text.replace(/\$\{(\d+)\|([^|,}]*)[^|]*\|\}/g, (_, n, first) => (values[n] = first))
      .replace(/\$\{(\d+):((?:[^${}]|\$(?!\{))*)\}/g, (_, n, dflt) => (values[n] = dflt));
  }
  return text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a, b) => values[a || b] || '');
}

test('snippets_expand_to_balanced_rtc_starting_with_their_kind', async () => {
  const snippets = JSON.parse(fs.readFileSync(path.join(extDir, 'snippets', 'rtc.json'), 'utf8'));
  for (const [name, snip] of Object.entries(snippets)) {
    const text = expandSnippet(snip.body);
    assert.ok(!/\$\{?\d/.test(text), `${name}: unexpanded placeholder in ${JSON.stringify(text)}`);
    assert.ok(text.startsWith(`${name} `), `${name}: starts with ${JSON.stringify(text.slice(0, 20))}`);
    const code = text.replace(/"(?:[^"\\]|\\.)*"/g, 'S');
    assert.ok(!code.includes('"'), `${name}: unbalanced quotes`);
    const stack = [];
    for (const ch of code) {
      if ('{[('.includes(ch)) stack.push(ch);
      if ('}])'.includes(ch)) assert.strictEqual(stack.pop(), '{[('['}])'.indexOf(ch)], `${name}: unbalanced ${ch}`);
    }
    assert.strictEqual(stack.length, 0, `${name}: unclosed ${stack.join('')}`);
  }
  assert.strictEqual(expandSnippet(snippets.policy_attachment.body).split('\n')[2], '\tgroup = group.devs');
});

(async () => {
  let passed = 0;
  let failed = 0;
  const savedPath = process.env.PATH;
  for (const t of tests) {
    try {
      await t.fn();
      passed++;
      console.log(`PASS ${t.name}`);
    } catch (err) {
      failed++;
      console.log(`FAIL ${t.name}: ${err && err.message}`);
    }
  }
  process.env.PATH = savedPath;
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`extension tests: ${passed} ok, ${failed} failing`);
  process.exit(failed ? 1 : 0);
})();
