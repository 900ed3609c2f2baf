// AttributeValue validation as DynamoDB does it (exactly one type, numbers in range and
// canonical form, no empty sets, no duplicate set members), and item sizes as DynamoDB
// counts them (names + values; about 1 byte per 2 digits of a number; 3 bytes + 1 per
// element for lists and maps). Numbers are rewritten in canonical form. Pure.
import { decimalSize, parseDecimal, renderDecimal } from './decimal';
import { ValidationException, invalid } from './errors';
import type { AttributeValue, Item } from './expr';

const TYPES = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'] as const;
export const MAX_ITEM_BYTES = 400 * 1024;

function canonicalNumber(text: unknown): string {
  if (typeof text !== 'string' || text === '') throw new ValidationException('The parameter cannot be converted to a numeric value');
  const d = parseDecimal(text);
  if (typeof d === 'string') throw new ValidationException(d);
  return renderDecimal(d);
}

function duplicates(values: string[]): boolean {
  return new Set(values).size !== values.length;
}

/** Validates one value (recursively) and returns it with numbers in canonical form. */
export function checkValue(v: unknown): AttributeValue {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new ValidationException('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  const present = TYPES.filter((t) => (v as Record<string, unknown>)[t] !== undefined && (v as Record<string, unknown>)[t] !== null);
  if (present.length === 0) throw new ValidationException('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  if (present.length > 1) throw new ValidationException('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
  const a = v as Required<AttributeValue>;
  switch (present[0]) {
    case 'S': return { S: String(a.S) };
    case 'B': return { B: String(a.B) };
    case 'N': return { N: canonicalNumber(a.N) };
    case 'BOOL': return { BOOL: !!a.BOOL };
    case 'NULL':
      if (a.NULL !== true) throw invalid('Null attribute value types must have the value of true');
      return { NULL: true };
    case 'SS':
      if (a.SS.length === 0) throw invalid('An string set  may not be empty');
      if (duplicates(a.SS)) throw invalid(`Input collection [${a.SS.join(', ')}] contains duplicates.`);
      return { SS: a.SS.map(String) };
    case 'NS': {
      if (a.NS.length === 0) throw invalid('An number set  may not be empty');
      const ns = a.NS.map(canonicalNumber);
      if (duplicates(ns)) throw invalid(`Input collection [${a.NS.join(', ')}] contains duplicates.`);
      return { NS: ns };
    }
    case 'BS':
      if (a.BS.length === 0) throw invalid('Binary sets should not be empty');
      if (duplicates(a.BS)) throw invalid(`Input collection [${a.BS.join(', ')}]of type BS contains duplicates.`);
      return { BS: a.BS.map(String) };
    case 'L': {
      if (!Array.isArray(a.L)) throw new ValidationException('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
      return { L: a.L.map(checkValue) };
    }
    case 'M': return { M: checkItem(a.M) };
  }
}

/** Validates every attribute of a map (an item, a key, a map value). */
export function checkItem(item: unknown): Item {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return {};
  const out: Item = {};
  for (const [k, v] of Object.entries(item)) out[k] = checkValue(v);
  return out;
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');
const b64 = (s: string) => Buffer.byteLength(s, 'base64');

export function valueSize(v: AttributeValue): number {
  if (v.S !== undefined) return utf8(v.S);
  if (v.N !== undefined) { const d = parseDecimal(v.N); return typeof d === 'string' ? v.N.length : decimalSize(d); }
  if (v.B !== undefined) return b64(v.B);
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS) return v.SS.reduce((n, s) => n + utf8(s), 0);
  if (v.NS) return v.NS.reduce((n, s) => n + valueSize({ N: s }), 0);
  if (v.BS) return v.BS.reduce((n, s) => n + b64(s), 0);
  if (v.L) return v.L.reduce((n, e) => n + 1 + valueSize(e), 3);
  if (v.M) return Object.entries(v.M).reduce((n, [k, e]) => n + 1 + utf8(k) + valueSize(e), 3);
  return 0;
}

export function itemSize(item: Item): number {
  let n = 0;
  for (const k in item) n += utf8(k) + valueSize(item[k]);
  return n;
}

export function checkItemSize(item: Item): number {
  const size = itemSize(item);
  if (size > MAX_ITEM_BYTES) throw new ValidationException('Item size has exceeded the maximum allowed size');
  return size;
}
