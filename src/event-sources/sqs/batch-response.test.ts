import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messagesToKeep } from './batch-response';

const batch = ['a', 'b', 'c'];
const ok = (v: unknown) => ({ payload: Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)) });

test('without ReportBatchItemFailures: success deletes all, a function error keeps all', () => {
  assert.deepEqual(messagesToKeep(batch, false, ok({ batchItemFailures: [{ itemIdentifier: 'a' }] })), []);
  assert.deepEqual(messagesToKeep(batch, false, { functionError: 'Unhandled', payload: Buffer.from('{}') }), batch);
});

test('partial batch response: the reported items stay', () => {
  assert.deepEqual(messagesToKeep(batch, true, ok({ batchItemFailures: [{ itemIdentifier: 'b' }, { itemIdentifier: 'c' }] })), ['b', 'c']);
});

test('complete success: null, empty, missing or empty list', () => {
  for (const v of ['', 'null', '{}', '"done"', { batchItemFailures: [] }, { batchItemFailures: null }]) {
    assert.deepEqual(messagesToKeep(batch, true, ok(v)), [], JSON.stringify(v));
  }
});

test('complete failure: invalid JSON, bad identifiers, a thrown error', () => {
  for (const v of ['{not json', { batchItemFailures: [{ itemIdentifier: '' }] }, { batchItemFailures: [{ itemIdentifier: null }] },
    { batchItemFailures: [{ itemId: 'a' }] }, { batchItemFailures: [{ itemIdentifier: 'zzz' }] }, { batchItemFailures: 'a' },
    { batchItemFailures: [null] }]) {
    assert.deepEqual(messagesToKeep(batch, true, ok(v)), batch, JSON.stringify(v));
  }
  assert.deepEqual(messagesToKeep(batch, true, { functionError: 'Unhandled', payload: Buffer.from('{"batchItemFailures":[]}') }), batch);
});
