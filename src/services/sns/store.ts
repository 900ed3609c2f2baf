// SNS's topics and subscriptions in SQL (portable: SQLite and PostgreSQL), and the schema of
// every SNS table. Published messages and their pending deliveries are in outbox-store.ts.
import { sql, type Row, type Sql } from '../../store/sql';
import type { Protocol, Subscription, SubscriptionState, Topic } from './model';

const schema = `
CREATE TABLE IF NOT EXISTS sns_topics (
  arn TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  fifo BIGINT NOT NULL,
  attributes TEXT NOT NULL,
  tags TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  deleted_subscriptions BIGINT NOT NULL,
  next_seq BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS sns_subscriptions (
  arn TEXT PRIMARY KEY,
  topic_arn TEXT NOT NULL,
  protocol TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  owner TEXT NOT NULL,
  state TEXT NOT NULL,
  pending BIGINT NOT NULL,
  token TEXT,
  attributes TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS sns_subscriptions_topic ON sns_subscriptions (topic_arn, arn);
CREATE INDEX IF NOT EXISTS sns_subscriptions_token ON sns_subscriptions (token);
CREATE TABLE IF NOT EXISTS sns_messages (
  message_id TEXT PRIMARY KEY,
  topic_arn TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS sns_deliveries (
  id TEXT PRIMARY KEY,
  message_id TEXT NOT NULL,
  subscription_arn TEXT NOT NULL,
  attempts BIGINT NOT NULL,
  next_at BIGINT NOT NULL,
  lease BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS sns_deliveries_due ON sns_deliveries (next_at);
CREATE INDEX IF NOT EXISTS sns_deliveries_message ON sns_deliveries (message_id);
CREATE TABLE IF NOT EXISTS sns_dedup (
  topic_arn TEXT NOT NULL,
  dedup_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  sequence_number TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (topic_arn, dedup_id)
);
`;

export async function openSnsSchema(db: Sql): Promise<void> {
  await db.exec(schema);
}

export interface SubscriptionCounts { confirmed: number; pending: number; deleted: number }

export class TopicStore {
  constructor(private readonly db: Sql) {}

  /** Inserts the topic; false when one with its ARN exists already. */
  async createTopic(t: Topic): Promise<boolean> {
    const r = await this.db.run(sql`INSERT INTO sns_topics (arn, name, fifo, attributes, tags, created_at, deleted_subscriptions, next_seq)
      VALUES (${t.arn}, ${t.name}, ${t.fifo ? 1 : 0}, ${JSON.stringify(t.attributes)}, ${JSON.stringify(t.tags)}, ${t.createdAt}, ${0}, ${0})
      ON CONFLICT (arn) DO NOTHING`);
    return r.changes === 1;
  }

  async topic(arn: string): Promise<Topic | undefined> {
    const row = await this.db.get(sql`SELECT * FROM sns_topics WHERE arn = ${arn}`);
    return row && topicOf(row);
  }

  /** Topics in ARN order after `after`, at most `limit`. */
  async topics(after: string, limit: number): Promise<Topic[]> {
    const rows = await this.db.all(sql`SELECT * FROM sns_topics WHERE arn > ${after} ORDER BY arn LIMIT ${limit}`);
    return rows.map(topicOf);
  }

  async updateTopic(arn: string, attributes: Record<string, string>, tags: Record<string, string>): Promise<void> {
    await this.db.run(sql`UPDATE sns_topics SET attributes = ${JSON.stringify(attributes)}, tags = ${JSON.stringify(tags)} WHERE arn = ${arn}`);
  }

