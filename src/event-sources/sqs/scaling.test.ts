import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffMs, maximumPollers, minimumPollers, scalingDecision } from './scaling';

test('full batches add a poller at most once a second, up to the maximum', () => {
  assert.equal(scalingDecision({ pollers: 5, max: 1000, lastScaleUpAt: 0 }, 'full', 1000), 'add');
  assert.equal(scalingDecision({ pollers: 5, max: 1000, lastScaleUpAt: 500 }, 'full', 1000), 'keep');
  assert.equal(scalingDecision({ pollers: 10, max: 10, lastScaleUpAt: 0 }, 'full', 5000), 'keep');
  assert.equal(scalingDecision({ pollers: 5, max: 1000, lastScaleUpAt: 0 }, 'partial', 5000), 'keep');
});

test('empty receives and throttles retire pollers down to the minimum; a lowered maximum retires at once', () => {
  assert.equal(scalingDecision({ pollers: 8, max: 1000, lastScaleUpAt: 0 }, 'empty', 1), 'retire');
  assert.equal(scalingDecision({ pollers: 5, max: 1000, lastScaleUpAt: 0 }, 'empty', 1), 'keep');
  assert.equal(scalingDecision({ pollers: 3, max: 2, lastScaleUpAt: 0 }, 'full', 1), 'retire');
  assert.equal(scalingDecision({ pollers: 6, max: 1000, lastScaleUpAt: 0 }, 'throttled', 1), 'retire');
});

test('the maximum: ScalingConfig, else reserved concurrency, else 1000; the minimum is 5 or the maximum', () => {
  assert.equal(maximumPollers(2, 50), 2);
  assert.equal(maximumPollers(undefined, 50), 50);
  assert.equal(maximumPollers(undefined, undefined), 1000);
  assert.equal(maximumPollers(undefined, 0), 1);
  assert.equal(minimumPollers(2), 2);
  assert.equal(minimumPollers(1000), 5);
  assert.deepEqual([1, 2, 3, 10].map(backoffMs), [500, 1000, 2000, 10_000]);
});
