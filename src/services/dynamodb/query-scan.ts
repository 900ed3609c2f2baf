// Query and Scan: read rows in DynamoDB's order until Limit items were evaluated or 1 MB was
// read (measured before the filter), filter, project, count; LastEvaluatedKey when stopped early.
import type { SqlValue } from '../../store/sql';
import { consumed, readUsage } from './capacity';
import type { DynamoDbContext, Input, Operation } from './context';
import { ValidationException, invalid } from './errors';
import { Expressions, legacy, noMixing, project } from './expression-input';
import type { AttributeValue, Item } from './expr';
import { encodeKey, segmentHash, segmentRange } from './keys';
import type { IndexDef, KeyDef, Table } from './model';
import { checkLimit, lastKey, selectOf, sourceIndex, startPosition, type Select } from './read-spec';
import { readRange, type EncodedRange, type RangeOp, type ReadSpec } from './store-reads';
import { checkTableName } from './table-input';
import { RawItems } from './raw-json';

const PAGE_BYTES = 1024 * 1024;
const CHUNK = 256;

interface Plan { table: Table; ix?: IndexDef; spec: Omit<ReadSpec, 'limit' | 'after'>; after?: SqlValue[]; limit?: number; select: Select; req: Input }

async function run(ctx: DynamoDbContext, p: Plan, x: Expressions, filter: unknown, paths: unknown): Promise<Record<string, unknown>> {
  const items: Item[] = [];
  const raw: string[] = [];
  const fast = filter === undefined && paths === undefined && p.select !== 'COUNT' && !(p.ix?.kind === 'LSI' && p.select === 'ALL_ATTRIBUTES' && p.ix.projection.type !== 'ALL');
  let lastRaw: string | undefined;
  let scanned = 0;
  let bytes = 0;
  let after = p.after;
  let last: Item | undefined;
  let more = false;
  for (;;) {
    const want = p.limit === undefined ? CHUNK : Math.min(CHUNK, p.limit - scanned);
    const rows = await readRange(ctx.items, { ...p.spec, after, limit: want });
    for (const row of rows) {
      if (fast) {
        scanned++;
        bytes += row.size;
        after = row.pos;
        raw.push(row.item);
        lastRaw = row.item;
        if ((p.limit !== undefined && scanned >= p.limit) || bytes >= PAGE_BYTES) { more = true; break; }
        continue;
      }
      let item = JSON.parse(row.item) as Item;
      scanned++;
      bytes += row.size;
      last = item;
      after = row.pos;
      if (p.ix && p.ix.kind === 'LSI' && p.select === 'ALL_ATTRIBUTES' && p.ix.projection.type !== 'ALL') {
        const hk = row.pos[row.pos.length - 2] as string;
        const full = await ctx.items.get(p.table.tid, { seg: segmentHash(hk), hk, rk: row.pos[row.pos.length - 1] as string });
        if (full) { item = JSON.parse(full.item) as Item; bytes += full.size; }
      }
      if (filter === undefined || x.test(filter, item)) items.push(p.select === 'COUNT' ? item : project(item, paths));
      if ((p.limit !== undefined && scanned >= p.limit) || bytes >= PAGE_BYTES) { more = true; break; }
    }
    if (more || rows.length < want) break;
  }
  const out: Record<string, unknown> = {};
  if (fast) { out.Items = new RawItems(raw); if (lastRaw) last = JSON.parse(lastRaw) as Item; }
  else if (p.select !== 'COUNT') out.Items = items;
  out.Count = fast ? raw.length : items.length;
  out.ScannedCount = scanned;
  if (more && last) out.LastEvaluatedKey = lastKey(p.table, p.ix, last);
  out.ConsumedCapacity = consumed(p.req.ReturnConsumedCapacity, p.table, readUsage(bytes, p.req.ConsistentRead === true, p.ix?.name));
  return out;
}

