// A function's code is read as on Lambda, where /var/task has no package.json above it: a
// data directory inside an ES-module project ("type": "module" in the project's
// package.json, as `nimbus dev` puts `.nimbus` in the project) does not turn a function's
// CommonJS .js files into ES modules.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { createFunction, json, startTestNimbus, type TestNimbus } from './harness';

let project: string;
let t: TestNimbus;
before(async () => {
  project = mkdtempSync(join(tmpdir(), 'nimbus-esm-project-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'esm-project', type: 'module' }));
  mkdirSync(join(project, '.nimbus'));
  t = await startTestNimbus({ dataDir: join(project, '.nimbus') });
});
after(async () => {
  await t?.close();
  rmSync(project, { recursive: true, force: true });
});

test('a CommonJS handler without a package.json runs even when the data dir is inside an ES-module project', async () => {
  await createFunction(t.lambda, 'cjs', { 'index.js': 'exports.handler = async () => ({ style: typeof module === "object" ? "cjs" : "esm" });' });
  const r = await t.lambda.send(new InvokeCommand({ FunctionName: 'cjs', Payload: '{}' }));
  assert.equal(r.FunctionError, undefined, Buffer.from(r.Payload ?? []).toString());
  assert.deepEqual(json(r.Payload), { style: 'cjs' });
});

test('a function whose own package.json says "type": "module" still loads its .js as an ES module', async () => {
  await createFunction(t.lambda, 'esm', { 'package.json': '{"type":"module"}',
    'index.js': 'export const handler = async () => ({ style: typeof module === "undefined" ? "esm" : "cjs" });' });
  const r = await t.lambda.send(new InvokeCommand({ FunctionName: 'esm', Payload: '{}' }));
  assert.deepEqual(json(r.Payload), { style: 'esm' });
});
