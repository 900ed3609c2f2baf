// BatchGetItem (100 keys, 16 MB per answer: the rest comes back as UnprocessedKeys) and
// BatchWriteItem (25 puts/deletes, no two on one item, committed in one transaction).
import { consumed, readUsage, writeUsage, type Usage } from './capacity';
import type { Input, Operation } from './context';
import { ValidationException } from './errors';
import { Expressions, legacy, noMixing, project } from './expression-input';
import type { Item } from './expr';
import { applyMutation } from './items';
import { checkKey } from './item-keys';
import type { Table } from './model';
import { deleteMutation, putMutation, type Mutation } from './mutation';
import { checkTableName } from './table-input';
import { checkItem } from './values';

const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

function requestItems(req: Input, what: string): [string, unknown][] {
  const ri = req.RequestItems;
  if (!ri || typeof ri !== 'object' || Object.keys(ri).length === 0) {
    throw new ValidationException(`1 validation error detected: Value ${ri ? '{}' : 'null'} at 'requestItems' failed to satisfy constraint: ${ri ? 'Member must have length greater than or equal to 1' : 'Member must not be null'}`);
  }
  void what;
  return Object.entries(ri as Record<string, unknown>);
}

function addUsage(into: Map<string, { table: Table; u: Usage }>, table: Table, u: Usage): void {
  const cur = into.get(table.name);
  if (!cur) { into.set(table.name, { table, u }); return; }
  cur.u.table += u.table;
  for (const [k, v] of u.indexes) cur.u.indexes.set(k, (cur.u.indexes.get(k) ?? 0) + v);
}

export const batchGetItem: Operation = async (ctx, req) => {
  const entries = requestItems(req, 'BatchGetItem');
  const plans = entries.map(([name, spec]) => {
    const table = ctx.tables.forItems(checkTableName(name, 'requestItems.tableName'));
    const s = (spec ?? {}) as Input;
    noMixing(s, ['AttributesToGet'], ['ProjectionExpression']);
    const keys = Array.isArray(s.Keys) ? (s.Keys as unknown[]) : [];
    if (keys.length === 0) throw new ValidationException(`1 validation error detected: Value '[]' at 'requestItems.${name}.member.keys' failed to satisfy constraint: Member must have length greater than or equal to 1`);
    const x = new Expressions(s);
    const paths = s.AttributesToGet !== undefined ? legacy.projection(s.AttributesToGet) : x.projection(s.ProjectionExpression);
    x.done();
    const stored = keys.map((k) => ({ raw: k, key: checkKey(table, checkItem(k)) }));
    const seen = new Set(stored.map((k) => `${k.key.hk}\u0000${k.key.rk}`));
    if (seen.size !== stored.length) throw new ValidationException('Provided list of item keys contains duplicates');
    return { name, table, s, stored, paths };
  });
  if (plans.reduce((n, p) => n + p.stored.length, 0) > 100) throw new ValidationException('Too many items requested for the BatchGetItem call');
  const responses: Record<string, Item[]> = {};
  const unprocessed: Record<string, Input> = {};
  const usage = new Map<string, { table: Table; u: Usage }>();
  let bytes = 0;
  for (const p of plans) {
    responses[p.name] = [];
    for (const { raw, key } of p.stored) {
      if (bytes >= MAX_ANSWER_BYTES) {
        const u = (unprocessed[p.name] ??= { ...p.s, Keys: [] });
        (u.Keys as unknown[]).push(raw);
        continue;
      }
      const row = await ctx.items.get(p.table.tid, key);
      if (row) { responses[p.name].push(project(JSON.parse(row.item) as Item, p.paths)); bytes += row.size; }
      addUsage(usage, p.table, readUsage(row?.size ?? 0, p.s.ConsistentRead === true));
    }
  }
  const cc = [...usage.values()].map(({ table, u }) => consumed(req.ReturnConsumedCapacity, table, u)).filter((c) => c);
  return { Responses: responses, UnprocessedKeys: unprocessed, ConsumedCapacity: cc.length ? cc : undefined };
};

export const batchWriteItem: Operation = async (ctx, req) => {
  const entries = requestItems(req, 'BatchWriteItem');
  const mutations: Mutation[] = [];
  for (const [name, list] of entries) {
    const table = ctx.tables.forItems(checkTableName(name, 'requestItems.tableName'));
    for (const r of Array.isArray(list) ? (list as Input[]) : []) {
      const kinds = ['PutRequest', 'DeleteRequest'].filter((k) => r[k] !== undefined);
      if (kinds.length !== 1) throw new ValidationException('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
      mutations.push(r.PutRequest ? putMutation(table, { Item: r.PutRequest.Item }) : deleteMutation(table, { Key: r.DeleteRequest.Key }));
    }
  }
  if (mutations.length > 25) throw new ValidationException('Too many items requested for the BatchWriteItem call');
  const seen = new Set(mutations.map((m) => `${m.table.tid}\u0000${m.key.hk}\u0000${m.key.rk}`));
  if (seen.size !== mutations.length) throw new ValidationException('Provided list of item keys contains duplicates');
  const results = await Promise.all(mutations.map((m) => applyMutation(ctx, m)));
  const usage = new Map<string, { table: Table; u: Usage }>();
  mutations.forEach((m, i) => addUsage(usage, m.table, writeUsage(m.table, results[i].old, results[i].next)));
  const cc = [...usage.values()].map(({ table, u }) => consumed(req.ReturnConsumedCapacity, table, u)).filter((c) => c);
  return { UnprocessedItems: {}, ConsumedCapacity: cc.length ? cc : undefined };
};
