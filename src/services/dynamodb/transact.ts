// TransactWriteItems (up to 100 Put/Update/Delete/ConditionCheck, all or nothing, one
// transaction; TransactionCanceledException with a reason per action; ClientRequestToken
// answers a repeat within 10 minutes with the first result) and TransactGetItems.
import { createHash } from 'node:crypto';
import { consumed, readUsage, writeUsage, type Usage } from './capacity';
import type { Input, Operation } from './context';
import { DynamoDbError, IdempotentParameterMismatchException, TransactionCanceledException, ValidationException } from './errors';
import { Expressions, project } from './expression-input';
import type { Item } from './expr';
import { checkKey } from './item-keys';
import type { Table } from './model';
import { checkMutation, deleteMutation, putMutation, updateMutation, type Mutation } from './mutation';
import { checkTableName } from './table-input';
import { checkItem } from './values';

const TOKEN_MS = 10 * 60_000;
const KINDS = ['ConditionCheck', 'Put', 'Delete', 'Update'] as const;

function actions(req: Input): Input[] {
  const list = req.TransactItems;
  if (!Array.isArray(list)) throw new ValidationException('1 validation error detected: Value null at \'transactItems\' failed to satisfy constraint: Member must not be null');
  if (list.length < 1 || list.length > 100) {
    throw new ValidationException(`1 validation error detected: Value '[${list.length} items]' at 'transactItems' failed to satisfy constraint: Member must have length ${list.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 100'}`);
  }
  return list as Input[];
}

function total(into: Map<string, { table: Table; u: Usage }>, table: Table, u: Usage): void {
  const cur = into.get(table.name);
  if (!cur) { into.set(table.name, { table, u }); return; }
  cur.u.table += u.table;
  for (const [k, v] of u.indexes) cur.u.indexes.set(k, (cur.u.indexes.get(k) ?? 0) + v);
}

export const transactWriteItems: Operation = async (ctx, req) => {
  const list = actions(req);
  const token = req.ClientRequestToken as string | undefined;
  const digest = createHash('sha256').update(JSON.stringify(list)).digest('hex');
  if (token !== undefined) {
    const prior = await ctx.items.token(token, ctx.clock.now());
    if (prior && prior.digest !== digest) throw new IdempotentParameterMismatchException('The request uses the same client token as a previous, but non-identical request.');
    if (prior) return JSON.parse(prior.result) as unknown;
  }
  const mutations: Mutation[] = list.map((a) => {
    const kinds = KINDS.filter((k) => a[k] !== undefined);
    if (kinds.length !== 1) throw new ValidationException('TransactItems can only contain one of Check, Put, Update or Delete');
    const body = a[kinds[0]] as Input;
    const table = ctx.tables.forItems(checkTableName(body.TableName));
    if (kinds[0] === 'Put') return putMutation(table, body);
    if (kinds[0] === 'Delete') return deleteMutation(table, body);
    if (kinds[0] === 'Update') return updateMutation(table, body);
    return checkMutation(table, body);
  });
  const keys = new Set(mutations.map((m) => `${m.table.tid}\u0000${m.key.hk}\u0000${m.key.rk}`));
  if (keys.size !== mutations.length) throw new ValidationException('Transaction request cannot include multiple operations on one item');
  return ctx.writer.run(async (w) => {
    const current: (Item | undefined)[] = [];
    for (const m of mutations) current.push((await w.read(m.table, m.key)).item);
    const reasons: Record<string, unknown>[] = [];
    const next: (Item | undefined)[] = [];
    let failed = false;
    mutations.forEach((m, i) => {
      try {
        m.check(current[i]);
        next.push(m.compute(current[i]));
        reasons.push({ Code: 'None' });
      } catch (e) {
        if (!(e instanceof DynamoDbError)) throw e;
        failed = true;
        next.push(undefined);
        const code = e.shape === 'ConditionalCheckFailedException' ? 'ConditionalCheckFailed' : e.shape === 'ValidationException' ? 'ValidationError' : e.shape;
        reasons.push({ Code: code, Message: e.message, ...(e.fields.Item ? { Item: e.fields.Item } : {}) });
      }
    });
    if (failed) {
      throw new TransactionCanceledException(`Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
        { CancellationReasons: reasons });
    }
    for (let i = 0; i < mutations.length; i++) {
      if (mutations[i].kind !== 'ConditionCheck') await w.write(mutations[i].table, mutations[i].key, current[i], next[i]);
    }
    const usage = new Map<string, { table: Table; u: Usage }>();
    mutations.forEach((m, i) => total(usage, m.table, m.kind === 'ConditionCheck' ? readUsage(0, true) : writeUsage(m.table, current[i], next[i], 2)));
    const cc = [...usage.values()].map(({ table, u }) => consumed(req.ReturnConsumedCapacity, table, u)).filter((c) => c);
    const result = { ConsumedCapacity: cc.length ? cc : undefined };
    if (token !== undefined) await ctx.items.saveToken(w.tx, token, digest, JSON.stringify(result), ctx.clock.now() + TOKEN_MS);
    return result;
  });
};

export const transactGetItems: Operation = async (ctx, req) => {
  const list = actions(req);
  const gets = list.map((a) => {
    if (!a.Get) throw new ValidationException('1 validation error detected: Value null at \'transactItems.1.member.get\' failed to satisfy constraint: Member must not be null');
    const body = a.Get as Input;
    const table = ctx.tables.forItems(checkTableName(body.TableName));
    const x = new Expressions(body);
    const paths = x.projection(body.ProjectionExpression);
    x.done();
    return { table, key: checkKey(table, checkItem(body.Key)), paths };
  });
  const keys = new Set(gets.map((g) => `${g.table.tid}\u0000${g.key.hk}\u0000${g.key.rk}`));
  if (keys.size !== gets.length) throw new ValidationException('Transaction request cannot include multiple operations on one item');
  const rows = await ctx.writer.run(async (w) => Promise.all(gets.map((g) => ctx.items.get(g.table.tid, g.key, w.tx))));
  const usage = new Map<string, { table: Table; u: Usage }>();
  gets.forEach((g, i) => total(usage, g.table, readUsage(rows[i]?.size ?? 0, true)));
  for (const v of usage.values()) { v.u.table *= 2; for (const [k, n] of v.u.indexes) v.u.indexes.set(k, n * 2); }
  const cc = [...usage.values()].map(({ table, u }) => consumed(req.ReturnConsumedCapacity, table, u)).filter((c) => c);
  return {
    Responses: gets.map((g, i) => (rows[i] ? { Item: project(JSON.parse(rows[i]!.item) as Item, g.paths) } : {})),
    ConsumedCapacity: cc.length ? cc : undefined,
  };
};
