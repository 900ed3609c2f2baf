// Primary and index keys of items: checked as DynamoDB checks them, and encoded for storage
// (keys.ts). `rk` is '' for a table (or index) without a range key. Pure.
import { ValidationException, invalid, keyMismatch, notValid } from './errors';
import type { AttributeValue, Item } from './expr';
import { encodeKey, segmentHash, type KeyType } from './keys';
import { keyNames, type IndexDef, type KeyDef, type Table } from './model';

export interface StoredKey { seg: number; hk: string; rk: string }
export interface IndexKey { seg: number; ihk: string; irk: string }

const typeOf = (v: AttributeValue): string => Object.keys(v)[0];

function emptyKeyValue(type: KeyType, v: AttributeValue): boolean {
  return (type === 'S' && v.S === '') || (type === 'B' && v.B === '');
}

function encodeTableKey(table: Table, item: Item): StoredKey {
  const hk = encodeKey(table.hash.type, item[table.hash.name]);
  return { seg: segmentHash(hk), hk, rk: table.range ? encodeKey(table.range.type, item[table.range.name]) : '' };
}

/** A request's Key (GetItem, DeleteItem, UpdateItem, ...): exactly the key attributes, of the right types. */
export function checkKey(table: Table, key: Item): StoredKey {
  const defs: KeyDef[] = table.range ? [table.hash, table.range] : [table.hash];
  if (Object.keys(key).length !== defs.length) throw keyMismatch();
  for (const d of defs) {
    const v = key[d.name];
    if (!v || typeOf(v) !== d.type) throw keyMismatch();
    if (emptyKeyValue(d.type, v)) throw notValid(`The AttributeValue for a key attribute cannot contain an empty ${d.type === 'S' ? 'string' : 'binary'} value. Key: ${d.name}`);
  }
  return encodeTableKey(table, key);
}

/** The key of an item to be written (PutItem), and its index attributes checked. */
export function checkItemKey(table: Table, item: Item): StoredKey {
  for (const d of table.range ? [table.hash, table.range] : [table.hash]) {
    const v = item[d.name];
    if (!v) throw invalid(`Missing the key ${d.name} in the item`);
    if (typeOf(v) !== d.type) throw invalid(`Type mismatch for key ${d.name} expected: ${d.type} actual: ${typeOf(v)}`);
    if (emptyKeyValue(d.type, v)) throw notValid(`The AttributeValue for a key attribute cannot contain an empty ${d.type === 'S' ? 'string' : 'binary'} value. Key: ${d.name}`);
  }
  checkIndexAttributes(table, item);
  return encodeTableKey(table, item);
}

/** Index key attributes present in an item must have the index's types and not be empty. */
export function checkIndexAttributes(table: Table, item: Item): void {
  for (const ix of table.indexes) {
    for (const d of [ix.hash, ix.range]) {
      const v = d && item[d.name];
      if (!d || !v) continue;
      if (typeOf(v) !== d.type) throw invalid(`Type mismatch for Index Key ${d.name} Expected: ${d.type} Actual: ${typeOf(v)} IndexName: ${ix.name}`);
      if (emptyKeyValue(d.type, v)) throw notValid(`A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${d.type === 'S' ? 'string' : 'binary'} value. IndexName: ${ix.name}, IndexKey: ${d.name}`);
    }
  }
}

/** The item's key in an index, or undefined when the item lacks an index key attribute (sparse). */
export function indexKeyOf(index: IndexDef, item: Item): IndexKey | undefined {
  const h = item[index.hash.name];
  const r = index.range ? item[index.range.name] : undefined;
  if (!h || typeOf(h) !== index.hash.type || (index.range && (!r || typeOf(r) !== index.range.type))) return undefined;
  const ihk = encodeKey(index.hash.type, h);
  return { seg: segmentHash(ihk), ihk, irk: index.range ? encodeKey(index.range.type, r as AttributeValue) : '' };
}

/** The key attributes of an item (what KEYS_ONLY and LastEvaluatedKey carry). */
export function keyAttributes(table: Table, item: Item, index?: IndexDef): Item {
  const out: Item = {};
  for (const n of keyNames(table, index)) if (item[n]) out[n] = item[n];
  return out;
}

/** The item as an index stores it: its projection. */
export function projectForIndex(table: Table, index: IndexDef, item: Item): Item {
  if (index.projection.type === 'ALL') return item;
  const out = keyAttributes(table, item, index);
  for (const n of index.projection.nonKey ?? []) if (item[n]) out[n] = item[n];
  return out;
}

export function checkKeyTypes(value: AttributeValue, def: KeyDef, what: string): void {
  if (typeOf(value) !== def.type) throw new ValidationException(`One or more parameter values were invalid: Condition parameter type does not match schema type${what}`);
}
