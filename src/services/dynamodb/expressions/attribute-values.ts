// AttributeValue semantics: type, equality (sets unordered, numbers numeric), ordering
// (strings by UTF-8 bytes, binary by unsigned bytes, numbers numerically), the validation
// messages DynamoDB gives for malformed values, and the canonical stored form.
import { ExpressionError } from './errors';
import { ATTRIBUTE_TYPES, type AttributeType, type AttributeValue } from './model';
import { numbers } from './numbers';

export function typeOf(v: AttributeValue | undefined): AttributeType | undefined {
  if (!v) return undefined;
  for (const t of ATTRIBUTE_TYPES) if (v[t] !== undefined) return t;
  return undefined;
}

const bytes = (b64: string) => Buffer.from(b64, 'base64');

function orderScalar(t: AttributeType, a: AttributeValue, b: AttributeValue): number {
  if (t === 'N') return numbers.compare(a.N!, b.N!);
  const x = t === 'S' ? Buffer.from(a.S!, 'utf8') : bytes(a.B!);
  const y = t === 'S' ? Buffer.from(b.S!, 'utf8') : bytes(b.B!);
  return Math.sign(Buffer.compare(x, y));
}

function setKey(t: 'SS' | 'NS' | 'BS', e: string): string {
  return t === 'NS' ? numbers.normalize(e) : t === 'BS' ? bytes(e).toString('hex') : e;
}

export function valuesEqual(a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  const t = typeOf(a);
  if (!a || !b || t === undefined || t !== typeOf(b)) return false;
  switch (t) {
    case 'S': case 'N': case 'B': return orderScalar(t, a, b) === 0;
    case 'NULL': return true;
    case 'BOOL': return a.BOOL === b.BOOL;
    case 'SS': case 'NS': case 'BS': {
      const x = new Set(a[t]!.map((e) => setKey(t, e)));
      const y = b[t]!.map((e) => setKey(t, e));
      return x.size === new Set(y).size && y.every((e) => x.has(e));
    }
    case 'L': return a.L!.length === b.L!.length && a.L!.every((e, i) => valuesEqual(e, b.L![i]));
    case 'M': {
      const ka = Object.keys(a.M!), kb = Object.keys(b.M!);
      return ka.length === kb.length && ka.every((k) => k in b.M! && valuesEqual(a.M![k], b.M![k]));
    }
  }
}

/**
 * Orders two values of one type: S, N and B by DynamoDB's rules; other types compare equal (0)
 * or not at all. undefined when the types differ or the values have no order.
 */
export function compareValues(a: AttributeValue, b: AttributeValue): number | undefined {
  const t = typeOf(a);
  if (t === undefined || t !== typeOf(b)) return undefined;
  if (t === 'S' || t === 'N' || t === 'B') return orderScalar(t, a, b);
  return valuesEqual(a, b) ? 0 : undefined;
}

/** Whether a set holds an element (numbers numerically, binary by bytes). */
export function setHas(t: 'SS' | 'NS' | 'BS', set: string[], e: string): boolean {
  const k = setKey(t, e);
  return set.some((x) => setKey(t, x) === k);
}

function duplicate(t: 'SS' | 'NS' | 'BS', set: string[]): boolean {
  return new Set(set.map((e) => setKey(t, e))).size !== set.length;
}

const invalidParam = (s: string) => `One or more parameter values were invalid: ${s}`;

/** DynamoDB's message for a malformed AttributeValue, or undefined when it is well formed. */
export function attributeValueError(v: AttributeValue): string | undefined {
  const types = ATTRIBUTE_TYPES.filter((t) => v[t] !== undefined && v[t] !== null);
  if (types.length === 0) return 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
  if (types.length > 1) return 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes';
  try {
    switch (types[0]) {
      case 'N': numbers.normalize(v.N!); break;
      case 'NULL': if (v.NULL !== true) return invalidParam('Null attribute value types must have the value of true'); break;
      case 'SS':
        if (v.SS!.length === 0) return invalidParam('An string set  may not be empty');
        if (duplicate('SS', v.SS!)) return invalidParam(`Input collection [${v.SS!.join(', ')}] contains duplicates.`);
        break;
      case 'NS':
        if (v.NS!.length === 0) return invalidParam('An number set  may not be empty');
        for (const n of v.NS!) numbers.normalize(n);
        if (duplicate('NS', v.NS!)) return 'Input collection contains duplicates';
        break;
      case 'BS':
        if (v.BS!.length === 0) return invalidParam('Binary sets should not be empty');
        if (v.BS!.some((b) => !b)) return invalidParam('Binary sets may not contain null or empty values');
        if (duplicate('BS', v.BS!)) return invalidParam(`Input collection [${v.BS!.join(', ')}]of type BS contains duplicates.`);
        break;
      case 'M': for (const e of Object.values(v.M!)) { const m = attributeValueError(e); if (m) return m; } break;
      case 'L': for (const e of v.L!) { const m = attributeValueError(e); if (m) return m; } break;
    }
  } catch (e) {
    if (e instanceof ExpressionError) return e.message;
    throw e;
  }
  return undefined;
}

/** The stored form: numbers canonical (also inside sets, lists and maps). */
export function canonical(v: AttributeValue): AttributeValue {
  if (v.N !== undefined) return { N: numbers.normalize(v.N) };
  if (v.NS) return { NS: v.NS.map((n) => numbers.normalize(n)) };
  if (v.L) return { L: v.L.map(canonical) };
  if (v.M) return { M: Object.fromEntries(Object.entries(v.M).map(([k, e]) => [k, canonical(e)])) };
  return v;
}

/** `{N:5}` as DynamoDB prints an operand in its messages. */
export function valueString(v: AttributeValue): string {
  const t = typeOf(v)!;
  const raw = v[t];
  return `{${t}:${Array.isArray(raw) ? `[${raw.join(', ')}]` : typeof raw === 'object' ? JSON.stringify(raw) : String(raw)}}`;
}
