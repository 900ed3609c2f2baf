// Messages in SQL. The hot paths are one or two indexed statements per batch: a send
// allocates sequence numbers on the queue row and inserts all its rows in one statement;
// a receive claims visible rows in one UPDATE ... RETURNING (SKIP LOCKED on PostgreSQL);
// a delete is one DELETE by primary key. Visibility and delays are timestamps
// (`visible_at`), so a restart loses no timer.
import { sql, type Query, type Row, type Sql, type SqlRunner, type SqlValue } from '../../store/sql';
import type { NewMessage, Queue, StoredMessage } from './model';

const COLUMNS = 'qid, seq, message_id, body, md5, extras, sent_at, visible_at, receive_count, first_receive_at, group_id, dedup_id, receipt';
const ROWS_PER_INSERT = 200;

/** A query with a dynamic shape: text and bound values appended in order. */
class Q {
  private strings: string[] = [''];
  private values: SqlValue[] = [];
  t(text: string): this { this.strings[this.strings.length - 1] += text; return this; }
  v(value: SqlValue): this { this.values.push(value); this.strings.push(''); return this; }
  append(other: Q): this {
    const { strings, values } = other.q;
    this.t(strings[0]);
    values.forEach((v, i) => this.v(v).t(strings[i + 1]));
    return this;
  }
  list(values: SqlValue[]): this { values.forEach((x, i) => { if (i) this.t(', '); this.v(x); }); return this; }
  get q(): Query { return { strings: this.strings, values: this.values }; }
}

export interface ClaimOptions { max: number; now: number; visibleAt: number; token: string; cutoff: number }
export interface Counts { visible: number; notVisible: number; delayed: number }
export interface StoredRow { seq: number; message: NewMessage; sentAt: number; visibleAt: number; receiveCount?: number; firstReceiveAt?: number | null }

export class MessageStore {
  constructor(private readonly db: Sql) {}

  /** Takes `n` sequence numbers of a queue (inside a transaction); undefined when the queue is gone. */
  async allocate(tx: SqlRunner, qid: string, n: number): Promise<number | undefined> {
    const row = await tx.get<{ next_seq: number }>(sql`UPDATE sqs_queues SET next_seq = next_seq + ${n} WHERE qid = ${qid} RETURNING next_seq`);
    return row ? Number(row.next_seq) - n + 1 : undefined;
  }

