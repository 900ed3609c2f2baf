// DynamoDB's item size: each attribute's UTF-8 name length plus its value's size, for the
// 400 KB item limit and the 1 MB Query/Scan page. Strings count UTF-8 bytes, binaries bytes,
// numbers about one byte per two significant digits plus one, NULL and BOOL one byte,
// lists and maps 3 bytes plus one per element.
import type { AttributeValue, Item } from './model';
import { numberShape } from './numbers';

export const MAX_ITEM_SIZE = 400 * 1024;

function numberSize(n: string): number {
  const { digits, magnitude, negative } = numberShape(n);
  if (digits === 0) return 1;
  return 1 + Math.ceil(digits / 2) + (digits % 2 !== 0 || magnitude % 2 !== 0 ? 0 : 1) + (negative ? 1 : 0);
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');
const binary = (b: string) => Buffer.from(b, 'base64').length;

export function valueSize(v: AttributeValue): number {
  if (v.S !== undefined) return utf8(v.S);
  if (v.N !== undefined) return numberSize(v.N);
  if (v.B !== undefined) return binary(v.B);
  if (v.SS) return v.SS.reduce((s, e) => s + utf8(e), 0);
  if (v.NS) return v.NS.reduce((s, e) => s + numberSize(e), 0);
  if (v.BS) return v.BS.reduce((s, e) => s + binary(e), 0);
  if (v.L) return 3 + v.L.reduce((s, e) => s + 1 + valueSize(e), 0);
  if (v.M) return 3 + Object.entries(v.M).reduce((s, [k, e]) => s + 1 + utf8(k) + valueSize(e), 0);
  return 1; // NULL, BOOL
}

export function itemSize(item: Item): number {
  return Object.entries(item).reduce((s, [name, v]) => s + utf8(name) + valueSize(v), 0);
}
