// The behaviour suite of the Sql port, run against every adapter (sqlite, postgres) so
// the SQL the services write stays portable. Query behaviour is here; transaction
// behaviour is in sql-transaction-contract.ts. Each suite opens one fresh database.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, Sql } from './sql';
import { isStoreError, transactionContract } from './sql-transaction-contract';

export function sqlContract(name: string, open: () => Promise<Sql>): void {
  describe(`Sql contract: ${name}`, () => {
    let db: Sql;
    before(async () => {
      db = await open();
    });
    after(async () => {
      await db?.close();
    });

    it('exec runs several statements', async () => {
      await db.exec(`CREATE TABLE ex_a (id INTEGER PRIMARY KEY, v TEXT);
        CREATE TABLE ex_b (id INTEGER PRIMARY KEY);
        INSERT INTO ex_a (id, v) VALUES (1, 'one');
        INSERT INTO ex_b (id) VALUES (7);`);
      assert.deepEqual(await db.all(sql`SELECT id, v FROM ex_a`), [{ id: 1, v: 'one' }]);
      assert.deepEqual(await db.all(sql`SELECT id FROM ex_b`), [{ id: 7 }]);
    });

    it('binds every SqlValue type and returns integers as numbers', async () => {
      await db.exec(`CREATE TABLE vals (id INTEGER PRIMARY KEY, s TEXT, i BIGINT,
        f DOUBLE PRECISION, big BIGINT, b INTEGER, n TEXT)`);
      const tricky = `it's "quoted"; DROP TABLE vals; --`;
      const epochMs = 1_700_000_000_123; // > 2^31
      await db.run(sql`INSERT INTO vals (id, s, i, f, big, b, n)
        VALUES (${1}, ${tricky}, ${epochMs}, ${1.5}, ${2n ** 40n}, ${true}, ${null})`);
      await db.run(sql`INSERT INTO vals (id, s, i, f, big, b, n) VALUES (${2}, ${''}, ${-5}, ${0}, ${0n}, ${false}, ${5})`);
      const rows = await db.all(sql`SELECT id, s, i, f, big, b, n FROM vals ORDER BY id`);
      assert.deepEqual(rows, [
        { id: 1, s: tricky, i: epochMs, f: 1.5, big: 2 ** 40, b: 1, n: null },
        { id: 2, s: '', i: -5, f: 0, big: 0, b: 0, n: '5' },
      ]);
      const hit = await db.get<{ id: number }>(sql`SELECT id FROM vals WHERE s = ${tricky} AND i = ${epochMs}`);
      assert.deepEqual(hit, { id: 1 });
    });

    it('get returns undefined and all returns [] when there is no row', async () => {
      await db.exec('CREATE TABLE empty_t (id INTEGER PRIMARY KEY)');
      assert.equal(await db.get(sql`SELECT id FROM empty_t WHERE id = ${1}`), undefined);
      assert.deepEqual(await db.all(sql`SELECT id FROM empty_t`), []);
    });

    it('run returns the number of changed rows; aggregates are numbers', async () => {
      await db.exec('CREATE TABLE ch (id INTEGER PRIMARY KEY, g TEXT, n BIGINT)');
      for (const [id, g] of [[1, 'a'], [2, 'a'], [3, 'b']] as const) {
        assert.deepEqual(await db.run(sql`INSERT INTO ch (id, g, n) VALUES (${id}, ${g}, ${id * 10})`), { changes: 1 });
      }
      assert.deepEqual(await db.run(sql`UPDATE ch SET n = n + 1 WHERE g = ${'a'}`), { changes: 2 });
      assert.deepEqual(await db.run(sql`DELETE FROM ch WHERE g = ${'zzz'}`), { changes: 0 });
      const agg = await db.get(sql`SELECT COUNT(*) AS c, SUM(n) AS total FROM ch`);
      assert.deepEqual(agg, { c: 3, total: 11 + 21 + 30 });
    });

    it('upserts with INSERT ... ON CONFLICT', async () => {
      await db.exec('CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT NOT NULL, hits INTEGER NOT NULL)');
      const upsert = (k: string, v: string) =>
        db.run(sql`INSERT INTO kv (k, v, hits) VALUES (${k}, ${v}, 1)
          ON CONFLICT (k) DO UPDATE SET v = excluded.v, hits = kv.hits + 1`);
      await upsert('a', 'first');
      await upsert('a', 'second');
      await upsert('b', 'only');
      assert.deepEqual(await db.all(sql`SELECT k, v, hits FROM kv ORDER BY k`), [
        { k: 'a', v: 'second', hits: 2 },
        { k: 'b', v: 'only', hits: 1 },
      ]);
      const ignored = await db.run(sql`INSERT INTO kv (k, v, hits) VALUES (${'a'}, ${'x'}, 0) ON CONFLICT (k) DO NOTHING`);
      assert.equal(ignored.changes, 0);
    });

    it('supports RETURNING', async () => {
      await db.exec('CREATE TABLE ret (id INTEGER PRIMARY KEY, v TEXT)');
      const row = await db.get(sql`INSERT INTO ret (id, v) VALUES (${1}, ${'a'}) RETURNING id, v`);
      assert.deepEqual(row, { id: 1, v: 'a' });
      await db.run(sql`INSERT INTO ret (id, v) VALUES (${2}, ${'b'})`);
      const updated = await db.all(sql`UPDATE ret SET v = v || ${'!'} RETURNING v`);
      assert.deepEqual(updated.map((r) => r.v).sort(), ['a!', 'b!']);
    });

    it('round-trips JSON stored as TEXT', async () => {
      await db.exec('CREATE TABLE docs (id TEXT PRIMARY KEY, body TEXT NOT NULL)');
      const doc = { a: [1, 'x', null, true], nested: { q: `it's "q"` }, uni: 'ü → 😀', big: 1_700_000_000_000 };
      await db.run(sql`INSERT INTO docs (id, body) VALUES (${'d1'}, ${JSON.stringify(doc)})`);
      const got = await db.get<{ body: string }>(sql`SELECT body FROM docs WHERE id = ${'d1'}`);
      assert.deepEqual(JSON.parse(got!.body), doc);
    });

    it('reports unique violations as STORE_FAILED kind "unique", other failures as "other"', async () => {
      await db.exec('CREATE TABLE uq (id INTEGER PRIMARY KEY, email TEXT UNIQUE)');
      await db.run(sql`INSERT INTO uq (id, email) VALUES (${1}, ${'a@x'})`);
      await assert.rejects(db.run(sql`INSERT INTO uq (id, email) VALUES (${2}, ${'a@x'})`), isStoreError('unique'));
      await assert.rejects(db.run(sql`INSERT INTO uq (id, email) VALUES (${1}, ${'b@x'})`), isStoreError('unique'));
      await assert.rejects(db.all(sql`SELECT * FROM no_such_table`), isStoreError('other'));
      await assert.rejects(db.exec('CREATE TABLE uq (id INTEGER)'), isStoreError('other'));
    });

    it('close is idempotent and later queries fail with STORE_FAILED', async () => {
      const other = await open();
      await other.close();
      await other.close();
      await assert.rejects(other.get(sql`SELECT 1 AS one`), isStoreError('other'));
    });

    transactionContract(() => db);
  });
}
