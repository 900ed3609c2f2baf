// Retry delays of SNS's delivery policies.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_HTTP_POLICY, MANAGED_POLICY, retryDelayMs, retryPolicyFor } from './delivery-policy';

describe('delivery retry policies', () => {
  it('HTTP by default: 3 retries 20 s apart, then none', () => {
    assert.deepEqual([1, 2, 3, 4].map((n) => retryDelayMs(DEFAULT_HTTP_POLICY, n)), [20_000, 20_000, 20_000, undefined]);
  });
  it('managed endpoints: 3 immediate, 2 after 1 s, backing off to 20 s, then every 20 s', () => {
    const d = (n: number) => retryDelayMs(MANAGED_POLICY, n);
    assert.deepEqual([1, 2, 3, 4, 5].map(d), [0, 0, 0, 1000, 1000]);
    assert.equal(d(6), 1000);
    assert.equal(d(15), 20_000);
    assert.ok(d(10)! > 1000 && d(10)! < 20_000);
    assert.equal(d(5000), 20_000);
    assert.equal(d(100_016), undefined);
  });
  it('a subscription policy overrides the topic one unless the topic disables overrides', () => {
    const topic = JSON.stringify({ http: { defaultHealthyRetryPolicy: { numRetries: 5, minDelayTarget: 2, maxDelayTarget: 2 } } });
    const sub = JSON.stringify({ healthyRetryPolicy: { numRetries: 1, minDelayTarget: 1, maxDelayTarget: 1 } });
    assert.equal(retryPolicyFor('http', topic, undefined).numRetries, 5);
    assert.equal(retryPolicyFor('https', topic, sub).numRetries, 1);
    const locked = JSON.stringify({ http: { disableSubscriptionOverrides: true, defaultHealthyRetryPolicy: { numRetries: 5 } } });
    assert.equal(retryPolicyFor('http', locked, sub).numRetries, 5);
    assert.equal(retryPolicyFor('sqs', topic, sub), MANAGED_POLICY);
  });
  it('linear backoff spreads from the minimum to the maximum', () => {
    const p = { ...DEFAULT_HTTP_POLICY, numRetries: 3, minDelayTarget: 1, maxDelayTarget: 5 };
    assert.deepEqual([1, 2, 3].map((n) => retryDelayMs(p, n)), [1000, 3000, 5000]);
  });
});
