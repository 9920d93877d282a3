#!/usr/bin/env node
// Talks to a running rtcc emulator with Alibaba's official Node SDK core
// (@alicloud/pop-core 1.8): RAM over RPC (GET and POST) and Realtime Compute
// over ROA. Proves the emulator accepts exactly what the real SDK sends and
// answers in a shape the SDK understands (errors included).
//
// Env: EMULATOR_URL (http://127.0.0.1:PORT), ACCESS_KEY_ID, ACCESS_KEY_SECRET
// (an access key the emulator knows). Prints "PASS <name>" / "FAIL <name>:
// <why>" per check and exits non-zero if any check failed.
'use strict';

const assert = require('assert');
const { RPCClient, ROAClient } = require('@alicloud/pop-core');

const endpoint = process.env.EMULATOR_URL;
const accessKeyId = process.env.ACCESS_KEY_ID;
const accessKeySecret = process.env.ACCESS_KEY_SECRET;
if (!endpoint || !accessKeyId || !accessKeySecret) {
  console.error('need EMULATOR_URL, ACCESS_KEY_ID and ACCESS_KEY_SECRET');
  process.exit(2);
}

const opts = { timeout: 5000 };
const ram = new RPCClient({ endpoint, apiVersion: '2015-05-01', accessKeyId,
                            accessKeySecret, opts });
const foas = new ROAClient({ endpoint, apiVersion: '2018-11-11', accessKeyId,
                             accessKeySecret, opts });
const badRam = new RPCClient({ endpoint, apiVersion: '2015-05-01', accessKeyId,
                               accessKeySecret: accessKeySecret + 'x', opts });
const badFoas = new ROAClient({ endpoint, apiVersion: '2018-11-11', accessKeyId,
                                accessKeySecret: accessKeySecret + 'x', opts });

let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log(`PASS ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e && e.message ? e.message : e}`);
  }
}

