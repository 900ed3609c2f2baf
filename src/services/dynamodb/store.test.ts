// DynamoDB's store on both databases: key encodings sort as DynamoDB sorts (numbers with 38
// digits, strings by UTF-8 bytes, NUL included, binary by bytes), ranged reads both ways
// with positions, index entries kept with the item in one transaction, change hooks inside it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openTestPostgres, openTestSqlite } from '../../store/testing';
import { compareDecimal, encodeDecimal, parseDecimal, renderDecimal, type Decimal } from './decimal';
import { checkItemKey } from './item-keys';
import { encodeKey, segmentHash } from './keys';
import type { Table } from './model';
import { ItemStore, TableStore, openDynamoDbSchema } from './store';
import { readRange } from './store-reads';
import { Writer } from './writer';

const dec = (s: string) => parseDecimal(s) as Decimal;

describe('DynamoDB number encoding', () => {
  it('renders canonical numbers and rejects what DynamoDB rejects', () => {
    assert.deepEqual(['01.50', '-0', '1e3', '1.23e-5', '-123.4560', '.5'].map((s) => renderDecimal(dec(s))), ['1.5', '0', '1000', '0.0000123', '-123.456', '0.5']);
    assert.equal(parseDecimal('1'.repeat(39)), 'Attempting to store more than 38 significant digits in a Number');
    assert.equal(parseDecimal('1e126'), 'Number overflow. Attempting to store a number with magnitude larger than supported range');
    assert.equal(parseDecimal('1e-131'), 'Number underflow. Attempting to store a number with magnitude smaller than supported range');
    assert.equal(typeof parseDecimal('9.9999999999999999999999999999999999999e125'), 'object');
    assert.equal(typeof parseDecimal('1e-130'), 'object');
    assert.equal(parseDecimal('abc'), 'The parameter cannot be converted to a numeric value: abc');
  });
  it('encodes numbers so that string order is numeric order', () => {
    const sorted = ['-9.9e125', '-1e10', '-10', '-9.99', '-2', '-1.5', '-1', '-0.5', '-1e-130', '0', '1e-130', '0.5', '1', '1.000000000000000000000000000000000001', '1.5', '2', '10', '99', '100', '1e125'];
    const enc = sorted.map((s) => encodeDecimal(dec(s)));
    assert.deepEqual([...enc].sort(), enc);
    for (let i = 1; i < sorted.length; i++) assert.equal(compareDecimal(dec(sorted[i - 1]), dec(sorted[i])), -1, sorted[i]);
  });
});

const table = (over: Partial<Table> = {}): Table => ({
  tid: 't1', name: 'things', arn: 'arn', tableId: 'id', hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type: 'N' },
  attributeDefinitions: [], status: 'ACTIVE', createdAt: 0, billingMode: 'PAY_PER_REQUEST', throughput: { read: 0, write: 0 }, tags: {},
  indexes: [{ name: 'byS', kind: 'GSI', hash: { name: 'g', type: 'S' }, range: { name: 's', type: 'S' }, projection: { type: 'KEYS_ONLY' }, status: 'ACTIVE' }],
  ...over,
});

for (const [name, open] of [['SQLite', openTestSqlite], ['PostgreSQL', openTestPostgres]] as const) {
  describe(`DynamoDB store on ${name}`, () => {
    it('sorts keys as DynamoDB, reads ranges both ways, keeps index entries and calls hooks in the transaction', async () => {
      const t = await open();
      try {
        await openDynamoDbSchema(t.sql);
        const items = new ItemStore(t.sql);
        const writer = new Writer(t.sql, items);
        const seen: string[] = [];
        writer.hooks.push(async (tx, tb, o, n) => { seen.push(`${tb.name}:${o ? 'old' : '-'}:${n ? 'new' : '-'}`); void tx; });
        const tb = table();
        const nums = ['-100', '-1.5', '0', '0.25', '3', '20', '1e20'];
        const strs = ['B', 'a', 'a\u0000b', 'a\u0001', 'ab', 'é', '\u{1F600}'];
        await Promise.all(nums.map((n, i) => writer.run(async (w) => {
          const item = { pk: { S: 'p' }, sk: { N: n }, g: { S: 'G' }, s: { S: strs[i] } };
          const k = checkItemKey(tb, item);
          const cur = await w.read(tb, k);
          await w.write(tb, k, cur.item, item);
        })));
        const base = { tid: 't1', partition: { seg: checkItemKey(tb, { pk: { S: 'p' }, sk: { N: '0' } }).seg, hk: 'p' } };
        const fwd = await readRange(items, { ...base, forward: true, limit: 100 });
        assert.deepEqual(fwd.map((r) => JSON.parse(r.item).sk.N), nums);
        const back = await readRange(items, { ...base, forward: false, limit: 3 });
        assert.deepEqual(back.map((r) => JSON.parse(r.item).sk.N), ['1e20', '20', '3']);
        const rest = await readRange(items, { ...base, forward: false, limit: 100, after: back[2].pos });
        assert.equal(rest.length, 4);
        const range = await readRange(items, { ...base, forward: true, limit: 100, range: { op: 'BETWEEN', type: 'N', values: ['-1.5', '3'].map((n) => encodeKey('N', { N: n })) } });
        assert.deepEqual(range.map((r) => JSON.parse(r.item).sk.N), ['-1.5', '0', '0.25', '3']);
        const gk = encodeKey('S', { S: 'G' });
        const ix = await readRange(items, { tid: 't1', index: 'byS', partition: { seg: segmentHash(gk), hk: gk }, forward: true, limit: 100 });
        const byBytes = [...strs].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        assert.deepEqual(ix.map((r) => JSON.parse(r.item).s.S), byBytes);
        const prefix = await readRange(items, { tid: 't1', index: 'byS', partition: { seg: segmentHash(gk), hk: gk }, forward: true, limit: 100,
          range: { op: 'begins_with', type: 'S', values: [encodeKey('S', { S: 'a' })] } });
        assert.deepEqual(prefix.map((r) => JSON.parse(r.item).s.S), ['a', 'a\u0000b', 'a\u0001', 'ab']);
        // A failed group rolls back the item and its index entry together.
        await assert.rejects(writer.run(async (w) => {
          const item = { pk: { S: 'p' }, sk: { N: '999' }, g: { S: 'G' }, s: { S: 'zz' } };
          await w.write(tb, checkItemKey(tb, item), undefined, item);
          throw new Error('boom');
        }));
        assert.equal((await new TableStore(t.sql).stats('t1')).count, 7);
        assert.equal((await new TableStore(t.sql).indexStats('t1', 'byS')).count, 7);
        assert.equal(seen.length, 8);
        // Deleting removes the index entry too.
        await writer.run(async (w) => {
          const k = checkItemKey(tb, { pk: { S: 'p' }, sk: { N: '0' } });
          const cur = await w.read(tb, k);
          await w.write(tb, k, cur.item, undefined);
        });
        assert.equal((await new TableStore(t.sql).indexStats('t1', 'byS')).count, 6);
      } finally { await t.cleanup(); }
    });
  });
}
