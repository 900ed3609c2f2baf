// Two Nimbus nodes on one PostgreSQL, each with its own connection pool and DynamoDB writer:
// a condition on a key that has no item yet holds on one node only, and two groups that lock
// the same keys in opposite orders (a deadlock PostgreSQL breaks by aborting one) both commit.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openPostgres } from '../../store/postgres/postgres-sql';
import type { Sql } from '../../store/sql';
import { openTestPostgres, testPgUrl, type TestSql } from '../../store/testing';
import { ConditionalCheckFailedException } from './errors';
import type { Item } from './expr';
import { checkItemKey } from './item-keys';
import type { Table } from './model';
import { ItemStore, openDynamoDbSchema } from './store';
import { Writer, type TxWriter } from './writer';

const table: Table = {
  tid: 't2', name: 'orders', arn: 'arn', tableId: 'id', hash: { name: 'pk', type: 'S' }, attributeDefinitions: [], status: 'ACTIVE',
  createdAt: 0, billingMode: 'PAY_PER_REQUEST', throughput: { read: 0, write: 0 }, tags: {}, indexes: [],
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** PutItem with attribute_not_exists(pk), slowed between the check and the write to widen the race. */
const createOnce = (node: string, pk: string) => async (w: TxWriter) => {
  const item: Item = { pk: { S: pk }, node: { S: node } };
  const k = checkItemKey(table, item);
  const cur = await w.read(table, k);
  if (cur.item) throw new ConditionalCheckFailedException('The conditional request failed');
  await pause(5);
  await w.write(table, k, undefined, item);
  return node;
};

describe('DynamoDB writes from two nodes on one PostgreSQL', () => {
  let t: TestSql;
  let other: Sql;
  let a: Writer;
  let b: Writer;
  before(async () => {
    t = await openTestPostgres();
    await openDynamoDbSchema(t.sql);
    other = await openPostgres(testPgUrl, { schema: t.schema });
    a = new Writer(t.sql, new ItemStore(t.sql));
    b = new Writer(other, new ItemStore(other));
  });
  after(async () => {
    await other?.close();
    await t?.cleanup();
  });

  it('a condition on a key without an item passes on one node only', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `order-${i}`);
    const outcomes = await Promise.all(keys.flatMap((k) => [a.run(createOnce('a', k)), b.run(createOnce('b', k))].map((p) =>
      p.then(() => 'created', (e) => (e instanceof ConditionalCheckFailedException ? 'refused' : Promise.reject(e))))));
    for (let i = 0; i < keys.length; i++) {
      assert.deepEqual([outcomes[2 * i], outcomes[2 * i + 1]].sort(), ['created', 'refused'], keys[i]);
    }
  });

  it('groups that lock the same keys in opposite orders both commit (the aborted one runs again)', async () => {
    const bump = (node: string, pk: string) => async (w: TxWriter) => {
      const k = checkItemKey(table, { pk: { S: pk } });
      const cur = await w.read(table, k);
      await pause(60); // both nodes now hold their first key
      const n = Number(cur.item?.n?.N ?? 0) + 1;
      await w.write(table, k, cur.item, { pk: { S: pk }, n: { N: String(n) }, by: { S: node } });
    };
    await Promise.all([a.run(bump('a', 'x')), a.run(bump('a', 'y')), b.run(bump('b', 'y')), b.run(bump('b', 'x'))]);
    const items = new ItemStore(t.sql);
    for (const pk of ['x', 'y']) {
      const row = await items.get(table.tid, checkItemKey(table, { pk: { S: pk } }));
      assert.equal(JSON.parse(row!.item).n.N, '2', `both increments of ${pk} landed`);
    }
  });
});
