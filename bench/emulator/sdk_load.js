#!/usr/bin/env node
// Load on a running `rtcc emulator serve` through Alibaba's official Node SDK
// core (@alicloud/pop-core): CLIENTS concurrent clients, each its own
// keep-alive connection, calling CreateUser / GetUser / ListUsers in turn for
// SECONDS seconds with the SDK's 3 s timeout. Prints one JSON line:
// {"clients", "ops", "opsPerSecond", "p50Ms", "p99Ms", "timeouts", "errors"}.
//
// Usage: node sdk_load.js CLIENTS SECONDS   (env: RTCC_EMULATOR_ENDPOINT,
// ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, as printed by
// `rtcc emulator serve`; NODE_PATH pointing at a pop-core install).
'use strict';

const http = require('http');
const { RPCClient } = require('@alicloud/pop-core');

const clients = Number(process.argv[2] || 50);
const seconds = Number(process.argv[3] || 10);
const endpoint = process.env.RTCC_EMULATOR_ENDPOINT;
const accessKeyId = process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
const accessKeySecret = process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
if (!endpoint || !accessKeyId || !accessKeySecret) {
  console.error('need the exports `rtcc emulator serve` prints');
  process.exit(2);
}

const latencies = [];
let timeouts = 0, errors = 0, firstError = '';
const deadline = Date.now() + seconds * 1000;

async function client(index) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const ram = new RPCClient({ endpoint, apiVersion: '2015-05-01', accessKeyId,
                              accessKeySecret, opts: { timeout: 3000, agent } });
  let n = 0;
  const own = `load-${process.pid}-${index}`;
  while (Date.now() < deadline) {
    const step = n % 3;
    const name = `${own}-${Math.floor(n / 3)}`;
    const start = process.hrtime.bigint();
    try {
      if (step === 0)
        await ram.request('CreateUser', { UserName: name }, { method: 'POST', timeout: 3000, agent });
      else if (step === 1)
        await ram.request('GetUser', { UserName: name }, { timeout: 3000, agent });
      else
        await ram.request('ListUsers', { MaxItems: 100 }, { timeout: 3000, agent });
    } catch (e) {
      if (/timeout/i.test(String(e && (e.code || e.message))) || (e && e.name === 'RequestTimeoutError'))
        timeouts++;
      else {
        errors++;
        if (!firstError) firstError = `${e.code}: ${e.message}`;
      }
    }
    latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    n++;
  }
  agent.destroy();
}

async function main() {
  const t0 = Date.now();
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  const elapsed = (Date.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : 0;
  console.log(JSON.stringify({
    clients, ops: latencies.length, opsPerSecond: Math.round(latencies.length / elapsed),
    p50Ms: Number(q(0.50).toFixed(2)), p99Ms: Number(q(0.99).toFixed(2)),
    timeouts, errors, firstError,
  }));
}

main().catch((e) => { console.error(e); process.exit(1); });
