// The shared part of Query and Scan: which source (table or index), Select and projection,
// the start position from ExclusiveStartKey, and LastEvaluatedKey from the last row.
import type { SqlValue } from '../../store/sql';
import type { Input } from './context';
import { ValidationException, invalid } from './errors';
import type { Item } from './expr';
import { checkKey, indexKeyOf, keyAttributes } from './item-keys';
import type { IndexDef, Table } from './model';
import { keyNames } from './model';
import { checkItem } from './values';

export type Select = 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES' | 'SPECIFIC_ATTRIBUTES' | 'COUNT';

export function sourceIndex(table: Table, req: Input, op: 'Query' | 'Scan'): IndexDef | undefined {
  if (req.IndexName === undefined) return undefined;
  const ix = table.indexes.find((i) => i.name === req.IndexName);
  if (!ix || ix.status === 'DELETING') throw new ValidationException(`The table does not have the specified index: ${String(req.IndexName)}`);
  if (ix.status === 'CREATING') throw new ValidationException(`Cannot read from backfilling global secondary index: ${ix.name}`);
  if (ix.kind === 'GSI' && req.ConsistentRead === true) throw new ValidationException('Consistent reads are not supported on global secondary indexes');
  void op;
  return ix;
}

export function selectOf(table: Table, ix: IndexDef | undefined, req: Input): Select {
  const hasProjection = req.ProjectionExpression !== undefined || req.AttributesToGet !== undefined;
  const select: Select = req.Select ?? (hasProjection ? 'SPECIFIC_ATTRIBUTES' : ix ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES');
  if (!['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT'].includes(select)) {
    throw new ValidationException(`1 validation error detected: Value '${String(select)}' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]`);
  }
  if (hasProjection && select !== 'SPECIFIC_ATTRIBUTES') {
    throw new ValidationException(`Cannot specify the AttributesToGet when choosing to get ${select}`.replace('AttributesToGet', req.ProjectionExpression !== undefined ? 'ProjectionExpression' : 'AttributesToGet'));
  }
  if (select === 'ALL_PROJECTED_ATTRIBUTES' && !ix) throw new ValidationException('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
  if (select === 'ALL_ATTRIBUTES' && ix && ix.kind === 'GSI' && ix.projection.type !== 'ALL') {
    throw invalid(`Select type ALL_ATTRIBUTES is not supported for global secondary index ${ix.name} because its projection type is not ALL`);
  }
  return select;
}

export function checkLimit(req: Input): number | undefined {
  if (req.Limit === undefined) return undefined;
  if (typeof req.Limit !== 'number' || req.Limit < 1) throw new ValidationException(`1 validation error detected: Value '${String(req.Limit)}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`);
  return req.Limit;
}

/** The position after ExclusiveStartKey, in the ordering columns of store-reads.ts. */
export function startPosition(table: Table, ix: IndexDef | undefined, req: Input, query: boolean): SqlValue[] | undefined {
  if (req.ExclusiveStartKey === undefined) return undefined;
  const esk = checkItem(req.ExclusiveStartKey);
  const names = keyNames(table, ix);
  const bad = () => new ValidationException('The provided starting key is invalid: The provided key element does not match the schema');
  if (Object.keys(esk).some((k) => !names.includes(k))) throw bad();
  let k;
  try { k = checkKey(table, keyAttributes(table, esk)); } catch { throw bad(); }
  if (!ix) return query ? [k.rk] : [k.seg, k.hk, k.rk];
  const ik = indexKeyOf(ix, esk);
  if (!ik) throw bad();
  return query ? [ik.irk, k.hk, k.rk] : [ik.seg, ik.ihk, ik.irk, k.hk, k.rk];
}

export function lastKey(table: Table, ix: IndexDef | undefined, item: Item): Item {
  return keyAttributes(table, item, ix);
}
