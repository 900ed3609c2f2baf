// Each function's (or version's / alias's) asynchronous invocation configuration
// (PutFunctionEventInvokeConfig): retry attempts, maximum event age, and the OnSuccess /
// OnFailure destinations. Kept in SQL and mirrored in memory, since every attempt reads it.
import { sql, type Sql } from '../store/sql';
import { DEFAULT_RETRY, type RetryConfig } from './retry-policy';

export interface EventInvokeConfig {
  functionName: string;
  /** `$LATEST` for the unqualified function, else a version or an alias. */
  qualifier: string;
  maximumRetryAttempts?: number;
  maximumEventAgeSeconds?: number;
  onSuccess?: string;
  onFailure?: string;
  /** Epoch ms. */
  lastModified: number;
}

const schema = `
CREATE TABLE IF NOT EXISTS event_invoke_configs (
  function_name TEXT NOT NULL,
  qualifier TEXT NOT NULL,
  maximum_retry_attempts BIGINT,
  maximum_event_age_seconds BIGINT,
  on_success TEXT,
  on_failure TEXT,
  last_modified BIGINT NOT NULL,
  PRIMARY KEY (function_name, qualifier)
);`;

const key = (functionName: string, qualifier: string) => `${functionName}:${qualifier}`;

export class EventInvokeConfigs {
  private constructor(private readonly db: Sql, private readonly byKey: Map<string, EventInvokeConfig>) {}

  static async open(db: Sql): Promise<EventInvokeConfigs> {
    await db.exec(schema);
    const rows = await db.all<Record<string, unknown>>(sql`SELECT * FROM event_invoke_configs`);
    const byKey = new Map<string, EventInvokeConfig>();
    for (const r of rows) {
      const c: EventInvokeConfig = { functionName: String(r.function_name), qualifier: String(r.qualifier),
        maximumRetryAttempts: optional(r.maximum_retry_attempts), maximumEventAgeSeconds: optional(r.maximum_event_age_seconds),
        onSuccess: (r.on_success as string | null) ?? undefined, onFailure: (r.on_failure as string | null) ?? undefined,
        lastModified: Number(r.last_modified) };
      byKey.set(key(c.functionName, c.qualifier), c);
    }
    return new EventInvokeConfigs(db, byKey);
  }

  get(functionName: string, qualifier = '$LATEST'): EventInvokeConfig | undefined {
    return this.byKey.get(key(functionName, qualifier));
  }

  list(functionName: string): EventInvokeConfig[] {
    return [...this.byKey.values()].filter((c) => c.functionName === functionName)
      .sort((a, b) => a.qualifier.localeCompare(b.qualifier));
  }

  /** The retry settings an event invoked with `qualifier` gets (Lambda's defaults without a config). */
  retryFor(functionName: string, qualifier?: string): RetryConfig {
    const c = this.get(functionName, qualifier ?? '$LATEST');
    return { maximumRetryAttempts: c?.maximumRetryAttempts ?? DEFAULT_RETRY.maximumRetryAttempts,
      maximumEventAgeSeconds: c?.maximumEventAgeSeconds ?? DEFAULT_RETRY.maximumEventAgeSeconds };
  }

  async put(c: EventInvokeConfig): Promise<EventInvokeConfig> {
    await this.db.run(sql`INSERT INTO event_invoke_configs (function_name, qualifier, maximum_retry_attempts,
        maximum_event_age_seconds, on_success, on_failure, last_modified)
      VALUES (${c.functionName}, ${c.qualifier}, ${c.maximumRetryAttempts ?? null}, ${c.maximumEventAgeSeconds ?? null},
        ${c.onSuccess ?? null}, ${c.onFailure ?? null}, ${c.lastModified})
      ON CONFLICT (function_name, qualifier) DO UPDATE SET maximum_retry_attempts = excluded.maximum_retry_attempts,
        maximum_event_age_seconds = excluded.maximum_event_age_seconds, on_success = excluded.on_success,
        on_failure = excluded.on_failure, last_modified = excluded.last_modified`);
    this.byKey.set(key(c.functionName, c.qualifier), c);
    return c;
  }

  async delete(functionName: string, qualifier = '$LATEST'): Promise<boolean> {
    const { changes } = await this.db.run(sql`DELETE FROM event_invoke_configs
      WHERE function_name = ${functionName} AND qualifier = ${qualifier}`);
    this.byKey.delete(key(functionName, qualifier));
    return changes > 0;
  }

  /** The function was deleted: so are its configurations. */
  async deleteFunction(functionName: string): Promise<void> {
    await this.db.run(sql`DELETE FROM event_invoke_configs WHERE function_name = ${functionName}`);
    for (const [k, c] of this.byKey) if (c.functionName === functionName) this.byKey.delete(k);
  }
}

function optional(v: unknown): number | undefined {
  return v === null || v === undefined ? undefined : Number(v);
}
