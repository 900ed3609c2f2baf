// Transaction behaviour of the Sql port, registered by sqlContract inside its suite
// (and run against every adapter). The interleaving tests are the ones that catch a
// SQLite adapter whose plain queries slip into someone else's open transaction.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { NimbusError } from '../kernel/errors';
import { sql, Sql } from './sql';

/** Asserts err is a STORE_FAILED NimbusError of the given kind. */
export function isStoreError(kind: 'unique' | 'other') {
  return (err: unknown): boolean => {
    assert.ok(err instanceof NimbusError, `expected a NimbusError, got ${String(err)}`);
    assert.equal(err.code, 'STORE_FAILED');
    assert.equal(err.details?.kind, kind);
    return true;
  };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A promise with its resolve function, to hold a transaction open on purpose. */
function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

export function transactionContract(getDb: () => Sql): void {
  it('transaction commits and returns the body result', async () => {
    const db = getDb();
    await db.exec('CREATE TABLE tx_ok (id INTEGER PRIMARY KEY, v TEXT)');
    const result = await db.transaction(async (tx) => {
      await tx.run(sql`INSERT INTO tx_ok (id, v) VALUES (${1}, ${'a'})`);
      await tx.run(sql`INSERT INTO tx_ok (id, v) VALUES (${2}, ${'b'})`);
      return (await tx.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM tx_ok`))!.n;
    });
    assert.equal(result, 2);
    assert.deepEqual(await db.all(sql`SELECT id FROM tx_ok ORDER BY id`), [{ id: 1 }, { id: 2 }]);
  });

  it('transaction rolls back when the body throws, and the error propagates', async () => {
    const db = getDb();
    await db.exec('CREATE TABLE tx_rb (id INTEGER PRIMARY KEY)');
    const boom = new Error('boom');
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.run(sql`INSERT INTO tx_rb (id) VALUES (${1})`);
        throw boom;
      }),
      (err) => err === boom,
    );
    assert.deepEqual(await db.all(sql`SELECT id FROM tx_rb`), []);
  });

  it('a failed statement rolls the transaction back even if the body catches it', async () => {
    const db = getDb();
    await db.exec('CREATE TABLE tx_doom (id INTEGER PRIMARY KEY)');
    await db.run(sql`INSERT INTO tx_doom (id) VALUES (${1})`);
    const p = db.transaction(async (tx) => {
      await tx.run(sql`INSERT INTO tx_doom (id) VALUES (${2})`);
      await tx.run(sql`INSERT INTO tx_doom (id) VALUES (${1})`).catch(() => undefined);
      return 'swallowed';
    });
    await assert.rejects(p, isStoreError('unique'));
    assert.deepEqual(await db.all(sql`SELECT id FROM tx_doom`), [{ id: 1 }]);
  });

  it('a plain write issued while another transaction is open is not rolled back with it', async () => {
    const db = getDb();
    await db.exec('CREATE TABLE tx_iso (id INTEGER PRIMARY KEY, who TEXT)');
    const inside = gate();
    const release = gate();
    const boom = new Error('rollback');
    const txDone = db.transaction(async (tx) => {
      await tx.run(sql`INSERT INTO tx_iso (id, who) VALUES (${1}, ${'tx'})`);
      inside.open();
      await release.wait;
      throw boom;
    });
    await inside.wait;
    const plain = db.run(sql`INSERT INTO tx_iso (id, who) VALUES (${2}, ${'plain'})`);
    await tick(30); // give a broken adapter the chance to run it inside the transaction
    release.open();
    await assert.rejects(txDone, (err) => err === boom);
    assert.deepEqual(await plain, { changes: 1 });
    assert.deepEqual(await db.all(sql`SELECT id, who FROM tx_iso`), [{ id: 2, who: 'plain' }]);
  });

  it('concurrent transactions with several awaited statements both commit', async () => {
    const db = getDb();
    await db.exec(`CREATE TABLE tx_counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
      CREATE TABLE tx_log (id INTEGER PRIMARY KEY, who TEXT NOT NULL);
      INSERT INTO tx_counter (id, n) VALUES (1, 0);`);
    const work = (who: string, base: number) =>
      db.transaction(async (tx) => {
        for (let i = 0; i < 5; i++) {
          await tx.run(sql`UPDATE tx_counter SET n = n + 1 WHERE id = ${1}`);
          await tick(2);
          await tx.run(sql`INSERT INTO tx_log (id, who) VALUES (${base + i}, ${who})`);
        }
        return who;
      });
    assert.deepEqual(await Promise.all([work('a', 100), work('b', 200)]), ['a', 'b']);
    assert.deepEqual(await db.get(sql`SELECT n FROM tx_counter WHERE id = ${1}`), { n: 10 });
    const log = await db.all<{ who: string; c: number }>(sql`SELECT who, COUNT(*) AS c FROM tx_log GROUP BY who ORDER BY who`);
    assert.deepEqual(log, [{ who: 'a', c: 5 }, { who: 'b', c: 5 }]);
  });

  it('the root Sql used inside a body throws instead of deadlocking', { timeout: 10_000 }, async () => {
    const db = getDb();
    await db.exec('CREATE TABLE tx_root (id INTEGER PRIMARY KEY)');
    await db.transaction(async (tx) => {
      await assert.rejects(db.run(sql`INSERT INTO tx_root (id) VALUES (${1})`), isStoreError('other'));
      await assert.rejects(db.transaction(async () => 1), isStoreError('other'));
      await tx.run(sql`INSERT INTO tx_root (id) VALUES (${2})`);
    });
    assert.deepEqual(await db.all(sql`SELECT id FROM tx_root`), [{ id: 2 }]);
  });

  it('a transaction runner cannot be used after its transaction ended', async () => {
    const db = getDb();
    const leaked = await db.transaction(async (tx) => tx);
    await assert.rejects(leaked.get(sql`SELECT 1 AS one`), isStoreError('other'));
    assert.deepEqual(await db.get(sql`SELECT 1 AS one`), { one: 1 });
  });
}
