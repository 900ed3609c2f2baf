// Asynchronous invocation through the official client: events are stored before the 202 and
// survive a restart, function errors are retried after 1 and 2 minutes (a fake clock), and
// the outcome reaches the configured destination as Lambda's invocation record.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  DeleteFunctionConcurrencyCommand, DeleteFunctionEventInvokeConfigCommand, GetFunctionEventInvokeConfigCommand, InvokeCommand,
  ListFunctionEventInvokeConfigsCommand, PutFunctionConcurrencyCommand, PutFunctionEventInvokeConfigCommand,
  UpdateFunctionConfigurationCommand, UpdateFunctionEventInvokeConfigCommand, GetFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { FakeClock } from '../kernel/clock';
import type { InvocationRecord } from '../invoke/records';
import { createFunction, eventually, jsonLines, startTestNimbus, type TestNimbus } from './harness';

/** Appends each event it gets to the file in OUT, one JSON per line; fails when the event says so. */
const RECORDER = `const fs = require('fs');
exports.handler = async (e) => { fs.appendFileSync(process.env.OUT, JSON.stringify(e) + '\\n');
  if (e.fail) throw new Error('cannot process ' + e.id); return { done: e.id }; };`;

const lines = (file: string): any[] => jsonLines(file);

describe('asynchronous invocation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-async-'));
  const clock = new FakeClock(Date.parse('2026-01-05T00:00:00Z'));
  const records: InvocationRecord[] = [];
  let t: TestNimbus;
  before(async () => {
    t = await startTestNimbus({ clock });
    t.server.records.subscribe((r) => records.push(r));
    await createFunction(t.lambda, 'worker', { 'index.js': RECORDER }, { env: { OUT: join(dir, 'worker') } });
    await createFunction(t.lambda, 'collector', { 'index.js': RECORDER }, { env: { OUT: join(dir, 'collector') } });
  });
  after(async () => { await t.close(); rmSync(dir, { recursive: true, force: true }); });

  it('manages the event invoke configuration with Lambda\'s shapes and errors', async () => {
    const put = await t.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'worker', MaximumRetryAttempts: 1,
      DestinationConfig: { OnFailure: { Destination: 'arn:aws:lambda:us-east-1:000000000000:function:collector' } } }));
    assert.equal(put.FunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:worker:$LATEST');
    assert.equal(put.MaximumRetryAttempts, 1);
    assert.ok(put.LastModified instanceof Date);
    const upd = await t.lambda.send(new UpdateFunctionEventInvokeConfigCommand({ FunctionName: 'worker', MaximumEventAgeInSeconds: 3600 }));
    assert.equal(upd.MaximumRetryAttempts, 1);
    assert.equal(upd.MaximumEventAgeInSeconds, 3600);
    assert.equal(upd.DestinationConfig?.OnFailure?.Destination, 'arn:aws:lambda:us-east-1:000000000000:function:collector');
    const list = await t.lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: 'worker' }));
    assert.equal(list.FunctionEventInvokeConfigs?.length, 1);
    await assert.rejects(t.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'worker', MaximumRetryAttempts: 3 })),
      { name: 'ValidationException' });
    await assert.rejects(t.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'worker',
      DestinationConfig: { OnSuccess: { Destination: 'arn:aws:s3:::bucket' } } })), { name: 'InvalidParameterValueException' });
    await assert.rejects(t.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'collector' })),
      { name: 'ResourceNotFoundException', message: /function:collector:\$LATEST doesn't have an EventInvokeConfig/ });
    await assert.rejects(t.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'nope' })), { name: 'ResourceNotFoundException' });
    await t.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'worker', MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: 'arn:aws:lambda:us-east-1:000000000000:function:collector' } } }));
  });

  it('retries a failing event after 1 and 2 minutes, then sends the record to OnFailure', async () => {
    const ev = await t.lambda.send(new InvokeCommand({ FunctionName: 'worker', InvocationType: 'Event',
      Payload: JSON.stringify({ id: 'e1', fail: true }) }));
    assert.equal(ev.StatusCode, 202);
    const worker = join(dir, 'worker');
    // The clock may move only once an attempt's outcome is in: the next attempt is due a minute
    // after it (its invocation record is published just before the retry is scheduled).
    const attemptsDone = async (n: number) => {
      await eventually(() => records.filter((r) => r.functionName === 'worker').length === n, 15_000);
      await new Promise((r) => setTimeout(r, 50));
    };
    await attemptsDone(1);
    assert.equal(lines(worker).length, 1);
    clock.advance(59_000);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(lines(worker).length, 1, 'no retry before a minute');
    clock.advance(1_000);
    await attemptsDone(2);
    assert.equal(lines(worker).length, 2);
    clock.advance(120_000);
    await attemptsDone(3);
    assert.equal(lines(worker).length, 3);
    const ids = new Set(records.filter((r) => r.functionName === 'worker').map((r) => r.requestId));
    assert.equal(ids.size, 1, 'every attempt has the same request id');
    const [record] = await eventually(() => (lines(join(dir, 'collector')).length === 1 ? lines(join(dir, 'collector')) : undefined));
    assert.equal(record.version, '1.0');
    assert.equal(record.requestContext.condition, 'RetriesExhausted');
    assert.equal(record.requestContext.approximateInvokeCount, 3);
    assert.equal(record.requestContext.requestId, [...ids][0]);
    assert.equal(record.requestContext.functionArn, 'arn:aws:lambda:us-east-1:000000000000:function:worker:$LATEST');
    assert.deepEqual(record.requestPayload, { id: 'e1', fail: true });
    assert.deepEqual(record.responseContext, { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' });
    assert.equal(record.responsePayload.errorMessage, 'cannot process e1');
    await t.lambda.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: 'worker' }));
  });
});

