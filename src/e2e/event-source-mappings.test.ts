// The event source mapping API through @aws-sdk/client-lambda: shapes, states, paging,
// and Lambda's errors for bad settings, unknown queues and functions, and duplicates.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CreateEventSourceMappingCommand, DeleteEventSourceMappingCommand, GetEventSourceMappingCommand, ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { createFunction } from './harness';
import { rejectsWith, startSqsNimbus, type SqsNimbus } from './sqs-harness';

let t: SqsNimbus;
const arn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

before(async () => {
  t = await startSqsNimbus();
  await createFunction(t.lambda, 'esm-fn', { 'index.js': 'exports.handler = async () => ({});' });
  await createFunction(t.lambda, 'esm-slow', { 'index.js': 'exports.handler = async () => ({});' }, { timeout: 60 });
  for (const name of ['api-q', 'api-q2', 'api-q3', 'api-q.fifo']) {
    await t.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: name.endsWith('.fifo') ? { FifoQueue: 'true' } : {} }));
  }
});
after(async () => { await t?.close(); });

test('create answers 202 Creating with the model shape; get then shows Enabled; delete answers Deleting', async () => {
  const before = Math.floor(Date.now() / 1000) - 1;
  const created = await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-fn', EventSourceArn: arn('api-q') }));
  assert.equal(created.$metadata.httpStatusCode, 202);
  assert.equal(created.State, 'Creating');
  assert.match(created.UUID!, /^[0-9a-f-]{36}$/);
  assert.equal(created.BatchSize, 10);
  assert.equal(created.MaximumBatchingWindowInSeconds, 0);
  assert.equal(created.EventSourceArn, arn('api-q'));
  assert.equal(created.FunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:esm-fn');
  assert.equal(created.StateTransitionReason, 'USER_INITIATED');
  assert.deepEqual(created.FunctionResponseTypes, []);
  assert.equal(created.EventSourceMappingArn, `arn:aws:lambda:us-east-1:000000000000:event-source-mapping:${created.UUID}`);
  assert.ok(created.LastModified instanceof Date && created.LastModified.getTime() / 1000 >= before);
  const got = await t.lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
  assert.equal(got.State, 'Enabled');
  const deleted = await t.lambda.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));
  assert.equal(deleted.$metadata.httpStatusCode, 202);
  assert.equal(deleted.State, 'Deleting');
  await rejectsWith(t.lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID })), 'ResourceNotFoundException');
});

test('update: disable → Disabling then Disabled, enable → Enabling, settings change → Updating; ScalingConfig', async () => {
  const { UUID } = await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-fn', EventSourceArn: arn('api-q2'),
    Enabled: false, ScalingConfig: { MaximumConcurrency: 2 }, FunctionResponseTypes: ['ReportBatchItemFailures'] }));
  assert.equal((await t.lambda.send(new GetEventSourceMappingCommand({ UUID }))).State, 'Disabled');
  const enabling = await t.lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: true }));
  assert.equal(enabling.$metadata.httpStatusCode, 202);
  assert.equal(enabling.State, 'Enabling');
  assert.deepEqual(enabling.ScalingConfig, { MaximumConcurrency: 2 });
  assert.deepEqual(enabling.FunctionResponseTypes, ['ReportBatchItemFailures']);
  const updating = await t.lambda.send(new UpdateEventSourceMappingCommand({ UUID, BatchSize: 100, MaximumBatchingWindowInSeconds: 5,
    FilterCriteria: { Filters: [{ Pattern: '{"body":{"kind":["a"]}}' }] } }));
  assert.equal(updating.State, 'Updating');
  assert.equal(updating.BatchSize, 100);
  assert.deepEqual(updating.FilterCriteria, { Filters: [{ Pattern: '{"body":{"kind":["a"]}}' }] });
  const disabling = await t.lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: false }));
  assert.equal(disabling.State, 'Disabling');
  const got = await t.lambda.send(new GetEventSourceMappingCommand({ UUID }));
  assert.equal(got.State, 'Disabled');
  assert.equal(got.BatchSize, 100);
  await t.lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
});

