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
  before(async () => {
    t = await startTestNimbus();
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
});
