// serverless.yml: `sns` events (topic created for a name, subscription per function), the
// async invocation keys (onError, destinations, maximumRetryAttempts, maximumEventAge) and
// `sqs` events on intrinsics, as plans.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HEAD, load, loadError } from './test-fixture';

const byId = (plan: ReturnType<typeof load>, id: string) => plan.resources.find((r) => r.logicalId === id)!;
const FN_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:shop-dev-';

test('sns events: a name creates the topic once; an ARN, Ref or filter options give subscriptions with protocol lambda', () => {
  const plan = load(`${HEAD}functions:
  a-fn:
    handler: h.a
    events:
      - sns: new-orders
      - sns: { arn: arn:aws:sns:us-east-1:123456789012:external, filterPolicy: { kind: [big] }, filterPolicyScope: MessageBody }
  b:
    handler: h.b
    events:
      - sns: { topicName: new-orders, redrivePolicy: { deadLetterTargetRef: Dlq } }
      - sns: { arn: { Ref: Mine }, topicName: mine }
resources:
  Resources:
    Dlq: { Type: AWS::SQS::Queue, Properties: { QueueName: dlq } }
    Mine: { Type: AWS::SNS::Topic }
`);
  assert.deepEqual(plan.warnings, []);
  const topic = byId(plan, 'SNSTopicNeworders');
  assert.deepEqual([topic.type, topic.properties], ['AWS::SNS::Topic', { TopicName: 'new-orders' }]);
  assert.equal(plan.resources.filter((r) => r.logicalId === 'SNSTopicNeworders').length, 1);
  assert.deepEqual(byId(plan, 'ADashfnSnsSubscriptionNeworders').properties,
    { TopicArn: 'arn:aws:sns:us-east-1:123456789012:new-orders', Protocol: 'lambda', Endpoint: `${FN_ARN}a-fn` });
  assert.deepEqual(byId(plan, 'ADashfnSnsSubscriptionExternal').properties, { TopicArn: 'arn:aws:sns:us-east-1:123456789012:external',
    Protocol: 'lambda', Endpoint: `${FN_ARN}a-fn`, FilterPolicy: { kind: ['big'] }, FilterPolicyScope: 'MessageBody' });
  assert.deepEqual(byId(plan, 'BSnsSubscriptionNeworders').properties.RedrivePolicy, { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq' });
  assert.match(String(byId(plan, 'BSnsSubscriptionMine').properties.TopicArn), /^arn:aws:sns:us-east-1:123456789012:shop-dev-Mine-[A-Z0-9]{12}$/);
});

test('sns event errors name the key', () => {
  assert.match(loadError(`${HEAD}functions:\n  f:\n    handler: h.f\n    events:\n      - sns: { topicName: t, filterPolicyy: {} }\n`).message,
    /functions\.f\.events\[0\]\.sns\.filterPolicyy: unknown key "filterPolicyy"; did you mean "filterPolicy"\?/);
  assert.match(loadError(`${HEAD}functions:\n  f:\n    handler: h.f\n    events:\n      - sns: { arn: arn:aws:sqs:us-east-1:1:q }\n`).message,
    /functions\.f\.events\[0\]\.sns\.arn: expected an SNS topic ARN/);
});

test('onError is the DeadLetterConfig; destinations and retry settings become an EventInvokeConfig', () => {
  const plan = load(`${HEAD}functions:
  f:
    handler: h.f
    onError: { 'Fn::GetAtt': [Dlq, Arn] }
    maximumRetryAttempts: 1
    maximumEventAge: 120
    destinations:
      onSuccess: g
      onFailure: { type: sns, arn: { Ref: Failures } }
  g:
    handler: h.g
resources:
  Resources:
    Dlq: { Type: AWS::SQS::Queue, Properties: { QueueName: dlq } }
    Failures: { Type: AWS::SNS::Topic, Properties: { TopicName: failures } }
`);
  assert.equal(plan.functions[0].deadLetterTargetArn, 'arn:aws:sqs:us-east-1:123456789012:dlq');
  const c = byId(plan, 'FLambdaEvConf');
  assert.deepEqual([c.type, c.properties], ['AWS::Lambda::EventInvokeConfig', { FunctionName: 'shop-dev-f', Qualifier: '$LATEST',
    MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 120, DestinationConfig: { OnSuccess: { Destination: `${FN_ARN}g` },
      OnFailure: { Destination: 'arn:aws:sns:us-east-1:123456789012:failures' } } }]);
});

test('async invocation errors: out of range, unknown function with a suggestion, bad onError', () => {
  assert.match(loadError(`${HEAD}functions:\n  f:\n    handler: h.f\n    maximumRetryAttempts: 3\n`).message,
    /functions\.f\.maximumRetryAttempts: .*0-2/);
  assert.match(loadError(`${HEAD}functions:\n  f:\n    handler: h.f\n    destinations: { onSuccess: notfy }\n  notify:\n    handler: h.g\n`).message,
    /functions\.f\.destinations\.onSuccess: "notfy" is neither a function of this service nor an ARN \(did you mean "notify"\?\)/);
  assert.match(loadError(`${HEAD}functions:\n  f:\n    handler: h.f\n    onError: arn:aws:lambda:us-east-1:1:function:x\n`).message,
    /functions\.f\.onError: expected an SNS topic or SQS queue ARN/);
});

test('an sqs event on Fn::GetAtt of a queue resource names its ARN', () => {
  const plan = load(`${HEAD}functions:\n  f:\n    handler: h.f\n    events:\n      - sqs: { arn: !GetAtt Jobs.Arn }
resources:\n  Resources:\n    Jobs: { Type: AWS::SQS::Queue, Properties: { QueueName: jobs, FifoQueue: false } }\n`);
  assert.equal(byId(plan, 'FEventSourceMappingSQSJobs').properties.EventSourceArn, 'arn:aws:sqs:us-east-1:123456789012:jobs');
});
