// Scalable targets and scheduled actions in SQL (SQLite or PostgreSQL, portable SQL).
// Deregistering a target deletes its scheduled actions with it, as AWS does.
import { sql, type Row, type Sql } from '../../store/sql';
import type { ScalableTarget, ScheduledAction, TargetKey } from './model';

const schema = `
CREATE TABLE IF NOT EXISTS aas_scalable_targets (
  service_namespace TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  scalable_dimension TEXT NOT NULL,
  min_capacity BIGINT NOT NULL,
  max_capacity BIGINT NOT NULL,
  capacity BIGINT NOT NULL,
  role_arn TEXT NOT NULL,
  arn TEXT NOT NULL,
  suspended TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (service_namespace, resource_id, scalable_dimension)
);
CREATE TABLE IF NOT EXISTS aas_scheduled_actions (
  service_namespace TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  scalable_dimension TEXT NOT NULL,
  name TEXT NOT NULL,
  arn TEXT NOT NULL,
  schedule TEXT NOT NULL,
  timezone TEXT,
  start_time BIGINT,
  end_time BIGINT,
  min_capacity BIGINT,
  max_capacity BIGINT,
  created_at BIGINT NOT NULL,
  next_at BIGINT,
  PRIMARY KEY (service_namespace, resource_id, scalable_dimension, name)
);
`;

export class ScalingStore {
  private constructor(private db: Sql) {}

  static async open(db: Sql): Promise<ScalingStore> {
    await db.exec(schema);
    return new ScalingStore(db);
  }

  async targets(namespace: string): Promise<ScalableTarget[]> {
    const rows = await this.db.all(sql`SELECT * FROM aas_scalable_targets WHERE service_namespace = ${namespace}
      ORDER BY resource_id, scalable_dimension`);
    return rows.map(toTarget);
  }

  async target(k: TargetKey): Promise<ScalableTarget | undefined> {
    const row = await this.db.get(sql`SELECT * FROM aas_scalable_targets WHERE service_namespace = ${k.namespace}
      AND resource_id = ${k.resourceId} AND scalable_dimension = ${k.dimension}`);
    return row ? toTarget(row) : undefined;
  }

  async putTarget(t: ScalableTarget): Promise<void> {
    await this.db.run(sql`INSERT INTO aas_scalable_targets (service_namespace, resource_id, scalable_dimension, min_capacity,
      max_capacity, capacity, role_arn, arn, suspended, created_at) VALUES (${t.namespace}, ${t.resourceId}, ${t.dimension},
      ${t.minCapacity}, ${t.maxCapacity}, ${t.capacity}, ${t.roleArn}, ${t.arn}, ${JSON.stringify(t.suspended)}, ${t.createdAt})
      ON CONFLICT (service_namespace, resource_id, scalable_dimension) DO UPDATE SET min_capacity = excluded.min_capacity,
      max_capacity = excluded.max_capacity, capacity = excluded.capacity, suspended = excluded.suspended`);
  }

