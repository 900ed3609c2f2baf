// A serverless.yml with the event-driven resources of a real service: a queue and its
// dead-letter queue in resources.Resources, a worker on `sqs: Fn::GetAtt`, a notifier on
// `sns: <topicName>` (the topic is created), a function whose failures go to a queue
// (`destinations.onFailure`) and whose DLQ is a topic (`onError`). Deploying creates them
// all; messages reach the functions; a redeploy changes nothing it should keep; removing a
// resource deletes it; a bad property names file, line and key.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { GetFunctionConfigurationCommand, GetFunctionEventInvokeConfigCommand, InvokeCommand, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { ListSubscriptionsByTopicCommand, ListTopicsCommand, PublishCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { eventually } from './harness';
import { receive, startSnsNimbus, type SnsNimbus } from './sns-harness';

let t: SnsNimbus;
let dir: string;
const out = join(tmpdir(), `nimbus-deploy-messaging-${process.pid}.txt`);
const ACCOUNT = '000000000000';

const HANDLER = `const fs = require('fs');
exports.worker = async (e) => { fs.appendFileSync(${JSON.stringify(out)}, 'worker:' + e.Records.map((r) => r.body).join(',') + ':' + process.env.JOBS_URL + '\\n'); };
exports.notify = async (e) => { fs.appendFileSync(${JSON.stringify(out)}, 'notify:' + e.Records.map((r) => r.Sns.Message).join(',') + '\\n'); };
exports.fail = async () => { throw new Error('boom'); };
`;

const yml = (extra = '', queueProps = 'VisibilityTimeout: 45') => `service: shop
provider:
  name: aws
  runtime: nodejs20.x
functions:
  worker:
    handler: handler.worker
    environment:
      JOBS_URL: { Ref: Jobs }
    events:
      - sqs: { arn: { 'Fn::GetAtt': [Jobs, Arn] }, batchSize: 1 }
  notify:
    handler: handler.notify
    events:
      - sns: shop-alerts
  fail:
    handler: handler.fail
    onError: { Ref: SNSTopicShopalerts }
    maximumRetryAttempts: 0
    destinations:
      onFailure: { type: sqs, arn: { 'Fn::GetAtt': [Failures, Arn] } }
resources:
  Resources:
    Jobs:
      Type: AWS::SQS::Queue
      Properties:
        QueueName: shop-jobs
        ${queueProps}
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [JobsDlq, Arn] }, maxReceiveCount: 3 }
    JobsDlq:
      Type: AWS::SQS::Queue
    Failures:
      Type: AWS::SQS::Queue
      Properties: { QueueName: shop-failures }
    JobsPolicy:
      Type: AWS::SQS::QueuePolicy
      Properties: { Queues: [{ Ref: Jobs }], PolicyDocument: {} }
${extra}`;

before(async () => {
  t = await startSnsNimbus();
  dir = mkdtempSync(join(tmpdir(), 'nimbus-deploy-messaging-'));
  writeFileSync(join(dir, 'handler.js'), HANDLER);
});
after(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(out, { force: true });
});

const lines = () => (existsSync(out) ? readFileSync(out, 'utf8') : '');
const url = (name: string) => `${t.server.awsUrl}/${ACCOUNT}/${name}`;
const attributes = async (name: string) => (await t.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url(name), AttributeNames: ['All'] }))).Attributes!;
const topicArn = `arn:aws:sns:us-east-1:${ACCOUNT}:shop-alerts`;

