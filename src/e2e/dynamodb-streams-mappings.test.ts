// DynamoDB stream → function through event source mappings, end to end with the official
// clients: the event shape and per-item order, a failing function blocking the shard and
// retrying, bisect, MaximumRetryAttempts with an SQS OnFailure destination getting the
// metadata record, ReportBatchItemFailures, a restart resuming without a skip, and no skip or
// reorder of one item's changes under concurrent writes from parallel clients.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateTableCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateEventSourceMappingCommand, GetEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { createFunction, eventually, jsonLines, startTestNimbus } from './harness';
import { startSqsNimbus, type SqsNimbus } from './sqs-harness';

let t: SqsNimbus;
let ddb: DynamoDBClient;
let dir: string;

/** Appends each event to $EVENTS. MODE: ok | throw-while-flag ($FLAG exists) | throw-on-bad | partial-once | always-throw. */
const HANDLER = `const fs = require('fs');
exports.handler = async (event) => {
  fs.appendFileSync(process.env.EVENTS, JSON.stringify(event) + '\\n');
  const mode = process.env.MODE || 'ok';
  const keys = event.Records.map((r) => r.dynamodb.Keys.pk.S);
  if (mode === 'always-throw') throw new Error('boom');
  if (mode === 'throw-while-flag' && fs.existsSync(process.env.FLAG)) throw new Error('not yet');
  if (mode === 'throw-on-bad' && keys.includes('bad')) throw new Error('bad record');
  if (mode === 'partial-once' && !fs.existsSync(process.env.FLAG)) {
    const bad = event.Records.find((r) => r.dynamodb.Keys.pk.S === 'bad');
    if (bad) { fs.writeFileSync(process.env.FLAG, '1'); return { batchItemFailures: [{ itemIdentifier: bad.dynamodb.SequenceNumber }] }; }
  }
  return { batchItemFailures: [] };
};`;

async function fn(name: string, env: Record<string, string> = {}): Promise<string> {
  const events = join(dir, `${name}.jsonl`);
  await createFunction(t.lambda, name, { 'index.js': HANDLER }, { env: { EVENTS: events, FLAG: join(dir, `${name}.flag`), ...env } });
  return events;
}
const events = (file: string): { Records: any[] }[] => jsonLines(file);
const keysOf = (file: string): string[] => events(file).flatMap((e) => e.Records.map((r) => r.dynamodb.Keys.pk.S));

async function table(client: DynamoDBClient, name: string): Promise<string> {
  const r = await client.send(new CreateTableCommand({ TableName: name, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } }));
  await new Promise((res) => setTimeout(res, 20));
  return r.TableDescription!.LatestStreamArn!;
}
const put = (client: DynamoDBClient, name: string, pk: string, extra: Record<string, any> = {}) =>
  client.send(new PutItemCommand({ TableName: name, Item: { pk: { S: pk }, ...extra } }));
const ddbClient = (endpoint: string) => new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nimbus-ddb-esm-'));
  t = await startSqsNimbus();
  ddb = ddbClient(t.server.awsUrl);
});
after(async () => {
  ddb?.destroy();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('changes reach the function as a DynamoDB stream event, in order, with Lambda defaults', async () => {
  const file = await fn('ddb-shape');
  const arn = await table(ddb, 'shape');
  const missing = await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'ddb-shape', EventSourceArn: arn })).catch((e) => e);
  assert.equal(missing.name, 'InvalidParameterValueException');
  assert.match(missing.message, /startingPosition/);
  const m = await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'ddb-shape', EventSourceArn: arn, StartingPosition: 'LATEST' }));
  assert.equal(m.BatchSize, 100);
  assert.equal(m.StartingPosition, 'LATEST');
  assert.equal(m.MaximumRetryAttempts, -1);
  assert.equal(m.ParallelizationFactor, 1);
  await put(ddb, 'shape', 'a', { v: { N: '1' } });
  await ddb.send(new UpdateItemCommand({ TableName: 'shape', Key: { pk: { S: 'a' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: '2' } } }));
  await put(ddb, 'shape', 'b');
  const records = await eventually(() => { const r = events(file).flatMap((e) => e.Records); return r.length >= 3 ? r : undefined; });
  assert.deepEqual(records.map((r) => `${r.eventName}:${r.dynamodb.Keys.pk.S}`), ['INSERT:a', 'MODIFY:a', 'INSERT:b']);
  const r = records[1];
  assert.equal(r.eventSource, 'aws:dynamodb');
  assert.equal(r.eventVersion, '1.1');
  assert.equal(r.awsRegion, 'us-east-1');
  assert.equal(r.eventSourceARN, arn);
  assert.equal(typeof r.dynamodb.ApproximateCreationDateTime, 'number');
  assert.deepEqual(r.dynamodb.OldImage.v, { N: '1' });
  assert.deepEqual(r.dynamodb.NewImage.v, { N: '2' });
  assert.equal(r.dynamodb.StreamViewType, 'NEW_AND_OLD_IMAGES');
  const got = await t.lambda.send(new GetEventSourceMappingCommand({ UUID: m.UUID }));
  assert.equal(got.State, 'Enabled');
});

