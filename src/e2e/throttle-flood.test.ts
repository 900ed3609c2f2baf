// A flood of requests to a throttled function does not starve the others: the throttled
// requests are answered 429 before they reach the pool, the events that wait out a
// throttle hold no environment, and another function keeps answering meanwhile.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InvokeCommand, PutFunctionConcurrencyCommand, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { createFunction, json, startTestNimbus, type TestNimbus } from './harness';

const SLEEPER = `exports.handler = async (e) => { await new Promise((r) => setTimeout(r, e.ms || 0)); return { ok: true }; };`;

describe('a flood to a throttled function', () => {
  let t: TestNimbus;
  before(async () => {
    t = await startTestNimbus({ concurrencyLimit: 150 });
    await createFunction(t.lambda, 'flooded', { 'index.js': SLEEPER });
    await createFunction(t.lambda, 'other', { 'index.js': SLEEPER });
    await t.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'flooded', ReservedConcurrentExecutions: 2 }));
  });
  after(() => t.close());

  it('leaves other functions answering', async () => {
    const payload = JSON.stringify({ ms: 300 });
    const events = await Promise.all(Array.from({ length: 50 }, () =>
      t.lambda.send(new InvokeCommand({ FunctionName: 'flooded', InvocationType: 'Event', Payload: payload }))));
    assert.ok(events.every((e) => e.StatusCode === 202));

    // 40 clients keep invoking the throttled function until the other one has answered 10 times.
    let stop = false;
    const results: PromiseSettledResult<unknown>[] = [];
    const flood = Promise.all(Array.from({ length: 40 }, async () => {
      while (!stop) {
        results.push(...await Promise.allSettled([t.lambda.send(new InvokeCommand({ FunctionName: 'flooded', Payload: payload }))]));
      }
    }));
    try {
      for (let i = 0; i < 10; i++) {
        const out = await t.lambda.send(new InvokeCommand({ FunctionName: 'other', Payload: '{}' }));
        assert.equal(out.FunctionError, undefined);
        assert.equal(json(out.Payload).ok, true);
      }
    } finally {
      stop = true;
      await flood;
    }
    const throttled = results.filter((r) => r.status === 'rejected');
    assert.ok(results.some((r) => r.status === 'fulfilled'), 'the flooded function ran within its reservation');
    assert.ok(throttled.length > 0);
    for (const r of throttled) {
      const err = (r as PromiseRejectedResult).reason;
      assert.ok(err instanceof TooManyRequestsException, String(err));
      assert.equal(err.Reason, 'ReservedFunctionConcurrentInvocationLimitExceeded');
    }
    const flooded = t.server.pool.environments().filter((e) => e.functionName === 'flooded');
    assert.ok(flooded.length <= 2, `the reservation caps the flooded function's environments (${flooded.length})`);
  });
});
