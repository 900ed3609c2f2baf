// Deploying DynamoDB tables: a SAM template's AWS::DynamoDB::Table (keys, indexes, stream,
// TTL, tags, DeletionPolicy: Retain) and AWS::Serverless::SimpleTable are created before the
// functions, whose environment gets their Ref / Arn / StreamArn and whose `DynamoDB` event
// reads the table's stream; a redeploy updates the table in place (new stream ARN in the
// environment and the mapping), a key schema change is refused naming file, line and key,
// and removing the tables deletes them unless retained. The same for a serverless.yml.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, ListTablesCommand, ListTagsOfResourceCommand,
  PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetFunctionConfigurationCommand, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { eventually, fileLines, startTestNimbus, type TestNimbus } from './harness';

let t: TestNimbus;
let ddb: DynamoDBClient;
let dir: string;
const out = join(tmpdir(), `nimbus-deploy-dynamodb-${process.pid}.txt`);

const HANDLER = `exports.env = async () => process.env;
exports.changes = async (e) => { require('fs').appendFileSync(${JSON.stringify(out)}, e.Records.map((r) => r.eventName + ':' + r.dynamodb.Keys.id.S + ':' + r.dynamodb.StreamViewType).join('\\n') + '\\n'); };
`;

interface Shape { billing?: string; index?: string; view?: string; ttl?: boolean; key?: string; tables?: boolean }
const template = (s: Shape = {}) => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function: { Runtime: nodejs20.x, CodeUri: . }
Resources:
  Env:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: ddb-env
      Handler: app.env
