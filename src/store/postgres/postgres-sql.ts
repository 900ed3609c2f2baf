// The Sql port on PostgreSQL (pg). A pool of connections; a transaction runs on one
// checked-out client between BEGIN and COMMIT/ROLLBACK, at PG's default READ COMMITTED
// (write `UPDATE t SET n = n + 1`, not read-modify-write in JS). Transactions and plain
// queries run concurrently on separate connections; rows locked by a transaction make
// other writers wait for it, as on SQLite.
import { Pool, PoolClient, TypeOverrides } from 'pg';
import { Query, render, Row, Sql, SqlRunner, SqlValue } from '../sql';
import { messageOf, storeError, TxScope } from '../tx-scope';

type Queryable = Pool | PoolClient;

function wrapPg(e: unknown): Error {
  const code = (e as { code?: unknown }).code;
  // 40P01 deadlock_detected, 40001 serialization_failure: the transaction may be run again.
  return storeError(messageOf(e), code === '23505' ? 'unique' : code === '40P01' || code === '40001' ? 'conflict' : 'other', e);
}

/** Booleans are stored as 0/1 integers by convention (pg would send 'true'). */
function bind(v: SqlValue | undefined): SqlValue {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The URL with its password masked, for error messages. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@').replace(/(password=)[^&\s]*/gi, '$1***');
}

function runnerOn(db: Queryable): SqlRunner {
  const query = async (q: Query) => {
    try {
      return await db.query(render(q, 'postgres'), q.values.map(bind));
    } catch (e) {
      throw wrapPg(e);
    }
  };
  return {
    all: async <T = Row>(q: Query) => (await query(q)).rows as T[],
    get: async <T = Row>(q: Query) => (await query(q)).rows[0] as T | undefined,
    run: async (q: Query) => ({ changes: (await query(q)).rowCount ?? 0 }),
  };
}

/**
 * Connects (failing fast if the server is unreachable). With opts.schema, creates the
 * schema if missing and puts every pool connection's search_path on it alone.
 */
export async function openPostgres(url: string, opts: { schema?: string } = {}): Promise<Sql> {
  // Per-pool parsers: COUNT(*)/BIGINT (int8) and SUM/NUMERIC come back as JS numbers.
  // pg's global parsers stay untouched for anyone else in the process.
  const types = new TypeOverrides();
  types.setTypeParser(20, Number);
  types.setTypeParser(1700, Number);
  const { schema } = opts;
  const pool = new Pool({
    connectionString: url,
    types,
    // Runs before a new connection is handed out; a failure fails that checkout.
    onConnect: schema ? async (c) => void (await c.query(`SET search_path TO ${quoteIdent(schema)}`)) : undefined,
  });
  // An idle connection died (e.g. server restart): the pool drops it and reconnects
  // on demand. Without a listener the 'error' event would crash the process.
  pool.on('error', () => undefined);
  try {
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    else await pool.query('SELECT 1');
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw storeError(`cannot open PostgreSQL at ${redactUrl(url)}: ${messageOf(e)}`, 'other', e);
  }

  const root = runnerOn(pool);
  const scope = new TxScope();
  let closed = false;
  async function outside<T>(op: string, fn: () => Promise<T>): Promise<T> {
    scope.assertOutside(op);
    return fn();
  }

  return {
    dialect: 'postgres',
    all: (q) => outside('query', () => root.all(q)),
    get: (q) => outside('query', () => root.get(q)),
    run: (q) => outside('query', () => root.run(q)),
    // No bound values: the simple query protocol, which accepts several statements.
    exec: (ddl) =>
      outside('exec', async () => {
        await pool.query(ddl).catch((e) => Promise.reject(wrapPg(e)));
      }),

    async transaction<T>(body: (tx: SqlRunner) => Promise<T>): Promise<T> {
      scope.assertOutside('transaction');
      const client = await pool.connect().catch((e) => Promise.reject(wrapPg(e)));
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
      } catch (e) {
        client.release(e as Error); // a connection that cannot BEGIN is not reused
        throw wrapPg(e);
      }
      try {
        const result = await scope.runBody(runnerOn(client), body);
        const done = await client.query('COMMIT').catch((e) => Promise.reject(wrapPg(e)));
        // PG answers COMMIT of an aborted transaction with ROLLBACK, not an error.
        if (done.command === 'ROLLBACK') throw storeError('transaction was rolled back by the server', 'other');
        return result;
      } catch (e) {
        // Harmless after a failed COMMIT; if even this fails the connection is unusable.
        await client.query('ROLLBACK').catch((re: Error) => (broken = re));
        throw e;
      } finally {
        client.release(broken);
      }
    },

    /** Ends the pool (checked-out clients end when released); idempotent. */
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await pool.end().catch((e) => Promise.reject(wrapPg(e)));
    },
  };
}
