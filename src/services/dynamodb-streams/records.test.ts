import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeIterator, encodeIterator, isExpired, startOf } from './iterators';
import { changeRecord, formatSequence, isRecordable } from './records';

const base = { keyNames: ['pk'], seq: 7, nowMs: 1_700_000_000_500 };
const a = { pk: { S: 'a' }, v: { N: '1' }, tags: { SS: ['x', 'y'] } };
const b = { pk: { S: 'a' }, v: { N: '2' }, tags: { SS: ['x', 'y'] } };

test('records follow the view type and the event name', () => {
  const ins = changeRecord({ ...base, viewType: 'NEW_AND_OLD_IMAGES', newItem: a })!;
  assert.equal(ins.eventName, 'INSERT');
  assert.deepEqual(ins.dynamodb.Keys, { pk: { S: 'a' } });
  assert.deepEqual(ins.dynamodb.NewImage, a);
  assert.equal(ins.dynamodb.OldImage, undefined);
  assert.equal(ins.dynamodb.SequenceNumber, '000000000000000000007');
  assert.equal(ins.dynamodb.ApproximateCreationDateTime, 1_700_000_000);
  const mod = changeRecord({ ...base, viewType: 'OLD_IMAGE', oldItem: a, newItem: b })!;
  assert.equal(mod.eventName, 'MODIFY');
  assert.deepEqual(mod.dynamodb.OldImage, a);
  assert.equal(mod.dynamodb.NewImage, undefined);
  const rem = changeRecord({ ...base, viewType: 'KEYS_ONLY', oldItem: b, userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } })!;
  assert.equal(rem.eventName, 'REMOVE');
  assert.deepEqual(Object.keys(rem.dynamodb).sort(), ['ApproximateCreationDateTime', 'Keys', 'SequenceNumber', 'SizeBytes', 'StreamViewType']);
  assert.deepEqual(rem.userIdentity, { type: 'Service', principalId: 'dynamodb.amazonaws.com' });
});

test('a write that changes nothing records nothing', () => {
  assert.equal(isRecordable(a, { ...a, tags: { SS: ['y', 'x'] } }), false);
  assert.equal(isRecordable(a, b), true);
  assert.equal(isRecordable(undefined, undefined), false);
  assert.equal(formatSequence(12).length, 21);
});

test('iterators round-trip, expire after 15 minutes and start where their type says', () => {
  const p = { arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/T/stream/2024-01-01T00:00:00.000', shardId: 'shardId-1', next: 5, issuedAt: 1000 };
  assert.deepEqual(decodeIterator(encodeIterator(p)), p);
  assert.equal(decodeIterator('nonsense'), undefined);
  assert.equal(isExpired(p, 1000 + 15 * 60_000), false);
  assert.equal(isExpired(p, 1001 + 15 * 60_000), true);
  assert.equal(startOf('TRIM_HORIZON', undefined, 3, 9), 4);
  assert.equal(startOf('LATEST', undefined, 3, 9), 10);
  assert.equal(startOf('AT_SEQUENCE_NUMBER', 5, 3, 9), 5);
  assert.equal(startOf('AFTER_SEQUENCE_NUMBER', 5, 3, 9), 6);
  assert.equal(startOf('AT_SEQUENCE_NUMBER', 2, 3, 9), 'trimmed');
  assert.equal(startOf('AT_SEQUENCE_NUMBER', 10, 3, 9), 'invalid');
});
