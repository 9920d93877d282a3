#!/usr/bin/env node
// Validates SARIF logs against the official SARIF 2.1.0 JSON schema (the copy
// shipped by @microsoft/jest-sarif) with ajv, plus the cross-references the
// schema cannot express (ruleIndex must point at the rule named by ruleId).
// Usage: node validate.js FILE...   Exit 0 when every file is valid.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

const schemaPath = path.join(__dirname, 'node_modules', '@microsoft', 'jest-sarif',
                             'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
const validate = ajv.compile(schema);

function crossCheck(log) {
  const problems = [];
  if (log.version !== '2.1.0') problems.push('version is not "2.1.0"');
  (log.runs || []).forEach((run, r) => {
    const rules = (run.tool && run.tool.driver && run.tool.driver.rules) || [];
    (run.results || []).forEach((res, i) => {
      if (res.ruleIndex === undefined) return;
      const rule = rules[res.ruleIndex];
      if (!rule) problems.push(`runs[${r}].results[${i}].ruleIndex ${res.ruleIndex} out of range`);
      else if (rule.id !== res.ruleId)
        problems.push(`runs[${r}].results[${i}] ruleId ${res.ruleId} != rules[${res.ruleIndex}].id ${rule.id}`);
    });
  });
  return problems;
}

let failed = 0;
for (const file of process.argv.slice(2)) {
  let log;
  try {
    log = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.log(`INVALID ${file}: not JSON: ${e.message}`);
    failed++;
    continue;
  }
  const ok = validate(log);
  const problems = ok ? [] : validate.errors.map(e => `${e.dataPath || '/'} ${e.message}`);
  problems.push(...crossCheck(log));
  if (problems.length) {
    failed++;
    console.log(`INVALID ${file}:`);
    for (const p of problems) console.log(`  ${p}`);
  } else {
    console.log(`valid ${file}`);
  }
}
process.exit(failed ? 1 : 0);
