#!/usr/bin/env node
// The official SDK (@alicloud/pop-core) creates, reads and deletes jobs
// whose names need percent-encoding: the SDK signs the path as sent, so the
// emulator must too (docs/emulator.md "Signing"). Uses the seeded running
// cluster cls-interop of tests/suites/interop.sh.
// Env: EMULATOR_URL, ACCESS_KEY_ID, ACCESS_KEY_SECRET. Prints PASS/FAIL lines.
'use strict';

const assert = require('assert');
const { ROAClient } = require('@alicloud/pop-core');

const foas = new ROAClient({ endpoint: process.env.EMULATOR_URL, apiVersion: '2018-11-11',
                             accessKeyId: process.env.ACCESS_KEY_ID,
                             accessKeySecret: process.env.ACCESS_KEY_SECRET,
                             opts: { timeout: 5000 } });
const json = { 'content-type': 'application/json' };
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

async function main() {
  const project = `enc_${process.pid}`;
  await check('roa create project on the seeded cluster', async () => {
    await foas.post('/api/v2/projects', {}, JSON.stringify(
      { name: project, deployType: 'cell', clusterId: 'cls-interop', cu: 2 }), json);
  });
  for (const name of ['my job', '作业-1', 'a+b=c&d']) {
    const path = `/api/v2/projects/${project}/jobs/${encodeURIComponent(name)}`;
    await check(`roa job "${name}" created, read and deleted`, async () => {
      await foas.post(`/api/v2/projects/${project}/jobs`, {}, JSON.stringify(
        { jobName: name, sqlCode: 'INSERT INTO b SELECT * FROM a' }), json);
      const r = await foas.get(path, {});
      assert.strictEqual(r.Job.JobName, name);
      await foas.delete(path, {});
    });
  }
  await check('roa job "a/b" refused', async () => {
    try {
      await foas.post(`/api/v2/projects/${project}/jobs`, {}, JSON.stringify(
        { jobName: 'a/b', sqlCode: 'x' }), json);
    } catch (e) {
      assert.strictEqual(e.code, 'InvalidParameter.JobName');
      return;
    }
    throw new Error('created');
  });
  await check('roa project deleted', async () => {
    await foas.delete(`/api/v2/projects/${project}`, {});
  });
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(1); });