  /** Deletes the topic and its subscriptions (pending deliveries are dropped by the dispatcher when it finds them orphaned). */
  async deleteTopic(arn: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run(sql`DELETE FROM sns_subscriptions WHERE topic_arn = ${arn}`);
      await tx.run(sql`DELETE FROM sns_topics WHERE arn = ${arn}`);
    });
  }

  async putSubscription(s: Subscription): Promise<void> {
    const pending = s.state.kind === 'pending' ? 1 : 0;
    await this.db.run(sql`INSERT INTO sns_subscriptions (arn, topic_arn, protocol, endpoint, owner, state, pending, token, attributes, created_at)
      VALUES (${s.arn}, ${s.topicArn}, ${s.protocol}, ${s.endpoint}, ${s.owner}, ${JSON.stringify(s.state)}, ${pending}, ${s.state.token ?? null},
      ${JSON.stringify(s.attributes)}, ${s.createdAt})
      ON CONFLICT (arn) DO UPDATE SET state = excluded.state, pending = excluded.pending, token = excluded.token, attributes = excluded.attributes`);
  }

  async subscription(arn: string): Promise<Subscription | undefined> {
    const row = await this.db.get(sql`SELECT * FROM sns_subscriptions WHERE arn = ${arn}`);
    return row && subscriptionOf(row);
  }

  async subscriptionByToken(token: string): Promise<Subscription | undefined> {
    const row = await this.db.get(sql`SELECT * FROM sns_subscriptions WHERE token = ${token}`);
    return row && subscriptionOf(row);
  }

  /** The subscription of `topicArn` with this protocol and endpoint (Subscribe is idempotent). */
  async findSubscription(topicArn: string, protocol: string, endpoint: string): Promise<Subscription | undefined> {
    const row = await this.db.get(sql`SELECT * FROM sns_subscriptions WHERE topic_arn = ${topicArn} AND protocol = ${protocol}
      AND endpoint = ${endpoint}`);
    return row && subscriptionOf(row);
  }

  /** Subscriptions in ARN order after `after` (of one topic when `topicArn` is given), at most `limit`. */
  async subscriptions(after: string, limit: number, topicArn?: string): Promise<Subscription[]> {
    const rows = topicArn === undefined
      ? await this.db.all(sql`SELECT * FROM sns_subscriptions WHERE arn > ${after} ORDER BY arn LIMIT ${limit}`)
      : await this.db.all(sql`SELECT * FROM sns_subscriptions WHERE topic_arn = ${topicArn} AND arn > ${after} ORDER BY arn LIMIT ${limit}`);
    return rows.map(subscriptionOf);
  }

  /** Deletes the subscription; counts it as deleted on its topic. False when there was none. */
  async deleteSubscription(arn: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const row = await tx.get<{ topic_arn: string }>(sql`SELECT topic_arn FROM sns_subscriptions WHERE arn = ${arn}`);
      if (!row) return false;
      await tx.run(sql`DELETE FROM sns_subscriptions WHERE arn = ${arn}`);
      await tx.run(sql`UPDATE sns_topics SET deleted_subscriptions = deleted_subscriptions + 1 WHERE arn = ${row.topic_arn}`);
      return true;
    });
  }

  async counts(topicArn: string): Promise<SubscriptionCounts> {
    const rows = await this.db.all<{ pending: number; n: number }>(sql`SELECT pending, COUNT(*) AS n FROM sns_subscriptions
      WHERE topic_arn = ${topicArn} GROUP BY pending`);
    const t = await this.db.get<{ deleted_subscriptions: number }>(sql`SELECT deleted_subscriptions FROM sns_topics WHERE arn = ${topicArn}`);
    const n = (pending: number) => Number(rows.find((r) => Number(r.pending) === pending)?.n ?? 0);
    return { confirmed: n(0), pending: n(1), deleted: Number(t?.deleted_subscriptions ?? 0) };
  }
}

function topicOf(r: Row): Topic {
  return { arn: String(r.arn), name: String(r.name), fifo: Number(r.fifo) === 1, attributes: JSON.parse(String(r.attributes)),
    tags: JSON.parse(String(r.tags)), createdAt: Number(r.created_at) };
}

function subscriptionOf(r: Row): Subscription {
  return { arn: String(r.arn), topicArn: String(r.topic_arn), protocol: String(r.protocol) as Protocol, endpoint: String(r.endpoint),
    owner: String(r.owner), state: JSON.parse(String(r.state)) as SubscriptionState, attributes: JSON.parse(String(r.attributes)),
    createdAt: Number(r.created_at) };
}
