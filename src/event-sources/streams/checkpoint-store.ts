// Stream mappings' checkpoints in SQL: per mapping and lane, the last sequence number the
// lane finished (checkpoints.ts). Written after every batch, so a restart resumes after the
// last processed record.
import { sql, type Sql } from '../../store/sql';

const schema = `
CREATE TABLE IF NOT EXISTS event_source_stream_checkpoints (
  uuid TEXT NOT NULL,
  lane INTEGER NOT NULL,
  seq BIGINT NOT NULL,
  PRIMARY KEY (uuid, lane)
);`;

export class CheckpointStore {
  private constructor(private readonly db: Sql) {}

  static async open(db: Sql): Promise<CheckpointStore> {
    await db.exec(schema);
    return new CheckpointStore(db);
  }

  async load(uuid: string): Promise<Map<number, number>> {
    const rows = await this.db.all<{ lane: number; seq: number }>(sql`SELECT lane, seq FROM event_source_stream_checkpoints WHERE uuid = ${uuid}`);
    return new Map(rows.map((r) => [Number(r.lane), Number(r.seq)]));
  }

  async save(uuid: string, lane: number, seq: number): Promise<void> {
    await this.db.run(sql`INSERT INTO event_source_stream_checkpoints (uuid, lane, seq) VALUES (${uuid}, ${lane}, ${seq})
      ON CONFLICT (uuid, lane) DO UPDATE SET seq = excluded.seq`);
  }

  /** Replaces the mapping's checkpoints with one per lane. */
  async replace(uuid: string, seqs: readonly number[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run(sql`DELETE FROM event_source_stream_checkpoints WHERE uuid = ${uuid}`);
      for (const [lane, seq] of seqs.entries()) {
        await tx.run(sql`INSERT INTO event_source_stream_checkpoints (uuid, lane, seq) VALUES (${uuid}, ${lane}, ${seq})`);
      }
    });
  }

  async delete(uuid: string): Promise<void> {
    await this.db.run(sql`DELETE FROM event_source_stream_checkpoints WHERE uuid = ${uuid}`);
  }
}
