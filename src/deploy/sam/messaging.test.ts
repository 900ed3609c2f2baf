// SAM: SNS events (plain and with SqsSubscription), EventInvokeConfig (with the queue SAM
// makes for a destination without Destination) and DeadLetterQueue, as plans.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HEADER, plan } from './test-helpers';

const FN = `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: fn
      Handler: a.b
      Runtime: nodejs20.x
`;

test('SNS events: a lambda subscription with its filter; SqsSubscription adds a queue, its policy, an sqs subscription and a mapping', () => {
  const p = plan(`${HEADER}Resources:
${FN}      Events:
        Direct: { Type: SNS, Properties: { Topic: !Ref T, FilterPolicy: { kind: [a] }, FilterPolicyScope: MessageAttributes } }
        Buffered: { Type: SNS, Properties: { Topic: !Ref T, SqsSubscription: { BatchSize: 5, Enabled: false } } }
  T:
    Type: AWS::SNS::Topic
    Properties: { TopicName: t }
`);
  const ids = p.resources.map((r) => `${r.logicalId}:${r.type}`);
  assert.deepEqual(ids, ['FnDirect:AWS::SNS::Subscription', 'FnBufferedQueue:AWS::SQS::Queue', 'FnBufferedQueuePolicy:AWS::SQS::QueuePolicy',
    'FnBuffered:AWS::SNS::Subscription', 'FnBufferedEventSourceMapping:AWS::Lambda::EventSourceMapping', 'T:AWS::SNS::Topic']);
  const topic = 'arn:aws:sns:us-east-1:123456789012:t';
  assert.deepEqual(p.resources[0].properties, { TopicArn: topic, Protocol: 'lambda', Endpoint: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
    FilterPolicy: { kind: ['a'] }, FilterPolicyScope: 'MessageAttributes' });
  const queue = `arn:aws:sqs:us-east-1:123456789012:${p.resources[1].properties.QueueName}`;
  assert.deepEqual(p.resources[3].properties, { TopicArn: topic, Protocol: 'sqs', Endpoint: queue });
  assert.deepEqual(p.resources[4].properties, { FunctionName: 'fn', EventSourceArn: queue, BatchSize: 5, Enabled: false });
  assert.ok(p.resources.every((r) => r.supported));
});

test('SNS event errors: a Topic that is not a topic ARN, a misspelt property', () => {
  assert.throws(() => plan(`${HEADER}Resources:\n${FN}      Events:\n        E: { Type: SNS, Properties: { Topic: not-an-arn } }\n`),
    /Resources\.Fn\.Properties\.Events\.E\.Properties\.Topic: Topic must be a topic ARN/);
  assert.throws(() => plan(`${HEADER}Resources:\n${FN}      Events:\n        E: { Type: SNS, Properties: { Topic: !Ref T, SqsSubscriptin: true } }\n  T: { Type: AWS::SNS::Topic }\n`),
    /unknown SNS event property "SqsSubscriptin" \(did you mean "SqsSubscription"\?\)/);
});

test('EventInvokeConfig: on the alias, SAM makes the SQS destination, !GetAtt Fn.DestinationQueue names it; DeadLetterQueue', () => {
  const p = plan(`${HEADER}Resources:
${FN}      AutoPublishAlias: live
      DeadLetterQueue: { Type: SQS, TargetArn: arn:aws:sqs:us-east-1:123456789012:dlq }
      Environment: { Variables: { DEST: !GetAtt Fn.DestinationQueue } }
      EventInvokeConfig:
        MaximumRetryAttempts: 1
        MaximumEventAgeInSeconds: 300
        DestinationConfig:
          OnSuccess: { Type: SQS }
          OnFailure: { Type: Lambda, Destination: arn:aws:lambda:us-east-1:123456789012:function:other }
`);
  const f = p.functions[0];
  assert.equal(f.deadLetterTargetArn, 'arn:aws:sqs:us-east-1:123456789012:dlq');
  const [queue, config] = p.resources;
  assert.equal(queue.logicalId, 'FnEventInvokeConfigOnSuccessQueue');
  assert.equal(f.environment.DEST, `arn:aws:sqs:us-east-1:123456789012:${queue.properties.QueueName}`);
  assert.deepEqual([config.logicalId, config.properties], ['FnEventInvokeConfig', { FunctionName: 'fn', Qualifier: 'live',
    MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 300, DestinationConfig: { OnSuccess: { Destination: f.environment.DEST },
      OnFailure: { Destination: 'arn:aws:lambda:us-east-1:123456789012:function:other' } } }]);
});

test('async settings errors: a Lambda destination needs Destination, DeadLetterQueue Type and TargetArn agree', () => {
  assert.throws(() => plan(`${HEADER}Resources:\n${FN}      EventInvokeConfig: { DestinationConfig: { OnFailure: { Type: Lambda } } }\n`),
    /Resources\.Fn\.Properties\.EventInvokeConfig\.DestinationConfig\.OnFailure: a Lambda destination needs Destination/);
  assert.throws(() => plan(`${HEADER}Resources:\n${FN}      DeadLetterQueue: { Type: SNS, TargetArn: arn:aws:sqs:us-east-1:123456789012:q }\n`),
    /Resources\.Fn\.Properties\.DeadLetterQueue\.TargetArn: TargetArn must be an SNS ARN/);
});
