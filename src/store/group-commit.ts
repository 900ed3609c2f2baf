// Group commit: writes that arrive while the event loop is busy are committed together, in
// one transaction, and each caller's promise resolves only once that transaction committed
// (so an acknowledgement never comes before its data is stored). A failed transaction
// rejects every write in it.
import type { Sql, SqlRunner } from './sql';

interface Pending<T> { item: T; resolve: () => void; reject: (err: unknown) => void }

export class GroupCommit<T> {
  private pending: Pending<T>[] = [];
  private scheduled = false;

  constructor(private readonly sql: Sql, private readonly write: (tx: SqlRunner, items: T[]) => Promise<void>) {}

  /** Resolves once `item` is committed. */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    try {
      await this.sql.transaction((tx) => this.write(tx, batch.map((p) => p.item)));
      for (const p of batch) p.resolve();
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }
}
