// Applies an UpdatePlan to an item and returns the new item (the input is never mutated).
// As in DynamoDB every operand reads the item as it was before the update; SET on a list
// index past the end appends; REMOVE of list elements shifts the rest (indexes refer to the
// original list); DELETE that empties a set removes the attribute.
import { canonical, setHas, typeOf } from './attribute-values';
import { getPath } from './document-paths';
import { ExpressionError } from './errors';
import type { AttributeValue, DocumentPath, ExpressionInput, Item, SetValue, UpdateAction, UpdatePlan } from './model';
import { numbers } from './numbers';

export const UPDATE_RUNTIME_ERRORS = {
  invalidPath: 'The document path provided in the update expression is invalid for update',
  missing: 'The provided expression refers to an attribute that does not exist in the item',
  dataType: 'An operand in the update expression has an incorrect data type',
};
const fail = (m: string) => new ExpressionError(m);

function evaluate(v: SetValue, item: Item): AttributeValue {
  switch (v.kind) {
    case 'value': return v.value;
    case 'path': { const found = getPath(item, v.path); if (!found) throw fail(UPDATE_RUNTIME_ERRORS.missing); return found; }
    case 'if_not_exists': return getPath(item, v.path) ?? evaluate(v.fallback, item);
    case 'list_append': {
      const a = evaluate(v.first, item), b = evaluate(v.second, item);
      if (!a.L || !b.L) throw fail(UPDATE_RUNTIME_ERRORS.dataType);
      return { L: [...a.L, ...b.L] };
    }
    case '+': case '-': {
      const a = evaluate(v.left, item), b = evaluate(v.right, item);
      if (a.N === undefined || b.N === undefined) throw fail(UPDATE_RUNTIME_ERRORS.dataType);
      return { N: v.kind === '+' ? numbers.add(a.N, b.N) : numbers.subtract(a.N, b.N) };
    }
  }
}

/** Copies the containers along a path so the write below touches only fresh objects. */
function parentOf(root: { M: Record<string, AttributeValue> }, path: DocumentPath): AttributeValue | undefined {
  let node: AttributeValue = root;
  for (let i = 0; i < path.length - 1; i++) {
    const e = path[i];
    let child: AttributeValue | undefined;
    if (typeof e === 'number') {
      if (!node.L || e >= node.L.length) return undefined;
      child = node.L[e] = { ...node.L[e] };
    } else {
      if (!node.M || !Object.prototype.hasOwnProperty.call(node.M, e)) return undefined;
      child = node.M[e] = { ...node.M[e] };
    }
    if (child.M) child.M = { ...child.M };
    if (child.L) child.L = [...child.L];
    node = child;
  }
  return node;
}

function write(root: { M: Record<string, AttributeValue> }, path: DocumentPath, value: AttributeValue | undefined): void {
  const parent = parentOf(root, path);
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    if (!parent?.L) throw fail(UPDATE_RUNTIME_ERRORS.invalidPath);
    if (value === undefined) { if (last < parent.L.length) parent.L.splice(last, 1); }
    else if (last < parent.L.length) parent.L[last] = value;
    else parent.L.push(value);
  } else {
    if (!parent?.M) throw fail(UPDATE_RUNTIME_ERRORS.invalidPath);
    if (value === undefined) delete parent.M[last];
    else parent.M[last] = value;
  }
}

function add(existing: AttributeValue | undefined, v: AttributeValue): AttributeValue {
  const t = typeOf(v)!;
  if (!existing) return v;
  if (typeOf(existing) !== t) throw fail(UPDATE_RUNTIME_ERRORS.dataType);
  if (t === 'N') return { N: numbers.add(existing.N!, v.N!) };
  if (t === 'L') return { L: [...existing.L!, ...v.L!] };
  if (t === 'SS' || t === 'NS' || t === 'BS') {
    const merged = [...existing[t]!];
    for (const e of v[t]!) if (!setHas(t, merged, e)) merged.push(e);
    return { [t]: merged };
  }
  throw fail(UPDATE_RUNTIME_ERRORS.dataType);
}

function remove(existing: AttributeValue, v: AttributeValue): AttributeValue | undefined {
  const t = typeOf(v)!;
  if ((t !== 'SS' && t !== 'NS' && t !== 'BS') || typeOf(existing) !== t) throw fail(UPDATE_RUNTIME_ERRORS.dataType);
  const left = existing[t]!.filter((e) => !setHas(t, v[t]!, e));
  return left.length ? { [t]: left } : undefined;
}

export function applyUpdate(plan: UpdatePlan, item: Item, _input?: ExpressionInput): Item {
  const root = { M: { ...item } };
  const writes: { path: DocumentPath; value: AttributeValue | undefined }[] = [];
  const removals: DocumentPath[] = [];
  for (const a of plan.actions as UpdateAction[]) {
    const current = getPath(item, a.path);
    if (a.action === 'SET') writes.push({ path: a.path, value: canonical(evaluate(a.value, item)) });
    else if (a.action === 'REMOVE') removals.push(a.path);
    else if (a.action === 'ADD') writes.push({ path: a.path, value: canonical(add(current, a.value)) });
    else if (!a.value) removals.push(a.path);
    else if (current) writes.push({ path: a.path, value: remove(current, a.value) });
  }
  for (const w of writes) write(root, w.path, w.value);
  // Later indexes first, so each removal still addresses the original element.
  const order = (p: DocumentPath) => (typeof p[p.length - 1] === 'number' ? (p[p.length - 1] as number) : -1);
  for (const p of [...removals].sort((x, y) => order(y) - order(x))) write(root, p, undefined);
  return root.M;
}