test('a failing batch blocks the shard and is retried until it succeeds', async () => {
  const flag = join(dir, 'ddb-block.flag');
  writeFileSync(flag, '1');
  const file = await fn('ddb-block', { MODE: 'throw-while-flag' });
  const arn = await table(ddb, 'block');
  await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'ddb-block', EventSourceArn: arn, StartingPosition: 'TRIM_HORIZON', BatchSize: 2 }));
  for (const k of ['a', 'b', 'c', 'd']) await put(ddb, 'block', k);
  await eventually(() => events(file).length >= 3);
  assert.ok(events(file).every((e) => e.Records[0].dynamodb.Keys.pk.S === 'a'), 'only the first batch, again and again');
  rmSync(flag);
  await eventually(() => keysOf(file).includes('d'));
  const keys = keysOf(file);
  assert.deepEqual(keys.slice(keys.lastIndexOf('a')), ['a', 'b', 'c', 'd']);
});

test('MaximumRetryAttempts discards the batch and the SQS OnFailure destination gets the metadata record', async () => {
  const file = await fn('ddb-retries', { MODE: 'always-throw' });
  const arn = await table(ddb, 'retries');
  await t.sqs.send(new CreateQueueCommand({ QueueName: 'ddb-failures' }));
  const dlq = 'arn:aws:sqs:us-east-1:000000000000:ddb-failures';
  await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'ddb-retries', EventSourceArn: arn, StartingPosition: 'TRIM_HORIZON',
    MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: dlq } } }));
  await put(ddb, 'retries', 'x');
  await put(ddb, 'retries', 'y');
  const msgs = await eventually(async () => (await t.sqs.send(new ReceiveMessageCommand({ QueueUrl: `${t.server.awsUrl}/000000000000/ddb-failures`, WaitTimeSeconds: 1 }))).Messages, 15_000);
  const body = JSON.parse(msgs[0].Body!);
  assert.equal(body.requestContext.condition, 'RetryAttemptsExhausted');
  assert.equal(body.requestContext.approximateInvokeCount, 3);
  assert.match(body.requestContext.functionArn, /function:ddb-retries$/);
  assert.equal(body.version, '1.0');
  assert.equal(body.responseContext.functionError, 'Unhandled');
  const info = body.DDBStreamBatchInfo;
  assert.equal(info.streamArn, arn);
  assert.match(info.shardId, /^shardId-/);
  assert.ok(info.batchSize >= 1);
  assert.ok(info.startSequenceNumber <= info.endSequenceNumber);
  assert.ok(Date.parse(info.approximateArrivalOfFirstRecord) > 0);
  assert.equal(events(file).filter((e) => e.Records[0].dynamodb.Keys.pk.S === 'x').length, 3);
});

test('BisectBatchOnFunctionError isolates a bad record; the rest is processed', async () => {
  const file = await fn('ddb-bisect', { MODE: 'throw-on-bad' });
  const arn = await table(ddb, 'bisect');
  await t.sqs.send(new CreateQueueCommand({ QueueName: 'bisect-failures' }));
  for (const k of ['a', 'b', 'c', 'bad', 'e', 'f', 'g', 'h']) await put(ddb, 'bisect', k);
  await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'ddb-bisect', EventSourceArn: arn, StartingPosition: 'TRIM_HORIZON',
    BisectBatchOnFunctionError: true, MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:bisect-failures' } } }));
  const msgs = await eventually(async () => (await t.sqs.send(new ReceiveMessageCommand({ QueueUrl: `${t.server.awsUrl}/000000000000/bisect-failures`, WaitTimeSeconds: 1 }))).Messages, 15_000);
  assert.equal(JSON.parse(msgs[0].Body!).DDBStreamBatchInfo.batchSize, 1);
  // Batches without the bad record succeed: wait until every good record went through one.
  const succeeded = () => events(file).filter((e) => !e.Records.some((r) => r.dynamodb.Keys.pk.S === 'bad'))
    .flatMap((e) => e.Records.map((r) => r.dynamodb.Keys.pk.S));
  await eventually(() => succeeded().length >= 7);
  const sizes = events(file).map((e) => e.Records.length);
  assert.deepEqual(sizes.slice(0, 2), [8, 4], 'the batch, then its halves');
  assert.deepEqual(succeeded(), ['a', 'b', 'c', 'e', 'f', 'g', 'h']);
});

