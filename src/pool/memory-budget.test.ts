import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { budgetEvictions, parseStatm, type BudgetedEnv } from './memory-budget';

const env = (id: string, state: string, since: number, privateMb: number, pinned = false): BudgetedEnv =>
  ({ id, state, since, privateMb, pinned });

describe('memory budget', () => {
  it('stops nothing while the environments and the cold start fit', () => {
    assert.deepEqual(budgetEvictions([env('a', 'idle', 1, 10), env('b', 'busy', 2, 10)], 30, 8), []);
  });

  it('stops the least recently used idle environments first, only as many as needed', () => {
    const envs = [env('new', 'idle', 30, 10), env('old', 'idle', 10, 10), env('mid', 'idle', 20, 10)];
    assert.deepEqual(budgetEvictions(envs, 25, 0), ['old']);
    assert.deepEqual(budgetEvictions(envs, 25, 8), ['old', 'mid']);
  });

  it('never stops a busy, starting or provisioned environment, even far over budget', () => {
    const envs = [env('busy', 'busy', 1, 500), env('init', 'initializing', 2, 50), env('prov', 'idle', 3, 50, true),
      env('idle', 'idle', 4, 5)];
    assert.deepEqual(budgetEvictions(envs, 10, 8), ['idle']);
  });

  it('reads private memory as resident minus shared pages', () => {
    assert.equal(parseStatm('250000 2048 512 100 0 3000 0\n'), (2048 - 512) * 4096 / 1048576);
    assert.equal(parseStatm('garbage'), undefined);
  });
});
