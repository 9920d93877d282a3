#!/usr/bin/env node
// Captures exactly what @alicloud/pop-core 1.8 puts on the wire for a fixed
// set of calls (fixed timestamp, date and nonce, so the output is stable),
// using a throw-away HTTP server on 127.0.0.1. The result,
// popcore_golden.json, is what rtcc's own clients must reproduce byte for
// byte (tests/unit/cloud/PopCoreGoldenTest.cpp).
//
// Usage: node popcore_capture.js [OUTPUT]   (default: stdout)
'use strict';

const http = require('http');
const fs = require('fs');
const RPCClient = require('@alicloud/pop-core').RPCClient;
const ROAClient = require('@alicloud/pop-core').ROAClient;

const KEY_ID = 'testid';
const KEY_SECRET = 'testsecret';
const TIMESTAMP = '2016-02-23T12:46:24Z';
const DATE = 'Tue, 23 Feb 2016 12:46:24 GMT';

// Inputs are kept in the golden file so the C++ test replays the same calls.
const rpcCases = [
  { name: 'rpc-get-create-user', method: 'GET', action: 'CreateUser',
    params: { UserName: 'alice', DisplayName: 'Alice Ünïcode *(!)~\'' } },
  { name: 'rpc-get-list-users-marker', method: 'GET', action: 'ListUsers',
    params: { Marker: 'abc/def+==', MaxItems: '100' } },
  { name: 'rpc-post-create-policy', method: 'POST', action: 'CreatePolicy',
    params: { PolicyName: 'stream-dev', Description: 'dev access',
              PolicyDocument: '{"Version": "1", "Statement": [{"Effect": "Allow", "Action": ["stream:*"], "Resource": ["acs:stream:*:*:clicks"]}]}' } },
];

const roaCases = [
  { name: 'roa-get-clusters', method: 'GET', path: '/api/v2/clusters',
    query: { pageIndex: '1', pageSize: '50' }, body: '', contentType: '' },
  { name: 'roa-get-clusters-filter', method: 'GET', path: '/api/v2/clusters',
    query: { displayName: 'a b*(c)', pageIndex: '1', pageSize: '10' },
    body: '', contentType: '' },
  { name: 'roa-post-project', method: 'POST', path: '/api/v2/projects',
    query: {}, body: '{"name":"clicks","clusterId":"c-1","deployType":"cell"}',
    contentType: 'application/json' },
  { name: 'roa-put-install-engine', method: 'PUT',
    path: '/api/v2/clusters/c-1/engineversions/blink-3.3.0',
    query: {}, body: '', contentType: '' },
  { name: 'roa-delete-cluster', method: 'DELETE', path: '/api/v2/clusters/c-1',
    query: {}, body: '', contentType: '' },
];

function capture(server) {
  return new Promise((resolve) => {
    server.once('request', (req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        res.setHeader('Content-Type', 'application/json');
        res.end('{"RequestId":"captured"}');
        resolve({ method: req.method, url: req.url, headers: req.headers, body });
      });
    });
  });
}

const SIGNED_HEADERS = ['accept', 'authorization', 'content-md5', 'content-type',
  'content-length', 'date', 'x-acs-signature-method', 'x-acs-signature-nonce',
  'x-acs-signature-version', 'x-acs-version', 'x-acs-action'];

function pick(headers) {
  const out = {};
  for (const h of SIGNED_HEADERS) {
    if (headers[h] !== undefined) out[h] = headers[h];
  }
  return out;
}

async function main() {
  const server = http.createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${server.address().port}`;
  const out = { accessKeyId: KEY_ID, accessKeySecret: KEY_SECRET,
                timestamp: TIMESTAMP, date: DATE, rpc: [], roa: [] };

  const rpc = new RPCClient({ endpoint, apiVersion: '2015-05-01',
    accessKeyId: KEY_ID, accessKeySecret: KEY_SECRET });
  for (const c of rpcCases) {
    const nonce = `nonce-${c.name}`;
    const got = capture(server);
    await rpc.request(c.action,
      Object.assign({}, c.params, { Timestamp: TIMESTAMP, SignatureNonce: nonce }),
      { method: c.method });
    const r = await got;
    out.rpc.push({ name: c.name, input: { method: c.method, action: c.action,
      params: c.params, nonce }, wire: { method: r.method, url: r.url,
      body: r.body, headers: pick(r.headers) } });
  }

  const roa = new ROAClient({ endpoint, apiVersion: '2018-11-11',
    accessKeyId: KEY_ID, accessKeySecret: KEY_SECRET });
  for (const c of roaCases) {
    const nonce = `nonce-${c.name}`;
    const headers = { date: DATE, 'x-acs-signature-nonce': nonce };
    if (c.contentType) headers['content-type'] = c.contentType;
    const got = capture(server);
    await roa.request(c.method, c.path, c.query, c.body, headers, {});
    const r = await got;
    out.roa.push({ name: c.name, input: { method: c.method, path: c.path,
      query: c.query, body: c.body, contentType: c.contentType, nonce },
      wire: { method: r.method, url: r.url, body: r.body,
      headers: pick(r.headers) } });
  }
  server.close();
  const text = JSON.stringify(out, null, 2) + '\n';
  if (process.argv[2]) fs.writeFileSync(process.argv[2], text);
  else process.stdout.write(text);
}

main().catch((e) => { console.error(e); process.exit(1); });
