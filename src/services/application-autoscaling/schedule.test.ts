// Schedule expressions and the pure firing decisions, with literal times and no clock.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NOT_SUSPENDED, fire, parseLambdaResourceId, type ScalableTarget, type ScheduledAction } from './model';
import { isTimezone, nextFire, parseSchedule, type Schedule } from './schedule';

const ms = (iso: string) => Date.parse(iso);
const parse = (expr: string): Schedule => {
  const p = parseSchedule(expr);
  assert.ok(p.ok, `${expr}: ${p.ok ? '' : p.reason}`);
  return p.schedule;
};
const next = (expr: string, afterIso: string, extra: { startTime?: number; endTime?: number; timezone?: string } = {}) => {
  const t = nextFire(parse(expr), { after: ms(afterIso), createdAt: ms(afterIso), ...extra });
  return t === null ? null : new Date(t).toISOString();
};

describe('schedule expressions', () => {
  it('rejects what AWS rejects', () => {
    for (const bad of ['at(2026-02-30T00:00:00)', 'at(2026-01-01 00:00:00)', 'rate(0 minutes)', 'rate(5 weeks)',
      'cron(0 9 * * MON *)', 'cron(0 9 ? * MON-FRI)', 'cron(61 9 ? * MON *)', 'every day', '']) {
      assert.equal(parseSchedule(bad).ok, false, bad);
    }
    assert.ok(isTimezone('Europe/Paris'));
    assert.equal(isTimezone('Mars/Olympus'), false);
  });

  it('at() fires once at its wall time, in its time zone', () => {
    assert.equal(next('at(2026-01-05T10:00:00)', '2026-01-05T09:00:00Z'), '2026-01-05T10:00:00.000Z');
    assert.equal(next('at(2026-01-05T10:00:00)', '2026-01-05T10:00:00Z'), null);
    assert.equal(next('at(2026-07-05T10:00:00)', '2026-01-05T00:00:00Z', { timezone: 'Europe/Paris' }), '2026-07-05T08:00:00.000Z');
    assert.equal(next('at(2026-01-05T10:00:00)', '2026-01-01T00:00:00Z', { endTime: ms('2026-01-04T00:00:00Z') }), null);
  });

  it('rate() counts from StartTime, else from creation', () => {
    assert.equal(next('rate(5 minutes)', '2026-01-05T09:00:00Z'), '2026-01-05T09:05:00.000Z');
    assert.equal(next('rate(1 hour)', '2026-01-05T09:00:00Z', { startTime: ms('2026-01-05T12:30:00Z') }), '2026-01-05T12:30:00.000Z');
    const created = ms('2026-01-05T09:00:00Z');
    const t = nextFire(parse('rate(2 days)'), { after: ms('2026-01-08T00:00:00Z'), createdAt: created });
    assert.equal(new Date(t!).toISOString(), '2026-01-09T09:00:00.000Z');
    assert.equal(next('rate(1 day)', '2026-01-05T09:00:00Z', { endTime: ms('2026-01-06T08:00:00Z') }), null);
  });

  it('cron() has AWS fields: minutes first, a year, ? and 1-7 = SUN-SAT', () => {
    // 2026-01-09 is a Friday.
    assert.equal(next('cron(0 9 ? * MON-FRI *)', '2026-01-09T10:00:00Z'), '2026-01-12T09:00:00.000Z');
    assert.equal(next('cron(0 9 ? * 2 *)', '2026-01-09T10:00:00Z'), '2026-01-12T09:00:00.000Z');
    assert.equal(next('cron(0 9 ? * 1 *)', '2026-01-09T10:00:00Z'), '2026-01-11T09:00:00.000Z');
    assert.equal(next('cron(15 12 L * ? *)', '2026-01-09T10:00:00Z'), '2026-01-31T12:15:00.000Z');
    assert.equal(next('cron(0 0 1 1 ? 2027)', '2026-01-09T10:00:00Z'), '2027-01-01T00:00:00.000Z');
    assert.equal(next('cron(0 0 1 1 ? 2025)', '2026-01-09T10:00:00Z'), null);
    assert.equal(next('cron(0 9 ? * MON *)', '2026-01-09T10:00:00Z', { timezone: 'America/New_York' }), '2026-01-12T14:00:00.000Z');
    assert.equal(next('cron(0 9 ? * MON *)', '2026-01-01T00:00:00Z', { startTime: ms('2026-01-13T00:00:00Z') }), '2026-01-19T09:00:00.000Z');
  });
});

describe('firing', () => {
  const target: ScalableTarget = {
    namespace: 'lambda', resourceId: 'function:f:live', dimension: 'lambda:function:ProvisionedConcurrency',
    minCapacity: 1, maxCapacity: 5, capacity: 3, roleArn: 'r', arn: 'a', createdAt: 0, suspended: NOT_SUSPENDED,
  };
  const action = (min?: number, max?: number): ScheduledAction => ({
    ...target, name: 'n', arn: 'a', schedule: 'rate(1 hour)', createdAt: 0, nextAt: 0, minCapacity: min, maxCapacity: max,
  });

  it('sets min/max and clamps the capacity into them', () => {
    assert.deepEqual(fire(target, action(10, 20)), { kind: 'apply', target: { ...target, minCapacity: 10, maxCapacity: 20, capacity: 10 } });
    assert.deepEqual(fire(target, action(0, 2)), { kind: 'apply', target: { ...target, minCapacity: 0, maxCapacity: 2, capacity: 2 } });
    assert.deepEqual(fire(target, action(undefined, 4)), { kind: 'apply', target: { ...target, maxCapacity: 4 } });
    assert.equal(fire(target, action(7)).kind, 'skip');
    assert.equal(fire({ ...target, suspended: { ...NOT_SUSPENDED, scheduledScalingSuspended: true } }, action(1, 1)).kind, 'skip');
  });

  it('reads Lambda resource ids', () => {
    assert.deepEqual(parseLambdaResourceId('function:my-fn:live'), { functionName: 'my-fn', qualifier: 'live' });
    assert.deepEqual(parseLambdaResourceId('function:my-fn:3'), { functionName: 'my-fn', qualifier: '3' });
    for (const bad of ['function:my-fn', 'my-fn:live', 'function:my-fn:$LATEST', 'function::live']) {
      assert.equal(parseLambdaResourceId(bad), undefined, bad);
    }
  });
});
