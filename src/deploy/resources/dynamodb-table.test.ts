// AWS::DynamoDB::Table and AWS::Serverless::SimpleTable: both loaders plan them (named as
// given or generated, Ref / GetAtt resolved, the stream ARN a token until apply), the
// properties become CreateTable input, and applyTable against DynamoDB in-process creates,
// updates what UpdateTable can update and refuses a key schema change.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { realClock } from '../../kernel/clock';
import { createDynamoDbService, toWire, type DynamoDbService } from '../../services/dynamodb';
import { openSqlite } from '../../store/sqlite/sqlite-sql';
import type { Sql } from '../../store/sql';
import { STREAM_LABEL_TOKEN, type PlannedResource } from '../plan';
import { HEADER, plan } from '../sam/test-helpers';
import { load, loadError } from '../serverless-yml/test-fixture';
import { applyTable, createTableInput, removeTable, tableRequest, withStreamArns, type TableState } from './dynamodb-table';
import { PropertyError, type OperationsPort } from './port';

const USERS = {
  TableName: 'users', BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'email', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  GlobalSecondaryIndexes: [{ IndexName: 'byEmail', KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
  StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
  TimeToLiveSpecification: { AttributeName: 'expires', Enabled: true },
  Tags: [{ Key: 'team', Value: 'a' }],
  SSESpecification: { SSEEnabled: true },
};

test('SAM: a Table and a SimpleTable are served before the functions; Ref, Arn and StreamArn resolve (the stream as a token)', () => {
  const p = plan(`${HEADER}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: nodejs20.x
      Environment:
        Variables: { USERS: !Ref Users, USERS_ARN: !GetAtt Users.Arn, STREAM: !GetAtt Users.StreamArn, SIMPLE: !Ref Simple }
      Events:
        Changes: { Type: DynamoDB, Properties: { Stream: !GetAtt Users.StreamArn, StartingPosition: TRIM_HORIZON } }
  Users:
    Type: AWS::DynamoDB::Table
    DeletionPolicy: Retain
    Properties:
      TableName: users
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      StreamSpecification: { StreamViewType: NEW_IMAGE }
  Simple:
    Type: AWS::Serverless::SimpleTable
    Properties: { PrimaryKey: { Name: sku, Type: Number } }
`);
  const e = p.functions[0].environment;
  const stream = `arn:aws:dynamodb:us-east-1:123456789012:table/users/stream/${STREAM_LABEL_TOKEN}`;
  assert.deepEqual(e, { USERS: 'users', USERS_ARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/users', STREAM: stream,
    SIMPLE: e.SIMPLE });
  assert.match(e.SIMPLE, /^app-Simple-[A-Z0-9]{12}$/);
  const users = p.resources.find((r) => r.logicalId === 'Users')!;
  assert.deepEqual([users.supported, users.deletionPolicy, users.where?.key], [true, 'Retain', 'Resources.Users']);
  const simple = p.resources.find((r) => r.logicalId === 'Simple')!;
  assert.deepEqual(simple.properties, { PrimaryKey: { Name: 'sku', Type: 'Number' }, TableName: e.SIMPLE });
  assert.equal(simple.supported, true);
  assert.equal(p.resources.find((r) => r.type === 'AWS::Lambda::EventSourceMapping')!.properties.EventSourceArn, stream);
});

test('serverless: resources tables are served; the environment and a stream event name them', () => {
  const p = load(`service: shop
provider: { name: aws, runtime: nodejs20.x, environment: { TABLE: !Ref Orders, ARN: { 'Fn::GetAtt': [Orders, Arn] } } }
functions:
  f:
    handler: h.f
    events:
      - stream: { type: dynamodb, arn: !GetAtt Orders.StreamArn }
resources:
  Resources:
    Orders:
      Type: AWS::DynamoDB::Table
      Properties:
        AttributeDefinitions: [{ AttributeName: orderId, AttributeType: S }]
        KeySchema: [{ AttributeName: orderId, KeyType: HASH }]
        ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 }
        StreamSpecification: { StreamViewType: KEYS_ONLY }
`);
  const table = p.resources.find((r) => r.logicalId === 'Orders')!;
  assert.equal(table.supported, true);
  assert.match(String(table.properties.TableName), /^shop-dev-Orders-[A-Z0-9]{12}$/);
  assert.equal(p.functions[0].environment.TABLE, table.properties.TableName);
  assert.equal(p.functions[0].environment.ARN, `arn:aws:dynamodb:us-east-1:123456789012:table/${table.properties.TableName}`);
  const mapping = p.resources.find((r) => r.type === 'AWS::Lambda::EventSourceMapping')!;
  assert.equal(mapping.properties.EventSourceArn, `arn:aws:dynamodb:us-east-1:123456789012:table/${table.properties.TableName}/stream/${STREAM_LABEL_TOKEN}`);
  // SimpleTable is SAM's.
  assert.equal(load(`service: s\nprovider: { name: aws }\nfunctions: {}\nresources:\n  Resources:\n    T: { Type: AWS::Serverless::SimpleTable }\n`)
    .resources[0].supported, false);
  assert.match(loadError(`service: s\nprovider: { name: aws }\nfunctions: {}\nresources:\n  Resources:\n    T: { Type: AWS::DynamoDB::Table, Properties: [] }\n`).message,
    /serverless\.yml:6:\d+: resources\.Resources\.T\.Properties/);
});

test('tableRequest: a Table as CreateTable input; SimpleTable defaults (id, String, on demand)', () => {
  const q = tableRequest('AWS::DynamoDB::Table', USERS);
  assert.deepEqual(createTableInput(q), {
    TableName: 'users', AttributeDefinitions: USERS.AttributeDefinitions, KeySchema: USERS.KeySchema, BillingMode: 'PAY_PER_REQUEST',
    GlobalSecondaryIndexes: USERS.GlobalSecondaryIndexes, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    Tags: [{ Key: 'team', Value: 'a' }],
  });
  assert.deepEqual(q.ttl, { attribute: 'expires', enabled: true });
  assert.deepEqual(createTableInput(tableRequest('AWS::Serverless::SimpleTable', { TableName: 't1', Tags: { a: 'b' } })), {
    TableName: 't1', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST', Tags: [{ Key: 'a', Value: 'b' }],
  });
  const provisioned = tableRequest('AWS::Serverless::SimpleTable', { TableName: 't1', PrimaryKey: { Name: 'n', Type: 'Number' },
    ProvisionedThroughput: { ReadCapacityUnits: '5', WriteCapacityUnits: 2 }, SSESpecification: { SSEEnabled: true } });
  assert.deepEqual([provisioned.billingMode, provisioned.throughput, provisioned.attributeDefinitions],
    ['PROVISIONED', { ReadCapacityUnits: 5, WriteCapacityUnits: 2 }, [{ AttributeName: 'n', AttributeType: 'N' }]]);
});

test('tableRequest errors name the property', () => {
  const err = (type: string, props: Record<string, unknown>) => {
    try { tableRequest(type, props); } catch (e) { if (e instanceof PropertyError) return `${e.path.join('.')}: ${e.message}`; throw e; }
    assert.fail('no error');
  };
  assert.equal(err('AWS::DynamoDB::Table', { ...USERS, KeySchma: [] }), 'KeySchma: unknown property "KeySchma" (did you mean "KeySchema"?)');
  assert.match(err('AWS::DynamoDB::Table', { ...USERS, StreamSpecification: { StreamViewType: 'ALL' } }), /^StreamSpecification\.StreamViewType: expected one of KEYS_ONLY/);
  assert.match(err('AWS::DynamoDB::Table', { ...USERS, BillingMode: undefined }), /^ProvisionedThroughput: ProvisionedThroughput is required when BillingMode is PROVISIONED/);
  assert.match(err('AWS::DynamoDB::Table', { ...USERS, KeySchema: [{ AttributeName: 'id', KeyType: 'PRIMARY' }] }), /^KeySchema\.0\.KeyType: expected HASH or RANGE/);
  assert.match(err('AWS::DynamoDB::Table', { ...USERS, KinesisStreamSpecification: {} }), /^KinesisStreamSpecification: KinesisStreamSpecification is not yet supported/);
  assert.match(err('AWS::Serverless::SimpleTable', { TableName: 'x', PrimaryKey: { Name: 'id', Type: 'Str' } }), /^PrimaryKey\.Type: expected String, Number or Binary/);
});

let dir: string;
let sql: Sql;
let service: DynamoDbService;
let ddb: OperationsPort;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nimbus-deploy-table-'));
  sql = openSqlite(join(dir, 'db.sqlite'));
  service = createDynamoDbService({ sql, clock: realClock, account: { accountId: '000000000000', region: 'us-east-1' }, log: () => {}, ttlSweepMs: 3_600_000 });
  await service.start();
  ddb = async (op, input) => JSON.parse(toWire(await service.invoke(op, input)));
});
after(async () => {
  service.stop();
  await sql.close();
  rmSync(dir, { recursive: true, force: true });
});

