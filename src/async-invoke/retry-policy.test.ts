import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_RETRY, expired, nextStep } from './retry-policy';

const fresh = { receivedAt: 0, attempts: 0, throttles: 0 };

describe('async retry policy', () => {
  it('retries a function error after 1 minute, then 2, then fails with RetriesExhausted', () => {
    const first = nextStep(fresh, 'function-error', DEFAULT_RETRY, 1000);
    assert.deepEqual(first, { action: 'retry', at: 61_000, progress: { receivedAt: 0, attempts: 1, throttles: 0 } });
    const second = nextStep((first as { progress: typeof fresh }).progress, 'function-error', DEFAULT_RETRY, 62_000);
    assert.deepEqual(second, { action: 'retry', at: 182_000, progress: { receivedAt: 0, attempts: 2, throttles: 0 } });
    const third = nextStep((second as { progress: typeof fresh }).progress, 'function-error', DEFAULT_RETRY, 183_000);
    assert.deepEqual(third, { action: 'fail', condition: 'RetriesExhausted', progress: { receivedAt: 0, attempts: 3, throttles: 0 } });
  });

  it('honours MaximumRetryAttempts 0', () => {
    const step = nextStep(fresh, 'function-error', { maximumRetryAttempts: 0, maximumEventAgeSeconds: 60 }, 10);
    assert.equal(step.action, 'fail');
  });

  it('backs off throttles from 1 s, doubling up to 5 minutes', () => {
    let p = fresh;
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      const s = nextStep(p, 'throttled', DEFAULT_RETRY, 0);
      assert.equal(s.action, 'retry');
      if (s.action !== 'retry') return;
      delays.push(s.at);
      p = s.progress;
    }
    assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000, 300000]);
    assert.equal(nextStep(fresh, 'success', DEFAULT_RETRY, 0).action, 'done');
  });

  it('fails with EventAgeExceeded when the next attempt would come after the maximum age', () => {
    const config = { maximumRetryAttempts: 2, maximumEventAgeSeconds: 60 };
    assert.deepEqual(nextStep(fresh, 'function-error', config, 30_000).action, 'fail');
    const s = nextStep({ receivedAt: 0, attempts: 0, throttles: 6 }, 'system-error', config, 10_000);
    assert.equal(s.action === 'fail' && s.condition, 'EventAgeExceeded');
    assert.equal(expired(fresh, config, 60_001), true);
    assert.equal(expired(fresh, config, 60_000), false);
  });
});
