// Runs the Sql contract on the real PostgreSQL (testPgUrl), each suite in a fresh schema
// dropped at the end. Fails, never skips, when the server is unreachable.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { NimbusError } from '../../kernel/errors';
import { sql } from '../sql';
import { sqlContract } from '../sql-contract';
import { openTestPostgres, TestSql, testPgUrl } from '../testing';
import { openPostgres } from './postgres-sql';

const opened: TestSql[] = [];
async function open() {
  const t = await openTestPostgres();
  opened.push(t);
  return t.sql;
}
after(async () => {
  for (const t of opened) await t.cleanup();
});

describe('openPostgres', () => {
  it(`reaches PostgreSQL at ${testPgUrl}`, async () => {
    const db = await open();
    assert.deepEqual(await db.get(sql`SELECT 1 AS one`), { one: 1 });
  });

  it('keeps each schema separate: tables land in the schema on every pool connection', async () => {
    const [a, b] = [await open(), await open()];
    await a.exec('CREATE TABLE sep (v TEXT)');
    await Promise.all(Array.from({ length: 12 }, (_, i) => a.run(sql`INSERT INTO sep (v) VALUES (${String(i)})`)));
    assert.deepEqual(await a.get(sql`SELECT COUNT(*) AS n FROM sep`), { n: 12 });
    await assert.rejects(b.get(sql`SELECT COUNT(*) AS n FROM sep`), NimbusError);
  });

  it('fails with STORE_FAILED naming the server when it is unreachable', async () => {
    const url = 'postgres://nobody:secret@127.0.0.1:1/none';
    await assert.rejects(openPostgres(url), (err) => {
      assert.ok(err instanceof NimbusError && err.code === 'STORE_FAILED');
      assert.match(err.message, /127\.0\.0\.1:1/);
      assert.doesNotMatch(err.message, /secret/);
      return true;
    });
  });
});

sqlContract('postgres', open);
