// SQS's queues and message move tasks in SQL (portable: SQLite and PostgreSQL), and the
// schema of every SQS table. Messages are in message-store.ts.
import { sql, type Row, type Sql, type SqlRunner } from '../../store/sql';
import type { Queue } from './model';

const schema = `
CREATE TABLE IF NOT EXISTS sqs_queues (
  name TEXT PRIMARY KEY,
  qid TEXT NOT NULL UNIQUE,
  fifo BIGINT NOT NULL,
  attributes TEXT NOT NULL,
  tags TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  modified_at BIGINT NOT NULL,
  purged_at BIGINT,
  next_seq BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS sqs_messages (
  qid TEXT NOT NULL,
  seq BIGINT NOT NULL,
  message_id TEXT NOT NULL,
  body TEXT NOT NULL,
  md5 TEXT NOT NULL,
  extras TEXT,
  sent_at BIGINT NOT NULL,
  visible_at BIGINT NOT NULL,
  receive_count BIGINT NOT NULL,
  first_receive_at BIGINT,
  group_id TEXT,
  dedup_id TEXT,
  receipt TEXT,
  PRIMARY KEY (qid, seq)
);
CREATE INDEX IF NOT EXISTS sqs_messages_visible ON sqs_messages (qid, visible_at);
CREATE TABLE IF NOT EXISTS sqs_dedup (
  qid TEXT NOT NULL,
  dedup_key TEXT NOT NULL,
  message_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (qid, dedup_key)
);
CREATE TABLE IF NOT EXISTS sqs_move_tasks (
  task_handle TEXT PRIMARY KEY,
  source_arn TEXT NOT NULL,
  destination_arn TEXT,
  max_per_second BIGINT,
  status TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  moved BIGINT NOT NULL,
  to_move BIGINT NOT NULL,
  failure_reason TEXT
);
`;

export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';
export interface MoveTask {
  taskHandle: string;
  sourceArn: string;
  destinationArn: string | null;
  maxPerSecond: number | null;
  status: MoveTaskStatus;
  startedAt: number;
  moved: number;
  toMove: number;
  failureReason: string | null;
}

export async function openSqsSchema(db: Sql): Promise<void> {
  await db.exec(schema);
}

export class QueueStore {
  constructor(private readonly db: Sql, private readonly arnOf: (name: string) => string) {}

  /** Inserts the queue; false when one of that name exists already. */
  async create(q: Queue): Promise<boolean> {
    const r = await this.db.run(sql`INSERT INTO sqs_queues (name, qid, fifo, attributes, tags, created_at, modified_at, purged_at, next_seq)
      VALUES (${q.name}, ${q.qid}, ${q.fifo ? 1 : 0}, ${JSON.stringify(q.attributes)}, ${JSON.stringify(q.tags)}, ${q.createdAt},
      ${q.modifiedAt}, ${null}, ${0}) ON CONFLICT (name) DO NOTHING`);
    return r.changes > 0;
  }

  async get(name: string): Promise<Queue | undefined> {
    const row = await this.db.get(sql`SELECT * FROM sqs_queues WHERE name = ${name}`);
    return row ? this.toQueue(row) : undefined;
  }

  /** Queues by name (a prefix, after a name), in name order. */
  async list(prefix: string, after: string, limit: number): Promise<Queue[]> {
    const rows = await this.db.all(sql`SELECT * FROM sqs_queues WHERE name > ${after} AND name >= ${prefix}
      ORDER BY name LIMIT ${limit}`);
    return rows.map((r) => this.toQueue(r)).filter((q) => q.name.startsWith(prefix));
  }

  async all(): Promise<Queue[]> {
    return (await this.db.all(sql`SELECT * FROM sqs_queues ORDER BY name`)).map((r) => this.toQueue(r));
  }

  async update(q: Queue): Promise<void> {
    await this.db.run(sql`UPDATE sqs_queues SET attributes = ${JSON.stringify(q.attributes)}, tags = ${JSON.stringify(q.tags)},
      modified_at = ${q.modifiedAt} WHERE qid = ${q.qid}`);
  }

  /** Deletes the queue with its messages; false when it was gone already. */
  async delete(q: Queue): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.run(sql`DELETE FROM sqs_messages WHERE qid = ${q.qid}`);
      await tx.run(sql`DELETE FROM sqs_dedup WHERE qid = ${q.qid}`);
      return (await tx.run(sql`DELETE FROM sqs_queues WHERE qid = ${q.qid}`)).changes > 0;
    });
  }

  /** Marks a purge and deletes what was sent before it; false when one ran in the last 60 s. */
  async purge(q: Queue, now: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const r = await tx.run(sql`UPDATE sqs_queues SET purged_at = ${now} WHERE qid = ${q.qid}
        AND (purged_at IS NULL OR purged_at <= ${now - 60_000})`);
      if (r.changes === 0) return false;
      await tx.run(sql`DELETE FROM sqs_messages WHERE qid = ${q.qid} AND sent_at <= ${now}`);
      return true;
    });
  }

  async putTask(t: MoveTask, tx: SqlRunner = this.db): Promise<void> {
    await tx.run(sql`INSERT INTO sqs_move_tasks (task_handle, source_arn, destination_arn, max_per_second, status, started_at,
      moved, to_move, failure_reason) VALUES (${t.taskHandle}, ${t.sourceArn}, ${t.destinationArn}, ${t.maxPerSecond}, ${t.status},
      ${t.startedAt}, ${t.moved}, ${t.toMove}, ${t.failureReason}) ON CONFLICT (task_handle) DO UPDATE SET status = excluded.status,
      moved = excluded.moved, failure_reason = excluded.failure_reason`);
  }

  async task(handle: string): Promise<MoveTask | undefined> {
    const row = await this.db.get(sql`SELECT * FROM sqs_move_tasks WHERE task_handle = ${handle}`);
    return row ? toTask(row) : undefined;
  }

  /** A source queue's tasks, newest first. */
  async tasks(sourceArn: string, limit: number): Promise<MoveTask[]> {
    const rows = await this.db.all(sql`SELECT * FROM sqs_move_tasks WHERE source_arn = ${sourceArn}
      ORDER BY started_at DESC, task_handle LIMIT ${limit}`);
    return rows.map(toTask);
  }

  async runningTasks(): Promise<MoveTask[]> {
    return (await this.db.all(sql`SELECT * FROM sqs_move_tasks WHERE status = ${'RUNNING'} OR status = ${'CANCELLING'}`)).map(toTask);
  }

  private toQueue(r: Row): Queue {
    const name = String(r.name);
    return {
    qid: String(r.qid), name, arn: this.arnOf(name), fifo: Number(r.fifo) === 1,
    attributes: JSON.parse(String(r.attributes)) as Record<string, string>,
    tags: JSON.parse(String(r.tags)) as Record<string, string>,
    createdAt: Number(r.created_at), modifiedAt: Number(r.modified_at),
    purgedAt: r.purged_at === null || r.purged_at === undefined ? null : Number(r.purged_at),
    };
  }
}

function toTask(r: Row): MoveTask {
  return {
    taskHandle: String(r.task_handle), sourceArn: String(r.source_arn),
    destinationArn: r.destination_arn == null ? null : String(r.destination_arn),
    maxPerSecond: r.max_per_second == null ? null : Number(r.max_per_second),
    status: String(r.status) as MoveTaskStatus, startedAt: Number(r.started_at), moved: Number(r.moved),
    toMove: Number(r.to_move), failureReason: r.failure_reason == null ? null : String(r.failure_reason),
  };
}
