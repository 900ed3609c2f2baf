// Function log events in SQL, in CloudWatch Logs' model: groups (/aws/lambda/<fn>),
// streams (one per execution environment), events. Portable SQL: SQLite and PostgreSQL.
import { sql, type Query, type Sql, type SqlValue } from '../../store/sql';

// One B-tree in the order every read wants (group, time, stream, seq): a second index made
// each stored line cost about three times as much (bench: 11.4 → 4.5 µs a row on SQLite).
const logsSchema = (dialect: 'sqlite' | 'postgres') => `
CREATE TABLE IF NOT EXISTS log_records (
  log_group TEXT NOT NULL,
  log_stream TEXT NOT NULL,
  seq BIGINT NOT NULL,
  ts BIGINT NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (log_group, ts, log_stream, seq)
)${dialect === 'sqlite' ? ' WITHOUT ROWID' : ''};
`;

/** Data dirs written before log_records keep their events: they move over once. */
async function migrateOldTable(db: Sql): Promise<void> {
  const old = db.dialect === 'sqlite'
    ? await db.get(sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'log_events'`)
    : await db.get(sql`SELECT to_regclass('log_events') AS name WHERE to_regclass('log_events') IS NOT NULL`);
  if (!old) return;
  await db.transaction(async (tx) => {
    await tx.run(sql`INSERT INTO log_records (log_group, log_stream, seq, ts, message)
      SELECT log_group, log_stream, seq, ts, message FROM log_events WHERE true ON CONFLICT DO NOTHING`);
    await tx.run(sql`DROP TABLE log_events`);
  });
}

export interface StoredLogEvent {
  logGroup: string;
  logStream: string;
  seq: number;
  timestamp: number;
  message: string;
}

/** A position in a group's ordered events: (timestamp, stream, seq). */
export interface LogCursor { timestamp: number; logStream: string; seq: number }

export class LogStore {
  constructor(private db: Sql) {}

  static async open(db: Sql): Promise<LogStore> {
    await db.exec(logsSchema(db.dialect));
    await migrateOldTable(db);
    return new LogStore(db);
  }

  /** Writes a batch of events in one transaction. */
  async putLogEvents(events: readonly StoredLogEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < events.length; i += 200) await tx.run(insertMany(events.slice(i, i + 200)));
    });
  }

  /** Events of a group after a cursor (or from `since`), oldest first. */
  async getLogEvents(logGroup: string, opts: { after?: LogCursor; since?: number; limit?: number }): Promise<StoredLogEvent[]> {
    const limit = Math.min(Math.max(opts.limit ?? 1000, 1), 10_000);
    const a = opts.after;
    const rows = a
      ? await this.db.all<Record<string, unknown>>(sql`SELECT log_group, log_stream, seq, ts, message FROM log_records
          WHERE log_group = ${logGroup} AND (ts > ${a.timestamp} OR (ts = ${a.timestamp} AND (log_stream > ${a.logStream}
            OR (log_stream = ${a.logStream} AND seq > ${a.seq}))))
          ORDER BY ts, log_stream, seq LIMIT ${limit}`)
      : await this.db.all<Record<string, unknown>>(sql`SELECT log_group, log_stream, seq, ts, message FROM log_records
          WHERE log_group = ${logGroup} AND ts >= ${opts.since ?? 0} ORDER BY ts, log_stream, seq LIMIT ${limit}`);
    return rows.map((r) => ({ logGroup: String(r.log_group), logStream: String(r.log_stream), seq: Number(r.seq),
      timestamp: Number(r.ts), message: String(r.message) }));
  }

  /** The last `limit` events of a group, oldest first. */
  async tail(logGroup: string, limit: number): Promise<StoredLogEvent[]> {
    const rows = await this.db.all<Record<string, unknown>>(sql`SELECT log_group, log_stream, seq, ts, message FROM log_records
      WHERE log_group = ${logGroup} ORDER BY ts DESC, log_stream DESC, seq DESC LIMIT ${limit}`);
    return rows.reverse().map((r) => ({ logGroup: String(r.log_group), logStream: String(r.log_stream), seq: Number(r.seq),
      timestamp: Number(r.ts), message: String(r.message) }));
  }
}

function insertMany(events: readonly StoredLogEvent[]): Query {
  const strings: string[] = ['INSERT INTO log_records (log_group, log_stream, seq, ts, message) VALUES ('];
  const values: SqlValue[] = [];
  events.forEach((e, i) => {
    if (i > 0) strings[strings.length - 1] += '), (';
    values.push(e.logGroup, e.logStream, e.seq, e.timestamp, e.message);
    strings.push(', ', ', ', ', ', ', ');
    strings.push('');
  });
  strings[strings.length - 1] += ') ON CONFLICT DO NOTHING';
  return { strings, values };
}
