// The legacy (pre-expression) parameters as the same ASTs: Expected, QueryFilter/ScanFilter
// with ConditionalOperator, KeyConditions, AttributeUpdates. Validation messages are DynamoDB's.
import { attributeValueError, compareValues, typeOf } from './attribute-values';
import { ExpressionError } from './errors';
import { toKeyCondition } from './key-condition';
import type { AttributeValue, Comparator, Condition, KeyCondition, KeyRangeOp, Operand, UpdateAction, UpdatePlan } from './model';

export interface LegacyCondition { ComparisonOperator?: string; AttributeValueList?: AttributeValue[]; Value?: AttributeValue; Exists?: boolean }
export interface LegacyUpdate { Action?: 'PUT' | 'ADD' | 'DELETE'; Value?: AttributeValue }

const fail = (m: string) => new ExpressionError(m);
const invalidParam = (m: string) => fail(`One or more parameter values were invalid: ${m}`);
const ARGS: Record<string, [number, number]> = {
  EQ: [1, 1], NE: [1, 1], LE: [1, 1], LT: [1, 1], GE: [1, 1], GT: [1, 1], CONTAINS: [1, 1], NOT_CONTAINS: [1, 1],
  BEGINS_WITH: [1, 1], NULL: [0, 0], NOT_NULL: [0, 0], IN: [1, Infinity], BETWEEN: [2, 2],
};
const SCALARS = ['S', 'N', 'B'];
const TYPES: Record<string, string[]> = {
  EQ: [...SCALARS, 'SS', 'NS', 'BS', 'L', 'M', 'BOOL', 'NULL'], NE: [...SCALARS, 'SS', 'NS', 'BS', 'L', 'M', 'BOOL', 'NULL'],
  LE: SCALARS, LT: SCALARS, GE: SCALARS, GT: SCALARS, CONTAINS: SCALARS, NOT_CONTAINS: SCALARS, BEGINS_WITH: ['S', 'B'], IN: SCALARS, BETWEEN: SCALARS,
};

/** Checks one ComparisonOperator entry; returns its values. */
function checkEntry(op: string, values: AttributeValue[]): AttributeValue[] {
  for (const v of values) { const m = attributeValueError(v); if (m) throw fail(m); }
  const range = ARGS[op];
  if (!range || values.length < range[0] || values.length > range[1]) throw invalidParam(`Invalid number of argument(s) for the ${op} ComparisonOperator`);
  if (values.some((v) => typeOf(v) !== typeOf(values[0]))) throw invalidParam('AttributeValues inside AttributeValueList must be of same type');
  for (const v of values) if (!TYPES[op]?.includes(typeOf(v)!)) throw invalidParam(`ComparisonOperator ${op} is not valid for ${typeOf(v)} AttributeValue type`);
  if (op === 'BETWEEN' && (compareValues(values[0], values[1]) ?? 0) > 0) throw fail('The BETWEEN condition was provided a range where the lower bound is greater than the upper bound');
  return values;
}

function expectedEntry(name: string, c: LegacyCondition): { op: string; values: AttributeValue[] } {
  if (c.AttributeValueList !== undefined && c.Value !== undefined) throw invalidParam(`Value and AttributeValueList cannot be used together for Attribute: ${name}`);
  if (c.ComparisonOperator !== undefined) {
    if (c.Exists !== undefined) throw invalidParam(`Exists and ComparisonOperator cannot be used together for Attribute: ${name}`);
    const op = c.ComparisonOperator;
    if (op !== 'NULL' && op !== 'NOT_NULL' && c.AttributeValueList === undefined && c.Value === undefined) {
      throw invalidParam(`Value or AttributeValueList must be used with ComparisonOperator: ${op} for Attribute: ${name}`);
    }
    return { op, values: c.AttributeValueList ?? (c.Value ? [c.Value] : []) };
  }
  if (c.AttributeValueList !== undefined) throw invalidParam(`AttributeValueList can only be used with a ComparisonOperator for Attribute: ${name}`);
  const exists = c.Exists ?? true;
  if (exists && c.Value === undefined) throw invalidParam(`Value must be provided when Exists is ${c.Exists ?? 'null'} for Attribute: ${name}`);
  if (!exists && c.Value !== undefined) throw invalidParam(`Value cannot be used when Exists is false for Attribute: ${name}`);
  return exists ? { op: 'EQ', values: [c.Value!] } : { op: 'NULL', values: [] };
}

const COMPARATORS: Record<string, Comparator> = { EQ: '=', NE: '<>', LE: '<=', LT: '<', GE: '>=', GT: '>' };

