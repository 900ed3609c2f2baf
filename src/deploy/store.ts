// Deployed projects in SQL, so a restarted server serves the same routes: one row per
// stack with its source directory and the routes it deployed.
import { sql, type Sql } from '../store/sql';
import type { DeployedRoute } from './apply';

export const DEPLOY_SCHEMA = `
CREATE TABLE IF NOT EXISTS deployments (
  stack_name TEXT PRIMARY KEY,
  source_dir TEXT NOT NULL,
  routes TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
`;

export interface StoredDeployment { stackName: string; sourceDir: string; routes: DeployedRoute[] }

export class DeploymentStore {
  private constructor(private db: Sql) {}

  static async open(db: Sql): Promise<DeploymentStore> {
    await db.exec(DEPLOY_SCHEMA);
    return new DeploymentStore(db);
  }

  async put(d: StoredDeployment, now: number): Promise<void> {
    await this.db.run(sql`INSERT INTO deployments (stack_name, source_dir, routes, updated_at)
      VALUES (${d.stackName}, ${d.sourceDir}, ${JSON.stringify(d.routes)}, ${now})
      ON CONFLICT (stack_name) DO UPDATE SET source_dir = excluded.source_dir, routes = excluded.routes,
        updated_at = excluded.updated_at`);
  }

  async all(): Promise<StoredDeployment[]> {
    const rows = await this.db.all<{ stack_name: string; source_dir: string; routes: string }>(
      sql`SELECT stack_name, source_dir, routes FROM deployments ORDER BY stack_name`);
    return rows.map((r) => ({ stackName: r.stack_name, sourceDir: r.source_dir, routes: JSON.parse(r.routes) }));
  }
}
