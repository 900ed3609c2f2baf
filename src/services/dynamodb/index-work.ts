// Index work while a table is UPDATING: a new GSI is backfilled from the existing items in
// batches (each batch re-reads its items inside a write transaction, so a concurrent write
// is never overwritten by an older copy), then ACTIVE; a deleted GSI loses its entries and
// leaves the table.
import type { DynamoDbContext } from './context';
import type { Item } from './expr';
import { indexKeyOf, projectForIndex, type StoredKey } from './item-keys';
import type { Table } from './model';
import { itemSize } from './values';

const BATCH = 200;

async function backfill(ctx: DynamoDbContext, t: Table, iname: string): Promise<void> {
  let after: StoredKey | undefined;
  for (;;) {
    const rows = await ctx.items.rows(t.tid, after, BATCH);
    if (rows.length === 0) return;
    await ctx.writer.run(async (w) => {
      const table = ctx.tables.get(t.name) ?? t;
      const ix = table.indexes.find((i) => i.name === iname);
      if (!ix) return;
      for (const r of rows) {
        const cur = await w.read(table, r);
        if (!cur.item) continue;
        const ik = indexKeyOf(ix, cur.item);
        if (!ik) continue;
        const projected: Item = projectForIndex(table, ix, cur.item);
        await ctx.items.putIndex(w.tx, table.tid, ix.name, ik, r, JSON.stringify(projected), itemSize(projected));
      }
    });
    const last = rows[rows.length - 1];
    after = { seg: last.seg, hk: last.hk, rk: last.rk };
    if (rows.length < BATCH) return;
  }
}

export async function runIndexWork(ctx: DynamoDbContext, t: Table): Promise<void> {
  for (const ix of t.indexes) {
    if (ix.status === 'CREATING') await backfill(ctx, t, ix.name);
    if (ix.status === 'DELETING') await ctx.tables.store.dropIndex(t.tid, ix.name);
  }
  const cur = ctx.tables.get(t.name);
  if (!cur || cur.tid !== t.tid) return;
  const indexes = cur.indexes.filter((i) => i.status !== 'DELETING')
    .map((i) => (i.status === 'CREATING' || i.status === 'UPDATING' ? { ...i, status: 'ACTIVE' as const, backfilling: undefined } : i));
  await ctx.tables.save({ ...cur, indexes });
}