function toCondition(name: string, op: string, values: AttributeValue[]): Condition {
  const path: Operand = { kind: 'path', path: [name] };
  const v = values.map((value): Operand => ({ kind: 'value', value }));
  if (COMPARATORS[op]) return { kind: 'compare', op: COMPARATORS[op], left: path, right: v[0] };
  switch (op) {
    case 'NULL': return { kind: 'function', name: 'attribute_not_exists', args: [path] };
    case 'NOT_NULL': return { kind: 'function', name: 'attribute_exists', args: [path] };
    case 'CONTAINS': return { kind: 'function', name: 'contains', args: [path, v[0]] };
    case 'NOT_CONTAINS': return { kind: 'not', condition: { kind: 'function', name: 'contains', args: [path, v[0]] } };
    case 'BEGINS_WITH': return { kind: 'function', name: 'begins_with', args: [path, v[0]] };
    case 'IN': return { kind: 'in', operand: path, list: v };
    default: return { kind: 'between', operand: path, low: v[0], high: v[1] };
  }
}

/** Expected (with Exists/Value) or QueryFilter/ScanFilter, joined by ConditionalOperator (AND by default). */
export function legacyCondition(conditions: Record<string, LegacyCondition>, conditionalOperator: 'AND' | 'OR' = 'AND', parameter: 'Expected' | 'QueryFilter' | 'ScanFilter' = 'Expected'): Condition {
  const parts = Object.entries(conditions).map(([name, c]) => {
    const { op, values } = parameter === 'Expected' ? expectedEntry(name, c) : { op: c.ComparisonOperator ?? '', values: c.AttributeValueList ?? [] };
    return toCondition(name, op, checkEntry(op, values));
  });
  if (parts.length === 0) return { kind: 'true' };
  const kind = conditionalOperator === 'OR' ? 'or' : 'and';
  return parts.reduce((left, right) => ({ kind, left, right }));
}

/** KeyConditions of a Query, for the table's or index's key. */
export function legacyKeyCondition(conditions: Record<string, LegacyCondition>, key: { hash: string; range?: string }): KeyCondition {
  const entries = Object.entries(conditions).map(([name, c]) => ({ name, op: c.ComparisonOperator ?? '', values: checkEntry(c.ComparisonOperator ?? '', c.AttributeValueList ?? []) }));
  if (entries.length !== 1 && entries.length !== 2) throw fail('Conditions can be of length 1 or 2 only');
  for (const name of [key.hash, ...(key.range && entries.length > 1 ? [key.range] : [])]) {
    if (!conditions[name]) throw fail(`Query condition missed key schema element: ${name}`);
  }
  if (entries.some((e) => ['NULL', 'NOT_NULL', 'CONTAINS', 'NOT_CONTAINS', 'IN', 'NE'].includes(e.op))) throw fail('Attempted conditional constraint is not an indexable operation');
  const ops: Record<string, KeyRangeOp> = { EQ: '=', LT: '<', LE: '<=', GT: '>', GE: '>=', BETWEEN: 'BETWEEN', BEGINS_WITH: 'begins_with' };
  return toKeyCondition(entries.map((e) => ({ name: e.name, op: ops[e.op], values: e.values })), key);
}

/** AttributeUpdates of UpdateItem (Action PUT by default). */
export function legacyUpdate(updates: Record<string, LegacyUpdate>): UpdatePlan {
  const actions = Object.entries(updates).map(([name, u]): UpdateAction => {
    const action = u.Action ?? 'PUT';
    if (u.Value !== undefined) { const m = attributeValueError(u.Value); if (m) throw fail(m); }
    const t = u.Value ? typeOf(u.Value)! : undefined;
    if (action === 'PUT') {
      if (!u.Value) throw invalidParam('Only DELETE action is allowed when no attribute value is specified');
      return { action: 'SET', path: [name], value: { kind: 'value', value: u.Value } };
    }
    if (action === 'ADD') {
      if (!u.Value) throw invalidParam('Only DELETE action is allowed when no attribute value is specified');
      if (!['N', 'SS', 'NS', 'BS'].includes(t!)) throw invalidParam(`ADD action is not supported for the type ${t}`);
      return { action: 'ADD', path: [name], value: u.Value };
    }
    if (u.Value && !['SS', 'NS', 'BS'].includes(t!)) throw invalidParam(`DELETE action with value is not supported for the type ${t}`);
    return { action: 'DELETE', path: [name], value: u.Value };
  });
  return { actions };
}
