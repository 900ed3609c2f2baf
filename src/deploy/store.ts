// Deployed projects in SQL, so a restarted server serves the same routes: one row per
// stack with its source directory and the routes it deployed, and one row per resource
// the stack applied (what it owns, so a redeploy can remove what left the project).
import { sql, type Sql } from '../store/sql';
import type { DeployedRoute } from './apply';
import type { DeployedResource } from './resources/apply-resources';

export const DEPLOY_SCHEMA = `
CREATE TABLE IF NOT EXISTS deployments (
  stack_name TEXT PRIMARY KEY,
  source_dir TEXT NOT NULL,
  routes TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS deployed_resources (
  stack_name TEXT NOT NULL,
  logical_id TEXT NOT NULL,
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (stack_name, logical_id)
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

  async resources(stackName: string): Promise<DeployedResource[]> {
    const rows = await this.db.all<{ logical_id: string; type: string; state: string }>(
      sql`SELECT logical_id, type, state FROM deployed_resources WHERE stack_name = ${stackName} ORDER BY logical_id`);
    return rows.map((r) => ({ logicalId: r.logical_id, type: r.type, state: JSON.parse(r.state) }));
  }

  /** Replaces what the stack owns. */
  async putResources(stackName: string, resources: DeployedResource[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run(sql`DELETE FROM deployed_resources WHERE stack_name = ${stackName}`);
      for (const r of resources) {
        await tx.run(sql`INSERT INTO deployed_resources (stack_name, logical_id, type, state)
          VALUES (${stackName}, ${r.logicalId}, ${r.type}, ${JSON.stringify(r.state ?? null)})`);
      }
    });
  }
}
