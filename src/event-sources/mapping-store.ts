// Event source mappings in SQL (they survive restarts; their pollers resume at start).
// One row per mapping; the settings as JSON text.
import { sql, type Sql } from '../store/sql';
import type { EventSourceMapping } from './mapping';
import type { MappingState } from './mapping-state';

const schema = `
CREATE TABLE IF NOT EXISTS event_source_mappings (
  uuid TEXT PRIMARY KEY,
  function_arn TEXT NOT NULL,
  event_source_arn TEXT NOT NULL,
  state TEXT NOT NULL,
  settings TEXT NOT NULL,
  last_modified BIGINT NOT NULL
);`;

type Settings = Omit<EventSourceMapping, 'uuid' | 'functionArn' | 'eventSourceArn' | 'state' | 'lastModified'>;

export class MappingStore {
  private constructor(private readonly db: Sql) {}

  static async open(db: Sql): Promise<MappingStore> {
    await db.exec(schema);
    return new MappingStore(db);
  }

  async all(): Promise<EventSourceMapping[]> {
    const rows = await this.db.all<Record<string, unknown>>(sql`SELECT * FROM event_source_mappings ORDER BY uuid`);
    return rows.map((r) => ({
      ...(JSON.parse(String(r.settings)) as Settings),
      uuid: String(r.uuid), functionArn: String(r.function_arn), eventSourceArn: String(r.event_source_arn),
      state: String(r.state) as MappingState, lastModified: Number(r.last_modified),
    }));
  }

  async put(m: EventSourceMapping): Promise<void> {
    const settings: Settings = { batchSize: m.batchSize, maximumBatchingWindowInSeconds: m.maximumBatchingWindowInSeconds,
      enabled: m.enabled, functionResponseTypes: m.functionResponseTypes, filterCriteria: m.filterCriteria,
      maximumConcurrency: m.maximumConcurrency, startingPosition: m.startingPosition, maximumRetryAttempts: m.maximumRetryAttempts,
      maximumRecordAgeInSeconds: m.maximumRecordAgeInSeconds, bisectBatchOnFunctionError: m.bisectBatchOnFunctionError,
      parallelizationFactor: m.parallelizationFactor, destinationConfig: m.destinationConfig };
    await this.db.run(sql`INSERT INTO event_source_mappings (uuid, function_arn, event_source_arn, state, settings, last_modified)
      VALUES (${m.uuid}, ${m.functionArn}, ${m.eventSourceArn}, ${m.state}, ${JSON.stringify(settings)}, ${m.lastModified})
      ON CONFLICT (uuid) DO UPDATE SET function_arn = excluded.function_arn, event_source_arn = excluded.event_source_arn,
        state = excluded.state, settings = excluded.settings, last_modified = excluded.last_modified`);
  }

  async delete(uuid: string): Promise<void> {
    await this.db.run(sql`DELETE FROM event_source_mappings WHERE uuid = ${uuid}`);
  }
}
