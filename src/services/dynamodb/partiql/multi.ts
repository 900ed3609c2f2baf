// BatchExecuteStatement (up to 25 statements, all reads or all writes, each answered on its
// own: an item, or an Error with DynamoDB's short code) and ExecuteTransaction (up to 100, all
// reads through TransactGetItems or all writes through TransactWriteItems, all or nothing).
import type { DynamoDbContext, Input, Operation } from '../context';
import { DynamoDbError, TransactionCanceledException, ValidationException } from '../errors';
import { getItem } from '../items';
import { checkMutation, deleteMutation, putMutation, updateMutation } from '../mutation';
import { transactGetItems, transactWriteItems } from '../transact';
import { selectKey } from './compile-select';
import { compileWrite, duplicateItem, prepare, runWrite, type Prepared } from './execute';
import { projectPaths } from './read';

function members(list: unknown, name: string, max: number): Input[] {
  if (!Array.isArray(list)) throw new ValidationException(`1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`);
  if (list.length < 1 || list.length > max) {
    throw new ValidationException(`1 validation error detected: Value '[${list.length} items]' at '${name}' failed to satisfy constraint: Member must have length ${list.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${max}`}`);
  }
  return list as Input[];
}

/** `ConditionalCheckFailedException` → `ConditionalCheckFailed`, `ValidationException` → `ValidationError`. */
export function shortCode(shape: string): string {
  return shape === 'ValidationException' ? 'ValidationError' : shape.replace(/Exception$/, '');
}

const isRead = (p: Prepared) => p.stmt.kind === 'select';
const BATCH_KEY = 'Select statements within BatchExecuteStatement must specify the primary key in the where clause.';

async function batchOne(ctx: DynamoDbContext, p: Prepared, s: Input): Promise<Record<string, unknown>> {
  if (p.stmt.kind === 'select') {
    if (p.stmt.index !== undefined) throw new ValidationException(BATCH_KEY);
    const key = selectKey(p.stmt, p.table, p.b, BATCH_KEY);
    const out = (await getItem(ctx, { TableName: p.table.name, Key: key, ConsistentRead: s.ConsistentRead })) as Record<string, unknown>;
    const raw = out.Item as { json?: string } | undefined;
    const item = raw?.json !== undefined ? JSON.parse(raw.json) : raw;
    return { TableName: p.table.name, ...(item ? { Item: projectPaths(item, p.stmt.projection) } : {}) };
  }
  if (p.stmt.kind === 'exists') throw new ValidationException('EXISTS can only be used in ExecuteTransaction write requests.');
  const out = await runWrite(ctx, compileWrite(p), { ReturnValuesOnConditionCheckFailure: s.ReturnValuesOnConditionCheckFailure });
  const items = out.Items as unknown[] | undefined;
  return { TableName: p.table.name, ...(items?.length ? { Item: items[0] } : {}) };
}

export const batchExecuteStatement: Operation = async (ctx, req) => {
  const list = members(req.Statements, 'statements', 25);
  const prepared = list.map((s) => { try { return prepare(ctx, s?.Statement, s?.Parameters); } catch (e) { if (e instanceof DynamoDbError) return e; throw e; } });
  const ok = prepared.filter((p): p is Prepared => !(p instanceof DynamoDbError));
  if (ok.some(isRead) && ok.some((p) => !isRead(p))) throw new ValidationException('Read and write requests together in the same batch is not supported.');
  const responses: Record<string, unknown>[] = [];
  for (let i = 0; i < list.length; i++) {
    const p = prepared[i];
    try {
      if (p instanceof DynamoDbError) throw p;
      responses.push(await batchOne(ctx, p, list[i]));
    } catch (e) {
      if (!(e instanceof DynamoDbError)) throw e;
      responses.push({ Error: { Code: shortCode(e.shape), Message: e.message, ...(e.fields.Item ? { Item: e.fields.Item } : {}) } });
    }
  }
  return { Responses: responses };
};

function inStatement<T>(i: number, fn: () => T): T {
  try { return fn(); } catch (e) {
    if (e instanceof DynamoDbError && e.shape === 'ValidationException') throw new ValidationException(`Validation failed in TransactStatements[${i}]: ${e.message}`);
    throw e;
  }
}

const TGI_KEY = 'Select statements within ExecuteTransaction must specify the primary key in the where clause.';
const MUTATIONS = { Put: putMutation, Update: updateMutation, Delete: deleteMutation, ConditionCheck: checkMutation };

export const executeTransaction: Operation = async (ctx, req) => {
  const list = members(req.TransactStatements, 'transactStatements', 100);
  const prepared = list.map((s, i) => inStatement(i, () => prepare(ctx, s?.Statement, s?.Parameters)));
  const reads = prepared.filter(isRead).length;
  if (reads && reads !== prepared.length) throw new ValidationException('Read and write requests together in the same transaction is not supported.');
  if (reads) {
    const gets = prepared.map((p, i) => inStatement(i, () => {
      if (p.stmt.kind !== 'select') throw new Error('unreachable');
      if (p.stmt.index !== undefined) throw new ValidationException('Reads on indices are not supported within transactions.');
      return { Get: { TableName: p.table.name, Key: selectKey(p.stmt, p.table, p.b, TGI_KEY) } };
    }));
    const out = (await transactGetItems(ctx, { TransactItems: gets, ReturnConsumedCapacity: req.ReturnConsumedCapacity })) as Record<string, unknown>;
    const responses = (out.Responses as { Item?: Record<string, never> }[]).map((r, i) => {
      const s = prepared[i].stmt;
      return r.Item && s.kind === 'select' ? { TableName: prepared[i].table.name, Item: projectPaths(r.Item, s.projection) } : {};
    });
    return { Responses: responses, ConsumedCapacity: out.ConsumedCapacity };
  }
  const plans = prepared.map((p, i) => inStatement(i, () => {
    if ('returning' in p.stmt && p.stmt.returning) throw new ValidationException('RETURNING clause is not supported in ExecuteTransaction.');
    const plan = compileWrite(p);
    return { ...plan, request: { ...plan.request, ReturnValuesOnConditionCheckFailure: list[i].ReturnValuesOnConditionCheckFailure } };
  }));
  cancelOnInvalid(ctx, plans);
  try {
    return await transactWriteItems(ctx, { TransactItems: plans.map((p) => ({ [p.kind]: p.request })),
      ClientRequestToken: req.ClientRequestToken, ReturnConsumedCapacity: req.ReturnConsumedCapacity });
  } catch (e) {
    if (!(e instanceof DynamoDbError) || e.shape !== 'TransactionCanceledException') throw e;
    const reasons = (e.fields.CancellationReasons as Record<string, unknown>[]).map((r, i) =>
      (plans[i].insert && r.Code === 'ConditionalCheckFailed' ? { Code: 'DuplicateItem', Message: duplicateItem().message } : r));
    throw cancelled(reasons);
  }
};

function cancelled(reasons: Record<string, unknown>[]): InstanceType<typeof TransactionCanceledException> {
  return new TransactionCanceledException(`Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    { CancellationReasons: reasons });
}

/** A statement whose request the service refuses (a key of the wrong type, ...) cancels the transaction, as DynamoDB reports it. */
function cancelOnInvalid(ctx: DynamoDbContext, plans: { kind: keyof typeof MUTATIONS; request: Input }[]): void {
  let failed = false;
  const reasons = plans.map((p) => {
    try { MUTATIONS[p.kind](ctx.tables.forItems(p.request.TableName as string), p.request); return { Code: 'None' }; } catch (e) {
      if (!(e instanceof DynamoDbError) || e.shape !== 'ValidationException') throw e;
      failed = true;
      return { Code: 'ValidationError', Message: e.message };
    }
  });
  if (failed) throw cancelled(reasons);
}
