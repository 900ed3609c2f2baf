// The DynamoDB Streams API through @aws-sdk/client-dynamodb-streams: records after PutItem,
// UpdateItem and DeleteItem with each view type, no record for a write that changes nothing,
// the four iterator types, closed shards of disabled streams, expiry and trimming, errors.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CreateTableCommand, DeleteItemCommand, PutItemCommand, UpdateItemCommand, UpdateTableCommand, type StreamViewType } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, ListStreamsCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { failure } from './dynamodb-harness';
import { startTestStreams, type TestStreams } from './dynamodb-streams-harness';

let t: TestStreams;
before(async () => { t = await startTestStreams(); });
after(async () => { await t?.close(); });

async function table(name: string, viewType?: StreamViewType): Promise<string | undefined> {
  const r = await t.ddb.send(new CreateTableCommand({ TableName: name, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    ...(viewType ? { StreamSpecification: { StreamEnabled: true, StreamViewType: viewType } } : {}) }));
  await new Promise((r) => setTimeout(r, 20));
  return r.TableDescription!.LatestStreamArn;
}

async function shardOf(arn: string): Promise<string> {
  return (await t.streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.Shards![0].ShardId!;
}

async function readAll(arn: string, type: 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER' = 'TRIM_HORIZON', seq?: string): Promise<_Record[]> {
  let it = (await t.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: await shardOf(arn), ShardIteratorType: type, SequenceNumber: seq }))).ShardIterator;
  const out: _Record[] = [];
  for (let i = 0; it && i < 20; i++) {
    const r = await t.streams.send(new GetRecordsCommand({ ShardIterator: it, Limit: 2 }));
    out.push(...r.Records!);
    if (r.Records!.length === 0) break;
    it = r.NextShardIterator;
  }
  return out;
}

async function writes(name: string): Promise<void> {
  await t.ddb.send(new PutItemCommand({ TableName: name, Item: { pk: { S: 'a' }, v: { N: '1' } } }));
  await t.ddb.send(new PutItemCommand({ TableName: name, Item: { pk: { S: 'a' }, v: { N: '1' } } })); // identical: no record
  await t.ddb.send(new UpdateItemCommand({ TableName: name, Key: { pk: { S: 'a' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: '2' } } }));
  await t.ddb.send(new DeleteItemCommand({ TableName: name, Key: { pk: { S: 'a' } } }));
  await t.ddb.send(new DeleteItemCommand({ TableName: name, Key: { pk: { S: 'nothing' } } })); // no item: no record
}

for (const viewType of ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const) {
  test(`PutItem, UpdateItem and DeleteItem write INSERT, MODIFY, REMOVE with ${viewType}`, async () => {
    const name = `views-${viewType}`;
    const arn = (await table(name, viewType))!;
    await writes(name);
    const records = await readAll(arn);
    assert.deepEqual(records.map((r) => r.eventName), ['INSERT', 'MODIFY', 'REMOVE']);
    const seqs = records.map((r) => r.dynamodb!.SequenceNumber!);
    assert.ok(seqs.every((s) => /^\d{21,}$/.test(s)));
    assert.deepEqual([...seqs].sort(), seqs);
    for (const r of records) {
      assert.equal(r.eventSource, 'aws:dynamodb');
      assert.equal(r.eventVersion, '1.1');
      assert.equal(r.awsRegion, 'us-east-1');
      assert.deepEqual(r.dynamodb!.Keys, { pk: { S: 'a' } });
      assert.equal(r.dynamodb!.StreamViewType, viewType);
      assert.ok(r.dynamodb!.ApproximateCreationDateTime instanceof Date);
      assert.ok(r.dynamodb!.SizeBytes! > 0);
    }
    const newImages = records.map((r) => r.dynamodb!.NewImage?.v?.N);
    const oldImages = records.map((r) => r.dynamodb!.OldImage?.v?.N);
    const withNew = viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
    const withOld = viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
    assert.deepEqual(newImages, withNew ? ['1', '2', undefined] : [undefined, undefined, undefined]);
    assert.deepEqual(oldImages, withOld ? [undefined, '1', '2'] : [undefined, undefined, undefined]);
  });
}

