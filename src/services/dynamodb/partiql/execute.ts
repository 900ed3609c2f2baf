// ExecuteStatement: parse, bind the parameters, compile against the table's key schema, and
// run through the service's own operations (Query/Scan, PutItem, UpdateItem, DeleteItem).
import type { DynamoDbContext, Input, Operation } from '../context';
import { DynamoDbError, ValidationException } from '../errors';
import { deleteItem, putItem, updateItem } from '../items';
import type { Table } from '../model';
import type { Statement } from './ast';
import { compileSelect } from './compile-select';
import { compileDelete, compileExists, compileInsert, compileUpdate, type WritePlan } from './compile-write';
import { parseStatement } from './parse';
import { runRead } from './read';
import { bindParameters, type Binding } from './values';

export interface Prepared { stmt: Statement; b: Binding; table: Table }

/** Parsed and bound, with its table (ResourceNotFoundException when there is none). */
export function prepare(ctx: DynamoDbContext, statement: unknown, parameters: unknown): Prepared {
  if (typeof statement !== 'string') throw new ValidationException('1 validation error detected: Value null at \'statement\' failed to satisfy constraint: Member must not be null');
  if (statement.length > 8192) throw new ValidationException('1 validation error detected: Value at \'statement\' failed to satisfy constraint: Member must have length less than or equal to 8192');
  const stmt = parseStatement(statement);
  const b = bindParameters(statement, parameters, stmt.params);
  const name = stmt.kind === 'exists' ? stmt.select.table : stmt.table;
  return { stmt, b, table: ctx.tables.forItems(name) };
}

export function compileWrite(p: Prepared): WritePlan {
  switch (p.stmt.kind) {
    case 'insert': return compileInsert(p.stmt, p.table, p.b);
    case 'update': return compileUpdate(p.stmt, p.table, p.b);
    case 'delete': return compileDelete(p.stmt, p.table, p.b);
    case 'exists': return compileExists(p.stmt, p.table, p.b);
    default: throw new Error('not a write');
  }
}

export const duplicateItem = () => new DynamoDbError('DuplicateItemException', 'Duplicate primary key exists in table');

/** Runs one INSERT/UPDATE/DELETE; the answer's Items hold what RETURNING asked for. */
export async function runWrite(ctx: DynamoDbContext, plan: WritePlan, req: Input): Promise<Record<string, unknown>> {
  const request = { ...plan.request, ReturnConsumedCapacity: req.ReturnConsumedCapacity, ReturnValuesOnConditionCheckFailure: req.ReturnValuesOnConditionCheckFailure };
  let out: Record<string, unknown>;
  try {
    const op = plan.kind === 'Put' ? putItem : plan.kind === 'Update' ? updateItem : deleteItem;
    out = (await op(ctx, request)) as Record<string, unknown>;
  } catch (e) {
    if (plan.insert && e instanceof DynamoDbError && e.shape === 'ConditionalCheckFailedException') throw duplicateItem();
    throw e;
  }
  const result: Record<string, unknown> = {};
  if (plan.request.ReturnValues) result.Items = out.Attributes ? [out.Attributes] : [];
  if (out.ConsumedCapacity) result.ConsumedCapacity = out.ConsumedCapacity;
  return result;
}

export const executeStatement: Operation = async (ctx, req) => {
  const p = prepare(ctx, req.Statement, req.Parameters);
  if (p.stmt.kind === 'exists') throw new ValidationException('EXISTS can only be used in ExecuteTransaction write requests.');
  if (p.stmt.kind === 'select') return runRead(ctx, compileSelect(p.stmt, p.table, p.b, req), req);
  return runWrite(ctx, compileWrite(p), req);
};
