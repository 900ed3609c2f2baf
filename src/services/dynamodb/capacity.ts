// Consumed capacity as DynamoDB computes it: reads 1 unit per 4 KB (rounded up) strongly
// consistent, half that eventually consistent (transactional reads twice); writes 1 unit per
// 1 KB (the larger of the old and new item), transactional writes twice; an index write per
// changed entry (a moved key costs a delete and a put). Pure.
import type { Item } from './expr';
import { indexKeyOf, projectForIndex } from './item-keys';
import type { Table } from './model';
import { itemSize } from './values';

export const readUnits = (bytes: number, consistent: boolean): number => Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);
export const writeUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));

export interface Usage { table: number; indexes: Map<string, number>; kind: 'read' | 'write' }

export function writeUsage(table: Table, oldItem: Item | undefined, newItem: Item | undefined, factor = 1): Usage {
  const indexes = new Map<string, number>();
  for (const ix of table.indexes) {
    const a = oldItem && indexKeyOf(ix, oldItem);
    const b = newItem && indexKeyOf(ix, newItem);
    const sa = a && oldItem ? itemSize(projectForIndex(table, ix, oldItem)) : 0;
    const sb = b && newItem ? itemSize(projectForIndex(table, ix, newItem)) : 0;
    let u = 0;
    if (a && b && a.ihk === b.ihk && a.irk === b.irk) u = writeUnits(Math.max(sa, sb));
    else u = (a ? writeUnits(sa) : 0) + (b ? writeUnits(sb) : 0);
    if (u) indexes.set(ix.name, u * factor);
  }
  const size = Math.max(oldItem ? itemSize(oldItem) : 0, newItem ? itemSize(newItem) : 0);
  return { table: writeUnits(size) * factor, indexes, kind: 'write' };
}

/** ConsumedCapacity for ReturnConsumedCapacity TOTAL or INDEXES; undefined for NONE. */
export function consumed(mode: unknown, table: Table, u: Usage, indexName?: string): Record<string, unknown> | undefined {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  const unitKey = u.kind === 'read' ? 'ReadCapacityUnits' : 'WriteCapacityUnits';
  let total = u.table;
  for (const v of u.indexes.values()) total += v;
  const out: Record<string, unknown> = { TableName: table.name, CapacityUnits: total, [unitKey]: total };
  if (mode === 'INDEXES') {
    out.Table = { CapacityUnits: u.table, [unitKey]: u.table };
    for (const [name, v] of u.indexes) {
      const kind = table.indexes.find((i) => i.name === name)?.kind === 'LSI' ? 'LocalSecondaryIndexes' : 'GlobalSecondaryIndexes';
      const map = (out[kind] ??= {}) as Record<string, unknown>;
      map[name] = { CapacityUnits: v, [unitKey]: v };
    }
  }
  void indexName;
  return out;
}

/** Usage of a read of `bytes` from the table or (indexName) one of its indexes. */
export function readUsage(bytes: number, consistent: boolean, indexName?: string): Usage {
  const units = readUnits(bytes, consistent);
  return indexName ? { table: 0, indexes: new Map([[indexName, units]]), kind: 'read' } : { table: units, indexes: new Map(), kind: 'read' };
}

export function itemCollectionMetrics(mode: unknown, table: Table, item: Item | undefined): Record<string, unknown> | undefined {
  if (mode !== 'SIZE' || !item || !table.indexes.some((i) => i.kind === 'LSI')) return undefined;
  return { ItemCollectionKey: { [table.hash.name]: item[table.hash.name] }, SizeEstimateRangeGB: [0, 1] };
}
