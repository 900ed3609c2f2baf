// The log store on both databases: ordering and cursors, the tail, and the one-time move
// of events from the table older data dirs have.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from '../../store/sql';
import { openTestPostgres, openTestSqlite, type TestSql } from '../../store/testing';
import { LogStore, type StoredLogEvent } from './store';

const G = '/aws/lambda/f';
const ev = (logStream: string, seq: number, timestamp: number, message: string): StoredLogEvent =>
  ({ logGroup: G, logStream, seq, timestamp, message });

for (const [name, open] of [['SQLite', openTestSqlite], ['PostgreSQL', openTestPostgres]] as const) {
  describe(`LogStore on ${name}`, () => {
    const withDb = async (fn: (t: TestSql) => Promise<void>) => {
      const t = await open();
      try { await fn(t); } finally { await t.cleanup(); }
    };

    it('reads a group in (time, stream, seq) order, after a cursor, and its tail', () => withDb(async (t) => {
      const store = await LogStore.open(t.sql);
      await store.putLogEvents([ev('b', 1, 20, 'b1'), ev('a', 1, 10, 'a1'), ev('a', 2, 20, 'a2'),
        { ...ev('x', 1, 15, 'other group'), logGroup: '/aws/lambda/g' }]);
      await store.putLogEvents([ev('a', 2, 20, 'a2 again')]); // a repeated event is kept once
      const all = await store.getLogEvents(G, {});
      assert.deepEqual(all.map((e) => e.message), ['a1', 'a2', 'b1']);
      const after = await store.getLogEvents(G, { after: { timestamp: 20, logStream: 'a', seq: 2 } });
      assert.deepEqual(after.map((e) => e.message), ['b1']);
      assert.deepEqual((await store.getLogEvents(G, { since: 15 })).map((e) => e.message), ['a2', 'b1']);
      assert.deepEqual((await store.tail(G, 2)).map((e) => e.message), ['a2', 'b1']);
    }));

    it('moves events from the old log_events table once', () => withDb(async (t) => {
      await t.sql.exec(`CREATE TABLE log_events (log_group TEXT NOT NULL, log_stream TEXT NOT NULL, seq BIGINT NOT NULL,
        ts BIGINT NOT NULL, message TEXT NOT NULL, PRIMARY KEY (log_stream, seq))`);
      await t.sql.run(sql`INSERT INTO log_events VALUES (${G}, ${'s'}, ${1}, ${5}, ${'kept'})`);
      const store = await LogStore.open(t.sql);
      assert.deepEqual((await store.getLogEvents(G, {})).map((e) => e.message), ['kept']);
      await LogStore.open(t.sql); // a second start finds nothing left to move
      assert.deepEqual((await store.getLogEvents(G, {})).map((e) => e.message), ['kept']);
    }));
  });
}