function encodeRange(def: KeyDef, op: string, values: AttributeValue[]): EncodedRange {
  for (const v of values) if (Object.keys(v)[0] !== def.type) throw invalid('Condition parameter type does not match schema type');
  if (op === 'begins_with' && def.type === 'N') throw new ValidationException('Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N');
  const enc = values.map((v) => encodeKey(def.type, v));
  if (op === 'BETWEEN' && enc[0] > enc[1]) throw new ValidationException(`Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: ${JSON.stringify(values[0])}, upper bound operand: AttributeValue: ${JSON.stringify(values[1])}`);
  return { op: op as RangeOp, values: enc, type: def.type };
}

export const query: Operation = async (ctx, req) => {
  const table = ctx.tables.forItems(checkTableName(req.TableName));
  noMixing(req, ['KeyConditions', 'QueryFilter', 'AttributesToGet', 'ConditionalOperator'], ['KeyConditionExpression', 'FilterExpression', 'ProjectionExpression']);
  const ix = sourceIndex(table, req, 'Query');
  const select = selectOf(table, ix, req);
  const limit = checkLimit(req);
  if (req.KeyConditionExpression === undefined && req.KeyConditions === undefined) throw new ValidationException('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  const hash = ix ? ix.hash : table.hash;
  const range = ix ? ix.range : table.range;
  const x = new Expressions(req);
  const keys = { hash: hash.name, range: range?.name };
  const kc = req.KeyConditions !== undefined ? legacy.keyCondition(req.KeyConditions, keys) : x.keyCondition(String(req.KeyConditionExpression), keys);
  const filter = req.QueryFilter !== undefined ? legacy.condition(req.QueryFilter, req.ConditionalOperator, 'QueryFilter') : x.condition(req.FilterExpression, 'FilterExpression');
  const paths = req.AttributesToGet !== undefined ? legacy.projection(req.AttributesToGet) : x.projection(req.ProjectionExpression);
  x.done();
  if (Object.keys(kc.hashValue)[0] !== hash.type) throw invalid('Condition parameter type does not match schema type');
  const hk = encodeKey(hash.type, kc.hashValue);
  const spec = {
    tid: table.tid, index: ix?.name, partition: { seg: segmentHash(hk), hk }, forward: req.ScanIndexForward !== false,
    range: kc.range && range ? encodeRange(range, kc.range.op, kc.range.values) : undefined,
  };
  return run(ctx, { table, ix, spec, after: startPosition(table, ix, req, true), limit, select, req }, x, filter, paths);
};

export const scan: Operation = async (ctx, req) => {
  const table = ctx.tables.forItems(checkTableName(req.TableName));
  noMixing(req, ['ScanFilter', 'AttributesToGet', 'ConditionalOperator'], ['FilterExpression', 'ProjectionExpression']);
  const ix = sourceIndex(table, req, 'Scan');
  const select = selectOf(table, ix, req);
  const limit = checkLimit(req);
  const { Segment: segment, TotalSegments: total } = req;
  if (segment !== undefined && total === undefined) throw new ValidationException('The TotalSegments parameter is required but was not present in the request when Segment parameter is present');
  if (total !== undefined && segment === undefined) throw new ValidationException('The Segment parameter is required but was not present in the request when parameter TotalSegments is present');
  if (total !== undefined && (total < 1 || total > 1000000)) throw new ValidationException(`1 validation error detected: Value '${String(total)}' at 'totalSegments' failed to satisfy constraint: Member must have value ${total < 1 ? 'greater than or equal to 1' : 'less than or equal to 1000000'}`);
  if (segment !== undefined && segment >= total) throw new ValidationException(`The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${String(segment)} is not less than TotalSegments: ${String(total)}`);
  const x = new Expressions(req);
  const filter = req.ScanFilter !== undefined ? legacy.condition(req.ScanFilter, req.ConditionalOperator, 'ScanFilter') : x.condition(req.FilterExpression, 'FilterExpression');
  const paths = req.AttributesToGet !== undefined ? legacy.projection(req.AttributesToGet) : x.projection(req.ProjectionExpression);
  x.done();
  const spec = { tid: table.tid, index: ix?.name, forward: true, segments: segment !== undefined ? segmentRange(segment, total) : undefined };
  return run(ctx, { table, ix, spec, after: startPosition(table, ix, req, false), limit, select, req }, x, filter, paths);
};