const resource = (properties: Record<string, unknown>, deletionPolicy?: string): PlannedResource =>
  ({ logicalId: 'Users', type: 'AWS::DynamoDB::Table', properties, supported: true, deletionPolicy });
const describe = async (name: string) => ((await ddb('DescribeTable', { TableName: name })) as { Table: Record<string, any> }).Table;

test('applyTable creates, updates in place (billing, indexes, stream, TTL, tags), refuses a key change, removes', async () => {
  const first = await applyTable(resource(USERS), ddb);
  assert.equal(first.name, 'users');
  assert.match(first.streamArn!, /^arn:aws:dynamodb:us-east-1:000000000000:table\/users\/stream\/\d{4}-/);
  let t = await describe('users');
  assert.deepEqual([t.TableStatus, t.GlobalSecondaryIndexes.map((i: any) => i.IndexName), t.StreamSpecification.StreamViewType], ['ACTIVE', ['byEmail'], 'NEW_IMAGE']);
  assert.deepEqual(await ddb('DescribeTimeToLive', { TableName: 'users' }), { TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' } });
  await ddb('PutItem', { TableName: 'users', Item: { id: { S: 'u1' }, email: { S: 'a@x' }, name: { S: 'Ann' } } });

  // Unchanged: nothing happens (same stream).
  assert.deepEqual(await applyTable(resource(USERS), ddb, first), first);

  // Provisioned, a new index instead of the old one, another stream view type, no TTL, other tags.
  const changed = { ...USERS, BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 3 },
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'name', AttributeType: 'S' }],
    GlobalSecondaryIndexes: [{ IndexName: 'byName', KeySchema: [{ AttributeName: 'name', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' },
      ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }],
    StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' }, TimeToLiveSpecification: undefined, Tags: [{ Key: 'team', Value: 'b' }] };
  const second = await applyTable(resource(changed), ddb, first);
  assert.notEqual(second.streamArn, first.streamArn);
  t = await describe('users');
  assert.deepEqual([t.BillingModeSummary?.BillingMode, t.ProvisionedThroughput.ReadCapacityUnits, t.ProvisionedThroughput.WriteCapacityUnits],
    ['PROVISIONED', 2, 3]);
  assert.deepEqual(t.GlobalSecondaryIndexes.map((i: any) => [i.IndexName, i.IndexStatus]), [['byName', 'ACTIVE']]);
  assert.equal(t.StreamSpecification.StreamViewType, 'NEW_AND_OLD_IMAGES');
  assert.equal(t.ItemCount, 1, 'the items stay');
  const byName = await ddb('Query', { TableName: 'users', IndexName: 'byName', KeyConditionExpression: '#n = :n',
    ExpressionAttributeNames: { '#n': 'name' }, ExpressionAttributeValues: { ':n': { S: 'Ann' } } }) as { Count: number };
  assert.equal(byName.Count, 1, 'the new index is backfilled');
  assert.deepEqual(await ddb('DescribeTimeToLive', { TableName: 'users' }), { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } });
  assert.deepEqual(await ddb('ListTagsOfResource', { ResourceArn: t.TableArn }), { Tags: [{ Key: 'team', Value: 'b' }] });

  // Stream off: no StreamArn in the state.
  const third = await applyTable(resource({ ...changed, StreamSpecification: undefined }), ddb, second);
  assert.equal(third.streamArn, undefined);
  assert.equal((await describe('users')).StreamSpecification.StreamEnabled, false);

  // A new key schema would need a new table.
  await assert.rejects(applyTable(resource({ ...changed, KeySchema: [{ AttributeName: 'name', KeyType: 'HASH' }] }), ddb, third), (e: PropertyError) => {
    assert.deepEqual(e.path, ['KeySchema']);
    assert.match(e.message, /changing the key schema \(HASH id \(S\) → HASH name \(S\)\) of table users: CloudFormation would replace the table/);
    return true;
  });

  // Retain keeps it; otherwise it is deleted.
  await removeTable({ ...third, retain: true }, ddb);
  assert.equal((await describe('users')).TableName, 'users');
  await removeTable(third, ddb);
  await assert.rejects(describe('users'), /not found/);
  await removeTable(third, ddb); // already gone: no error
});

test('withStreamArns puts the applied stream ARN in place of the token; a table without a stream is an error', () => {
  const applied = [{ type: 'AWS::DynamoDB::Table', state: { name: 'a', arn: 'x', streamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/a/stream/2026-01-01T00:00:00.000', retain: false } as TableState },
    { type: 'AWS::DynamoDB::Table', state: { name: 'b', arn: 'y', retain: false } as TableState }];
  const token = (t: string) => `arn:aws:dynamodb:us-east-1:123456789012:table/${t}/stream/${STREAM_LABEL_TOKEN}`;
  assert.deepEqual(withStreamArns({ S: token('a'), L: [token('a')], N: 1 }, applied), { S: applied[0].state.streamArn, L: [applied[0].state.streamArn], N: 1 });
  assert.throws(() => withStreamArns({ E: { X: token('b') } }, applied), (e: PropertyError) =>
    e.path.join('.') === 'E.X' && /table b has no stream: give it a StreamSpecification/.test(e.message));
});
