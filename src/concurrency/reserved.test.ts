// ReservedConcurrency over the real store: slots taken and given back, Lambda's Reasons,
// reserved capacity that others cannot take, and settings that survive a reopen.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openTestSqlite } from '../store/testing';
import { ReservedConcurrency } from './reserved';
import { ConcurrencyStore } from './store';

const reasonOf = (fn: () => unknown): string | undefined => {
  try { fn(); return undefined; } catch (e) { return (e as { fields?: { Reason?: string } }).fields?.Reason; }
};

describe('ReservedConcurrency', () => {
  it('keeps reserved capacity for its function: the others share only what is left', async () => {
    const db = await openTestSqlite();
    try {
      const rc = await ReservedConcurrency.open(await ConcurrencyStore.open(db.sql), 102);
      await rc.put('a', 2);
      assert.deepEqual(rc.limits(), { concurrentExecutions: 102, unreservedConcurrentExecutions: 100 });
      const others = Array.from({ length: 100 }, (_, i) => rc.acquire(`b${i % 7}`));
      assert.equal(reasonOf(() => rc.acquire('b0')), 'ConcurrentInvocationLimitExceeded');
      const a1 = rc.acquire('a');
      rc.acquire('a');
      assert.equal(reasonOf(() => rc.acquire('a')), 'ReservedFunctionConcurrentInvocationLimitExceeded');
      a1();
      a1(); // a second release gives nothing back twice
      rc.acquire('a');
      assert.equal(reasonOf(() => rc.acquire('a')), 'ReservedFunctionConcurrentInvocationLimitExceeded');
      others[0]();
      rc.acquire('b3');
      assert.equal(rc.running('a'), 2);
      const reopened = await ReservedConcurrency.open(await ConcurrencyStore.open(db.sql), 102);
      assert.equal(reopened.get('a'), 2);
    } finally {
      await db.cleanup();
    }
  });

  it('refuses reservations below the unreserved minimum and lets 0 throttle everything', async () => {
    const db = await openTestSqlite();
    try {
      const rc = await ReservedConcurrency.open(await ConcurrencyStore.open(db.sql), 1000);
      await assert.rejects(rc.put('a', 901), { code: 'InvalidParameterValueException',
        message: 'Specified ReservedConcurrentExecutions for function decreases account\'s UnreservedConcurrentExecution below its minimum value of [100].' });
      await rc.put('z', 0);
      assert.equal(reasonOf(() => rc.acquire('z')), 'ReservedFunctionConcurrentInvocationLimitExceeded');
      await rc.delete('z');
      assert.equal(rc.get('z'), undefined);
      rc.acquire('z');
    } finally {
      await db.cleanup();
    }
  });
});