  /** Inserts new messages with their sequence numbers (inside a transaction). */
  async insert(tx: SqlRunner, qid: string, rows: StoredRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const b = new Q().t(`INSERT INTO sqs_messages (${COLUMNS}) VALUES `);
      rows.slice(i, i + ROWS_PER_INSERT).forEach((r, k) => {
        const m = r.message;
        const extras = Object.keys(m.extras).length ? JSON.stringify(m.extras) : null;
        b.t(k ? ', (' : '(').list([qid, r.seq, m.messageId, m.body, m.md5OfBody, extras, r.sentAt, r.visibleAt,
          r.receiveCount ?? 0, r.firstReceiveAt ?? null, m.groupId, m.dedupId, null]).t(')');
      });
      await tx.run(b.q);
    }
  }

  /** A FIFO queue's live deduplication entry for a key (inside a transaction). */
  async dedup(tx: SqlRunner, qid: string, key: string, now: number): Promise<{ messageId: string; seq: number } | undefined> {
    const row = await tx.get(sql`SELECT message_id, seq FROM sqs_dedup WHERE qid = ${qid} AND dedup_key = ${key} AND expires_at > ${now}`);
    return row ? { messageId: String(row.message_id), seq: Number(row.seq) } : undefined;
  }

  async putDedup(tx: SqlRunner, qid: string, key: string, messageId: string, seq: number, expiresAt: number): Promise<void> {
    await tx.run(sql`INSERT INTO sqs_dedup (qid, dedup_key, message_id, seq, expires_at) VALUES (${qid}, ${key}, ${messageId},
      ${seq}, ${expiresAt}) ON CONFLICT (qid, dedup_key) DO UPDATE SET message_id = excluded.message_id, seq = excluded.seq,
      expires_at = excluded.expires_at`);
  }

  /**
   * Claims up to `max` visible, unexpired messages: hides them until `visibleAt`, counts
   * the receive, stamps the receipt token. FIFO: in sequence order, only from message
   * groups with nothing in flight (the queue row is locked meanwhile on PostgreSQL).
   */
  async claim(queue: Queue, o: ClaimOptions): Promise<StoredMessage[]> {
    const pg = this.db.dialect === 'postgres';
    // The candidates: visible, unexpired; FIFO in sequence order from groups with nothing in flight.
    const pick = new Q().t('SELECT seq FROM sqs_messages WHERE qid = ').v(queue.qid).t(' AND visible_at <= ').v(o.now)
      .t(' AND sent_at > ').v(o.cutoff);
    if (queue.fifo) {
      pick.t(' AND group_id NOT IN (SELECT group_id FROM sqs_messages WHERE qid = ').v(queue.qid).t(' AND visible_at > ').v(o.now)
        .t(' AND receive_count > 0) ORDER BY seq');
    } else {
      pick.t(' ORDER BY visible_at');
    }
    pick.t(' LIMIT ').v(o.max);
    const set = (b: Q, alias: string) => b.t(`UPDATE sqs_messages${alias} SET visible_at = `).v(o.visibleAt)
      .t(', receive_count = receive_count + 1, first_receive_at = COALESCE(first_receive_at, ').v(o.now).t('), receipt = ').v(o.token);
    let b: Q;
    if (pg) {
      // A materialised CTE: PostgreSQL may re-run an IN (... LIMIT) subquery and take more rows than asked.
      b = new Q().t('WITH picked AS MATERIALIZED (').append(pick).t(queue.fifo ? '' : ' FOR UPDATE SKIP LOCKED').t(') ');
      set(b, ' m').t(' FROM picked WHERE m.qid = ').v(queue.qid).t(' AND m.seq = picked.seq AND m.visible_at <= ').v(o.now)
        .t(` RETURNING ${COLUMNS.split(', ').map((c) => `m.${c}`).join(', ')}`);
    } else {
      b = set(new Q(), '').t(' WHERE qid = ').v(queue.qid).t(' AND seq IN (').append(pick).t(`) RETURNING ${COLUMNS}`);
    }
    const rows = queue.fifo && pg
      ? await this.db.transaction(async (tx) => {
        await tx.run(sql`UPDATE sqs_queues SET next_seq = next_seq WHERE qid = ${queue.qid}`);
        return tx.all(b.q);
      })
      : await this.db.all(b.q);
    return rows.map(toMessage).sort((x, y) => x.seq - y.seq);
  }

  /** When the next hidden (in-flight or delayed) message of a queue turns visible. */
  async nextVisibleAt(qid: string, now: number): Promise<number | undefined> {
    const row = await this.db.get(sql`SELECT MIN(visible_at) AS at FROM sqs_messages WHERE qid = ${qid} AND visible_at > ${now}`);
    return row?.at == null ? undefined : Number(row.at);
  }

  async delete(qid: string, seqs: number[]): Promise<number> {
    if (seqs.length === 0) return 0;
    return (await this.db.run(new Q().t('DELETE FROM sqs_messages WHERE qid = ').v(qid).t(' AND seq IN (').list(seqs).t(')').q)).changes;
  }

  /** Moves an in-flight message's visibility; 0 when it is not in flight under that receipt. */
  async changeVisibility(qid: string, seq: number, receipt: string, visibleAt: number, now: number): Promise<number> {
    return (await this.db.run(sql`UPDATE sqs_messages SET visible_at = ${visibleAt} WHERE qid = ${qid} AND seq = ${seq}
      AND receipt = ${receipt} AND visible_at > ${now}`)).changes;
  }

  async get(qid: string, seq: number): Promise<StoredMessage | undefined> {
    const row = await this.db.get(new Q().t(`SELECT ${COLUMNS} FROM sqs_messages WHERE qid = `).v(qid).t(' AND seq = ').v(seq).q);
    return row ? toMessage(row) : undefined;
  }

  async counts(qid: string, now: number, cutoff: number): Promise<Counts> {
    const row = await this.db.get(sql`SELECT
      SUM(CASE WHEN visible_at <= ${now} THEN 1 ELSE 0 END) AS visible,
      SUM(CASE WHEN visible_at > ${now} AND receive_count > 0 THEN 1 ELSE 0 END) AS not_visible,
      SUM(CASE WHEN visible_at > ${now} AND receive_count = 0 THEN 1 ELSE 0 END) AS delayed
      FROM sqs_messages WHERE qid = ${qid} AND sent_at > ${cutoff}`);
    return { visible: Number(row?.visible ?? 0), notVisible: Number(row?.not_visible ?? 0), delayed: Number(row?.delayed ?? 0) };
  }

  /** Visible messages, oldest first (what a move task takes next). */
  async visible(qid: string, now: number, limit: number): Promise<StoredMessage[]> {
    const rows = await this.db.all(new Q().t(`SELECT ${COLUMNS} FROM sqs_messages WHERE qid = `).v(qid)
      .t(' AND visible_at <= ').v(now).t(' ORDER BY seq LIMIT ').v(limit).q);
    return rows.map(toMessage);
  }

  /** Deletes a queue's messages sent at or before `cutoff` (retention). */
  async expire(qid: string, cutoff: number): Promise<number> {
    return (await this.db.run(sql`DELETE FROM sqs_messages WHERE qid = ${qid} AND sent_at <= ${cutoff}`)).changes;
  }

  async expireDedup(now: number): Promise<void> {
    await this.db.run(sql`DELETE FROM sqs_dedup WHERE expires_at <= ${now}`);
  }

  transaction<T>(body: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.db.transaction(body);
  }

  /** Deletes rows (inside a transaction). */
  async deleteIn(tx: SqlRunner, qid: string, seqs: number[]): Promise<void> {
    if (seqs.length) await tx.run(new Q().t('DELETE FROM sqs_messages WHERE qid = ').v(qid).t(' AND seq IN (').list(seqs).t(')').q);
  }
}

function toMessage(r: Row): StoredMessage {
  return {
    qid: String(r.qid), seq: Number(r.seq), messageId: String(r.message_id), body: String(r.body), md5OfBody: String(r.md5),
    extras: r.extras == null ? {} : JSON.parse(String(r.extras)),
    sentAt: Number(r.sent_at), visibleAt: Number(r.visible_at), receiveCount: Number(r.receive_count),
    firstReceiveAt: r.first_receive_at == null ? null : Number(r.first_receive_at),
    groupId: r.group_id == null ? null : String(r.group_id), dedupId: r.dedup_id == null ? null : String(r.dedup_id),
    receipt: r.receipt == null ? null : String(r.receipt),
  };
}
