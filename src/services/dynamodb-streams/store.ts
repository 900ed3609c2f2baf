// DynamoDB Streams in SQL. `dynamodb_streams`: one row per stream (a table's stream label),
// with its one shard's counter: `last_seq` is taken by an upsert in the item's own write
// transaction, so on PostgreSQL the row stays locked until that transaction commits and
// sequence numbers become visible in commit order (a reader never sees 5 before 4).
// `dynamodb_stream_records`: the records, append-only, trimmed after 24 hours
// (`trimmed_through` remembers the last trimmed sequence number).
import { sql, type Sql, type SqlRunner } from '../../store/sql';
import type { StoredRecord, StreamViewType } from './records';

const schema = `
CREATE TABLE IF NOT EXISTS dynamodb_streams (
  arn TEXT PRIMARY KEY,
  table_name TEXT NOT NULL,
  label TEXT NOT NULL,
  view_type TEXT NOT NULL,
  key_schema TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seq BIGINT NOT NULL,
  trimmed_through BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS dynamodb_stream_records (
  arn TEXT NOT NULL,
  seq BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  record TEXT NOT NULL,
  PRIMARY KEY (arn, seq)
);
CREATE INDEX IF NOT EXISTS dynamodb_stream_records_age ON dynamodb_stream_records (created_at);`;

export interface KeySchemaElement { AttributeName: string; KeyType: 'HASH' | 'RANGE' }

export interface StreamRow {
  arn: string;
  tableName: string;
  label: string;
  viewType: StreamViewType;
  keySchema: KeySchemaElement[];
  createdAt: number;
  lastSeq: number;
  trimmedThrough: number;
}

export interface RecordRow { seq: number; createdAt: number; record: StoredRecord }

export type NewStream = Omit<StreamRow, 'lastSeq' | 'trimmedThrough'>;

const toStream = (r: Record<string, unknown>): StreamRow => ({
  arn: String(r.arn), tableName: String(r.table_name), label: String(r.label), viewType: String(r.view_type) as StreamViewType,
  keySchema: JSON.parse(String(r.key_schema)) as KeySchemaElement[], createdAt: Number(r.created_at),
  lastSeq: Number(r.last_seq), trimmedThrough: Number(r.trimmed_through),
});

export class StreamStore {
  private constructor(readonly db: Sql) {}

  static async open(db: Sql): Promise<StreamStore> {
    await db.exec(schema);
    return new StreamStore(db);
  }

  /** Takes the stream's next sequence number (creating the stream's row at its first record). */
  async nextSequence(tx: SqlRunner, s: NewStream): Promise<number> {
    const row = await tx.get<{ last_seq: number }>(sql`INSERT INTO dynamodb_streams
      (arn, table_name, label, view_type, key_schema, created_at, last_seq, trimmed_through)
      VALUES (${s.arn}, ${s.tableName}, ${s.label}, ${s.viewType}, ${JSON.stringify(s.keySchema)}, ${s.createdAt}, 1, 0)
      ON CONFLICT (arn) DO UPDATE SET last_seq = dynamodb_streams.last_seq + 1 RETURNING last_seq`);
    return Number(row!.last_seq);
  }

  async append(tx: SqlRunner, arn: string, seq: number, createdAt: number, record: StoredRecord): Promise<void> {
    await tx.run(sql`INSERT INTO dynamodb_stream_records (arn, seq, created_at, record)
      VALUES (${arn}, ${seq}, ${createdAt}, ${JSON.stringify(record)})`);
  }

  /** A stream known before its first record (from the table), so it is listed and described. */
  async remember(s: NewStream): Promise<void> {
    await this.db.run(sql`INSERT INTO dynamodb_streams (arn, table_name, label, view_type, key_schema, created_at, last_seq, trimmed_through)
      VALUES (${s.arn}, ${s.tableName}, ${s.label}, ${s.viewType}, ${JSON.stringify(s.keySchema)}, ${s.createdAt}, 0, 0)
      ON CONFLICT (arn) DO NOTHING`);
  }

  async stream(arn: string): Promise<StreamRow | undefined> {
    const r = await this.db.get(sql`SELECT * FROM dynamodb_streams WHERE arn = ${arn}`);
    return r ? toStream(r) : undefined;
  }

  async streams(): Promise<StreamRow[]> {
    return (await this.db.all(sql`SELECT * FROM dynamodb_streams ORDER BY arn`)).map(toStream);
  }

  /** Records with seq ≥ from, in order. */
  async read(arn: string, from: number, limit: number): Promise<RecordRow[]> {
    const rows = await this.db.all<{ seq: number; created_at: number; record: string }>(sql`SELECT seq, created_at, record
      FROM dynamodb_stream_records WHERE arn = ${arn} AND seq >= ${from} ORDER BY seq LIMIT ${limit}`);
    return rows.map((r) => ({ seq: Number(r.seq), createdAt: Number(r.created_at), record: JSON.parse(r.record) as StoredRecord }));
  }

  /** The sequence number of the first record written at or after `ms`, else undefined. */
  async firstAtOrAfter(arn: string, ms: number): Promise<number | undefined> {
    const r = await this.db.get<{ seq: number }>(sql`SELECT MIN(seq) AS seq FROM dynamodb_stream_records
      WHERE arn = ${arn} AND created_at >= ${ms}`);
    return r?.seq === null || r?.seq === undefined ? undefined : Number(r.seq);
  }

  /** Deletes records written before `cutoffMs`; returns how many. */
  async trim(cutoffMs: number): Promise<number> {
    const ends = await this.db.all<{ arn: string; seq: number }>(sql`SELECT arn, MAX(seq) AS seq FROM dynamodb_stream_records
      WHERE created_at < ${cutoffMs} GROUP BY arn`);
    let n = 0;
    for (const e of ends) {
      n += (await this.db.transaction(async (tx) => {
        await tx.run(sql`UPDATE dynamodb_streams SET trimmed_through = ${Number(e.seq)} WHERE arn = ${e.arn} AND trimmed_through < ${Number(e.seq)}`);
        return tx.run(sql`DELETE FROM dynamodb_stream_records WHERE arn = ${e.arn} AND seq <= ${Number(e.seq)}`);
      })).changes;
    }
    return n;
  }
}
