// A SAM template with a topic, an `SNS` event with a FilterPolicy, an `SNS` event through an
// SqsSubscription, an `SQS` event on `!GetAtt Queue.Arn`, an EventInvokeConfig whose
// OnFailure queue SAM makes, and a DeadLetterQueue: deploying creates them, messages reach
// the functions, a redeploy is idempotent and removing the template's resources deletes them.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { GetFunctionConfigurationCommand, GetFunctionEventInvokeConfigCommand, InvokeCommand, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { ListSubscriptionsByTopicCommand, PublishCommand } from '@aws-sdk/client-sns';
import { GetQueueUrlCommand, ListQueuesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { eventually } from './harness';
import { receive, startSnsNimbus, type SnsNimbus } from './sns-harness';

let t: SnsNimbus;
let dir: string;
const out = join(tmpdir(), `nimbus-deploy-sam-messaging-${process.pid}.txt`);
const ACCOUNT = '000000000000';
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:orders`;

const HANDLER = `const fs = require('fs');
exports.handler = async (e) => { for (const r of e.Records) fs.appendFileSync(${JSON.stringify(out)}, (r.Sns ? 'sns:' + r.Sns.Message : 'sqs:' + r.body) + '\\n'); };
exports.fail = async () => { throw new Error('boom'); };
`;

const template = (withQueue = true) => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function: { Runtime: nodejs20.x, CodeUri: . }
Resources:
  Orders:
    Type: AWS::SNS::Topic
    Properties: { TopicName: orders, DisplayName: Orders }
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: sam-consumer
      Handler: app.handler
      Events:
        Big:
          Type: SNS
          Properties:
            Topic: !Ref Orders
            FilterPolicy: { size: [big] }
        Buffered:
          Type: SNS
          Properties: { Topic: !Ref Orders, SqsSubscription: true }
${withQueue ? `        Work:
          Type: SQS
          Properties: { Queue: !GetAtt Work.Arn, BatchSize: 1 }
  Work:
    Type: AWS::SQS::Queue
    Properties: { VisibilityTimeout: 20 }
` : ''}  Failing:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: sam-failing
      Handler: app.fail
      DeadLetterQueue: { Type: SNS, TargetArn: !Ref Orders }
      EventInvokeConfig:
        MaximumRetryAttempts: 0
        DestinationConfig:
          OnFailure: { Type: SQS }
      Environment:
        Variables: { FAILURES: !GetAtt Failing.DestinationQueue }
`;

before(async () => {
  t = await startSnsNimbus();
  dir = mkdtempSync(join(tmpdir(), 'nimbus-deploy-sam-messaging-'));
  writeFileSync(join(dir, 'app.js'), HANDLER);
});
after(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(out, { force: true });
});

const lines = () => (existsSync(out) ? readFileSync(out, 'utf8') : '');
const queues = async () => ((await t.sqs.send(new ListQueuesCommand({}))).QueueUrls ?? []).map((u) => u.slice(u.lastIndexOf('/') + 1));
const subscriptions = async () => (await t.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: TOPIC }))).Subscriptions!;

test('SAM: the topic, filtered and SQS-buffered SNS events, an SQS event on !GetAtt, EventInvokeConfig and DeadLetterQueue', async () => {
  writeFileSync(join(dir, 'template.yaml'), template());
  const result = await t.server.deployer.deploy(dir, { stackName: 'shop' });
  assert.deepEqual(result.notices, ['resource ConsumerBufferedQueuePolicy (AWS::SQS::QueuePolicy) is accepted; access policies are not enforced by Nimbus']);
  const names = await queues();
  const work = names.find((n) => n.startsWith('shop-Work-'))!;
  const buffer = names.find((n) => n.startsWith('shop-ConsumerBufferedQueue-'))!;
  const failures = names.find((n) => n.startsWith('shop-FailingEventInvokeConfigOnFailureQueue-'))!;
  assert.ok(work && buffer && failures, names.join(','));
  const subs = await subscriptions();
  assert.deepEqual(subs.map((s) => s.Protocol).sort(), ['lambda', 'sqs']);
  const mappings = (await t.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'sam-consumer' }))).EventSourceMappings!;
  assert.deepEqual(mappings.map((m) => m.EventSourceArn!.split(':')[5]).sort(), [buffer, work].sort());

  await t.sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'small-order', MessageAttributes: { size: { DataType: 'String', StringValue: 'small' } } }));
  await t.sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'big-order', MessageAttributes: { size: { DataType: 'String', StringValue: 'big' } } }));
  await t.sqs.send(new SendMessageCommand({ QueueUrl: `${t.server.awsUrl}/${ACCOUNT}/${work}`, MessageBody: 'work-1' }));
  await eventually(() => lines().includes('sns:big-order') && lines().includes('sqs:work-1') && (lines().match(/"Message" ?: ?"big-order"/g) ?? []).length > 0
    && lines().includes('small-order'));
  assert.equal((lines().match(/^sns:small-order$/m) ?? []).length, 0); // filtered out of the direct subscription

  const fn = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'sam-failing' }));
  assert.equal(fn.DeadLetterConfig?.TargetArn, TOPIC);
  const failuresArn = `arn:aws:sqs:us-east-1:${ACCOUNT}:${failures}`;
  assert.equal(fn.Environment?.Variables?.FAILURES, failuresArn);
  const config = await t.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'sam-failing' }));
  assert.deepEqual([config.MaximumRetryAttempts, config.DestinationConfig?.OnFailure?.Destination], [0, failuresArn]);
  await t.lambda.send(new InvokeCommand({ FunctionName: 'sam-failing', InvocationType: 'Event', Payload: Buffer.from('{"id":7}') }));
  const [failure] = await receive(t.sqs, `${t.server.awsUrl}/${ACCOUNT}/${failures}`, 1, 15_000);
  assert.equal(JSON.parse(failure.Body!).requestPayload.id, 7);
});

test('SAM: a redeploy is idempotent; a queue removed from the template is deleted with its mapping', async () => {
  const before = (await subscriptions()).map((s) => s.SubscriptionArn).sort();
  const queuesBefore = (await queues()).sort();
  await t.server.deployer.deploy(dir, { stackName: 'shop' });
  assert.deepEqual((await subscriptions()).map((s) => s.SubscriptionArn).sort(), before);
  assert.deepEqual((await queues()).sort(), queuesBefore);

  writeFileSync(join(dir, 'template.yaml'), template(false));
  await t.server.deployer.deploy(dir, { stackName: 'shop' });
  const work = queuesBefore.find((n) => n.startsWith('shop-Work-'))!;
  await assert.rejects(t.sqs.send(new GetQueueUrlCommand({ QueueName: work })), /does not exist/);
  const mappings = (await t.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'sam-consumer' }))).EventSourceMappings!;
  assert.equal(mappings.length, 1);
});

test('SAM: a bad SNS event property names file, line and key with a suggestion', async () => {
  writeFileSync(join(dir, 'template.yaml'), template().replace('FilterPolicy: { size: [big] }', 'FilterPolicyy: { size: [big] }'));
  await assert.rejects(t.server.deployer.deploy(dir, { stackName: 'shop' }),
    /template\.yaml:\d+:\d+: Resources\.Consumer\.Properties\.Events\.Big\.Properties\.FilterPolicyy: unknown SNS event property "FilterPolicyy" \(did you mean "FilterPolicy"\?\)/);
});