test('ReportBatchItemFailures checkpoints before the lowest failed sequence number', async () => {
  const file = await fn('ddb-partial', { MODE: 'partial-once' });
  const arn = await table(ddb, 'partial');
  for (const k of ['a', 'b', 'bad', 'd']) await put(ddb, 'partial', k);
  await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'ddb-partial', EventSourceArn: arn, StartingPosition: 'TRIM_HORIZON',
    FunctionResponseTypes: ['ReportBatchItemFailures'] }));
  await eventually(() => events(file).length >= 2);
  const batches = events(file).map((e) => e.Records.map((r) => r.dynamodb.Keys.pk.S));
  assert.deepEqual(batches.slice(0, 2), [['a', 'b', 'bad', 'd'], ['bad', 'd']]);
});

test('a stream never skips or reorders a change of one item under concurrent writes', async () => {
  const file = await fn('ddb-order');
  const arn = await table(ddb, 'order');
  await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'ddb-order', EventSourceArn: arn, StartingPosition: 'TRIM_HORIZON',
    ParallelizationFactor: 3, BatchSize: 7 }));
  const items = ['i0', 'i1', 'i2', 'i3', 'i4'];
  const clients = Array.from({ length: 4 }, () => ddbClient(t.server.awsUrl));
  const perClient = 30;
  await Promise.all(clients.map(async (c, ci) => {
    for (let i = 0; i < perClient; i++) {
      await c.send(new UpdateItemCommand({ TableName: 'order', Key: { pk: { S: items[(i + ci) % items.length] } },
        UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } }));
    }
  }));
  for (const c of clients) c.destroy();
  const total = clients.length * perClient;
  await eventually(() => events(file).flatMap((e) => e.Records).length >= total, 20_000);
  const seen = new Map<string, number[]>();
  for (const r of events(file).flatMap((e) => e.Records)) {
    const k = r.dynamodb.Keys.pk.S;
    seen.set(k, [...(seen.get(k) ?? []), Number(r.dynamodb.NewImage.n.N)]);
  }
  let count = 0;
  for (const [k, ns] of seen) {
    assert.deepEqual(ns, Array.from({ length: ns.length }, (_, i) => i + 1), `item ${k}: every change once, in order`);
    count += ns.length;
  }
  assert.equal(count, total);
});

test('a restart resumes after the last processed record: no skip, no reorder', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-ddb-esm-restart-'));
  const file = join(dir, 'restart.jsonl');
  let s = await startTestNimbus({ dataDir, stemCells: false });
  let c = ddbClient(s.server.awsUrl);
  try {
    await createFunction(s.lambda, 'ddb-restart', { 'index.js': HANDLER }, { env: { EVENTS: file } });
    const arn = await table(c, 'restart');
    await s.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'ddb-restart', EventSourceArn: arn, StartingPosition: 'LATEST', BatchSize: 3 }));
    for (let i = 0; i < 10; i++) await put(c, 'restart', `k${String(i).padStart(2, '0')}`);
    await eventually(() => keysOf(file).includes('k09'));
    c.destroy();
    await s.server.stop();
    s = await startTestNimbus({ dataDir, stemCells: false });
    c = ddbClient(s.server.awsUrl);
    for (let i = 10; i < 20; i++) await put(c, 'restart', `k${String(i).padStart(2, '0')}`);
    await eventually(() => keysOf(file).includes('k19'), 10_000);
    const keys = keysOf(file);
    assert.deepEqual(keys, Array.from({ length: 20 }, (_, i) => `k${String(i).padStart(2, '0')}`));
  } finally {
    c.destroy();
    await s.close();
  }
});
