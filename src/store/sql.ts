// The Sql port: tagged-template queries and transactions over SQLite or PostgreSQL.
// Write portable SQL: `INSERT ... ON CONFLICT`, `RETURNING`, BIGINT integers for time
// (epoch ms), JSON as TEXT, booleans as 0/1 integers. Values are always bound, never
// spliced. Adapters return BIGINT columns as JS numbers.

export type SqlValue = string | number | bigint | boolean | null;
export type Row = Record<string, unknown>;

export interface Query {
  readonly strings: readonly string[];
  readonly values: readonly SqlValue[];
}

/** Builds a query: sql`SELECT * FROM t WHERE id = ${id}`. */
export function sql(strings: TemplateStringsArray | readonly string[], ...values: SqlValue[]): Query {
  return { strings: [...strings], values };
}

/** Renders a query for a dialect's placeholders: `?` (sqlite) or `$1..$n` (postgres). */
export function render(q: Query, dialect: 'sqlite' | 'postgres'): string {
  let text = q.strings[0];
  for (let i = 1; i < q.strings.length; i++) {
    text += (dialect === 'sqlite' ? '?' : `$${i}`) + q.strings[i];
  }
  return text;
}

export interface SqlRunner {
  all<T = Row>(q: Query): Promise<T[]>;
  get<T = Row>(q: Query): Promise<T | undefined>;
  run(q: Query): Promise<{ changes: number }>;
}

export interface Sql extends SqlRunner {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs body in one transaction: committed when it resolves, rolled back when it
   * throws. Transactions never interleave: on SQLite they are serialised, and plain
   * queries issued outside wait until the open transaction ends.
   */
  transaction<T>(body: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Runs DDL (several statements separated by `;`), for schemas at start-up. */
  exec(ddl: string): Promise<void>;
  close(): Promise<void>;
}