${s.tables === false ? '' : `      Environment:
        Variables:
          USERS: !Ref Users
          USERS_ARN: !GetAtt Users.Arn
          USERS_STREAM: !GetAtt Users.StreamArn
          SIMPLE: !Ref Simple
  Changes:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: ddb-changes
      Handler: app.changes
      Events:
        Stream:
          Type: DynamoDB
          Properties: { Stream: !GetAtt Users.StreamArn, StartingPosition: LATEST, BatchSize: 10 }
  Users:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: deploy-users
      ${s.billing === 'PROVISIONED' ? 'ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 }' : 'BillingMode: PAY_PER_REQUEST'}
      AttributeDefinitions:
        - { AttributeName: ${s.key ?? 'id'}, AttributeType: S }
        - { AttributeName: created, AttributeType: N }
        - { AttributeName: ${s.index === 'byName' ? 'name' : 'email'}, AttributeType: S }
      KeySchema:
        - { AttributeName: ${s.key ?? 'id'}, KeyType: HASH }
        - { AttributeName: created, KeyType: RANGE }
      LocalSecondaryIndexes:
        - IndexName: byCreated
          KeySchema: [{ AttributeName: ${s.key ?? 'id'}, KeyType: HASH }, { AttributeName: created, KeyType: RANGE }]
          Projection: { ProjectionType: KEYS_ONLY }
      GlobalSecondaryIndexes:
        - IndexName: ${s.index ?? 'byEmail'}
          KeySchema: [{ AttributeName: ${s.index === 'byName' ? 'name' : 'email'}, KeyType: HASH }]
          Projection: { ProjectionType: ALL }
${s.billing === 'PROVISIONED' ? '          ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 }\n' : ''}\
      StreamSpecification: { StreamViewType: ${s.view ?? 'NEW_IMAGE'} }
${s.ttl === false ? '' : '      TimeToLiveSpecification: { AttributeName: expires, Enabled: true }\n'}\
      Tags: [{ Key: app, Value: users }]
  Simple:
    Type: AWS::Serverless::SimpleTable
    DeletionPolicy: Retain
    Properties: { PrimaryKey: { Name: sku, Type: Number } }
`}`;

before(async () => {
  t = await startTestNimbus({ stemCells: false });
  ddb = new DynamoDBClient({ endpoint: t.server.awsUrl, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
  dir = mkdtempSync(join(tmpdir(), 'nimbus-deploy-dynamodb-'));
  writeFileSync(join(dir, 'app.js'), HANDLER);
});
after(async () => {
  ddb?.destroy();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(out, { force: true });
});

const deploy = async (s: Shape = {}) => {
  writeFileSync(join(dir, 'template.yaml'), template(s));
  return t.server.deployer.deploy(dir, { stackName: 'tables' });
};
const table = async (name: string) => (await ddb.send(new DescribeTableCommand({ TableName: name }))).Table!;
const env = async () => (await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'ddb-env' }))).Environment?.Variables ?? {};
const lines = () => fileLines(out);
const tables = async () => (await ddb.send(new ListTablesCommand({}))).TableNames ?? [];

test('SAM: tables are created with keys, indexes, stream, TTL and tags; Ref, Arn and StreamArn reach the functions', async () => {
  const result = await deploy();
  assert.deepEqual(result.notices, []);
  const users = await table('deploy-users');
  assert.deepEqual(users.KeySchema, [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'created', KeyType: 'RANGE' }]);
  assert.equal(users.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');
  assert.deepEqual(users.LocalSecondaryIndexes?.map((i) => i.IndexName), ['byCreated']);
  assert.deepEqual(users.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus]), [['byEmail', 'ACTIVE']]);
  assert.deepEqual(users.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
  const ttl = await ddb.send(new DescribeTimeToLiveCommand({ TableName: 'deploy-users' }));
  assert.deepEqual(ttl.TimeToLiveDescription, { TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' });
  assert.deepEqual((await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: users.TableArn }))).Tags, [{ Key: 'app', Value: 'users' }]);

  const e = await env();
  assert.equal(e.USERS, 'deploy-users');
  assert.equal(e.USERS_ARN, users.TableArn);
  assert.equal(e.USERS_STREAM, users.LatestStreamArn);
  assert.match(e.SIMPLE, /^tables-Simple-[A-Z0-9]{12}$/);
  const simple = await table(e.SIMPLE);
  assert.deepEqual([simple.KeySchema, simple.AttributeDefinitions, simple.BillingModeSummary?.BillingMode],
    [[{ AttributeName: 'sku', KeyType: 'HASH' }], [{ AttributeName: 'sku', AttributeType: 'N' }], 'PAY_PER_REQUEST']);

  // The DynamoDB event reads the table's stream.
  const [mapping] = (await t.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'ddb-changes' }))).EventSourceMappings!;
  assert.equal(mapping.EventSourceArn, users.LatestStreamArn);
  await eventually(async () => (await t.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'ddb-changes' })))
    .EventSourceMappings![0].State === 'Enabled');
  await ddb.send(new PutItemCommand({ TableName: 'deploy-users', Item: { id: { S: 'u1' }, created: { N: '1' }, email: { S: 'a@x' }, name: { S: 'Ann' } } }));
  await eventually(() => lines().includes('INSERT:u1:NEW_IMAGE'), 15_000);
});

test('SAM: a redeploy updates the table in place: billing, a GSI replaced, another stream view type, TTL off', async () => {
  const before = await table('deploy-users');
  assert.deepEqual((await deploy()).notices, []); // unchanged: nothing to do
  assert.equal((await table('deploy-users')).LatestStreamArn, before.LatestStreamArn);

  await deploy({ billing: 'PROVISIONED', index: 'byName', view: 'NEW_AND_OLD_IMAGES', ttl: false });
  const users = await table('deploy-users');
  assert.equal(users.BillingModeSummary?.BillingMode, 'PROVISIONED');
  assert.deepEqual([users.ProvisionedThroughput?.ReadCapacityUnits, users.ProvisionedThroughput?.WriteCapacityUnits], [5, 5]);
  assert.deepEqual(users.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus]), [['byName', 'ACTIVE']]);
  assert.equal(users.ItemCount, 1, 'the items stay');
  assert.deepEqual(users.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
  assert.notEqual(users.LatestStreamArn, before.LatestStreamArn);
  const ttl = await ddb.send(new DescribeTimeToLiveCommand({ TableName: 'deploy-users' }));
  assert.equal(ttl.TimeToLiveDescription?.TimeToLiveStatus, 'DISABLED');
  // The new stream ARN is in the environment and the mapping.
  assert.equal((await env()).USERS_STREAM, users.LatestStreamArn);
  const mappings = (await t.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'ddb-changes' }))).EventSourceMappings!;
  assert.deepEqual(mappings.map((m) => m.EventSourceArn), [users.LatestStreamArn]);
  await eventually(async () => (await t.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'ddb-changes' })))
    .EventSourceMappings![0].State === 'Enabled');
  await ddb.send(new PutItemCommand({ TableName: 'deploy-users', Item: { id: { S: 'u2' }, created: { N: '2' }, name: { S: 'Bob' } } }));
  await eventually(() => lines().includes('INSERT:u2:NEW_AND_OLD_IMAGES'), 15_000);
});

test('SAM: a key schema change is refused, naming file, line and key; the table is left as it was', async () => {
  await assert.rejects(deploy({ billing: 'PROVISIONED', index: 'byName', view: 'NEW_AND_OLD_IMAGES', ttl: false, key: 'userId' }), (e: Error) => {
    assert.match(e.message, /^template\.yaml:\d+:\d+: Resources\.Users\.Properties\.KeySchema: changing the key schema \(HASH id \(S\), RANGE created \(N\) → HASH userId \(S\), RANGE created \(N\)\) of table deploy-users: CloudFormation would replace the table/);
    return true;
  });
  assert.equal((await table('deploy-users')).KeySchema![0].AttributeName, 'id');
});

test('SAM: tables removed from the template are deleted, unless DeletionPolicy is Retain', async () => {
  const simple = (await env()).SIMPLE;
  await deploy({ tables: false });
  const names = await tables();
  assert.ok(!names.includes('deploy-users'), names.join(','));
  assert.ok(names.includes(simple), 'the retained SimpleTable stays');
});

test('serverless: a resources table named by the environment; a misspelt property names file, line and key', async () => {
  const sls = mkdtempSync(join(tmpdir(), 'nimbus-deploy-dynamodb-sls-'));
  try {
    writeFileSync(join(sls, 'app.js'), HANDLER);
    const yml = (extra = '') => `service: shop
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    TABLE: !Ref Orders
    TABLE_ARN: !GetAtt Orders.Arn
functions:
  env:
    handler: app.env
resources:
  Resources:
    Orders:
      Type: AWS::DynamoDB::Table
      Properties:
        BillingMode: PAY_PER_REQUEST
        AttributeDefinitions: [{ AttributeName: orderId, AttributeType: S }]
        KeySchema: [{ AttributeName: orderId, KeyType: HASH }]
${extra}`;
    writeFileSync(join(sls, 'serverless.yml'), yml());
    await t.server.deployer.deploy(sls);
    const vars = (await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'shop-dev-env' }))).Environment!.Variables!;
    assert.match(vars.TABLE, /^shop-dev-Orders-[A-Z0-9]{12}$/);
    assert.equal(vars.TABLE_ARN, (await table(vars.TABLE)).TableArn);
    writeFileSync(join(sls, 'serverless.yml'), yml('        StreamSpecificaton: { StreamViewType: NEW_IMAGE }\n'));
    await assert.rejects(t.server.deployer.deploy(sls),
      /serverless\.yml:13:5: resources\.Resources\.Orders\.Properties\.StreamSpecificaton: unknown property "StreamSpecificaton" \(did you mean "StreamSpecification"\?\)/);
  } finally {
    rmSync(sls, { recursive: true, force: true });
  }
});
