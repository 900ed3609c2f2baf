import assert from 'node:assert/strict';
import { test } from 'node:test';
import { streamOutcome } from './batch-response';
import { laneCheckpoints, laneOf, readFrom } from './checkpoints';
import { afterDecision, decide, emptyLane, expiredCount, nextBatchSize, type LaneState, type RetrySettings } from './retry-policy';

const s = (o: Partial<RetrySettings> = {}): RetrySettings => ({ maximumRetryAttempts: -1, maximumRecordAgeInSeconds: -1, bisect: false, ...o });

test('success finishes the batch; an unpinned lane takes up to BatchSize', () => {
  assert.deepEqual(decide(s(), emptyLane(), 5, { kind: 'ok' }), { next: 'done', done: 5 });
  assert.equal(nextBatchSize(emptyLane(), 30, 10), 10);
  assert.equal(nextBatchSize(emptyLane(), 3, 10), 3);
});

test('a function error retries the same records forever by default, and discards after MaximumRetryAttempts', () => {
  let lane: LaneState = emptyLane();
  for (let i = 0; i < 50; i++) {
    const d = decide(s(), lane, 4, { kind: 'error' });
    assert.equal(d.next, 'retry');
    lane = afterDecision(lane, 4, d);
  }
  assert.equal(nextBatchSize(lane, 100, 10), 4, 'a retry is the same batch even when more records arrived');
  lane = emptyLane();
  const seen: string[] = [];
  for (;;) {
    const d = decide(s({ maximumRetryAttempts: 2 }), lane, 4, { kind: 'error' });
    seen.push(d.next);
    lane = afterDecision(lane, 4, d);
    if (d.next === 'discard') break;
  }
  assert.deepEqual(seen, ['retry', 'retry', 'discard'], 'one invoke plus two retries');
  assert.deepEqual(lane.pins, []);
  assert.deepEqual(decide(s({ maximumRetryAttempts: 0 }), emptyLane(), 1, { kind: 'error' }), { next: 'discard', done: 0, condition: 'RetryAttemptsExhausted' });
});

test('bisect splits a failing batch in halves until the bad record is alone, without using retries', () => {
  const settings = s({ bisect: true, maximumRetryAttempts: 1 });
  // records 0..7, record 5 is bad: the lane walks the halves.
  const bad = 5;
  let lane: LaneState = emptyLane();
  let at = 0;
  const invoked: string[] = [];
  const discarded: number[] = [];
  while (at < 8) {
    const size = nextBatchSize(lane, 8 - at, 8);
    invoked.push(`${at}+${size}`);
    const fails = at <= bad && bad < at + size;
    const d = decide(settings, lane, size, fails ? { kind: 'error' } : { kind: 'ok' });
    lane = afterDecision(lane, size, d);
    if (d.next === 'done') at += size;
    if (d.next === 'discard') { discarded.push(at); at += size; }
  }
  assert.deepEqual(invoked, ['0+8', '0+4', '4+4', '4+2', '4+1', '5+1', '5+1', '6+2'], 'the bad record alone is retried once, then discarded');
  assert.deepEqual(discarded, [5]);
});

test('a partial batch response finishes the records before the lowest failure and retries the rest', () => {
  const d = decide(s(), emptyLane(), 5, { kind: 'partial', failedIndex: 2 });
  assert.deepEqual(d, { next: 'retry', done: 2 });
  const lane = afterDecision(emptyLane(), 5, d);
  assert.deepEqual(lane.pins, [{ size: 3, retries: 1 }]);
  assert.deepEqual(decide(s({ maximumRetryAttempts: 1 }), lane, 3, { kind: 'partial', failedIndex: 1 }),
    { next: 'discard', done: 1, condition: 'RetryAttemptsExhausted' });
  assert.deepEqual(decide(s({ bisect: true }), emptyLane(), 4, { kind: 'partial', failedIndex: 0 }), { next: 'split' });
});

test('throttles wait without counting; old records expire by MaximumRecordAgeInSeconds', () => {
  assert.deepEqual(decide(s({ maximumRetryAttempts: 0 }), emptyLane(), 3, { kind: 'throttled' }), { next: 'wait' });
  assert.equal(expiredCount([0, 1000, 70_000], 60, 61_000), 1);
  assert.equal(expiredCount([0, 1000], -1, 1e12), 0);
});

test('stream batch responses follow Lambda rules', () => {
  const seqs = ['001', '002', '003'];
  const r = (p: unknown, functionError?: string) => ({ payload: Buffer.from(p === undefined ? '' : JSON.stringify(p)), functionError });
  assert.deepEqual(streamOutcome(seqs, false, r({ batchItemFailures: [{ itemIdentifier: '002' }] })), { kind: 'ok' });
  assert.deepEqual(streamOutcome(seqs, true, r({ batchItemFailures: [{ itemIdentifier: '003' }, { itemIdentifier: '002' }] })), { kind: 'partial', failedIndex: 1 });
  assert.deepEqual(streamOutcome(seqs, true, r({ batchItemFailures: [] })), { kind: 'ok' });
  assert.deepEqual(streamOutcome(seqs, true, r(null)), { kind: 'ok' });
  assert.deepEqual(streamOutcome(seqs, true, r({ batchItemFailures: [{ itemIdentifier: '' }] })), { kind: 'error' });
  assert.deepEqual(streamOutcome(seqs, true, r({ batchItemFailures: [{ itemIdentifier: '999' }] })), { kind: 'error' });
  assert.deepEqual(streamOutcome(seqs, true, r({}, 'Unhandled')), { kind: 'error' });
});

test('lanes keep one item in one lane and checkpoints resume from the lowest', () => {
  const k = { id: { S: 'a' }, sk: { N: '1' } };
  assert.equal(laneOf(k, 4), laneOf({ sk: { N: '1' }, id: { S: 'a' } }, 4));
  assert.equal(laneOf(k, 1), 0);
  assert.deepEqual(laneCheckpoints(new Map([[0, 5], [1, 9]]), 2), [5, 9]);
  assert.deepEqual(laneCheckpoints(new Map([[0, 5], [1, 9]]), 3), [5, 5, 5]);
  assert.equal(readFrom([5, 9], 2), 6);
  assert.equal(readFrom([5, 9], 7), 8);
});
