// Concurrency settings in SQL (SQLite and PostgreSQL): reserved concurrency per function and
// provisioned concurrency per function version or alias.
import { sql, type Sql } from '../store/sql';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS function_concurrency (
  function_name TEXT PRIMARY KEY,
  reserved INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS provisioned_concurrency (
  function_name TEXT NOT NULL,
  qualifier TEXT NOT NULL,
  requested INTEGER NOT NULL,
  last_modified TEXT NOT NULL,
  PRIMARY KEY (function_name, qualifier)
);
`;

export interface ProvisionedConfig { functionName: string; qualifier: string; requested: number; lastModified: string }

export class ConcurrencyStore {
  private constructor(private readonly db: Sql) {}

  static async open(db: Sql): Promise<ConcurrencyStore> {
    await db.exec(SCHEMA);
    return new ConcurrencyStore(db);
  }

  async reservations(): Promise<Map<string, number>> {
    const rows = await this.db.all<{ function_name: string; reserved: number }>(
      sql`SELECT function_name, reserved FROM function_concurrency`);
    return new Map(rows.map((r) => [String(r.function_name), Number(r.reserved)]));
  }

  async putReserved(functionName: string, n: number): Promise<void> {
    await this.db.run(sql`INSERT INTO function_concurrency (function_name, reserved) VALUES (${functionName}, ${n})
      ON CONFLICT (function_name) DO UPDATE SET reserved = ${n}`);
  }

  async deleteReserved(functionName: string): Promise<void> {
    await this.db.run(sql`DELETE FROM function_concurrency WHERE function_name = ${functionName}`);
  }

  async provisioned(): Promise<ProvisionedConfig[]> {
    const rows = await this.db.all<Record<string, unknown>>(
      sql`SELECT function_name, qualifier, requested, last_modified FROM provisioned_concurrency ORDER BY function_name, qualifier`);
    return rows.map((r) => ({ functionName: String(r.function_name), qualifier: String(r.qualifier),
      requested: Number(r.requested), lastModified: String(r.last_modified) }));
  }

  async putProvisioned(c: ProvisionedConfig): Promise<void> {
    await this.db.run(sql`INSERT INTO provisioned_concurrency (function_name, qualifier, requested, last_modified)
      VALUES (${c.functionName}, ${c.qualifier}, ${c.requested}, ${c.lastModified})
      ON CONFLICT (function_name, qualifier) DO UPDATE SET requested = ${c.requested}, last_modified = ${c.lastModified}`);
  }

  async deleteProvisioned(functionName: string, qualifier?: string): Promise<void> {
    if (qualifier === undefined) await this.db.run(sql`DELETE FROM provisioned_concurrency WHERE function_name = ${functionName}`);
    else await this.db.run(sql`DELETE FROM provisioned_concurrency WHERE function_name = ${functionName} AND qualifier = ${qualifier}`);
  }
}