async function expectError(promise, code) {
  try {
    await promise;
  } catch (e) {
    assert.strictEqual(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
    return e;
  }
  throw new Error(`expected error ${code}, call succeeded`);
}

const userName = `interop-${process.pid}-${Date.now() % 100000}`;

async function main() {
  let created;
  await check('rpc CreateUser (GET)', async () => {
    created = await ram.request('CreateUser',
      { UserName: userName, DisplayName: 'Interop Ünïcode *(!)' });
    assert.ok(created.RequestId, 'RequestId missing');
    assert.strictEqual(created.User.UserName, userName);
    assert.strictEqual(created.User.DisplayName, 'Interop Ünïcode *(!)');
    assert.ok(created.User.UserId, 'UserId missing');
  });
  await check('rpc GetUser returns the created user', async () => {
    const r = await ram.request('GetUser', { UserName: userName });
    assert.strictEqual(r.User.UserName, userName);
    assert.strictEqual(r.User.UserId, created.User.UserId);
  });
  await check('rpc ListUsers contains the user', async () => {
    const names = [];
    let marker;
    for (let page = 0; page < 100; page++) {
      const params = { MaxItems: 100 };
      if (marker) params.Marker = marker;
      const r = await ram.request('ListUsers', params);
      for (const u of r.Users.User) names.push(u.UserName);
      if (!r.IsTruncated) break;
      marker = r.Marker;
    }
    assert.ok(names.includes(userName), `${userName} not in ${names}`);
  });
  await check('rpc UpdateUser (POST form body)', async () => {
    const r = await ram.request('UpdateUser',
      { UserName: userName, NewDisplayName: 'renamed & co' }, { method: 'POST' });
    assert.strictEqual(r.User.DisplayName, 'renamed & co');
  });
  await check('rpc GetUser of a missing user is EntityNotExist.User', async () => {
    await expectError(ram.request('GetUser', { UserName: userName + '-nope' }),
                      'EntityNotExist.User');
  });
  await check('rpc wrong secret is SignatureDoesNotMatch', async () => {
    await expectError(badRam.request('GetUser', { UserName: userName }),
                      'SignatureDoesNotMatch');
  });
  await check('rpc DeleteUser', async () => {
    const r = await ram.request('DeleteUser', { UserName: userName });
    assert.ok(r.RequestId);
  });

  await check('roa GET /api/v2/clusters', async () => {
    const r = await foas.get('/api/v2/clusters', {});
    assert.ok(r.RequestId, 'RequestId missing');
    assert.ok(Array.isArray(r.Clusters.Cluster), 'Clusters.Cluster not an array');
  });
  await check('roa GET /api/v2/clusters with paging query', async () => {
    const r = await foas.get('/api/v2/clusters', { pageIndex: 1, pageSize: 10,
                                                   displayName: 'a b*(c)' });
    assert.strictEqual(Number(r.PageIndex), 1);
    assert.strictEqual(Number(r.PageSize), 10);
  });
  await check('roa GET unknown cluster is a JSON error the SDK recognises', async () => {
    const e = await expectError(
      foas.get('/api/v2/clusters/does-not-exist/details', {}),
      'EntityNotExist.Cluster');
    assert.strictEqual(e.statusCode, 404);
  });
  await check('roa wrong secret is SignatureDoesNotMatch', async () => {
    const e = await expectError(badFoas.get('/api/v2/clusters', {}),
                                'SignatureDoesNotMatch');
    assert.ok(e.statusCode >= 400);
  });
  await check('roa POST JSON body is read (bad project name rejected)', async () => {
    const e = await expectError(foas.post('/api/v2/projects', {},
        JSON.stringify({ name: 'Bad-Name', deployType: 'cell', clusterId: 'x', cu: 1 }),
        { 'content-type': 'application/json' }),
      'InvalidParameter.ProjectName');
    assert.strictEqual(e.statusCode, 400);
  });

  // The published exclusive-mode flow, bodies exactly as the metadata
  // describes them: CreateCluster (order + network), CreateProject without
  // `cu`, then the project's CU through CreateQueue + BindQueue.
  const json = { 'content-type': 'application/json' };
  let clusterId;
  await check('roa CreateCluster with the published body', async () => {
    const r = await foas.post('/api/v2/clusters', {}, JSON.stringify({
      orderId: 'ord-interop-sdk', zoneId: 'cn-hangzhou-h', displayName: 'interop',
      description: 'pop-core', userOssBucket: 'interop-udf',
      userVpcId: 'vpc-interop', userVSwitch: 'vsw-interop' }), json);
    clusterId = r.ClusterId;
    assert.ok(clusterId, 'ClusterId missing');
    for (let i = 0; i < 100; i++) {
      const d = await foas.get(`/api/v2/clusters/${clusterId}/details`, {});
      if (d.Details.State === 'running') return;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error('cluster never reached running');
  });
  await check('roa CreateProject with the published body (no cu)', async () => {
    const r = await foas.post('/api/v2/projects', {}, JSON.stringify({
      name: 'interop_proj', deployType: 'cell', clusterId,
      description: 'pop-core project' }), json);
    assert.ok(r.RequestId, 'RequestId missing');
  });
  await check('roa CreateQueue + BindQueue give the project its CU', async () => {
    await foas.post(`/api/v2/clusters/${clusterId}/queue`, {}, JSON.stringify({
      queueName: 'interop_proj', maxVcore: 6, maxMemMB: 24576 }), json);
    await foas.post('/api/v2/projects/interop_proj/queue', {}, JSON.stringify({
      clusterId, queueName: 'interop_proj' }), json);
    const p = await foas.get('/api/v2/projects/interop_proj', {});
    assert.strictEqual(Number(p.Project.Cu), 6);
    const q = await foas.get('/api/v2/projects/interop_proj/queues', {});
    assert.strictEqual(q.Queues.Queue[0].QueueName, 'interop_proj');
  });

  console.log(`popcore roundtrip: ${failed === 0 ? 'all checks passed' : failed + ' failed'}`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(1); });
