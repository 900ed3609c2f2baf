// SQS semantics on a fake clock: visibility timeouts, delays, retention, dead-letter
// queues and moving messages back, FIFO ordering, group blocking and deduplication,
// long polls woken by timers, and messages surviving a restart.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as S from '@aws-sdk/client-sqs';
import { FakeClock } from '../kernel/clock';
import { startNimbus } from '../main';
import { rejectsWith, sqsClient, startSqsNimbus, type SqsNimbus } from './sqs-harness';

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('SQS semantics (fake clock)', () => {
  let t: SqsNimbus;
  const clock = new FakeClock(Date.UTC(2025, 0, 1));
  before(async () => { t = await startSqsNimbus({ clock }); });
  after(async () => t.close());
  const create = async (QueueName: string, Attributes?: Record<string, string>) =>
    (await t.sqs.send(new S.CreateQueueCommand({ QueueName, Attributes }))).QueueUrl!;
  const receive = async (QueueUrl: string, extra: Partial<S.ReceiveMessageCommandInput> = {}) =>
    (await t.sqs.send(new S.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'], ...extra }))).Messages ?? [];
  const counts = async (QueueUrl: string) => {
    const a = (await t.sqs.send(new S.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }))).Attributes!;
    return [a.ApproximateNumberOfMessages, a.ApproximateNumberOfMessagesNotVisible, a.ApproximateNumberOfMessagesDelayed].map(Number);
  };

  it('hides a received message for the visibility timeout, then delivers it again with a higher receive count', async () => {
    const url = await create('vis', { VisibilityTimeout: '30' });
    await t.sqs.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'm' }));
    const [first] = await receive(url);
    assert.equal(first.Attributes!.ApproximateReceiveCount, '1');
    assert.deepEqual(await counts(url), [0, 1, 0]);
    clock.advance(29_000);
    assert.equal((await receive(url)).length, 0);
    clock.advance(1_000);
    const [again] = await receive(url, { VisibilityTimeout: 5 });
    assert.equal(again.Attributes!.ApproximateReceiveCount, '2');
    assert.equal(again.Attributes!.ApproximateFirstReceiveTimestamp, first.Attributes!.ApproximateFirstReceiveTimestamp);
    clock.advance(5_000);
    const [third] = await receive(url);
    await t.sqs.send(new S.ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: third.ReceiptHandle, VisibilityTimeout: 100 }));
    clock.advance(99_000);
    assert.equal((await receive(url)).length, 0);
    clock.advance(1_000);
    const [fourth] = await receive(url);
    await rejectsWith(t.sqs.send(new S.ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: third.ReceiptHandle, VisibilityTimeout: 10 })),
      'InvalidParameterValue');
    await t.sqs.send(new S.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: fourth.ReceiptHandle }));
    assert.deepEqual(await counts(url), [0, 0, 0]);
  });

  it('delays messages by the queue and the message DelaySeconds', async () => {
    const url = await create('delay', { DelaySeconds: '10' });
    await t.sqs.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'queue-delay' }));
    await t.sqs.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'no-delay', DelaySeconds: 0 }));
    await t.sqs.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'long', DelaySeconds: 60 }));
    assert.deepEqual(await counts(url), [1, 0, 2]);
    const now = await receive(url, { VisibilityTimeout: 300 });
    assert.deepEqual(now.map((m) => m.Body), ['no-delay']);
    clock.advance(10_000);
    assert.deepEqual((await receive(url, { VisibilityTimeout: 300 })).map((m) => m.Body), ['queue-delay']);
    clock.advance(50_000);
    assert.deepEqual((await receive(url)).map((m) => m.Body), ['long']);
  });

  it('deletes messages older than the retention period', async () => {
    const url = await create('retention', { MessageRetentionPeriod: '60' });
    await t.sqs.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'old' }));
    clock.advance(60_000);
    assert.equal((await receive(url)).length, 0);
    assert.deepEqual(await counts(url), [0, 0, 0]);
  });

  it('a long poll wakes when a delayed message becomes visible', async () => {
    const url = await create('poll-delay');
    await t.sqs.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'later', DelaySeconds: 3 }));
    const polling = receive(url, { WaitTimeSeconds: 20 });
    await tick();
    clock.advance(3_000);
    assert.deepEqual((await polling).map((m) => m.Body), ['later']);
    const empty = receive(url, { WaitTimeSeconds: 2 });
    await tick();
    clock.advance(2_000);
    assert.equal((await empty).length, 0);
  });

  it('moves a message to the dead-letter queue after maxReceiveCount, and a move task brings it back', async () => {
    const dlq = await create('dlq', { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'allowAll' }) });
    const dlqArn = 'arn:aws:sqs:us-east-1:000000000000:dlq';
    const src = await create('src', { VisibilityTimeout: '10', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }) });
    const sent = await t.sqs.send(new S.SendMessageCommand({ QueueUrl: src, MessageBody: 'poison', MessageAttributes: { a: { DataType: 'String', StringValue: 'b' } } }));
    for (let i = 0; i < 2; i++) {
      assert.equal((await receive(src)).length, 1);
      clock.advance(10_000);
    }
    assert.equal((await receive(src)).length, 0);
    const [dead] = await receive(dlq, { MessageAttributeNames: ['All'] });
    assert.equal(dead.MessageId, sent.MessageId);
    assert.equal(dead.MessageAttributes!.a.StringValue, 'b');
    assert.equal(dead.Attributes!.DeadLetterQueueSourceArn, 'arn:aws:sqs:us-east-1:000000000000:src');
    const sources = await t.sqs.send(new S.ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }));
    assert.deepEqual(sources.queueUrls, [src]);
    await t.sqs.send(new S.ChangeMessageVisibilityCommand({ QueueUrl: dlq, ReceiptHandle: dead.ReceiptHandle, VisibilityTimeout: 0 }));
    await rejectsWith(t.sqs.send(new S.StartMessageMoveTaskCommand({ SourceArn: 'arn:aws:sqs:us-east-1:000000000000:src' })), 'InvalidParameterValue');
    const { TaskHandle } = await t.sqs.send(new S.StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    assert.ok(TaskHandle);
    for (let i = 0; i < 50; i++) {
      const tasks = await t.sqs.send(new S.ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
      if (tasks.Results?.[0]?.Status === 'COMPLETED') break;
      await tick();
    }
    const [task] = (await t.sqs.send(new S.ListMessageMoveTasksCommand({ SourceArn: dlqArn }))).Results!;
    assert.equal(task.Status, 'COMPLETED');
    assert.equal(task.ApproximateNumberOfMessagesMoved, 1);
    const [back] = await receive(src);
    assert.equal(back.MessageId, sent.MessageId);
    assert.equal(back.Attributes!.ApproximateReceiveCount, '1');
    await rejectsWith(t.sqs.send(new S.CancelMessageMoveTaskCommand({ TaskHandle: TaskHandle! })), 'InvalidParameterValue');
  });

  it('refuses a dead-letter queue whose RedriveAllowPolicy denies the source', async () => {
    await create('closed-dlq', { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'denyAll' }) });
    await rejectsWith(create('wants-dlq', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:closed-dlq', maxReceiveCount: 3 }) }),
      'InvalidParameterValue');
  });

  it('FIFO: order per group, a group blocked while in flight, deduplication for 5 minutes', async () => {
    const url = await create('orders.fifo', { FifoQueue: 'true', VisibilityTimeout: '30' });
    await rejectsWith(t.sqs.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'x' })), 'MissingParameter');
    await rejectsWith(t.sqs.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g' })), 'InvalidParameterValue');
    await rejectsWith(t.sqs.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd', DelaySeconds: 5 })), 'InvalidParameterValue');
    const seqs: string[] = [];
    for (const [g, body] of [['a', 'a1'], ['b', 'b1'], ['a', 'a2'], ['b', 'b2'], ['a', 'a3']]) {
      const r = await t.sqs.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: g, MessageDeduplicationId: body }));
      seqs.push(r.SequenceNumber!);
    }
    assert.deepEqual([...seqs].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1)), seqs);
    const dup = await t.sqs.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'a1 again', MessageGroupId: 'a', MessageDeduplicationId: 'a1' }));
    assert.equal(dup.SequenceNumber, seqs[0]);
    const first = await receive(url, { MaxNumberOfMessages: 2 });
    assert.deepEqual(first.map((m) => m.Body), ['a1', 'b1']);
    assert.equal(first[0].Attributes!.MessageGroupId, 'a');
    assert.equal(first[0].Attributes!.SequenceNumber, seqs[0]);
    assert.equal((await receive(url)).length, 0, 'both groups are in flight');
    await t.sqs.send(new S.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first[0].ReceiptHandle }));
    assert.deepEqual((await receive(url)).map((m) => m.Body), ['a2', 'a3']);
    clock.advance(30_000);
    const again = await receive(url);
    assert.deepEqual(again.map((m) => m.Body), ['b1', 'a2', 'b2', 'a3'], 'sequence order, each group in its order');
    clock.advance(5 * 60_000);
    const after5 = await t.sqs.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'a1', MessageGroupId: 'a', MessageDeduplicationId: 'a1' }));
    assert.notEqual(after5.SequenceNumber, seqs[0]);
  });

  it('FIFO content-based deduplication', async () => {
    const url = await create('cbd.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    const a = await t.sqs.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' }));
    const b = await t.sqs.send(new S.SendMessageCommand({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' }));
    assert.equal(a.MessageId, b.MessageId);
    const msgs = await receive(url);
    assert.equal(msgs.length, 1);
    assert.equal(msgs[0].Attributes!.MessageDeduplicationId?.length, 64);
  });
});

