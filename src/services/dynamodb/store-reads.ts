// Ranged reads for Query and Scan, on a table or an index, in DynamoDB's order. A position
// is the tuple of ordering columns of the last row read; reading resumes after it.
//   table query:  ORDER BY rk                  index query:  ORDER BY irk, hk, rk
//   table scan:   ORDER BY seg, hk, rk         index scan:   ORDER BY seg, ihk, irk, hk, rk
import type { SqlValue } from '../../store/sql';
import type { ItemStore } from './store';
import { build } from './store';

export type RangeOp = '=' | '<' | '<=' | '>' | '>=' | 'BETWEEN' | 'begins_with';
export interface EncodedRange { op: RangeOp; values: string[]; type: 'S' | 'N' | 'B' }

export interface ReadSpec {
  tid: string;
  index?: string;
  /** Query: the partition (segment and encoded hash key). Absent for Scan. */
  partition?: { seg: number; hk: string };
  range?: EncodedRange;
  /** Scan: the [from, to) segment-hash range. */
  segments?: [number, number];
  forward: boolean;
  after?: SqlValue[];
  limit: number;
}

export interface ReadRow { item: string; size: number; pos: SqlValue[] }

/** The smallest string above every string starting with `prefix` in that type's encoding. */
function prefixEnd(prefix: string, type: 'S' | 'N' | 'B'): string {
  return type === 'B' ? `${prefix}g` : `${prefix}\u{10FFFF}`;
}

export async function readRange(store: ItemStore, s: ReadSpec): Promise<ReadRow[]> {
  const ix = s.index !== undefined;
  const hkCol = ix ? 'ihk' : 'hk';
  const rkCol = ix ? 'irk' : 'rk';
  const order = s.partition ? (ix ? ['irk', 'hk', 'rk'] : ['rk']) : (ix ? ['seg', 'ihk', 'irk', 'hk', 'rk'] : ['seg', 'hk', 'rk']);
  const parts: (string | { v: SqlValue })[] = [`SELECT item, size, ${order.join(', ')} FROM ${ix ? 'dynamodb_index_items' : 'dynamodb_items'} WHERE tid = `, { v: s.tid }];
  if (ix) parts.push(' AND iname = ', { v: s.index as string });
  if (s.partition) parts.push(' AND seg = ', { v: s.partition.seg }, ` AND ${hkCol} = `, { v: s.partition.hk });
  if (s.segments) parts.push(' AND seg >= ', { v: s.segments[0] }, ' AND seg < ', { v: s.segments[1] });
  const r = s.range;
  if (r) {
    const [a, b] = r.values;
    if (r.op === 'BETWEEN') parts.push(` AND ${rkCol} >= `, { v: a }, ` AND ${rkCol} <= `, { v: b });
    else if (r.op === 'begins_with') parts.push(` AND ${rkCol} >= `, { v: a }, ` AND ${rkCol} < `, { v: prefixEnd(a, r.type) });
    else parts.push(` AND ${rkCol} ${r.op} `, { v: a });
  }
  if (s.after) {
    parts.push(` AND (${order.join(', ')}) ${s.forward ? '>' : '<'} (`);
    s.after.forEach((v, i) => { if (i) parts.push(', '); parts.push({ v }); });
    parts.push(')');
  }
  const dir = s.forward ? 'ASC' : 'DESC';
  parts.push(` ORDER BY ${order.map((c) => `${c} ${dir}`).join(', ')} LIMIT `, { v: s.limit });
  const rows = await store.db.all<Record<string, unknown>>(build(parts));
  return rows.map((row) => ({
    item: row.item as string, size: Number(row.size),
    pos: order.map((c) => (c === 'seg' ? Number(row[c]) : (row[c] as string))),
  }));
}
