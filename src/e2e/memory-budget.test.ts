// The node's memory budget: a cold start that would go over it stops the least recently
// used idle environments, and never one that is running an invocation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { createFunction, eventually, json, startTestNimbus, type TestNimbus } from './harness';

const CODE = `exports.handler = async (e) => { await new Promise((r) => setTimeout(r, e.ms || 0)); return { pid: process.pid }; };`;

describe('memory budget', () => {
  let t: TestNimbus;
  before(async () => {
    t = await startTestNimbus({ memoryBudgetMb: 1 }); // every environment is over it
    for (const name of ['first', 'busy', 'third']) await createFunction(t.lambda, name, { 'index.js': CODE });
  });
  after(() => t.close());

  const envsOf = (name: string) => t.server.pool.environments().filter((e) => e.functionName === name);
  const invoke = async (name: string, ms = 0) =>
    t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify({ ms }) }));

  it('evicts idle environments for a cold start and never kills a busy one', async () => {
    const first = await invoke('first');
    assert.equal(first.FunctionError, undefined);
    assert.equal(envsOf('first')[0]?.state, 'idle');

    const busy = invoke('busy', 2500); // longer than one memory sampling period (2 s)
    await eventually(() => envsOf('busy').some((e) => e.state === 'busy'));
    await eventually(() => envsOf('first').length === 0); // the idle one made room

    const third = await invoke('third');
    assert.equal(third.FunctionError, undefined);
    const busyEnv = envsOf('busy')[0];
    assert.equal(busyEnv?.state, 'busy', 'the cold start of "third" left the busy environment alone');

    const out = await busy;
    assert.equal(out.FunctionError, undefined, 'the busy invocation finished normally');
    assert.equal(json(out.Payload).pid, busyEnv.pid);
  });
});
