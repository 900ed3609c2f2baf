// Cold starts from stem cells: a runtime started before it had a function is given one, and
// the function cannot tell: its environment, context and logs are those of a plain cold
// start, with an Init Duration on its REPORT, and the record says which path it took.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import type { InvocationRecord } from '../invoke/records';
import { createFunction, json, startTestNimbus, tail, type TestNimbus } from './harness';

const PROBE = `exports.handler = async (event, context) => ({
  env: process.env, functionName: context.functionName, memory: context.memoryLimitInMB, cwd: process.cwd() });`;

describe('stem cells', () => {
  let t: TestNimbus;
  const records: InvocationRecord[] = [];
  const serverLog: string[] = [];
  before(async () => {
    t = await startTestNimbus({ log: (m) => serverLog.push(m) });
    t.server.records.subscribe((r) => records.push(r));
  });
  after(() => t.close());

  it('turn into the function on a cold start, with its environment and an Init Duration', async () => {
    await createFunction(t.lambda, 'first', { 'index.js': PROBE });
    await t.lambda.send(new InvokeCommand({ FunctionName: 'first', Payload: '{}' }));
    await createFunction(t.lambda, 'second', { 'index.js': PROBE }, { env: { COLOUR: 'blue' } });
    await new Promise((r) => setTimeout(r, 1500)); // the replenished cell is up by now
    const out = await t.lambda.send(new InvokeCommand({ FunctionName: 'second', LogType: 'Tail', Payload: '{}' }));
    const p = json(out.Payload);
    assert.equal(records.at(-1)?.start, 'prewarmed');
    assert.equal(p.functionName, 'second');
    assert.equal(p.memory, '128');
    assert.equal(p.env.COLOUR, 'blue');
    assert.equal(p.env.AWS_LAMBDA_FUNCTION_NAME, 'second');
    assert.equal(p.env._NIMBUS_STEM_CELL, undefined);
    assert.equal(p.env._NIMBUS_RUNTIME_FD, undefined);
    assert.equal(p.cwd, p.env.LAMBDA_TASK_ROOT);
    assert.match(tail(out.LogResult), /REPORT RequestId: .*Init Duration: \d+\.\d\d ms/);
  });

  it('report each start path in the server log and the metrics', async () => {
    await t.lambda.send(new InvokeCommand({ FunctionName: 'second', Payload: '{}' })); // warm
    const res = await fetch(`${t.server.awsUrl}/_nimbus/metrics`);
    const second = (await res.json()).functions.find((f: { functionName: string }) => f.functionName === 'second');
    assert.deepEqual(second.starts, { 'stem-cell': 1, warm: 1 });
    assert.equal(second.invocations, 2);
    assert.equal(second.initDurationMs.count, 1);
    assert.ok(serverLog.some((l) => /^second:\$LATEST stem-cell start \(request [0-9a-f-]{36}, Init \d+\.\d ms\)$/.test(l)),
      serverLog.join('\n'));
    assert.ok(serverLog.some((l) => /^first:\$LATEST (on-demand|stem-cell) start/.test(l)));
  });

  it('do not spin for a function whose Init always fails', async () => {
    await createFunction(t.lambda, 'broken', { 'index.js': 'throw new Error("no database");' });
    const before = t.server.pool.stemCellCounts()!.spawned;
    const n = 12;
    for (let i = 0; i < n; i++) {
      const out = await t.lambda.send(new InvokeCommand({ FunctionName: 'broken', Payload: '{}' }));
      assert.equal(json(out.Payload).errorType, 'Error');
    }
    // Each failed cold start may use one cell and the burst raises the target to at most 8:
    // the cells spawned are bounded by the cold starts asked for, and stop once they stop.
    await new Promise((r) => setTimeout(r, 2000));
    const settled = t.server.pool.stemCellCounts()!;
    assert.ok(settled.spawned - before <= n + 8, `spawned ${settled.spawned - before} cells for ${n} cold starts`);
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(t.server.pool.stemCellCounts()!.spawned, settled.spawned, 'no cell is spawned while nobody invokes');
    assert.ok(settled.ready <= 8);
    assert.equal(t.server.pool.environments().filter((e) => e.functionName === 'broken').length, 0);
  });
});
