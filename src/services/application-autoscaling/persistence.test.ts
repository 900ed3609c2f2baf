// Schedules survive a restart, on SQLite and on PostgreSQL: a new service over the same
// database fires the stored actions on time, and applies a firing it missed while down.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeScalableTargetsCommand, DescribeScheduledActionsCommand } from '@aws-sdk/client-application-auto-scaling';
import { FakeClock } from '../../kernel/clock';
import { openTestPostgres, openTestSqlite, type TestSql } from '../../store/testing';
import { NS, START, RecordingPort, put, register, run, type Running } from './testing';

const HOUR = 3_600_000;

for (const [engine, openDb] of [['SQLite', openTestSqlite], ['PostgreSQL', openTestPostgres]] as const) {
  describe(`application auto scaling: restart on ${engine}`, () => {
    let db: TestSql;
    let r: Running | undefined;
    afterEach(async () => { await r?.close(); r = undefined; await db?.cleanup(); });

    it('keeps targets and schedules, fires them after the restart, and catches up a missed firing', async () => {
      db = await openDb();
      const clock = new FakeClock(START);
      const port = new RecordingPort(clock);
      r = await run(db.sql, clock, port);
      await register(r, 'f', 0, 50);
      await put(r, 'peak-start', 'cron(0 9 ? * MON-FRI *)', 10, 50);
      await put(r, 'peak-end', 'cron(0 18 ? * MON-FRI *)', 1, 1);
      await put(r, 'once', 'at(2026-01-05T12:00:00)', 20, 50);
      await r.close();

      // Restarted before 09:00: both peak firings and the at() happen on time.
      r = await run(db.sql, clock, port);
      const actions = await r.client.send(new DescribeScheduledActionsCommand({ ServiceNamespace: NS }));
      assert.deepEqual(actions.ScheduledActions!.map((a) => a.ScheduledActionName), ['once', 'peak-end', 'peak-start']);
      await r.advance(20 * HOUR, 30 * 60_000);
      assert.deepEqual(port.calls.map((c) => `${c.at} ${c.n}`), ['2026-01-05T00:00:00.000Z 0',
        '2026-01-05T09:00:00.000Z 10', '2026-01-05T12:00:00.000Z 20', '2026-01-05T18:00:00.000Z 1']);
      await r.close();

      // Down from 20:00 Monday to 10:00 Tuesday: the missed 09:00 firing is applied at start.
      clock.advance(14 * HOUR);
      r = await run(db.sql, clock, port);
      assert.deepEqual(port.calls.slice(4).map((c) => `${c.at} ${c.n}`), ['2026-01-06T10:00:00.000Z 10']);
      const [t] = (await r.client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: NS }))).ScalableTargets!;
      assert.deepEqual([t.MinCapacity, t.MaxCapacity], [10, 50]);
      await r.advance(8 * HOUR, 30 * 60_000);
      assert.deepEqual(port.calls.slice(5).map((c) => `${c.at} ${c.n}`), ['2026-01-06T18:00:00.000Z 1']);
    });
  });
}
