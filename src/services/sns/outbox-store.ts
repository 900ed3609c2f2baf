// The outbox: each published message (stored once) and one row per delivery still owed to a
// subscription, written in the transaction that acknowledges the Publish. The dispatcher
// claims due rows by taking their lease (so two nodes never deliver one row at the same
// time), deletes each on success and the message with its last delivery.
import { sql, type Sql, type SqlRunner } from '../../store/sql';
import type { Delivery, PublishedMessage } from './model';

/** FIFO dedup entries live this long (SNS's 5-minute deduplication interval). */
export const DEDUP_WINDOW_MS = 5 * 60_000;

/** One publish as the group commit writes it. */
export interface OutboxEntry {
  message: PublishedMessage;
  /** Subscriptions to deliver to, with the first `next_at` (now + the publisher's lease). */
  deliveries: Delivery[];
  /** FIFO topics: the key deduplicating the message; filled in: the original when a duplicate. */
  dedupKey?: string;
  duplicateOf?: { messageId: string; sequenceNumber: string };
}

export class OutboxStore {
  constructor(private readonly db: Sql) {}

  /** Writes a batch of publishes in `tx` (numbering FIFO messages and dropping duplicates). */
  async write(tx: SqlRunner, entries: OutboxEntry[], now: number): Promise<void> {
    for (const e of entries) {
      const m = e.message;
      if (e.dedupKey !== undefined) {
        const seen = await tx.get<{ message_id: string; sequence_number: string }>(sql`SELECT message_id, sequence_number FROM sns_dedup
          WHERE topic_arn = ${m.topicArn} AND dedup_id = ${e.dedupKey} AND expires_at > ${now}`);
        if (seen) { e.duplicateOf = { messageId: seen.message_id, sequenceNumber: seen.sequence_number }; continue; }
        const row = await tx.get<{ next_seq: number }>(sql`UPDATE sns_topics SET next_seq = next_seq + 1 WHERE arn = ${m.topicArn} RETURNING next_seq`);
        m.sequenceNumber = String(10n ** 19n + BigInt(Number(row?.next_seq ?? 0)));
        await tx.run(sql`INSERT INTO sns_dedup (topic_arn, dedup_id, message_id, sequence_number, expires_at)
          VALUES (${m.topicArn}, ${e.dedupKey}, ${m.messageId}, ${m.sequenceNumber}, ${now + DEDUP_WINDOW_MS})
          ON CONFLICT (topic_arn, dedup_id) DO UPDATE SET message_id = excluded.message_id,
          sequence_number = excluded.sequence_number, expires_at = excluded.expires_at`);
      }
      if (!e.deliveries.length) continue;
      await tx.run(sql`INSERT INTO sns_messages (message_id, topic_arn, body, created_at)
        VALUES (${m.messageId}, ${m.topicArn}, ${JSON.stringify(m)}, ${now})`);
      for (const d of e.deliveries) {
        await tx.run(sql`INSERT INTO sns_deliveries (id, message_id, subscription_arn, attempts, next_at, lease)
          VALUES (${d.id}, ${d.messageId}, ${d.subscriptionArn}, ${d.attempts}, ${d.nextAt}, ${d.lease})`);
      }
    }
  }

  /** Deliveries due at `now`, oldest first. */
  async due(now: number, limit: number): Promise<Delivery[]> {
    const rows = await this.db.all<{ id: string; message_id: string; subscription_arn: string; attempts: number; next_at: number; lease: number }>(
      sql`SELECT id, message_id, subscription_arn, attempts, next_at, lease FROM sns_deliveries
      WHERE next_at <= ${now} AND lease <= ${now} ORDER BY next_at LIMIT ${limit}`);
    return rows.map((r) => ({ id: r.id, messageId: r.message_id, subscriptionArn: r.subscription_arn, attempts: Number(r.attempts),
      nextAt: Number(r.next_at), lease: Number(r.lease) }));
  }

  /** Takes the lease of a due delivery: true when this caller won it. */
  async claim(d: Delivery, leaseUntil: number): Promise<boolean> {
    const r = await this.db.run(sql`UPDATE sns_deliveries SET lease = ${leaseUntil} WHERE id = ${d.id} AND lease = ${d.lease}`);
    if (r.changes === 1) d.lease = leaseUntil;
    return r.changes === 1;
  }

  /** Records a failed attempt and when to try again (giving the lease up). */
  async retryAt(d: Delivery, attempts: number, nextAt: number): Promise<void> {
    await this.db.run(sql`UPDATE sns_deliveries SET attempts = ${attempts}, next_at = ${nextAt}, lease = ${0} WHERE id = ${d.id}`);
    d.attempts = attempts;
    d.nextAt = nextAt;
    d.lease = 0;
  }

  /** Gives up every lease: for a store only this process uses (SQLite), whose earlier run's leases died with it. */
  async releaseAll(): Promise<void> {
    await this.db.run(sql`UPDATE sns_deliveries SET lease = ${0} WHERE lease > ${0}`);
  }

  /** Deletes a finished delivery, and its message when it was the last one. */
  async finish(d: Delivery): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run(sql`DELETE FROM sns_deliveries WHERE id = ${d.id}`);
      const left = await tx.get(sql`SELECT id FROM sns_deliveries WHERE message_id = ${d.messageId} LIMIT 1`);
      if (!left) await tx.run(sql`DELETE FROM sns_messages WHERE message_id = ${d.messageId}`);
    });
  }

  async message(messageId: string): Promise<PublishedMessage | undefined> {
    const row = await this.db.get<{ body: string }>(sql`SELECT body FROM sns_messages WHERE message_id = ${messageId}`);
    return row ? (JSON.parse(row.body) as PublishedMessage) : undefined;
  }

  async pending(): Promise<number> {
    const row = await this.db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM sns_deliveries`);
    return Number(row?.n ?? 0);
  }

  async expireDedup(now: number): Promise<void> {
    await this.db.run(sql`DELETE FROM sns_dedup WHERE expires_at <= ${now}`);
  }
}
