// The messaging resource types' properties as SQS, SNS and Lambda requests (pure), and their
// errors naming the property.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invokeConfigRequest } from './event-invoke-config';
import { PropertyError } from './port';
import { subscriptionAttributes } from './sns-topic';
import { queueRequest } from './sqs-queue';

const rejects = (f: () => unknown, path: string, message: RegExp) => assert.throws(f, (e: unknown) =>
  e instanceof PropertyError && e.path.join('.') === path && message.test(e.message));

test('a queue: numbers, booleans and policies as SQS attributes; tags as a map', () => {
  assert.deepEqual(queueRequest({ QueueName: 'q.fifo', FifoQueue: true, ContentBasedDeduplication: 'true', VisibilityTimeout: 60,
    RedrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:1:d.fifo', maxReceiveCount: 3 }, Tags: [{ Key: 'team', Value: 'a' }] }), {
    name: 'q.fifo', fifo: true, tags: { team: 'a' },
    attributes: { VisibilityTimeout: '60', FifoQueue: 'true', ContentBasedDeduplication: 'true',
      RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:1:d.fifo","maxReceiveCount":3}' } });
  assert.deepEqual(queueRequest({ QueueName: 'q', FifoQueue: false }).attributes, {});
});

test('queue errors name the property', () => {
  rejects(() => queueRequest({ QueueName: 'q', DelaySecond: 1 }), 'DelaySecond', /did you mean "DelaySeconds"/);
  rejects(() => queueRequest({ QueueName: 'q', VisibilityTimeout: 'soon' }), 'VisibilityTimeout', /expected an integer/);
  rejects(() => queueRequest({ QueueName: 'q', FifoQueue: true }), 'QueueName', /must end with ".fifo"/);
});

test('a subscription: attributes as SNS names them, policies as JSON', () => {
  assert.deepEqual(subscriptionAttributes({ TopicArn: 't', Protocol: 'sqs', Endpoint: 'q', RawMessageDelivery: true,
    FilterPolicy: { a: ['b'] }, FilterPolicyScope: 'MessageBody' }), { RawMessageDelivery: 'true', FilterPolicy: '{"a":["b"]}', FilterPolicyScope: 'MessageBody' });
  rejects(() => subscriptionAttributes({ FiltrPolicy: {} }), 'FiltrPolicy', /did you mean "FilterPolicy"/);
});

test('an event invoke config: name or ARN, $LATEST by default, destinations', () => {
  assert.deepEqual(invokeConfigRequest({ FunctionName: 'arn:aws:lambda:us-east-1:1:function:f', MaximumRetryAttempts: '0',
    DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:1:q' } } }),
  { functionName: 'f', qualifier: '$LATEST', maximumRetryAttempts: 0, onFailure: 'arn:aws:sqs:us-east-1:1:q' });
  rejects(() => invokeConfigRequest({ FunctionName: 'f', DestinationConfig: { OnFailur: {} } }), 'DestinationConfig.OnFailur', /did you mean "OnFailure"/);
});
