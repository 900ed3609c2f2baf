// Deploying SQS event sources: serverless `sqs` events and SAM `SQS` events become event
// source mappings after the functions; a redeploy updates the same mapping, and removing
// the event deletes it. A queue resource of the project is created and mapped.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { eventually } from './harness';
import { startSqsNimbus, type SqsNimbus } from './sqs-harness';

let t: SqsNimbus;
const dirs: string[] = [];
const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:deploy-q';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-esm-deploy-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const handler = (out: string) => `exports.handler = async (e) => { require('fs').appendFileSync(${JSON.stringify(out)}, e.Records.map((r) => r.body).join('\\n') + '\\n'); };`;
const serverless = (events: string) => `service: shop
provider:
  name: aws
  runtime: nodejs20.x
functions:
  worker:
    handler: handler.handler
    events:
${events}`;
const mappings = async (fn: string) => (await t.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: fn }))).EventSourceMappings!;

before(async () => {
  t = await startSqsNimbus();
  await t.sqs.send(new CreateQueueCommand({ QueueName: 'deploy-q' }));
  await t.sqs.send(new CreateQueueCommand({ QueueName: 'sam-q' }));
});
after(async () => {
  await t?.close();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

test('serverless sqs events: deployed, invoked, updated in place on redeploy, deleted when removed', async () => {
  const out = join(tmpdir(), `nimbus-esm-deploy-${process.pid}.txt`);
  const dir = project({ 'handler.js': handler(out), 'serverless.yml': serverless(`      - sqs:
          arn: ${QUEUE}
          batchSize: 5
          functionResponseType: ReportBatchItemFailures
          filterPatterns:
            - body: { kind: [order] }
`) });
  const result = await t.server.deployer.deploy(dir);
  assert.deepEqual(result.notices, []);
  const [m] = await mappings('shop-dev-worker');
  assert.equal(m.EventSourceArn, QUEUE);
  assert.equal(m.BatchSize, 5);
  assert.deepEqual(m.FunctionResponseTypes, ['ReportBatchItemFailures']);
  assert.deepEqual(m.FilterCriteria, { Filters: [{ Pattern: '{"body":{"kind":["order"]}}' }] });
  await t.sqs.send(new SendMessageCommand({ QueueUrl: `${t.server.awsUrl}/000000000000/deploy-q`, MessageBody: '{"kind":"order"}' }));
  await eventually(() => existsSync(out) && readFileSync(out, 'utf8').includes('order'));
  rmSync(out, { force: true });

  writeFileSync(join(dir, 'serverless.yml'), serverless(`      - sqs: { arn: '${QUEUE}', batchSize: 20, maximumBatchingWindow: 2, enabled: false }\n`));
  await t.server.deployer.deploy(dir);
  const [again] = await mappings('shop-dev-worker');
  assert.equal(again.UUID, m.UUID);
  assert.deepEqual([again.BatchSize, again.MaximumBatchingWindowInSeconds, again.State, again.FilterCriteria], [20, 2, 'Disabled', undefined]);

  writeFileSync(join(dir, 'serverless.yml'), serverless(`      - httpApi: 'GET /x'\n`));
  await t.server.deployer.deploy(dir);
  assert.deepEqual(await mappings('shop-dev-worker'), []);
});

test('serverless: a Lambda error on the mapping is a deploy error naming the event', async () => {
  const dir = project({ 'handler.js': handler('/dev/null'), 'serverless.yml': serverless(`      - sqs: { arn: '${QUEUE}', batchSize: 50 }\n`)
    .replace('service: shop', 'service: bad') });
  await assert.rejects(t.server.deployer.deploy(dir), /functions\.worker\.events\[0\]\.sqs.*Maximum batch window in seconds must be greater than 0/);
});

test('serverless: Fn::GetAtt of a queue resource of the project maps the queue the deploy creates', async () => {
  const dir = project({ 'handler.js': handler('/dev/null'), 'serverless.yml': `${serverless(`      - sqs: { arn: { 'Fn::GetAtt': [Jobs, Arn] } }\n`)}
resources:
  Resources:
    Jobs:
      Type: AWS::SQS::Queue
` });
  await t.server.deployer.deploy(dir);
  const [m] = await mappings('shop-dev-worker');
  assert.match(m.EventSourceArn!, /^arn:aws:sqs:us-east-1:000000000000:shop-dev-Jobs-[A-Z0-9]{12}$/);
});

test('SAM SQS events become mappings named <Function><Event>', async () => {
  const dir = project({ 'app.js': 'exports.handler = async () => {};', 'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: sam-consumer
      Handler: app.handler
      Runtime: nodejs20.x
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !Sub arn:aws:sqs:\${AWS::Region}:\${AWS::AccountId}:sam-q
            BatchSize: 100
            MaximumBatchingWindowInSeconds: 1
            ScalingConfig: { MaximumConcurrency: 3 }
            FilterCriteria:
              Filters:
                - Pattern: '{"body":{"a":[1]}}'
` });
  const out = await t.server.deployer.deploy(dir);
  assert.deepEqual(out.notices, []);
  const [m] = await mappings('sam-consumer');
  assert.deepEqual([m.BatchSize, m.MaximumBatchingWindowInSeconds, m.ScalingConfig?.MaximumConcurrency, m.State], [100, 1, 3, 'Enabled']);
  assert.equal(m.EventSourceArn, 'arn:aws:sqs:us-east-1:000000000000:sam-q');
});
