// PutItem, GetItem, UpdateItem, DeleteItem.
import type { DynamoDbContext, Input, Operation } from './context';
import { ValidationException } from './errors';
import { Expressions, legacy, noMixing, project } from './expression-input';
import type { Item } from './expr';
import { consumed, itemCollectionMetrics, readUsage, writeUsage } from './capacity';
import { checkKey } from './item-keys';
import { deleteMutation, putMutation, updateMutation, type Mutation } from './mutation';
import { checkTableName } from './table-input';
import { checkItem } from './values';
import { RawItem } from './raw-json';

export async function applyMutation(ctx: DynamoDbContext, m: Mutation): Promise<{ old?: Item; next?: Item }> {
  return ctx.writer.run(async (w) => {
    const cur = await w.read(m.table, m.key);
    m.check(cur.item);
    const next = m.compute(cur.item);
    await w.write(m.table, m.key, cur.item, next);
    return { old: cur.item, next };
  });
}

function returnValues(req: Input, allowed: string[]): string {
  const rv = req.ReturnValues ?? 'NONE';
  if (!allowed.includes(rv)) {
    if (!['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'].includes(rv)) {
      throw new ValidationException(`1 validation error detected: Value '${String(rv)}' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]`);
    }
    throw new ValidationException('ReturnValues can only be ALL_OLD or NONE');
  }
  return rv;
}

function writeResult(req: Input, m: Mutation, r: { old?: Item; next?: Item }, rv: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let attrs: Item | undefined;
  if (rv === 'ALL_OLD') attrs = r.old;
  else if (rv === 'ALL_NEW') attrs = r.next;
  // Only the attributes (or nested paths) the update named, as they were before / are after it.
  else if (rv === 'UPDATED_OLD') attrs = r.old && project(r.old, m.updatedPaths ?? []);
  else if (rv === 'UPDATED_NEW') attrs = r.next && project(r.next, m.updatedPaths ?? []);
  if (attrs && rv.startsWith('UPDATED_')) for (const k of [m.table.hash.name, m.table.range?.name]) if (k) delete attrs[k];
  if (attrs && Object.keys(attrs).length) out.Attributes = attrs;
  out.ConsumedCapacity = consumed(req.ReturnConsumedCapacity, m.table, writeUsage(m.table, r.old, r.next));
  out.ItemCollectionMetrics = itemCollectionMetrics(req.ReturnItemCollectionMetrics, m.table, r.next ?? r.old);
  return out;
}

export const putItem: Operation = async (ctx, req) => {
  const table = ctx.tables.forItems(checkTableName(req.TableName));
  const rv = returnValues(req, ['NONE', 'ALL_OLD']);
  const m = putMutation(table, req);
  return writeResult(req, m, await applyMutation(ctx, m), rv);
};

export const deleteItem: Operation = async (ctx, req) => {
  const table = ctx.tables.forItems(checkTableName(req.TableName));
  const rv = returnValues(req, ['NONE', 'ALL_OLD']);
  const m = deleteMutation(table, req);
  return writeResult(req, m, await applyMutation(ctx, m), rv);
};

export const updateItem: Operation = async (ctx, req) => {
  const table = ctx.tables.forItems(checkTableName(req.TableName));
  const rv = returnValues(req, ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW']);
  const m = updateMutation(table, req);
  return writeResult(req, m, await applyMutation(ctx, m), rv);
};

export const getItem: Operation = async (ctx, req) => {
  const table = ctx.tables.forItems(checkTableName(req.TableName));
  noMixing(req, ['AttributesToGet'], ['ProjectionExpression']);
  const key = checkKey(table, checkItem(req.Key));
  const x = new Expressions(req);
  const paths = req.AttributesToGet !== undefined ? legacy.projection(req.AttributesToGet) : x.projection(req.ProjectionExpression);
  x.done();
  const row = await ctx.items.get(table.tid, key);
  const out: Record<string, unknown> = {};
  if (row) out.Item = paths === undefined ? new RawItem(row.item) : project(JSON.parse(row.item) as Item, paths);
  out.ConsumedCapacity = consumed(req.ReturnConsumedCapacity, table, readUsage(row?.size ?? 0, req.ConsistentRead === true));
  return out;
};