  /** Deletes a target and its scheduled actions; false when there was none. */
  async deleteTarget(k: TargetKey): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.run(sql`DELETE FROM aas_scheduled_actions WHERE service_namespace = ${k.namespace}
        AND resource_id = ${k.resourceId} AND scalable_dimension = ${k.dimension}`);
      const r = await tx.run(sql`DELETE FROM aas_scalable_targets WHERE service_namespace = ${k.namespace}
        AND resource_id = ${k.resourceId} AND scalable_dimension = ${k.dimension}`);
      return r.changes > 0;
    });
  }

  async actions(namespace: string): Promise<ScheduledAction[]> {
    const rows = await this.db.all(sql`SELECT * FROM aas_scheduled_actions WHERE service_namespace = ${namespace}
      ORDER BY resource_id, scalable_dimension, name`);
    return rows.map(toAction);
  }

  /** Every action still to fire, soonest first (what start-up arms). */
  async pendingActions(): Promise<ScheduledAction[]> {
    const rows = await this.db.all(sql`SELECT * FROM aas_scheduled_actions WHERE next_at IS NOT NULL ORDER BY next_at, name`);
    return rows.map(toAction);
  }

  async action(k: TargetKey, name: string): Promise<ScheduledAction | undefined> {
    const row = await this.db.get(sql`SELECT * FROM aas_scheduled_actions WHERE service_namespace = ${k.namespace}
      AND resource_id = ${k.resourceId} AND scalable_dimension = ${k.dimension} AND name = ${name}`);
    return row ? toAction(row) : undefined;
  }

  async countActions(k: TargetKey): Promise<number> {
    const row = await this.db.get(sql`SELECT COUNT(*) AS n FROM aas_scheduled_actions WHERE service_namespace = ${k.namespace}
      AND resource_id = ${k.resourceId} AND scalable_dimension = ${k.dimension}`);
    return Number(row?.n ?? 0);
  }

  async putAction(a: ScheduledAction): Promise<void> {
    await this.db.run(sql`INSERT INTO aas_scheduled_actions (service_namespace, resource_id, scalable_dimension, name, arn,
      schedule, timezone, start_time, end_time, min_capacity, max_capacity, created_at, next_at) VALUES (${a.namespace},
      ${a.resourceId}, ${a.dimension}, ${a.name}, ${a.arn}, ${a.schedule}, ${a.timezone ?? null}, ${a.startTime ?? null},
      ${a.endTime ?? null}, ${a.minCapacity ?? null}, ${a.maxCapacity ?? null}, ${a.createdAt}, ${a.nextAt})
      ON CONFLICT (service_namespace, resource_id, scalable_dimension, name) DO UPDATE SET schedule = excluded.schedule,
      timezone = excluded.timezone, start_time = excluded.start_time, end_time = excluded.end_time,
      min_capacity = excluded.min_capacity, max_capacity = excluded.max_capacity, next_at = excluded.next_at`);
  }

  async deleteAction(k: TargetKey, name: string): Promise<boolean> {
    const r = await this.db.run(sql`DELETE FROM aas_scheduled_actions WHERE service_namespace = ${k.namespace}
      AND resource_id = ${k.resourceId} AND scalable_dimension = ${k.dimension} AND name = ${name}`);
    return r.changes > 0;
  }

  /**
   * Moves an action's next firing from `due` to `next`; false when another node (or a
   * Put) already moved it, so each firing is applied once even with several nodes.
   */
  async claimFiring(k: TargetKey, name: string, due: number, next: number | null): Promise<boolean> {
    const r = await this.db.run(sql`UPDATE aas_scheduled_actions SET next_at = ${next} WHERE service_namespace = ${k.namespace}
      AND resource_id = ${k.resourceId} AND scalable_dimension = ${k.dimension} AND name = ${name} AND next_at = ${due}`);
    return r.changes > 0;
  }
}

const num = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));

function toTarget(r: Row): ScalableTarget {
  return {
    namespace: String(r.service_namespace), resourceId: String(r.resource_id), dimension: String(r.scalable_dimension),
    minCapacity: Number(r.min_capacity), maxCapacity: Number(r.max_capacity), capacity: Number(r.capacity),
    roleArn: String(r.role_arn), arn: String(r.arn), suspended: JSON.parse(String(r.suspended)), createdAt: Number(r.created_at),
  };
}

function toAction(r: Row): ScheduledAction {
  return {
    namespace: String(r.service_namespace), resourceId: String(r.resource_id), dimension: String(r.scalable_dimension),
    name: String(r.name), arn: String(r.arn), schedule: String(r.schedule), timezone: (r.timezone as string | null) ?? undefined,
    startTime: num(r.start_time), endTime: num(r.end_time), minCapacity: num(r.min_capacity), maxCapacity: num(r.max_capacity),
    createdAt: Number(r.created_at), nextAt: num(r.next_at) ?? null,
  };
}
