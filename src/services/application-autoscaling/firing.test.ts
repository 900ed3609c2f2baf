// Scheduled actions firing on a FakeClock: at(), rate(), cron() (a "peak hours" pair and
// a time zone), StartTime/EndTime, suspended scheduled scaling, and clamping; what the
// port was told, and when.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeScalableTargetsCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { openTestSqlite, type TestSql } from '../../store/testing';
import { DIM, NS, START, put, register, run, type Running } from './testing';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('application auto scaling: scheduled scaling', () => {
  let db: TestSql;
  let r: Running;
  afterEach(async () => { await r?.close(); await db?.cleanup(); });
  const open = async () => { db = await openTestSqlite(); r = await run(db.sql); };
  const calls = () => r.port.calls.map((c) => `${c.at} ${c.n}`);
  const target = async () => (await r.client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: NS }))).ScalableTargets![0];

  it('at() fires once at its time and clamps the capacity into the new range', async () => {
    await open();
    await register(r, 'f', 1, 5);
    await put(r, 'launch', 'at(2026-01-05T10:00:00)', 8, 20);
    await r.advance(10 * HOUR - 60_000);
    assert.deepEqual(calls(), ['2026-01-05T00:00:00.000Z 1']);
    await r.advance(2 * DAY);
    assert.deepEqual(calls(), ['2026-01-05T00:00:00.000Z 1', '2026-01-05T10:00:00.000Z 8']);
    const t = await target();
    assert.deepEqual([t.MinCapacity, t.MaxCapacity], [8, 20]);
  });

  it('rate() fires every period from creation', async () => {
    await open();
    await register(r, 'f', 0, 10);
    await put(r, 'keep-warm', 'rate(5 minutes)', 3, 10);
    await r.advance(5 * 60_000);
    // Between firings, someone lowers the range; the next firing raises it again.
    await r.client.send(new RegisterScalableTargetCommand({ ServiceNamespace: NS, ScalableDimension: DIM,
      ResourceId: 'function:f:live', MinCapacity: 0, MaxCapacity: 1 }));
    await r.advance(4 * 60_000);
    assert.deepEqual(calls(), ['2026-01-05T00:00:00.000Z 0', '2026-01-05T00:05:00.000Z 3', '2026-01-05T00:05:00.000Z 1']);
    await r.advance(60_000);
    assert.deepEqual(calls().slice(3), ['2026-01-05T00:10:00.000Z 3']);
  });

  it('cron(): peak hours scale up at 09:00 and down at 18:00 on weekdays', async () => {
    await open();
    await register(r, 'f', 0, 100);
    await put(r, 'peak-start', 'cron(0 9 ? * MON-FRI *)', 10, 100);
    await put(r, 'peak-end', 'cron(0 18 ? * MON-FRI *)', 0, 0);
    await r.advance(7 * DAY, 15 * 60_000); // Monday 5 January to Monday 12 January
    const expected = ['2026-01-05T00:00:00.000Z 0'];
    for (const day of ['05', '06', '07', '08', '09']) expected.push(`2026-01-${day}T09:00:00.000Z 10`, `2026-01-${day}T18:00:00.000Z 0`);
    assert.deepEqual(calls(), expected);
    const t = await target();
    assert.deepEqual([t.MinCapacity, t.MaxCapacity], [0, 0]);
  });

  it('cron() in a time zone, within StartTime and EndTime', async () => {
    await open();
    await register(r, 'f', 0, 100);
    await put(r, 'paris-morning', 'cron(30 8 * * ? *)', 4, 100, { Timezone: 'Europe/Paris',
      StartTime: new Date('2026-01-06T00:00:00Z'), EndTime: new Date('2026-01-07T12:00:00Z') });
    await put(r, 'paris-night', 'cron(0 22 * * ? *)', 0, 2, { Timezone: 'Europe/Paris' });
    await r.advance(4 * DAY, 30 * 60_000);
    assert.deepEqual(calls(), ['2026-01-05T00:00:00.000Z 0', '2026-01-06T07:30:00.000Z 4', '2026-01-06T21:00:00.000Z 2',
      '2026-01-07T07:30:00.000Z 4', '2026-01-07T21:00:00.000Z 2']);
  });

  it('does not fire while scheduled scaling is suspended', async () => {
    await open();
    await register(r, 'f', 0, 10);
    await r.client.send(new RegisterScalableTargetCommand({ ServiceNamespace: NS, ScalableDimension: DIM,
      ResourceId: 'function:f:live', SuspendedState: { ScheduledScalingSuspended: true } }));
    await put(r, 'hourly', 'rate(1 hour)', 5, 10);
    await r.advance(2 * HOUR);
    assert.deepEqual(calls(), ['2026-01-05T00:00:00.000Z 0']);
    assert.equal((await target()).SuspendedState!.ScheduledScalingSuspended, true);
    await r.client.send(new RegisterScalableTargetCommand({ ServiceNamespace: NS, ScalableDimension: DIM,
      ResourceId: 'function:f:live', SuspendedState: { ScheduledScalingSuspended: false } }));
    await r.advance(HOUR);
    assert.deepEqual(calls(), ['2026-01-05T00:00:00.000Z 0', '2026-01-05T03:00:00.000Z 5']);
    assert.equal(START, Date.parse('2026-01-05T00:00:00Z'));
  });
});
