// Functions with a heavy Init get a pre-initialised spare environment: the invocation that
// finds every environment busy takes the spare instead of paying the Init, its REPORT shows
// no Init Duration, and the record says so.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import type { InvocationRecord } from '../invoke/records';
import { createFunction, eventually, json, startTestNimbus, tail, type TestNimbus } from './harness';

const HEAVY = `const until = Date.now() + 150; while (Date.now() < until) {} // a heavy Init
exports.handler = async (e) => { await new Promise((r) => setTimeout(r, e.ms || 0));
  return { pid: process.pid, initType: process.env.AWS_LAMBDA_INITIALIZATION_TYPE }; };`;

describe('pre-initialised spares', () => {
  let t: TestNimbus;
  const records: InvocationRecord[] = [];
  before(async () => {
    t = await startTestNimbus();
    t.server.records.subscribe((r) => records.push(r));
    await createFunction(t.lambda, 'heavy', { 'index.js': HEAVY });
  });
  after(() => t.close());

  it('serve the next cold start of a heavy-Init function without its Init', async () => {
    await new Promise((r) => setTimeout(r, 1500)); // a stem cell is up: its start measures the handler's Init alone
    const first = await t.lambda.send(new InvokeCommand({ FunctionName: 'heavy', LogType: 'Tail', Payload: '{}' }));
    assert.match(tail(first.LogResult), /Init Duration: (1\d\d|[2-9]\d\d|\d{4,})\.\d\d ms/);
    await eventually(() => t.server.pool.environments().filter((e) => e.functionName === 'heavy' && e.state === 'idle').length === 2,
      10_000);
    const busy = t.lambda.send(new InvokeCommand({ FunctionName: 'heavy', Payload: JSON.stringify({ ms: 800 }) }));
    await new Promise((r) => setTimeout(r, 200));
    const out = await t.lambda.send(new InvokeCommand({ FunctionName: 'heavy', LogType: 'Tail', Payload: '{}' }));
    const report = tail(out.LogResult).split('\n').find((l) => l.startsWith('REPORT')) ?? '';
    assert.match(report, /^REPORT RequestId: /);
    assert.doesNotMatch(report, /Init Duration/);
    assert.equal(json(out.Payload).initType, 'on-demand');
    assert.notEqual(json(out.Payload).pid, json((await busy).Payload).pid);
    assert.ok(records.some((r) => r.start === 'pre-initialised'));
  });
});
