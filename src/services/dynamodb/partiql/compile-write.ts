// INSERT, UPDATE, DELETE and EXISTS as the service's own write requests (PutItem, UpdateItem,
// DeleteItem, and TransactWriteItems' ConditionCheck). The WHERE must hold an equality on every
// key attribute; its other terms become the ConditionExpression. INSERT is a put on condition
// that the key is new; UPDATE needs the item to exist; DELETE of a missing item succeeds. Pure.
import type { Input } from '../context';
import { ValidationException } from '../errors';
import { valuesEqual, type Item } from '../expr';
import type { Table } from '../model';
import type { Delete, DocPath, Exists, Expr, Insert, Update } from './ast';
import { conditionText, conjuncts, keyComparison } from './conditions';
import { ExprText, valueOf, type Binding } from './values';

export type WriteKind = 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
export interface WritePlan { kind: WriteKind; table: string; request: Input; insert?: boolean }

const INCOMPLETE = 'Where clause does not contain a mandatory equality on all key attributes';

/** The item's key from the WHERE's equalities, and the WHERE's other terms. */
export function whereKey(where: Expr | undefined, table: Table, b: Binding): { key: Item; rest: Expr[] } {
  const terms = conjuncts(where);
  const key: Item = {};
  const used = new Set<Expr>();
  for (const def of table.range ? [table.hash, table.range] : [table.hash]) {
    for (const e of terms) {
      const eq = keyComparison(e, def.name);
      if (eq?.op !== '=') continue;
      const v = valueOf(eq.value, b);
      if (!v) continue;
      if (key[def.name] && !valuesEqual(key[def.name], v)) {
        throw new ValidationException(`Multiple conditions on same key ${def.name}. Only single item Update/Insert/Delete are supported`);
      }
      key[def.name] = v;
      used.add(e);
    }
    if (!key[def.name]) throw new ValidationException(INCOMPLETE);
  }
  return { key, rest: terms.filter((e) => !used.has(e)) };
}

function conditionOf(terms: Expr[], b: Binding, t: ExprText): string | undefined {
  if (terms.length === 0) return undefined;
  return terms.map((e) => (['and', 'or', 'not'].includes(e.k) ? `(${conditionText(e, b, t)})` : conditionText(e, b, t))).join(' AND ');
}

export function compileInsert(s: Insert, table: Table, b: Binding): WritePlan {
  const v = valueOf(s.value, b);
  if (!v || v.M === undefined) throw new ValidationException('Unsupported format in item expression. Please use struct format {...} to express item values for insert statement.');
  const t = new ExprText();
  const request = { TableName: table.name, Item: v.M, ConditionExpression: `attribute_not_exists(${t.name(table.hash.name)})`, ...t.request() };
  return { kind: 'Put', table: table.name, request, insert: true };
}

function setFunction(name: string, target: DocPath, args: Expr[], b: Binding, t: ExprText): string {
  const op = name === 'set_add' ? 'ADD' : 'DELETE';
  const upper = name.toUpperCase().replace('SET_', '');
  if (args.length !== 2) throw new ValidationException(`SET_${upper} must have exactly two arguments`);
  const [first, second] = args;
  if (first.k !== 'path' || JSON.stringify(first.path) !== JSON.stringify(target)) throw new ValidationException(`The first argument to SET_${upper} must equal the assignment value`);
  const v = second.k === 'bag' || second.k === 'param' ? valueOf(second, b) : undefined;
  if (!v || !(v.SS || v.NS || v.BS)) throw new ValidationException(`The second argument to SET_${upper} must be a value with type SET`);
  return `${op} ${t.path(target)} ${t.value(v)}`;
}

function setValue(e: Expr, b: Binding, t: ExprText): string {
  if (e.k === 'path') return t.path(e.path);
  if (e.k === 'arith') return `${setValue(e.l, b, t)} ${e.op} ${setValue(e.r, b, t)}`;
  if (e.k === 'call') {
    if (e.name !== 'list_append' && e.name !== 'if_not_exists') throw new ValidationException(`Unrecognized function: ${e.name}`);
    return `${e.name}(${e.args.map((a) => setValue(a, b, t)).join(', ')})`;
  }
  const v = valueOf(e, b);
  if (!v) throw new ValidationException(`Unsupported operator in Update Expression. Operator: ${e.k}`);
  return t.value(v);
}

export function compileUpdate(s: Update, table: Table, b: Binding): WritePlan {
  const { key, rest } = whereKey(s.where, table, b);
  const t = new ExprText();
  const sets: string[] = [], removes: string[] = [], others: string[] = [];
  for (const a of s.actions) {
    if (a.op === 'REMOVE') { removes.push(t.path(a.path)); continue; }
    if (a.value.k === 'call' && (a.value.name === 'set_add' || a.value.name === 'set_delete')) others.push(setFunction(a.value.name, a.path, a.value.args, b, t));
    else sets.push(`${t.path(a.path)} = ${setValue(a.value, b, t)}`);
  }
  const update = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : '', ...others].filter((x) => x).join(' ');
  const extra = conditionOf(rest, b, t);
  const exists = `attribute_exists(${t.name(table.hash.name)})`;
  const request = { TableName: table.name, Key: key, UpdateExpression: update, ConditionExpression: extra ? `${exists} AND (${extra})` : exists,
    ReturnValues: s.returning, ...t.request() };
  return { kind: 'Update', table: table.name, request };
}

export function compileDelete(s: Delete, table: Table, b: Binding): WritePlan {
  const { key, rest } = whereKey(s.where, table, b);
  const t = new ExprText();
  const extra = conditionOf(rest, b, t);
  const cond = extra ? `attribute_not_exists(${t.name(table.hash.name)}) OR (${extra})` : undefined;
  const request = { TableName: table.name, Key: key, ConditionExpression: cond, ReturnValues: s.returning, ...t.request() };
  return { kind: 'Delete', table: table.name, request };
}

export function compileExists(s: Exists, table: Table, b: Binding): WritePlan {
  if (s.select.index !== undefined) throw new ValidationException('Operations on indices are not supported in transactions');
  const refused = () => new ValidationException('EXISTS() must contain a single item read with additional condition');
  let kr: { key: Item; rest: Expr[] };
  try { kr = whereKey(s.select.where, table, b); } catch { throw refused(); }
  if (kr.rest.length === 0) throw refused();
  const t = new ExprText();
  return { kind: 'ConditionCheck', table: table.name, request: { TableName: table.name, Key: kr.key, ConditionExpression: conditionOf(kr.rest, b, t), ...t.request() } };
}