test('deploy creates the queues, the topic, the mapping, the subscription and the async config; messages reach the functions', async () => {
  writeFileSync(join(dir, 'serverless.yml'), yml());
  const result = await t.server.deployer.deploy(dir);
  assert.deepEqual(result.notices, ['resource JobsPolicy (AWS::SQS::QueuePolicy) is accepted; access policies are not enforced by Nimbus']);
  const jobs = await attributes('shop-jobs');
  assert.equal(jobs.VisibilityTimeout, '45');
  const dlqName = JSON.parse(jobs.RedrivePolicy!).deadLetterTargetArn.split(':')[5];
  assert.match(dlqName, /^shop-dev-JobsDlq-[A-Z0-9]{12}$/);
  await t.sqs.send(new GetQueueUrlCommand({ QueueName: dlqName }));

  const [m] = (await t.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'shop-dev-worker' }))).EventSourceMappings!;
  assert.equal(m.EventSourceArn, `arn:aws:sqs:us-east-1:${ACCOUNT}:shop-jobs`);
  await t.sqs.send(new SendMessageCommand({ QueueUrl: url('shop-jobs'), MessageBody: 'job-1' }));
  await eventually(() => lines().includes(`worker:job-1:${t.server.awsUrl}/${ACCOUNT}/shop-jobs`));

  const topics = (await t.sns.send(new ListTopicsCommand({}))).Topics!.map((x) => x.TopicArn);
  assert.ok(topics.includes(topicArn));
  await t.sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'hello' }));
  await eventually(() => lines().includes('notify:hello'));

  const config = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'shop-dev-fail' }));
  assert.equal(config.DeadLetterConfig?.TargetArn, topicArn);
  const invokeConfig = await t.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'shop-dev-fail' }));
  assert.equal(invokeConfig.MaximumRetryAttempts, 0);
  assert.equal(invokeConfig.DestinationConfig?.OnFailure?.Destination, `arn:aws:sqs:us-east-1:${ACCOUNT}:shop-failures`);
  await t.lambda.send(new InvokeCommand({ FunctionName: 'shop-dev-fail', InvocationType: 'Event', Payload: Buffer.from('{"n":1}') }));
  const [failure] = await receive(t.sqs, url('shop-failures'), 1, 15_000);
  assert.equal(JSON.parse(failure.Body!).requestPayload.n, 1);
});

test('a redeploy keeps the queue, the topic and the subscription; changed attributes are updated', async () => {
  const subs = async () => (await t.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }))).Subscriptions!.map((s) => s.SubscriptionArn);
  const before = await subs();
  writeFileSync(join(dir, 'serverless.yml'), yml('', 'DelaySeconds: 2'));
  await t.server.deployer.deploy(dir);
  const jobs = await attributes('shop-jobs');
  assert.deepEqual([jobs.VisibilityTimeout, jobs.DelaySeconds], ['30', '2']);
  assert.deepEqual(await subs(), before);
});

test('a resource removed from the project is deleted; Retain keeps it', async () => {
  writeFileSync(join(dir, 'serverless.yml'), yml(`    Extra:
      Type: AWS::SQS::Queue
      DeletionPolicy: Retain
      Properties: { QueueName: shop-extra }
    Gone:
      Type: AWS::SQS::Queue
      Properties: { QueueName: shop-gone }
`));
  await t.server.deployer.deploy(dir);
  await attributes('shop-extra');
  await attributes('shop-gone');
  writeFileSync(join(dir, 'serverless.yml'), yml().replace('      onFailure: { type: sqs, arn: { \'Fn::GetAtt\': [Failures, Arn] } }\n', '      onSuccess: notify\n'));
  await t.server.deployer.deploy(dir);
  await attributes('shop-extra');
  await assert.rejects(attributes('shop-gone'), /QueueDoesNotExist|does not exist/);
  const invokeConfig = await t.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'shop-dev-fail' }));
  assert.equal(invokeConfig.DestinationConfig?.OnSuccess?.Destination, `arn:aws:lambda:us-east-1:${ACCOUNT}:function:shop-dev-notify`);
});

test('a bad queue property names file, line and key; an SQS error is reported against the resource', async () => {
  writeFileSync(join(dir, 'serverless.yml'), yml('', 'VisiblityTimeout: 45'));
  await assert.rejects(t.server.deployer.deploy(dir),
    /serverless\.yml:\d+:\d+: resources\.Resources\.Jobs\.Properties\.VisiblityTimeout: unknown property "VisiblityTimeout" \(did you mean "VisibilityTimeout"\?\)/);
  writeFileSync(join(dir, 'serverless.yml'), yml('', 'VisibilityTimeout: 99999'));
  await assert.rejects(t.server.deployer.deploy(dir), /resources\.Resources\.Jobs\.Properties: InvalidAttributeValue/);
});