describe('failed asynchronous events to SQS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-async-dlq-'));
  let t: TestNimbus;
  let sqs: SQSClient;
  before(async () => {
    t = await startTestNimbus();
    sqs = new SQSClient({ endpoint: t.server.awsUrl, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  });
  after(async () => { sqs.destroy(); await t.close(); rmSync(dir, { recursive: true, force: true }); });

  const queue = async (name: string) => {
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
    const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    return { url, arn };
  };

  it('sends the event to the dead-letter queue and the record to the OnFailure queue', async () => {
    const dlq = await queue('worker-dlq');
    const onFailure = await queue('worker-failures');
    await createFunction(t.lambda, 'flaky', { 'index.js': RECORDER }, { env: { OUT: join(dir, 'flaky') } });
    await t.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'flaky', DeadLetterConfig: { TargetArn: dlq.arn } }));
    const cfg = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'flaky' }));
    assert.equal(cfg.DeadLetterConfig?.TargetArn, dlq.arn);
    await t.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'flaky', MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: onFailure.arn } } }));
    await t.lambda.send(new InvokeCommand({ FunctionName: 'flaky', InvocationType: 'Event', Payload: JSON.stringify({ id: 'x', fail: true }) }));
    const receive = (url: string) => eventually(async () => (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url,
      MessageAttributeNames: ['All'], WaitTimeSeconds: 1 }))).Messages?.[0], 10_000);
    const dead = await receive(dlq.url);
    assert.deepEqual(JSON.parse(dead.Body!), { id: 'x', fail: true });
    assert.equal(dead.MessageAttributes?.ErrorCode?.StringValue, '200');
    assert.equal(dead.MessageAttributes?.ErrorMessage?.StringValue, 'cannot process x');
    assert.match(dead.MessageAttributes?.RequestID?.StringValue ?? '', /^[0-9a-f-]{36}$/);
    const record = JSON.parse((await receive(onFailure.url)).Body!);
    assert.equal(record.requestContext.condition, 'RetriesExhausted');
    assert.equal(record.requestContext.approximateInvokeCount, 1);
    assert.equal(record.requestContext.requestId, dead.MessageAttributes?.RequestID?.StringValue);
    await assert.rejects(t.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'flaky',
      DeadLetterConfig: { TargetArn: 'arn:aws:s3:::bucket' } })), { name: 'InvalidParameterValueException' });
  });
});

describe('asynchronous events across a restart', () => {
  it('keeps an accepted event that has not run yet and runs it after the restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-async-restart-'));
    const out = join(dataDir, 'out');
    let t = await startTestNimbus({ dataDir });
    await createFunction(t.lambda, 'later', { 'index.js': RECORDER }, { env: { OUT: out } });
    await t.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'later', ReservedConcurrentExecutions: 0 }));
    const ev = await t.lambda.send(new InvokeCommand({ FunctionName: 'later', InvocationType: 'Event', Payload: '{"id":"kept"}' }));
    assert.equal(ev.StatusCode, 202);
    await t.server.stop();
    assert.equal(lines(out).length, 0, 'throttled: not run before the restart');
    t = await startTestNimbus({ dataDir });
    await t.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'later' }));
    const [got] = await eventually(() => (lines(out).length > 0 ? lines(out) : undefined), 10_000);
    assert.deepEqual(got, { id: 'kept' });
    await t.close();
  });
});