test('ListStreams and DescribeStream describe the stream, its one open shard and the key schema', async () => {
  const arn = (await table('described', 'NEW_IMAGE'))!;
  await table('no-stream');
  const all = (await t.streams.send(new ListStreamsCommand({}))).Streams!;
  assert.ok(all.some((s) => s.StreamArn === arn && s.TableName === 'described'));
  assert.ok(!all.some((s) => s.TableName === 'no-stream'));
  const only = (await t.streams.send(new ListStreamsCommand({ TableName: 'described' }))).Streams!;
  assert.deepEqual(only.map((s) => s.StreamArn), [arn]);
  const page = await t.streams.send(new ListStreamsCommand({ Limit: 1 }));
  assert.equal(page.Streams!.length, 1);
  assert.ok(page.LastEvaluatedStreamArn);
  const d = (await t.streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!;
  assert.equal(d.StreamStatus, 'ENABLED');
  assert.equal(d.TableName, 'described');
  assert.equal(d.StreamViewType, 'NEW_IMAGE');
  assert.deepEqual(d.KeySchema, [{ AttributeName: 'pk', KeyType: 'HASH' }]);
  assert.ok(d.CreationRequestDateTime instanceof Date);
  assert.equal(d.Shards!.length, 1);
  assert.match(d.Shards![0].ShardId!, /^shardId-\d{20}-[0-9a-f]{8}$/);
  assert.ok(d.Shards![0].SequenceNumberRange!.StartingSequenceNumber);
  assert.equal(d.Shards![0].SequenceNumberRange!.EndingSequenceNumber, undefined);
});

test('iterator types: LATEST, AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER', async () => {
  const arn = (await table('iterators', 'KEYS_ONLY'))!;
  for (const k of ['a', 'b', 'c']) await t.ddb.send(new PutItemCommand({ TableName: 'iterators', Item: { pk: { S: k } } }));
  const all = await readAll(arn);
  const seq = all[1].dynamodb!.SequenceNumber!;
  assert.deepEqual((await readAll(arn, 'AT_SEQUENCE_NUMBER', seq)).map((r) => r.dynamodb!.Keys!.pk.S), ['b', 'c']);
  assert.deepEqual((await readAll(arn, 'AFTER_SEQUENCE_NUMBER', seq)).map((r) => r.dynamodb!.Keys!.pk.S), ['c']);
  const latest = (await t.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: await shardOf(arn), ShardIteratorType: 'LATEST' }))).ShardIterator!;
  assert.deepEqual((await t.streams.send(new GetRecordsCommand({ ShardIterator: latest }))).Records, []);
  await t.ddb.send(new PutItemCommand({ TableName: 'iterators', Item: { pk: { S: 'd' } } }));
  const after = await t.streams.send(new GetRecordsCommand({ ShardIterator: latest }));
  assert.deepEqual(after.Records!.map((r) => r.dynamodb!.Keys!.pk.S), ['d']);
  assert.ok(after.NextShardIterator);
});

test('a disabled stream closes its shard and stays readable; re-enabling makes a new stream', async () => {
  const arn = (await table('toggled', 'NEW_IMAGE'))!;
  await t.ddb.send(new PutItemCommand({ TableName: 'toggled', Item: { pk: { S: 'a' } } }));
  await t.ddb.send(new UpdateTableCommand({ TableName: 'toggled', StreamSpecification: { StreamEnabled: false } }));
  await new Promise((r) => setTimeout(r, 20));
  await t.ddb.send(new PutItemCommand({ TableName: 'toggled', Item: { pk: { S: 'b' } } }));
  const d = (await t.streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!;
  assert.equal(d.StreamStatus, 'DISABLED');
  assert.ok(d.Shards![0].SequenceNumberRange!.EndingSequenceNumber);
  const it = (await t.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: d.Shards![0].ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator!;
  const r = await t.streams.send(new GetRecordsCommand({ ShardIterator: it }));
  assert.deepEqual(r.Records!.map((x) => x.dynamodb!.Keys!.pk.S), ['a']);
  assert.equal(r.NextShardIterator, undefined, 'a closed shard read to its end has no next iterator');
  await new Promise((r) => setTimeout(r, 5));
  const again = await t.ddb.send(new UpdateTableCommand({ TableName: 'toggled', StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } }));
  const arn2 = again.TableDescription!.LatestStreamArn!;
  assert.notEqual(arn2, arn);
  await new Promise((r) => setTimeout(r, 20));
  await t.ddb.send(new PutItemCommand({ TableName: 'toggled', Item: { pk: { S: 'c' } } }));
  assert.deepEqual((await readAll(arn2)).map((x) => x.dynamodb!.Keys!.pk.S), ['c']);
  const listed = (await t.streams.send(new ListStreamsCommand({ TableName: 'toggled' }))).Streams!.map((s) => s.StreamArn);
  assert.deepEqual(listed.sort(), [arn, arn2].sort());
});

test('errors: unknown stream, bad iterator type, Limit over 1000, expired iterators, trimmed records', async () => {
  const arn = (await table('errors', 'KEYS_ONLY'))!;
  await t.ddb.send(new PutItemCommand({ TableName: 'errors', Item: { pk: { S: 'a' } } }));
  const missing = await failure(t.streams.send(new DescribeStreamCommand({ StreamArn: `${arn.replace('errors', 'nope')}` })));
  assert.equal(missing.name, 'ResourceNotFoundException');
  const shardId = await shardOf(arn);
  const it = (await t.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator!;
  const limit = await failure(t.streams.send(new GetRecordsCommand({ ShardIterator: it, Limit: 1001 })));
  assert.equal(limit.name, 'ValidationException');
  assert.match(limit.message, /less than or equal to 1000/);
  const noSeq = await failure(t.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER' })));
  assert.equal(noSeq.name, 'ValidationException');
  const first = (await readAll(arn))[0].dynamodb!.SequenceNumber!;
  t.advance(16 * 60_000);
  const expired = await failure(t.streams.send(new GetRecordsCommand({ ShardIterator: it })));
  assert.equal(expired.name, 'ExpiredIteratorException');
  t.advance(24 * 3600_000 - 20 * 60_000);
  const fresh = (await t.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: first }))).ShardIterator!;
  t.advance(6 * 60_000); // the record is now over 24 h old, the iterator 6 minutes
  assert.ok((await t.service.trim()) > 0);
  const trimmed = await failure(t.streams.send(new GetRecordsCommand({ ShardIterator: fresh })));
  assert.equal(trimmed.name, 'TrimmedDataAccessException');
  const old = await failure(t.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: first })));
  assert.equal(old.name, 'TrimmedDataAccessException');
  assert.deepEqual(await readAll(arn), []);
});
