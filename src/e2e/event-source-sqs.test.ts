// SQS → function through event source mappings, end to end with the official clients:
// the event shape, deletes on success, retries and the DLQ on errors, partial batch
// responses, filters, batching windows, disabling and enabling, and a restart.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateEventSourceMappingCommand, UpdateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { createFunction, eventually, jsonLines, startTestNimbus } from './harness';
import { sqsClient, startSqsNimbus, type SqsNimbus } from './sqs-harness';

let t: SqsNimbus;
let dir: string;
const arn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
const url = (t: { server: { awsUrl: string } }, name: string) => `${t.server.awsUrl}/000000000000/${name}`;

/** Records every event to $EVENTS; MODE: ok | throw | partial (bodies starting "bad" fail) | invalid. */
const HANDLER = `const fs = require('fs');
exports.handler = async (event) => {
  fs.appendFileSync(process.env.EVENTS, JSON.stringify(event) + '\\n');
  const mode = process.env.MODE || 'ok';
  if (mode === 'throw') throw new Error('boom');
  if (mode === 'partial') return { batchItemFailures: event.Records.filter((r) => r.body.startsWith('bad')).map((r) => ({ itemIdentifier: r.messageId })) };
  if (mode === 'invalid') return { batchItemFailures: [{ itemIdentifier: '' }] };
  return null;
};`;

async function fn(name: string, mode = 'ok', timeout?: number): Promise<string> {
  const events = join(dir, `${name}.jsonl`);
  await createFunction(t.lambda, name, { 'index.js': HANDLER }, { env: { EVENTS: events, MODE: mode }, timeout });
  return events;
}

const events = (file: string): { Records: Record<string, any>[] }[] => jsonLines(file);
const records = (file: string) => events(file).flatMap((e) => e.Records);

async function queue(sqs: SQSClient, name: string, attributes: Record<string, string> = {}): Promise<string> {
  await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  return arn(name);
}

async function depth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl,
    AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes!;
  return Number(a.ApproximateNumberOfMessages) + Number(a.ApproximateNumberOfMessagesNotVisible);
}

async function sendBodies(sqs: SQSClient, queueUrl: string, bodies: string[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += 10) {
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl,
      Entries: bodies.slice(i, i + 10).map((MessageBody, j) => ({ Id: `m${i + j}`, MessageBody })) }));
  }
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nimbus-esm-'));
  t = await startSqsNimbus();
});
after(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('messages reach the function as an SQS event and are deleted after success', async () => {
  const file = await fn('esm-shape');
  const source = await queue(t.sqs, 'shape-q');
  await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-shape', EventSourceArn: source }));
  const sent = await t.sqs.send(new SendMessageCommand({ QueueUrl: url(t, 'shape-q'), MessageBody: '{"hello":"world"}',
    MessageAttributes: { color: { DataType: 'String', StringValue: 'blue' }, blob: { DataType: 'Binary', BinaryValue: Buffer.from('hi') } } }));
  const [r] = await eventually(() => (records(file).length > 0 ? records(file) : undefined));
  assert.equal(r.messageId, sent.MessageId);
  assert.equal(r.body, '{"hello":"world"}');
  assert.equal(r.md5OfBody, sent.MD5OfMessageBody);
  assert.equal(r.md5OfMessageAttributes, sent.MD5OfMessageAttributes);
  assert.equal(r.eventSource, 'aws:sqs');
  assert.equal(r.eventSourceARN, source);
  assert.equal(r.awsRegion, 'us-east-1');
  assert.equal(typeof r.receiptHandle, 'string');
  assert.deepEqual(Object.keys(r.attributes).sort(), ['ApproximateFirstReceiveTimestamp', 'ApproximateReceiveCount', 'SenderId', 'SentTimestamp']);
  assert.equal(r.attributes.ApproximateReceiveCount, '1');
  assert.deepEqual(r.messageAttributes, {
    color: { stringValue: 'blue', stringListValues: [], binaryListValues: [], dataType: 'String' },
    blob: { binaryValue: Buffer.from('hi').toString('base64'), stringListValues: [], binaryListValues: [], dataType: 'Binary' },
  });
  await eventually(async () => (await depth(t.sqs, url(t, 'shape-q'))) === 0);
});

test('FIFO records carry SequenceNumber, MessageGroupId and MessageDeduplicationId, in group order', async () => {
  const file = await fn('esm-fifo');
  const source = await queue(t.sqs, 'order-q.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
  await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-fifo', EventSourceArn: source, BatchSize: 3 }));
  for (let i = 0; i < 9; i++) {
    await t.sqs.send(new SendMessageCommand({ QueueUrl: url(t, 'order-q.fifo'), MessageBody: `m${i}`, MessageGroupId: `g${i % 2}` }));
  }
  await eventually(() => records(file).length === 9, 10_000);
  const all = records(file);
  for (const g of ['g0', 'g1']) {
    const bodies = all.filter((r) => r.attributes.MessageGroupId === g).map((r) => Number(r.body.slice(1)));
    assert.deepEqual(bodies, [...bodies].sort((a, b) => a - b));
  }
  assert.ok(all[0].attributes.SequenceNumber);
  assert.ok(all[0].attributes.MessageDeduplicationId);
});

test('a failing batch comes back after the visibility timeout and lands in the DLQ after maxReceiveCount', async () => {
  const file = await fn('esm-fail', 'throw', 1);
  const dlq = await queue(t.sqs, 'fail-dlq');
  const source = await queue(t.sqs, 'fail-q', { VisibilityTimeout: '1',
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq, maxReceiveCount: 2 }) });
  await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-fail', EventSourceArn: source }));
  await t.sqs.send(new SendMessageCommand({ QueueUrl: url(t, 'fail-q'), MessageBody: 'doomed' }));
  await eventually(async () => (await depth(t.sqs, url(t, 'fail-dlq'))) === 1, 10_000);
  const seen = records(file);
  assert.equal(seen.length, 2);
  assert.deepEqual(seen.map((r) => r.attributes.ApproximateReceiveCount), ['1', '2']);
  assert.equal(await depth(t.sqs, url(t, 'fail-q')), 0);
});

