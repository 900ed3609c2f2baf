// DynamoDB's SQL (portable: SQLite and PostgreSQL). Tables as JSON rows; items keyed by
// table incarnation + scan segment + encoded hash and range keys (keys.ts; byte collation so
// ORDER BY is DynamoDB's order); index entries (the projected item) keyed by index + index
// keys + primary key, written in the same transaction as the item; idempotency tokens of
// TransactWriteItems. Ranged reads are in store-reads.ts.
import { sql, type Sql, type SqlRunner, type SqlValue, type Query } from '../../store/sql';
import type { IndexKey, StoredKey } from './item-keys';
import type { Table } from './model';

const schema = (c: string) => `
CREATE TABLE IF NOT EXISTS dynamodb_tables (name TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dynamodb_items (
  tid TEXT NOT NULL, seg BIGINT NOT NULL, hk TEXT${c} NOT NULL, rk TEXT${c} NOT NULL,
  item TEXT NOT NULL, size BIGINT NOT NULL, expires BIGINT,
  PRIMARY KEY (tid, seg, hk, rk)
);
CREATE INDEX IF NOT EXISTS dynamodb_items_expires ON dynamodb_items (tid, expires);
CREATE TABLE IF NOT EXISTS dynamodb_index_items (
  tid TEXT NOT NULL, iname TEXT NOT NULL, seg BIGINT NOT NULL, ihk TEXT${c} NOT NULL, irk TEXT${c} NOT NULL,
  hk TEXT${c} NOT NULL, rk TEXT${c} NOT NULL, item TEXT NOT NULL, size BIGINT NOT NULL,
  PRIMARY KEY (tid, iname, seg, ihk, irk, hk, rk)
);
CREATE TABLE IF NOT EXISTS dynamodb_tokens (token TEXT PRIMARY KEY, digest TEXT NOT NULL, result TEXT NOT NULL, expires BIGINT NOT NULL);
`;

export async function openDynamoDbSchema(db: Sql): Promise<void> {
  await db.exec(schema(db.dialect === 'postgres' ? ' COLLATE "C"' : ''));
}

export interface StoredItem { item: string; size: number }

/** Builds a query from literal SQL pieces and bound values. */
export function build(parts: (string | { v: SqlValue })[]): Query {
  const strings: string[] = [''];
  const values: SqlValue[] = [];
  for (const p of parts) {
    if (typeof p === 'string') strings[strings.length - 1] += p;
    else { values.push(p.v); strings.push(''); }
  }
  return { strings, values };
}

export class TableStore {
  constructor(private readonly db: Sql) {}
  async all(): Promise<Table[]> {
    return (await this.db.all<{ data: string }>(sql`SELECT data FROM dynamodb_tables ORDER BY name`)).map((r) => JSON.parse(r.data) as Table);
  }
  async save(t: Table, tx: SqlRunner = this.db): Promise<void> {
    await tx.run(sql`INSERT INTO dynamodb_tables (name, data) VALUES (${t.name}, ${JSON.stringify(t)})
      ON CONFLICT (name) DO UPDATE SET data = excluded.data`);
  }
  /** Inserts a new table; false when the name is taken. */
  async create(t: Table): Promise<boolean> {
    const r = await this.db.run(sql`INSERT INTO dynamodb_tables (name, data) VALUES (${t.name}, ${JSON.stringify(t)}) ON CONFLICT (name) DO NOTHING`);
    return r.changes === 1;
  }
  async remove(name: string, tid: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run(sql`DELETE FROM dynamodb_index_items WHERE tid = ${tid}`);
      await tx.run(sql`DELETE FROM dynamodb_items WHERE tid = ${tid}`);
      await tx.run(sql`DELETE FROM dynamodb_tables WHERE name = ${name}`);
    });
  }
  async dropIndex(tid: string, iname: string): Promise<void> {
    await this.db.run(sql`DELETE FROM dynamodb_index_items WHERE tid = ${tid} AND iname = ${iname}`);
  }
  async stats(tid: string): Promise<{ count: number; bytes: number }> {
    const r = await this.db.get<{ n: number | string; b: number | string | null }>(sql`SELECT COUNT(*) AS n, SUM(size) AS b FROM dynamodb_items WHERE tid = ${tid}`);
    return { count: Number(r?.n ?? 0), bytes: Number(r?.b ?? 0) };
  }
  async indexStats(tid: string, iname: string): Promise<{ count: number; bytes: number }> {
    const r = await this.db.get<{ n: number | string; b: number | string | null }>(sql`SELECT COUNT(*) AS n, SUM(size) AS b FROM dynamodb_index_items
      WHERE tid = ${tid} AND iname = ${iname}`);
    return { count: Number(r?.n ?? 0), bytes: Number(r?.b ?? 0) };
  }
}

