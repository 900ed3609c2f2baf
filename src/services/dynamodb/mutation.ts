// One item change as PutItem, UpdateItem, DeleteItem, BatchWriteItem and TransactWriteItems
// share it: the key, the condition, and how the new item follows from the old one. `check`
// evaluates the condition against the current item; `compute` builds the new item (or
// undefined for a delete) and validates it. Both run inside the write transaction.
import type { Input } from './context';
import { ValidationException, conditionFailed, invalid } from './errors';
import { Expressions, legacy, noMixing } from './expression-input';
import type { DocumentPath, Item, UpdatePlan } from './expr';
import { checkIndexAttributes, checkItemKey, checkKey, type StoredKey } from './item-keys';
import type { Table } from './model';
import { checkItem, checkItemSize } from './values';

export interface Mutation {
  table: Table;
  key: StoredKey;
  kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
  /** Throws ConditionalCheckFailedException (with the item when asked) when the condition fails. */
  check(old: Item | undefined): void;
  compute(old: Item | undefined): Item | undefined;
  /** True when the condition holds (for TransactWriteItems' cancellation reasons). */
  holds(old: Item | undefined): boolean;
  /** An update's target paths (ReturnValues UPDATED_OLD / UPDATED_NEW return just those). */
  updatedPaths?: DocumentPath[];
}

function conditionOf(x: Expressions, req: Input): (old: Item | undefined) => boolean {
  const ast = req.Expected !== undefined ? legacy.condition(req.Expected, req.ConditionalOperator, 'Expected') : x.condition(req.ConditionExpression, 'ConditionExpression');
  return ast === undefined ? () => true : (old) => x.test(ast, old);
}

function finish(holds: (old: Item | undefined) => boolean, req: Input): (old: Item | undefined) => void {
  return (old) => {
    if (!holds(old)) throw conditionFailed(req.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' ? old : undefined);
  };
}

export function putMutation(table: Table, req: Input): Mutation {
  noMixing(req, ['Expected', 'ConditionalOperator'], ['ConditionExpression']);
  if (!req.Item || typeof req.Item !== 'object') throw new ValidationException('1 validation error detected: Value null at \'item\' failed to satisfy constraint: Member must not be null');
  const item = checkItem(req.Item);
  const key = checkItemKey(table, item);
  checkItemSize(item);
  const x = new Expressions(req);
  const holds = conditionOf(x, req);
  x.done();
  return { table, key, kind: 'Put', holds, check: finish(holds, req), compute: () => item };
}

export function deleteMutation(table: Table, req: Input): Mutation {
  noMixing(req, ['Expected', 'ConditionalOperator'], ['ConditionExpression']);
  const key = checkKey(table, checkItem(req.Key));
  const x = new Expressions(req);
  const holds = conditionOf(x, req);
  x.done();
  return { table, key, kind: 'Delete', holds, check: finish(holds, req), compute: () => undefined };
}

export function checkMutation(table: Table, req: Input): Mutation {
  const key = checkKey(table, checkItem(req.Key));
  if (req.ConditionExpression === undefined) throw new ValidationException('1 validation error detected: Value null at \'transactItems.1.member.conditionCheck.conditionExpression\' failed to satisfy constraint: Member must not be null');
  const x = new Expressions(req);
  const holds = conditionOf(x, req);
  x.done();
  return { table, key, kind: 'ConditionCheck', holds, check: finish(holds, req), compute: (old) => old };
}

export function updateMutation(table: Table, req: Input): Mutation {
  noMixing(req, ['Expected', 'ConditionalOperator', 'AttributeUpdates'], ['ConditionExpression', 'UpdateExpression']);
  const keyItem = checkItem(req.Key);
  const key = checkKey(table, keyItem);
  const x = new Expressions(req);
  const plan = req.AttributeUpdates !== undefined ? legacy.update(req.AttributeUpdates)
    : req.UpdateExpression === undefined ? undefined : x.update(String(req.UpdateExpression));
  const holds = conditionOf(x, req);
  x.done();
  const keyNames = [table.hash.name, table.range?.name].filter((n): n is string => !!n);
  const compute = (old: Item | undefined): Item => {
    const base: Item = old ?? { ...keyItem };
    const next = plan === undefined ? base : x.apply(plan, base);
    for (const k of keyNames) {
      if (JSON.stringify(next[k]) !== JSON.stringify(base[k])) throw invalid(`Cannot update attribute ${k}. This attribute is part of the key`);
    }
    checkIndexAttributes(table, next);
    checkItemSize(next);
    return next;
  };
  return { table, key, kind: 'Update', holds, check: finish(holds, req), compute, updatedPaths: (plan as UpdatePlan | undefined)?.actions.map((a) => a.path) ?? [] };
}
