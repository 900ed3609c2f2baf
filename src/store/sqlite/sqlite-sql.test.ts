// Runs the Sql contract on SQLite (a temp-file database per suite), plus what only
// SQLite has: the pragmas that make it durable and safe for concurrent access.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from '../sql';
import { sqlContract } from '../sql-contract';
import { openTestSqlite, TestSql } from '../testing';

const opened: TestSql[] = [];
async function open() {
  const t = await openTestSqlite();
  opened.push(t);
  return t.sql;
}
after(async () => {
  for (const t of opened) await t.cleanup();
});

sqlContract('sqlite', open);

describe('openSqlite', () => {
  it('uses WAL, synchronous=NORMAL, a busy timeout and foreign keys', async () => {
    const db = await open();
    assert.deepEqual(await db.get(sql`PRAGMA journal_mode`), { journal_mode: 'wal' });
    assert.deepEqual(await db.get(sql`PRAGMA synchronous`), { synchronous: 1 });
    assert.deepEqual(await db.get(sql`PRAGMA foreign_keys`), { foreign_keys: 1 });
    const busy = (await db.get<Record<string, number>>(sql`PRAGMA busy_timeout`))!;
    assert.ok(Object.values(busy)[0] >= 1000);
  });

  it('plain queries queue behind an open transaction and then run in order', async () => {
    const db = await open();
    await db.exec('CREATE TABLE q (id INTEGER PRIMARY KEY)');
    const order: string[] = [];
    const tx = db.transaction(async (t) => {
      await new Promise((r) => setTimeout(r, 20));
      await t.run(sql`INSERT INTO q (id) VALUES (${1})`);
      order.push('tx');
    });
    const plain = db.run(sql`INSERT INTO q (id) VALUES (${2})`).then(() => order.push('plain'));
    await Promise.all([tx, plain]);
    assert.deepEqual(order, ['tx', 'plain']);
  });
});
