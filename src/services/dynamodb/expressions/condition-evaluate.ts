// Evaluates a checked condition against an item (undefined = no item). A missing attribute
// or a type mismatch makes a comparison or function false (`<>` true), never an error.
import { compareValues, setHas, typeOf, valuesEqual } from './attribute-values';
import { getPath } from './document-paths';
import type { AttributeValue, Condition, ExpressionInput, Item, Operand } from './model';

/** size(): string length in characters, binary length in bytes, element count of sets, lists, maps. */
export function sizeOf(v: AttributeValue | undefined): number | undefined {
  switch (typeOf(v)) {
    case 'S': return [...v!.S!].length;
    case 'B': return Buffer.from(v!.B!, 'base64').length;
    case 'SS': return v!.SS!.length;
    case 'NS': return v!.NS!.length;
    case 'BS': return v!.BS!.length;
    case 'L': return v!.L!.length;
    case 'M': return Object.keys(v!.M!).length;
    default: return undefined;
  }
}

function operandValue(o: Operand, item: Item | undefined): AttributeValue | undefined {
  if (o.kind === 'value') return o.value;
  if (o.kind === 'path') return getPath(item, o.path);
  const n = sizeOf(operandValue(o.operand, item));
  return n === undefined ? undefined : { N: String(n) };
}

const ORDERED = new Set(['S', 'N', 'B']);

function compare(op: string, a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (op === '=') return valuesEqual(a, b);
  if (op === '<>') return !valuesEqual(a, b);
  if (!a || !b || !ORDERED.has(typeOf(a) ?? '')) return false;
  const c = compareValues(a, b);
  if (c === undefined) return false;
  return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
}

function bytesOf(v: AttributeValue): Buffer {
  return v.S !== undefined ? Buffer.from(v.S, 'utf8') : Buffer.from(v.B!, 'base64');
}

function contains(haystack: AttributeValue | undefined, needle: AttributeValue | undefined): boolean {
  const t = typeOf(haystack), n = typeOf(needle);
  if (!haystack || !needle || !t || !n) return false;
  if ((t === 'S' && n === 'S') || (t === 'B' && n === 'B')) return bytesOf(haystack).includes(bytesOf(needle));
  if ((t === 'SS' && n === 'S') || (t === 'NS' && n === 'N') || (t === 'BS' && n === 'B')) {
    return setHas(t, haystack[t]!, needle[n] as string);
  }
  if (t === 'L') return haystack.L!.some((e) => valuesEqual(e, needle));
  return false;
}

function beginsWith(v: AttributeValue | undefined, prefix: AttributeValue | undefined): boolean {
  const t = typeOf(v);
  if (!v || !prefix || (t !== 'S' && t !== 'B') || t !== typeOf(prefix)) return false;
  const a = bytesOf(v), p = bytesOf(prefix);
  return a.length >= p.length && a.subarray(0, p.length).equals(p);
}

export function evaluateCondition(c: Condition, item: Item | undefined, _input?: ExpressionInput): boolean {
  switch (c.kind) {
    case 'true': return true;
    case 'and': return evaluateCondition(c.left, item) && evaluateCondition(c.right, item);
    case 'or': return evaluateCondition(c.left, item) || evaluateCondition(c.right, item);
    case 'not': return !evaluateCondition(c.condition, item);
    case 'compare': return compare(c.op, operandValue(c.left, item), operandValue(c.right, item));
    case 'between': {
      const v = operandValue(c.operand, item);
      return compare('>=', v, operandValue(c.low, item)) && compare('<=', v, operandValue(c.high, item));
    }
    case 'in': {
      const v = operandValue(c.operand, item);
      return v !== undefined && c.list.some((o) => valuesEqual(v, operandValue(o, item)));
    }
    case 'function': {
      const [a, b] = c.args.map((o) => operandValue(o, item));
      switch (c.name) {
        case 'attribute_exists': return a !== undefined;
        case 'attribute_not_exists': return a === undefined;
        case 'attribute_type': return a !== undefined && typeOf(a) === b?.S;
        case 'begins_with': return beginsWith(a, b);
        case 'contains': return contains(a, b);
      }
    }
  }
}
