// The Lambda API through the official @aws-sdk/client-lambda against a real Nimbus
// with real environment processes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAliasCommand, GetFunctionCommand, InvokeCommand, PublishVersionCommand, UpdateFunctionCodeCommand,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { createFunction, decode, eventually, json, startTestNimbus, tail, zip, type TestNimbus } from './harness';

const HELLO = `
let inits = 0; inits++;
exports.handler = async (event, context) => {
  console.log('event', JSON.stringify(event));
  return { hello: event.name ?? 'world', inits, version: context.functionVersion, arn: context.invokedFunctionArn };
};`;

describe('Lambda API with the official client', () => {
  let t: TestNimbus;
  before(async () => {
    t = await startTestNimbus();
    await createFunction(t.lambda, 'hello', { 'index.js': HELLO });
  });
  after(() => t.close());

  it('invokes synchronously and tails the log with START, the function line, END and REPORT', async () => {
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: 'hello', Payload: JSON.stringify({ name: 'ada' }), LogType: 'Tail' }));
    assert.equal(r.StatusCode, 200);
    assert.equal(r.FunctionError, undefined);
    assert.equal(r.ExecutedVersion, '$LATEST');
    const body = json(r.Payload);
    assert.equal(body.hello, 'ada');
    assert.equal(body.arn, 'arn:aws:lambda:us-east-1:000000000000:function:hello');
    const log = tail(r.LogResult);
    const id = /START RequestId: (\S+) Version: \$LATEST/.exec(log)?.[1];
    assert.ok(id, log);
    assert.match(log, new RegExp(`\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t${id}\\tINFO\\tevent \\{"name":"ada"\\}`));
    assert.match(log, new RegExp(`END RequestId: ${id}\\n`));
    assert.match(log, new RegExp(`REPORT RequestId: ${id}\\tDuration: \\d+\\.\\d\\d ms\\tBilled Duration: \\d+ ms \\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\t`));
  });

  it('a warm invocation reuses the environment: Init ran once, no Init Duration', async () => {
    await t.lambda.send(new InvokeCommand({ FunctionName: 'hello', Payload: '{}' }));
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: 'hello', Payload: '{}', LogType: 'Tail' }));
    assert.equal(json(r.Payload).inits, 1);
    assert.doesNotMatch(tail(r.LogResult), /Init Duration/);
  });

  it('accepts an Event invocation with 202 and runs it in the background', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nimbus-async-'));
    await createFunction(t.lambda, 'writer', {
      'index.js': `const fs = require('fs'); exports.handler = async (e) => { fs.writeFileSync(e.path, 'done'); return 1; };`,
    });
    const marker = join(dir, 'marker');
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: 'writer', InvocationType: 'Event', Payload: JSON.stringify({ path: marker }) }));
    assert.equal(r.StatusCode, 202);
    assert.equal(decode(r.Payload), '');
    await eventually(() => existsSync(marker));
    assert.equal(readFileSync(marker, 'utf8'), 'done');
  });

  it('answers DryRun with 204 and runs nothing', async () => {
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: 'hello', InvocationType: 'DryRun' }));
    assert.equal(r.StatusCode, 204);
  });

  it('reports a function error with X-Amz-Function-Error and the error JSON', async () => {
    await createFunction(t.lambda, 'thrower', {
      'index.js': `exports.handler = async () => { const e = new TypeError('bad input'); throw e; };`,
    });
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: 'thrower', Payload: '{}' }));
    assert.equal(r.StatusCode, 200);
    assert.equal(r.FunctionError, 'Unhandled');
    const body = json(r.Payload);
    assert.equal(body.errorType, 'TypeError');
    assert.equal(body.errorMessage, 'bad input');
    assert.ok(Array.isArray(body.trace));
  });

  it('serves new code on the next cold start after UpdateFunctionCode, and versions and aliases keep theirs', async () => {
    await createFunction(t.lambda, 'versioned', { 'index.js': `exports.handler = async () => 'one';` });
    const v1 = await t.lambda.send(new PublishVersionCommand({ FunctionName: 'versioned' }));
    assert.equal(v1.Version, '1');
    await t.lambda.send(new CreateAliasCommand({ FunctionName: 'versioned', Name: 'live', FunctionVersion: '1' }));
    assert.equal(decode((await t.lambda.send(new InvokeCommand({ FunctionName: 'versioned' }))).Payload), '"one"');
    await t.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'versioned', ZipFile: zip({ 'index.js': `exports.handler = async () => 'two';` }) }));
    await waitUntilFunctionUpdatedV2({ client: t.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { FunctionName: 'versioned' });
    const latest = await t.lambda.send(new InvokeCommand({ FunctionName: 'versioned', LogType: 'Tail' }));
    assert.equal(decode(latest.Payload), '"two"');
    assert.match(tail(latest.LogResult), /Init Duration: /);
    const pinned = await t.lambda.send(new InvokeCommand({ FunctionName: 'versioned', Qualifier: '1' }));
    assert.equal(decode(pinned.Payload), '"one"');
    assert.equal(pinned.ExecutedVersion, '1');
    const alias = await t.lambda.send(new InvokeCommand({ FunctionName: 'versioned:live' }));
    assert.equal(decode(alias.Payload), '"one"');
    assert.equal(alias.ExecutedVersion, '1');
    const fn = await t.lambda.send(new GetFunctionCommand({ FunctionName: 'versioned' }));
    assert.equal(fn.Configuration?.State, 'Active');
  });

  it('answers bad invocations with the errors the SDK expects', async () => {
    await assert.rejects(t.lambda.send(new InvokeCommand({ FunctionName: 'nope', Payload: '{}' })),
      (e: any) => e.name === 'ResourceNotFoundException' && e.$metadata.httpStatusCode === 404);
    await assert.rejects(t.lambda.send(new InvokeCommand({ FunctionName: 'hello', Payload: 'not json' })),
      (e: any) => e.name === 'InvalidRequestContentException' && e.$metadata.httpStatusCode === 400);
    const big = JSON.stringify({ a: 'x'.repeat(6 * 1024 * 1024) });
    await assert.rejects(t.lambda.send(new InvokeCommand({ FunctionName: 'hello', Payload: big })),
      (e: any) => e.name === 'RequestEntityTooLargeException' && e.$metadata.httpStatusCode === 413
        && /Request must be smaller than 6291456 bytes for the InvokeFunction operation/.test(e.message));
  });
});
