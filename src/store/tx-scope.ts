// Bookkeeping both Sql adapters share: the platform error shape for driver failures,
// and the rules for a transaction body, enforced the same way on SQLite and PostgreSQL
// so code that passes on one behaves the same on the other:
// - inside a body, only the `tx` runner may be used. The root Sql (plain queries or a
//   nested transaction) throws instead of deadlocking: on SQLite it would wait for the
//   very transaction that is waiting for it.
// - `tx` is dead once the transaction has ended (a leaked runner cannot write later).
// - a failed statement dooms the transaction even if the body catches the error: PG
//   aborts the transaction at the first error anyway, so SQLite is made to match.
//   Use `INSERT ... ON CONFLICT` instead of catching unique violations inside a body.
import { AsyncLocalStorage } from 'node:async_hooks';
import { NimbusError } from '../kernel/errors';
import { Query, SqlRunner } from './sql';

/** `conflict`: the database aborted the transaction for another one (a deadlock, a
 * serialisation failure); running the whole transaction again may succeed. */
export type StoreErrorKind = 'unique' | 'conflict' | 'other';

/** Whether an error is a transaction the database aborted in favour of another (see StoreErrorKind). */
export const isConflict = (e: unknown): boolean => e instanceof NimbusError && e.details?.kind === 'conflict';

/** The one error shape of both adapters: STORE_FAILED with the driver's message. */
export function storeError(message: string, kind: StoreErrorKind, cause?: unknown): NimbusError {
  return new NimbusError('STORE_FAILED', message, { kind, cause });
}

/** A message for any thrown value (some network errors have an empty message). */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message || (e as { code?: string }).code || e.name;
  return String(e);
}

interface TxState {
  open: boolean;
  failure?: unknown;
}

export class TxScope {
  private readonly als = new AsyncLocalStorage<TxState>();
  /** Bodies running now. AsyncLocalStorage turns on promise hooks for the whole process
   * (on Node 20 every promise pays for them), so it is disabled whenever none is open. */
  private openBodies = 0;

  /** Throws when the root Sql is used from inside one of its own open transaction bodies. */
  assertOutside(op: string): void {
    if (this.als.getStore()?.open) {
      throw storeError(
        `${op} on the root Sql inside a transaction body: use the tx runner the body was given`,
        'other',
      );
    }
  }

  /**
   * Runs body with a runner over `inner` (the adapter's in-transaction runner) and
   * returns its result. Throws what the body throws, or, when the body resolved but one
   * of its statements failed, a STORE_FAILED that makes the caller roll back.
   */
  async runBody<T>(inner: SqlRunner, body: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const state: TxState = { open: true };
    const guard = async <R>(q: Query, op: (q: Query) => Promise<R>): Promise<R> => {
      if (!state.open) throw storeError('query on a transaction runner after the transaction ended', 'other');
      try {
        return await op(q);
      } catch (e) {
        if (state.failure === undefined) state.failure = e;
        throw e;
      }
    };
    const tx: SqlRunner = {
      all: (q) => guard(q, (x) => inner.all(x)),
      get: (q) => guard(q, (x) => inner.get(x)),
      run: (q) => guard(q, (x) => inner.run(x)),
    };
    this.openBodies++;
    try {
      const result = await this.als.run(state, () => body(tx));
      if (state.failure !== undefined) {
        const f = state.failure;
        const given = f instanceof NimbusError ? f.details?.kind : undefined;
        const kind = given === 'unique' || given === 'conflict' ? given : 'other';
        throw storeError(`transaction rolled back: a statement in it failed: ${messageOf(f)}`, kind, f);
      }
      return result;
    } finally {
      state.open = false;
      if (--this.openBodies === 0) this.als.disable();
    }
  }
}
