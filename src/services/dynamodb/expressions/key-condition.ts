// KeyConditionExpression: parsed and checked like a condition, then reduced to one equality
// on the partition key and at most one range condition on the sort key, with DynamoDB's
// messages for anything a Query cannot use.
import { checkCondition } from './condition-check';
import { ExpressionError } from './errors';
import type { AttributeValue, Comparator, Condition, ExpressionInput, KeyCondition, KeyRangeOp, Operand, Parsed } from './model';
import { checkText, validateExpressionInput } from './semantics';

interface KeyPart { name: string; op: KeyRangeOp; values: AttributeValue[] }
const fail = (m: string) => new ExpressionError(m);
const FLIP: Record<string, Comparator> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function keyPart(c: Condition): KeyPart {
  if (c.kind === 'or' || c.kind === 'not' || c.kind === 'in') throw fail(`Invalid operator used in KeyConditionExpression: ${c.kind.toUpperCase()}`);
  if (c.kind === 'compare' && c.op === '<>') throw fail('Invalid operator used in KeyConditionExpression: <>');
  if (c.kind === 'function' && c.name !== 'begins_with') throw fail(`Invalid operator used in KeyConditionExpression: ${c.name}`);
  if (c.kind === 'true' || c.kind === 'and') throw fail('Query key condition not supported');
  const operands: Operand[] = c.kind === 'compare' ? [c.left, c.right] : c.kind === 'between' ? [c.operand, c.low, c.high] : c.kind === 'function' ? c.args : [];
  if (operands.some((o) => o.kind === 'size')) throw fail('KeyConditionExpressions cannot contain nested operations');
  const label = c.kind === 'between' ? 'BETWEEN' : 'begins_with';
  if (c.kind !== 'compare' && operands[0].kind !== 'path') {
    throw fail(`Invalid condition in KeyConditionExpression: ${label} operator must have the key attribute as its first operand`);
  }
  const paths = operands.filter((o) => o.kind === 'path');
  if (paths.length > 1) throw fail('Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition');
  if (paths.length === 0) throw fail('Invalid condition in KeyConditionExpression: No key attribute specified');
  const path = (paths[0] as { path: (string | number)[] }).path;
  if (path.length > 1) throw fail('KeyConditionExpressions cannot have conditions on nested attributes');
  const values = operands.filter((o) => o.kind === 'value').map((o) => (o as { value: AttributeValue }).value);
  if (c.kind === 'compare') {
    const op = operands[0].kind === 'path' ? c.op : FLIP[c.op];
    return { name: path[0] as string, op: op as KeyRangeOp, values };
  }
  return { name: path[0] as string, op: c.kind === 'between' ? 'BETWEEN' : 'begins_with', values };
}

function parts(c: Condition, out: KeyPart[] = []): KeyPart[] {
  if (c.kind === 'and') { parts(c.left, out); parts(c.right, out); } else out.push(keyPart(c));
  return out;
}

/** Reduces key parts to the table's (or index's) key; exported for legacy KeyConditions. */
export function toKeyCondition(list: KeyPart[], key: { hash: string; range?: string }): KeyCondition {
  const seen = new Set<string>();
  for (const p of list) {
    if (seen.has(p.name)) throw fail('KeyConditionExpressions must only contain one condition per key');
    seen.add(p.name);
  }
  if (list.length > 2) throw fail('Conditions can be of length 1 or 2 only');
  const hash = list.find((p) => p.name === key.hash);
  if (!hash) throw fail(`Query condition missed key schema element: ${key.hash}`);
  if (hash.op !== '=') throw fail('Query key condition not supported');
  const other = list.find((p) => p !== hash);
  if (!other) return { hashValue: hash.values[0] };
  if (!key.range) throw fail('Query key condition not supported');
  if (other.name !== key.range) throw fail(`Query condition missed key schema element: ${key.range}`);
  return { hashValue: hash.values[0], range: { op: other.op, values: other.values } };
}

export function parseKeyCondition(text: string, input: ExpressionInput, key: { hash: string; range?: string }): Parsed<KeyCondition> {
  validateExpressionInput(input);
  checkText('KeyConditionExpression', text);
  const { ast, semantics } = checkCondition(text, 'KeyConditionExpression', input);
  semantics.finish();
  return { ast: toKeyCondition(parts(ast), key), usedNames: semantics.usedNames, usedValues: semantics.usedValues };
}
