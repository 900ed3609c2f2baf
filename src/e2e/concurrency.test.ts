// Concurrency through the official client against a real Nimbus: the reserved concurrency
// API, GetAccountSettings, sync throttling with Lambda's Reason and Retry-After, async
// events that wait out a throttle, and the HTTP gateway's answer to a throttled invoke.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DeleteFunctionConcurrencyCommand, GetAccountSettingsCommand, GetFunctionCommand, GetFunctionConcurrencyCommand,
  InvokeCommand, PutFunctionConcurrencyCommand, TooManyRequestsException,
} from '@aws-sdk/client-lambda';
import { createFunction, eventually, json, startTestNimbus, type TestNimbus } from './harness';

const SLEEPER = `let n = 0;
exports.handler = async (e) => { n++; await new Promise((r) => setTimeout(r, e.ms || 0)); return { n }; };`;

/** Waits until an invocation of `name` holds its concurrency (its environment is starting or busy). */
const running = (t: TestNimbus, name: string) => eventually(() => t.server.pool.environments()
  .some((e) => e.functionName === name && ['starting', 'initializing', 'busy'].includes(e.state)));

describe('concurrency limits', () => {
  let t: TestNimbus;
  before(async () => {
    t = await startTestNimbus({ concurrencyLimit: 200 });
    await createFunction(t.lambda, 'capped', { 'index.js': SLEEPER });
  });
  after(() => t.close());

  it('puts, gets and deletes reserved concurrency, and reports it in the account settings', async () => {
    const put = await t.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'capped', ReservedConcurrentExecutions: 1 }));
    assert.equal(put.ReservedConcurrentExecutions, 1);
    assert.equal((await t.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'capped' }))).ReservedConcurrentExecutions, 1);
    assert.equal((await t.lambda.send(new GetFunctionCommand({ FunctionName: 'capped' }))).Concurrency?.ReservedConcurrentExecutions, 1);
    const settings = await t.lambda.send(new GetAccountSettingsCommand({}));
    assert.equal(settings.AccountLimit?.ConcurrentExecutions, 200);
    assert.equal(settings.AccountLimit?.UnreservedConcurrentExecutions, 199);
    await assert.rejects(t.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'capped', ReservedConcurrentExecutions: 101 })),
      { name: 'InvalidParameterValueException', message: /below its minimum value of \[100\]/ });
    await assert.rejects(t.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'nope', ReservedConcurrentExecutions: 1 })),
      { name: 'ResourceNotFoundException' });
    await assert.rejects(t.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'capped', ReservedConcurrentExecutions: -1 })),
      { name: 'ValidationException' });
  });

  it('throttles a sync invoke over the reservation with its Reason and Retry-After', async () => {
    const slow = t.lambda.send(new InvokeCommand({ FunctionName: 'capped', Payload: JSON.stringify({ ms: 1500 }) }));
    await running(t, 'capped');
    const err = await t.lambda.send(new InvokeCommand({ FunctionName: 'capped', Payload: '{}' })).then(
      () => assert.fail('expected a throttle'), (e: unknown) => e);
    assert.ok(err instanceof TooManyRequestsException);
    assert.equal(err.Reason, 'ReservedFunctionConcurrentInvocationLimitExceeded');
    assert.equal(err.retryAfterSeconds, '1');
    assert.equal(err.$metadata.httpStatusCode, 429);
    await slow;
  });

  it('lets a throttled async event wait and run once capacity frees up', async () => {
    const slow = t.lambda.send(new InvokeCommand({ FunctionName: 'capped', Payload: JSON.stringify({ ms: 800 }) }));
    await new Promise((r) => setTimeout(r, 200));
    const before = json((await slow).Payload).n;
    const ev = await t.lambda.send(new InvokeCommand({ FunctionName: 'capped', InvocationType: 'Event', Payload: '{}' }));
    assert.equal(ev.StatusCode, 202);
    // The event ran after the throttle: the next sync call sees one more invocation than before it.
    await eventually(async () => {
      try {
        return json((await t.lambda.send(new InvokeCommand({ FunctionName: 'capped', Payload: '{}' }))).Payload).n >= before + 2;
      } catch (e) {
        if (e instanceof TooManyRequestsException) return false; // the event is running right now
        throw e;
      }
    }, 8000);
  });

  it('throttles everything at 0, until the reservation is deleted', async () => {
    await t.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'capped', ReservedConcurrentExecutions: 0 }));
    await assert.rejects(t.lambda.send(new InvokeCommand({ FunctionName: 'capped', Payload: '{}' })),
      { name: 'TooManyRequestsException', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    await t.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'capped' }));
    assert.deepEqual(Object.keys(await t.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'capped' })))
      .filter((k) => k !== '$metadata'), []);
    assert.equal((await t.lambda.send(new InvokeCommand({ FunctionName: 'capped', Payload: '{}' }))).StatusCode, 200);
  });
});

describe('account limit', () => {
  let t: TestNimbus;
  before(async () => {
    t = await startTestNimbus({ concurrencyLimit: 1 });
    await createFunction(t.lambda, 'one', { 'index.js': SLEEPER });
  });
  after(() => t.close());

  it('throttles unreserved functions past the account limit with ConcurrentInvocationLimitExceeded', async () => {
    const slow = t.lambda.send(new InvokeCommand({ FunctionName: 'one', Payload: JSON.stringify({ ms: 1000 }) }));
    await running(t, 'one');
    await assert.rejects(t.lambda.send(new InvokeCommand({ FunctionName: 'one', Payload: '{}' })),
      { name: 'TooManyRequestsException', Reason: 'ConcurrentInvocationLimitExceeded' });
    await slow;
  });
});
