// The Sql port on SQLite (better-sqlite3, the embedded default). One synchronous
// connection: WAL journal with synchronous=NORMAL, so a commit survives kill -9 of the
// process (not a power cut) and readers never block the writer.
// better-sqlite3 cannot keep a transaction open across an await by itself, so a
// transaction holds an async mutex from BEGIN IMMEDIATE to COMMIT/ROLLBACK, and plain
// queries issued meanwhile wait for it: otherwise they would run inside (and be rolled
// back with) someone else's transaction. With no transaction open they run at once.
import Database from 'better-sqlite3';
import { Query, render, Row, Sql, SqlRunner, SqlValue } from '../sql';
import { messageOf, storeError, TxScope } from '../tx-scope';
import { AsyncMutex } from './async-mutex';

const BUSY_TIMEOUT_MS = 5000;
const STATEMENT_CACHE_SIZE = 256;

/** Driver errors become NimbusError STORE_FAILED; unique/primary-key violations get kind 'unique'. */
function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const unique = code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
    throw storeError(messageOf(e), unique ? 'unique' : 'other', e);
  }
}

/**
 * better-sqlite3 binds every JS number as a REAL (5 lands in a TEXT column as '5.0'),
 * so safe integers go in as bigint to be stored as INTEGER, like PostgreSQL would.
 * Booleans become 1/0; undefined becomes NULL (as pg does).
 */
function bind(v: SqlValue | undefined): bigint | number | string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  return v;
}

/** Opens (creating if missing) the database file; its directory must exist. */
export function openSqlite(file: string): Sql {
  const db = wrap(() => new Database(file, { timeout: BUSY_TIMEOUT_MS }));
  wrap(() => {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    db.defaultSafeIntegers(false); // integers come back as JS numbers
  });

  const cache = new Map<string, Database.Statement>();
  const prepare = (text: string): Database.Statement => {
    let stmt = cache.get(text);
    if (!stmt) {
      stmt = db.prepare(text);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(text, stmt);
    }
    return stmt;
  };

  // Runs directly on the connection: used inside a transaction, or when none is open.
  const direct: SqlRunner = {
    async all<T = Row>(q: Query): Promise<T[]> {
      return wrap(() => {
        const stmt = prepare(render(q, 'sqlite'));
        const args = q.values.map(bind);
        if (stmt.reader) return stmt.all(...args) as T[];
        stmt.run(...args); // a statement without result rows: run it, return no rows
        return [];
      });
    },
    async get<T = Row>(q: Query): Promise<T | undefined> {
      return wrap(() => {
        const stmt = prepare(render(q, 'sqlite'));
        const args = q.values.map(bind);
        if (stmt.reader) return stmt.get(...args) as T | undefined;
        stmt.run(...args);
        return undefined;
      });
    },
    async run(q: Query): Promise<{ changes: number }> {
      return wrap(() => ({ changes: prepare(render(q, 'sqlite')).run(...q.values.map(bind)).changes }));
    },
  };

  const mutex = new AsyncMutex();
  const scope = new TxScope();
  let closed = false;

  // Outside any transaction: run now if the lock is free, else queue behind it.
  async function plain<T>(op: string, fn: () => Promise<T>): Promise<T> {
    scope.assertOutside(op);
    return mutex.locked ? mutex.with(fn) : fn();
  }

  return {
    dialect: 'sqlite',
    all: (q) => plain('query', () => direct.all(q)),
    get: (q) => plain('query', () => direct.get(q)),
    run: (q) => plain('query', () => direct.run(q)),
    exec: (ddl) => plain('exec', async () => wrap(() => void db.exec(ddl))),

    async transaction<T>(body: (tx: SqlRunner) => Promise<T>): Promise<T> {
      scope.assertOutside('transaction');
      return mutex.with(async () => {
        // IMMEDIATE takes the write lock up front: no SQLITE_BUSY halfway through a body.
        wrap(() => db.exec('BEGIN IMMEDIATE'));
        try {
          const result = await scope.runBody(direct, body);
          wrap(() => db.exec('COMMIT'));
          return result;
        } catch (e) {
          if (db.inTransaction) {
            try {
              db.exec('ROLLBACK');
            } catch {
              // the original error matters more; the connection stays usable
            }
          }
          throw e;
        }
      });
    },

    /** Waits for the open transaction and queued queries, then closes; idempotent. */
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await mutex.with(() => {
        cache.clear();
        db.close();
      });
    },
  };
}