describe('SQS durability', () => {
  it('keeps sent and in-flight messages across a restart on the same data dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-sqs-restart-'));
    try {
      let server = await startNimbus({ port: 0, httpPort: 0, dataDir, log: () => {}, stemCells: false });
      let sqs = sqsClient(server.awsUrl);
      const url = (await sqs.send(new S.CreateQueueCommand({ QueueName: 'durable', Attributes: { VisibilityTimeout: '1' } }))).QueueUrl!;
      await sqs.send(new S.SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'a', MessageBody: 'one' }, { Id: 'b', MessageBody: 'two' }] }));
      const inFlight = await sqs.send(new S.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1 }));
      assert.equal(inFlight.Messages?.length, 1);
      sqs.destroy();
      await server.stop();
      server = await startNimbus({ port: 0, httpPort: 0, dataDir, log: () => {}, stemCells: false });
      sqs = sqsClient(server.awsUrl);
      try {
        const url2 = (await sqs.send(new S.GetQueueUrlCommand({ QueueName: 'durable' }))).QueueUrl!;
        const r = await sqs.send(new S.ReceiveMessageCommand({ QueueUrl: url2, MaxNumberOfMessages: 10, WaitTimeSeconds: 3 }));
        const bodies = new Set(r.Messages?.map((m) => m.Body));
        if (bodies.size < 2) {
          const more = await sqs.send(new S.ReceiveMessageCommand({ QueueUrl: url2, MaxNumberOfMessages: 10, WaitTimeSeconds: 3 }));
          more.Messages?.forEach((m) => bodies.add(m.Body));
        }
        assert.deepEqual([...bodies].sort(), ['one', 'two']);
      } finally {
        sqs.destroy();
        await server.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
