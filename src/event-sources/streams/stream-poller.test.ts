// The stream poller on a fake clock with an in-memory stream, function and destination:
// retries block the shard and end after MaximumRetryAttempts; records past
// MaximumRecordAgeInSeconds are discarded with RecordAgeExceeded; checkpoints are stored.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../kernel/clock';
import type { InvokeInput, Invoker } from '../../invoke/types';
import type { DynamoDbStreamsPort, StreamRecordRow } from '../../services/dynamodb-streams';
import { changeRecord } from '../../services/dynamodb-streams/records';
import type { EventSourceMapping } from '../mapping';
import type { CheckpointStore } from './checkpoint-store';
import { StreamPoller } from './stream-poller';

const ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/T/stream/2024-01-01T00:00:00.000';

function setup(fails: (keys: string[]) => boolean, over: Partial<EventSourceMapping>) {
  const clock = new FakeClock();
  const rows: StreamRecordRow[] = [];
  const add = (pk: string) => {
    const seq = rows.length + 1;
    rows.push({ seq, createdAt: clock.now(), record: changeRecord({ keyNames: ['pk'], viewType: 'KEYS_ONLY', newItem: { pk: { S: pk } }, seq, nowMs: clock.now() })! });
  };
  const streams: DynamoDbStreamsPort = {
    stream: async () => ({ arn: ARN, tableName: 'T', shardId: 'shardId-00000000000000000001-abcdef01', lastSeq: rows.length, trimmedThrough: 0 }),
    read: async (_a, from, limit) => rows.filter((r) => r.seq >= from).slice(0, limit),
    firstAtOrAfter: async () => undefined,
    onRecords: () => () => {},
  };
  const invocations: string[][] = [];
  const invoker: Invoker = { async invoke(i: InvokeInput) {
    const keys = (JSON.parse(i.payload.toString()).Records as any[]).map((r) => r.dynamodb.Keys.pk.S);
    invocations.push(keys);
    return fails(keys) ? { statusCode: 200, payload: Buffer.from('{"errorMessage":"x"}'), functionError: 'Unhandled' } : { statusCode: 200, payload: Buffer.from('null') };
  } };
  const sent: any[] = [];
  const saved = new Map<number, number>();
  const checkpoints = { load: async () => new Map([[0, 0]]), save: async (_u: string, lane: number, seq: number) => { saved.set(lane, seq); },
    replace: async () => {}, delete: async () => {} } as unknown as CheckpointStore;
  const mapping: EventSourceMapping = { uuid: 'u1', functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f', eventSourceArn: ARN,
    batchSize: 10, maximumBatchingWindowInSeconds: 0, enabled: true, state: 'Enabled', functionResponseTypes: [], lastModified: 0,
    startingPosition: 'TRIM_HORIZON', destinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:dlq' } }, ...over };
  const poller = new StreamPoller(mapping, { streams, checkpoints, invoker, clock, region: 'us-east-1', log: () => {},
    destinations: { send: async (_arn, body) => { sent.push(JSON.parse(body)); } } });
  const run = async (ms: number, step = 50) => {
    for (let t = 0; t < ms; t += step) {
      clock.advance(step);
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    }
  };
  return { clock, add, poller, invocations, sent, saved, run };
}

test('a failing batch is retried (blocking the shard) until MaximumRetryAttempts, then discarded to OnFailure', async () => {
  const s = setup((keys) => keys.includes('a'), { maximumRetryAttempts: 2, batchSize: 1 });
  s.add('a'); s.add('b');
  s.poller.start();
  await s.run(10_000);
  await s.poller.stop();
  assert.deepEqual(s.invocations, [['a'], ['a'], ['a'], ['b']], 'b waits until a is given up');
  assert.equal(s.sent.length, 1);
  assert.equal(s.sent[0].requestContext.condition, 'RetryAttemptsExhausted');
  assert.equal(s.sent[0].requestContext.approximateInvokeCount, 3);
  assert.equal(s.sent[0].DDBStreamBatchInfo.batchSize, 1);
  assert.equal(s.saved.get(0), 2);
});

test('with infinite retries, records past MaximumRecordAgeInSeconds are discarded as RecordAgeExceeded', async () => {
  const s = setup((keys) => keys.includes('a'), { maximumRecordAgeInSeconds: 60 });
  s.add('a');
  s.poller.start();
  await s.run(30_000, 200);
  assert.equal(s.sent.length, 0, 'still retrying at 30 s');
  const tries = s.invocations.length;
  assert.ok(tries > 2);
  await s.run(40_000, 200);
  assert.equal(s.sent.length, 1);
  assert.equal(s.sent[0].requestContext.condition, 'RecordAgeExceeded');
  s.add('b');
  await s.run(2_000);
  await s.poller.stop();
  assert.deepEqual(s.invocations[s.invocations.length - 1], ['b']);
  assert.equal(s.saved.get(0), 2);
});
