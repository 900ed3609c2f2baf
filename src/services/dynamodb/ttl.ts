// Time to Live: UpdateTimeToLive / DescribeTimeToLive, and the sweep that deletes items whose
// TTL attribute (a number, epoch seconds) has passed, in batches, each delete re-checked in its
// write transaction and told to the change hooks as the service's own (DynamoDB Streams marks
// it with userIdentity dynamodb.amazonaws.com).
import { sql } from '../../store/sql';
import type { DynamoDbContext, Operation } from './context';
import { ValidationException } from './errors';
import type { Item } from './expr';
import type { StoredKey } from './item-keys';
import type { Table } from './model';
import { checkTableName } from './table-input';
import { expiresOf } from './writer';

const BATCH = 100;
export const TTL_DELETE = { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } } as const;

async function fillExpires(ctx: DynamoDbContext, t: Table): Promise<void> {
  let after: StoredKey | undefined;
  for (;;) {
    const rows = await ctx.items.rows(t.tid, after, BATCH);
    if (rows.length === 0) return;
    await ctx.writer.run(async (w) => {
      const table = ctx.tables.get(t.name);
      if (!table || table.tid !== t.tid) return;
      for (const r of rows) {
        const cur = await w.read(table, r);
        if (cur.item) await ctx.items.setExpires(w.tx, table.tid, r, expiresOf(table, cur.item));
      }
    });
    after = rows[rows.length - 1];
    if (rows.length < BATCH) return;
  }
}

export const updateTimeToLive: Operation = async (ctx, input) => {
  const t = ctx.tables.forItems(checkTableName(input.TableName));
  const spec = input.TimeToLiveSpecification ?? {};
  const attribute = spec.AttributeName;
  if (typeof attribute !== 'string' || attribute.length === 0) throw new ValidationException('1 validation error detected: Value null at \'timeToLiveSpecification.attributeName\' failed to satisfy constraint: Member must not be null');
  const on = t.ttl?.status === 'ENABLED' || t.ttl?.status === 'ENABLING';
  if (spec.Enabled === true && on) throw new ValidationException('TimeToLive is already enabled');
  if (spec.Enabled !== true && !on) throw new ValidationException('TimeToLive is already disabled');
  if (spec.Enabled !== true && t.ttl?.attribute !== attribute) throw new ValidationException('TimeToLive is active on a different AttributeName: current AttributeName is ' + String(t.ttl?.attribute));
  const next: Table = { ...t, ttl: { attribute, status: spec.Enabled === true ? 'ENABLED' : 'DISABLED' } };
  await ctx.tables.save(next);
  if (spec.Enabled === true) void fillExpires(ctx, next).catch(() => {});
  else await ctx.items.db.run(sql`UPDATE dynamodb_items SET expires = NULL WHERE tid = ${t.tid}`);
  return { TimeToLiveSpecification: { Enabled: spec.Enabled === true, AttributeName: attribute } };
};

export const describeTimeToLive: Operation = async (ctx, input) => {
  const t = ctx.tables.named(checkTableName(input.TableName));
  const ttl = t.ttl;
  if (!ttl || ttl.status === 'DISABLED') return { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } };
  return { TimeToLiveDescription: { TimeToLiveStatus: ttl.status, AttributeName: ttl.attribute } };
};

/** One sweep over every table with TTL on; returns the number of items deleted. */
export async function sweepExpired(ctx: DynamoDbContext): Promise<number> {
  let deleted = 0;
  for (const name of ctx.tables.names()) {
    const t = ctx.tables.get(name);
    if (!t || t.ttl?.status !== 'ENABLED' || (t.status !== 'ACTIVE' && t.status !== 'UPDATING')) continue;
    for (;;) {
      const nowSec = Math.floor(ctx.clock.now() / 1000);
      const rows = await ctx.items.expired(t.tid, nowSec, BATCH);
      if (rows.length === 0) break;
      deleted += await ctx.writer.run(async (w) => {
        const table = ctx.tables.get(name);
        if (!table || table.tid !== t.tid) return 0;
        let n = 0;
        for (const r of rows) {
          const cur = await w.read(table, r);
          const exp = cur.item && expiresOf(table, cur.item as Item);
          if (!cur.item || exp === null || exp === undefined || exp >= nowSec) continue;
          await w.write(table, r, cur.item, undefined, TTL_DELETE);
          n++;
        }
        return n;
      });
      if (rows.length < BATCH) break;
    }
  }
  return deleted;
}
