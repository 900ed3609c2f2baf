// CreateTable / UpdateTable input checks, as DynamoDB words them. Pure: input in, the
// table's key and index definitions out, or a ValidationException.
import { ValidationException, constraint, constraintErrors, invalid } from './errors';
import type { KeyType } from './keys';
import type { IndexDef, KeyDef, ProjectionType, Throughput } from './model';

type Obj = Record<string, unknown>;
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

export function checkTableName(name: unknown, path = 'tableName'): string {
  const errs: string[] = [];
  if (typeof name !== 'string') errs.push(constraint(name, path, 'Member must not be null'));
  else {
    if (!/^[a-zA-Z0-9_.-]+$/.test(name)) errs.push(constraint(name, path, 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+'));
    if (name.length < 3) errs.push(constraint(name, path, 'Member must have length greater than or equal to 3'));
    if (name.length > 255) errs.push(constraint(name, path, 'Member must have length less than or equal to 255'));
  }
  const e = constraintErrors(errs);
  if (e) throw e;
  return name as string;
}

function keySchema(schema: unknown, defs: Map<string, KeyType>): { hash: KeyDef; range?: KeyDef } {
  const ks = arr(schema);
  if (ks.length < 1 || ks.length > 2) throw new ValidationException(`1 validation error detected: Value '${JSON.stringify(schema ?? null)}' at 'keySchema' failed to satisfy constraint: Member must have length ${ks.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 2'}`);
  const names = ks.map((k) => String(k.AttributeName));
  const missing = names.filter((n) => !defs.has(n));
  if (missing.length) throw invalid(`Some index key attributes are not defined in AttributeDefinitions. Keys: [${names.join(', ')}], AttributeDefinitions: [${[...defs.keys()].join(', ')}]`);
  if (names.length === 2 && names[0] === names[1]) throw new ValidationException('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  if (ks[0].KeyType !== 'HASH') throw new ValidationException('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (ks[1] && ks[1].KeyType !== 'RANGE') throw new ValidationException('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  const def = (n: string): KeyDef => ({ name: n, type: defs.get(n) as KeyType });
  return { hash: def(names[0]), range: names[1] !== undefined ? def(names[1]) : undefined };
}

export function attributeDefinitions(v: unknown): Map<string, KeyType> {
  const defs = new Map<string, KeyType>();
  for (const d of arr(v)) {
    const t = d.AttributeType;
    if (t !== 'S' && t !== 'N' && t !== 'B') throw new ValidationException(`1 validation error detected: Value '${String(t)}' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]`);
    if (defs.has(String(d.AttributeName))) throw invalid(`Cannot have two attributes with the same name: ${String(d.AttributeName)}`);
    defs.set(String(d.AttributeName), t);
  }
  return defs;
}

export function throughput(v: unknown, billing: string, what = ''): Throughput {
  const p = (v ?? {}) as Obj;
  if (billing === 'PAY_PER_REQUEST') {
    if (v && (p.ReadCapacityUnits || p.WriteCapacityUnits) && what === '') throw invalid('Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST');
    return { read: 0, write: 0 };
  }
  if (!v || !p.ReadCapacityUnits || !p.WriteCapacityUnits) throw invalid(`ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED${what}`);
  return { read: Number(p.ReadCapacityUnits), write: Number(p.WriteCapacityUnits) };
}

export function indexDef(kind: 'LSI' | 'GSI', x: Obj, defs: Map<string, KeyType>, billing: string, tableHash: KeyDef): IndexDef {
  const name = String(x.IndexName ?? '');
  if (!/^[a-zA-Z0-9_.-]{3,255}$/.test(name)) checkTableName(x.IndexName, 'indexName');
  const keys = keySchema(x.KeySchema, defs);
  const projection = (x.Projection ?? {}) as Obj;
  const type = projection.ProjectionType as ProjectionType | undefined;
  if (type === undefined) throw invalid('Unknown ProjectionType: null');
  if (!['ALL', 'KEYS_ONLY', 'INCLUDE'].includes(type)) throw invalid(`Unknown ProjectionType: ${String(type)}`);
  const nonKey = Array.isArray(projection.NonKeyAttributes) ? (projection.NonKeyAttributes as string[]) : undefined;
  if (nonKey && type !== 'INCLUDE') throw invalid(`ProjectionType is ${type}, but NonKeyAttributes is specified`);
  if (kind === 'LSI') {
    if (!keys.range) throw invalid(`Index KeySchema does not have a range key for index: ${name}`);
    if (keys.hash.name !== tableHash.name) throw invalid(`Index KeySchema does not have the same leading hash key as table KeySchema for index: ${name}. index hash key: ${keys.hash.name}, table hash key: ${tableHash.name}`);
  }
  const def: IndexDef = { name, kind, ...keys, projection: { type, nonKey }, status: 'ACTIVE' };
  if (kind === 'GSI') {
    if (billing === 'PAY_PER_REQUEST' && x.ProvisionedThroughput) throw invalid(`ProvisionedThroughput should not be specified for index: ${name} when BillingMode is PAY_PER_REQUEST`);
    def.throughput = throughput(x.ProvisionedThroughput, billing, ` for index: ${name}`);
  }
  return def;
}

export interface TableShape { hash: KeyDef; range?: KeyDef; attributeDefinitions: KeyDef[]; indexes: IndexDef[]; billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST'; throughput: Throughput }

export function checkCreateTable(input: Obj): TableShape {
  const billing = input.BillingMode === 'PAY_PER_REQUEST' ? 'PAY_PER_REQUEST' : 'PROVISIONED';
  if (input.BillingMode !== undefined && input.BillingMode !== 'PAY_PER_REQUEST' && input.BillingMode !== 'PROVISIONED') {
    throw new ValidationException(`1 validation error detected: Value '${String(input.BillingMode)}' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]`);
  }
  const tp = throughput(input.ProvisionedThroughput, billing);
  const defs = attributeDefinitions(input.AttributeDefinitions);
  const keys = keySchema(input.KeySchema, defs);
  const lsis = input.LocalSecondaryIndexes === undefined ? undefined : arr(input.LocalSecondaryIndexes);
  const gsis = input.GlobalSecondaryIndexes === undefined ? undefined : arr(input.GlobalSecondaryIndexes);
  if (lsis && lsis.length === 0) throw invalid('List of LocalSecondaryIndexes is empty');
  if (gsis && gsis.length === 0) throw invalid('List of GlobalSecondaryIndexes is empty');
  if (lsis && !keys.range) throw invalid('Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex');
  const indexes = [...(lsis ?? []).map((x) => indexDef('LSI', x, defs, billing, keys.hash)), ...(gsis ?? []).map((x) => indexDef('GSI', x, defs, billing, keys.hash))];
  const seen = new Set<string>();
  for (const ix of indexes) { if (seen.has(ix.name)) throw invalid(`Duplicate index name: ${ix.name}`); seen.add(ix.name); }
  if ((lsis?.length ?? 0) > 5) throw invalid('Number of LocalSecondaryIndexes exceeds per-table limit of 5');
  if ((gsis?.length ?? 0) > 20) throw invalid('GlobalSecondaryIndex count exceeds the per-table limit of 20');
  const used = new Set([keys.hash.name, keys.range?.name, ...indexes.flatMap((i) => [i.hash.name, i.range?.name])].filter((n): n is string => !!n));
  if ([...defs.keys()].some((n) => !used.has(n))) {
    throw invalid(`Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions`);
  }
  return { ...keys, attributeDefinitions: [...defs].map(([name, type]) => ({ name, type })), indexes, billingMode: billing, throughput: tp };
}
