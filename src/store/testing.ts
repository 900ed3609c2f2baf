// Throwaway databases for store tests of every part: a temp-file SQLite, or a fresh
// uniquely named schema on the test PostgreSQL, each with a cleanup that removes it.
// PostgreSQL tests must fail, never skip, when the server is unreachable: a CI without
// PostgreSQL should be red, not silently green on SQLite alone.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NimbusError } from '../kernel/errors';
import { hexId } from '../kernel/ids';
import { openPostgres } from './postgres/postgres-sql';
import { Sql } from './sql';
import { openSqlite } from './sqlite/sqlite-sql';
import { messageOf } from './tx-scope';

/** NIMBUS_TEST_PG_URL, or the local trust-auth server's `test` database. */
export const testPgUrl: string = process.env.NIMBUS_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSql {
  sql: Sql;
  /** PostgreSQL only: the schema, for a second connection pool (another node) on the same data. */
  schema?: string;
  /** Closes the Sql and removes its data; safe to call twice. */
  cleanup(): Promise<void>;
}

/** A fresh SQLite database in a temp directory. */
export async function openTestSqlite(): Promise<TestSql> {
  const dir = await mkdtemp(join(tmpdir(), 'nimbus-sqlite-'));
  const sql = openSqlite(join(dir, 'test.db'));
  return {
    sql,
    async cleanup() {
      await sql.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh schema on testPgUrl; its cleanup drops the schema with everything in it. */
export async function openTestPostgres(): Promise<TestSql> {
  const schema = `nimbus_test_${process.pid}_${hexId(6)}`;
  let sql: Sql;
  try {
    sql = await openPostgres(testPgUrl, { schema });
  } catch (e) {
    throw new NimbusError(
      'STORE_FAILED',
      `PostgreSQL for tests is unreachable (set NIMBUS_TEST_PG_URL to use another server): ${messageOf(e)}`,
      { kind: 'other', cause: e },
    );
  }
  let done = false;
  return {
    sql,
    schema,
    async cleanup() {
      if (done) return;
      done = true;
      // The schema name is ours (hex and digits), so splicing it is safe. Dropped
      // through a separate connection: the test may already have closed `sql`.
      const admin = await openPostgres(testPgUrl);
      try {
        await sql.close();
        await admin.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await admin.close();
      }
    },
  };
}
