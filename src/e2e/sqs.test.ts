// SQS through the official client: queues, attributes, tags, messages with attributes
// (the SDK's MD5 checks on), batches and every error the SDK must name.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as S from '@aws-sdk/client-sqs';
import { rejectsWith, startSqsNimbus, type SqsNimbus } from './sqs-harness';

describe('SQS API', () => {
  let t: SqsNimbus;
  before(async () => { t = await startSqsNimbus(); });
  after(async () => t.close());
  const send = <T>(c: { input: unknown } & object) => t.sqs.send(c as never) as Promise<T>;
  const create = async (QueueName: string, Attributes?: Record<string, string>) =>
    (await t.sqs.send(new S.CreateQueueCommand({ QueueName, Attributes }))).QueueUrl!;

  it('creates queues idempotently, finds, lists with prefix and pages, deletes', async () => {
    const url = await create('alpha-1', { VisibilityTimeout: '40' });
    assert.match(url, /\/000000000000\/alpha-1$/);
    assert.equal(await create('alpha-1', { VisibilityTimeout: '40' }), url);
    await rejectsWith(create('alpha-1', { VisibilityTimeout: '41' }), 'QueueNameExists');
    await create('alpha-2');
    await create('beta-1');
    assert.equal((await t.sqs.send(new S.GetQueueUrlCommand({ QueueName: 'alpha-2' }))).QueueUrl, url.replace('alpha-1', 'alpha-2'));
    const listed = await t.sqs.send(new S.ListQueuesCommand({ QueueNamePrefix: 'alpha' }));
    assert.deepEqual(listed.QueueUrls?.map((u) => u.split('/').pop()), ['alpha-1', 'alpha-2']);
    const p1 = await t.sqs.send(new S.ListQueuesCommand({ QueueNamePrefix: 'alpha', MaxResults: 1 }));
    assert.equal(p1.QueueUrls?.length, 1);
    const p2 = await t.sqs.send(new S.ListQueuesCommand({ QueueNamePrefix: 'alpha', MaxResults: 1, NextToken: p1.NextToken }));
    assert.deepEqual(p2.QueueUrls?.map((u) => u.split('/').pop()), ['alpha-2']);
    assert.equal(p2.NextToken, undefined);
    await t.sqs.send(new S.DeleteQueueCommand({ QueueUrl: url }));
    await rejectsWith(t.sqs.send(new S.GetQueueUrlCommand({ QueueName: 'alpha-1' })), 'QueueDoesNotExist', 'The specified queue does not exist.');
  });

  it('rejects bad queue names and attributes as SQS does', async () => {
    await rejectsWith(create('bad name'), 'InvalidParameterValue');
    await rejectsWith(create('x'.repeat(81)), 'InvalidParameterValue');
    await rejectsWith(create('f.fifo'), 'InvalidParameterValue');
    await rejectsWith(create('f', { FifoQueue: 'true' }), 'InvalidParameterValue');
    await rejectsWith(create('a', { Bogus: '1' }), 'InvalidAttributeName', 'Unknown Attribute Bogus.');
    await rejectsWith(create('a', { ContentBasedDeduplication: 'true' }), 'InvalidAttributeName');
    for (const [k, v] of [['DelaySeconds', '901'], ['MaximumMessageSize', '1023'], ['MessageRetentionPeriod', '59'],
      ['ReceiveMessageWaitTimeSeconds', '21'], ['VisibilityTimeout', '43201'], ['VisibilityTimeout', 'x']]) {
      await rejectsWith(create('a', { [k]: v }), 'InvalidAttributeValue', `Invalid value for the parameter ${k}.`);
    }
    await rejectsWith(create('a', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:none', maxReceiveCount: 2 }) }),
      'InvalidParameterValue', 'Dead letter target does not exist');
  });

  it('gets and sets attributes (All and by name), validates them, keeps tags', async () => {
    const url = await create('attrs', { DelaySeconds: '5' });
    const all = (await t.sqs.send(new S.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes!;
    assert.equal(all.DelaySeconds, '5');
    assert.equal(all.QueueArn, 'arn:aws:sqs:us-east-1:000000000000:attrs');
    assert.equal(all.MaximumMessageSize, '1048576');
    assert.equal(all.ApproximateNumberOfMessages, '0');
    assert.ok(Number(all.CreatedTimestamp) > 1_600_000_000);
    const one = await t.sqs.send(new S.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['VisibilityTimeout'] }));
    assert.deepEqual(one.Attributes, { VisibilityTimeout: '30' });
    await t.sqs.send(new S.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: '60', ReceiveMessageWaitTimeSeconds: '2' } }));
    const after = await t.sqs.send(new S.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['VisibilityTimeout', 'ReceiveMessageWaitTimeSeconds'] }));
    assert.deepEqual(after.Attributes, { VisibilityTimeout: '60', ReceiveMessageWaitTimeSeconds: '2' });
    await rejectsWith(t.sqs.send(new S.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { FifoQueue: 'true' } })), 'InvalidAttributeName');
    await rejectsWith(t.sqs.send(new S.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { RedrivePolicy: '{' } })), 'InvalidAttributeValue');
    await rejectsWith(t.sqs.send(new S.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Nope' as never] })), 'InvalidAttributeName');
    await t.sqs.send(new S.TagQueueCommand({ QueueUrl: url, Tags: { team: 'a', env: 'dev' } }));
    await t.sqs.send(new S.UntagQueueCommand({ QueueUrl: url, TagKeys: ['env'] }));
    assert.deepEqual((await t.sqs.send(new S.ListQueueTagsCommand({ QueueUrl: url }))).Tags, { team: 'a' });
    const tagged = await t.sqs.send(new S.CreateQueueCommand({ QueueName: 'tagged', tags: { k: 'v' } }));
    assert.deepEqual((await t.sqs.send(new S.ListQueueTagsCommand({ QueueUrl: tagged.QueueUrl }))).Tags, { k: 'v' });
  });

  it('sends and receives bodies and attributes with the MD5s the SDK checks', async () => {
    const url = await create('md5');
    const MessageAttributes = {
      city: { DataType: 'String', StringValue: 'Any City ✓' },
      n: { DataType: 'Number', StringValue: '-12.5' },
      bin: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 2, 255]) },
      'custom.x': { DataType: 'String.custom', StringValue: 'y' },
    };
    const sent = await t.sqs.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'héllo 🌍', MessageAttributes,
      MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' } } }));
    assert.ok(sent.MD5OfMessageAttributes && sent.MD5OfMessageSystemAttributes);
    const r = await t.sqs.send(new S.ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));
    const m = r.Messages![0];
    assert.equal(m.Body, 'héllo 🌍');
    assert.equal(m.MessageId, sent.MessageId);
    assert.equal(m.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    assert.deepEqual(Buffer.from(m.MessageAttributes!.bin.BinaryValue!), Buffer.from([0, 1, 2, 255]));
    assert.equal(m.MessageAttributes!.n.StringValue, '-12.5');
    assert.equal(m.Attributes!.ApproximateReceiveCount, '1');
    assert.equal(m.Attributes!.SenderId, '000000000000');
    assert.equal(m.Attributes!.AWSTraceHeader, 'Root=1-abc');
    assert.ok(Number(m.Attributes!.SentTimestamp) > 0 && Number(m.Attributes!.ApproximateFirstReceiveTimestamp) >= Number(m.Attributes!.SentTimestamp));
    await t.sqs.send(new S.ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 }));
    const prefixed = await t.sqs.send(new S.ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ['custom.*', 'city'] }));
    assert.deepEqual(Object.keys(prefixed.Messages![0].MessageAttributes!).sort(), ['city', 'custom.x']);
    assert.equal(prefixed.Messages![0].Attributes, undefined);
    await t.sqs.send(new S.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: prefixed.Messages![0].ReceiptHandle }));
    assert.equal((await t.sqs.send(new S.ReceiveMessageCommand({ QueueUrl: url }))).Messages, undefined);
  });

  it('batches: sends with per-entry failures, deletes and changes visibility, and the batch errors', async () => {
    const url = await create('batch');
    const r = await t.sqs.send(new S.SendMessageBatchCommand({ QueueUrl: url, Entries: [
      { Id: 'a', MessageBody: 'one' }, { Id: 'b', MessageBody: 'two', DelaySeconds: 0 }, { Id: 'bad', MessageBody: 'x', DelaySeconds: 1000 },
      { Id: 'chars', MessageBody: 'bad \u0001 char' }] }));
    assert.deepEqual(r.Successful!.map((s) => s.Id), ['a', 'b']);
    assert.deepEqual(r.Failed!.map((f) => [f.Id, f.Code, f.SenderFault]), [['bad', 'InvalidParameterValue', true], ['chars', 'InvalidMessageContents', true]]);
    const got = await t.sqs.send(new S.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    assert.deepEqual(got.Messages!.map((m) => m.Body).sort(), ['one', 'two']);
    const vis = await t.sqs.send(new S.ChangeMessageVisibilityBatchCommand({ QueueUrl: url, Entries: [
      { Id: 'x', ReceiptHandle: got.Messages![0].ReceiptHandle, VisibilityTimeout: 100 }, { Id: 'y', ReceiptHandle: 'junk', VisibilityTimeout: 5 }] }));
    assert.deepEqual(vis.Successful!.map((s) => s.Id), ['x']);
    assert.equal(vis.Failed![0].Code, 'ReceiptHandleIsInvalid');
    const del = await t.sqs.send(new S.DeleteMessageBatchCommand({ QueueUrl: url, Entries: got.Messages!.map((m, i) => ({ Id: `m${i}`, ReceiptHandle: m.ReceiptHandle })) }));
    assert.equal(del.Successful!.length, 2);
    const attrs = await t.sqs.send(new S.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    assert.equal(attrs.Attributes!.ApproximateNumberOfMessagesNotVisible, '0');
    await rejectsWith(t.sqs.send(new S.SendMessageBatchCommand({ QueueUrl: url, Entries: [] })), 'EmptyBatchRequest');
    await rejectsWith(t.sqs.send(new S.SendMessageBatchCommand({ QueueUrl: url, Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' })) })),
      'TooManyEntriesInBatchRequest', 'You have sent 11');
    await rejectsWith(t.sqs.send(new S.SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'a', MessageBody: 'x' }, { Id: 'a', MessageBody: 'y' }] })),
      'BatchEntryIdsNotDistinct');
    await rejectsWith(t.sqs.send(new S.SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'a!', MessageBody: 'x' }] })), 'InvalidBatchEntryId');
    const big = 'x'.repeat(600_000);
    await rejectsWith(t.sqs.send(new S.SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'a', MessageBody: big }, { Id: 'b', MessageBody: big }] })),
      'BatchRequestTooLong');
    await rejectsWith(t.sqs.send(new S.DeleteMessageBatchCommand({ QueueUrl: url, Entries: [] })), 'EmptyBatchRequest');
  });

  it('answers bad messages and requests with the errors SQS gives', async () => {
    const url = await create('errors');
    const QueueUrl = url;
    await rejectsWith(t.sqs.send(new S.SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1_048_577) })), 'InvalidParameterValue',
      'One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.');
    await rejectsWith(t.sqs.send(new S.SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1_048_570),
      MessageAttributes: { attr: { DataType: 'String', StringValue: 'yy' } } })), 'InvalidParameterValue', 'Message must be shorter');
    await t.sqs.send(new S.SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1_048_576) }));
    await rejectsWith(t.sqs.send(new S.SendMessageCommand({ QueueUrl, MessageBody: 'a\u0000b' })), 'InvalidMessageContents', 'Invalid characters found');
    await rejectsWith(t.sqs.send(new S.SendMessageCommand({ QueueUrl, MessageBody: '' })), 'MissingParameter');
    await rejectsWith(t.sqs.send(new S.SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageAttributes: { 'AWS.x': { DataType: 'String', StringValue: 'v' } } })), 'InvalidParameterValue');
    await rejectsWith(t.sqs.send(new S.SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageAttributes: { n: { DataType: 'Number', StringValue: 'abc' } } })), 'InvalidParameterValue');
    await rejectsWith(t.sqs.send(new S.SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageAttributes: { n: { DataType: 'Date', StringValue: 'abc' } } })), 'InvalidParameterValue');
    await rejectsWith(t.sqs.send(new S.SendMessageCommand({ QueueUrl, MessageBody: 'x',
      MessageAttributes: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }])) })),
    'InvalidParameterValue', 'Number of message attributes [11] exceeds the allowed maximum [10].');
    await rejectsWith(t.sqs.send(new S.SendMessageCommand({ QueueUrl, MessageBody: 'x', DelaySeconds: 901 })), 'InvalidParameterValue');
    await rejectsWith(t.sqs.send(new S.SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageDeduplicationId: 'd' })), 'InvalidParameterValue');
    await rejectsWith(t.sqs.send(new S.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 11 })), 'InvalidParameterValue');
    await rejectsWith(t.sqs.send(new S.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 21 })), 'InvalidParameterValue');
    await rejectsWith(t.sqs.send(new S.ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 43_201 })), 'InvalidParameterValue');
    await rejectsWith(t.sqs.send(new S.DeleteMessageCommand({ QueueUrl, ReceiptHandle: 'garbage' })), 'ReceiptHandleIsInvalid');
    await rejectsWith(t.sqs.send(new S.ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: 'garbage', VisibilityTimeout: 1 })), 'ReceiptHandleIsInvalid');
    const missing = url.replace('errors', 'missing-queue');
    await rejectsWith(t.sqs.send(new S.SendMessageCommand({ QueueUrl: missing, MessageBody: 'x' })), 'QueueDoesNotExist');
    await rejectsWith(t.sqs.send(new S.ReceiveMessageCommand({ QueueUrl: missing })), 'QueueDoesNotExist');
    await rejectsWith(t.sqs.send(new S.DeleteQueueCommand({ QueueUrl: missing })), 'QueueDoesNotExist');
    await t.sqs.send(new S.PurgeQueueCommand({ QueueUrl }));
    await rejectsWith(t.sqs.send(new S.PurgeQueueCommand({ QueueUrl })), 'PurgeQueueInProgress');
    assert.equal((await t.sqs.send(new S.ReceiveMessageCommand({ QueueUrl }))).Messages, undefined);
    void send;
  });

  it('long polling returns as soon as a message is sent', async () => {
    const url = await create('long-poll');
    const started = Date.now();
    const receiving = t.sqs.send(new S.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 10 }));
    setTimeout(() => void t.sqs.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'wake' })), 200);
    const r = await receiving;
    assert.equal(r.Messages?.[0].Body, 'wake');
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
  });
});
