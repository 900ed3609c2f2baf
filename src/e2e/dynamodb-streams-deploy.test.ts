// Deploying DynamoDB stream event sources: serverless `stream` events and SAM `DynamoDB`
// events become stream event source mappings with their settings; the function gets the
// table's changes; a redeploy updates the mapping in place; a bad event gets a clear error.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { eventually, fileLines } from './harness';
import { startSqsNimbus, type SqsNimbus } from './sqs-harness';

let t: SqsNimbus;
let ddb: DynamoDBClient;
const dirs: string[] = [];
let streamArn: string;

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-ddb-deploy-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const handler = (out: string) => `exports.handler = async (e) => { require('fs').appendFileSync(${JSON.stringify(out)}, e.Records.map((r) => r.eventName + ':' + r.dynamodb.Keys.pk.S).join('\\n') + '\\n'); };`;
const mappings = async (fn: string) => (await t.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: fn }))).EventSourceMappings!;
const lines = (f: string) => fileLines(f);

before(async () => {
  t = await startSqsNimbus();
  ddb = new DynamoDBClient({ endpoint: t.server.awsUrl, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
  const r = await ddb.send(new CreateTableCommand({ TableName: 'orders', BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } }));
  streamArn = r.TableDescription!.LatestStreamArn!;
  await t.sqs.send(new CreateQueueCommand({ QueueName: 'stream-failures' }));
  await new Promise((res) => setTimeout(res, 20));
});
after(async () => {
  ddb?.destroy();
  await t?.close();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

test('serverless stream events: deployed with their settings, invoked, updated in place', async () => {
  const out = join(tmpdir(), `nimbus-ddb-deploy-${process.pid}.txt`);
  const yml = (batchSize: number) => `service: shop
provider:
  name: aws
  runtime: nodejs20.x
functions:
  worker:
    handler: handler.handler
    events:
      - stream:
          type: dynamodb
          arn: ${streamArn}
          batchSize: ${batchSize}
          startingPosition: LATEST
          maximumRetryAttempts: 3
          bisectBatchOnFunctionError: true
          parallelizationFactor: 2
          functionResponseType: ReportBatchItemFailures
          destinations:
            onFailure:
              arn: arn:aws:sqs:us-east-1:000000000000:stream-failures
              type: sqs
`;
  const dir = project({ 'handler.js': handler(out), 'serverless.yml': yml(50) });
  const result = await t.server.deployer.deploy(dir);
  assert.deepEqual(result.notices, []);
  const [m] = await mappings('shop-dev-worker');
  assert.equal(m.EventSourceArn, streamArn);
  assert.equal(m.BatchSize, 50);
  assert.equal(m.StartingPosition, 'LATEST');
  assert.equal(m.MaximumRetryAttempts, 3);
  assert.equal(m.BisectBatchOnFunctionError, true);
  assert.equal(m.ParallelizationFactor, 2);
  assert.deepEqual(m.FunctionResponseTypes, ['ReportBatchItemFailures']);
  assert.equal(m.DestinationConfig?.OnFailure?.Destination, 'arn:aws:sqs:us-east-1:000000000000:stream-failures');
  await ddb.send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: 'o1' } } }));
  await eventually(() => lines(out).includes('INSERT:o1'), 10_000);
  writeFileSync(join(dir, 'serverless.yml'), yml(20));
  await t.server.deployer.deploy(dir);
  const after = await mappings('shop-dev-worker');
  assert.equal(after.length, 1);
  assert.equal(after[0].UUID, m.UUID);
  assert.equal(after[0].BatchSize, 20);
  rmSync(out, { force: true });
});

test('SAM DynamoDB events become stream mappings; a missing StartingPosition is a clear error', async () => {
  const out = join(tmpdir(), `nimbus-ddb-sam-${process.pid}.txt`);
  const template = (props: string) => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: sam-stream-worker
      Handler: handler.handler
      Runtime: nodejs20.x
      CodeUri: .
      Events:
        Changes:
          Type: DynamoDB
          Properties:
            Stream: ${streamArn}
${props}`;
  const bad = project({ 'handler.js': handler(out), 'template.yaml': template('            BatchSize: 5\n') });
  await assert.rejects(t.server.deployer.deploy(bad), /StartingPosition is required/);
  const dir = project({ 'handler.js': handler(out), 'template.yaml': template(`            StartingPosition: TRIM_HORIZON
            BatchSize: 5
            MaximumRecordAgeInSeconds: 3600
`) });
  await t.server.deployer.deploy(dir);
  const [m] = await mappings('sam-stream-worker');
  assert.equal(m.EventSourceArn, streamArn);
  assert.equal(m.StartingPosition, 'TRIM_HORIZON');
  assert.equal(m.BatchSize, 5);
  assert.equal(m.MaximumRecordAgeInSeconds, 3600);
  await ddb.send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: 'o2' } } }));
  await eventually(() => lines(out).includes('INSERT:o2'), 10_000);
  rmSync(out, { force: true });
});

test('a Kinesis stream event is refused clearly', async () => {
  const dir = project({ 'handler.js': 'exports.handler = async () => {};', 'serverless.yml': `service: kin
provider:
  name: aws
  runtime: nodejs20.x
functions:
  worker:
    handler: handler.handler
    events:
      - stream: arn:aws:kinesis:us-east-1:000000000000:stream/clicks
` });
  await assert.rejects(t.server.deployer.deploy(dir), /serverless\.yml.*Kinesis stream events are not yet supported/s);
});