test('ReportBatchItemFailures: reported items stay, the rest are deleted; an invalid response keeps the whole batch', async () => {
  const partial = await fn('esm-partial', 'partial', 1);
  const invalid = await fn('esm-invalid', 'invalid', 1);
  for (const [name, fnName] of [['partial-q', 'esm-partial'], ['invalid-q', 'esm-invalid']]) {
    const source = await queue(t.sqs, name, { VisibilityTimeout: '1' });
    await sendBodies(t.sqs, url(t, name), ['good-1', 'bad-1', 'good-2', 'bad-2']);
    await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: fnName, EventSourceArn: source,
      FunctionResponseTypes: ['ReportBatchItemFailures'] }));
  }
  await eventually(() => records(partial).filter((r) => r.attributes.ApproximateReceiveCount === '2').length >= 2, 10_000);
  const again = records(partial).filter((r) => r.attributes.ApproximateReceiveCount !== '1').map((r) => r.body);
  assert.ok(again.every((b) => b.startsWith('bad')), `retried: ${again}`);
  await eventually(() => new Set(records(invalid).filter((r) => r.attributes.ApproximateReceiveCount === '2').map((r) => r.body)).size === 4, 10_000);
});

test('filter criteria: only matching messages invoke; the others are deleted unseen', async () => {
  const file = await fn('esm-filter');
  const source = await queue(t.sqs, 'filter-q');
  await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-filter', EventSourceArn: source,
    FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { kind: ['order'], total: [{ numeric: ['>', 10] }] } }) }] } }));
  await sendBodies(t.sqs, url(t, 'filter-q'), [JSON.stringify({ kind: 'order', total: 50 }), JSON.stringify({ kind: 'order', total: 5 }),
    JSON.stringify({ kind: 'refund', total: 50 }), 'not json']);
  await eventually(async () => (await depth(t.sqs, url(t, 'filter-q'))) === 0, 10_000);
  assert.deepEqual(records(file).map((r) => JSON.parse(r.body)), [{ kind: 'order', total: 50 }]);
});

test('BatchSize above 10 with a batching window gathers one batch from several receives', async () => {
  const file = await fn('esm-window');
  const source = await queue(t.sqs, 'window-q');
  await sendBodies(t.sqs, url(t, 'window-q'), Array.from({ length: 35 }, (_, i) => `w${i}`));
  await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-window', EventSourceArn: source, BatchSize: 25,
    MaximumBatchingWindowInSeconds: 1, ScalingConfig: { MaximumConcurrency: 2 } }));
  await eventually(() => records(file).length === 35, 10_000);
  const sizes = events(file).map((e) => e.Records.length);
  assert.ok(Math.max(...sizes) > 10 && Math.max(...sizes) <= 25, `batch sizes ${sizes}`);
});

test('a disabled mapping does not poll; enabling it resumes', async () => {
  const file = await fn('esm-toggle');
  const source = await queue(t.sqs, 'toggle-q');
  const { UUID } = await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-toggle', EventSourceArn: source, Enabled: false }));
  await t.sqs.send(new SendMessageCommand({ QueueUrl: url(t, 'toggle-q'), MessageBody: 'waiting' }));
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(records(file).length, 0);
  await t.lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: true }));
  await eventually(() => records(file).length === 1);
  await t.lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: false }));
  await t.sqs.send(new SendMessageCommand({ QueueUrl: url(t, 'toggle-q'), MessageBody: 'after disable' }));
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(records(file).length, 1);
  // The disabled mapping's long polls ended at once: the message was never received.
  const counts = await t.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url(t, 'toggle-q'),
    AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  assert.deepEqual([counts.Attributes?.ApproximateNumberOfMessages, counts.Attributes?.ApproximateNumberOfMessagesNotVisible], ['1', '0']);
  await t.lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: true }));
  await eventually(() => records(file).length === 2);
  assert.equal(records(file)[1].attributes.ApproximateReceiveCount, '1', 'first received by the re-enabled mapping');
});

test('mappings survive a restart of the server (same data directory)', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-esm-restart-'));
  const events1 = join(dir, 'restart.jsonl');
  let s = await startTestNimbus({ dataDir, stemCells: false });
  let sqs = sqsClient(s.server.awsUrl);
  try {
    await createFunction(s.lambda, 'esm-restart', { 'index.js': HANDLER }, { env: { EVENTS: events1 } });
    await queue(sqs, 'restart-q');
    await s.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-restart', EventSourceArn: arn('restart-q') }));
    sqs.destroy();
    s.lambda.destroy();
    await s.server.stop();
    s = await startTestNimbus({ dataDir, stemCells: false });
    sqs = sqsClient(s.server.awsUrl);
    await sqs.send(new SendMessageCommand({ QueueUrl: url(s, 'restart-q'), MessageBody: 'after restart' }));
    await eventually(() => records(events1).some((r) => r.body === 'after restart'), 10_000);
  } finally {
    sqs.destroy();
    await s.close();
  }
});
