// The write path. Every item write runs inside a transaction of the `Writer`'s queue: jobs
// that arrive while a transaction is open are group-committed together in the next one,
// run one after another (so each sees the writes before it, and a condition is checked
// against the committed state plus those), and each caller is answered only after the
// commit. A job that throws an AWS error (a failed condition) fails alone: jobs check before
// they write. Any other error rolls the whole group back and fails every job in it.
// Item change hooks (DynamoDB Streams) run inside the same transaction as the change.
import { AwsError } from '../../kernel/aws-error';
import type { Sql, SqlRunner } from '../../store/sql';
import { isConflict } from '../../store/tx-scope';
import type { Item } from './expr';
import { indexKeyOf, projectForIndex, type StoredKey } from './item-keys';
import type { Table } from './model';
import type { ItemStore } from './store';
import { itemSize } from './values';

export interface ChangeMeta {
  /** Set for deletes made by the service itself (TTL expiry), as DynamoDB Streams records it. */
  userIdentity?: { type: 'Service'; principalId: 'dynamodb.amazonaws.com' };
}
/** Called in the write transaction for every item put, replaced or deleted. */
export type ItemChangeHook = (tx: SqlRunner, table: Table, oldItem: Item | undefined, newItem: Item | undefined, meta: ChangeMeta) => Promise<void>;

export interface Current { item?: Item; size: number }

export class TxWriter {
  constructor(readonly tx: SqlRunner, private readonly store: ItemStore, private readonly hooks: readonly ItemChangeHook[],
    private readonly touched: Set<string> = new Set()) {}

  /** The committed item (locked on PostgreSQL until the transaction ends). */
  async read(table: Table, key: StoredKey): Promise<Current> {
    const row = await this.store.getForUpdate(this.tx, table.tid, key);
    return row ? { item: JSON.parse(row.item) as Item, size: row.size } : { size: 0 };
  }

  /** Replaces (newItem) or deletes (undefined) the item, its index entries, and tells the hooks. */
  async write(table: Table, key: StoredKey, oldItem: Item | undefined, newItem: Item | undefined, meta: ChangeMeta = {}): Promise<void> {
    if (newItem) await this.store.put(this.tx, table.tid, key, JSON.stringify(newItem), itemSize(newItem), expiresOf(table, newItem));
    else if (oldItem) await this.store.delete(this.tx, table.tid, key);
    else return;
    this.touched.add(table.tid);
    for (const ix of table.indexes) {
      if (ix.status === 'DELETING') continue;
      const before = oldItem && indexKeyOf(ix, oldItem);
      const after = newItem && indexKeyOf(ix, newItem);
      if (before && (!after || before.ihk !== after.ihk || before.irk !== after.irk)) await this.store.deleteIndex(this.tx, table.tid, ix.name, before, key);
      if (after && newItem) {
        const projected = projectForIndex(table, ix, newItem);
        await this.store.putIndex(this.tx, table.tid, ix.name, after, key, JSON.stringify(projected), itemSize(projected));
      }
    }
    for (const hook of this.hooks) await hook(this.tx, table, oldItem, newItem, meta);
  }
}

/** The TTL expiry (epoch seconds) of an item, when the table has TTL on and the attribute is a number. */
export function expiresOf(table: Table, item: Item): number | null {
  const ttl = table.ttl;
  if (!ttl || (ttl.status !== 'ENABLED' && ttl.status !== 'ENABLING')) return null;
  const n = item[ttl.attribute]?.N;
  if (n === undefined) return null;
  const v = Math.floor(Number(n));
  return Number.isFinite(v) && v > 0 ? v : null;
}

/** How many times a group the database aborted for another node's transaction (a deadlock
 * between two nodes' row locks on PostgreSQL) is run again before its jobs fail. */
const CONFLICT_ATTEMPTS = 5;

interface Job { body: (w: TxWriter) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void }

export class Writer {
  readonly hooks: ItemChangeHook[] = [];
  /** Per table incarnation, a number that changes whenever a committed write touched it (stats caching). */
  readonly generations = new Map<string, number>();
  private queue: Job[] = [];
  private running = false;

  constructor(private readonly sql: Sql, private readonly store: ItemStore) {}

  run<T>(body: (w: TxWriter) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ body, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) { this.running = true; setImmediate(() => void this.drain()); }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue;
      this.queue = [];
      const results: { ok: boolean; v: unknown }[] = [];
      const touched = new Set<string>();
      try {
        for (let attempt = 1; ; attempt++) {
          try {
            await this.group(batch, results, touched);
            break;
          } catch (e) {
            if (!isConflict(e) || attempt >= CONFLICT_ATTEMPTS) throw e;
          }
        }
        for (const tid of touched) this.generations.set(tid, (this.generations.get(tid) ?? 0) + 1);
        batch.forEach((job, i) => (results[i].ok ? job.resolve(results[i].v) : job.reject(results[i].v)));
      } catch (e) {
        for (const job of batch) job.reject(e);
      }
    }
    this.running = false;
  }

  /** One transaction running every job of the group in order; a job's AWS error fails it alone. */
  private async group(batch: Job[], results: { ok: boolean; v: unknown }[], touched: Set<string>): Promise<void> {
    await this.sql.transaction(async (tx) => {
      results.length = 0;
      touched.clear();
      const w = new TxWriter(tx, this.store, this.hooks, touched);
      for (const job of batch) {
        try { results.push({ ok: true, v: await job.body(w) }); } catch (e) {
          if (!(e instanceof AwsError)) throw e;
          results.push({ ok: false, v: e });
        }
      }
    });
  }
}
