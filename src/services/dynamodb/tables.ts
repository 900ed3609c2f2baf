// The tables: an in-memory map (the hot path reads it) over TableStore, and their lifecycle
// driven through table-state.ts's transitions on timers: CREATING → ACTIVE after
// `activationMs`; UPDATING → ACTIVE once index work is done; DELETING → gone. A restart
// finishes what was under way.
import { randomUUID } from 'node:crypto';
import type { Account } from '../../kernel/arn';
import type { Clock } from '../../kernel/clock';
import { hexId } from '../../kernel/ids';
import { describeTable, type Stats } from './describe';
import { ResourceInUseException, namedTableNotFound, tableNotFound } from './errors';
import type { Table } from './model';
import { servesItems, transition, type TableEvent } from './table-state';
import type { TableStore } from './store';
import type { TableShape } from './table-input';

export interface TableOptions { activationMs: number; log: (m: string) => void }

export class Tables {
  private readonly byName = new Map<string, Table>();
  /** Index backfills and other work to run while a table is UPDATING (set by index-work.ts). */
  onUpdating: (t: Table) => Promise<void> = async () => {};

  constructor(readonly store: TableStore, private readonly clock: Clock, private readonly account: Account, private readonly opts: TableOptions) {}

  async load(): Promise<void> {
    for (const t of await this.store.all()) {
      this.byName.set(t.name, t);
      if (t.status === 'CREATING') await this.step(t, 'created');
      else if (t.status === 'UPDATING') this.finishUpdate(t);
      else if (t.status === 'DELETING') this.purge(t);
    }
  }

  get(name: string): Table | undefined { return this.byName.get(name); }
  names(): string[] { return [...this.byName.keys()].sort(); }

  /** The table for an item operation: ResourceNotFoundException unless it serves items. */
  forItems(name: string): Table {
    const t = this.byName.get(name);
    if (!t || !servesItems(t.status)) throw tableNotFound();
    return t;
  }

  /** The table for a control-plane operation (any state but gone). */
  named(name: string): Table {
    const t = this.byName.get(name);
    if (!t) throw namedTableNotFound(name);
    return t;
  }

  async create(name: string, shape: TableShape, extra: Partial<Table>): Promise<Table> {
    if (this.byName.has(name)) throw new ResourceInUseException(`Table already exists: ${name}`);
    const now = this.clock.now();
    const t: Table = {
      ...extra, ...shape, tid: hexId(8), name, tableId: randomUUID(), status: 'CREATING', createdAt: now, tags: extra.tags ?? {},
      arn: `arn:aws:dynamodb:${this.account.region}:${this.account.accountId}:table/${name}`,
    };
    if (!(await this.store.create(t))) throw new ResourceInUseException(`Table already exists: ${name}`);
    this.byName.set(name, t);
    this.clock.setTimer(this.opts.activationMs, () => void this.step(t, 'created').catch((e) => this.opts.log(`dynamodb: ${e}`)));
    return t;
  }

  /** Saves a changed table (same status). */
  async save(t: Table): Promise<void> {
    await this.store.save(t);
    this.byName.set(t.name, t);
  }

  async step(t: Table, event: TableEvent): Promise<Table> {
    const next: Table = { ...t, status: transition(t.status, event, t.name) };
    await this.save(next);
    return next;
  }

  /** UPDATING: runs the table's pending work, then ACTIVE. */
  finishUpdate(t: Table): void {
    this.clock.setTimer(this.opts.activationMs, () => {
      void (async () => {
        await this.onUpdating(this.byName.get(t.name) ?? t);
        const cur = this.byName.get(t.name);
        if (cur && cur.status === 'UPDATING') await this.step(cur, 'updated');
      })().catch((e) => this.opts.log(`dynamodb: update of ${t.name} failed: ${e}`));
    });
  }

  async delete(name: string): Promise<Table> {
    const t = await this.step(this.named(name), 'delete');
    this.purge(t);
    return t;
  }

  private purge(t: Table): void {
    this.clock.setTimer(this.opts.activationMs, () => {
      void this.store.remove(t.name, t.tid).then(() => {
        this.statsCache.delete(t.tid);
        if (this.byName.get(t.name)?.tid === t.tid) this.byName.delete(t.name);
      }).catch((e) => this.opts.log(`dynamodb: delete of ${t.name} failed: ${e}`));
    });
  }

  /** Writes per table incarnation (Writer.generations): stats are recounted only after a write. */
  generation: (tid: string) => number = () => 0;
  private readonly statsCache = new Map<string, { gen: number; indexes: string; value: { table: Stats; indexes: Map<string, Stats> } }>();

  async stats(t: Table): Promise<{ table: Stats; indexes: Map<string, Stats> }> {
    const gen = this.generation(t.tid);
    const names = t.indexes.map((i) => `${i.name}:${i.status}`).join(',');
    const hit = this.statsCache.get(t.tid);
    if (hit && hit.gen === gen && hit.indexes === names) return hit.value;
    const value = await this.count(t);
    this.statsCache.set(t.tid, { gen, indexes: names, value });
    return value;
  }

  private async count(t: Table): Promise<{ table: Stats; indexes: Map<string, Stats> }> {
    const indexes = new Map<string, Stats>();
    for (const ix of t.indexes) indexes.set(ix.name, await this.store.indexStats(t.tid, ix.name));
    return { table: await this.store.stats(t.tid), indexes };
  }

  async describe(t: Table): Promise<Record<string, unknown>> {
    const s = await this.stats(t);
    return describeTable(t, s.table, (n) => s.indexes.get(n) ?? { count: 0, bytes: 0 });
  }

  byArn(arn: string): Table | undefined {
    const name = /^arn:aws[\w-]*:dynamodb:[^:]*:[^:]*:table\/([^/]+)$/.exec(arn)?.[1];
    return name === undefined ? undefined : this.byName.get(name);
  }
}
