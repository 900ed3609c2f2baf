// Key values as sortable strings (stored TEXT with byte collation: BINARY on SQLite, "C"
// on PostgreSQL), so SQL's ORDER BY is DynamoDB's order: numbers numerically, strings by
// their UTF-8 bytes, binary by bytes (lowercase hex). And the scan segment of a hash key:
// a 32-bit FNV-1a hash of its encoding, which orders Scan and splits parallel scans. Pure.
import { encodeDecimal, parseDecimal } from './decimal';
import type { AttributeValue } from './expr';

export type KeyType = 'S' | 'N' | 'B';

/** NUL is not allowed in PostgreSQL text: an order-preserving prefix-free escape of \0 and \x01. */
function escapeText(s: string): string {
  return /[\u0000\u0001]/.test(s) ? s.replace(/[\u0000\u0001]/g, (c) => (c === '\u0000' ? '\u0001\u0001' : '\u0001\u0002')) : s;
}

/** The sortable encoding of a (validated) key attribute value of type `type`. */
export function encodeKey(type: KeyType, v: AttributeValue): string {
  if (type === 'S') return escapeText(v.S as string);
  if (type === 'B') return Buffer.from(v.B as unknown as string, 'base64').toString('hex');
  const d = parseDecimal(v.N as string);
  if (typeof d === 'string') throw new Error(d);
  return encodeDecimal(d);
}

export const SEGMENT_SPACE = 2 ** 32;

/** The hash of an encoded hash key, in [0, 2^32). */
export function segmentHash(encoded: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < encoded.length; i++) {
    h ^= encoded.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The [from, to) hash range of parallel-scan segment `segment` of `total`. */
export function segmentRange(segment: number, total: number): [number, number] {
  return [Math.ceil((segment * SEGMENT_SPACE) / total), Math.ceil(((segment + 1) * SEGMENT_SPACE) / total)];
}