test('list filters by EventSourceArn and FunctionName and pages with Marker / MaxItems', async () => {
  const made = [];
  for (const q of ['api-q', 'api-q2', 'api-q3']) {
    made.push((await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-fn', EventSourceArn: arn(q), Enabled: false }))).UUID);
  }
  const bySource = await t.lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: arn('api-q2') }));
  assert.deepEqual(bySource.EventSourceMappings!.map((m) => m.UUID), [made[1]]);
  const first = await t.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'esm-fn', MaxItems: 2 }));
  assert.equal(first.EventSourceMappings!.length, 2);
  assert.ok(first.NextMarker);
  const rest = await t.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'esm-fn', MaxItems: 2, Marker: first.NextMarker }));
  assert.equal(rest.EventSourceMappings!.length, 1);
  assert.equal(rest.NextMarker, undefined);
  assert.deepEqual(new Set([...first.EventSourceMappings!, ...rest.EventSourceMappings!].map((m) => m.UUID)), new Set(made));
  const none = await t.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'esm-slow' }));
  assert.deepEqual(none.EventSourceMappings, []);
  for (const UUID of made) await t.lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
});

test("Lambda's errors: duplicates, unknown queue or function, batch rules, scaling range, response types, filters", async () => {
  const { UUID } = await t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-fn', EventSourceArn: arn('api-q'), Enabled: false }));
  await rejectsWith(t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-fn', EventSourceArn: arn('api-q') })),
    'ResourceConflictException', `An event source mapping with SQS arn (" ${arn('api-q')} ") and function (" esm-fn ") already exists. `
    + `Please update or delete the existing mapping with UUID ${UUID}`);
  await rejectsWith(t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-fn', EventSourceArn: arn('nope') })),
    'InvalidParameterValueException', 'Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue.');
  await rejectsWith(t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'no-such-fn', EventSourceArn: arn('api-q3') })),
    'InvalidParameterValueException', 'Function does not exist');
  await rejectsWith(t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-fn', EventSourceArn: arn('api-q3'), BatchSize: 50 })),
    'InvalidParameterValueException', 'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
  await rejectsWith(t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-fn', EventSourceArn: arn('api-q3'), BatchSize: 10001 })),
    'ValidationException', "Value '10001' at 'batchSize' failed to satisfy constraint: Member must have value less than or equal to 10000");
  await rejectsWith(t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-fn', EventSourceArn: arn('api-q.fifo'), BatchSize: 11,
    MaximumBatchingWindowInSeconds: 1 })), 'InvalidParameterValueException');
  await rejectsWith(t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-fn', EventSourceArn: arn('api-q3'),
    ScalingConfig: { MaximumConcurrency: 1 } })), 'ValidationException', "at 'scalingConfig.maximumConcurrency'");
  await rejectsWith(t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-fn', EventSourceArn: arn('api-q3'),
    FunctionResponseTypes: ['Nope' as 'ReportBatchItemFailures'] })), 'ValidationException', 'ReportBatchItemFailures');
  await rejectsWith(t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-fn', EventSourceArn: arn('api-q3'),
    FilterCriteria: { Filters: [{ Pattern: '{bad' }] } })), 'InvalidParameterValueException', 'Invalid filter pattern definition.');
  await rejectsWith(t.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'esm-slow', EventSourceArn: arn('api-q3') })),
    'InvalidParameterValueException', 'Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds');
  await rejectsWith(t.lambda.send(new UpdateEventSourceMappingCommand({ UUID, BatchSize: 20 })), 'InvalidParameterValueException',
    'Maximum batch window in seconds must be greater than 0');
  await rejectsWith(t.lambda.send(new GetEventSourceMappingCommand({ UUID: 'a6e5c8b0-0000-0000-0000-000000000000' })), 'ResourceNotFoundException');
  await rejectsWith(t.lambda.send(new UpdateEventSourceMappingCommand({ UUID: 'a6e5c8b0-0000-0000-0000-000000000000', Enabled: true })),
    'ResourceNotFoundException');
  await rejectsWith(t.lambda.send(new DeleteEventSourceMappingCommand({ UUID: 'a6e5c8b0-0000-0000-0000-000000000000' })), 'ResourceNotFoundException');
  await t.lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  const attrs = await t.sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${t.server.awsUrl}/000000000000/api-q`, AttributeNames: ['All'] }));
  assert.equal(attrs.Attributes?.VisibilityTimeout, '30');
});
