// Running a compiled SELECT through the service's Query and Scan: Limit counts the items read
// (as Query and Scan count them), the filter runs on each item with the service's evaluator,
// and a NextToken carries which partition key value and LastEvaluatedKey to resume from.
// Projected paths come back as top-level attributes named by their last step (`a.b` → `b`,
// `l[0]` → `l[0]`), as DynamoDB answers them.
import { createHash } from 'node:crypto';
import type { DynamoDbContext, Input } from '../context';
import { ValidationException } from '../errors';
import { Expressions } from '../expression-input';
import type { AttributeValue, Item } from '../expr';
import { query, scan } from '../query-scan';
import { RawItems } from '../raw-json';
import type { DocPath } from './ast';
import type { ReadPlan } from './compile-select';

interface Position { s: string; i: number; k?: Item }

function valueAt(item: Item, path: DocPath): AttributeValue | undefined {
  let cur: AttributeValue | undefined = { M: item };
  for (const step of path) cur = typeof step === 'number' ? cur?.L?.[step] : cur?.M?.[step];
  return cur;
}

export function projectPaths(item: Item, projection: '*' | DocPath[]): Item {
  if (projection === '*') return item;
  const out: Item = {};
  for (const p of projection) {
    const v = valueAt(item, p);
    if (v === undefined) continue;
    let from = p.length - 1;
    while (from > 0 && typeof p[from] === 'number') from--;
    out[p.slice(from).map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${s}` : s)).join('')] = v;
  }
  return out;
}

export function itemsOf(items: unknown): Item[] {
  if (items instanceof RawItems) return items.json.map((j) => JSON.parse(j) as Item);
  return (items ?? []) as Item[];
}

const digest = (statement: string) => createHash('sha256').update(statement).digest('hex').slice(0, 16);

function decodeToken(token: unknown, statement: string): Position | undefined {
  if (token === undefined || token === null) return undefined;
  let pos: Position;
  try { pos = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as Position; } catch { throw new ValidationException('Invalid NextToken'); }
  if (!pos || typeof pos.i !== 'number') throw new ValidationException('Invalid NextToken');
  if (pos.s !== digest(statement)) throw new ValidationException('NextToken does not match request');
  return pos;
}

export function filterFor(plan: ReadPlan): ((item: Item) => boolean) {
  if (!plan.filter) return () => true;
  const x = new Expressions({ ExpressionAttributeNames: plan.filter.names, ExpressionAttributeValues: plan.filter.values });
  const ast = x.condition(plan.filter.text, 'FilterExpression');
  x.done();
  return (item) => x.test(ast, item);
}

export async function runRead(ctx: DynamoDbContext, plan: ReadPlan, req: Input): Promise<Record<string, unknown>> {
  const keep = filterFor(plan);
  const start = decodeToken(req.NextToken, String(req.Statement));
  let budget = req.Limit as number | undefined;
  const items: Item[] = [];
  let units: Record<string, unknown> | undefined;
  let next: Position | undefined;
  for (let i = start?.i ?? 0, k = start?.k; i < plan.reads.length; i++, k = undefined) {
    const out = (await (plan.scan ? scan : query)(ctx, { ...plan.reads[i], Limit: budget, ExclusiveStartKey: k })) as Record<string, unknown>;
    for (const item of itemsOf(out.Items)) if (keep(item)) items.push(projectPaths(item, plan.projection));
    const cc = out.ConsumedCapacity as Record<string, number> | undefined;
    if (cc) units = units ? { ...units, CapacityUnits: (units.CapacityUnits as number) + cc.CapacityUnits } : cc;
    if (budget !== undefined) budget -= out.ScannedCount as number;
    if (out.LastEvaluatedKey) { next = { s: '', i, k: out.LastEvaluatedKey as Item }; break; }
    if (budget === 0) { if (i + 1 < plan.reads.length) next = { s: '', i: i + 1 }; break; }
  }
  const result: Record<string, unknown> = { Items: items };
  if (next) result.NextToken = Buffer.from(JSON.stringify({ ...next, s: digest(String(req.Statement)) })).toString('base64');
  if (units) result.ConsumedCapacity = units;
  return result;
}
