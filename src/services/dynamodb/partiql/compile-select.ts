// SELECT as the service's own reads: a WHERE with an equality (or IN) on the partition key of
// the table or index becomes one Query per value, with the first sort-key term that a key
// condition can hold (=, <, <=, >, >=, BETWEEN, begins_with); anything else is a Scan, as
// DynamoDB does. The other terms stay a filter, evaluated on each item read. Pure.
import type { Input } from '../context';
import { ValidationException } from '../errors';
import type { AttributeValue, Item } from '../expr';
import type { KeyDef, Table } from '../model';
import type { DocPath, Expr, Select } from './ast';
import { conditionText, conjuncts, keyComparison, keyTerms } from './conditions';
import { ExprText, valueOf, type Binding } from './values';

export interface Filter { text: string; names?: Record<string, string>; values?: Record<string, AttributeValue> }
export interface ReadPlan {
  table: string;
  /** Query inputs (one per partition key value), or one Scan input. */
  reads: Input[];
  scan: boolean;
  filter?: Filter;
  projection: '*' | DocPath[];
}

function checkType(def: KeyDef, v: AttributeValue | undefined): AttributeValue {
  if (!v || Object.keys(v)[0] !== def.type) throw new ValidationException(`Key attribute's data type should match its data type in table's schema: Key ${def.name}`);
  return v;
}

export function filterOf(terms: Expr[], b: Binding): Filter | undefined {
  if (terms.length === 0) return undefined;
  const t = new ExprText();
  const text = terms.map((e) => (['and', 'or', 'not'].includes(e.k) ? `(${conditionText(e, b, t)})` : conditionText(e, b, t))).join(' AND ');
  const r = t.request();
  return { text, names: r.ExpressionAttributeNames, values: r.ExpressionAttributeValues };
}

function rangeTerm(terms: Expr[], range: KeyDef, b: Binding): { text: (t: ExprText) => string; term: Expr } | undefined {
  for (const e of terms) {
    const cmp = keyComparison(e, range.name);
    if (cmp && cmp.op !== '<>') {
      const v = checkType(range, valueOf(cmp.value, b));
      return { term: e, text: (t) => `${t.name(range.name)} ${cmp.op} ${t.value(v)}` };
    }
    if (e.k === 'between' && !e.not && e.e.k === 'path' && e.e.path.length === 1 && e.e.path[0] === range.name) {
      const lo = checkType(range, valueOf(e.lo, b)), hi = checkType(range, valueOf(e.hi, b));
      return { term: e, text: (t) => `${t.name(range.name)} BETWEEN ${t.value(lo)} AND ${t.value(hi)}` };
    }
    if (e.k === 'call' && e.name === 'begins_with' && e.args.length === 2 && e.args[0].k === 'path' && e.args[0].path.length === 1
      && e.args[0].path[0] === range.name && range.type !== 'N') {
      const v = valueOf(e.args[1], b);
      if (v && Object.keys(v)[0] === range.type) return { term: e, text: (t) => `begins_with(${t.name(range.name)}, ${t.value(v)})` };
    }
  }
  return undefined;
}

function distinct(values: AttributeValue[]): AttributeValue[] {
  const seen = new Set<string>();
  return values.filter((v) => { const k = JSON.stringify(v); if (seen.has(k)) return false; seen.add(k); return true; });
}

export function compileSelect(s: Select, table: Table, b: Binding, req: Input): ReadPlan {
  const ix = s.index === undefined ? undefined : table.indexes.find((i) => i.name === s.index);
  if (s.index !== undefined && !ix) throw new ValidationException(`The table does not have the specified index: ${s.index}`);
  const hash = ix ? ix.hash : table.hash;
  const range = ix ? ix.range : table.range;
  const base: Input = { TableName: table.name, IndexName: s.index, ConsistentRead: req.ConsistentRead, ReturnConsumedCapacity: req.ReturnConsumedCapacity };
  const terms = conjuncts(s.where);
  const hk = keyTerms(terms, hash.name, b);
  if (hk.terms.length === 0) return { table: table.name, reads: [base], scan: true, filter: filterOf(terms, b), projection: s.projection };
  const first = hk.terms[0];
  const values = distinct(keyTerms([first], hash.name, b).values.map((v) => checkType(hash, v)));
  let rest = terms.filter((e) => e !== first);
  const rk = range ? rangeTerm(rest, range, b) : undefined;
  if (rk) rest = rest.filter((e) => e !== rk.term);
  const reads = values.map((v) => {
    const t = new ExprText();
    const text = `${t.name(hash.name)} = ${t.value(v)}${rk ? ` AND ${rk.text(t)}` : ''}`;
    return { ...base, KeyConditionExpression: text, ...t.request() };
  });
  return { table: table.name, reads, scan: false, filter: filterOf(rest, b), projection: s.projection };
}

/**
 * A SELECT that names exactly one item by its full primary key and nothing else (the reads
 * BatchExecuteStatement and ExecuteTransaction allow): its Key.
 */
export function selectKey(s: Select, table: Table, b: Binding, refused: string): Item {
  const terms = conjuncts(s.where);
  const key: Item = {};
  const used = new Set<Expr>();
  for (const def of table.range ? [table.hash, table.range] : [table.hash]) {
    const kt = keyTerms(terms, def.name, b);
    const values = distinct(kt.values);
    if (values.length !== 1) throw new ValidationException(refused);
    key[def.name] = values[0];
    kt.terms.forEach((e) => used.add(e));
  }
  if (terms.some((e) => !used.has(e))) throw new ValidationException(refused);
  return key;
}
