// Asynchronous events in SQL (SQLite or PostgreSQL), from the moment Lambda accepts one (the
// 202 waits for the commit) until it succeeds or has been handed to its failure targets.
// A restart (even after kill -9) finds every event not yet done and runs it again: at least once.
import { GroupCommit } from '../store/group-commit';
import { sql, type Sql } from '../store/sql';
import type { EventProgress } from './retry-policy';

export interface AsyncEvent extends EventProgress {
  requestId: string;
  functionName: string;
  /** The qualifier the caller invoked (none: unqualified, i.e. $LATEST). */
  qualifier?: string;
  payload: string;
  /** When the next attempt is due (epoch ms). */
  dueAt: number;
}

const schema = `
CREATE TABLE IF NOT EXISTS async_events (
  request_id TEXT PRIMARY KEY,
  function_name TEXT NOT NULL,
  qualifier TEXT,
  payload TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  attempts BIGINT NOT NULL,
  throttles BIGINT NOT NULL
);`;

export class EventStore {
  private readonly inserts: GroupCommit<AsyncEvent>;
  private readonly deletes: GroupCommit<string>;

  private constructor(private readonly db: Sql) {
    this.inserts = new GroupCommit(db, async (tx, events) => {
      for (const e of events) {
        await tx.run(sql`INSERT INTO async_events (request_id, function_name, qualifier, payload, received_at, due_at, attempts, throttles)
          VALUES (${e.requestId}, ${e.functionName}, ${e.qualifier ?? null}, ${e.payload}, ${e.receivedAt}, ${e.dueAt}, ${e.attempts}, ${e.throttles})`);
      }
    });
    this.deletes = new GroupCommit(db, async (tx, ids) => {
      for (const id of ids) await tx.run(sql`DELETE FROM async_events WHERE request_id = ${id}`);
    });
  }

  static async open(db: Sql): Promise<EventStore> {
    await db.exec(schema);
    return new EventStore(db);
  }

  /** Resolves once the event is committed. */
  add(e: AsyncEvent): Promise<void> {
    return this.inserts.add(e);
  }

  reschedule(e: AsyncEvent): Promise<void> {
    return this.db.run(sql`UPDATE async_events SET due_at = ${e.dueAt}, attempts = ${e.attempts}, throttles = ${e.throttles}
      WHERE request_id = ${e.requestId}`).then(() => undefined);
  }

  /** The event is done (succeeded, or handed to its failure targets). */
  remove(requestId: string): Promise<void> {
    return this.deletes.add(requestId);
  }

  /** Every event not done, oldest due first (at start-up). */
  async pending(): Promise<AsyncEvent[]> {
    const rows = await this.db.all<Record<string, unknown>>(sql`SELECT * FROM async_events ORDER BY due_at, received_at`);
    return rows.map((r) => ({
      requestId: String(r.request_id), functionName: String(r.function_name),
      qualifier: r.qualifier === null ? undefined : String(r.qualifier), payload: String(r.payload),
      receivedAt: Number(r.received_at), dueAt: Number(r.due_at), attempts: Number(r.attempts), throttles: Number(r.throttles),
    }));
  }
}