export class ItemStore {
  constructor(readonly db: Sql) {}
  async get(tid: string, k: StoredKey, runner: SqlRunner = this.db): Promise<StoredItem | undefined> {
    const r = await runner.get<{ item: string; size: number }>(sql`SELECT item, size FROM dynamodb_items
      WHERE tid = ${tid} AND seg = ${k.seg} AND hk = ${k.hk} AND rk = ${k.rk}`);
    return r && { item: r.item, size: Number(r.size) };
  }
  /** The row for update: on PostgreSQL locked until the transaction ends. */
  async getForUpdate(tx: SqlRunner, tid: string, k: StoredKey): Promise<StoredItem | undefined> {
    if (this.db.dialect === 'sqlite') return this.get(tid, k, tx);
    // FOR UPDATE locks only a row that exists. Two nodes checking a condition on a key that has
    // no item yet (attribute_not_exists) would both pass and both write: a lock on the key
    // itself, held to the end of the transaction, makes the second wait and then see the first's item.
    // (A hash collision between two keys only makes their writers take turns.)
    await tx.get(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${tid}:${k.hk}:${k.rk}`}, 0)) AS locked`);
    const r = await tx.get<{ item: string; size: number }>(sql`SELECT item, size FROM dynamodb_items
      WHERE tid = ${tid} AND seg = ${k.seg} AND hk = ${k.hk} AND rk = ${k.rk} FOR UPDATE`);
    return r && { item: r.item, size: Number(r.size) };
  }
  async put(tx: SqlRunner, tid: string, k: StoredKey, item: string, size: number, expires: number | null): Promise<void> {
    await tx.run(sql`INSERT INTO dynamodb_items (tid, seg, hk, rk, item, size, expires) VALUES (${tid}, ${k.seg}, ${k.hk}, ${k.rk}, ${item}, ${size}, ${expires})
      ON CONFLICT (tid, seg, hk, rk) DO UPDATE SET item = excluded.item, size = excluded.size, expires = excluded.expires`);
  }
  async delete(tx: SqlRunner, tid: string, k: StoredKey): Promise<void> {
    await tx.run(sql`DELETE FROM dynamodb_items WHERE tid = ${tid} AND seg = ${k.seg} AND hk = ${k.hk} AND rk = ${k.rk}`);
  }
  async putIndex(tx: SqlRunner, tid: string, iname: string, ik: IndexKey, k: StoredKey, item: string, size: number): Promise<void> {
    await tx.run(sql`INSERT INTO dynamodb_index_items (tid, iname, seg, ihk, irk, hk, rk, item, size)
      VALUES (${tid}, ${iname}, ${ik.seg}, ${ik.ihk}, ${ik.irk}, ${k.hk}, ${k.rk}, ${item}, ${size})
      ON CONFLICT (tid, iname, seg, ihk, irk, hk, rk) DO UPDATE SET item = excluded.item, size = excluded.size`);
  }
  async deleteIndex(tx: SqlRunner, tid: string, iname: string, ik: IndexKey, k: StoredKey): Promise<void> {
    await tx.run(sql`DELETE FROM dynamodb_index_items WHERE tid = ${tid} AND iname = ${iname} AND seg = ${ik.seg}
      AND ihk = ${ik.ihk} AND irk = ${ik.irk} AND hk = ${k.hk} AND rk = ${k.rk}`);
  }
  /** Items whose TTL has passed, oldest first. */
  async expired(tid: string, nowSec: number, limit: number): Promise<{ seg: number; hk: string; rk: string; item: string }[]> {
    return (await this.db.all<{ seg: number; hk: string; rk: string; item: string }>(sql`SELECT seg, hk, rk, item FROM dynamodb_items
      WHERE tid = ${tid} AND expires IS NOT NULL AND expires < ${nowSec} ORDER BY expires LIMIT ${limit}`)).map((r) => ({ ...r, seg: Number(r.seg) }));
  }
  /** Sets `expires` from the TTL attribute for a batch of rows after (seg, hk, rk); returns the last key or undefined when done. */
  async rows(tid: string, after: StoredKey | undefined, limit: number): Promise<{ seg: number; hk: string; rk: string; item: string; size: number }[]> {
    const rows = after
      ? await this.db.all<{ seg: number; hk: string; rk: string; item: string; size: number }>(sql`SELECT seg, hk, rk, item, size FROM dynamodb_items
        WHERE tid = ${tid} AND (seg, hk, rk) > (${after.seg}, ${after.hk}, ${after.rk}) ORDER BY seg, hk, rk LIMIT ${limit}`)
      : await this.db.all<{ seg: number; hk: string; rk: string; item: string; size: number }>(sql`SELECT seg, hk, rk, item, size FROM dynamodb_items
        WHERE tid = ${tid} ORDER BY seg, hk, rk LIMIT ${limit}`);
    return rows.map((r) => ({ ...r, seg: Number(r.seg), size: Number(r.size) }));
  }
  async setExpires(tx: SqlRunner, tid: string, k: StoredKey, expires: number | null): Promise<void> {
    await tx.run(sql`UPDATE dynamodb_items SET expires = ${expires} WHERE tid = ${tid} AND seg = ${k.seg} AND hk = ${k.hk} AND rk = ${k.rk}`);
  }
  async token(token: string, now: number): Promise<{ digest: string; result: string } | undefined> {
    return this.db.get<{ digest: string; result: string }>(sql`SELECT digest, result FROM dynamodb_tokens WHERE token = ${token} AND expires > ${now}`);
  }
  async saveToken(tx: SqlRunner, token: string, digest: string, result: string, expires: number): Promise<void> {
    await tx.run(sql`INSERT INTO dynamodb_tokens (token, digest, result, expires) VALUES (${token}, ${digest}, ${result}, ${expires})
      ON CONFLICT (token) DO UPDATE SET digest = excluded.digest, result = excluded.result, expires = excluded.expires`);
  }
  async expireTokens(now: number): Promise<void> {
    await this.db.run(sql`DELETE FROM dynamodb_tokens WHERE expires <= ${now}`);
  }
}
