import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { billedDurationMs, evictions, ewma, isShortInvocation, pickWarm } from './schedule';

describe('pool decisions', () => {
  it('pickWarm takes the most recently used idle environment', () => {
    assert.equal(pickWarm([
      { id: 'a', state: 'idle', since: 10 }, { id: 'b', state: 'busy', since: 50 },
      { id: 'c', state: 'idle', since: 30 }, { id: 'd', state: 'initializing', since: 40 },
    ])?.id, 'c');
  });
  it('pickWarm finds nothing when no environment is idle', () => {
    assert.equal(pickWarm([{ id: 'a', state: 'busy', since: 1 }, { id: 'b', state: 'stopping', since: 2 }]), undefined);
    assert.equal(pickWarm([]), undefined);
  });
  it('evictions stop idle environments at the idle timeout, not before', () => {
    const envs = [
      { id: 'a', state: 'idle', since: 0 }, { id: 'b', state: 'idle', since: 500 },
      { id: 'c', state: 'busy', since: 0 }, { id: 'd', state: 'idle', since: 400 },
    ];
    assert.deepEqual(evictions(envs, 1000, 600), ['a', 'd']);
    assert.deepEqual(evictions(envs, 1000, 1001), []);
  });
  it('billed duration rounds up to the next whole millisecond', () => {
    assert.equal(billedDurationMs(26.73), 27);
    assert.equal(billedDurationMs(27), 27);
    assert.equal(billedDurationMs(0.2), 1);
    assert.equal(billedDurationMs(1000.01), 1001);
  });
  it('governs short invocations only, once their length is known', () => {
    assert.equal(isShortInvocation(undefined), false);
    assert.equal(isShortInvocation(0.4), true);
    assert.equal(isShortInvocation(10), false);
  });
  it('ewma starts at the first sample and moves a fifth of the way', () => {
    assert.equal(ewma(undefined, 10), 10);
    assert.equal(ewma(10, 20), 12);
  });
});
