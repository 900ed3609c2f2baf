// DynamoDB tables through @aws-sdk/client-dynamodb: create (CREATING → ACTIVE, waiter),
// describe, list with paging, update (throughput, billing, GSI backfill, streams), delete,
// TTL, tags, limits, error messages; and restart durability on the whole server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand, DeleteTableCommand, DescribeLimitsCommand, DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient,
  GetItemCommand, ListTablesCommand, ListTagsOfResourceCommand, PutItemCommand, QueryCommand, TagResourceCommand, UntagResourceCommand,
  UpdateTableCommand, UpdateTimeToLiveCommand, waitUntilTableExists, waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import { startNimbus } from '../main';
import { failure, startTestDynamo, type TestDynamo } from './dynamodb-harness';

const keyed = (name: string, extra: Record<string, unknown> = {}) => new CreateTableCommand({
  TableName: name, BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }], ...extra,
});
const until = async (fn: () => Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await fn())) { if (Date.now() > end) throw new Error('timed out'); await new Promise((r) => setTimeout(r, 20)); }
};

describe('DynamoDB tables', () => {
  let d: TestDynamo;
  before(async () => { d = await startTestDynamo({ activationMs: 150 }); });
  after(async () => { await d.close(); });

  it('creates a table CREATING, then ACTIVE (waiter), and describes it', async () => {
    const r = await d.ddb.send(keyed('tb1', { BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 3 },
      Tags: [{ Key: 'team', Value: 'a' }] }));
    assert.equal(r.TableDescription?.TableStatus, 'CREATING');
    assert.equal(r.TableDescription?.TableArn, 'arn:aws:dynamodb:us-east-1:000000000000:table/tb1');
    const busy = await failure(d.ddb.send(new DeleteTableCommand({ TableName: 'tb1' })));
    assert.equal(busy.name, 'ResourceInUseException');
    assert.equal(busy.message, 'Attempt to change a resource which is still in use: Table is being created: tb1');
    const notYet = await failure(d.ddb.send(new GetItemCommand({ TableName: 'tb1', Key: { pk: { S: 'a' }, sk: { N: '1' } } })));
    assert.equal(notYet.name, 'ResourceNotFoundException');
    await waitUntilTableExists({ client: d.ddb, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { TableName: 'tb1' });
    const t = (await d.ddb.send(new DescribeTableCommand({ TableName: 'tb1' }))).Table!;
    assert.equal(t.TableStatus, 'ACTIVE');
    assert.equal(t.ItemCount, 0);
    assert.deepEqual(t.ProvisionedThroughput?.ReadCapacityUnits, 5);
    assert.ok(t.TableId && t.CreationDateTime instanceof Date);
    assert.deepEqual(t.KeySchema, [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }]);
    await d.ddb.send(new PutItemCommand({ TableName: 'tb1', Item: { pk: { S: 'a' }, sk: { N: '1' }, v: { S: 'hello' } } }));
    const t2 = (await d.ddb.send(new DescribeTableCommand({ TableName: 'tb1' }))).Table!;
    assert.equal(t2.ItemCount, 1);
    assert.ok((t2.TableSizeBytes ?? 0) > 0);
  });

  it('answers errors with DynamoDB messages', async () => {
    const exists = await failure(d.ddb.send(keyed('tb1')));
    assert.equal(exists.name, 'ResourceInUseException');
    assert.equal(exists.message, 'Table already exists: tb1');
    const missing = await failure(d.ddb.send(new DescribeTableCommand({ TableName: 'nope' })));
    assert.equal(missing.name, 'ResourceNotFoundException');
    assert.equal(missing.message, 'Requested resource not found: Table: nope not found');
    const badName = await failure(d.ddb.send(new DescribeTableCommand({ TableName: 'a!' })));
    assert.equal(badName.name, 'ValidationException');
    assert.match(badName.message, /^2 validation errors detected: Value 'a!' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: \[a-zA-Z0-9_.-\]\+/);
    const undefinedKey = await failure(d.ddb.send(new CreateTableCommand({ TableName: 'bad', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'x', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] })));
    assert.equal(undefinedKey.message, 'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [pk], AttributeDefinitions: [x]');
    const noThroughput = await failure(d.ddb.send(keyed('bad', { BillingMode: undefined })));
    assert.equal(noThroughput.message, 'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED');
  });

  it('lists tables in pages', async () => {
    for (const n of ['lta', 'ltb', 'ltc']) await d.ddb.send(keyed(n));
    const p1 = await d.ddb.send(new ListTablesCommand({ Limit: 2 }));
    assert.deepEqual(p1.TableNames, ['lta', 'ltb']);
    assert.equal(p1.LastEvaluatedTableName, 'ltb');
    const p2 = await d.ddb.send(new ListTablesCommand({ ExclusiveStartTableName: 'ltb' }));
    assert.deepEqual(p2.TableNames, ['ltc', 'tb1']);
    assert.equal(p2.LastEvaluatedTableName, undefined);
  });

  it('adds a GSI to a table with items (backfill), enables a stream, changes billing', async () => {
    await waitUntilTableExists({ client: d.ddb, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { TableName: 'lta' });
    for (let i = 0; i < 5; i++) {
      await d.ddb.send(new PutItemCommand({ TableName: 'lta', Item: { pk: { S: `p${i}` }, sk: { N: String(i) }, color: { S: i % 2 ? 'red' : 'blue' } } }));
    }
    const u = await d.ddb.send(new UpdateTableCommand({ TableName: 'lta', AttributeDefinitions: [{ AttributeName: 'color', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'byColor', KeySchema: [{ AttributeName: 'color', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } } }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } }));
    assert.equal(u.TableDescription?.TableStatus, 'UPDATING');
    assert.equal(u.TableDescription?.GlobalSecondaryIndexes?.[0].IndexStatus, 'CREATING');
    assert.match(u.TableDescription?.LatestStreamArn ?? '', /^arn:aws:dynamodb:us-east-1:000000000000:table\/lta\/stream\/\d{4}-/);
    await until(async () => (await d.ddb.send(new DescribeTableCommand({ TableName: 'lta' }))).Table?.TableStatus === 'ACTIVE');
    const t = (await d.ddb.send(new DescribeTableCommand({ TableName: 'lta' }))).Table!;
    assert.equal(t.GlobalSecondaryIndexes?.[0].IndexStatus, 'ACTIVE');
    assert.equal(t.GlobalSecondaryIndexes?.[0].ItemCount, 5);
    assert.deepEqual(t.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    const q = await d.ddb.send(new QueryCommand({ TableName: 'lta', IndexName: 'byColor', KeyConditionExpression: 'color = :c',
      ExpressionAttributeValues: { ':c': { S: 'red' } } }));
    assert.deepEqual(q.Items?.map((i) => i.pk.S).sort(), ['p1', 'p3']);
    await d.ddb.send(new UpdateTableCommand({ TableName: 'lta', BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 2 },
      GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byColor' } }] }));
    await until(async () => (await d.ddb.send(new DescribeTableCommand({ TableName: 'lta' }))).Table?.TableStatus === 'ACTIVE');
    const t2 = (await d.ddb.send(new DescribeTableCommand({ TableName: 'lta' }))).Table!;
    assert.equal(t2.GlobalSecondaryIndexes, undefined);
    assert.equal(t2.BillingModeSummary?.BillingMode, 'PROVISIONED');
  });

  it('TTL, tags, limits, delete', async () => {
    await waitUntilTableExists({ client: d.ddb, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { TableName: 'ltb' });
    assert.deepEqual((await d.ddb.send(new DescribeTimeToLiveCommand({ TableName: 'ltb' }))).TimeToLiveDescription, { TimeToLiveStatus: 'DISABLED' });
    await d.ddb.send(new UpdateTimeToLiveCommand({ TableName: 'ltb', TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' } }));
    assert.deepEqual((await d.ddb.send(new DescribeTimeToLiveCommand({ TableName: 'ltb' }))).TimeToLiveDescription, { TimeToLiveStatus: 'ENABLED', AttributeName: 'exp' });
    const past = Math.floor(Date.now() / 1000) - 10;
    await d.ddb.send(new PutItemCommand({ TableName: 'ltb', Item: { pk: { S: 'old' }, sk: { N: '1' }, exp: { N: String(past) } } }));
    await d.ddb.send(new PutItemCommand({ TableName: 'ltb', Item: { pk: { S: 'new' }, sk: { N: '1' }, exp: { N: String(past + 3600) } } }));
    assert.equal(await d.service.sweepTtl(), 1);
    assert.equal((await d.ddb.send(new GetItemCommand({ TableName: 'ltb', Key: { pk: { S: 'old' }, sk: { N: '1' } } }))).Item, undefined);
    assert.ok((await d.ddb.send(new GetItemCommand({ TableName: 'ltb', Key: { pk: { S: 'new' }, sk: { N: '1' } } }))).Item);
    const arn = 'arn:aws:dynamodb:us-east-1:000000000000:table/ltb';
    await d.ddb.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    await d.ddb.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['a'] }));
    assert.deepEqual((await d.ddb.send(new ListTagsOfResourceCommand({ ResourceArn: arn }))).Tags, [{ Key: 'b', Value: '2' }]);
    assert.equal((await d.ddb.send(new DescribeLimitsCommand({}))).TableMaxReadCapacityUnits, 40000);
    const del = await d.ddb.send(new DeleteTableCommand({ TableName: 'ltb' }));
    assert.equal(del.TableDescription?.TableStatus, 'DELETING');
    await waitUntilTableNotExists({ client: d.ddb, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { TableName: 'ltb' });
  });
});

describe('DynamoDB durability', () => {
  it('keeps tables and items across a restart on the same data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-ddb-restart-'));
    const open = async () => {
      const server = await startNimbus({ port: 0, httpPort: 0, dataDir, stemCells: false, log: () => {} });
      const ddb = new DynamoDBClient({ endpoint: server.awsUrl, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
      return { server, ddb };
    };
    try {
      const a = await open();
      await a.ddb.send(keyed('durable'));
      await waitUntilTableExists({ client: a.ddb, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { TableName: 'durable' });
      await a.ddb.send(new PutItemCommand({ TableName: 'durable', Item: { pk: { S: 'k' }, sk: { N: '7' }, v: { S: 'kept' } } }));
      a.ddb.destroy();
      await a.server.stop();
      const b = await open();
      const got = await b.ddb.send(new GetItemCommand({ TableName: 'durable', Key: { pk: { S: 'k' }, sk: { N: '7' } } }));
      assert.equal(got.Item?.v.S, 'kept');
      b.ddb.destroy();
      await b.server.stop();
    } finally { rmSync(dataDir, { recursive: true, force: true }); }
  });
});
